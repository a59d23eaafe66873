from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hosei.core.eradate import format_era_date, parse_date, parse_era_date
from hosei.core.errors import HoseiError


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("令和三年十一月二十九日", dt.date(2021, 11, 29)),
        ("令和3年11月29日", dt.date(2021, 11, 29)),
        ("令和３年１１月２９日", dt.date(2021, 11, 29)),
        ("令和元年五月一日", dt.date(2019, 5, 1)),
        ("平成三十一年四月三十日", dt.date(2019, 4, 30)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        ("昭和六十四年一月七日", dt.date(1989, 1, 7)),
        ("平成二十五年五月三十一日", dt.date(2013, 5, 31)),
        ("平成28年1月1日", dt.date(2016, 1, 1)),
    ],
)
def test_parse_era_date(text: str, date: dt.date) -> None:
    assert parse_era_date(text) == date
    assert parse_date(text) == date


@pytest.mark.parametrize(
    "text",
    [
        "令和0年1月1日",
        "令和〇年一月一日",
        "平成31年5月1日",  # 令和 by then
        "昭和64年1月8日",  # 平成 by then
        "令和元年4月30日",  # still 平成
        "令和3年2月29日",
        "令和3年13月1日",
        "令和3年",
        "大化1年1月1日",
    ],
)
def test_invalid_era_dates_are_errors(text: str) -> None:
    with pytest.raises(HoseiError):
        parse_date(text)


@pytest.mark.parametrize("text", ["2019-04-31", "2021-13-01", "2021/11/29", "yesterday", ""])
def test_invalid_iso_dates_are_errors(text: str) -> None:
    with pytest.raises(HoseiError, match="invalid date"):
        parse_date(text)


def test_format_era_date() -> None:
    assert format_era_date(dt.date(2021, 11, 29)) == "令和三年十一月二十九日"
    assert format_era_date(dt.date(2021, 11, 29), kanji=False) == "令和3年11月29日"
    assert format_era_date(dt.date(2019, 5, 1)) == "令和元年五月一日"
    assert format_era_date(dt.date(2019, 4, 30), kanji=False) == "平成31年4月30日"
    assert format_era_date(dt.date(1989, 1, 8)) == "平成元年一月八日"
    assert format_era_date(dt.date(1989, 1, 7)) == "昭和六十四年一月七日"


@given(st.dates(min_value=dt.date(1873, 1, 1), max_value=dt.date(2200, 12, 31)), st.booleans())
def test_era_date_round_trip(date: dt.date, kanji: bool) -> None:
    assert parse_era_date(format_era_date(date, kanji=kanji)) == date
