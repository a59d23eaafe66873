"""The edits a sentence makes to the XML: words replaced across a provision's sentences (re-split where the
sentences end), provisions built from the new text a sentence brings, numbers set, 読替え tables read."""

from __future__ import annotations

import copy
import re

from lxml import etree

from ..core.errors import HoseiError
from ..core.model import TOC_ENTRY_TAGS
from ..core.numerals import (
    parse_branch,
    parse_number,
    to_fullwidth,
    to_kanji,
)
from ..text.parse import parse_text
from ..text.units import add_sentences, split_sentences
from .sentences import (
    _N,
    Sentence,
)


def _set_item_number(item: etree._Element, n: int) -> None:
    item.set("Num", str(n))
    title = item.find("ItemTitle")
    if title is not None:
        title.text = str(n) if re.search("[0-9]", title.text or "") else to_kanji(n)


def _items_from_text(lines: list[str]) -> list[etree._Element]:
    """New items from their printed lines (「三　…」)."""
    stripped = [line.strip(" 　") for line in lines]
    m = re.match(rf"^({_N})(?:の{_N})*[ 　]", stripped[0]) if stripped else None
    first = parse_number(m.group(1)) if m else 1
    # items must run from 一 for the text parser to read them as items: placeholders before the first, dropped
    filler = [f"{to_kanji(k)}　仮" for k in range(1, first)]
    doc = parse_text("\n".join(["第一条　仮", *filler, *stripped]))
    items = doc.document.root.findall(".//Article/Paragraph/Item")[len(filler) :]
    if not items:
        raise HoseiError("the new text has no item")
    return [copy.deepcopy(i) for i in items]


def _set_paragraph_number(p: etree._Element, n: int) -> None:
    p.set("Num", str(n))
    num = p.find("ParagraphNum")
    if num is not None and (num.text or "").strip():
        num.text = to_fullwidth(n)
    elif num is not None and n > 1:
        num.text = to_fullwidth(n)


def _sentences(el: etree._Element) -> list[etree._Element]:
    if el.tag == "TOC":
        return [x for x in el.iter() if x.tag in TOC_ENTRY_TAGS]
    if el.tag == "Article":
        paragraphs = el.findall("Paragraph")
        if len(paragraphs) == 1:
            el = paragraphs[0]
    own = {"Paragraph": "ParagraphSentence", "Item": "ItemSentence"}.get(str(el.tag))
    container = el.find(own) if own else el
    return list(container.iter("Sentence")) if container is not None else []


def _resplit(sentence: etree._Element) -> None:
    """Split the sentences of *sentence*'s container again at 「。」 (outside brackets)."""
    container = sentence.getparent()
    if container is None or container.tag not in ("ParagraphSentence", "ItemSentence"):
        return
    own = [s for s in container if s.tag == "Sentence"]
    if len(own) != len(container):
        return  # columns: leave the layout alone
    if split_sentences("".join(s.text or "" for s in own)) != [s.text or "" for s in own]:
        _redistribute(container, own, "".join(s.text or "" for s in own))


def _redistribute(container: etree._Element, own: list[etree._Element], joined: str) -> None:
    """*joined* split at 「。」 into *container*'s sentences; the same count keeps their attributes (Function …)."""
    parts = split_sentences(joined)
    if len(parts) == len(own):
        for el, part in zip(own, parts, strict=True):
            el.text = part
        return
    mode = own[0].get("WritingMode", "vertical")
    for s in own:
        container.remove(s)
    add_sentences(container, joined, mode)


def _replace_across_sentences(target: etree._Element, old: str, new: str) -> bool:
    """A quotation over a sentence boundary (「ない。ただし」): change the joined text and split it again at 「。」,
    as the sentences were split in the first place."""
    sentences = _sentences(target)
    containers: dict[int, etree._Element] = {}
    for s in sentences:
        parent = s.getparent()
        if parent is not None:
            containers[id(parent)] = parent
    for container in containers.values():
        if str(container.tag) not in ("ParagraphSentence", "ItemSentence"):
            continue
        own = [s for s in container if s.tag == "Sentence"]
        if len(own) != len(container) or len(own) < 2:
            continue
        joined = "".join(s.text or "" for s in own)
        if old not in joined:
            continue
        _redistribute(container, own, joined.replace(old, new))
        return True
    return False


def _replace_words(target: etree._Element, old: str, new: str, sentence: Sentence) -> None:
    hits = 0
    for s in _sentences(target):
        if len(s):
            raise HoseiError(
                "cannot change wording inside ruby or other markup", "<amendment>", sentence.line
            )
        text = s.text or ""
        count = text.count(old)
        if count:
            hits += count
            s.text = text.replace(old, new)
            _resplit(s)  # a 「。」 added or removed moves the sentence boundaries, as they would be printed
    if hits == 0 and _replace_across_sentences(target, old, new):
        return
    if hits == 0:
        raise HoseiError(
            f"「{old}」 not found in the provision — in 「{sentence.text[:40]}」",
            "<amendment>",
            sentence.line,
        )


def _old_style(anchor: etree._Element) -> bool:
    """An article of an old law without official paragraph numbers (②③ are editorial, OldStyle)."""
    parent = anchor.getparent()
    return parent is not None and any(p.get("OldStyle") == "true" for p in parent.findall("Paragraph"))


def _insert_old_style(anchor: etree._Element, paragraphs: list[etree._Element]) -> None:
    """Unnumbered paragraphs inserted after *anchor*: the following ones move down by themselves (no sentence
    renumbers them, as the law has no official numbers), and every editorial number is written again."""
    from ..text.units import circled

    for p in reversed(paragraphs):
        anchor.addnext(p)
    parent = anchor.getparent()
    assert parent is not None
    for n, p in enumerate(parent.findall("Paragraph"), start=1):
        p.set("Num", str(n))
        if n > 1:
            p.set("OldStyle", "true")
            num = p.find("ParagraphNum")
            if num is None:
                num = etree.Element("ParagraphNum")
                p.insert(1 if p.find("ParagraphCaption") is not None else 0, num)
            num.text = circled(n)


def _paragraph_from_text(lines: list[str], writing_mode: str) -> list[etree._Element]:
    """New paragraphs from their printed lines (「２　…」, items 「一　…」 below them)."""
    m = re.match(r"^[ 　]*([0-9０-９]+)[ 　]", lines[0]) if lines else None
    first = parse_number(m.group(1)) if m else 2
    # paragraphs must run from ２ for the text parser: placeholders before the first, dropped
    filler = [f"{to_fullwidth(k)}　仮" for k in range(2, first)]
    doc = parse_text("\n".join(["第一条　仮", *filler, *lines]))
    art = doc.document.root.find(".//Article")
    assert art is not None
    paragraphs = [copy.deepcopy(p) for p in art.findall("Paragraph")[1 + len(filler) :]]
    if not paragraphs:  # a paragraph printed without a number (old laws)
        p = etree.Element("Paragraph", Num="0")
        etree.SubElement(p, "ParagraphNum")
        add_sentences(etree.SubElement(p, "ParagraphSentence"), "".join(lines), writing_mode)
        paragraphs = [p]
    return paragraphs


def _article_from_text(lines: list[str]) -> etree._Element:
    return _articles_from_text(lines)[0]


def _articles_from_text(lines: list[str]) -> list[etree._Element]:
    doc = parse_text(
        "\n".join(line.strip(" 　") if line.lstrip(" 　").startswith("（") else line for line in lines)
    )
    articles = [copy.deepcopy(a) for a in doc.document.root.iter("Article")]
    if not articles:
        raise HoseiError("the new article text has no article")
    return articles


def _renumber_article(article: etree._Element, number: str) -> None:
    """第四十七条 → 第四十九条: Num and the printed title (kanji, or Arabic in a horizontal text)."""
    branch = parse_branch(number)
    article.set("Num", "_".join(str(x) for x in branch))
    title = article.find("ArticleTitle")
    if title is not None:
        arabic = bool(re.search("[0-9０-９]", title.text or ""))
        parts = [str(x) if arabic else to_kanji(x) for x in branch]
        title.text = f"第{parts[0]}条" + "".join(f"の{x}" for x in parts[1:])


#: the cell that starts a row of a 読替え table: the provisions read differently (第百三十三条の二第一項及び第三項…)
_READING_ROW_HEAD = re.compile(
    rf"^第{_N}条(?:の{_N})*(?:第{_N}[項号](?:の{_N})*)*(?:(?:及び|並びに|、)第{_N}条(?:の{_N})*(?:第{_N}[項号](?:の{_N})*)*|(?:及び|並びに|、)第{_N}[項号])*$"
)


def _reading_table(lines: list[str], writing_mode: str) -> etree._Element:
    """A 読替え table printed one cell per line (上欄 provisions, 中欄 words, 下欄 replacements): a line naming
    provisions starts a row, the lines after it pair up into 中欄/下欄, and each further pair is a row of its own
    under the same provisions (an empty 上欄, as e-Gov keeps it)."""
    rows: list[tuple[str, str, str]] = []
    head: str | None = None
    pending: list[str] = []
    for line in (ln.strip(" 　") for ln in lines):
        if not line:
            continue
        if _READING_ROW_HEAD.match(line) and not pending:
            head = line
            continue
        if head is None:
            raise HoseiError(f"a 読替え table row without its provisions: {line[:30]}")
        pending.append(line)
        if len(pending) == 2:
            rows.append((head, pending[0], pending[1]))
            head, pending = "", []
    if pending or not rows:
        raise HoseiError("a 読替え table whose cells do not pair up (上欄, 中欄, 下欄)")
    doc = parse_text("\n".join(["第一条　仮", *(f"| {a} | {b} | {c} |" for a, b, c in rows)]))
    struct = doc.document.root.find(".//TableStruct")
    assert struct is not None
    for sentence in struct.iter("Sentence"):
        sentence.set("WritingMode", writing_mode)
    return copy.deepcopy(struct)
