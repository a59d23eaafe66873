"""Several provisions named by one amendment sentence, as the official acts name them.

「第十条及び第十一条中「懲役」を「拘禁刑」に改める。」, 「第二十条から第二十二条までの規定及び第二十五条中…」,
「第三条第一項第二号、第十二条第一項第四号及び第四十条第三号イ中…」: a list of targets joined by 、, 及び and 並びに,
each a provision (条, 項, 号, 号の細分 イ・ロ・ハ…, with 同条／同項 referring to the target before it) or a range
(「から…まで」, with or without 「の規定」). The same wording change then applies to every provision named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .errors import HoseiError
from .model import Law
from .numerals import parse_branch

_N = "[〇一二三四五六七八九十百千0-9０-９]+"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン"
_SUBITEM = "(?:[" + _IROHA + "](?:の" + _N + ")*)"
_PLACE = re.compile(
    rf"^(?:第(?P<art>{_N})条(?P<br>(?:の{_N})*)|(?P<same_art>同条))?"
    rf"(?:第(?P<para>{_N})項|(?P<same_para>同項))?"
    rf"(?:第(?P<item>{_N})号(?P<ibr>(?:の{_N})*)|(?P<same_item>同号))?"
    rf"(?P<sub>{_SUBITEM}(?:\({_N}\)|（{_N}）)?)?$"
)
#: a list of places: the sentence's head before 「中」 when it names more than one provision
MULTI = re.compile(
    rf"^(?P<targets>(?:第{_N}|同)[^「」中をと]*?(?:及び|並びに|、|から)[^「」中をと]*?)(?:の規定)?中(?P<ops>「.*)$"
)


@dataclass
class _Where:
    article: etree._Element | None = None
    paragraph: etree._Element | None = None
    item: etree._Element | None = None


def _branch(number: str) -> str:
    return "_".join(str(x) for x in parse_branch(number))


def _article(law: Law, number: str) -> etree._Element:
    wanted = _branch(number)
    for el in law.main.el.iter("Article"):
        if el.get("Num") == wanted:
            return el
    raise HoseiError(f"no such provision: 第{number.split('の')[0]}条")


def _articles_between(law: Law, first: str, last: str) -> list[etree._Element]:
    """Every article from *first* to *last*, branch-numbered ones between them included (第二十条の二)."""
    lo, hi = parse_branch(first), parse_branch(last)
    found = []
    for el in law.main.el.iter("Article"):
        num = el.get("Num", "")
        if not re.fullmatch(r"\d+(?:_\d+)*", num):
            continue
        key = tuple(int(x) for x in num.split("_"))
        if lo <= key <= hi:
            found.append(el)
    if not found or found[0].get("Num") != _branch(first) or found[-1].get("Num") != _branch(last):
        raise HoseiError(f"no such range: 第{first}条から第{last}条まで")
    return found


def _child(parent: etree._Element | None, tag: str, num: str, what: str) -> etree._Element:
    if parent is not None:
        for el in parent.findall(tag):
            if el.get("Num") == num:
                return el
    raise HoseiError(f"no {what} there")


def _subitem(holder: etree._Element, label: str) -> etree._Element:
    """イ, ロ, イの二, イ(1): a subitem by its printed title, level by level."""
    parts = re.findall(rf"[{_IROHA}](?:の{_N})*|[\(（]{_N}[\)）]", label)
    node = holder
    level = 1
    for part in parts:
        wanted = part.replace("(", "（").replace(")", "）")
        found = None
        for el in node.findall(f"Subitem{level}"):
            title = (el.findtext(f"Subitem{level}Title") or "").strip().replace("(", "（").replace(")", "）")
            if title == wanted:
                found = el
                break
        if found is None:
            raise HoseiError(f"no subitem {label} there")
        node, level = found, level + 1
    return node


def _place(law: Law, text: str, where: _Where) -> etree._Element:
    """One provision; 同条／同項／同号 and omitted levels refer to *where*, which is updated."""
    m = _PLACE.match(text)
    if m is None or not text:
        raise HoseiError(f"cannot read the provision 「{text}」")
    if m.group("art"):
        where.article = _article(law, m.group("art") + m.group("br"))
        where.paragraph = where.item = None
    elif m.group("same_art") or where.article is None:
        if where.article is None:
            raise HoseiError(f"「{text}」 names no article")
    target = where.article
    assert target is not None
    paragraphs = target.findall("Paragraph")
    if m.group("para"):
        where.paragraph = _child(target, "Paragraph", str(parse_branch(m.group("para"))[0]), "paragraph")
        where.item = None
    elif m.group("same_para"):
        if where.paragraph is None:
            raise HoseiError(f"同項 with no paragraph before it in 「{text}」")
    elif m.group("item") and (m.group("art") or where.paragraph is None):
        where.paragraph = (
            paragraphs[0] if paragraphs else None
        )  # 第十条第三号: the item of its only paragraph
    if m.group("para") or m.group("same_para"):
        assert where.paragraph is not None
        target = where.paragraph
    if m.group("item"):
        where.item = _child(where.paragraph, "Item", _branch(m.group("item") + m.group("ibr")), "item")
        target = where.item
    elif m.group("same_item"):
        if where.item is None:
            raise HoseiError(f"同号 with no item before it in 「{text}」")
        target = where.item
    if m.group(
        "sub"
    ):  # イ after 第三号 in the same piece, or alone after a piece that named the item (及びロ)
        if where.item is None:
            raise HoseiError(f"「{text}」 names a subitem outside an item")
        target = _subitem(where.item, m.group("sub"))
    assert target is not None
    return target


def _siblings_between(first: etree._Element, last: etree._Element) -> list[etree._Element]:
    """Paragraphs or items from *first* to *last* under one parent (第一項第一号から第三号まで)."""
    parent = first.getparent()
    if parent is None or last.getparent() is not parent:
        raise HoseiError("a range whose ends are not in one provision")
    kin = [el for el in parent if el.tag == first.tag]
    i, j = kin.index(first), kin.index(last)
    if j < i:
        raise HoseiError("a range that runs backwards")
    return kin[i : j + 1]


def resolve(law: Law, targets: str) -> list[etree._Element]:
    """The provisions a target list names, in order (see the module docstring)."""
    pieces = [p for p in re.split(r"、|及び|並びに", targets) if p]
    where = _Where()
    found: list[etree._Element] = []
    for piece in pieces:
        piece = piece.removesuffix("の規定").removesuffix("の各規定")
        if "から" in piece:
            start, _, end = piece.partition("から")
            end = end.removesuffix("まで")
            b = re.fullmatch(rf"第({_N})条((?:の{_N})*)", end)
            s = re.fullmatch(rf"第({_N})条((?:の{_N})*)", start)
            if s and b:
                found += _articles_between(law, s.group(1) + s.group(2), b.group(1) + b.group(2))
                where.article = found[-1]
                where.paragraph = where.item = None
                continue
            first = _place(law, start, where)
            snapshot = _Where(where.article, where.paragraph, where.item)
            last = _place(law, _complete(end, start), snapshot)
            found += _siblings_between(first, last)
            continue
        found.append(_place(law, piece, where))
    return found


def _complete(end: str, start: str) -> str:
    """「第一項第一号から第三号まで」: the end names only the last level; read it in the start's article/paragraph."""
    if re.fullmatch(rf"第{_N}号(?:の{_N})*", end):
        m = re.match(rf"^(第{_N}条(?:の{_N})*)?(第{_N}項)?", start)
        assert m is not None
        return (m.group(1) or "") + (m.group(2) or "") + end
    if re.fullmatch(rf"第{_N}項", end):
        m = re.match(rf"^(第{_N}条(?:の{_N})*)?", start)
        return (m.group(1) if m and m.group(1) else "同条") + end
    return end


__all__ = ["MULTI", "resolve"]
