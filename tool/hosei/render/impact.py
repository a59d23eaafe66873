"""The impact report as a self-contained HTML page: summary counts, the affected bodies with each citation and its
new target, then the provision map (collapsed: reviewers look at bodies first, the map only to check one)."""

from __future__ import annotations

import html
from pathlib import Path

from ..analysis.impact import ImpactReport

KIND_LABELS = {
    "moved": "移動（新しい引用へ改正）",
    "rewritten": "書換え（法の定める用語へ改正）",
    "deleted": "削除（要対応）",
    "changed": "内容変更（要確認）",
    "unverified": "未確認（より新しい法に基づく条例のため移動せず）",
    "unchanged": "変更なし",
    "unknown": "不明",
}
_STYLE = (
    "body{font-family:'Noto Sans CJK JP','Hiragino Sans',sans-serif;max-width:1100px;margin:24px auto;color:#222}"
    "table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:18px}"
    "td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f3f5f8}"
    "table.summary{width:auto}table.summary td:last-child{text-align:right;font-variant-numeric:tabular-nums}"
    "tr.moved td.kind,tr.deleted td.kind{color:#b00020;font-weight:bold}tr.changed td.kind,tr.unverified td.kind{color:#8a5a00}"
    "tr.unchanged{color:#777}.new{text-decoration:underline}h2{border-bottom:2px solid #345;padding-bottom:2px}"
    "details summary{cursor:pointer;font-weight:bold;margin:8px 0}"
)


def to_html(report: ImpactReport) -> str:
    """One page, no external resources, so it can be mailed to the municipalities it names."""
    e = html.escape
    s = report.summary()
    out = [
        f"<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'><title>条ずれ影響調査 {e(report.law)}</title>"
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{e(report.law)}の改正による条例への影響</h1>",
        f"<p>{e(report.from_label)} → {e(report.to_label)}</p>",
        "<table class='summary'>",
        f"<tr><th>条例数</th><td>{s['ordinances']}</td></tr>",
        f"<tr><th>影響を受ける条例</th><td>{s['affected']}</td></tr>",
    ]
    for kind, label in KIND_LABELS.items():
        if kind in s["citations"]:
            out.append(f"<tr><th>引用：{e(label)}</th><td>{s['citations'][kind]}</td></tr>")
    out.append(f"<tr><th>改正案を作成</th><td>{s['drafts']}</td></tr></table>")
    out.append("<h2>影響を受ける条例</h2>")
    affected = [o for o in report.ordinances if o.affected]
    if not affected:
        out.append("<p>なし</p>")
    for o in affected:
        draft = ""
        if o.draft:
            draft = f" — <a href='{e(Path(o.draft).as_uri() if Path(o.draft).is_absolute() else o.draft)}'>改正案</a>"
        out.append(f"<h3>{e(o.title)}</h3><p><code>{e(o.source)}</code>{draft}</p>")
        out.append("<table><tr><th>条項</th><th>引用</th><th>結果</th><th>改正後の引用</th></tr>")
        for c in o.citations:
            out.append(
                f"<tr class='{c.kind}'><td>{e(c.provision)}</td><td>{e(c.quote)}</td>"
                f"<td class='kind'>{e(KIND_LABELS.get(c.kind, c.kind))}</td>"
                f"<td class='new'>{e(c.new_quote or '')}</td></tr>"
            )
        out.append("</table>")
    rest = [o for o in report.ordinances if not o.affected]
    if rest:
        out.append(f"<details><summary>影響のない条例（{len(rest)}）</summary><ul>")
        out.extend(f"<li>{e(o.title)} <code>{e(o.source)}</code></li>" for o in rest)
        out.append("</ul></details>")
    out.append(f"<details><summary>条項の対応表（移動・削除 {len(report.moved_provisions)}）</summary>")
    out.append("<table><tr><th>改正前</th><th>改正後</th></tr>")
    for old, new in report.moved_provisions.items():
        out.append(f"<tr><td>{e(old)}</td><td>{e(new or '（削除）')}</td></tr>")
    out.append("</table></details></body></html>\n")
    return "".join(out)
