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
from .numerals import KANJI_NUMERALS, branch_to_num, parse_branch

_N = f"[{KANJI_NUMERALS}0-9０-９]+"
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
    """The levels named so far, as citation text: what 同条／同項／同号 and an omitted level refer to."""

    article: str | None = None  # 第百十七条の二
    paragraph: str | None = None  # 第二項
    item: str | None = None  # 第三号


def _place(law: Law, text: str, where: _Where) -> etree._Element:
    """One provision, resolved by :meth:`Law.find` once 同条／同項／同号 are written out from *where* (updated)."""
    m = _PLACE.match(text)
    if m is None or not text:
        raise HoseiError(f"cannot read the provision 「{text}」")
    if m.group("art"):
        where.article, where.paragraph, where.item = f"第{m.group('art')}条{m.group('br')}", None, None
    elif where.article is None:
        raise HoseiError(f"「{text}」 names no article")
    if m.group("para"):
        where.paragraph, where.item = f"第{m.group('para')}項", None
    elif m.group("same_para") and where.paragraph is None:
        raise HoseiError(f"同項 with no paragraph before it in 「{text}」")
    elif m.group("item") and m.group("art"):
        where.paragraph = None  # 第十条第三号: an item of the article's only (or first) paragraph
    if m.group("item"):
        where.item = f"第{m.group('item')}号{m.group('ibr')}"
    elif (m.group("same_item") or m.group("sub")) and where.item is None:
        raise HoseiError(f"「{text}」 names no item")
    citation = where.article
    if where.paragraph and (m.group("para") or m.group("same_para") or m.group("item") or m.group("sub")):
        citation += where.paragraph
    if m.group("item") or m.group("same_item") or m.group("sub"):
        citation += where.item or ""
    return law.find(citation + (m.group("sub") or "")).el


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
    if not found or (found[0].get("Num"), found[-1].get("Num")) != (branch_to_num(lo), branch_to_num(hi)):
        raise HoseiError(f"no such range: 第{first}条から第{last}条まで")
    return found


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
                where.article, where.paragraph, where.item = f"第{b.group(1)}条{b.group(2)}", None, None
                continue
            first = _place(law, start, where)
            snapshot = _Where(where.article, where.paragraph, where.item)
            last = _place(law, end, snapshot)  # 「第一項第一号から第三号まで」: the end in the start's levels
            found += _siblings_between(first, last)
            continue
        found.append(_place(law, piece, where))
    return found


__all__ = ["MULTI", "resolve"]
