"""The divergence report for Japanese reviewers: one self-contained page (hosei/pages/divergence.html.j2).

This module assembles what the page shows — counts, the chart, the tables, each body's provisions with what differs
from the model marked — in Japanese, with row labels instead of internal ids and the body's own words instead of
the normalised placeholders the measurement uses.
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..analysis.divergence import Report
from ..core.numerals import KANJI_NUMERALS, parse_number
from ..core.pages import render_page

LABELS = {
    "purpose": "趣旨・目的",
    "definitions": "定義",
    "duty": "責務",
    "scope": "利用範囲",
    "provision": "特定個人情報の提供",
    "delegation": "委任",
}
FLAG_LABELS = {
    "stale_citation": "古い引用",
    "catch_all": "包括的な事務",
    "missing_provision": "規定の欠落",
    "extra_provision": "モデルにない規定",
    "unmatched_affair": "一覧にない事務",
}
SEVERITY_LABELS = {"high": "高", "medium": "中", "low": "低"}


@dataclass
class ProvisionRow:
    label: str
    bodies: int
    variants: int
    top_share: str
    fragmentation: str


def _share(value: float) -> str:
    return f"{value * 100:.0f}%"


def _distance(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _chart(report: Report) -> Markup:
    """Where bodies differ in substance: per provision, the share of bodies that use the most common wording,
    another wording, or (full ordinances only) have no such provision. Inline SVG drawn by matplotlib."""
    import logging
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    # labels stay text in the SVG (svg.fonttype none) and the browser's CJK font draws them
    warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"
    full = [b for b in report.bodies if not b.partial]
    names, top, other, absent = [], [], [], []
    for p in report.provisions:
        key = p["provision"]
        lacking = sum(1 for b in full if key not in b.texts)
        total = p["bodies"] + lacking
        names.append(LABELS.get(key, key))
        top.append(p["top_share"] * p["bodies"] / total)
        other.append((p["bodies"] - p["top_share"] * p["bodies"]) / total)
        absent.append(lacking / total)
    fig, ax = plt.subplots(figsize=(7.5, 2.9), dpi=100)
    y = range(len(names))
    ax.barh(y, top, color="#4a6fa5", label="最も多い文言")
    ax.barh(y, other, left=top, color="#e0a030", label="他の文言")
    ax.barh(
        y, absent, left=[a + b for a, b in zip(top, other, strict=True)], color="#c8c8c8", label="規定なし"
    )
    ax.set_yticks(list(y), names)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    svg = buf.getvalue()
    return Markup(svg[svg.index("<svg") :])


_NON_SPACE = re.compile(r"\S+")
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {
    0x3000: 0x20,
    ord(","): ord("、"),
    0xFF0C: ord("、"),
}
_KANJI_RUN = re.compile(f"[{KANJI_NUMERALS}]+(?=[条項号欄年月日])")


def _comparable(text: str) -> tuple[str, list[int]]:
    """The text as compared for marking (width-folded, numerals Arabic, no spaces, one comma), with the index in
    *text* of each character, so that differences found on it are marked on the text as the body wrote it."""
    out: list[str] = []
    origin: list[int] = []

    def plain(start: int, end: int) -> None:
        # width folding one character for one (full-width ASCII, the ideographic space), so positions carry over
        segment = text[start:end].translate(_FOLD)
        for run in _NON_SPACE.finditer(segment):
            out.append(run.group(0))
            origin.extend(range(start + run.start(), start + run.end()))

    pos = 0
    for m in _KANJI_RUN.finditer(text):
        plain(pos, m.start())
        digits = str(parse_number(m.group(0)))
        out.extend(digits)
        origin.extend([m.start()] * len(digits))
        pos = m.end()
    plain(pos, len(text))
    return "".join(out), origin


@dataclass
class Marked:
    """A body's provision as written, cut into what it shares with the model ("same"), what only it has ("ins")
    and what only the model has ("del", at its place); or, when the two differ too much to mark, the model's text
    to show beneath it."""

    segments: list[tuple[str, str]]
    model: str | None = None


def marked(model: str, mine: str) -> Marked:
    """What differs between the model's provision and the body's, found on their comparable forms (width,
    numerals, spaces) and mapped back onto the body's own text."""
    from ..compare.chars import char_diff

    a, _ = _comparable(model)
    b, origin = _comparable(mine)
    spans = char_diff(a, b)
    if sum(len(text) for op, text in spans if op == "equal") < 0.5 * max(len(a), len(b), 1):
        return Marked([("same", mine)], model)
    inserted: list[tuple[int, int]] = []
    deleted: list[tuple[int, str]] = []
    pos = 0
    for op, text in spans:
        if op == "equal":
            pos += len(text)
        elif op == "insert":
            inserted.append((origin[pos], origin[pos + len(text) - 1] + 1))
            pos += len(text)
        else:
            deleted.append((origin[pos] if pos < len(origin) else len(mine), text))
    cuts = sorted({0, len(mine), *(i for r in inserted for i in r), *(at for at, _ in deleted)})
    segments: list[tuple[str, str]] = []
    for start, end in zip(cuts, cuts[1:] + [len(mine)], strict=True):
        segments += [("del", gone) for at, gone in deleted if at == start]
        if start < end:
            inside = any(a <= start and end <= b for a, b in inserted)
            segments.append(("ins" if inside else "same", mine[start:end]))
    return Marked(segments)


def to_html(report: Report) -> str:
    flags = report.flags
    by_type = Counter(f.type for f in flags)
    bodies = report.bodies
    cards = [
        ("条例数", str(len(bodies))),
        ("指摘", str(len(flags))),
        ("指摘のある団体", str(len({f.source for f in flags}))),
        ("古い引用", str(by_type.get("stale_citation", 0))),
        ("包括的な事務", str(by_type.get("catch_all", 0))),
        ("法別表への追加候補", str(len(report.candidates))),
        ("モデルとの平均距離", _distance(_mean([b.distance for b in bodies]))),
        ("文言の組合せ", f"{len({b.cluster for b in bodies})}通り"),
    ]
    provisions = [
        ProvisionRow(
            LABELS.get(p["provision"], p["provision"]),
            p["bodies"],
            p["variants"],
            _share(p["top_share"]),
            f"{p['fragmentation']:.2f}",
        )
        for p in report.provisions
    ]
    candidates = [
        {
            "title": c["title"],
            "share": _share(c["share"]),
            "bodies": c["bodies"],
            "rows": "、".join(f"別表の{label}の項" for label in c.get("appendix_labels", [])) or "—",
        }
        for c in report.candidates
    ]
    groups: dict[str, list[Any]] = defaultdict(list)
    for b in bodies:
        groups[b.body.prefecture if b.body else "（団体不明）"].append(b)

    def order(item: tuple[str, list[Any]]) -> str:
        return min((b.body.code for b in item[1] if b.body), default="999999")

    prefectures = [
        {
            "name": pref,
            "ordinances": len(items),
            "flags": sum(len(b.flags) for b in items),
            "stale": sum(1 for b in items for f in b.flags if f.type == "stale_citation"),
            "distance": _distance(_mean([b.distance for b in items])),
        }
        for pref, items in sorted(groups.items(), key=order)
    ]
    flag_rows = [
        {
            "body": f.body,
            "type": f.type,
            "type_label": FLAG_LABELS.get(f.type, f.type),
            "severity": f.severity,
            "severity_label": SEVERITY_LABELS.get(f.severity, f.severity),
            "provision": f.provision,
            "quote": f.quote,
            "reason": f.reason,
            "fix": f.fix,
        }
        for f in flags
    ]
    body_rows = []
    for b in sorted(bodies, key=lambda x: -1.0 if x.distance is None else -x.distance):
        model = report.model_display.get(b.source, {})
        shown = []
        for key, mine in b.raw.items():
            reference = model.get(key)
            if reference is None:
                continue
            shown.append({"label": LABELS.get(key, key), "text": marked(reference, mine)})
        body_rows.append(
            {
                "name": b.name,
                "distance": _distance(b.distance),
                "flags": len(b.flags),
                "cluster": b.cluster + 1,
                "partial": b.partial,
                "provisions": shown,
                "compared": bool(b.texts),
            }
        )
    return render_page(
        "divergence.html.j2",
        title="個人番号利用条例（法第9条第2項）の乖離分析",
        as_of=report.as_of,
        model=report.model,
        cards=cards,
        chart=_chart(report) if report.provisions else None,
        provisions=provisions,
        candidates=candidates,
        threshold=_share(report.threshold),
        prefectures=prefectures,
        flags=flag_rows,
        flag_types=[(t, FLAG_LABELS.get(t, t)) for t in sorted(by_type)],
        bodies=body_rows,
    )
