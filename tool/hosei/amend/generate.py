"""Amendment sentences (改め文) generated from a diff, in the order the drafting rules require.

Sentences follow the law from start to end. Inside an article the paragraphs are walked from the last to the
first: a paragraph's wording is changed before it is moved (「同条第三項中「前項」を「第三項」に改め、同項を同条第五項
とし」), following paragraphs are moved out of the way before a paragraph is inserted (「同項の次に次の一項を加える」,
which ends the sentence), and four or more consecutive paragraphs moving by the same amount become 「第七項を第九項
とし、第四項から第六項までを二項ずつ繰り下げ」. Quotations are the smallest meaningful unit that occurs exactly as
often as it must change. The output is read back by :mod:`hosei.amend.apply`: the round trip is the test.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..compare.diff import DiffResult, number_of, own_content, row_label
from ..core.eradate import format_era_date
from ..core.errors import HoseiError
from ..core.lawnum import act_key, act_title, formal_number
from ..core.lawtext import render_provision
from ..core.model import DIVISION_TAGS, TOC_ENTRY_TAGS, Law, Provision
from ..core.numerals import DIGITS, KANJI_NUMERALS, arabic_numbers, num_to_branch, parse_number, to_kanji
from ..text.units import CIRCLED
from .quoting import quote_ops, too_big, wording_clause
from .sentences import word_change

_KANJI = f"{KANJI_NUMERALS}"
_COUNTERS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}


@dataclass
class _Para:
    old: Provision | None
    new: Provision | None

    @property
    def old_n(self) -> int | None:
        return int(self.old.num or 1) if self.old is not None else None

    @property
    def new_n(self) -> int | None:
        return int(self.new.num or 1) if self.new is not None else None


def _k(n: int) -> str:
    return to_kanji(n)


def _article_cite(p: Provision) -> str:
    num = num_to_branch(p.num or "1")
    return f"第{_k(num[0])}条" + "".join(f"の{_k(b)}" for b in num[1:])


_K = f"[{KANJI_NUMERALS}]+"
_PARA_MOVE = re.compile(rf"^第(?P<a>{_K})項を第(?P<b>{_K})項とし$")
_ITEM_MOVE = re.compile(rf"第(?P<a>{_K})号を第(?P<b>{_K})号とし$")
_ARTICLE_MOVE = re.compile(rf"第(?P<a>{_K})条を第(?P<b>{_K})条とし$")
_ROW_MOVE = re.compile(rf"^(?P<a>{_K})の項を(?P<b>{_K})の項とし$")


def _fold_runs(
    ops: list[str], move: re.Pattern[str], label: str, counter: str, plain: list[bool] | None = None
) -> list[str]:
    """Four or more consecutive elements moved by the same amount (drafting rules): the first stays on its own, the
    rest become one range — 「第七項を第九項とし、第四項から第六項までを二項ずつ繰り下げ」 back to front when moving
    down, 「第四項を第三項とし、第五項から第七項までを一項ずつ繰り上げ」 front to back when moving up. *move* matches
    one move (groups a and b), *label* prints a number (「第{}項」, 「{}の項」), *plain* marks the ops that may join
    a run (an article's move written after its own changes may not). A branch number never matches *move*."""
    out: list[str] = []
    i = 0
    while i < len(ops):
        m = move.search(ops[i]) if plain is None or plain[i] else None
        j = i
        if m:
            a0, b0 = parse_number(m.group("a")), parse_number(m.group("b"))
            step = -1 if b0 > a0 else 1
            while j + 1 < len(ops) and (plain is None or plain[j + 1]):
                nxt = move.search(ops[j + 1])
                if not nxt or parse_number(nxt.group("a")) != a0 + step * (j + 1 - i):
                    break
                if parse_number(nxt.group("b")) - parse_number(nxt.group("a")) != b0 - a0:
                    break
                j += 1
        if m and j - i + 1 >= 4:
            numbers = [parse_number(move.search(op).group("a")) for op in ops[i + 1 : j + 1]]  # type: ignore[union-attr]
            delta = b0 - a0
            word = _COUNTERS.get(abs(delta), _k(abs(delta)))
            ranged = (
                f"{label.format(_k(min(numbers)))}から{label.format(_k(max(numbers)))}までを"
                f"{word}{counter}ずつ繰り{'下' if delta > 0 else '上'}げ"
            )
            out += [ops[i], ranged]
            i = j + 1
            continue
        out.append(ops[i])
        i += 1
    return out


def _fold_deletions(ops: list[str], unit: str) -> list[str]:
    """Neighbouring deletions in one: 「第一号及び第二号を削り」, 「第二項から第四項までを削り」 (drafting rules:
    「第三条第五項及び第六項を削る。」)."""
    pattern = re.compile(rf"^第(?P<n>[{_KANJI}]+){unit}を削り$")
    out: list[str] = []
    i = 0
    while i < len(ops):
        m = pattern.match(ops[i])
        j = i
        if m:
            while j + 1 < len(ops):
                nxt = pattern.match(ops[j + 1])
                if not nxt or parse_number(nxt.group("n")) != parse_number(m.group("n")) + (j + 1 - i):
                    break
                j += 1
        if m and j > i:
            last = pattern.match(ops[j])
            assert last is not None
            joint = "及び" if j == i + 1 else "から"
            tail = "まで" if j > i + 1 else ""
            out.append(f"第{m.group('n')}{unit}{joint}第{last.group('n')}{unit}{tail}を削り")
            i = j + 1
            continue
        out.append(ops[i])
        i += 1
    return out


def _upward_ranges(ops: list[str]) -> list[str]:
    """Paragraphs moving up after a deletion, front to back: 「第五項から第七項までを一項ずつ繰り上げ」."""
    return _fold_runs(ops, _PARA_MOVE, "第{}項", "項")


def _item_ranges(sentence: str) -> str:
    """Four or more consecutive items moving by the same amount: 「第七号を第八号とし、第四号から第六号までを一号ずつ
    繰り下げ」 (the drafting rule for paragraphs, applied to items)."""
    from .sentences import _segments

    end = "。" if sentence.endswith("。") else ""
    return "、".join(_fold_runs(_segments(sentence.removesuffix("。")), _ITEM_MOVE, "第{}号", "号")) + end


def _items_of_kind(a: Provision, b: Provision) -> bool:
    """True when the two items differ at most in their own sentence (their subitems are equal)."""
    return [(k.num, "".join(k.el.itertext())) for k in a.children()] == [
        (k.num, "".join(k.el.itertext())) for k in b.children()
    ]


def _subitem_wording(a: Provision, b: Provision) -> list[tuple[Provision, Provision]] | None:
    """The first-level subitems (イ, ロ …) of two items whose only changes are in the subitems' own words: the
    pairs that changed; None when anything else differs (numbers, count, deeper levels, columns, a table)."""
    ka, kb = a.children(), b.children()
    if len(ka) != len(kb):
        return None
    changed = []
    for x, y in zip(ka, kb, strict=True):
        if x.kind != "subitem1" or y.kind != "subitem1" or x.title != y.title:
            return None
        if not _items_of_kind(x, y) or x.el.find(".//TableStruct") is not None:
            return None
        if (
            x.el.find("Subitem1Sentence/Column") is not None
            or y.el.find("Subitem1Sentence/Column") is not None
        ):
            return None
        if any(len(s) for s in x.el.iterfind("Subitem1Sentence/Sentence")):
            return None  # ruby or other markup in the words: the article is given whole
        if x.own_text() != y.own_text():
            changed.append((x, y))
    return changed


def _moving_zone(blocks: list[tuple[Provision | None, Provision | None]]) -> tuple[int, int] | None:
    """The article blocks written back to front: from the first article that gets a new number (and the new ones
    just before it) to the last article; None when no article moves."""

    def is_article(o: Provision | None, n: Provision | None) -> bool:
        node = n if n is not None else o
        return node is not None and node.kind == "article"

    def moves(o: Provision | None, n: Provision | None) -> bool:
        return o is not None and n is not None and number_of(o) != number_of(n)

    articles = [i for i, (o, n) in enumerate(blocks) if is_article(o, n)]
    first = next((i for i in articles if moves(*blocks[i])), None)
    if first is None:
        return None
    while first - 1 in articles and (blocks[first - 1][0] is None or blocks[first - 1][1] is None):
        first -= 1  # the articles added or deleted just before the first move belong to it
    return first, articles[-1] + 1


_ENDINGS = (
    ("改める。", "改め"),
    ("加える。", "加え"),
    ("削る。", "削り"),
    ("とする。", "とし"),
    ("繰り下げる。", "繰り下げ"),
    ("繰り上げる。", "繰り上げ"),
)


def _number_value(p: Provision) -> tuple[int, ...]:
    return tuple(num_to_branch(p.num or "0")) if p.num and ":" not in p.num else (0,)


def _continuative(sentence: str) -> str:
    """「…に改める。」 → 「…に改め」: a sentence that goes on with another operation."""
    for final, going_on in _ENDINGS:
        if sentence.endswith(final):
            return sentence[: -len(final)] + going_on
    return sentence.rstrip("。")


def _article_ranges(chain: list[tuple[str, bool]], prefix: str) -> list[str]:
    """「第四十九条から第五十三条までを三条ずつ繰り下げ」 for four or more plain moves of consecutive articles."""
    return _fold_runs(
        [op for op, _ in chain], _ARTICLE_MOVE, prefix + "第{}条", "条", [plain for _, plain in chain]
    )


_DIVISION_WORD = {"part": "編", "chapter": "章", "section": "節", "subsection": "款", "division": "目"}


def _division_cite(p: Provision) -> str:
    """「第二章第一節」: the division and the divisions around it, by their numbers."""
    parts = []
    for el in [*reversed(list(p.el.iterancestors())), p.el]:
        word = _DIVISION_WORD.get(str(Provision(el, p.law).kind))
        if word and el.get("Num"):
            number = num_to_branch(el.get("Num", "1"))
            parts.append(f"第{_k(number[0])}{word}" + "".join(f"の{_k(b)}" for b in number[1:]))
    return "".join(parts)


def _division_name_sentence(old: Provision, new: Provision) -> tuple[str, list[str]]:
    """「第四章の章名中「裁判手続」を「裁判手続等」に改める。」, or the whole name when most of it changes."""
    word = _DIVISION_WORD[old.kind]
    cite = _division_cite(old)
    number = re.compile(r"^第[^　 ]+[　 ]*")
    old_name, new_name = number.sub("", old.title), number.sub("", new.title)
    ops = quote_ops(old_name, new_name) if old_name and new_name else []
    quoted = [m.group(1) for m in (re.match(r"^「([^「」]*)」", op) for op in ops) if m is not None]
    if (
        ops
        and len(quoted) == len(ops)
        and not too_big(ops, old_name)
        and all(old.title.count(q) == 1 and q != old_name for q in quoted)
    ):
        return f"{cite}の{word}名中{wording_clause(ops, True)}。", []
    return f"{cite}の{word}名を次のように改める。", ["　　　" + new.title]


def _added_divisions(
    blocks: list[tuple[Provision | None, Provision | None]],
) -> dict[Any, list[Provision] | None]:
    """New articles that stand in divisions (章, 節 …) all of whose articles are new: a division added whole. Maps
    each such article to None, except the first article of a run of neighbouring new divisions, which maps to
    the outermost divisions of the run (added by one sentence)."""
    new_articles = {n.el for o, n in blocks if o is None and n is not None and n.kind == "article"}
    if not new_articles:
        return {}
    law = next(n.law for o, n in blocks if n is not None)

    def all_new(division: Any) -> bool:
        articles = list(division.iter("Article"))
        return bool(articles) and all(a in new_articles for a in articles)

    out: dict[Any, list[Provision] | None] = {}
    run: list[Provision] = []
    for _o, n in blocks:
        if n is None or n.el not in new_articles:
            run = []
            continue
        outer = None
        for ancestor in n.el.iterancestors(*DIVISION_TAGS):
            if all_new(ancestor):
                outer = ancestor
        if outer is None:
            run = []
            continue
        if run and run[-1].el is outer:
            out[n.el] = None
            continue
        if run and outer.getprevious() is run[-1].el:
            run.append(Provision(outer, law))
            out[n.el] = None
            continue
        run = [Provision(outer, law)]
        out[n.el] = run  # the run grows as its neighbours are met: one sentence adds them all
    return out


def _chapter_end(new: Provision, before: Provision | None) -> str | None:
    """「第四章」 when *new* ends a chapter (not inside a section) that *before* is in too."""
    parent = new.el.getparent()
    if (
        before is None
        or parent is None
        or parent.tag != "Chapter"
        or new.el.getnext() is not None
        or before.el.getparent() is not parent
        or not (parent.get("Num") or "").isdigit()
    ):
        return None
    return f"第{_k(int(parent.get('Num', '0')))}章"


def _new_text(p: Provision) -> list[str]:
    return ["　" + line for line in render_provision(p)]


class Generator:
    def __init__(
        self, result: DiffResult, replace_tables: bool = False, whole: set[Any] | None = None
    ) -> None:
        self.result = result
        self.replace_tables = replace_tables
        #: articles and tables (elements of NEW) to give whole: their sentences written part by part did not give
        #: them (found by :func:`generate`'s self-check), or an article re-added under its old number
        self.whole: set[Any] = set(whole or ())
        self.sentences: list[tuple[str, list[str]]] = []
        self.own_suppl: list[Provision] = []
        #: the 附則 of earlier amending acts that changed: each gets its own opening line and sentences
        self.earlier_suppl: list[tuple[Provision, Provision]] = []
        #: 「附則」 while writing the sentences for an earlier act's 附則
        self.prefix = ""

    def run(
        self, blocks: list[tuple[Provision | None, Provision | None]] | None = None
    ) -> list[tuple[str, list[str]]]:
        touched = {c.old.el for c in self.result.changes if c.old is not None} | {
            c.new.el for c in self.result.changes if c.new is not None
        }
        prev_new: Provision | None = None
        all_blocks = self._same_number_replaced(list(self.result.blocks if blocks is None else blocks))
        zone = _moving_zone(all_blocks)
        # renamed chapters (sections, …): 「第四章の章名中「A」を「B」に改める。」 before the sentences of their articles
        renamed = {
            c.old.el: (c.old, c.new)
            for c in self.result.changes
            if blocks is None
            and c.kind == "modified"
            and c.old is not None
            and c.new is not None
            and c.old.kind in _DIVISION_WORD
        }
        added_divisions = _added_divisions(all_blocks) if not self.prefix else {}
        for index, (o, n) in enumerate(all_blocks):
            here = o if o is not None else n
            if renamed and here is not None and here.kind == "article":
                for ancestor in reversed(list(here.el.iterancestors())):
                    if ancestor in renamed:
                        self.sentences.append(_division_name_sentence(*renamed.pop(ancestor)))
            if zone is not None and zone[0] <= index < zone[1]:
                if index == zone[0]:
                    kept_before = [
                        a
                        for a, b in all_blocks[: zone[0]]
                        if a is not None and b is not None and a.kind == "article"
                    ]
                    self.moving_zone(all_blocks[zone[0] : zone[1]], kept_before[-1] if kept_before else None)
                continue
            node = n if n is not None else o
            if node is not None and node.kind != "article":
                changed = any(el in touched for p in (o, n) if p is not None for el in p.el.iter())
                if (
                    changed
                    and self.replace_tables
                    and node.kind == "appdx_table"
                    and o is not None
                    and n is not None
                ):
                    # a table of rows is replaced whole (「別表第1を次のように改める。」), as municipalities do
                    self.sentences.append((f"{_table_cite(o)}を次のように改める。", _new_text(n)))
                    continue
                if (
                    changed
                    and node.kind == "suppl"
                    and o is None
                    and n is not None
                    and n.el.get("AmendLawNum")
                ):
                    self.own_suppl.append(
                        n
                    )  # the amending act's own 附則, as the consolidated text carries it
                    continue
                if changed and node.kind == "appdx_table" and o is not None and n is None:
                    self.sentences.append((f"{_table_cite(o)}を削る。", []))  # 「別表第二を削る。」
                    continue
                if changed and node.kind == "appdx_table" and o is not None and n is not None:
                    if not self._written_in_parts(self.table, o, n):
                        # a change the row sentences do not reach: the table is given whole, as acts do when
                        # much of it changes (「別表第一を次のように改める。」)
                        self.sentences.append((f"{_table_cite(o)}を次のように改める。", _new_text(n)))
                    continue
                if (
                    changed
                    and node.kind == "suppl"
                    and o is not None
                    and n is not None
                    and o.el.get("AmendLawNum")
                ):
                    self.earlier_suppl.append(
                        (o, n)
                    )  # amended by its own opening line, after this law's sentences
                    continue
                if (
                    changed
                    and node.kind == "suppl"
                    and o is not None
                    and n is not None
                    and not self.prefix
                    and not o.el.get("AmendLawNum")
                    and not n.el.get("AmendLawNum")
                ):
                    # the law's own 附則 (as enacted): amended in line, 「附則第三条中「…」を「…」に改める。」
                    self.sentences += self.earlier_act(o, n)
                    continue
                if changed:
                    raise HoseiError(
                        f"changes in {node.citation_text()} (附則 or appendix tables) are not supported yet"
                    )
                continue
            if o is None and n is not None and n.kind == "article" and n.el in added_divisions:
                division = added_divisions[n.el]
                if division is not None:  # the first article of new divisions: the divisions are added whole
                    self._add_divisions(division)
                prev_new = n
                continue
            if o is None and n is not None:
                if n.kind != "article":
                    continue
                anchor = f"{self.prefix}{_article_cite(prev_new)}の次に" if prev_new is not None else None
                if anchor is None:
                    raise HoseiError("adding a first article is not supported yet")
                chapter = _chapter_end(n, prev_new) if not self.prefix else None
                if (
                    chapter
                ):  # the last article of its chapter: 「第四章に次の一条を加える。」 (drafting rules)
                    anchor = f"{chapter}に"
                self.sentences.append((f"{anchor}次の一条を加える。", _new_text(n)))
            elif n is None and o is not None:
                self._delete_article(o, index > 0 and all_blocks[index - 1][1] is None)
            elif o is not None and n is not None:
                self.article(o, n)
            if n is not None:
                prev_new = n
        for old_division, new_division in renamed.values():  # a renamed division without articles of its own
            self.sentences.append(_division_name_sentence(old_division, new_division))
        return self.sentences

    def _add_divisions(self, divisions: list[Provision]) -> None:
        """「第六章の次に次の三章を加える。」 (drafting rules: a new division is added whole, after the one before it,
        its articles printed under it); the divisions follow one another and the one before them is kept."""
        first = divisions[0].el
        before = first.getprevious()
        while before is not None and before.tag != first.tag:
            before = before.getprevious()
        if before is None or not before.get("Num"):
            raise HoseiError(f"adding {divisions[0].title} before the first of its kind is not supported yet")
        word = _DIVISION_WORD[str(divisions[0].kind)]
        count = _COUNTERS.get(len(divisions), _k(len(divisions)))
        block = [line for d in divisions for line in _new_text(d)]
        cite = _division_cite(Provision(before, divisions[0].law))
        self.sentences.append((f"{cite}の次に次の{count}{word}を加える。", block))

    def _same_number_replaced(
        self, blocks: list[tuple[Provision | None, Provision | None]]
    ) -> list[tuple[Provision | None, Provision | None]]:
        """An article deleted and a new one added under the same number, side by side (「第百七十八条　削除」 given
        a text again): one article rewritten whole (「第百七十八条を次のように改める。」), never an insertion and a
        deletion that both name 第百七十八条."""
        out: list[tuple[Provision | None, Provision | None]] = []
        for o, n in blocks:
            po, pn = out[-1] if out else (None, None)
            # a deletion next to an addition, in either order: the old side of one, the new side of the other
            old, new = (
                (po, n) if pn is None and o is None else (o, pn) if po is None and n is None else (None, None)
            )
            if old is not None and new is not None and old.kind == new.kind == "article":
                if number_of(old) == number_of(new):
                    out[-1] = (old, new)
                    self.whole.add(new.el)
                    continue
            out.append((o, n))
        return out

    def _delete_article(self, o: Provision, after_deletion: bool) -> None:
        """「第五条を削る。」; neighbouring articles deleted in one sentence (drafting rules): 「附則第三条及び第四条を
        削る。」, 「第五条から第八条までを削る。」."""
        previous = self.sentences[-1][0] if self.sentences and after_deletion else ""
        run = re.fullmatch(
            rf"{re.escape(self.prefix)}第(?P<a>[{_KANJI}]+)条(?:(?:及び|から)第(?P<b>[{_KANJI}]+)条(?:まで)?)?を削る。",
            previous,
        )
        number = o.num or ""
        if run and number.isdigit() and int(number) == parse_number(run.group("b") or run.group("a")) + 1:
            first = f"{self.prefix}第{run.group('a')}条"
            joined = (
                f"{first}から{_article_cite(o)}までを削る。"
                if run.group("b")
                else f"{first}及び{_article_cite(o)}を削る。"
            )
            self.sentences[-1] = (joined, [])
            return
        self.sentences.append((f"{self.prefix}{_article_cite(o)}を削る。", []))

    def earlier_act(self, o: Provision, n: Provision) -> list[tuple[str, list[str]]]:
        """Sentences amending an earlier act's 附則 as the consolidated law carries it: 「附則第二条を削る。」,
        「附則第一条第三号中「…」を「…」に改める。」, 「附則第二項中第二号を削り、…」."""
        sub = Generator(self.result, self.replace_tables, self.whole)
        sub.prefix = "附則"
        old_articles = [Provision(el, o.law) for el in o.el.iter("Article")]
        new_articles = [Provision(el, n.law) for el in n.el.iter("Article")]
        if old_articles or new_articles:
            sub.run(self.result.texts.align(old_articles, new_articles))
        else:
            ok = [k for k in o.children() if k.kind == "paragraph"]
            nk = [k for k in n.children() if k.kind == "paragraph"]
            sub.paragraphs("附則", [_Para(a, b) for a, b in self.result.texts.align(ok, nk)])
        if sub.own_suppl or sub.earlier_suppl:
            raise HoseiError(f"nested 附則 changes in {o.citation_text()} are not supported")
        return sub.sentences

    def table(self, o: Provision, n: Provision) -> None:
        """Rows of an appendix table: wording first (「別表の五の項中「A」を「B」に改める。」), then, back to front,
        relabelling and insertions (「別表中九の項を十一の項とし、…、三の項の次に次のように加える。」), or deletions
        with the following rows moved up, front to back (「別表中三の項を削り、四の項を三の項とし、…」)."""
        cite = _table_cite(o)
        if own_content(o) != own_content(n):
            raise HoseiError(f"changes to the title of {cite} are not supported yet")
        pairs = self.result.texts.align(o.children(), n.children())
        for a, b in pairs:
            if (a is not None and not row_label(a) and b is None) or (
                b is not None and not row_label(b) and a is None
            ):
                raise HoseiError(f"rows without a label in {cite} are not supported yet")

        def wording(a: Provision, b: Provision, final: bool) -> str:
            """Quotations cell by cell (a quotation never spans two cells), each as often in the row as in its
            cell: the applier changes every occurrence in the row."""
            row = _row_text(a)
            ops: list[str] = []
            old_cells, new_cells = row.split("｜"), _row_text(b, row_label(a)).split("｜")
            if len(old_cells) != len(new_cells):
                raise HoseiError(f"a row of {cite} whose cells change in number (not supported yet)")
            for old_cell, new_cell in zip(old_cells, new_cells, strict=True):
                if old_cell == new_cell:
                    continue
                cell_ops = quote_ops(old_cell, new_cell)
                quoted = [re.match(r"^「((?:[^「」]|「[^「」]*」)*)」", op) for op in cell_ops]
                if all(q is not None and row.count(q.group(1)) == old_cell.count(q.group(1)) for q in quoted):
                    ops += cell_ops
                elif old_cell and row.count(old_cell) == 1:  # the whole cell, which the row holds once
                    ops.append(f"「{old_cell}」を「{new_cell}」に")
                else:
                    raise HoseiError(
                        f"a wording change in {cite} that cannot be quoted in one cell (not supported yet)"
                    )
            return wording_clause(ops, final)

        for a, b in pairs:
            if a is not None and b is not None and own_content(a) != own_content(b):
                if row_label(a) == row_label(b):
                    self.sentences.append((f"{cite}の{row_label(a)}の項中{wording(a, b, True)}。", []))
        deleted = [a for a, b in pairs if b is None and a is not None]
        added = [b for a, b in pairs if a is None and b is not None]
        if deleted and added:
            raise HoseiError(f"adding and deleting rows of {cite} at once is not supported yet")
        if deleted:
            ops = []
            for a, b in pairs:
                assert a is not None
                if b is None:
                    ops.append(f"{row_label(a)}の項を削り")
                elif row_label(a) != row_label(b):
                    if own_content(a) != own_content(b):
                        ops.append(f"{row_label(a)}の項中{wording(a, b, False)}")
                        ops.append(f"同項を{row_label(b)}の項とし")
                    else:
                        ops.append(f"{row_label(a)}の項を{row_label(b)}の項とし")
            self.sentences.append((_finalise(f"{cite}中{'、'.join(_row_ranges(ops))}"), []))
            return
        ops, last_kept = [], None
        inserted_after: dict[int, list[Provision]] = {}
        for a, b in pairs:
            if a is None and b is not None:
                if last_kept is None or not row_label(last_kept):
                    raise HoseiError(f"inserting a row of {cite} before its first row is not supported yet")
                inserted_after.setdefault(id(last_kept), []).append(b)
            elif a is not None:
                last_kept = a
        kept = [(a, b) for a, b in pairs if a is not None and b is not None]
        for a, b in reversed(kept):
            if row_label(a) != row_label(b) and own_content(a) != own_content(b):
                ops.append(f"{row_label(a)}の項中{wording(a, b, False)}")
                ops.append(f"同項を{row_label(b)}の項とし")
            elif row_label(a) != row_label(b):
                ops.append(f"{row_label(a)}の項を{row_label(b)}の項とし")
            after = inserted_after.get(id(a))
            if after:
                block = [line for q in after for line in _new_text(q)]
                if a is kept[-1][0] and not ops:
                    self.sentences.append((f"{cite}に次のように加える。", block))
                elif not ops:
                    self.sentences.append((f"{cite}の{row_label(a)}の項の次に次のように加える。", block))
                else:
                    ops.append(f"{row_label(a)}の項の次に次のように加え")
                    self.sentences.append((_finalise(f"{cite}中{'、'.join(_row_ranges(ops))}"), block))
                ops = []
        if ops:
            self.sentences.append((_finalise(f"{cite}中{'、'.join(_row_ranges(ops))}"), []))

    def article(self, o: Provision, n: Provision) -> None:
        """The sentences for one article; where its changes take a form not written part by part yet (items
        inserted before the first, subitems, …), the article is rewritten whole: 「第二条を次のように改める。」 —
        what a drafter writes when most of an article changes."""
        if number_of(o) != number_of(n):
            raise HoseiError(f"moving articles ({o.title} → {n.title}) is not supported yet")
        self._article_content(o, n)

    def _written_in_parts(
        self, write: Callable[[Provision, Provision], None], old: Provision, new: Provision
    ) -> bool:
        """Run *write* (the sentences for one article or table, part by part) unless *new* is to be given whole;
        False, with nothing written, when it is, or when *write* meets a form not written part by part yet."""
        if new.el in self.whole:
            return False
        before = len(self.sentences)
        try:
            write(old, new)
        except HoseiError as exc:
            if "not supported yet" not in exc.message:
                raise
            del self.sentences[before:]
            return False
        return True

    def _article_content(self, o: Provision, n: Provision) -> None:
        """What changed inside the article, cited by its old number (a move is written by the caller)."""
        if not self._written_in_parts(self._article_parts, o, n):
            block = _new_text(n)
            if number_of(o) != number_of(
                n
            ):  # rewritten where it stands, then moved: printed under its old number
                block = [line.replace(f"{n.title}　", f"{o.title}　", 1) for line in block]
            self.sentences.append((f"{self.prefix}{_article_cite(o)}を次のように改める。", block))

    def moving_zone(
        self, pairs: list[tuple[Provision | None, Provision | None]], anchor: Provision | None
    ) -> None:
        """Articles from the first one that moves to the end, back to front (drafting rules, example 07): an article's
        own changes first, then its move in the same sentence (「第六十条中「…」を「…」に改め、同条を第六十三条とし、
        第五十九条を第六十二条とし、…」), four or more plain moves by the same amount as a range (「第四十九条から第五十三条
        までを三条ずつ繰り下げ」), and new articles right after the one they follow has made room (「第四十八条を第五十条と
        し、同条の次に次の一条を加える。」). *anchor* is the unmoved article before the zone."""
        p = self.prefix
        if any(o is not None and n is not None and _number_value(n) < _number_value(o) for o, n in pairs):
            self.moving_up(pairs, anchor)
            return
        chain: list[tuple[str, bool]] = []  # (operation, a plain move that may join a range)
        pending: list[Provision] = []  # new articles waiting for the one they follow

        def close(block: list[str] | None = None) -> None:
            if chain:
                self.sentences.append((_finalise("、".join(_article_ranges(chain, p))), block or []))
                chain.clear()

        def insert_after(lead: str) -> None:
            count = _COUNTERS.get(len(pending), _k(len(pending)))
            chain.append((f"{lead}次の{count}条を加え", False))
            close([line for q in pending for line in _new_text(q)])
            pending.clear()

        for o, n in reversed(pairs):
            if o is None and n is not None:
                pending.insert(0, n)
                continue
            if o is None or n is None:
                raise HoseiError("deleting articles where others move is not supported yet")
            moved = self._changes_then_move(o, n, chain, close)
            if pending:
                insert_after("同条の次に" if moved and chain else f"{p}{_article_cite(o)}の次に")
        if pending:
            if anchor is None:
                raise HoseiError("adding articles before the first one is not supported yet")
            insert_after(f"{p}{_article_cite(anchor)}の次に")
        close()

    def moving_up(
        self, pairs: list[tuple[Provision | None, Provision | None]], anchor: Provision | None = None
    ) -> None:
        """Articles deleted and the following ones moved up, front to back (drafting rules): 「第四十三条を削り、第四十四条を
        第四十三条とし、第四十五条から第六十一条までを一条ずつ繰り上げる。」; an article's own changes come first and
        its move joins them (「第五十条中「…」を「…」に改め、同条を第四十九条とし」)."""
        p = self.prefix
        chain: list[tuple[str, bool]] = []
        pending: list[Provision] = []  # new articles, added once the one before them stands at its new number
        previous: Provision | None = anchor  # the last kept article, at its new number

        def close(block: list[str] | None = None) -> None:
            if chain:
                self.sentences.append((_finalise("、".join(_article_ranges(chain, p))), block or []))
                chain.clear()

        def add_pending() -> None:
            if not pending:
                return
            if previous is None:
                raise HoseiError("adding articles before the first one is not supported yet")
            count = _COUNTERS.get(len(pending), _k(len(pending)))
            chain.append((f"{p}{_article_cite(previous)}の次に次の{count}条を加え", False))
            close([line for q in pending for line in _new_text(q)])
            pending.clear()

        for o, n in pairs:
            if o is None:
                if n is not None:
                    pending.append(n)
                continue
            add_pending()
            if n is None:
                chain.append((f"{p}{_article_cite(o)}を削り", False))
                continue
            self._changes_then_move(o, n, chain, close)
            previous = n
        add_pending()
        close()

    def _changes_then_move(
        self, o: Provision, n: Provision, chain: list[tuple[str, bool]], close: Callable[[], None]
    ) -> bool:
        """An article's own changes as sentences of their own (closing the chain of moves before them), its move
        joined to the last of them (「第六十条中「…」を「…」に改め、同条を第六十三条とし」) unless that one ends
        with new text; a plain move joins the chain as one that may fold into a range. Returns whether it moved."""
        moved = number_of(o) != number_of(n)
        move = f"{self.prefix}{_article_cite(o)}を{_article_cite(n)}とし"
        before = len(self.sentences)
        self._article_content(o, n)
        content = self.sentences[before:]
        del self.sentences[before:]
        if not content:
            if moved:
                chain.append((move, True))
            return moved
        close()
        *head, (last, block) = content
        self.sentences.extend(head)
        if moved and not block:
            chain.append((f"{_continuative(last)}、同条を{_article_cite(n)}とし", False))
            return moved
        self.sentences.append((last, block))
        if moved:
            chain.append((move, False))
        return moved

    def _article_parts(self, o: Provision, n: Provision) -> None:
        cite = self.prefix + _article_cite(o)
        if _tables_text(o) != _tables_text(n) and not _single_later_part(o, n):
            raise HoseiError(f"changes in a table inside {cite} are not supported yet")
        before = len(self.sentences)
        self._article_body(o, n, cite)
        if o.caption != n.caption and n.caption:
            # the heading first, in the article's first sentence: 「第四十二条の見出し中「適用除外」を「適用関係」に改め、
            # 同条第一項中…」; a heading mostly rewritten is given whole: 「第四十六条の見出しを「（…）」に改め」
            heading = _heading_clause(o.caption or "", n.caption)
            first = self.sentences[before][0] if len(self.sentences) > before else ""
            if first.startswith(cite) and not first[len(cite) :].startswith("を"):
                rest = first[len(cite) :]
                joined = f"{cite}{heading}、同条{rest[1:] if rest.startswith('中第') else rest}"
                self.sentences[before] = (joined, self.sentences[before][1])
            else:
                self.sentences.insert(before, (_finalise(f"{cite}{heading}"), []))

    def _article_body(self, o: Provision, n: Provision, cite: str) -> None:
        ok, nk = self.result.texts.child_lists(o, n)
        single = [k for k in o.children() if k.kind == "paragraph"]
        if len(single) == 1 and len([k for k in n.children() if k.kind == "paragraph"]) == 1:
            old_text = _own(single[0])
            new_text = _own([k for k in n.children() if k.kind == "paragraph"][0])
            later = _later_part(single[0], [k for k in n.children() if k.kind == "paragraph"][0])
            if later is not None and not ok and not nk:
                # 「第五十五条第一項中…に改め、同項に後段として次のように加える。」 / 「…同条後段を次のように改める。」
                kept_ops, clause, block = later
                lead = f"{cite}中{wording_clause(kept_ops, False)}、同条" if kept_ops else cite
                self.sentences.append((_finalise(lead + clause), block))
                return
            if old_text != new_text:
                ops = quote_ops(old_text, new_text)
                if too_big(ops, old_text):  # rewriting most of it: 「第六十一条を次のように改める」
                    self.sentences.append((f"{cite}を次のように改める。", _new_text(n)))
                    return
                self.sentences.append((f"{cite}中{wording_clause(ops, True)}。", []))
            if ok or nk:
                self.items(cite, ok, nk)
            return
        if ok and ok[0].kind != "paragraph":
            self.items(cite, ok, nk)
            return
        self.paragraphs(cite, [_Para(a, b) for a, b in self.result.texts.align(ok, nk)])

    def items(self, cite: str, old: list[Provision], new: list[Provision]) -> None:
        """Wording of items first (front to back), then, back to front, moves and insertions: 「第…項中第五号を第六号
        とし、第四号を第五号とし、第三号の次に次の一号を加える。」"""
        pairs = self.result.texts.align(old, new)
        if any(b is None for _, b in pairs):
            self.deleted_items(cite, pairs)
            return
        below: list[tuple[Provision, Provision]] = []
        for a, b in pairs:
            if a is not None and b is not None and not _items_of_kind(a, b):
                changed = _subitem_wording(a, b)
                if changed is None:
                    raise HoseiError(f"changes below items (subitems) are not supported yet ({cite})")
                below += changed
        for a, b in pairs:
            if a is not None and b is not None and _own(a) != _own(b):
                if a.el.find("ItemSentence/Column") is not None:
                    raise HoseiError(f"wording in an item of columns is not supported yet ({cite})")
                if number_of(a) != number_of(b):
                    continue  # changed and moved: in the back-to-front sentence below
                where = f"{cite}{_item_cite(a)}"
                self.sentences.append((f"{where}中{wording_clause(quote_ops(_own(a), _own(b)), True)}。", []))
        for a, b in below:  # 「第九十七条第一項第六号イ中「禁錮」を「拘禁刑」に改める。」
            item = a.el.getparent()
            assert item is not None
            where = f"{cite}{_item_cite(Provision(item, a.law))}{a.title}"
            self.sentences.append(
                (f"{where}中{wording_clause(quote_ops(a.own_text(), b.own_text()), True)}。", [])
            )
        if pairs and all(a is None for a, _ in pairs):  # a provision gets its first items
            added = [b for _, b in pairs if b is not None]
            count = "各" if len(added) > 1 else "一"
            block = [line for q in added for line in _new_text(q)]
            self.sentences.append((f"{cite}に次の{count}号を加える。", block))
            return
        inserted_after: dict[int, list[Provision]] = {}
        last_old: int | None = None
        for a, b in pairs:
            if a is None and b is not None:
                if last_old is None:
                    raise HoseiError(f"inserting an item before the first one is not supported yet ({cite})")
                inserted_after.setdefault(last_old, []).append(b)
            elif a is not None:
                last_old = num_to_branch(a.num or "1")[0]
        kept = [(a, b) for a, b in pairs if a is not None and b is not None]
        ops: list[str] = []
        for a, b in reversed(kept):
            assert a is not None and b is not None
            o_n, n_n = num_to_branch(a.num or "1")[0], num_to_branch(b.num or "1")[0]
            after = inserted_after.get(o_n, [])
            if after and o_n == num_to_branch(kept[-1][0].num or "1")[0] and not ops:
                block = [line for q in after for line in _new_text(q)]
                self.sentences.append(
                    (f"{cite}に次の{_COUNTERS.get(len(after), _k(len(after)))}号を加える。", block)
                )
            elif after:
                block = [line for q in after for line in _new_text(q)]
                count = _COUNTERS.get(len(after), _k(len(after)))
                if o_n != n_n:
                    ops.append(f"第{_k(o_n)}号を第{_k(n_n)}号とし")
                    ops.append(f"同号の次に次の{count}号を加える")
                else:
                    ops.append(f"第{_k(o_n)}号の次に次の{count}号を加える")
                joint = "中" if re.match(r"^第[^号]+号を", ops[0]) else ""
                self.sentences.append((_finalise(f"{cite}{joint}{'、'.join(ops)}"), block))
                ops = []
                continue
            if o_n != n_n and _own(a) != _own(b):
                # the items' holder named again: 「同項」 under a paragraph, 「同条」 under a one-paragraph article
                holder = "同項" if cite.endswith("項") else "同条"
                ops.append(
                    f"{holder if ops else ''}第{_k(o_n)}号中{wording_clause(quote_ops(_own(a), _own(b)), False)}"
                )
                ops.append(f"同号を{holder}第{_k(n_n)}号とし")
            elif o_n != n_n:
                ops.append(f"第{_k(o_n)}号を第{_k(n_n)}号とし")
        if ops:
            joint = "中" if re.match(r"^第[^号]+号を", ops[0]) else ""
            self.sentences.append((_finalise(f"{cite}{joint}{'、'.join(ops)}"), []))
        self.sentences[:] = [(_item_ranges(text), block) for text, block in self.sentences]

    def deleted_items(self, cite: str, pairs: list[tuple[Provision | None, Provision | None]]) -> None:
        """Items deleted, the following ones moved up, front to back: 「第三号を削り、第四号を第三号とする。」"""
        if any(a is None for a, _ in pairs):
            raise HoseiError(f"adding and deleting items in one paragraph is not supported yet ({cite})")
        for (
            a,
            b,
        ) in pairs:  # wording first, under the numbers as they stand: 「第…項第五号中「…」を「…」に改める。」
            if a is not None and b is not None and _items_of_kind(a, b) and _own(a) != _own(b):
                where = f"{cite}{_item_cite(a)}"
                self.sentences.append((f"{where}中{wording_clause(quote_ops(_own(a), _own(b)), True)}。", []))
        ops: list[str] = []
        for a, b in pairs:
            assert a is not None
            o_n = num_to_branch(a.num or "1")[0]
            if b is None:
                ops.append(f"第{_k(o_n)}号を削り")
                continue
            if not _items_of_kind(a, b):
                raise HoseiError(
                    f"changing items in a paragraph that loses one is not supported yet ({cite})"
                )
            n_n = num_to_branch(b.num or "1")[0]
            if o_n != n_n:
                ops.append(f"第{_k(o_n)}号を第{_k(n_n)}号とし")
        self.sentences.append((_finalise(f"{cite}中{'、'.join(_fold_deletions(ops, '号'))}"), []))

    def deleted_paragraphs(self, cite: str, pairs: list[_Para]) -> None:
        """Paragraphs deleted and the following ones moved up, front to back: 「第二条中第二項を削り、第三項を第二項と
        し、同条第四項中「…」を「…」に改め、同項を同条第三項とする。」"""
        if any(p.old is None for p in pairs):
            raise HoseiError(f"adding and deleting paragraphs in one article is not supported yet ({cite})")
        for p in pairs:  # items first, under the paragraph numbers as they stand
            if p.old is not None and p.new is not None:
                old_items, new_items = p.old.children(), p.new.children()
                if [(number_of(k), _own(k)) for k in old_items] != [
                    (number_of(k), _own(k)) for k in new_items
                ]:
                    self.items(f"{cite}第{_k(p.old_n or 1)}項", old_items, new_items)
        ops: list[str] = []
        for p in pairs:
            assert p.old is not None and p.old_n is not None
            if p.new is None:
                ops.append(f"第{_k(p.old_n)}項を削り")
                continue
            assert p.new_n is not None
            if _own(p.old) != _own(p.new):
                prefix = "同条" if ops else ""
                ops.append(
                    f"{prefix}第{_k(p.old_n)}項中{wording_clause(quote_ops(_own(p.old), _own(p.new)), False)}"
                )
                if p.old_n != p.new_n:
                    ops.append(f"同項を同条第{_k(p.new_n)}項とし")
            elif p.old_n != p.new_n:
                ops.append(f"第{_k(p.old_n)}項を第{_k(p.new_n)}項とし")
        ops = _upward_ranges(_fold_deletions(ops, "項"))
        joint = "中" if re.match(r"^第[^項]+項(を|から)", ops[0]) and cite != "附則" else ""
        self.sentences.append((_finalise(f"{cite}{joint}{'、'.join(ops)}"), []))

    def paragraphs(self, cite: str, pairs: list[_Para]) -> None:
        """Back to front: wording, then move, then insertions after the paragraph (which end the sentence)."""
        inserted_after: dict[int, list[Provision]] = {}
        last_old: int | None = None
        leading: list[Provision] = []
        for pair in pairs:
            if pair.old is None and pair.new is not None:
                if last_old is None:
                    leading.append(pair.new)
                else:
                    inserted_after.setdefault(last_old, []).append(pair.new)
            elif pair.old is not None:
                last_old = pair.old_n
        kept = [p for p in pairs if p.old is not None]
        if any(p.new is None for p in kept):
            self.deleted_paragraphs(cite, pairs)
            return
        for p in kept:
            # the items of a paragraph: their wording changes are sentences of their own; nothing is left out
            assert p.old is not None and p.new is not None
            old_items, new_items = p.old.children(), p.new.children()

            def seen(items: list[Provision]) -> list[tuple[str, str]]:  # own words and everything below
                return [(number_of(k), "".join(k.el.itertext())) for k in items]

            if seen(old_items) != seen(new_items):
                self.items(f"{cite}第{_k(p.old_n or 1)}項", old_items, new_items)
        ops: list[str] = []
        current: list[tuple[list[str], list[str]]] = []

        def close(text: str, block: list[str]) -> None:
            nonlocal ops
            current.append((ops + ([text] if text else []), block))
            ops = []

        # a law without official paragraph numbers (②③ editorial): paragraphs move by themselves, no sentence
        # renumbers them, and an added paragraph is printed without a number
        old_style = any(q.old is not None and q.old.el.get("OldStyle") == "true" for q in pairs)
        # wording of paragraphs that keep their number first, front to back (example 07: 「同条第一項中…を加え、同条
        # 第二項を同条第三項とし、同条第一項の次に次の一項を加える」); the others change as they move, back to front
        in_place: set[int] = set()
        for p in kept:
            assert p.old is not None and p.new is not None
            later = _later_part(p.old, p.new) if p.old_n == p.new_n else None
            if later is not None and later[1].startswith(("に後段として", "に次のただし書", "ただし書を削")):
                kept_ops, clause, block = later
                if kept_ops:
                    ops.append(
                        f"{'同条' if ops else ''}第{_k(p.old_n or 1)}項中{wording_clause(kept_ops, False)}"
                    )
                    close(f"同項{clause}", block)
                else:
                    close(f"{'同条' if ops else ''}第{_k(p.old_n or 1)}項{clause}", block)
                in_place.add(id(p))
                continue
            if _own(p.old) != _own(p.new) and (p.old_n == p.new_n or old_style):
                ops.append(
                    f"{'同条' if ops else ''}第{_k(p.old_n or 1)}項中"
                    f"{wording_clause(quote_ops(_own(p.old), _own(p.new)), False)}"
                )
                in_place.add(id(p))
        kept_rev = list(reversed(kept))
        i = 0
        while i < len(kept_rev):
            p = kept_rev[i]
            assert p.old is not None and p.new is not None and p.old_n is not None and p.new_n is not None
            wording = _own(p.old) != _own(p.new) and id(p) not in in_place
            moved = p.old_n != p.new_n and not old_style
            after = inserted_after.get(p.old_n, [])
            # a run of pure moves by the same amount: 第七項を第九項とし、第四項から第六項までを二項ずつ繰り下げ
            if moved and not wording and not after:
                run = [p]
                j = i + 1
                while j < len(kept_rev):
                    q = kept_rev[j]
                    if (
                        q.old is not None
                        and q.new is not None
                        and (q.old_n or 0) == (run[-1].old_n or 0) - 1
                        and (q.new_n or 0) - (q.old_n or 0) == p.new_n - p.old_n
                        and _own(q.old) == _own(q.new)
                        and not inserted_after.get(q.old_n or 0)
                    ):
                        run.append(q)
                        j += 1
                    else:
                        break
                delta = p.new_n - p.old_n
                if len(run) >= 4:
                    ops.append(f"第{_k(p.old_n)}項を第{_k(p.new_n)}項とし")
                    lo, hi = run[-1].old_n or 0, run[1].old_n or 0
                    ops.append(
                        f"第{_k(lo)}項から第{_k(hi)}項までを{_COUNTERS.get(abs(delta), _k(abs(delta)))}項ずつ繰り{'下' if delta > 0 else '上'}げ"
                    )
                else:
                    for q in run:
                        same = (
                            "同条" if ops else ""
                        )  # after another operation: 「同条第二項を同条第三項とし」
                        ops.append(f"{same}第{_k(q.old_n or 0)}項を{same}第{_k(q.new_n or 0)}項とし")
                i = j
                continue
            prefix = "同条" if ops else ""
            if wording:
                ops.append(
                    f"{prefix}第{_k(p.old_n)}項中{wording_clause(quote_ops(_own(p.old), _own(p.new)), False)}"
                )
                if moved:
                    ops.append(f"同項を同条第{_k(p.new_n)}項とし")
            elif moved:
                ops.append(f"{prefix}第{_k(p.old_n)}項を{'同条' if prefix else ''}第{_k(p.new_n)}項とし")
            if after:
                count = _COUNTERS.get(len(after), _k(len(after)))
                block = [line for q in after for line in _new_text(q)]
                if old_style:
                    block = [re.sub(rf"^(　*)[{CIRCLED}]　", r"\1　", line) for line in block]
                if p is kept[-1] and not ops and not wording and not moved:
                    close(f"<END>に次の{count}項を加える", block)  # 「第二十二条に次の一項を加える」
                else:
                    # 「同項」 only when the paragraph was just named (changed or moved in this sentence)
                    lead = "同項" if (wording or moved) else f"{'同条' if ops else ''}第{_k(p.old_n)}項"
                    close(f"{lead}の次に次の{count}項を加える", block)
            i += 1
        if leading:
            # 「同条を同条第二項とし、同条に第一項として次の一項を加える」: the others have made room already
            count = _COUNTERS.get(len(leading), _k(len(leading)))
            block = [line for q in leading for line in _new_text(q)]
            first_n = int(leading[0].num or 1)
            if first_n == 1 and block:  # a first paragraph is printed without the article's number
                block[0] = re.sub(rf"^(　*)第[{_KANJI}]+条(?:の[{_KANJI}]+)*　", r"\1　", block[0])
            close(f"{'同条' if ops else '<END>'}に第{_k(first_n)}項として次の{count}項を加える", block)
        if ops:
            close("", [])
        for sentence_ops, block in current:
            first = sentence_ops[0]
            # 「第三十八条中第七項を第九項とし」 but 「第三十八条第三項中「…」」 and 「第三十八条第一項の次に…」
            joint = "中" if re.match(r"^第[^項]+項(を|から)", first) and cite != "附則" else ""
            body = f"{cite}{joint}{'、'.join(sentence_ops)}".replace("<END>", "")
            self.sentences.append((_finalise(body), block))


def _finalise(body: str) -> str:
    """The last operation takes the final form (改める／加える／削る／とする／繰り下げる)."""
    endings = (
        ("とし", "とする"),
        ("繰り下げ", "繰り下げる"),
        ("繰り上げ", "繰り上げる"),
        ("改め", "改める"),
        ("加え", "加える"),
        ("削り", "削る"),
    )
    for short, final in endings:
        if body.endswith(short):
            return body[: -len(short)] + final + "。"
    return body + "。" if not body.endswith("。") else body


def _tables_text(p: Provision) -> list[str]:
    """The text of the tables inside a provision (a 読替え table in a paragraph), cell by cell."""
    return [re.sub(r"[ \t\r\n]", "", "｜".join(t.itertext())) for t in p.el.iter("TableStruct")]


def _sentence_texts(p: Provision) -> list[str]:
    container = p.el.find("ParagraphSentence")
    return ["".join(x.itertext()) for x in container.findall("Sentence")] if container is not None else []


def _reading_rows(p: Provision) -> list[list[str]] | None:
    """The paragraph's table as 上欄/中欄/下欄 rows when it reads as a 読替え table (None otherwise)."""
    from .edits import _READING_ROW_HEAD

    structs = p.el.findall("TableStruct")
    if len(structs) != 1:
        return None
    rows = [
        ["".join(c.itertext()).strip() for c in row.findall("TableColumn")]
        for row in structs[0].iter("TableRow")
    ]
    if not rows or any(len(r) != 3 or not r[1] or not r[2] for r in rows) or not rows[0][0]:
        return None
    if any((r[0] and not _READING_ROW_HEAD.match(r[0])) or _READING_ROW_HEAD.match(r[1]) for r in rows):
        return None
    return rows


def _later_part(old: Provision, new: Provision) -> tuple[list[str], str, list[str]] | None:
    """A 後段 added (「に後段として次のように加え」) or replaced (「後段を次のように改め」, a 読替え table printed one cell a
    line after it): the wording changes before it (quoted so as to be unique in the whole paragraph), the clause and
    the new text; None when the change is not of that shape."""
    if old.el.find("Item") is not None or new.el.find("Item") is not None:
        return None
    before, after = _sentence_texts(old), _sentence_texts(new)
    if (
        len(before) == len(after) + 1 >= 2
        and before[-1].startswith("ただし")
        and old.el.find("TableStruct") is None
        and new.el.find("TableStruct") is None
    ):  # 「第四十二条ただし書を削る。」
        head_old, head_new = "".join(before[:-1]), "".join(after)
        ops = quote_ops(head_old + before[-1], head_new + before[-1]) if head_old != head_new else []
        return ops, "ただし書を削り", []
    old_rows, new_rows = _reading_rows(old), _reading_rows(new)
    has_old_table = old.el.find("TableStruct") is not None
    if len(after) > len(before) >= 1 and not has_old_table and new.el.find("TableStruct") is None:
        added = after[len(before) :]
        head_old, head_new = "".join(before), "".join(after[: len(before)])
        ops = quote_ops(head_old, head_new) if head_old != head_new else []
        if added[0].startswith("ただし"):  # 「第四十四条第二項に次のただし書を加える。」
            if len(added) != 1 or any(x.startswith("ただし") for x in before):
                return None
            return ops, "に次のただし書を加え", ["　　　" + added[0]]
        return ops, "に後段として次のように加え", ["　　　" + "".join(added)]
    if (
        len(before) >= 2
        and len(after) == 2
        and new_rows is not None
        and (old_rows is None and not has_old_table)
    ):
        rest = "".join(before[1:])
        ops = quote_ops(before[0] + rest, after[0] + rest) if before[0] != after[0] else []
        cells = [cell for row in new_rows for cell in row if cell]
        return ops, "後段を次のように改め", ["　　　" + after[1], *cells]
    return None


def _single_later_part(o: Provision, n: Provision) -> bool:
    po = [k for k in o.children() if k.kind == "paragraph"]
    pn = [k for k in n.children() if k.kind == "paragraph"]
    return len(po) == len(pn) == 1 and _later_part(po[0], pn[0]) is not None


def _heading_clause(old: str, new: str) -> str:
    """「の見出し中「裁判書」を「電子裁判書」に改め」 for a word or two, 「の見出しを「（…）」に改め」 otherwise."""
    inner_old, inner_new = old.strip("（）"), new.strip("（）")
    if inner_old and inner_new and old.startswith("（") and new.startswith("（"):
        ops = quote_ops(inner_old, inner_new)
        matches = [re.match(r"^「([^「」]*)」", op) for op in ops]
        quoted = sum(len(m.group(1)) for m in matches if m is not None)
        if len(ops) == 1 and quoted * 3 < len(inner_old):
            return f"の見出し中{wording_clause(ops, False)}"
    return f"の見出しを「{new}」に改め"


def _row_text(p: Provision, label: str | None = None) -> str:
    """A table row's cells, each as its sentences read, joined by 「｜」 (a quotation must stay inside one cell);
    with *label*, the row's own label written as that one (the new row compared under its old label)."""
    from ..core.lawtext import sentences_text

    cells = [sentences_text(cell) for cell in p.el.findall("TableColumn")]
    own = row_label(p)
    if label is not None and own and cells:
        if cells[0].strip() == own:
            cells[0] = cells[0].replace(own, label, 1)
        elif cells[0].startswith(own + "　"):
            cells[0] = label + cells[0][len(own) :]
    return "｜".join(cells)


def _row_ranges(ops: list[str]) -> list[str]:
    """Four or more consecutive rows relabelled by the same amount (「九の項を十一の項とし、四の項から八の項までを
    二項ずつ繰り下げ」)."""
    return _fold_runs(ops, _ROW_MOVE, "{}の項", "項")


def _own(p: Provision) -> str:
    from ..core.lawtext import sentences_text

    tag = {"paragraph": "ParagraphSentence", "item": "ItemSentence"}.get(p.kind, "")
    return sentences_text(p.el.find(tag)) if tag else p.own_text()


def _item_cite(p: Provision) -> str:
    num = num_to_branch(p.num or "1")
    return f"第{_k(num[0])}号" + "".join(f"の{_k(b)}" for b in num[1:])


def _table_cite(p: Provision) -> str:
    """「別表第一」 as the table's title prints it (its first word: 別表, 別表第1, 別表第二)."""
    title = (p.el.findtext("AppdxTableTitle") or "").strip()
    m = re.match(rf"別表(?:第[{DIGITS}十0-9０-９]+)?", title)
    return m.group(0) if m else p.citation_text()


_CITE_OUTSIDE_QUOTES = re.compile(
    rf"「[^「」]*(?:「[^「」]*」[^「」]*)*」|第[{KANJI_NUMERALS}]+(?:条|項|号)(?:の[{KANJI_NUMERALS}]+)*"
)


def _arabic_citations(sentence: str) -> str:
    """第四条第二項 → 第4条第2項 outside quotations: horizontal ordinances cite themselves in Arabic numerals."""

    def sub(m: re.Match[str]) -> str:
        text = m.group(0)
        if text.startswith("「"):
            return text
        return arabic_numbers(text)

    return _CITE_OUTSIDE_QUOTES.sub(sub, sentence)


def generate_municipal(
    result: DiffResult, enforce: dt.date | None = None, whole: set[Any] | None = None
) -> str:
    """An amending ordinance (一部改正条例): title, opening, sentences one per line, tables replaced whole, 附則.

    Citations follow the ordinance's own numerals (Arabic in a horizontal ordinance)."""
    law = result.old
    title = law.title or "（題名）"
    number = f"（{law.law_num}）" if law.law_num else ""
    horizontal = any(re.search("[0-9０-９]", el.text or "") for el in law.root.iter("ArticleTitle"))
    lines = [f"　　　{title}の一部を改正する条例", "", f"　{title}{number}の一部を次のように改正する。"]
    for sentence, block in Generator(result, replace_tables=True, whole=whole).run():
        lines.append("　" + (_arabic_citations(sentence) if horizontal else sentence))
        lines += ["　" + line for line in block]
    when = "公布の日から"
    if enforce is not None:
        when = format_era_date(enforce) + "から"
        if horizontal:
            when = arabic_numbers(when)
    lines += ["", "　　　附　則", f"　この条例は、{when}施行する。"]
    return "\n".join(lines) + "\n"


def _toc_entries(root: Any) -> list[tuple[str, str]] | None:
    toc = root.find("LawBody/TOC")
    if toc is None:
        return None
    return [(str(e.tag), "".join(e.itertext()).strip()) for e in toc.iter(*TOC_ENTRY_TAGS)]


def toc_sentence(result: DiffResult) -> tuple[str, list[str]] | None:
    """「目次中「第六十一条」を「第六十四条」に改める。」 when only words of the 目次 change (each quotation unique in
    the whole 目次), 「目次を次のように改める。」 with the new 目次 when its entries change; None when it is the same."""
    from ..core.lawtext import render_toc

    old, new = _toc_entries(result.old.root), _toc_entries(result.new.root)
    if old == new or new is None:
        return None
    if old is not None and [t for t, _ in old] == [t for t, _ in new]:
        whole = "｜".join(text for _, text in old)
        ops: list[str] = []
        for (_, a), (_, b) in zip(old, new, strict=True):
            if a == b:
                continue
            for op in quote_ops(a, b):
                quoted = re.match(r"^「((?:[^「」]|「[^「」]*」)*)」", op)
                if quoted is None or whole.count(quoted.group(1)) != 1:
                    break
                ops.append(op)
            else:
                continue
            break
        else:
            if _toc_ops_give(ops, [text for _, text in old], [text for _, text in new]):
                return f"目次中{wording_clause(ops, True)}。", []
    return "目次を次のように改める。", ["　" + line for line in render_toc(result.new)]


def _toc_ops_give(ops: list[str], old: list[str], new: list[str]) -> bool:
    """Whether the quotations, applied one after another as the applier reads them (each replaces every
    occurrence in the 目次 as it stands by then), turn the old entries into the new ones: a replacement whose
    result is quoted by a later one (「第五十」→「第五十二」, then 「第五十二」→「第五十四」) would change it twice."""
    entries = list(old)
    for op in ops:
        change = word_change(op)
        if change is None:
            return False
        a, b = change
        if sum(entry.count(a) for entry in entries) != 1:
            return False
        entries = [entry.replace(a, b) for entry in entries]
    return entries == new


def _earlier_opening(result: DiffResult, suppl: Provision) -> str:
    """「特許法等の一部を改正する法律（平成三十年法律第三十三号）の一部を次のように改正する。」: the title as the texts
    cite the act (（題名） when neither version names it — the drafter fills it in; the number is what counts)."""
    amend_law_num = suppl.el.get("AmendLawNum") or ""
    key = act_key(amend_law_num)
    if key is None:
        raise HoseiError(f"cannot read the act number of {suppl.citation_text()}: {amend_law_num}")
    title = act_title([result.old.root, result.new.root], key) or "（題名）"
    return f"{title}（{formal_number(key)}）の一部を次のように改正する。"


def _unreproduced(result: DiffResult, text: str, wanted: bytes) -> dict[tuple[str, ...], Any] | None:
    """None if applying *text* to OLD gives NEW (whose :func:`comparable` form is *wanted*) exactly, else the units
    it does not reproduce (see :func:`hosei.amend.selfcheck.mismatched`; empty when only the 目次 differs)."""
    from ..text.comparable import comparable
    from .apply import amend
    from .selfcheck import mismatched

    amended, _ = amend(result.old, text)
    got = comparable(amended.root)
    if got != wanted:
        return mismatched(got, wanted, result.new.root)
    if _toc_entries(result.old.root) != _toc_entries(result.new.root) and _toc_entries(
        amended.root
    ) != _toc_entries(result.new.root):
        return {}
    return None


def _article_of_sentence(result: DiffResult, text: str, exc: HoseiError) -> Any:
    """The NEW article element of the article the failing sentence (by the error's line) cites first, if the
    sentence amends an article of the main provision that NEW still has; else None."""
    lines = text.split("\n")
    if exc.line is None or not 1 <= exc.line <= len(lines):
        return None
    m = re.match(r"^　　(第[^条中「」]+条(?:の[^第中条「」]+)*)", lines[exc.line - 1])
    if m is None:
        return None
    try:
        old_article = result.old.find(m.group(1))
    except HoseiError:
        return None
    for o, n in result.blocks:
        if o is not None and n is not None and o.el is old_article.el and n.kind == "article":
            return n.el
    return None


def _refusal(units: dict[tuple[str, ...], Any]) -> HoseiError:
    from .selfcheck import describe

    where = f" of {describe(list(units))}" if units else " (目次)"
    return HoseiError(
        f"the generated sentences would not give the new text{where}: a change of a kind not supported yet; "
        "nothing is printed"
    )


def generate(result: DiffResult, style: str = "national", enforce: dt.date | None = None) -> str:
    """The amending text for one law: opening line, sentences (with new text laid out), optional 附則.

    The text is applied back before it is returned: a change the generator does not handle yet must be an error,
    never an amendment that silently leaves it out. An article whose sentences written part by part do not give
    its new text is written again whole (「第十条を次のように改める。」, what a drafter writes when a change takes a
    form the part-by-part sentences do not reach); only what that cannot fix is refused, naming the provisions."""
    from ..text.comparable import comparable

    source = _without_omitted_ranges(result)
    wanted = comparable(source.new.root)
    whole: set[Any] = set()
    while True:
        if style == "municipal":
            text = generate_municipal(source, enforce, whole)
        else:
            text = _generate_national(source, enforce, whole)
        try:
            units = _unreproduced(source, text, wanted)
        except HoseiError as exc:
            # a sentence written part by part that the applier cannot carry out (wording inside markup, say):
            # its article is written whole instead; an error anywhere else stands
            failing = _article_of_sentence(source, text, exc)
            if failing is None or failing in whole:
                raise
            whole.add(failing)
            continue
        if units is None:
            return text
        fixable = {
            el for el in units.values() if el is not None and el.tag in ("Article", "AppdxTable")
        } - whole
        if not fixable:
            raise _refusal(units)
        whole |= fixable


def _without_omitted_ranges(result: DiffResult) -> DiffResult:
    """The diff of the two versions with e-Gov's merged 削除/略 ranges split (no act amends those; see
    :func:`hosei.text.parse.split_omitted_ranges`), or *result* itself when neither version has one."""
    import copy

    from ..compare.diff import diff_laws
    from ..core.model import Law
    from ..text.comparable import omitted_ranges, split_omitted_ranges

    if not omitted_ranges(result.old.root) and not omitted_ranges(result.new.root):
        return result  # the common case: no copies, no second diff
    old_doc, new_doc = copy.deepcopy(result.old.doc), copy.deepcopy(result.new.doc)
    split_omitted_ranges(old_doc.root)
    split_omitted_ranges(new_doc.root)
    return diff_laws(Law(old_doc, law_id=result.old.law_id), Law(new_doc, law_id=result.new.law_id))


_ONE_TARGET = re.compile(
    r"^(?P<cite>第[^中「」、及同]+?)中(?P<ops>(?:「[^「」]*」を「[^「」]*」に、)*「[^「」]*」を「[^「」]*」に改める)。$"
)
_ARTICLE_ONLY = re.compile(r"^第[^条]+条(?:の[^第条]+)*$")


def _article_order(law: Law) -> dict[str, int]:
    """Each article of the main provision by its title, in order: which articles stand next to each other."""
    return {(a.title or ""): i for i, a in enumerate(law.articles())}


def grouped(sentences: list[tuple[str, list[str]]], order: dict[str, int]) -> list[tuple[str, list[str]]]:
    """The same wording change in provisions one after another, as one sentence naming them all, the way the acts
    write it (「第百十五条、第百十六条及び第百十七条から第百十七条の六までの規定中「懲役」を「拘禁刑」に改める。」):
    articles next to each other, three or more, as a range 「…から…までの規定」; the rest listed with 、 and 及び.
    Only sentences of one plain target and wording changes alone are grouped; the applier reads every form."""
    out: list[tuple[str, list[str]]] = []
    run: list[str] = []
    run_ops: str | None = None

    def close() -> None:
        if not run:
            return
        if len(run) == 1:
            out.append((f"{run[0]}中{run_ops}。", []))
        else:
            out.append((f"{_targets(run, order)}中{run_ops}。", []))
        run.clear()

    for text, block in sentences:
        m = _ONE_TARGET.match(text)
        if m and not block and m.group("ops") == run_ops and m.group("cite") not in run:
            run.append(m.group("cite"))
            continue
        close()
        if m and not block:
            run.append(m.group("cite"))
            run_ops = m.group("ops")
            continue
        run_ops = None
        out.append((text, block))
    close()
    return out


def _targets(cites: list[str], order: dict[str, int]) -> str:
    """「第百十五条、第百十六条及び第百十七条から第百十七条の六までの規定」: neighbours (three or more whole articles)
    as ranges, then everything listed."""
    parts: list[str] = []
    i = 0
    while i < len(cites):
        j = i
        while (
            j + 1 < len(cites)
            and _ARTICLE_ONLY.match(cites[j])
            and _ARTICLE_ONLY.match(cites[j + 1])
            and cites[j] in order
            and order.get(cites[j + 1]) == order[cites[j]] + 1
        ):
            j += 1
        if j - i >= 2:
            parts.append(f"{cites[i]}から{cites[j]}までの規定")
            i = j + 1
        else:
            parts.append(cites[i])
            i += 1
    return parts[0] if len(parts) == 1 else "、".join(parts[:-1]) + "及び" + parts[-1]


def _generate_national(result: DiffResult, enforce: dt.date | None, whole: set[Any] | None = None) -> str:
    law = result.old
    title = law.title or "（題名）"
    number = f"（{law.law_num}）" if law.law_num else ""
    lines = [f"{title}{number}の一部を次のように改正する。"]
    toc = toc_sentence(result)
    if toc is not None:  # the 目次 comes first (drafting rules, order 1)
        lines.append("　　" + toc[0])
        lines += toc[1]
    generator = Generator(result, whole=whole)
    for sentence, block in grouped(list(generator.run()), _article_order(law)):
        lines.append("　　" + sentence)
        lines += block
    for o, n in generator.earlier_suppl:
        # an earlier amending act whose 附則 (as this law carries it) changed: its own opening line
        lines += ["", _earlier_opening(result, o)]
        for sentence, block in generator.earlier_act(o, n):
            lines.append("　　" + sentence)
            lines += block
    for suppl in generator.own_suppl:
        # the amending act's 附則 as the consolidated law carries it: its heading names the act, so that applying
        # the text attaches it the way e-Gov's consolidation does
        lines += [""] + list(render_provision(suppl))
    if enforce is not None and generator.own_suppl:
        raise HoseiError("--enforce with the amending act's own 附則 in NEW: give one or the other")
    if enforce is not None:
        lines += ["", "　　　附　則", f"この法律は、{format_era_date(enforce)}から施行する。"]
    return "\n".join(lines) + "\n"
