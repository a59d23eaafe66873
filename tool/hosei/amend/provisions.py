"""Sentences for the parts of an article or a table: paragraphs and items changed, added, deleted and moved (back
to front, ranges folded), appendix tables by row — the base the generator writes articles with."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..compare.diff import DiffResult, number_of, own_content, row_label
from ..core.errors import HoseiError
from ..core.model import Provision
from ..core.numerals import num_to_branch
from ..text.units import CIRCLED
from .phrasing import (
    _COUNTERS,
    _KANJI,
    _finalise,
    _fold_deletions,
    _item_cite,
    _item_ranges,
    _items_of_kind,
    _k,
    _later_part,
    _new_text,
    _own,
    _Para,
    _row_ranges,
    _row_text,
    _subitem_wording,
    _table_cite,
    _upward_ranges,
)
from .quoting import quote_ops, wording_clause


class ProvisionWriter:
    """Sentences for the parts of an article or a table: paragraphs and items changed, added, deleted and moved (back"""

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

    def table(self, o: Provision, n: Provision) -> None:
        """Rows of an appendix table: wording first (「別表の五の項中「A」を「B」に改める。」), then, back to front,
        relabelling and insertions (「別表中九の項を十一の項とし、…、三の項の次に次のように加える。」), or deletions
        with the following rows moved up, front to back (「別表中三の項を削り、四の項を三の項とし、…」)."""
        cite = _table_cite(o)
        if own_content(o) != own_content(n):
            raise HoseiError(f"changes to the title of {cite} are not supported yet")
        if o.el.find("TableStruct") is None and n.el.find("TableStruct") is None:
            # a table that is a list of items (「別表第一　一　…　二　…」): its items are cited as an article's are
            # (「別表第一第五号中…」)
            self.items(cite, o.children(), n.children())
            return
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
        if all(row_label(a) == row_label(b) for a, b in kept):
            # rows only added (branch labels: 百十五の二), none moved: nothing makes room, so the sentences follow
            # the table from start to end like every other sentence
            for a, _b in kept:
                after = inserted_after.get(id(a))
                if not after:
                    continue
                block = [line for q in after for line in _new_text(q)]
                if a is kept[-1][0]:
                    self.sentences.append((f"{cite}に次のように加える。", block))
                else:
                    self.sentences.append((f"{cite}の{row_label(a)}の項の次に次のように加える。", block))
            return
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
                if (
                    b.is_deleted and not b.children()
                ):  # keeping the number: 「第五号を次のように改める。　五　削除」
                    self.sentences.append((f"{where}を次のように改める。", _new_text(b)))
                    continue
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
        shifts = [num_to_branch(b.num or "1")[0] - num_to_branch(a.num or "1")[0] for a, b in kept if a and b]
        # items moving up (into numbers e-Gov no longer carries) go front to back, each into a free number, as
        # paragraphs do; moving down, back to front to make room
        moving_up = any(d < 0 for d in shifts) and not any(d > 0 for d in shifts)
        for a, b in kept if moving_up else reversed(kept):
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
                if a.el.find("ItemSentence/Column") is not None:  # a quotation never spans two columns
                    raise HoseiError(f"wording in an item of columns is not supported yet ({cite})")
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
        same = "附則" if cite == "附則" else "同条"  # paragraphs of a 附則 of paragraphs: 附則第五項
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
                prefix = same if ops else ""
                ops.append(
                    f"{prefix}第{_k(p.old_n)}項中{wording_clause(quote_ops(_own(p.old), _own(p.new)), False)}"
                )
                if p.old_n != p.new_n:
                    ops.append(f"同項を{same}第{_k(p.new_n)}項とし")
            elif p.old_n != p.new_n:
                ops.append(f"第{_k(p.old_n)}項を第{_k(p.new_n)}項とし")
        ops = _upward_ranges(_fold_deletions(ops, "項"))
        joint = "中" if re.match(r"^第[^項]+項(を|から|及び)", ops[0]) and cite != "附則" else ""
        self.sentences.append((_finalise(f"{cite}{joint}{'、'.join(ops)}"), []))

    def paragraphs(self, cite: str, pairs: list[_Para]) -> None:
        """Back to front: wording, then move, then insertions after the paragraph (which end the sentence)."""
        same = "附則" if cite == "附則" else "同条"  # paragraphs of a 附則 of paragraphs: 附則第五項
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
                        f"{same if ops else ''}第{_k(p.old_n or 1)}項中{wording_clause(kept_ops, False)}"
                    )
                    close(f"同項{clause}", block)
                else:
                    close(f"{same if ops else ''}第{_k(p.old_n or 1)}項{clause}", block)
                in_place.add(id(p))
                continue
            if _own(p.old) != _own(p.new) and (p.old_n == p.new_n or old_style):
                ops.append(
                    f"{same if ops else ''}第{_k(p.old_n or 1)}項中"
                    f"{wording_clause(quote_ops(_own(p.old), _own(p.new)), False)}"
                )
                in_place.add(id(p))
        # paragraphs moving down make room back to front; paragraphs moving up (into the numbers of paragraphs e-Gov
        # no longer carries) go front to back, each into a number already free: 「附則第七項を第四項とし、…、附則第十
        # 二項を附則第九項とし、同項の次に次の十二項を加える。」
        moving_up = (
            not old_style
            and any((p.new_n or 0) < (p.old_n or 0) for p in kept)
            and not any((p.new_n or 0) > (p.old_n or 0) for p in kept)
        )
        kept_rev = list(kept) if moving_up else list(reversed(kept))
        i = 0
        while i < len(kept_rev):
            p = kept_rev[i]
            assert p.old is not None and p.new is not None and p.old_n is not None and p.new_n is not None
            wording = _own(p.old) != _own(p.new) and id(p) not in in_place
            moved = p.old_n != p.new_n and not old_style
            after = inserted_after.get(p.old_n, [])
            # a run of pure moves by the same amount: 第七項を第九項とし、第四項から第六項までを二項ずつ繰り下げ
            if moved and not wording and not after and not moving_up:
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
                        again = same if ops else ""  # after another operation: 「同条第二項を同条第三項とし」
                        to = same if same == "附則" else again  # 「附則第九項を附則第十項とし」
                        ops.append(f"{again}第{_k(q.old_n or 0)}項を{to}第{_k(q.new_n or 0)}項とし")
                i = j
                continue
            prefix = same if ops else ""
            if wording:
                ops.append(
                    f"{prefix}第{_k(p.old_n)}項中{wording_clause(quote_ops(_own(p.old), _own(p.new)), False)}"
                )
                if moved:
                    ops.append(f"同項を{same}第{_k(p.new_n)}項とし")
            elif moved:
                ops.append(f"{prefix}第{_k(p.old_n)}項を{same if prefix else ''}第{_k(p.new_n)}項とし")
            if after:
                count = _COUNTERS.get(len(after), _k(len(after)))
                block = [line for q in after for line in _new_text(q)]
                if old_style:
                    block = [re.sub(rf"^(　*)[{CIRCLED}]　", r"\1　", line) for line in block]
                if p is kept[-1] and not ops and not wording and not moved:
                    close(f"<END>に次の{count}項を加える", block)  # 「第二十二条に次の一項を加える」
                else:
                    # 「同項」 only when the paragraph was just named (changed or moved in this sentence)
                    lead = "同項" if (wording or moved) else f"{same if ops else ''}第{_k(p.old_n)}項"
                    close(f"{lead}の次に次の{count}項を加える", block)
            i += 1
        if leading:
            # 「同条を同条第二項とし、同条に第一項として次の一項を加える」: the others have made room already
            count = _COUNTERS.get(len(leading), _k(len(leading)))
            block = [line for q in leading for line in _new_text(q)]
            first_n = int(leading[0].num or 1)
            if first_n == 1 and block:  # a first paragraph is printed without the article's number
                block[0] = re.sub(rf"^(　*)第[{_KANJI}]+条(?:の[{_KANJI}]+)*　", r"\1　", block[0])
            close(f"{same if ops else '<END>'}に第{_k(first_n)}項として次の{count}項を加える", block)
        if ops:
            close("", [])
        for sentence_ops, block in current:
            named = _one_move_named(sentence_ops, same)
            first = sentence_ops[0]
            # 「第三十八条中第七項を第九項とし」 but 「第三十八条第三項中「…」」 and 「第三十八条第一項の次に…」
            joint = "中" if re.match(r"^第[^項]+項(を|から)", first) and cite != "附則" and not named else ""
            sentence_ops = named or sentence_ops
            body = f"{cite}{joint}{'、'.join(sentence_ops)}".replace("<END>", "")
            self.sentences.append((_finalise(body), block))


_MOVE = re.compile(r"^第(?P<a>[^項]+)項を第(?P<b>[^項]+)項とし$")


def _one_move_named(ops: list[str], same: str) -> list[str] | None:
    """「第十条中第三項を第四項とし、第二項の次に…」 → 「第十条第三項を同条第四項とし、同条第二項の次に…」: a sentence that
    moves one paragraph names it (and the paragraphs after it) in full, as the acts write it; the 「中」 form stays
    for several moves and ranges (「第三十八条中第七項を第九項とし、第四項から第六項までを二項ずつ繰り下げ」). None
    when the sentence keeps its form."""
    moves = [op for op in ops if _MOVE.match(op) or "繰り" in op]
    m = _MOVE.match(ops[0]) if ops else None
    if m is None or len(moves) != 1 or same != "同条":
        return None
    rest = [f"{same}{op}" if re.match(r"^第[^項「」]+項", op) else op for op in ops[1:]]
    return [f"第{m.group('a')}項を{same}第{m.group('b')}項とし", *rest]
