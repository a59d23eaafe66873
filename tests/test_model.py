from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hosei.core.errors import HoseiError
from hosei.core.model import Law

from conftest import ALL_EGOV_XML, GYOSEI_DIR, ISHO_DIR


def test_law_header(mynumber_law: Law) -> None:
    law = mynumber_law
    assert law.law_id == "425AC0000000027"
    assert law.title == "行政手続における特定の個人を識別するための番号の利用等に関する法律"
    assert law.law_num == "平成二十五年法律第二十七号"
    assert law.abbreviations == ["マイナンバー法", "個人番号法", "番号法"]
    assert law.law_type == "Act"
    assert law.promulgated == dt.date(2013, 5, 31)


def test_structure(mynumber_law: Law) -> None:
    chapters = [p for p in mynumber_law.main.children() if p.kind == "chapter"]
    assert chapters[0].title == "第一章　総則"
    assert len(mynumber_law.appendix_tables) == 1
    assert len(mynumber_law.appendix_tables[0].children()) == 177
    assert mynumber_law.suppl_provisions[0].title.replace("　", "") == "附則"


@pytest.mark.parametrize(
    ("citation", "contains"),
    [
        ("第九条第二項", "条例で定めるもの"),
        ("第9条第2項", "条例で定めるもの"),
        ("第十九条第十一号", "地方公共団体の機関が、条例で定めるところにより"),
        ("第二条第九項", "「特定個人情報」とは"),
        ("第二条第五項", "「個人番号」とは"),
        ("別表の百十五の項", "学資の貸与"),
        ("別表の１１５の項", "学資の貸与"),
        ("附則第一条第五号", "別表第二の規定"),
        ("第六条の二", ""),
    ],
)
def test_find(mynumber_law: Law, citation: str, contains: str) -> None:
    node = mynumber_law.find(citation)
    assert contains in node.text()


def test_first_paragraph_is_cited_as_first(mynumber_law: Law) -> None:
    first = mynumber_law.find("第九条第一項")
    assert first.kind == "paragraph"
    assert first.citation_text() == "第九条第一項"
    assert mynumber_law.find("第九条").caption == "（利用範囲）"


def test_single_paragraph_article_items(mynumber_law: Law) -> None:
    item = mynumber_law.find("第十九条第十一号")
    assert item.citation_text() == "第十九条第十一号"
    assert item.citation_text(arabic=True) == "第19条第11号"
    assert len([c for c in mynumber_law.find("第十九条").children()[0].children() if c.kind == "item"]) == 17


def test_row_citation(mynumber_law: Law) -> None:
    row = mynumber_law.find("別表の百十五の項")
    assert row.kind == "table_row"
    assert row.citation_text() == "別表の百十五の項"
    assert row.row_label_text == "百十五"


@pytest.mark.parametrize(
    ("citation", "message"),
    [
        ("第九条第九項", "no such provision: 第九条第九項"),
        ("第二百条", "no such provision: 第二百条"),
        ("別表第一の十の項", "appendix tables in this law: 別表"),
        ("別表の二百の項", "no such provision"),
        ("第十九条第三十号", "no such provision"),
    ],
)
def test_find_errors(mynumber_law: Law, citation: str, message: str) -> None:
    with pytest.raises(HoseiError, match=message) as info:
        mynumber_law.find(citation)
    assert info.value.file == mynumber_law.source


def test_deleted_range_article() -> None:
    old = Law.from_file(ISHO_DIR / "334AC0000000125_20150801_000000000000000.xml")
    assert old.find("第十二条").is_deleted and not old.find("第十二条").is_range
    law = Law.from_file(ISHO_DIR / "334AC0000000125_20220525_504AC0000000048.xml")
    node = law.find("第十二条")
    assert node.is_range and node.is_deleted
    assert node.title == "第十一条及び第十二条"
    assert law.find("第十一条") == node


def test_branch_article_and_subitems() -> None:
    law = Law.from_file(sorted(GYOSEI_DIR.glob("*.xml"))[-1])
    assert law.title == "行政手続法"
    node = law.find("第二条第八号イ")
    assert node.kind == "subitem1"
    assert node.citation_text() == "第二条第八号イ"


@pytest.mark.parametrize("path", ALL_EGOV_XML, ids=lambda p: p.name)
def test_every_provision_resolves_to_itself(path: Path) -> None:
    """Each provision prints a citation that resolves back to it (the law's own 附則 and tables included)."""
    law = Law.from_file(path)
    checked = 0
    for p in law.iter_provisions():
        if p.kind in ("main", "suppl", "appdx_table") or (p.kind == "table_row" and p.row_label_text is None):
            continue
        q = law.find(p.citation_text())
        if q != p:
            # a single paragraph is its article; items of ranged 「一から四まで　略」 rows resolve to the range
            parent = p.el.getparent()
            assert (p.kind == "paragraph" and q.el is parent) or (q.is_range or ":" in (q.num or "")), (p, q)
        checked += 1
    assert checked > 100
