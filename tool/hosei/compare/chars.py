"""Character-level comparison: the minimal diff of two sentences widened to whole numbers and citations, and the
bigram similarity the alignment of provisions ranks by."""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from ..core.numerals import KANJI_NUMERALS

#: A span of the intra-sentence diff: op is "equal", "delete" or "insert".
Span = tuple[str, str]

_KANJI_NUM = f"{KANJI_NUMERALS}万"

UNIT_RE = re.compile(
    rf"(?:第[{_KANJI_NUM}0-9０-９]+[条項号章節款目編](?:の[{_KANJI_NUM}0-9０-９]+)*)+"
    rf"|[{_KANJI_NUM}0-9０-９]+(?:分の[{_KANJI_NUM}0-9０-９]+)?(?:円|日|月|年|人|回|件|割|分|時間|週間|箇月|か月|歳|倍|パーセント)?"
    r"|[ァ-ヶー]+|[a-zA-Z]+"
    # words a change of which is read whole: the conjunctions of legal drafting and the relative citations
    # (又は → 若しくは underlines 又は and 若しくは, not 「又」 and 「若しく」; 前項 → 同項, not 「前」 and 「同」)
    r"|又は|若しくは|及び|並びに|かつ"
    rf"|(?:前各|前|同|次|各)[{_KANJI_NUM}]*(?:条|項|号|表|款|節|章|編|目)"
)


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams: cheap (set operations in C) and robust to moved phrases."""
    ga, gb = _bigrams(a), _bigrams(b)
    return 2 * len(ga & gb) / (len(ga) + len(gb))


@functools.lru_cache(maxsize=1 << 14)
def _bigrams(text: str) -> frozenset[Any]:
    """The set of character bigrams, each as one 64-bit integer (two UTF-32 code units side by side), built in C
    from two aligned views of the encoded text (bigrams at even and at odd positions); a text too short for a
    bigram stands for itself. Memoised with a bound: divergence compares thousands of ordinances' texts."""
    if len(text) < 2:
        return frozenset([text])
    data = text.encode("utf-32-le")
    even = memoryview(data[: len(data) // 8 * 8]).cast("Q")
    odd = memoryview(data[4 : 4 + (len(data) - 4) // 8 * 8]).cast("Q")
    return frozenset(even).union(odd)


# --- character diff --------------------------------------------------------------------------------
def char_diff(old: str, new: str) -> list[Span]:
    """A minimal character diff, cleaned up by diff-match-patch's semantic cleanup, widened to whole
    numbers-with-unit and citations.

    The minimal diff itself comes from RapidFuzz's C++ Indel (LCS) opcodes: the same edit script diff-match-patch's
    pure-Python bisection finds, at a small fraction of the time on a rewritten article."""
    from diff_match_patch import diff_match_patch
    from rapidfuzz.distance import Indel

    dmp = diff_match_patch()
    diffs: list[tuple[int, str]] = []
    for op in Indel.opcodes(old, new):
        if op.tag == "equal":
            diffs.append((0, old[op.src_start : op.src_end]))
            continue
        if op.src_end > op.src_start:
            diffs.append((-1, old[op.src_start : op.src_end]))
        if op.dest_end > op.dest_start:
            diffs.append((1, new[op.dest_start : op.dest_end]))
    dmp.diff_cleanupMerge(diffs)
    dmp.diff_cleanupSemantic(diffs)
    return widen(old, new, [(_OPS[op], text) for op, text in diffs])


_OPS = {0: "equal", -1: "delete", 1: "insert"}

#: every character a unit can contain: a unit never crosses any other character
_UNIT_CHARS = frozenset(
    _KANJI_NUM
    + "0123456789０１２３４５６７８９第条項号章節款目編の分円日月年人回件割時間週箇か歳倍ー"
    + "".join(map(chr, range(ord("ァ"), ord("ヶ") + 1)))
    + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    + "又は若しくは及び並びにかつ前同次各表"
)


def unit_bounds(text: str, changed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The units (as in a scan of the whole text) that can touch the *changed* ranges: only the stretches of unit
    characters around each range are scanned, since a unit never crosses another character (a long article with a
    one-word change costs a few dozen characters, not the article)."""
    segments: list[list[int]] = []
    for lo, hi in sorted(changed):
        start, end = lo, hi
        while start > 0 and text[start - 1] in _UNIT_CHARS:
            start -= 1
        while end < len(text) and text[end] in _UNIT_CHARS:
            end += 1
        if segments and start <= segments[-1][1]:
            segments[-1][1] = max(segments[-1][1], end)
        else:
            segments.append([start, end])
    return [(m.start(), m.end()) for start, end in segments for m in UNIT_RE.finditer(text, start, end)]


def widen(old: str, new: str, spans: list[Span]) -> list[Span]:
    """Grow each changed region so that it never cuts through a unit (a number with its unit, a citation)."""
    # changed regions as (old_start, old_end, new_start, new_end)
    regions: list[list[int]] = []
    oi = ni = 0
    for op, text in spans:
        if op == "equal":
            oi += len(text)
            ni += len(text)
            continue
        if regions and regions[-1][1] == oi and regions[-1][3] == ni:
            region = regions[-1]
        else:
            region = [oi, oi, ni, ni]
            regions.append(region)
        if op == "delete":
            oi += len(text)
            region[1] = oi
        else:
            ni += len(text)
            region[3] = ni
    if not regions:
        return [("equal", old)] if old else []
    ob = unit_bounds(old, [(r[0], r[1]) for r in regions])
    nb = unit_bounds(new, [(r[2], r[3]) for r in regions])
    o_ends, n_ends = [ue for _, ue in ob], [ue for _, ue in nb]
    changed = True
    while changed:
        changed = False
        for r in regions:
            for bounds, ends, (s, e) in ((ob, o_ends, (0, 1)), (nb, n_ends, (2, 3))):
                # units are in order and do not overlap: only those ending after the region's start can touch it
                for us, ue in bounds[bisect.bisect_right(ends, r[s]) :]:
                    lo, hi = r[s], r[e]
                    if us >= hi:
                        break
                    touches = (us < lo < ue) or (us < hi < ue) or (lo == hi and us < lo < ue)
                    if touches:
                        grow_left = lo - min(lo, us)
                        grow_right = max(hi, ue) - hi
                        if grow_left or grow_right:
                            r[0] -= grow_left
                            r[2] -= grow_left
                            r[1] += grow_right
                            r[3] += grow_right
                            changed = True
        # keep the two sides consistent and merge overlaps
        regions.sort()
        merged: list[list[int]] = []
        for r in regions:
            r[0], r[2] = max(r[0], 0), max(r[2], 0)
            r[1], r[3] = min(r[1], len(old)), min(r[3], len(new))
            if merged and (r[0] <= merged[-1][1] or r[2] <= merged[-1][3]):
                m = merged[-1]
                m[1], m[3] = max(m[1], r[1]), max(m[3], r[3])
            else:
                merged.append(r)
        regions = merged
    out: list[Span] = []
    oi = 0
    for r in regions:
        if r[0] > oi:
            out.append(("equal", old[oi : r[0]]))
        if r[1] > r[0]:
            out.append(("delete", old[r[0] : r[1]]))
        if r[3] > r[2]:
            out.append(("insert", new[r[2] : r[3]]))
        oi = r[1]
    if oi < len(old):
        out.append(("equal", old[oi:]))
    # widening must never change what the spans say: both texts are rebuilt from them, or the raw diff is used
    if (
        "".join(t for op, t in out if op != "insert") != old
        or "".join(t for op, t in out if op != "delete") != new
    ):
        return spans
    return out
