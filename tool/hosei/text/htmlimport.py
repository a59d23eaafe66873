"""Legacy e-Gov HTML (the pre-2017 law pages) → the plain-text lines :mod:`hosei.text.parse` reads.

The old pages put each article, paragraph and item in a <div>, links inside sentences, and appendix tables
in real <table>s with rowspan. Converting block elements to lines and tables to `| a | b |` rows (〃 for a
merged cell) keeps the structure the plain-text extraction loses (links break lines there, and tables
become one cell per line).
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from ..core.errors import HoseiError
from ..core.lawtext import grid_row, row_line
from ..core.xmlio import max_bytes

_BLOCK = {"div", "p", "br", "table", "tr", "h1", "h2", "h3", "h4", "li", "ul", "ol", "body", "title", "head"}


def _text_of(node: etree._Element) -> str:
    """Inline text of *node* (links and bold kept as text, ruby as ｜base《reading》, source newlines dropped)."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "ruby":
            base = (el.text or "") + "".join((c.tail or "") for c in el if c.tag in ("rt", "rp"))
            reading = "".join("".join(rt.itertext()) for rt in el.iterfind("rt"))
            parts.append(f"｜{base}《{reading}》")
        elif tag in ("script", "style"):
            pass
        else:
            if el.text:
                parts.append(el.text)
            for child in el:
                walk(child)
                if child.tail:
                    parts.append(child.tail)

    walk(node)
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", "", "".join(parts))


def _table_lines(table: etree._Element) -> list[tuple[str, int]]:
    lines: list[tuple[str, int]] = []
    spans: dict[int, int] = {}
    for tr in table.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if not cells and not any(v > 0 for v in spans.values()):
            continue
        row = grid_row(cells, lambda cell: _text_of(cell).strip(" "), spans)
        if row:
            lines.append((row_line(row), tr.sourceline or 0))
    return lines


def html_to_lines(html: bytes, source: str = "<html>") -> list[str]:
    """The page's body as text lines: one per block element, tables as `| a | b |` rows."""
    return [text for text, _ in html_to_numbered_lines(html, source)]


def html_to_numbered_lines(html: bytes, source: str = "<html>") -> list[tuple[str, int]]:
    """As :func:`html_to_lines`, each line with the source line of the HTML it came from."""
    if len(html) > max_bytes():
        raise HoseiError(f"file too large: {len(html):,} bytes", source)
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, default_doctype=False
    )
    text = decode_html(html)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise HoseiError(f"malformed HTML: {exc}", source) from None
    body = root.find("body")
    if body is None:
        raise HoseiError("HTML without a body", source)
    lines: list[tuple[str, int]] = []
    current: list[str] = []
    start = [0]

    def flush() -> None:
        text = re.sub(r"[ \t]*[\r\n]+[ \t]*", "", "".join(current))
        current.clear()
        if text.strip(" 　"):
            lines.append((text.rstrip(" "), start[0]))
        start[0] = 0

    def note(el: etree._Element) -> None:
        if not start[0] and el.sourceline:
            start[0] = el.sourceline

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style"):
            return
        if tag == "table":
            flush()
            lines.extend(_table_lines(el))
            return
        if tag == "ruby":
            note(el)
            current.append(_text_of(el))
            return
        block = tag in _BLOCK
        if block:
            flush()
        if el.text and el.text.strip():
            note(el)
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                if child.tail.strip():
                    note(child)
                current.append(child.tail)
        if block:
            flush()

    walk(body)
    flush()
    return lines


def decode_html(data: bytes) -> str:
    """UTF-8 when the bytes are UTF-8 (old e-Gov pages copied today usually are), else the declared or
    Japanese legacy encoding (Shift_JIS as cp932, EUC-JP)."""
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:4096])
    candidates = ["utf-8"] + ([m.group(1).decode("ascii")] if m else []) + ["cp932", "euc_jp"]
    for enc in candidates:
        try:
            return data.decode(enc).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def read_html_file(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise HoseiError("no such file", str(path)) from None
    return html_to_lines(data, str(path))


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<html", b"<!doctype html", b"<head", b"<body")) or b"<html" in head[:512]
