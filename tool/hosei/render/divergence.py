"""The divergence report as one self-contained HTML page: summary, chart, prefecture table, flags, bodies."""

from __future__ import annotations

import html
import io
from collections import Counter, defaultdict
from typing import Any

from ..analysis.divergence import Report

LABELS = {
    "purpose": "趣旨",
    "definitions": "定義",
    "duty": "責務",
    "scope": "利用範囲",
    "provision": "提供",
    "delegation": "委任",
}


def _chart(report: Report) -> str:
    """Fragmentation by provision, as inline SVG drawn by matplotlib (no network resources)."""
    import logging

    import matplotlib

    matplotlib.use("Agg")
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    import warnings

    # labels stay text in the SVG (svg.fonttype none) and the browser's CJK font draws them
    warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"
    names = [LABELS.get(p["provision"], p["provision"]) for p in report.provisions]
    values = [p["fragmentation"] for p in report.provisions]
    variants = [p["variants"] for p in report.provisions]
    fig, ax = plt.subplots(figsize=(7, 2.8), dpi=100)
    bars = ax.bar(range(len(names)), values, color="#4a6fa5")
    ax.set_xticks(range(len(names)), names)
    ax.set_ylim(0, 1)
    ax.set_ylabel("fragmentation")
    for bar, v in zip(bars, variants, strict=True):
        ax.annotate(
            f"{v} variants",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg") :]


_CSS = """
body{font-family:'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif;margin:24px auto;max-width:1200px;color:#1b1b1b}
h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ccc}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:140px}
.card b{display:block;font-size:22px}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}th{background:#f3f5f8;cursor:pointer}
tr.high td:nth-child(3){color:#b00020;font-weight:bold}tr.medium td:nth-child(3){color:#a06000}
input,select{margin:4px 8px 8px 0;padding:4px}details{border:1px solid #eee;margin:4px 0;padding:4px 8px}
u{text-decoration-color:#b00020;text-underline-offset:3px}.quote{font-family:serif}
"""

_JS = """
function filterFlags(){const t=document.getElementById('ftype').value,s=document.getElementById('fsev').value,
q=document.getElementById('fq').value;let n=0;document.querySelectorAll('#flags tbody tr').forEach(r=>{
const ok=(!t||r.dataset.type===t)&&(!s||r.dataset.sev===s)&&(!q||r.textContent.includes(q));r.style.display=ok?'':'none';if(ok)n++});
document.getElementById('fcount').textContent=n+' flags shown';}
function sortTable(th){const table=th.closest('table'),i=[...th.parentNode.children].indexOf(th),
rows=[...table.tBodies[0].rows],asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
rows.sort((a,b)=>{const x=a.cells[i].textContent,y=b.cells[i].textContent,nx=parseFloat(x),ny=parseFloat(y);
const c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y,'ja');return asc?c:-c});rows.forEach(r=>table.tBodies[0].appendChild(r));}
document.querySelectorAll('th').forEach(th=>th.addEventListener('click',()=>sortTable(th)));
"""


def to_html(report: Report) -> str:
    from ..compare.diff import char_diff

    e = html.escape
    flags = report.flags
    by_type = Counter(f.type for f in flags)
    bodies = report.bodies
    flagged = len({f.source for f in flags})
    out = [
        f"<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'><title>Article 9(2) divergence report</title><style>{_CSS}</style></head><body>"
    ]
    out.append("<h1>個人番号利用条例（法第9条第2項）の乖離分析</h1>")
    out.append(f"<p>Act in force on {e(report.as_of)}; model: {e(report.model)}.</p>")
    out.append("<div class='cards'>")
    for label, value in (
        ("ordinances", len(bodies)),
        ("flags", len(flags)),
        ("bodies flagged", flagged),
        ("stale citations", by_type.get("stale_citation", 0)),
        ("catch-alls", by_type.get("catch_all", 0)),
        ("promotion candidates", len(report.candidates)),
        ("mean distance from model", f"{sum(b.distance for b in bodies) / max(len(bodies), 1):.3f}"),
        ("clusters", len({b.cluster for b in bodies})),
    ):
        out.append(f"<div class='card'>{e(label)}<b>{e(str(value))}</b></div>")
    out.append("</div>")
    out.append("<h2>Fragmentation by provision</h2>")
    if report.provisions:
        out.append(_chart(report))
        out.append(
            "<table><thead><tr><th>provision</th><th>variants</th><th>bodies</th><th>fragmentation</th><th>share of most common</th></tr></thead><tbody>"
        )
        for p in report.provisions:
            out.append(
                f"<tr><td>{e(LABELS.get(p['provision'], p['provision']))}</td><td>{p['variants']}</td><td>{p['bodies']}</td><td>{p['fragmentation']:.3f}</td><td>{p['top_share']:.2f}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append(
        "<h2>Promotion candidates (affairs adopted widely enough to move into Appendix 1)</h2><table><thead><tr><th>affair</th><th>share</th><th>bodies</th><th>most similar Appendix 1 rows</th></tr></thead><tbody>"
    )
    for c in report.candidates:
        out.append(
            f"<tr><td>{e(c['title'])}</td><td>{c['share']:.2f}</td><td>{c['bodies']}</td><td>{e(', '.join(c['appendix_rows']))}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append(
        "<h2>By prefecture</h2><table><thead><tr><th>prefecture</th><th>ordinances</th><th>flags</th><th>stale citations</th><th>mean distance</th></tr></thead><tbody>"
    )
    groups: dict[str, list[Any]] = defaultdict(list)
    for b in bodies:
        groups[b.body.prefecture if b.body else "(unknown)"].append(b)

    def order(item: tuple[str, list[Any]]) -> str:
        return min((b.body.code for b in item[1] if b.body), default="999999")

    for pref, items in sorted(groups.items(), key=order):
        nflags = sum(len(b.flags) for b in items)
        stale = sum(1 for b in items for f in b.flags if f.type == "stale_citation")
        out.append(
            f"<tr><td>{e(pref)}</td><td>{len(items)}</td><td>{nflags}</td><td>{stale}</td><td>{sum(b.distance for b in items) / len(items):.3f}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append(
        "<h2>Flags</h2><div>type <select id='ftype' onchange='filterFlags()'><option value=''>all</option>"
    )
    for t in sorted(by_type):
        out.append(f"<option>{e(t)}</option>")
    out.append(
        "</select> severity <select id='fsev' onchange='filterFlags()'><option value=''>all</option><option>high</option><option>medium</option><option>low</option></select>"
    )
    out.append(
        f"search <input id='fq' oninput='filterFlags()'> <span id='fcount'>{len(flags)} flags shown</span></div>"
    )
    out.append(
        "<table id='flags'><thead><tr><th>body</th><th>type</th><th>severity</th><th>provision</th><th>quote</th><th>reason</th><th>fix</th></tr></thead><tbody>"
    )
    for f in flags:
        out.append(
            f"<tr class='{f.severity}' data-type='{e(f.type)}' data-sev='{f.severity}'><td>{e(f.body)}</td><td>{e(f.type)}</td>"
            f"<td>{f.severity}</td><td>{e(f.provision)}</td><td class='quote'>{e(f.quote)}</td><td>{e(f.reason)}</td><td>{e(f.fix)}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append(
        "<h2>Bodies</h2><p>Each body's provisions that differ from the model (after normalisation), changes underlined.</p>"
    )
    model_cache = report.model_texts
    for b in sorted(bodies, key=lambda x: -x.distance):
        out.append(
            f"<details><summary>{e(b.name)} — distance {b.distance:.3f}, {len(b.flags)} flags, cluster {b.cluster}</summary>"
        )
        for key in b.raw:
            model = model_cache.get(f"{b.body.code if b.body else 'none'}:{key}")
            if model is None or model == b.texts.get(key):
                continue
            spans = char_diff(model, b.texts.get(key, ""))
            rendered = "".join(
                e(t) if op == "equal" else (f"<u>{e(t)}</u>" if op == "insert" else "") for op, t in spans
            )
            out.append(f"<p><b>{e(LABELS.get(key, key))}</b>　{rendered}</p>")
        out.append("</details>")
    out.append(f"<script>{_JS}</script></body></html>\n")
    return "".join(out)
