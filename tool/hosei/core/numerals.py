"""Kanji numerals, branch numbers and the other numbering systems of Japanese legal text.

National laws write 第百二十三条 (place words), some appendix labels use place notation (一〇), municipal
texts write 第1条 with Arabic digits and paragraph numbers are full-width (２). All of them map to one
integer, and branch numbers (第九条の二の二) to a tuple, which is also how e-Gov writes them in ``Num``
attributes ("9_2_2").
"""

from __future__ import annotations

import functools
import re

from .errors import HoseiError

DIGITS = "〇一二三四五六七八九"
#: The one home of the numeral characters: other modules compose their patterns from these, never spell them out.
#: Kanji numerals with the place words of legal numbers (第百二十三条).
KANJI_NUMERALS = DIGITS + "十百千"
#: Arabic digits, half- and full-width, as a character-class body (「0-9０-９」).
ARABIC = "0-9０-９"
#: A run of kanji numerals; a run of any numerals; a branch number (九の二の二); a small number (months, days).
KANJI_RUN = f"[{KANJI_NUMERALS}]+"
NUMBER_RUN = f"[{KANJI_NUMERALS}{ARABIC}]+"
BRANCH_RUN = f"{NUMBER_RUN}(?:の{NUMBER_RUN})*"
SMALL_RUN = f"[{ARABIC}{DIGITS}十]+"
_DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)}
_DIGIT_VALUE["零"] = 0
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "億": 100_000_000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_TO_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

#: Subitem labels of national laws (イ, ロ, ハ …), in iroha order.
IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
#: Subitem labels of municipal texts (ア, イ, ウ …), in gojūon order.
AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
#: Parenthesised numbers ⑴ … ⒇ used for the second subitem level of national laws.
PAREN_DIGITS = "".join(chr(c) for c in range(0x2474, 0x2488))


def to_halfwidth_digits(text: str) -> str:
    """Replace full-width digits by ASCII digits, leaving everything else alone."""
    return text.translate(_FULLWIDTH)


def to_fullwidth(n: int) -> str:
    """Write *n* with full-width digits, as e-Gov writes paragraph numbers (２, １２)."""
    return str(n).translate(_TO_FULLWIDTH)


def _parse_under_man(text: str, original: str) -> int:
    total = 0
    current: int | None = None
    last_unit = 10_000
    for ch in text:
        if ch in _DIGIT_VALUE:
            if current is not None:
                raise HoseiError(f"invalid kanji numeral: {original}")
            current = _DIGIT_VALUE[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_unit:
                raise HoseiError(f"invalid kanji numeral: {original}")
            total += (1 if current is None else current) * unit
            current = None
            last_unit = unit
        else:
            raise HoseiError(f"invalid kanji numeral: {original}")
    if current is not None:
        total += current
    return total


def parse_kanji(text: str) -> int:
    """Parse a kanji numeral: place words (百二十三), place notation (一〇, 二〇〇) or a lone digit.

    Only the canonical spelling is accepted (一十 or 十十 are errors, not guesses).
    """
    original = text
    if not text:
        raise HoseiError("empty numeral")
    if all(ch in _DIGIT_VALUE for ch in text):
        if len(text) > 1 and text[0] in "〇零":
            raise HoseiError(f"invalid kanji numeral: {original}")
        value = 0
        for ch in text:
            value = value * 10 + _DIGIT_VALUE[ch]
        return value
    total = 0
    rest = text
    for unit_char, unit in sorted(_BIG_UNITS.items(), key=lambda kv: -kv[1]):
        if unit_char in rest:
            head, rest = rest.split(unit_char, 1)
            if not head:
                raise HoseiError(f"invalid kanji numeral: {original}")
            total += _parse_under_man(head, original) * unit
    if rest:
        total += _parse_under_man(rest, original)
    if to_kanji(total) != original:
        raise HoseiError(f"invalid kanji numeral: {original}")
    return total


def _under_man_to_kanji(n: int) -> str:
    out = []
    for unit_char, unit in (("千", 1000), ("百", 100), ("十", 10)):
        q, n = divmod(n, unit)
        if q:
            out.append(("" if q == 1 else DIGITS[q]) + unit_char)
    if n:
        out.append(DIGITS[n])
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def to_kanji(n: int) -> str:
    """Write *n* in kanji with place words, as in 第百二十三条 (0 is 〇); memoised, as citations write the same
    few hundred numbers over and over."""
    if n < 0:
        raise HoseiError(f"negative number has no kanji numeral: {n}")
    if n == 0:
        return "〇"
    out = []
    for unit_char, unit in (("億", 100_000_000), ("万", 10_000)):
        q, n = divmod(n, unit)
        if q:
            out.append(_under_man_to_kanji(q) + unit_char)
    out.append(_under_man_to_kanji(n))
    return "".join(out)


def to_positional_kanji(n: int) -> str:
    """Write *n* in place notation (一〇, 一一〇), used by some appendix labels."""
    if n < 0:
        raise HoseiError(f"negative number has no kanji numeral: {n}")
    return "".join(DIGITS[int(d)] for d in str(n))


_ARABIC_RE = re.compile(r"[0-9０-９]+")


def parse_number(text: str) -> int:
    """Parse any numeral a legal text uses: kanji (either notation), Arabic or full-width digits."""
    text = text.strip()
    if _ARABIC_RE.fullmatch(text):
        return int(to_halfwidth_digits(text))
    return parse_kanji(text)


def parse_ordinal(text: str, what: str = "number") -> int:
    """Parse a number that must be 1 or more (articles, paragraphs, items: there is no 第零条)."""
    value = parse_number(text)
    if value < 1:
        raise HoseiError(f"invalid {what}: {text} (numbering starts at 1)")
    return value


BranchNumber = tuple[int, ...]


def parse_branch(text: str) -> BranchNumber:
    """Parse a branch number such as 九の二の二 or 9の2 into (9, 2, 2)."""
    parts = text.split("の")
    if any(not p for p in parts):
        raise HoseiError(f"invalid branch number: {text}")
    return tuple(parse_ordinal(p) for p in parts)


_KANJI_NUMBER = re.compile(KANJI_RUN)


def arabic_numbers(text: str) -> str:
    """Every kanji number in *text* in Arabic digits: 第十九条第十一号 → 第19条第11号, 令和九年四月一日 → 令和9年4月1日
    (horizontal texts write citations, law numbers and dates this way)."""
    return _KANJI_NUMBER.sub(lambda m: str(parse_number(m.group(0))), text)


def kanji_numbers(text: str) -> str:
    """Every Arabic number in *text* in kanji with place words: 昭和25年法律第144号 → 昭和二十五年法律第百四十四号
    (the inverse of :func:`arabic_numbers`, for wording taken from a horizontal ordinance into a vertical Act)."""
    return _ARABIC_RE.sub(lambda m: to_kanji(int(to_halfwidth_digits(m.group(0)))), text)


def format_branch(number: BranchNumber, arabic: bool = False) -> str:
    """Write a branch number: (9, 2) → 九の二, or 9の2 with *arabic*."""
    return "の".join(str(n) if arabic else to_kanji(n) for n in number)


def branch_to_num(number: BranchNumber) -> str:
    """The e-Gov ``Num`` attribute for a branch number: (9, 2) → "9_2"."""
    return "_".join(str(n) for n in number)


@functools.lru_cache(maxsize=4096)
def num_to_branch(num: str) -> BranchNumber:
    """Parse an e-Gov ``Num`` attribute ("9_2") into (9, 2); ranges ("5:8") take their first number."""
    first = num.split(":")[0]
    try:
        return tuple(int(p) for p in first.split("_"))
    except ValueError as exc:
        raise HoseiError(f"invalid Num attribute: {num}") from exc
