"""When an act takes effect: its 施行期日 (the first article of its 附則) read as dates.

「この法律は、令和八年四月一日から施行する。ただし、次の各号に掲げる規定は、当該各号に定める日から施行する。」 with items
naming provisions and a date each. A date phrase is an era date, 「公布の日」, 「公布の日から起算して三月を経過した日」
(counted from the promulgation date), or one the act does not fix (a date a 政令 sets, another act's date). Used to
apply a staged act (`hosei amend --enforced`) and to tell whether a recorded history may miss a revision.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .eradate import parse_era_date
from .numerals import KANJI_NUMERALS, parse_number

_N = f"[{KANJI_NUMERALS}0-9０-９]+"
_ERA_DATE = re.compile(rf"^(?:明治|大正|昭和|平成|令和)(?:元|{_N})年{_N}月{_N}日$")
_COUNTED = re.compile(rf"^公布の日から起算して(?P<n>{_N})(?P<unit>年|月|日)を経過した日$")


@dataclass(frozen=True)
class Schedule:
    """The act's 施行期日: the main date phrase, and (provisions, date phrase) for each item."""

    main: str
    items: tuple[tuple[str, str], ...]


def schedule(amendment: str) -> Schedule | None:
    """The act's 施行期日 from its 附則 (None when the text has no 附則 saying when it takes effect)."""
    lines = amendment.replace("\r\n", "\n").split("\n")
    start = next(
        (i for i, line in enumerate(lines) if re.fullmatch(r"[ 　]*附[ 　]*則(?:[ 　]*抄)?[ 　]*", line)),
        None,
    )
    if start is None:
        return None
    main: str | None = None
    items: list[tuple[str, str]] = []
    for line in lines[start + 1 :]:
        text = line.strip(" 　\t")
        m = re.search(r"この(?:法律|政令|省令|条例|規則)(?:（[^）]*）)?は、(?P<when>.+?)から施行する。", text)
        if main is None and m:
            main = m.group("when")
            continue
        if main is None:
            continue
        item = re.match(rf"^{_N}(?:の{_N})*[ 　]+(?P<what>.+?)[ 　]+(?P<when>[^ 　]+)$", text)
        if item and ("規定" in item.group("what")):
            items.append((item.group("what"), item.group("when")))
            continue
        if items or re.match(r"^（|^第", text):
            break  # the next article: the items are over
    return Schedule(main, tuple(items)) if main is not None else None


def date_of(phrase: str, promulgated: dt.date | None) -> dt.date | None:
    """The date a phrase fixes (None when the act does not fix it: 政令で定める日, another act's date)."""
    if _ERA_DATE.match(phrase):
        return parse_era_date(phrase, prospective=True)  # 平成三十一年十月一日 in an act of 2016
    if phrase == "公布の日":
        return promulgated
    m = _COUNTED.match(phrase)
    if m and promulgated is not None:
        n = parse_number(m.group("n"))
        if m.group("unit") == "日":
            return promulgated + dt.timedelta(days=n)
        months = n * 12 if m.group("unit") == "年" else n
        year, month = divmod(promulgated.month - 1 + months, 12)
        year += promulgated.year
        day = min(promulgated.day, calendar.monthrange(year, month + 1)[1])
        return dt.date(year, month + 1, day)
    return None


def pieces(what: str) -> list[str]:
    """An item's provisions, split at 、／及び／並びに outside parentheses."""
    out, depth, cur = [], 0, ""
    i = 0
    while i < len(what):
        ch = what[i]
        depth += ch == "（"
        depth -= ch == "）"
        for sep in ("、", "及び", "並びに"):
            if depth == 0 and what.startswith(sep, i):
                out.append(cur)
                cur = ""
                i += len(sep)
                break
        else:
            cur += ch
            i += 1
    out.append(cur)
    return [p for p in out if p]


def only_own_supplementary(what: str) -> bool:
    """An item that names only the act's own 附則 (「附則第三条から第六条まで及び第十一条の規定」): it amends no law."""
    named = pieces(what)
    return bool(named) and named[0].startswith(("附則", "次条", "前条"))


def concerns(what: str, title: str) -> bool:
    """Whether an item's provisions may amend the law titled *title*: not when they name only the act's own 附則
    or other laws by name (「第四条中商標法第七十条第一項の改正規定…」, 「同法…」 after one); yes when they name it, or
    an article of the act without saying which law it amends (「第二条の規定」)."""
    other = False
    own = (
        False  # once the act's 附則 is named, the articles after it are its (「附則第十八条及び第三十四条」)
    )
    for piece in pieces(what):
        own = own or piece.startswith(("附則", "次条", "前条"))
        if own:
            continue
        if title and title in piece:
            return True
        if piece.startswith("同法"):
            if other:
                continue
            return True
        named = re.match(
            rf"^第{_N}条(?:の{_N})*中(?P<law>.+?(?:法律|法|令|規則))(?=第|目次|別表|附則|の|中)", piece
        )
        if named:
            other = True
            continue
        return True
    return False
