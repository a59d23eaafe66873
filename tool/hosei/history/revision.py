"""Revision metadata: which amending act made a revision and when it entered into force.

e-Gov revision ids read ``{LawId}_{enforcement date YYYYMMDD}_{amending act id}``; the base text has amending
act id 000000000000000. Amending act ids look like 503AC0000000037 = 令和三年法律第三十七号 (era digit, year,
AC = act / CO = cabinet order, number). Bulk-download files also carry Law@LawId and Law@EnforcementDate, and
each amending act's 附則 carries AmendLawNum (令和三年五月一九日法律第三七号) with its promulgation date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.eradate import ERAS, era_by_name, format_era_date, to_gregorian_year
from ..core.errors import HoseiError
from ..core.numerals import KANJI_NUMERALS, parse_number, to_kanji

BASE_TEXT_ID = "000000000000000"
#: what e-Gov's revision 000000000000000 is: the text as e-Gov first holds it (2015-08-01 for most laws), with its
#: earlier amendments already in — not the law as enacted (意匠法 dates from 1959), so never 「制定時」
BASE_TEXT_LABEL = "e-Gov 基準本文"
_REVISION_RE = re.compile(r"^(\d{3}[A-Z][0-9A-Z]{11})_(\d{8})_(\d{3}[A-Z][0-9A-Z]{11}|0{15})$")
_ACT_ID_RE = re.compile(r"^([1-5])(\d{2})(AC|CO|IO)(\w{10})$")
_KIND_WORD = {"AC": "法律", "CO": "政令", "IO": "勅令"}
_WORD_KIND = {v: k for k, v in _KIND_WORD.items()}
_ERA_DIGITS = {1: "明治", 2: "大正", 3: "昭和", 4: "平成", 5: "令和"}
_DIGIT_OF_ERA = {v: k for k, v in _ERA_DIGITS.items()}
_KNUM = rf"[{KANJI_NUMERALS}0-9０-９]+"
_ACT_NUM_RE = re.compile(
    rf"^(明治|大正|昭和|平成|令和)(元|{_KNUM})年(?:({_KNUM})月({_KNUM})日)?(法律|政令|勅令)第({_KNUM})号$"
)


@dataclass(frozen=True)
class AmendingAct:
    """An amending act: its e-Gov id and its number as printed."""

    act_id: str
    number: str  # 令和三年法律第三十七号

    def __str__(self) -> str:
        return f"{self.number} ({self.act_id})"


@dataclass(frozen=True)
class RevisionInfo:
    """What a revision commit records in its trailers."""

    law_id: str
    enforced: dt.date
    amended_by: AmendingAct | None  # None for the base text
    promulgated: dt.date | None = None
    source: str | None = None


def act_number_from_id(act_id: str) -> str:
    """503AC0000000037 → 令和三年法律第三十七号."""
    m = _ACT_ID_RE.match(act_id)
    if not m:
        raise HoseiError(f"invalid amending act id: {act_id} (expected e.g. 503AC0000000037)")
    era = _ERA_DIGITS[int(m.group(1))]
    year = int(m.group(2))
    if year < 1:
        raise HoseiError(f"invalid amending act id: {act_id} (year 0)")
    number = int(m.group(4)[-8:])
    if number < 1:
        raise HoseiError(f"invalid amending act id: {act_id} (number 0)")
    year_text = "元" if year == 1 else to_kanji(year)
    return f"{era}{year_text}年{_KIND_WORD[m.group(3)]}第{to_kanji(number)}号"


def act_id_from_number(number: str) -> str:
    """令和三年法律第三十七号 (or 令和三年五月一九日法律第三七号) → 503AC0000000037."""
    m = _ACT_NUM_RE.match(re.sub(r"\s", "", number))
    if not m:
        raise HoseiError(f"invalid amending act number: {number} (expected e.g. 令和三年法律第三十七号)")
    era = era_by_name(m.group(1))
    year = 1 if m.group(2) == "元" else parse_number(m.group(2))
    to_gregorian_year(era, year)
    return f"{_DIGIT_OF_ERA[era.name]}{year:02d}{_WORD_KIND[m.group(5)]}{parse_number(m.group(6)):010d}"


def parse_act(text: str) -> AmendingAct:
    """An amending act given as an id (503AC0000000037) or a number (令和三年法律第三十七号)."""
    text = text.strip()
    if _ACT_ID_RE.match(text):
        return AmendingAct(text, act_number_from_id(text))
    act_id = act_id_from_number(text)
    return AmendingAct(act_id, act_number_from_id(act_id))


def promulgation_date(amend_law_num: str) -> dt.date | None:
    """The date inside an AmendLawNum such as 令和三年五月一九日法律第三七号."""
    m = _ACT_NUM_RE.match(re.sub(r"\s", "", amend_law_num))
    if not m or not m.group(3):
        return None
    try:
        era = era_by_name(m.group(1))
        year = to_gregorian_year(era, 1 if m.group(2) == "元" else parse_number(m.group(2)))
        return dt.date(year, parse_number(m.group(3)), parse_number(m.group(4)))
    except (HoseiError, ValueError):
        return None


def parse_revision_id(name: str) -> tuple[str, dt.date, str] | None:
    """Split an e-Gov revision id (a file stem) into law id, enforcement date and amending act id."""
    m = _REVISION_RE.match(name)
    if not m:
        return None
    try:
        date = dt.datetime.strptime(m.group(2), "%Y%m%d").date()
    except ValueError:
        raise HoseiError(f"invalid enforcement date in revision id: {name}") from None
    return m.group(1), date, m.group(3)


def era_number_label(act: AmendingAct | None) -> str:
    return act.number if act else BASE_TEXT_LABEL


__all__ = [
    "ERAS",
    "AmendingAct",
    "RevisionInfo",
    "act_number_from_id",
    "act_id_from_number",
    "format_era_date",
    "parse_act",
    "parse_revision_id",
    "promulgation_date",
    "revision_info_for",
    "revision_info_from_response",
]


def revision_info_for(
    path: Path,
    root_attrib: dict[str, str],
    suppl_law_nums: list[str],
    law_id: str | None,
    enforced: dt.date | None = None,
    amended_by: str | None = None,
) -> RevisionInfo:
    """Work out a file's revision metadata: options first, then the file name, then bulk attributes."""
    from_name = parse_revision_id(path.stem)
    lid = (from_name[0] if from_name else None) or root_attrib.get("LawId") or law_id
    if not lid:
        raise HoseiError("cannot tell which law this is (no LawId in the file name or attributes)", str(path))
    date = enforced or (from_name[1] if from_name else None)
    if date is None and root_attrib.get("EnforcementDate"):
        try:
            date = dt.datetime.strptime(root_attrib["EnforcementDate"], "%Y/%m/%d").date()
        except ValueError:
            raise HoseiError(
                f"invalid EnforcementDate attribute: {root_attrib['EnforcementDate']}", str(path)
            ) from None
    act: AmendingAct | None
    if amended_by is not None:
        act = None if amended_by in ("base", BASE_TEXT_ID) else parse_act(amended_by)
    elif from_name is not None:
        act = None if from_name[2] == BASE_TEXT_ID else parse_act(from_name[2])
    else:
        act = _act_from_bulk(root_attrib, suppl_law_nums)
    if date is None or (
        act is None and amended_by is None and from_name is None and not _is_base(root_attrib)
    ):
        raise HoseiError(
            "no revision metadata: name the file {LawId}_{YYYYMMDD}_{AmendLawId}.xml or pass --enforced and --amended-by",
            str(path),
        )
    promulgated = None
    if act is not None:
        for num in suppl_law_nums:
            try:
                if act_id_from_number(num) == act.act_id:
                    promulgated = promulgation_date(num)
                    break
            except HoseiError:
                continue
        if promulgated is None and root_attrib.get("AmendmentPromulgateDate"):
            try:
                promulgated = dt.datetime.strptime(root_attrib["AmendmentPromulgateDate"], "%Y/%m/%d").date()
            except ValueError:
                promulgated = None
    return RevisionInfo(lid, date, act, promulgated, path.name)


def revision_info_from_response(meta: dict[str, str], path: Path) -> RevisionInfo | None:
    """The revision metadata an e-Gov API v2 law_data response carries (revision_info): the revision id (law id,
    enforcement date, amending act), the amending act's promulgation date; None when it names no revision."""
    parsed = parse_revision_id(meta.get("law_revision_id", ""))
    if parsed is None:
        return None
    law_id, enforced, act_id = parsed
    if meta.get("amendment_enforcement_date"):
        try:
            enforced = dt.date.fromisoformat(meta["amendment_enforcement_date"])
        except ValueError:
            raise HoseiError(
                f"invalid amendment_enforcement_date in the response: {meta['amendment_enforcement_date']}",
                str(path),
            ) from None
    act = None if act_id == BASE_TEXT_ID else parse_act(act_id)
    promulgated = None
    if act is not None and meta.get("amendment_promulgate_date"):
        try:
            promulgated = dt.date.fromisoformat(meta["amendment_promulgate_date"])
        except ValueError:
            promulgated = None
    return RevisionInfo(law_id, enforced, act, promulgated, meta.get("law_revision_id") or path.name)


def _is_base(root_attrib: dict[str, str]) -> bool:
    return not root_attrib.get("AmendmentPromulgateDate") and root_attrib.get("Status") == "Original"


def _act_from_bulk(root_attrib: dict[str, str], suppl_law_nums: list[str]) -> AmendingAct | None:
    """The amending act of a bulk-download file: the 附則 promulgated on Law@AmendmentPromulgateDate."""
    raw = root_attrib.get("AmendmentPromulgateDate")
    if not raw:
        return None
    try:
        date = dt.datetime.strptime(raw, "%Y/%m/%d").date()
    except ValueError:
        return None
    for num in reversed(suppl_law_nums):
        if promulgation_date(num) == date:
            try:
                return parse_act(num)
            except HoseiError:
                continue
    return None
