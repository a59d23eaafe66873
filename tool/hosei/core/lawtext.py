"""Plain-text rendering of laws and provisions in the official layout, and the format `import text` reads.

Vertical (national) style::

    行政手続における特定の個人を識別するための番号の利用等に関する法律
    （平成二十五年法律第二十七号）
    第一章　総則
    （目的）
    第一条　この法律は、…
    ２　…
    一　個人番号　第二条第五項に規定する…     (an item's columns are separated by a full-width space)
    イ　…                                   (subitems: one full-width space of indent per level)
    | 一　厚生労働大臣 | 健康保険法… |        (table rows; 〃 marks a cell merged with the one above)
    附　則　（平成二四年八月二二日法律第六七号）　抄
    別表第一　（第九条関係）

Ruby is written the Aozora Bunko way: ｜罹《り》. Horizontal (municipal) style writes 第1条, 2, (1), ア.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:  # the model imports this module to read its provisions; the types only are needed here
    from .model import Law, Provision
from .numerals import AIUEO, IROHA, num_to_branch, parse_branch

HEADING_INDENT = {"part": 2, "chapter": 3, "section": 4, "subsection": 5, "division": 6}
IDEOGRAPHIC_SPACE = "　"
SPANNED = "〃"


def element_text(el: etree._Element | None) -> str:
    """The reading text of an element: ruby readings (Rt) left out, Columns separated by a full-width space."""
    if el is None:
        return ""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag == "Rt":
            return
        if node.text and node.text.strip(_LAYOUT_WS):
            parts.append(node.text)
        first_column = True
        for child in node:
            if not isinstance(child.tag, str):
                pass
            elif child.tag == "Column":
                if not first_column:
                    parts.append("　")
                first_column = False
                walk(child)
            else:
                walk(child)
            if child.tail and child.tail.strip(_LAYOUT_WS):
                parts.append(child.tail)

    walk(el)
    return "".join(parts)


_LAYOUT_WS = " \t\r\n"
_LAYOUT_RE = re.compile(r"[ \t\r]*\n[ \t\r\n]*")


def _clean(text: str) -> str:
    """Drop layout line breaks (and the indentation around them); the ideographic space is text."""
    return _LAYOUT_RE.sub("", text)


def inline_text(el: etree._Element | None) -> str:
    """Text of a sentence-level element with ruby as ｜base《reading》 (so it survives a round trip)."""
    if el is None:
        return ""
    if not len(el):  # plain text, the common case
        return _clean(el.text or "")
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == "Ruby":
                base = (child.text or "") + "".join((c.tail or "") for c in child if c.tag == "Rt")
                reading = "".join("".join(rt.itertext()) for rt in child.iterfind("Rt"))
                parts.append(f"｜{base}《{reading}》")
            elif child.tag == "Column":
                walk(child)
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return _clean("".join(parts))


def sentences_text(container: etree._Element | None) -> str:
    """A ParagraphSentence/ItemSentence/cell as one line: sentences joined, columns separated by 　."""
    if container is None:
        return ""
    columns = container.findall("Column")
    if columns:
        return IDEOGRAPHIC_SPACE.join("".join(inline_text(s) for s in c.findall("Sentence")) for c in columns)
    return "".join(inline_text(s) for s in container.findall("Sentence"))


class Style:
    """Numbering style: vertical (national, kanji) or horizontal (municipal, Arabic)."""

    def __init__(self, horizontal: bool = False) -> None:
        self.horizontal = horizontal

    def article_title(self, title: str) -> str:
        return _to_arabic_labels(title) if self.horizontal else title

    def paragraph_num(self, num: str) -> str:
        if self.horizontal:
            return num.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        return num

    def item_title(self, title: str) -> str:
        if not self.horizontal:
            return title
        try:
            return "(" + "の".join(str(n) for n in parse_branch(title)) + ")"
        except Exception:
            return title

    def subitem_title(self, level: int, title: str) -> str:
        if not self.horizontal or level != 1 or len(title) != 1 or title not in IROHA:
            return title
        return AIUEO[IROHA.index(title)]


def _to_arabic_labels(title: str) -> str:
    from .numerals import arabic_numbers

    return arabic_numbers(title)


def render_provision(p: Provision, style: Style | None = None) -> Iterator[str]:
    """Lines of one provision and everything below it."""
    style = style or Style()
    kind = p.kind
    if kind in HEADING_INDENT:
        yield IDEOGRAPHIC_SPACE * HEADING_INDENT[kind] + (
            style.article_title(p.title) if style.horizontal else p.title
        )
        for child in p.children():
            yield from render_provision(child, style)
    elif kind == "main":
        for child in p.children():
            yield from render_provision(child, style)
    elif kind == "article":
        if p.caption:
            yield p.caption
        paragraphs = [c for c in p.children() if c.kind == "paragraph"]
        for i, para in enumerate(paragraphs):
            lines = list(_render_paragraph(para, style))
            if i == 0:
                skip = 1 if para.caption else 0
                head = style.article_title(p.title)
                if para.title:  # an extract starting at a numbered paragraph: the title stands alone
                    lines.insert(skip, head)
                else:  # 「第二条　」 with nothing after it: an empty first paragraph (an extract's 略)
                    lines[skip] = head + IDEOGRAPHIC_SPACE + lines[skip]
            yield from lines
    elif kind == "paragraph":
        yield from _render_paragraph(p, style, standalone=True)
    elif kind == "item" or kind.startswith("subitem"):
        yield from _render_item(p, style)
    elif kind == "suppl":
        label = p.title
        amend = p.el.get("AmendLawNum")
        line = IDEOGRAPHIC_SPACE * 3 + label + (f"　（{amend}）" if amend else "")
        if p.el.get("Extract") == "true":
            line += "　抄"
        yield line
        for child in p.children():
            yield from render_provision(child, style)
    elif kind == "appdx_table":
        related_el = p.el.find("RelatedArticleNum")
        related = _clean("".join(related_el.itertext())) if related_el is not None else ""
        yield p.title + (IDEOGRAPHIC_SPACE + related if related else "")
        for struct in p.el.iterfind("TableStruct"):
            yield from render_table(struct)
    elif kind == "table_row":
        yield row_line([inline_cell(c) for c in p.el.findall("TableColumn")])


def inline_cell(col: etree._Element) -> str:
    return "".join(inline_text(s) for s in col.findall("Sentence"))


def row_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def grid_row(
    cells: list[etree._Element], text_of: Callable[[etree._Element], str], carry: dict[int, int]
) -> list[str]:
    """One table row's cell texts laid on the grid: a place still covered by a cell of a row above (rowspan) is
    written 〃. *carry* (grid column → rows still spanned) runs from row to row; the caller keeps it."""
    out: list[str] = []
    col = 0
    queue = list(cells)
    while queue or any(k >= col and v > 0 for k, v in carry.items()):
        if carry.get(col, 0) > 0:
            out.append(SPANNED)
            carry[col] -= 1
            col += 1
            continue
        if not queue:
            break
        cell = queue.pop(0)
        out.append(text_of(cell))
        span = int(cell.get("rowspan", "1") or 1)
        if span > 1:
            carry[col] = span - 1
        col += 1
    return out


def render_table(table_struct: etree._Element) -> Iterator[str]:
    """Table rows as `| cell | cell |`; a cell merged from the row above (rowspan) is written 〃."""
    table = table_struct.find("Table")
    if table is None:
        return
    carry: dict[int, int] = {}  # grid column → rows still spanned from above
    for row in table:
        if row.tag not in ("TableRow", "TableHeaderRow"):
            continue
        columns = [c for c in row if c.tag in ("TableColumn", "TableHeaderColumn")]
        cells = grid_row(
            columns,
            lambda col: inline_cell(col) if col.tag == "TableColumn" else _clean("".join(col.itertext())),
            carry,
        )
        yield row_line(cells)


def _render_paragraph(p: Provision, style: Style, standalone: bool = False) -> Iterator[str]:
    if p.caption:
        yield p.caption
    num = style.paragraph_num(p.title)
    text = sentences_text(p.el.find("ParagraphSentence"))
    parent = p.el.getparent()
    first = p.el.get("Num") in (None, "1") and not num
    if standalone and first and parent is not None and parent.tag == "Article":
        head = style.article_title(type(p)(parent, p.law).title) + IDEOGRAPHIC_SPACE
    elif num:
        head = num + IDEOGRAPHIC_SPACE
    else:
        head = ""
    yield head + text
    for table in p.el.iterfind("TableStruct"):
        yield from render_table(table)
    for child in p.children():
        yield from render_provision(child, style)


def _render_item(p: Provision, style: Style) -> Iterator[str]:
    depth = 0 if p.kind == "item" else int(p.kind[7:])
    tag = "ItemSentence" if depth == 0 else f"Subitem{depth}Sentence"
    title = style.item_title(p.title) if depth == 0 else style.subitem_title(depth, p.title)
    yield IDEOGRAPHIC_SPACE * depth + title + IDEOGRAPHIC_SPACE + sentences_text(p.el.find(tag))
    for table in p.el.iterfind("TableStruct"):
        yield from render_table(table)
    for child in p.children():
        yield from render_provision(child, style)


def render_toc(law: Law) -> Iterator[str]:
    toc = law.root.find("LawBody/TOC")
    if toc is None:
        return
    label = toc.find("TOCLabel")
    yield _clean("".join(label.itertext())) if label is not None else "目次"
    kinds = ("TOCPart", "TOCChapter", "TOCSection", "TOCSubsection", "TOCDivision")
    # 附則 stands level with the top divisions (第一章 … 附則, or 第一編 … 附則)
    top = min((kinds.index(str(el.tag)) + 1 for el in toc if el.tag in kinds), default=1)
    for el in toc.iter():
        if el.tag in kinds:
            depth = kinds.index(str(el.tag)) + 1
            title = el.find(str(el.tag)[3:] + "Title")
            rng = el.find("ArticleRange")
            yield (
                IDEOGRAPHIC_SPACE * depth
                + _clean("".join(title.itertext()) if title is not None else "")
                + (_clean("".join(rng.itertext())) if rng is not None else "")
            )
        elif el.tag == "TOCSupplProvision":
            lab = el.find("SupplProvisionLabel")
            yield IDEOGRAPHIC_SPACE * top + (_clean("".join(lab.itertext())) if lab is not None else "附則")


def render_law(law: Law, style: Style | None = None) -> Iterator[str]:
    """The whole law as text: title, number, table of contents, main provision, 附則, appendix tables."""
    style = style or Style()
    yield law.title
    yield f"（{law.law_num}）"
    yield from render_toc(law)
    yield from render_provision(law.main, style)
    for s in law.suppl_provisions:
        yield from render_provision(s, style)
    for t in law.appendix_tables:
        yield from render_provision(t, style)


__all__ = [
    "Style",
    "inline_text",
    "num_to_branch",
    "render_law",
    "render_provision",
    "render_table",
    "sentences_text",
]
