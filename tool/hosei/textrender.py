"""Plain-text rendering of laws and provisions in the official layout.

Vertical (national) style: 「第九条　…」, paragraphs 「２　…」, items 「一　…」, subitems 「イ　…」 indented one
full-width space per level below the item; headings indented the way e-Gov prints them.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Law, Provision, _clean, element_text

_HEADING_INDENT = {"part": 2, "chapter": 3, "section": 4, "subsection": 5, "division": 6}
IDEOGRAPHIC_SPACE = "　"


def _sentence(p: Provision) -> str:
    return p.own_text()


def render_provision(p: Provision) -> Iterator[str]:
    """Lines of one provision and everything below it."""
    kind = p.kind
    if kind in _HEADING_INDENT:
        yield IDEOGRAPHIC_SPACE * _HEADING_INDENT[kind] + p.title
        for child in p.children():
            yield from render_provision(child)
    elif kind == "main":
        for child in p.children():
            yield from render_provision(child)
    elif kind == "article":
        if p.caption:
            yield p.caption
        paragraphs = [c for c in p.children() if c.kind == "paragraph"]
        for i, para in enumerate(paragraphs):
            lines = list(_render_paragraph(para))
            if i == 0:
                lines[0] = p.title + IDEOGRAPHIC_SPACE + lines[0]
            yield from lines
    elif kind == "paragraph":
        yield from _render_paragraph(p, standalone=True)
    elif kind == "item" or kind.startswith("subitem"):
        yield from _render_item(p)
    elif kind == "suppl":
        label = p.title
        amend = p.el.get("AmendLawNum")
        yield IDEOGRAPHIC_SPACE * 3 + label + (f"　（{amend}）" if amend else "")
        for child in p.children():
            yield from render_provision(child)
    elif kind == "appdx_table":
        yield p.title + _clean(element_text(p.el.find("RelatedArticleNum")))
        for row in p.children():
            yield from render_provision(row)
    elif kind == "table_row":
        yield "｜".join(p.row_cells)


def _render_paragraph(p: Provision, standalone: bool = False) -> Iterator[str]:
    if p.caption:
        yield p.caption
    num = p.title
    text = _sentence(p)
    article = p.el.getparent()
    first = p.el.get("Num") in (None, "1") and not num
    if standalone and first and article is not None and article.tag == "Article":
        head = Provision(article, p.law).title + IDEOGRAPHIC_SPACE
    elif num:
        head = num + IDEOGRAPHIC_SPACE
    elif first:
        head = ""
    else:
        head = IDEOGRAPHIC_SPACE
    yield head + text
    for table in p.el.iterfind("TableStruct"):
        yield from _render_table(table)
    for child in p.children():
        yield from render_provision(child)


def _render_item(p: Provision) -> Iterator[str]:
    depth = 0 if p.kind == "item" else int(p.kind[7:])
    yield IDEOGRAPHIC_SPACE * depth + p.title + IDEOGRAPHIC_SPACE + _sentence(p)
    for table in p.el.iterfind("TableStruct"):
        yield from _render_table(table)
    for child in p.children():
        yield from render_provision(child)


def _render_table(table_struct: object) -> Iterator[str]:
    from lxml import etree

    assert isinstance(table_struct, etree._Element)
    for row in table_struct.iterfind("Table/TableRow"):
        yield "｜".join(_clean(element_text(c)) for c in row.findall("TableColumn"))


def render_law(law: Law) -> Iterator[str]:
    """The whole law as text: title, number, main provision, 附則, appendix tables."""
    yield law.title
    yield f"（{law.law_num}）"
    yield from render_provision(law.main)
    for s in law.suppl_provisions:
        yield from render_provision(s)
    for t in law.appendix_tables:
        yield from render_provision(t)
