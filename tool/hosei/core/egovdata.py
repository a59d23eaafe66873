"""Law XML in every form e-Gov hands it out: a bare <Law> document, an e-Gov 法令API Version 2 ``law_data``
response in XML (``<law_data_response>``: law_info, revision_info, law_full_text) or in JSON (law_full_text as the
API's element tree, ``{"tag", "attr", "children"}``), and the bulk download's files (a bare <Law> with revision
attributes). Every command that reads a law reads it through :func:`parse_law_file`, so a response is taken
unchanged; the revision metadata the response carries (law id, revision id, amending act, enforcement date,
status) comes with the document.

JSON is parsed with the standard library after the same size limit as XML; the element tree is rebuilt with lxml
(text and tails in order), so the document is the one the XML response would give.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

from lxml import etree

from .errors import HoseiError
from .xmlio import DEFAULT_PROLOG, Document, max_bytes, parse_bytes, read_limited

#: the revision_info fields hosei keeps (API names)
REVISION_FIELDS = (
    "law_revision_id",
    "law_title",
    "amendment_law_id",
    "amendment_law_num",
    "amendment_law_title",
    "amendment_promulgate_date",
    "amendment_enforcement_date",
    "current_revision_status",
    "repeal_status",
)


def parse_law_file(path: str | os.PathLike[str]) -> Document:
    """A law file in any of the forms above, as a document whose root is <Law> (or the file's own root when it
    is some other XML: the caller says what it expected). A response's metadata is in ``Document.response``."""
    p = Path(path)
    return parse_law_bytes(read_limited(p, "an XML file"), str(p))


def parse_law_bytes(data: bytes, source: str) -> Document:
    """:func:`parse_law_file` for bytes already read (a member of a zip, an API response)."""
    if len(data) > max_bytes():
        raise HoseiError(
            f"file too large: {len(data):,} bytes (limit {max_bytes():,}; set HOSEI_MAX_XML_BYTES)", source
        )
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in (b"{", b"["):
        return _from_json(data, source)
    doc = parse_bytes(data, source)
    if doc.root.tag == "law_data_response":
        return _from_xml_response(doc, source)
    return doc


def _from_xml_response(doc: Document, source: str) -> Document:
    law = doc.root.find("law_full_text/Law")
    if law is None:
        raise HoseiError("an e-Gov API response without law_full_text/Law", source, doc.root.sourceline)
    meta = {
        **{
            el.tag: (el.text or "").strip()
            for el in doc.root.iterfind("law_info/*")
            if isinstance(el.tag, str)
        },
        **{
            el.tag: (el.text or "").strip()
            for el in doc.root.iterfind("revision_info/*")
            if isinstance(el.tag, str)
        },
    }
    own = copy.deepcopy(law)  # line numbers kept: errors point into the response file
    own.tail = None
    return Document(tree=etree.ElementTree(own), source=source, prolog=DEFAULT_PROLOG, response=_kept(meta))


def _kept(meta: dict[str, Any]) -> dict[str, str]:
    keys = ("law_id", "law_num", *REVISION_FIELDS)
    return {k: str(meta[k]) for k in keys if meta.get(k) not in (None, "")}


def _from_json(data: bytes, source: str) -> Document:
    try:
        parsed = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise HoseiError(f"malformed JSON: {getattr(exc, 'msg', exc)}", source, line) from None
    if not isinstance(parsed, dict) or "law_full_text" not in parsed:
        raise HoseiError("not an e-Gov law document (JSON without law_full_text)", source)
    tree = parsed["law_full_text"]
    if not isinstance(tree, dict) or "tag" not in tree:
        raise HoseiError(
            'law_full_text is not the API\'s element tree ({"tag", "attr", "children"}); ask the API for '
            "law_full_text_format=json (the detailed form) or XML",
            source,
        )
    root = _element(tree, source)
    meta = {**(parsed.get("law_info") or {}), **(parsed.get("revision_info") or {})}
    return Document(tree=etree.ElementTree(root), source=source, prolog=DEFAULT_PROLOG, response=_kept(meta))


def _element(node: dict[str, Any], source: str, depth: int = 0) -> etree._Element:
    """One node of the API's JSON tree as an lxml element; strings among the children are text and tails."""
    if depth > 200:
        raise HoseiError("the JSON element tree nests too deep", source)
    tag = node.get("tag")
    if not isinstance(tag, str) or not tag:
        raise HoseiError(f"a JSON node without a tag: {str(node)[:60]}", source)
    try:
        el = etree.Element(tag, {str(k): str(v) for k, v in (node.get("attr") or {}).items()})
    except ValueError as exc:
        raise HoseiError(f"a JSON node that is not an XML element: {exc}", source) from None
    last: etree._Element | None = None
    for child in node.get("children") or []:
        if isinstance(child, str):
            if last is None:
                el.text = (el.text or "") + child
            else:
                last.tail = (last.tail or "") + child
        elif isinstance(child, dict):
            last = _element(child, source, depth + 1)
            el.append(last)
        else:
            raise HoseiError(f"a JSON child that is neither text nor a node: {str(child)[:60]}", source)
    return el


def to_json_tree(el: etree._Element) -> dict[str, Any]:
    """The API's JSON element tree of an element (what a JSON response carries as law_full_text)."""
    children: list[Any] = []
    if el.text:
        children.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            children.append(to_json_tree(child))
        if child.tail:
            children.append(child.tail)
    return {"tag": el.tag, "attr": dict(el.attrib), "children": children}
