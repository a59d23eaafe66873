"""Acts whose parts take effect on different dates: which sentences are in force on a date, from the act's 附則.

The first article of an amending act's 附則 (施行期日) says when it takes effect: 「この法律は、令和八年四月一日から施行
する。ただし、次の各号に掲げる規定は、当該各号に定める日から施行する。」 with items naming provisions of the act and a
date each (「一　第一条中電気事業法第百十五条の改正規定及び附則第三条の規定　公布の日」). `hosei amend --enforced DATE`
applies the sentences in force on DATE and leaves the others out (line for line, so errors keep their lines).

What the items are read as: 「第N条の規定」 (the act's article N: one law's part in an act of several), 「第N条中…法
…の改正規定」 and 「同法…の改正規定」 (the sentences of that part acting on the provision named: 目次, 第十条, 第十条
第二項, 第二章の章名), 「…の改正規定」 in an act of one law, and the act's own 附則 (not an amendment of the law:
left aside). Dates: an era date, 「公布の日」 and 「公布の日から起算して三月を経過した日」 (from --promulgated), which
can only be earlier than or equal to the act's fixed dates. Anything else — a date fixed later by 政令, a provision
taken in part (「…に限る。」「…を除く。」) that has sentences in BASE's part, a sentence two items share — is refused by
name: a wrong consolidated text is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..core.commencement import _COUNTED, date_of, pieces, schedule
from ..core.errors import HoseiError
from ..core.numerals import KANJI_NUMERALS, parse_number
from .operations import ReadSentence
from .reading import explain
from .sentences import _OPENING, _law_named

_N = f"[{KANJI_NUMERALS}0-9０-９]+"


@dataclass(frozen=True)
class _Part:
    number: (
        int | None
    )  # the act's article (第一条　…法の一部を次のように改正する。), None for an act of one law
    law: str
    first_line: int
    last_line: int


def _parts(lines: list[str]) -> list[_Part]:
    openings = [
        (i + 1, line.strip(" 　\t")) for i, line in enumerate(lines) if line.strip(" 　\t").endswith(_OPENING)
    ]
    parts = []
    for k, (no, text) in enumerate(openings):
        m = re.match(rf"^第({_N})条[ 　]+", text)
        law = _law_named(text)
        end = openings[k + 1][0] - 1 if k + 1 < len(openings) else len(lines)
        parts.append(_Part(parse_number(m.group(1)) if m else None, law, no, end))
    return parts


def in_force(amendment: str, law_title: str | None, on: dt.date, promulgated: dt.date | None = None) -> str:
    """*amendment* with the sentences not in force on *on* blanked line for line (see the module docstring)."""
    plan = schedule(amendment)
    if plan is None:
        raise HoseiError(
            "the amendment has no 附則 saying when it takes effect (施行期日): --enforced needs one"
        )
    lines = amendment.replace("\r\n", "\n").split("\n")
    parts = _parts(lines)
    fixed = [d for d in (date_of(p, None) for p in (plan.main, *(w for _, w in plan.items))) if d is not None]
    read = explain(amendment)

    def part_of(line: int) -> _Part | None:
        return next((p for p in parts if p.first_line <= line <= p.last_line), None)

    def base_part(part: _Part | None) -> bool:
        return part is None or law_title is None or part.law == law_title or len(parts) <= 1

    when: dict[int, str] = {}  # sentence line → the date phrase of the item that names it
    for what, phrase in plan.items:
        current: int | None = None
        for piece in pieces(what):
            lines_named, current = _named(piece, current, parts, read, base_part)
            for no in lines_named:
                if no in when and when[no] != phrase:
                    raise HoseiError(
                        f"two items of the 施行期日 name the sentence on line {no}", "<amendment>", no
                    )
                when[no] = phrase
    out = list(lines)
    for sentence in read:
        part = part_of(sentence.line)
        if not base_part(part):
            continue
        phrase = when.get(sentence.line, plan.main)
        date = date_of(phrase, promulgated)
        if date is None and phrase == "公布の日" and fixed and on >= min(fixed):
            date = min(fixed)  # promulgation precedes every date the act fixes
        if date is None:
            raise HoseiError(
                f"the sentence takes effect 「{phrase}」, a date the act does not fix"
                + (" (give --promulgated)" if _COUNTED.match(phrase) or phrase == "公布の日" else ""),
                "<amendment>",
                sentence.line,
            )
        if date > on:
            end = _sentence_end(lines, sentence.line, read)
            for i in range(sentence.line - 1, end):
                out[i] = ""
    return "\n".join(out)


def _sentence_end(lines: list[str], line: int, read: list[ReadSentence]) -> int:
    """The last line (1-based) of the sentence on *line* with its new text: up to the next sentence, part or 附則."""
    later = [r.line for r in read if r.line > line]
    end = (later[0] - 1) if later else len(lines)
    for i in range(line, end):
        text = lines[i].strip(" 　\t")
        if text.endswith(_OPENING) or re.fullmatch(r"附[ 　]*則(?:[ 　]*抄)?", text):
            return i
    return end


def _named(
    piece: str,
    current: int | None,
    parts: list[_Part],
    read: list[ReadSentence],
    base_part: Callable[[_Part | None], bool],
) -> tuple[list[int], int | None]:
    """The sentence lines an item's piece names in BASE's part, and the act article it speaks of (for 同法; 0 once
    the act's own 附則 is named: 「附則第三条から第六条まで及び第十一条の規定」 lists 附則 to the end)."""
    piece = piece.removesuffix("の規定") if "（" not in piece else piece
    if current == 0 or piece.startswith(("附則", "次条", "前条")):
        return [], 0  # the act's own 附則: not an amendment of the law
    whole = re.match(rf"^第({_N})条(?:から第({_N})条まで)?(?:の規定)?(?P<paren>（.*）)?$", piece)
    if whole:  # the act's articles: each one law's part (「第二十八条から第三十条まで」, 「第三十六条の規定（…を除く。）」)
        first = parse_number(whole.group(1))
        last = parse_number(whole.group(2)) if whole.group(2) else first
        named: list[int] = []
        for part in parts:
            if part.number is None or not first <= part.number <= last or not base_part(part):
                continue
            if whole.group("paren"):
                raise HoseiError(
                    f"a provision taken in part (「{piece[:40]}」) is not supported yet with --enforced"
                )
            named += [r.line for r in read if part.first_line <= r.line <= part.last_line]
        return named, last
    m = re.match(rf"^第({_N})条中(?P<rest>.+)$", piece)
    if m:
        current = parse_number(m.group(1))
        rest = m.group("rest")
    else:
        rest = piece
    named_part = next((p for p in parts if p.number == current), None) if current is not None else None
    if named_part is None and parts and parts[0].number is None:
        named_part = parts[0]  # an act of one law: 「第百十五条の改正規定」
    if named_part is None or not base_part(named_part):
        return [], current
    part = named_part
    if "（" in rest:
        raise HoseiError(f"a provision taken in part (「{piece[:40]}」) is not supported yet with --enforced")
    target = re.match(
        rf"^(?:同法|.+?法)?(?P<cite>目次|第{_N}(?:条|章|節)(?:の{_N})*(?:第{_N}項)?(?:第{_N}号)?)", rest
    )
    if target is None or not rest.endswith("改正規定"):
        raise HoseiError(
            f"cannot read the provision 「{piece[:40]}」 of the 施行期日 (not supported yet with --enforced)"
        )
    cite = target.group("cite")
    lines_named = []
    for r in read:
        if not part.first_line <= r.line <= part.last_line:
            continue
        hits = [
            any(t == cite or (t.startswith(cite) and not t[len(cite) :].startswith("の")) for t in op.targets)
            for op in r.operations
        ]
        if any(hits) and not all(hits):
            raise HoseiError(
                f"「{piece[:40]}」 names part of the sentence on line {r.line} (not supported yet with --enforced)"
            )
        if any(hits):
            lines_named.append(r.line)
    return lines_named, current
