"""Citations as drafters write them: 第九条第二項, 第9条第2項, 第十九条第十一号, 附則第一条第五号, 別表の百十五の項.

A :class:`Citation` is the parsed address; :func:`parse_citation` reads any of the usual spellings (kanji or
Arabic, full- or half-width, 〇 place notation in appendix labels) and :meth:`Citation.format` writes the
vertical (kanji) or horizontal (Arabic) form. Resolution against a law lives in :mod:`hosei.core.model`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import HoseiError
from .numerals import (
    DIGITS,
    BranchNumber,
    format_branch,
    parse_branch,
    parse_ordinal,
    to_halfwidth_digits,
    to_kanji,
)

_NUM = rf"[0-9０-９〇零{DIGITS[1:10]}十百千]+"
_BRANCH = rf"{_NUM}(?:の{_NUM})*"
_DIVISION_KINDS = {"編": "part", "章": "chapter", "節": "section", "款": "subsection", "目": "division"}
_KIND_TO_WORD = {v: k for k, v in _DIVISION_KINDS.items()}

_TOKEN_RE = re.compile(
    rf"""
    (?P<suppl>附則(?:（(?P<suppl_law>[^）]+)）)?)
  | (?P<appdx>別表(?:第(?P<appdx_num>{_NUM}))?)
  | (?P<row>の(?P<row_label>{_BRANCH})の項)
  | 第(?P<div_num>{_NUM})(?P<div_kind>[編章節款目])(?P<div_branch>(?:の{_NUM})*)
  | 第(?P<article>{_NUM})条(?P<article_branch>(?:の{_NUM})*)
  | 第(?P<paragraph>{_NUM})項
  | 第(?P<item>{_NUM})号(?P<item_branch>(?:の{_NUM})*)
  | (?P<subitem>[ァ-ヶ](?![ァ-ヶー])|[⑴-⒇]|[（(][0-9０-９]+[）)]|[（(][ivxlIVXL]+[）)]|[（(][ァ-ヶ][）)])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Citation:
    """The parsed form of a citation; fields left None are not part of it."""

    suppl: bool = False
    suppl_law: str | None = None
    divisions: tuple[tuple[str, BranchNumber], ...] = ()
    article: BranchNumber | None = None
    paragraph: int | None = None
    item: BranchNumber | None = None
    subitems: tuple[str, ...] = ()
    appdx: int | None = None  # 0 = the single unnumbered 別表
    row: BranchNumber | None = None
    source: str = field(default="", compare=False)

    def format(self, arabic: bool = False, first_paragraph: bool = True) -> str:
        """Write the citation: 第九条第二項 (kanji) or 第9条第2項 (*arabic*)."""

        def n(x: int) -> str:
            return str(x) if arabic else to_kanji(x)

        out = []
        if self.appdx is not None:
            out.append("別表" if self.appdx == 0 else f"別表第{n(self.appdx)}")
            if self.row is not None:
                out.append(f"の{format_branch(self.row, arabic)}の項")
            elif self.item is not None:  # a table that is a list of items: 別表第一第五号
                out.append(_ordinal(self.item, "号", arabic))
                out.extend(self.subitems)
            return "".join(out)
        if self.suppl:
            out.append(f"附則（{self.suppl_law}）" if self.suppl_law else "附則")
        for kind, num in self.divisions:
            out.append(_ordinal(num, _KIND_TO_WORD[kind], arabic))
        if self.article is not None:
            out.append(_ordinal(self.article, "条", arabic))
        if self.paragraph is not None and (first_paragraph or self.paragraph != 1):
            out.append(f"第{n(self.paragraph)}項")
        if self.item is not None:
            out.append(_ordinal(self.item, "号", arabic))
        out.extend(self.subitems)
        return "".join(out)

    def __str__(self) -> str:
        return self.format()


def _ordinal(number: BranchNumber, word: str, arabic: bool) -> str:
    """第九条の二: the counter word follows the main number, branches follow the counter."""
    head = str(number[0]) if arabic else to_kanji(number[0])
    rest = "".join("の" + (str(b) if arabic else to_kanji(b)) for b in number[1:])
    return f"第{head}{word}{rest}"


def parse_citation(text: str) -> Citation:
    """Parse a citation; anything that is not one is an error naming the part that could not be read."""
    source = text
    s = re.sub(r"\s+", "", text)
    if not s:
        raise HoseiError("empty citation")
    pos = 0
    suppl = False
    suppl_law: str | None = None
    divisions: list[tuple[str, BranchNumber]] = []
    article: BranchNumber | None = None
    paragraph: int | None = None
    item: BranchNumber | None = None
    subitems: list[str] = []
    appdx: int | None = None
    row: BranchNumber | None = None
    order = 0.0  # enforces the order 附則 < 章 < 条 < 項 < 号 < subitems

    def step(rank: float, what: str) -> None:
        nonlocal order
        if rank <= order:
            raise HoseiError(f"invalid citation: {source} ({what} out of place)")
        order = rank

    while pos < len(s):
        m = _TOKEN_RE.match(s, pos)
        if not m:
            raise HoseiError(f"invalid citation: {source} (cannot read from 「{s[pos:]}」)")
        if m.group("suppl"):
            step(1, "附則")
            suppl = True
            suppl_law = m.group("suppl_law")
        elif m.group("appdx"):
            if pos != 0:
                raise HoseiError(f"invalid citation: {source} (別表 must come first)")
            step(1, "別表")
            appdx = parse_ordinal(m.group("appdx_num"), "table number") if m.group("appdx_num") else 0
        elif m.group("row"):
            if appdx is None:
                raise HoseiError(f"invalid citation: {source} (の…の項 needs a 別表)")
            step(9, "の項")
            row = parse_row_label(m.group("row_label"))
        elif m.group("div_kind"):
            kinds = list(_DIVISION_KINDS.values())
            kind = _DIVISION_KINDS[m.group("div_kind")]
            step(2 + kinds.index(kind) / 10, "division")
            divisions.append((kind, parse_branch(m.group("div_num") + m.group("div_branch"))))
        elif m.group("article"):
            step(3, "条")
            article = parse_branch(m.group("article") + m.group("article_branch"))
        elif m.group("paragraph"):
            step(4, "項")
            paragraph = parse_ordinal(m.group("paragraph"), "paragraph number")
        elif m.group("item"):
            step(5, "号")
            item = parse_branch(m.group("item") + m.group("item_branch"))
        elif m.group("subitem"):
            if item is None:
                raise HoseiError(f"invalid citation: {source} (subitem {m.group('subitem')} needs a 号)")
            step(6 + len(subitems), "subitem")
            subitems.append(_normalise_subitem(m.group("subitem")))
        pos = m.end()
    if appdx is not None and (suppl or article is not None):
        raise HoseiError(f"invalid citation: {source}")
    if appdx is None and not suppl and article is None and not divisions:
        raise HoseiError(f"invalid citation: {source} (no article, 附則 or 別表)")
    if not suppl and article is None and paragraph is not None:
        raise HoseiError(f"invalid citation: {source} (a paragraph needs its article)")
    return Citation(
        suppl, suppl_law, tuple(divisions), article, paragraph, item, tuple(subitems), appdx, row, source
    )


def parse_row_label(text: str) -> BranchNumber:
    """Parse an appendix row label: 百十五, 一〇 (place notation), 115, 二の二."""
    return parse_branch(text)


def _normalise_subitem(label: str) -> str:
    label = to_halfwidth_digits(label)
    m = re.fullmatch(r"[（(]([0-9]+)[）)]", label)
    if m:
        n = int(m.group(1))
        if 1 <= n <= 20:
            return chr(0x2473 + n)  # ⑴ …
    return label.replace("(", "（").replace(")", "）")
