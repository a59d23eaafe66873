"""Renderers for a diff: comparison table (HTML, Word), terminal, JSON change list, unified diff.

JSON (stable): a list of change records ``{"kind": "added"|"deleted"|"modified"|"moved", "old": citation|null,
"new": citation|null, "old_text": str|null, "new_text": str|null, "moved": bool, "level": provision kind,
"spans": [{"op": "equal"|"delete"|"insert", "text": str}, ...]}`` in document order. ``moved`` is true for a
provision that got a new number (kind "moved" when its text is unchanged, "modified" when it also changed).
``old_text``/``new_text`` of a modified record are the two texts the spans spell (the provision's own words:
caption and sentence, a single-paragraph article's sentence included, sub-provisions not; a division's title);
of an added, deleted or moved record the provision's whole text as printed (a division: its title).
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
import unicodedata
from io import BytesIO

from ..core.lawtext import render_law, render_provision
from .diff import DiffResult
from .table import COLUMN, Row, Table, split_columns

NOTE = "（傍線部分は改正部分）"


def to_json(result: DiffResult) -> str:
    """One change record per line: readable, greppable, and encoded by json's C encoder (``indent`` would
    switch to the pure-Python one, which costs more than the diff itself on a large law)."""
    if not result.changes:
        return "[]"
    records = [json.dumps(c.to_json(), ensure_ascii=False) for c in result.changes]
    return "[\n" + ",\n".join(records) + "\n]"


def to_unified(result: DiffResult, old_label: str, new_label: str) -> str:
    """A unified diff of the two text renderings (of the cited provision only, with ``--citation``)."""
    if result.citation is not None:
        o, n = result.blocks[0]
        old_lines = list(render_provision(o)) if o is not None else []
        new_lines = list(render_provision(n)) if n is not None else []
    else:
        old_lines = list(render_law(result.old))
        new_lines = list(render_law(result.new))
    return "".join(
        line if line.endswith("\n") else line + "\n"
        for line in difflib.unified_diff(
            old_lines, new_lines, fromfile=old_label, tofile=new_label, lineterm=""
        )
    )


def _columns(table: Table, order: str) -> tuple[list[str], bool]:
    """Header labels and whether the new version comes first."""
    new_first = order == "new-old"
    heads = ["改正後", "改正前"] if new_first else ["改正前", "改正後"]
    return heads, new_first


def _cells(row: Row, new_first: bool) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    return (row.new, row.old) if new_first else (row.old, row.new)


# --- HTML ---------------------------------------------------------------------------------------
def to_html(table: Table, order: str = "new-old") -> str:
    """The comparison table as the official ones look (hosei/pages/comparison.html.j2): 傍線 on changed words,
    （略）, （新設）/（削る）, A4 landscape print CSS."""
    from ..core.pages import render_page

    heads, new_first = _columns(table, order)
    labels = (table.new_label, table.old_label) if new_first else (table.old_label, table.new_label)
    rows = []
    for row in table.rows:
        left, right = _cells(row, new_first)
        rows.append(
            {"kind": row.kind, "depth": row.depth, "left": split_columns(left), "right": split_columns(right)}
        )
    return render_page(
        "comparison.html.j2",
        title=f"{table.title}　新旧対照表",
        table_title=table.title,
        heads=heads,
        labels=labels,
        note=NOTE,
        rows=rows,
    )


# --- Word -----------------------------------------------------------------------------------------
def to_docx(table: Table, order: str = "new-old") -> bytes:
    """The same table as a Word document: real underlines, Japanese fonts, A4 landscape."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    heads, new_first = _columns(table, order)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(14))
    style = doc.styles["Normal"]
    style.font.name = "MS Mincho"
    style.font.size = Pt(10.5)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "MS Mincho")
    fonts.set(qn("w:ascii"), "MS Mincho")
    fonts.set(qn("w:hAnsi"), "MS Mincho")

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(f"{table.title}　新旧対照表").font.size = Pt(14)
    labels = (table.new_label, table.old_label) if new_first else (table.old_label, table.new_label)
    doc.add_paragraph(f"{heads[0]}：{labels[0]}　　{heads[1]}：{labels[1]}")
    note = doc.add_paragraph(NOTE)
    note.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    grid = doc.add_table(rows=1, cols=2)
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, heads, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].add_run(text)
    _repeat_header(grid.rows[0])
    for row in table.rows:
        left, right = _cells(row, new_first)
        cells = grid.add_row().cells
        for cell, segments in zip(cells, (left, right), strict=True):
            para = cell.paragraphs[0]
            if row.depth:
                para.paragraph_format.left_indent = Pt(10.5 * row.depth)
            columns = split_columns(segments)
            if len(columns) > 1:  # a table's row (項 | 主体 | 事務): its columns as a table inside the cell
                inner = cell.add_table(rows=1, cols=len(columns))
                inner.style = "Table Grid"
                for inner_cell, column in zip(inner.rows[0].cells, columns, strict=True):
                    for text, underlined in column:
                        inner_cell.paragraphs[0].add_run(text).underline = bool(underlined)
                continue
            for text, underlined in segments:
                run = para.add_run(text)
                run.underline = bool(underlined)
    buf = BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _repeat_header(row: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr = row._tr  # type: ignore[attr-defined]
    trpr = tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


# --- terminal -------------------------------------------------------------------------------------
#: new wording green, old wording red (whichever column each stands in)
_STYLES = ("\x1b[32m", "\x1b[31m")


def _text_header(table: Table, heads: list[str], new_first: bool, color: bool) -> list[str]:
    """Title, the two versions in column order, and what marks a change."""
    return [
        f"{table.title}　新旧対照表",
        f"{heads[0]}：{table.new_label if new_first else table.old_label}",
        f"{heads[1]}：{table.old_label if new_first else table.new_label}",
        NOTE if color else "（［］内は改正部分）",
        "",
    ]


def to_text(table: Table, order: str = "new-old", color: bool = False, width: int | None = None) -> str:
    """A stacked view: each row's two versions one above the other, changes underlined (and coloured on a tty);
    with *width*, the two columns side by side like the printed table, each wrapped to half the width."""
    if width is not None:
        return _side_by_side(table, order, color, width)
    heads, new_first = _columns(table, order)

    def render(segments: list[tuple[str, bool]], changed_style: str) -> str:
        out = []
        for text, underlined in segments:
            if text == COLUMN:
                out.append("｜")
                continue
            if underlined and color:
                out.append(f"\x1b[4m{changed_style}{text}\x1b[0m")
            elif underlined:
                out.append(f"［{text}］")
            else:
                out.append(text)
        return "".join(out)

    lines = _text_header(table, heads, new_first, color)
    styles = _STYLES if new_first else _STYLES[::-1]
    for row in table.rows:
        left, right = _cells(row, new_first)
        pad = "　" * row.depth
        lines.append(f"{heads[0]}｜{pad}{render(left, styles[0])}".replace("\n", "\n" + " " * 8 + pad))
        lines.append(f"{heads[1]}｜{pad}{render(right, styles[1])}".replace("\n", "\n" + " " * 8 + pad))
        lines.append("")
    if not table.rows:
        lines.append("（改正なし）")
    return "\n".join(lines) + "\n"


def _cells_width(ch: str) -> int:
    """Terminal cells a character takes: two for wide and full-width (kanji, kana, 「」), one otherwise."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


#: characters a Japanese line never begins with (行頭禁則)
_NO_LINE_START = frozenset("、。，．）」』】〕］・：；？！ー")


def _wrapped(segments: list[tuple[str, bool]], indent: int, width: int, color: bool, style: str) -> list[str]:
    """One cell's text as terminal lines of at most *width* cells: its own line breaks kept, changed wording
    bracketed ［］ (or underlined and coloured), each line complete in itself (styles reset at its end)."""
    marked: list[tuple[str, bool]] = []  # (character, changed)
    for text, underlined in segments:
        if text == COLUMN:
            text, underlined = "｜", False
        if underlined and not color:
            text = f"［{text}］"
            underlined = False
        marked.extend((ch, underlined) for ch in text)
    lines: list[list[tuple[str, bool]]] = [[]]
    used = indent * 2
    for ch, changed in marked:
        if ch == "\n":
            lines.append([])
            used = indent * 2
            continue
        if used + _cells_width(ch) > width:
            # 禁則: 「、」「。」「）」… never begin a line; the character before them goes down with them
            carried: list[tuple[str, bool]] = []
            while (
                ch in _NO_LINE_START
                and len(lines[-1]) > 1
                and (not carried or carried[0][0] in _NO_LINE_START)
            ):
                carried.insert(0, lines[-1].pop())
            lines.append(carried)
            used = indent * 2 + sum(_cells_width(c) for c, _ in carried)
        lines[-1].append((ch, changed))
        used += _cells_width(ch)
    out = []
    for line in lines:
        text = "　" * indent
        for changed, run in itertools.groupby(line, key=lambda c: c[1]):
            chars = "".join(ch for ch, _ in run)
            text += f"\x1b[4m{style}{chars}\x1b[0m" if changed else chars
        out.append(text)
    return out


def _side_by_side(table: Table, order: str, color: bool, width: int) -> str:
    heads, new_first = _columns(table, order)
    column = max(20, (width - 3) // 2)
    styles = _STYLES if new_first else _STYLES[::-1]

    def pad(line: str) -> str:
        visible = re.sub(r"\x1b\[[0-9;]*m", "", line)
        return line + " " * (column - sum(_cells_width(ch) for ch in visible))

    lines = _text_header(table, heads, new_first, color)
    lines += [pad(heads[0]) + " │ " + heads[1], "─" * column + "─┼─" + "─" * column]
    for row in table.rows:
        left, right = _cells(row, new_first)
        a = _wrapped(left, row.depth, column, color, styles[0])
        b = _wrapped(right, row.depth, column, color, styles[1])
        for x, y in itertools.zip_longest(a, b, fillvalue=""):
            lines.append((pad(x) + " │ " + y).rstrip())
        lines.append(" " * column + " │")
    if not table.rows:
        lines.append("（改正なし）")
    return "\n".join(lines) + "\n"
