"""Amendment sentences (改め文) generated from a diff, in the order the drafting rules require.

Sentences follow the law from start to end. Inside an article the paragraphs are walked from the last to the
first: a paragraph's wording is changed before it is moved (「同条第三項中「前項」を「第三項」に改め、同項を同条第五項
とし」), following paragraphs are moved out of the way before a paragraph is inserted (「同項の次に次の一項を加える」,
which ends the sentence), and four or more consecutive paragraphs moving by the same amount become 「第七項を第九項
とし、第四項から第六項までを二項ずつ繰り下げ」. Quotations are the smallest meaningful unit that occurs exactly as
often as it must change. The output is read back by :mod:`hosei.amend.apply`: the round trip is the test.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from ..compare.diff import DiffResult, number_of
from ..core.eradate import format_era_date
from ..core.errors import HoseiError
from ..core.lawnum import act_key, act_title, cited_by_year, formal_number
from ..core.lawtext import render_provision
from ..core.model import TOC_ENTRY_TAGS, Law, Provision
from ..core.numerals import arabic_numbers, parse_number
from .phrasing import (
    _CITE_OUTSIDE_QUOTES,
    _COUNTERS,
    _DIVISION_WORD,
    _KANJI,
    _added_divisions,
    _article_cite,
    _article_ranges,
    _chapter_end,
    _continuative,
    _division_cite,
    _division_name_sentence,
    _finalise,
    _heading_clause,
    _k,
    _later_part,
    _moving_zone,
    _new_text,
    _number_value,
    _own,
    _Para,
    _single_later_part,
    _table_cite,
    _tables_text,
)
from .provisions import ProvisionWriter
from .quoting import quote_ops, too_big, wording_clause
from .sentences import word_change


class Generator(ProvisionWriter):
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
                if changed and node.kind == "appdx_table" and o is None and n is not None:
                    # a new table after the one before it (「別表第二の次に次の一表を加える。」), or after the
                    # 附則 when it is the first (「附則の次に次の一表を加える。」)
                    before = [
                        p
                        for p, q in self.result.blocks[: self.result.blocks.index((o, n))]
                        if p is not None and q is not None and p.kind == "appdx_table"
                    ]
                    after_table = _table_cite(before[-1]) if before else "附則"
                    self.sentences.append((f"{after_table}の次に次の一表を加える。", _new_text(n)))
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

    def article(self, o: Provision, n: Provision) -> None:
        """The sentences for one article; where its changes take a form not written part by part yet (items
        inserted before the first, subitems, …), the article is rewritten whole: 「第二条を次のように改める。」 —
        what a drafter writes when most of an article changes."""
        if number_of(o) != number_of(n):
            raise HoseiError(f"moving articles ({o.title} → {n.title}) is not supported yet")
        if self.result.texts.raw_text(o) == self.result.texts.raw_text(n):
            return  # unchanged: nothing to write (cost follows the change, not the law's size)
        self._article_content(o, n)

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


def _arabic_citations(sentence: str) -> str:
    """第四条第二項 → 第4条第2項 outside quotations: horizontal ordinances cite themselves in Arabic numerals."""

    def sub(m: re.Match[str]) -> str:
        text = m.group(0)
        if text.startswith("「"):
            return text
        return arabic_numbers(text)

    return _CITE_OUTSIDE_QUOTES.sub(sub, sentence)


#: When an amending act or ordinance comes into force: a date, or the event its 附則 names
#: (「…法律の一部を改正する法律（令和　年法律第　号）の施行の日」, for an ordinance following an Act's amendment).
Commencement = dt.date | str


def _from(enforce: Commencement) -> str:
    """「令和九年四月一日から」 / 「…の施行の日から」."""
    return (format_era_date(enforce) if isinstance(enforce, dt.date) else enforce) + "から"


def generate_municipal(
    result: DiffResult, enforce: Commencement | None = None, whole: set[Any] | None = None
) -> str:
    """An amending ordinance (一部改正条例): title, opening, sentences one per line, tables replaced whole, 附則.

    Citations follow the ordinance's own numerals (Arabic in a horizontal ordinance)."""
    law = result.old
    title = law.title or "（題名）"
    number = f"（{cited_by_year(law.law_num)}）" if law.law_num else ""
    horizontal = any(re.search("[0-9０-９]", el.text or "") for el in law.root.iter("ArticleTitle"))
    lines = [f"　　　{title}の一部を改正する条例", "", f"　{title}{number}の一部を次のように改正する。"]
    for sentence, block in Generator(result, replace_tables=True, whole=whole).run():
        lines.append("　" + (_arabic_citations(sentence) if horizontal else sentence))
        lines += ["　" + line for line in block]
    when = "公布の日から"
    if enforce is not None:
        when = _from(enforce)
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
    if old is None:  # a law that gets its first 目次: 「題名の次に次の目次を付する。」
        return "題名の次に次の目次を付する。", ["　" + line for line in render_toc(result.new)]
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


def _unreproduced(
    result: DiffResult, text: str, wanted: Callable[[], bytes]
) -> dict[tuple[str, ...], Any] | None:
    """None if applying *text* to OLD gives NEW (whose :func:`comparable` form *wanted* gives) exactly, else the
    units it does not reproduce (see :func:`hosei.amend.selfcheck.mismatched`; empty when only the 目次 differs).
    The units the diff changed are compared first, the rest checked unchanged byte for byte; the whole law is
    compared only when that cannot decide (see :func:`hosei.amend.selfcheck.reproduced_where_changed`)."""
    from ..text.comparable import comparable
    from .apply import amend
    from .selfcheck import mismatched, reproduced_where_changed

    amended, _ = amend(result.old, text)
    changed = [p.el for c in result.changes for p in (c.old, c.new) if p is not None]
    if reproduced_where_changed(result.old.root, amended.root, result.new.root, changed) is not True:
        got = comparable(amended.root)
        if got != wanted():
            return mismatched(got, wanted(), result.new.root)
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


def generate(result: DiffResult, style: str = "national", enforce: Commencement | None = None) -> str:
    """The amending text for one law: opening line, sentences (with new text laid out), optional 附則.

    The text is applied back before it is returned: a change the generator does not handle yet must be an error,
    never an amendment that silently leaves it out. An article whose sentences written part by part do not give
    its new text is written again whole (「第十条を次のように改める。」, what a drafter writes when a change takes a
    form the part-by-part sentences do not reach); only what that cannot fix is refused, naming the provisions."""
    from ..text.comparable import comparable

    number = "".join(result.old.root.findtext("LawNum") or "")
    national = re.search(r"(法律|政令|勅令|府令|省令)第", number)
    if style == "municipal" and national:
        raise HoseiError(
            f"--style municipal writes an amending ordinance (…の一部を改正する条例); {number} is a national "
            f"{national.group(1)}: use the national style"
        )
    source = _without_omitted_ranges(result)
    wanted = functools.cache(lambda: comparable(source.new.root))  # the whole law, only if the check needs it
    try:
        return _generate_checked(source, wanted, style, enforce)
    except HoseiError as exc:
        if style == "municipal" or not _main_changed(source):
            raise
        # the main provision restructured beyond what part-by-part sentences reach (divisions regrouped, a law
        # gaining its first 章, articles deleted while others move): the acts then rewrite it whole
        # (「本則を次のように改める。」); the rest (目次, 附則, tables) is written as before, and checked the same way
        try:
            return _generate_main_whole(source, wanted, enforce)
        except HoseiError:
            raise exc from None


def _generate_checked(
    source: DiffResult, wanted: Callable[[], bytes], style: str, enforce: Commencement | None
) -> str:
    """Generate, apply back, and write whole what the part-by-part sentences did not reproduce, until exact."""
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


def _main_changed(result: DiffResult) -> bool:
    from ..text.comparable import comparable

    def main_only(root: Any) -> bytes:
        holder = etree.Element("Law")
        body = etree.SubElement(holder, "LawBody")
        main = root.find("LawBody/MainProvision")
        if main is not None:
            body.append(copy.deepcopy(main))
        return comparable(holder)

    return main_only(result.old.root) != main_only(result.new.root)


MAIN_WHOLE = "本則を次のように改める。"


def _generate_main_whole(
    source: DiffResult, wanted: Callable[[], bytes], enforce: Commencement | None
) -> str:
    """「本則を次のように改める。」 with NEW's main provision as it reads, after the 目次 sentence and before the
    sentences for the 附則 and tables (generated from OLD with NEW's main provision put in, so that they see the
    main provision as already done), applied back and checked like any other text."""
    from ..compare.diff import diff_laws
    from ..core.lawtext import render_provision

    old_doc = copy.deepcopy(source.old.doc)
    body = old_doc.root.find("LawBody")
    old_main = body.find("MainProvision") if body is not None else None
    new_main = source.new.root.find("LawBody/MainProvision")
    if body is None or old_main is None or new_main is None:
        raise HoseiError("no main provision to rewrite")
    old_main.getparent().replace(old_main, copy.deepcopy(new_main))  # type: ignore[union-attr]
    old_toc, new_toc = body.find("TOC"), source.new.root.find("LawBody/TOC")
    if old_toc is not None:
        body.remove(old_toc)
    if new_toc is not None:
        body.find("LawTitle").addnext(copy.deepcopy(new_toc))  # type: ignore[union-attr]
    rest = diff_laws(Law(old_doc, law_id=source.old.law_id), source.new)
    # the sentences for everything but the main provision, which *rest* shows as NEW's already (its NEW is the
    # same document: *wanted* holds for it)
    lines = _generate_checked(rest, wanted, "national", enforce).split("\n")
    head = [lines[0]]
    toc = toc_sentence(source)
    if toc is not None:
        head += ["　　" + toc[0], *toc[1]]
    block = ["　" + line for line in render_provision(source.new.main)]
    text = "\n".join([*head, "　　" + MAIN_WHOLE, *block, *lines[1:]])
    if _unreproduced(source, text, wanted) is not None:
        raise HoseiError("rewriting the main provision whole does not give the new text")
    return text


def _without_omitted_ranges(result: DiffResult) -> DiffResult:
    """The diff of the two versions with e-Gov's merged 削除/略 ranges split (no act amends those; see
    :func:`hosei.text.parse.split_omitted_ranges`), or *result* itself when neither version has one."""
    import copy

    from ..compare.diff import diff_laws
    from ..core.model import Law
    from ..text.comparable import omitted_ranges, split_omitted_ranges

    if result.same_ranges and not any(
        p is not None and p.is_range for c in result.changes for p in (c.old, c.new)
    ):
        return result  # the diff found the same ranges on both sides, and none of them changed

    def said(root: etree._Element) -> list[tuple[str, int, int, str]]:
        return [(str(el.tag), a, b, "".join(el.itertext())) for el, a, b in omitted_ranges(root)]

    if said(result.old.root) == said(result.new.root):
        return result  # no ranges, or the same in both (the diff sees no change in them): no copies, no second diff
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
        if m and ("名" in m.group("cite") or "見出し" in m.group("cite")):
            m = None  # a division's name or a heading: not a provision the multi-target forms name
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


def _generate_national(
    result: DiffResult, enforce: Commencement | None, whole: set[Any] | None = None
) -> str:
    law = result.old
    title = law.title or "（題名）"
    number = f"（{cited_by_year(law.law_num)}）" if law.law_num else ""
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
        lines += ["", "　　　附　則", f"この法律は、{_from(enforce)}施行する。"]
    return "\n".join(lines) + "\n"
