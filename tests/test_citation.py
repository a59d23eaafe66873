from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hosei.core.citation import Citation, parse_citation
from hosei.core.errors import HoseiError


@pytest.mark.parametrize(
    ("text", "kanji", "arabic"),
    [
        ("第九条第二項", "第九条第二項", "第9条第2項"),
        ("第9条第2項", "第九条第二項", "第9条第2項"),
        ("第１９条第１１号", "第十九条第十一号", "第19条第11号"),
        ("第九条の二", "第九条の二", "第9条の2"),
        ("第九条の二の二第三項", "第九条の二の二第三項", "第9条の2の2第3項"),
        ("第一号の二", None, None),
        ("附則第一条第五号", "附則第一条第五号", "附則第1条第5号"),
        ("附則第二項", "附則第二項", "附則第2項"),
        ("第二条第九項", "第二条第九項", "第2条第9項"),
        ("別表の百十五の項", "別表の百十五の項", "別表の115の項"),
        ("別表第一の十の項", "別表第一の十の項", "別表第1の10の項"),
        ("別表第一の一〇の項", "別表第一の十の項", "別表第1の10の項"),
        ("別表第一の三十六の二の項", "別表第一の三十六の二の項", "別表第1の36の2の項"),
        ("別表第二", "別表第二", "別表第2"),
        ("第十九条第八号イ", "第十九条第八号イ", "第19条第8号イ"),
        ("第二条第一項第三号(1)", "第二条第一項第三号⑴", "第2条第1項第3号⑴"),
        ("第六章の二", "第六章の二", "第6章の2"),
        ("第四章第一節", "第四章第一節", "第4章第1節"),
    ],
)
def test_parse_and_format(text: str, kanji: str | None, arabic: str | None) -> None:
    if kanji is None:
        with pytest.raises(HoseiError):
            parse_citation(text)
        return
    c = parse_citation(text)
    assert c.format() == kanji
    assert c.format(arabic=True) == arabic
    assert parse_citation(kanji) == c


def test_fields() -> None:
    c = parse_citation("附則第一条第五号")
    assert c.suppl and c.article == (1,) and c.item == (5,) and c.paragraph is None
    assert parse_citation("別表の百十五の項") == Citation(appdx=0, row=(115,))
    assert parse_citation("第九条の二").article == (9, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("第零条", "numbering starts at 1"),
        ("第〇条", "numbering starts at 1"),
        ("第九条第〇項", "numbering starts at 1"),
        ("", "empty citation"),
        ("第九条第二", "cannot read"),
        ("第1項第2条", "out of place"),
        ("第二項", "no article, 附則 or 別表"),
        ("別表の項", "cannot read"),
        ("第九条別表", "別表 must come first"),
        ("イ", "needs a 号"),
        ("第十十条", "invalid kanji numeral"),
    ],
)
def test_invalid_citations(text: str, message: str) -> None:
    with pytest.raises(HoseiError, match=message):
        parse_citation(text)


branch = st.lists(st.integers(min_value=1, max_value=300), min_size=1, max_size=3).map(tuple)


@given(
    article=branch,
    paragraph=st.none() | st.integers(min_value=1, max_value=30),
    item=st.none() | branch,
    suppl=st.booleans(),
    arabic=st.booleans(),
)
def test_citation_round_trip(article, paragraph, item, suppl, arabic) -> None:  # type: ignore[no-untyped-def]
    c = Citation(suppl=suppl, article=article, paragraph=paragraph, item=item)
    assert parse_citation(c.format(arabic=arabic)) == c


@given(table=st.integers(min_value=0, max_value=5), row=branch, arabic=st.booleans())
def test_appendix_citation_round_trip(table: int, row: tuple[int, ...], arabic: bool) -> None:
    c = Citation(appdx=table, row=row)
    assert parse_citation(c.format(arabic=arabic)) == c
