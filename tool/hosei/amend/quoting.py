"""Quotations for amendment sentences: 「A」を「B」に / 「A」の下に「B」を加え / 「A」を削り, as drafters write them.

A quotation is the smallest stretch of the old text that occurs exactly as often as it must change, grown to whole
units: it never cuts a citation, a number with its unit, a word of kanji or kana, or a conjunction (又は, 及び);
it does not end on 「の」 before the noun it joins, nor start inside a word; a parenthesis the change opens closes in
the same quotation; changes a word or a comma apart are one quotation. Replacements share their verb, written where
a different operation follows (「「A」を「B」に改め、「C」を削り」).
"""

from __future__ import annotations

import re

from ..compare.chars import UNIT_RE, char_diff, unit_bounds


def _opens(text: str) -> bool:
    """More 「（」 than 「）」: the text leaves a parenthesis open."""
    return text.count("（") > text.count("）")


def quote_ops(old: str, new: str) -> list[str]:
    """「A」を「B」に / 「A」の下に「B」を加え / 「A」を削り, each quotation unique in *old*."""
    # each change: the quote's span in *old* and the edits inside it (start, end, inserted text)
    quotes: list[tuple[int, int, list[tuple[int, int, str]]]] = []
    spans = char_diff(old, new)
    pos = 0
    i = 0
    while i < len(spans):
        op, text = spans[i]
        if op == "equal":
            pos += len(text)
            i += 1
            continue
        deleted = inserted = ""
        while i < len(spans):
            if spans[i][0] == "equal":
                # changes a word or a comma apart are one quotation, as drafters write them: 「第四十九条、第五十条及び
                # 第五十二条」を「第五十二条、第五十三条及び第五十五条」に, 「裁判書」を「電子裁判書（…）」に
                between = spans[i][1]
                if i + 1 < len(spans) and len(between) <= 3 and not set(between) & set("。「」（）"):
                    deleted += between
                    inserted += between
                    i += 1
                    continue
                if i + 1 < len(spans) and _opens(inserted) and "。" not in between and len(between) <= 40:
                    # a parenthesis opened by the change closes in a later one: one quotation around the words
                    # between (「第四十一条の事件の記録」を「非電磁的事件記録（第四十一条の事件の記録中…）」に)
                    deleted += between
                    inserted += between
                    i += 1
                    continue
                break
            if spans[i][0] == "delete":
                deleted += spans[i][1]
            else:
                inserted += spans[i][1]
            i += 1
        start, end = pos, pos + len(deleted)
        pos = end
        if not deleted and inserted.endswith("、") and start > 0 and old[start - 1] == "、":
            # 「第四十条、[第四十二条、]第四十二条の二」 reads as 「第四十条」の下に「、第四十二条」: the insertion follows
            # the unit before the comma, as drafters quote it
            start = end = start - 1
            inserted = "、" + inserted[:-1]
        if not deleted and start == 0 and old:
            # nothing before to hang it on: the first word changes (「裁判書」を「電子裁判書」に)
            end = len(_word_after(old, 0))
            deleted, inserted = old[:end], inserted + old[:end]
        if deleted and re.match(r"[ぁ-ん]", deleted) and start > 0 and re.match(r"[ぁ-ん]", old[start - 1]):
            # a quotation does not start inside a word (「その他の申述」 after 申立て): it takes the word before
            previous_end = quotes[-1][2][-1][1] if quotes else 0
            head = re.search(r"[一-龥々]+[ぁ-ん]*$", old[previous_end:start])
            if head:
                start -= len(head.group(0))
                deleted, inserted = head.group(0) + deleted, head.group(0) + inserted
        if deleted:
            a_start, a_end = _whole_units(old, *_whole_words(old, *_unique(old, start, end)))
        else:
            word = _word_before(old, start)
            a_start, a_end = _unique(old, start - len(word), start, prefer_left=True)
            a_start, _ = _whole_units(old, a_start, a_end)  # 「第二項の」, not 「二項の」
            a_start = _word_start(old, a_start)  # 「規定する期間」, not 「る期間」
        if quotes and a_start < quotes[-1][1]:
            # the quotes would overlap: one quotation carries both changes (applied in order, an earlier
            # change must never eat the words a later one quotes)
            q_start, q_end, edits = quotes.pop()
            a_start, a_end = min(q_start, a_start), max(q_end, a_end)
            while old.count(old[a_start:a_end]) > 1 and a_end < len(old):
                a_end += 1
            quotes.append((a_start, a_end, [*edits, (start, end, inserted)]))
        else:
            quotes.append((a_start, a_end, [(start, end, inserted)]))
    ops: list[tuple[str, str, str]] = []  # (kind, a, b)

    def replaced(a_start: int, a_end: int, edits: list[tuple[int, int, str]]) -> str:
        b = ""
        cursor = a_start
        for start, end, inserted in edits:
            b += old[cursor:start] + inserted
            cursor = end
        return b + old[cursor:a_end]

    current = old  # the text as each operation finds it: earlier ones may have added the words it quotes
    for a_start, a_end, edits in quotes:
        b = replaced(a_start, a_end, edits)
        # both quotations must be balanced (a 「 removed or added inside): widen to the enclosing quote; and the
        # quotation must still be unique when the operations before it have been applied
        while not (
            _balanced(b) and _balanced(old[a_start:a_end]) and current.count(old[a_start:a_end]) == 1
        ) and (a_start > 0 or a_end < len(old)):
            if a_end < len(old):
                a_end += 1
            else:
                a_start -= 1
            b = replaced(a_start, a_end, edits)
        a = old[a_start:a_end]
        current = current.replace(a, b, 1)
        if len(edits) == 1 and edits[0][0] == edits[0][1] == a_end:
            ops.append(("insert", a, edits[0][2]))
        elif not b:
            ops.append(("delete", a, b))
        else:
            ops.append(("replace", a, b))
    out = []
    for kind, a, b in ops:
        if kind == "delete" and not b:
            out.append(f"「{a}」を削り")
        elif kind == "insert":
            out.append(f"「{a}」の下に「{b}」を加え")
        else:
            out.append(f"「{a}」を「{b}」に")
    return out


def too_big(ops: list[str], text: str) -> bool:
    """Quotations that would carry most of the provision (or nested quotes): replace it whole instead."""
    quoted = sum(len(op) for op in ops)
    return quoted > max(80, len(text) // 2) or any(op.count("「") > 2 for op in ops)


def _word_before(text: str, pos: int) -> str:
    """The meaningful unit ending at *pos*: a citation or number with its unit, else a run of one script."""
    window = text[max(0, pos - 30) : pos]
    for m in UNIT_RE.finditer(window):
        if m.end() == len(window):
            return m.group(0)
    m2 = re.search(r"(?:[一-龥々]+|[ァ-ヴー]+|[ぁ-ん]+|.)$", text[:pos])
    return m2.group(0)[-6:] if m2 else ""


def _word_after(text: str, pos: int) -> str:
    """The meaningful unit starting at *pos* (a citation, a number with its unit, a run of one script)."""
    m = UNIT_RE.match(text, pos)
    if m and m.group(0):
        return m.group(0)
    m2 = re.match(r"[一-龥々]+|[ァ-ヴー]+|[ぁ-ん]+|.", text[pos:])
    return m2.group(0) if m2 else text[pos : pos + 1]


def _balanced(q: str) -> bool:
    depth = 0
    for ch in q:
        depth += {"「": 1, "」": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _unique(text: str, start: int, end: int, prefer_left: bool = False) -> tuple[int, int]:
    """Grow text[start:end] to whole words until it occurs exactly once (the minimal unambiguous quote)."""
    s, e = start, end
    if s == e:
        s = max(0, s - 1)
    while text.count(text[s:e]) > 1 or not text[s:e].strip("、。") or not _balanced(text[s:e]):
        if prefer_left and s > 0:
            s -= 1
        elif e < len(text):
            e += 1
        elif s > 0:
            s -= 1
        else:
            break
    return s, e


_KANJI_CHAR = re.compile(r"[一-龥々〇]")
_HIRAGANA = re.compile(r"[ぁ-ん]")
_CONJUNCTIONS = "及並又若"  # 及び, 並びに, 又は, 若しくは: words of their own, never the end of a quoted word
#: Words that follow a noun without joining it: the acts quote 「禁錮」 in 「禁錮以上の刑」, not 「禁錮以上」.
_BOUND_SUFFIXES = ("以上", "以下", "未満", "以外", "以内", "以前", "以後")


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A quotation does not cut a word of kanji in two (「前項後段」, not 「前項後」): grow to the ends of the run."""
    while (
        end < len(text)
        and end > start
        and _KANJI_CHAR.match(text[end - 1])
        and _KANJI_CHAR.match(text[end])
        and text[end] not in _CONJUNCTIONS
        and not text.startswith(_BOUND_SUFFIXES, end)
    ):
        end += 1
    while end < len(text) and end > start and _HIRAGANA.match(text[end - 1]) and _HIRAGANA.match(text[end]):
        end += 1  # nor a word of kana (「、その」, not 「、そ」)
    kana = _CONJUNCTION_KANA.get(text[end - 1]) if end > start else None
    if kana and text.startswith(kana, end):
        end += len(kana)  # nor a conjunction (「又は」, not 「又」)
    if (
        end < len(text)
        and end - 1 > start
        and text[end - 1] == "の"
        and _KANJI_CHAR.match(text[end - 2])  # 「前項の」 (a noun and の), not 「その」
        and _KANJI_CHAR.match(text[end])
    ):
        # nor end on 「の」 before the noun it joins (「前項の記録」, not 「前項の」)
        while end < len(text) and _KANJI_CHAR.match(text[end]) and text[end] not in _CONJUNCTIONS:
            end += 1
    while (
        start > 0
        and start < end
        and text[start] != "第"  # a citation starts a unit of its own (法第十九条: the quotation is 第十九条)
        and text[start] not in _CONJUNCTIONS  # 「又は同条の…」 starts a word of its own too
        and _KANJI_CHAR.match(text[start])
        and _KANJI_CHAR.match(text[start - 1])
    ):
        start -= 1
    return start, end


def _word_start(text: str, start: int) -> int:
    """Back to the start of the word a quotation would begin inside: over kana (する), then the kanji before them
    (規定する)."""
    if (
        start <= 0
        or start >= len(text)
        or not _HIRAGANA.match(text[start])
        or not _HIRAGANA.match(text[start - 1])
    ):
        return start
    while start > 0 and _HIRAGANA.match(text[start - 1]):
        start -= 1
    while start > 0 and _KANJI_CHAR.match(text[start - 1]) and text[start - 1] not in _CONJUNCTIONS:
        start -= 1
    return start


_CONJUNCTION_KANA = {"又": "は", "若": "しくは", "及": "び", "並": "びに"}


def _whole_units(text: str, start: int, end: int) -> tuple[int, int]:
    """A quotation does not cut a citation or a number with its unit: grow to the ends of any it cuts."""
    for unit_start, unit_end in unit_bounds(text, [(start, end)]):
        if unit_start < start < unit_end:
            start = unit_start
        if unit_start < end < unit_end:
            end = unit_end
    return start, end


def _joined(ops: list[str]) -> str:
    """Several wording changes in one provision: 「A」を「B」に、「C」を「D」に改め … replacements share their verb,
    which is written where a different operation follows (「「A」を「B」に改め、「C」を削り」)."""
    out = []
    for k, op in enumerate(ops):
        if op.endswith("に") and k + 1 < len(ops) and not ops[k + 1].endswith("に"):
            op += "改め"
        out.append(op)
    return "、".join(out)


def wording_clause(ops: list[str], final: bool) -> str:
    text = _joined(ops)
    last = ops[-1]
    if last.endswith("に"):
        return text + ("改める" if final else "改め")
    if last.endswith("加え"):
        return text[: -len("加え")] + ("加える" if final else "加え")
    return text[: -len("削り")] + ("削る" if final else "削り")
