from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hosei.core.errors import HoseiError
from hosei.core.numerals import (
    branch_to_num,
    format_branch,
    num_to_branch,
    parse_branch,
    parse_kanji,
    parse_number,
    parse_ordinal,
    to_fullwidth,
    to_kanji,
    to_positional_kanji,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("百", 100),
        ("百十五", 115),
        ("百二十三", 123),
        ("百三十六", 136),
        ("千二百三十四", 1234),
        ("一万", 10000),
        ("二万三千", 23000),
        ("一〇", 10),
        ("一一", 11),
        ("二〇〇", 200),
        ("〇", 0),
    ],
)
def test_parse_kanji(text: str, value: int) -> None:
    assert parse_kanji(text) == value


@pytest.mark.parametrize(
    "text", ["", "十十", "一十", "百百", "二十十", "〇一", "万", "三千千", "ア", "一二三四五六七八九十"]
)
def test_invalid_kanji_is_an_error(text: str) -> None:
    with pytest.raises(HoseiError):
        parse_kanji(text)


def test_numbers_in_every_notation() -> None:
    assert parse_number("115") == parse_number("１１５") == parse_number("百十五") == 115
    assert to_fullwidth(12) == "１２"
    assert to_positional_kanji(110) == "一一〇"


def test_zero_is_not_an_ordinal() -> None:
    with pytest.raises(HoseiError, match="numbering starts at 1"):
        parse_ordinal("〇")
    with pytest.raises(HoseiError):
        parse_ordinal("零")


def test_branch_numbers() -> None:
    assert parse_branch("九の二") == (9, 2)
    assert parse_branch("十一の二の二") == (11, 2, 2)
    assert parse_branch("9の2") == (9, 2)
    assert format_branch((36, 2)) == "三十六の二"
    assert branch_to_num((9, 2)) == "9_2"
    assert num_to_branch("9_2") == (9, 2)
    assert num_to_branch("5:8") == (5,)
    with pytest.raises(HoseiError):
        parse_branch("九の")


@given(st.integers(min_value=0, max_value=99_999_999))
def test_kanji_round_trip(n: int) -> None:
    assert parse_kanji(to_kanji(n)) == n


@given(st.integers(min_value=1, max_value=10**9))
def test_positional_round_trip(n: int) -> None:
    assert parse_kanji(to_positional_kanji(n)) == n


@given(st.lists(st.integers(min_value=1, max_value=999), min_size=1, max_size=4))
def test_branch_round_trip(parts: list[int]) -> None:
    number = tuple(parts)
    assert parse_branch(format_branch(number)) == number
    assert parse_branch(format_branch(number, arabic=True)) == number
    assert num_to_branch(branch_to_num(number)) == number
