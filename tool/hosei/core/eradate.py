"""Japanese era dates (和暦) both ways: 令和三年十一月二十九日 ⇄ 2021-11-29.

Year 1 of an era is written 元年. A date must exist in the calendar and fall inside its era: 平成31年5月1日
and 令和0年 are errors, never guessed into something else.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .errors import HoseiError, InvalidDate
from .numerals import DIGITS, parse_number, to_kanji


@dataclass(frozen=True)
class Era:
    name: str
    romaji: str
    start: dt.date


#: Eras since the Gregorian calendar was adopted (明治6年 = 1873); 明治 starts on its proclaimed date.
ERAS: tuple[Era, ...] = (
    Era("明治", "Meiji", dt.date(1868, 10, 23)),
    Era("大正", "Taisho", dt.date(1912, 7, 30)),
    Era("昭和", "Showa", dt.date(1926, 12, 25)),
    Era("平成", "Heisei", dt.date(1989, 1, 8)),
    Era("令和", "Reiwa", dt.date(2019, 5, 1)),
)
_BY_NAME = {e.name: e for e in ERAS}
_BY_ROMAJI = {e.romaji: e for e in ERAS}

_ERA_DATE_RE = re.compile(
    rf"^(明治|大正|昭和|平成|令和)\s*(元|[0-9０-９]+|[{DIGITS}十百]+)\s*年"
    rf"(?:\s*([0-9０-９]+|[{DIGITS}十]+)\s*月(?:\s*([0-9０-９]+|[{DIGITS}十]+)\s*日)?)?$"
)
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def era_by_name(name: str) -> Era:
    """Find an era by kanji (令和) or e-Gov romaji (Reiwa)."""
    era = _BY_NAME.get(name) or _BY_ROMAJI.get(name)
    if era is None:
        raise HoseiError(f"unknown era: {name}")
    return era


def era_end(era: Era) -> dt.date | None:
    """The last day of *era*, or None for the current one."""
    index = ERAS.index(era)
    if index + 1 == len(ERAS):
        return None
    return ERAS[index + 1].start - dt.timedelta(days=1)


def era_of(date: dt.date) -> Era:
    """The era *date* belongs to."""
    for era in reversed(ERAS):
        if date >= era.start:
            return era
    raise HoseiError(f"date before the Meiji era: {date.isoformat()}")


def to_gregorian_year(era: Era, year: int, prospective: bool = False) -> int:
    """The Gregorian year of year *year* of *era* (令和3年 → 2021); *prospective*: a year past the era's end, as an
    act passed before an era change names a later date (平成三十一年十月一日 is 2019-10-01)."""
    if year < 1:
        raise HoseiError(f"invalid era year: {era.name}{year}年 (years start at 元年)")
    gregorian = era.start.year + year - 1
    end = era_end(era)
    if end is not None and gregorian > end.year and not prospective:
        raise HoseiError(f"{era.name}{year}年 does not exist ({era.name} ended on {end.isoformat()})")
    return gregorian


def parse_era_date(text: str, prospective: bool = False) -> dt.date:
    """Parse 令和三年十一月二十九日, 令和3年11月29日 or 令和元年5月1日 into a date; it must be a full date. *prospective*:
    a date an act fixed before its era ended may lie past that end (平成三十一年十月一日, the date of the 2019
    consumption-tax rise, is 2019-10-01)."""
    m = _ERA_DATE_RE.match(text.strip())
    if not m or m.group(3) is None or m.group(4) is None:
        raise HoseiError(f"invalid era date: {text} (expected e.g. 令和3年11月29日)")
    era = _BY_NAME[m.group(1)]
    year = 1 if m.group(2) == "元" else parse_number(m.group(2))
    gregorian = to_gregorian_year(era, year, prospective)
    month, day = parse_number(m.group(3)), parse_number(m.group(4))
    try:
        date = dt.date(gregorian, month, day)
    except ValueError as exc:
        raise InvalidDate(f"invalid date: {text} ({exc})") from exc
    end = era_end(era)
    if date < era.start or (end is not None and date > end and not prospective):
        raise InvalidDate(f"invalid date: {text} is outside the {era.name} era")
    return date


def parse_date(text: str) -> dt.date:
    """Parse an ISO date (2021-11-29) or a Japanese era date (令和3年11月29日)."""
    text = text.strip()
    m = _ISO_RE.match(text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError as exc:
            raise InvalidDate(f"invalid date: {text} ({exc})") from exc
    if text[:2] in _BY_NAME:
        return parse_era_date(text)
    raise InvalidDate(f"invalid date: {text} (expected YYYY-MM-DD or e.g. 令和3年11月29日)")


def format_era_date(date: dt.date, kanji: bool = True) -> str:
    """Write *date* as 令和三年十一月二十九日 (kanji, vertical texts) or 令和3年11月29日 (horizontal)."""
    era = era_of(date)
    year = date.year - era.start.year + 1

    def num(n: int) -> str:
        return to_kanji(n) if kanji else str(n)

    year_text = "元" if year == 1 else num(year)
    return f"{era.name}{year_text}年{num(date.month)}月{num(date.day)}日"
