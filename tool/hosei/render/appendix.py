"""Output formats shared by the commands: JSON structures, CSV and terminal tables."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from lxml import etree

from ..core.appendix import AppendixRow
from ..core.model import Law, Provision
from ..core.numerals import KANJI_RUN


def provision_json(law: Law, node: Provision | None) -> dict[str, object]:
    """A nested, documented structure: law header, then the provision tree with citations and texts."""
    top = node if node is not None else None
    out: dict[str, object] = {
        "law_id": law.law_id,
        "title": law.title,
        "law_num": law.law_num,
        "abbreviations": law.abbreviations,
        "promulgated": law.promulgated.isoformat() if law.promulgated else None,
    }
    if top is None:
        out["main"] = _node_json(law.main)
        out["suppl_provisions"] = [_node_json(s) for s in law.suppl_provisions]
        out["appendix_tables"] = [_node_json(t) for t in law.appendix_tables]
    else:
        out["provision"] = _node_json(top)
    return out


def _node_json(p: Provision) -> dict[str, object]:
    d: dict[str, object] = {"kind": p.kind, "citation": p.citation_text(), "title": p.title}
    if p.caption:
        d["caption"] = p.caption
    text = p.own_text()
    if text:
        d["text"] = text
    if p.kind == "suppl" and p.el.get("AmendLawNum"):
        d["amend_law_num"] = p.el.get("AmendLawNum")
    children = p.children()
    if p.kind == "article" and len(children) == 1:
        children = children[0].children()  # a single paragraph is the article itself
    if children:
        d["children"] = [_node_json(c) for c in children]
    return d


def provision_xml(p: Provision) -> bytes:
    return etree.tostring(p.el, encoding="UTF-8", with_tail=False) + b"\n"


def rows_json(rows: Iterable[AppendixRow]) -> str:
    import json

    return json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2)


def rows_csv(rows: Iterable[AppendixRow]) -> str:
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "label", "body", "affair", "basis_laws", "field"])
    for r in rows:
        w.writerow([r.id, r.label, r.body, r.affair, ";".join(r.basis_laws), r.field or ""])
    return buf.getvalue()


def display_width(text: str) -> int:
    """Terminal columns taken by *text* (wide characters count two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fit(text: str, width: int) -> str:
    """Cut *text* to *width* terminal columns (with …) and pad it to exactly that width."""
    out = []
    used = 0
    for c in text:
        w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if used + w > width - (1 if used + w < display_width(text) else 0):
            out.append("…")
            used += 1
            break
        out.append(c)
        used += w
    return "".join(out) + " " * max(0, width - used)


def rows_table(rows: list[AppendixRow], width: int = 120) -> str:
    """An aligned table: label, id, body, affair (cut to the terminal width)."""
    label_w = max((display_width(r.label) for r in rows), default=4)
    body_w = min(max((display_width(r.body) for r in rows), default=8), 30)
    affair_w = max(20, width - label_w - body_w - 10 - 8)
    lines = [f"{fit('項', label_w)}  {fit('id', 10)}  {fit('主体', body_w)}  事務"]
    for r in rows:
        lines.append(
            f"{fit(r.label, label_w)}  {r.id}  {fit(r.body, body_w)}  {fit(r.affair, affair_w).rstrip()}"
        )
    lines.append(f"{len(rows)} rows")
    return "\n".join(lines)


def row_text(r: AppendixRow) -> str:
    lines = [
        f"項: {r.label}",
        f"id: {r.id}",
        f"主体: {r.body}",
        f"事務: {r.affair}",
    ]
    if r.basis_laws:
        lines.append(f"根拠法: {'、'.join(r.basis_laws)}")
    if r.field:
        lines.append(f"分野: {r.field}")
    return "\n".join(lines)


def log_table(entries: list[Any], with_label: bool = False) -> str:
    """Revisions as an aligned table: commit, 施行日, amending act (and change or label)."""
    from ..history.revision import BASE_TEXT_LABEL

    lines = []
    header = ["commit    ", "施行日    ", "改正法"]
    if with_label:
        header.insert(2, fit("項", 12))
    lines.append("  ".join(header))
    for e in entries:
        r = e.revision
        act = r.amended_by or f"（{BASE_TEXT_LABEL}）"
        cols = [r.commit[:10], r.enforced.isoformat()]
        if with_label:
            cols.append(fit(e.label or "（なし）", 12))
        cols.append(act + (f"  [{e.change}]" if getattr(e, "change", None) else ""))
        lines.append("  ".join(cols))
    lines.append(f"{len(entries)} revisions")
    return "\n".join(lines)


def draft_html(lines: list[str]) -> str:
    """A draft as a printable page in the horizontal 例規 layout (tables as tables; hosei/pages/draft.html.j2)."""
    from ..core.pages import render_page

    blocks: list[dict[str, object]] = []
    table: list[list[str]] = []

    def flush() -> None:
        if table:
            head, *rest = table
            blocks.append({"kind": "table", "head": head, "rows": rest})
            table.clear()

    for i, line in enumerate(lines):
        if line.startswith("| "):
            table.append([c.strip() for c in line.strip("| ").split(" | ")])
            continue
        flush()
        text = line.strip("　")
        if i == 0:
            kind = "title"
        elif i == 1:
            kind = "num"
        elif line.startswith(("(", "（")) and line.endswith((")", "）")):
            kind = "caption"
        elif text.startswith(("附則", "附　則")):
            kind = "suppl"
        elif line.startswith("別表"):
            kind = "appdx"
        elif line.startswith("第") and "条" in line[:6]:
            kind = "article"
        else:
            kind = "para"
        blocks.append({"kind": kind, "text": text})
    flush()
    return render_page("draft.html.j2", title=lines[0], blocks=blocks)


def draft_docx(lines: list[str]) -> bytes:
    """A draft as a Word document typeset as ordinances are printed: A4 with print margins, a Mincho font, the
    title centred, the number line centred under it, captions indented one character, articles and paragraphs with
    a hanging indent of one character, items of one more, 「附　則」 indented, tables with grid lines, and no space
    added between paragraphs (line by line, as a 例規集 page reads)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    size = Pt(10.5)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, not the template's US Letter
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(25)
    style = doc.styles["Normal"]
    style.font.name = "MS Mincho"
    style.font.size = size
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "MS Mincho")
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.15
    table_rows: list[list[str]] = []

    def flush() -> None:
        if table_rows:
            t = doc.add_table(rows=0, cols=len(table_rows[0]))
            t.style = "Table Grid"
            for row in table_rows:
                cells = t.add_row().cells
                for cell, text in zip(cells, row, strict=False):
                    cell.text = text
            table_rows.clear()

    def paragraph(text: str, left: float = 0.0, first: float = 0.0, centre: bool = False) -> None:
        """*left* and *first* in characters (the first line hangs out by -first)."""
        p = doc.add_paragraph(text)
        fmt = p.paragraph_format
        fmt.left_indent = Pt(size.pt * left) if left else None
        fmt.first_line_indent = Pt(size.pt * first) if first else None
        if centre:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    for i, line in enumerate(lines):
        if line.startswith("| "):
            table_rows.append([c.strip() for c in line.strip("| ").split(" | ")])
            continue
        flush()
        text = line.strip("　 ")
        if i == 0:
            paragraph(text, centre=True)  # the title
        elif i == 1 and text.startswith(("（", "(")) and "号" in text:
            paragraph(text, centre=True)  # （令和8年更別村条例第○号）
        elif text.startswith(("（", "(")) and text.endswith(("）", ")")):
            paragraph(text, left=1)  # a caption stands one character in
        elif re.match(r"^附[ 　]*則", text):
            paragraph(re.sub(r"^附[ 　]*則", "附　則", text), left=3)
        elif re.match(rf"^[0-9０-９]+[ 　]|^{KANJI_RUN}[ 　]", text):
            is_item = bool(re.match(rf"^{KANJI_RUN}[ 　]|^[(（]?[0-9０-９]+[)）][ 　]", text))
            # a paragraph (２　…) hangs by one character; an item (一　…) stands one in and hangs by one
            paragraph(text, left=2 if is_item else 1, first=-1)
        else:
            paragraph(text, left=1, first=-1)  # an article (第1条　…) and running text hang by one character
    flush()
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
