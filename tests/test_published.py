"""Ordinances as municipalities publish them: 例規集 pages and PDF text read by `import text`.

The fixtures in tests/data/ordinances/published are page excerpts as the pages print them (their addresses are in
SOURCES.tsv); the single-line cases below are lines quoted from real pages and PDFs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.cli import main
from hosei.core.model import Law
from hosei.text.parse import parse_text
from hosei.text.published import read_amendment_note, read_history_line, repair_number_spacing

PUBLISHED = Path(__file__).parent / "data" / "ordinances" / "published"


def _import(path: Path):  # type: ignore[no-untyped-def]
    from hosei.text.parse import import_file

    return import_file(str(path), law_type="ordinance")


def _messages(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{w.line}: {w.message}" for w in result.warnings]


def test_every_published_fixture_has_its_source() -> None:
    listed = {
        line.split("\t")[0]
        for line in (PUBLISHED / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]
        if line.split("\t")[1].startswith("http")
    }
    assert listed == {p.name for p in PUBLISHED.glob("*.txt")}


def test_page_menu_is_furniture_and_the_title_is_the_marked_line() -> None:
    result = _import(PUBLISHED / "tosashimizu_shi_kochi.txt")
    law = Law(result.document)
    assert law.title == "土佐清水市個人番号の利用及び特定個人情報の提供に関する条例"
    assert law.law_num == "平成27年12月28日条例第35号"
    messages = _messages(result)
    assert messages[:3] == [
        "1: above the title (page furniture), dropped: 条文目次 このページを閉じる",
        "3: above the title (page furniture), dropped: ◆未施行あり 未施行条文の表示",
        "5: above the title (page furniture), dropped: 行政手続における特定の個人を識別するための番号の利用等に関する"
        "法律等の一部を改正する法律(令和5年法律第48号)の施行の日から施行",
    ]
    assert (
        "11: title repeated, kept once: 土佐清水市個人番号の利用及び特定個人情報の提供に関する条例"
        in messages
    )
    assert law.find("第2条第4号").own_text().startswith("情報提供ネットワークシステム")


@pytest.mark.parametrize(
    "line",
    [
        "ホーム > 例規集 > 第3編 行政通則 > 第2章 個人情報",
        "印刷 | ページの先頭へ",
        "[別表第1]",
        "【別記様式第2号】",
    ],
)
def test_furniture_lines_in_the_body_are_dropped_with_a_warning(line: str) -> None:
    text = f"○某市条例\n平成27年9月29日条例第34号\n(趣旨)\n第1条 この条例は、必要な事項を定める。\n{line}\n第2条 規則で定める。\n"
    result = parse_text(text, law_type="ordinance")
    law = Law(result.document)
    assert law.find("第1条").own_text() == "この条例は、必要な事項を定める。"
    assert law.find("第2条").own_text() == "規則で定める。"
    assert any(w.line == 5 and "page furniture" in w.message for w in result.warnings)


def test_link_text_glued_to_a_provision_is_dropped() -> None:
    text = "○某市条例\n平成27年9月29日条例第34号\n第4条 別表第1に掲げる事務とする。[別表第1]\n"
    result = parse_text(text, law_type="ordinance")
    assert Law(result.document).find("第4条").own_text() == "別表第1に掲げる事務とする。"
    assert [str(w) for w in result.warnings] == [
        "line 3: page furniture glued to the text, dropped: [別表第1]"
    ]


@pytest.mark.parametrize(
    ("line", "law_num"),
    [
        ("平成 27 年9月 30 日条例第 38 号 改正", "平成27年9月30日条例第38号"),
        ("(平成27年12月11日条例第20号) |", "平成27年12月11日条例第20号"),
        ("平成二十七年十月十六日青森県条例第五十四号", "平成二十七年十月十六日青森県条例第五十四号"),
    ],
)
def test_law_numbers_in_every_published_form(line: str, law_num: str) -> None:
    text = f"○某市個人番号の利用に関する条例\n{line}\n(趣旨)\n第1条 この条例は、必要な事項を定める。\n"
    law = Law(parse_text(text, law_type="ordinance").document)
    assert law.law_num == law_num


def test_the_amendment_history_under_the_number_is_metadata() -> None:
    text = (
        "○某市個人番号の利用に関する条例\n平成 27 年9月 30 日条例第 38 号 改正\n"
        "平成 28 年3月 25 日条例第 5 号\n令和3年9月30日条例第21号\n(趣旨)\n第1条 この条例は、必要な事項を定める。\n"
    )
    result = parse_text(text, law_type="ordinance")
    assert Law(result.document).law_num == "平成27年9月30日条例第38号"
    assert [a.number for n in result.notes for a in n.acts] == ["平成28年条例第5号", "令和3年条例第21号"]
    assert result.last_amended_by == "令和3年条例第21号"
    assert "".join(result.document.root.itertext()).count("条例第5号") == 0


def test_kanji_amendment_notes_are_metadata_of_the_provision_they_follow() -> None:
    result = _import(PUBLISHED / "yamanashi_ken.txt")
    law = Law(result.document)
    assert law.find("第一条").own_text().endswith("必要な事項を定めるものとする。")
    assert (
        law.find("第一条第八号").own_text()
        == "利用特定個人情報 法第十九条第八号に規定する利用特定個人情報をいう。"
    )
    assert [(n.provision, [a.number for a in n.acts], n.actions) for n in result.notes] == [
        ("題名", ["平成28年条例第40号", "令和3年条例第45号"], ["改称"]),
        ("第一条", ["平成28年条例第40号", "令和3年条例第45号"], ["一部改正"]),
        ("第一条第八号", ["令和3年条例第45号", "令和6年条例第14号"], ["一部改正"]),
    ]
    assert result.last_amended_by == "令和6年条例第14号"
    assert "条例四五" not in "".join(result.document.root.itertext())


def test_arabic_notes_with_several_groups() -> None:
    note = read_amendment_note("(平28条例32・全改、令3条例17・令6条例14・令6条例34・一部改正)")
    assert note is not None
    assert [a.number for a in note.acts] == [
        "平成28年条例第32号",
        "令和3年条例第17号",
        "令和6年条例第14号",
        "令和6年条例第34号",
    ]
    assert note.actions == ["全改", "一部改正"]
    assert note.latest.number == "令和6年条例第34号"
    assert read_amendment_note("(令元条例6・令3条例32・一部改正)").latest.number == "令和3年条例第32号"  # type: ignore[union-attr]
    assert read_amendment_note("(趣旨)") is None
    assert read_amendment_note("(平成25年法律第27号)") is None


def test_history_lines() -> None:
    assert read_history_line("改正 平成28年3月25日条例第5号").acts[0].number == "平成28年条例第5号"  # type: ignore[union-attr]
    assert read_history_line("令和3年9月30日条例第21号").acts[0].number == "令和3年条例第21号"  # type: ignore[union-attr]
    assert read_history_line("第1条 この条例は") is None


def test_pdf_spacing_inside_numbers_is_repaired() -> None:
    assert repair_number_spacing("法第 19 条第 10 号") == "法第19条第10号"
    assert repair_number_spacing("法第2条第 12 項") == "法第2条第12項"
    assert repair_number_spacing("(平成 25 年法律第 27 号") == "(平成25年法律第27号"
    assert repair_number_spacing("別表第1の 市長 欄") == "別表第1の 市長 欄"


def test_pdf_text_labels_alone_and_spaced_numbers() -> None:
    result = _import(Path(__file__).parent / "data" / "ordinances" / "saga_ken.txt")
    law = Law(result.document)
    assert law.find("第1条").own_text().count("法第19条第9号") == 1
    assert (
        law.find("第2条第3号").own_text()
        == "個人番号利用事務実施者　法第2条第12項に規定する個人番号利用事務実施者をいう。"
    )
    assert "24: label alone on its line joined with the next: (3) 個人番号利用事務実施者" in _messages(result)


def test_items_after_a_pdf_line_join_stay_items() -> None:
    text = (
        "○某市条例\n平成27年9月29日条例第34号\n(定義)\n第2条 この条例において、次の各号に掲げる用語の意義は、当該各号に"
        "定めるところによる。\n(1) 個人番号 法第2条第5項に規定する個人番号をいう。\n(2)\n特定個人情報\n"
        "法第2条第8項に規定する特定個人情報をいう。\n2 前項の規定によるもののほか、法の例による。\n"
    )
    law = Law(parse_text(text, law_type="ordinance").document)
    assert law.find("第2条第1号").own_text().startswith("個人番号")
    assert law.find("第2条第2号").own_text().startswith("特定個人情報")
    assert law.find("第2条第2項").own_text() == "前項の規定によるもののほか、法の例による。"


def test_the_notes_reach_the_cli_summary(tmp_path: Path) -> None:
    out = tmp_path / "o.xml"
    r = CliRunner().invoke(
        main, ["import", "text", str(PUBLISHED / "kyoto_fu.txt"), "--law-type", "ordinance", "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    assert (
        "Warning: amendment note of 題名, read as revision metadata: (平27条例39・改称) "
        f"({PUBLISHED / 'kyoto_fu.txt'}:11)" in r.stderr
    )
    assert r.stderr.rstrip().endswith(f"wrote {out} (4 warnings; last amended by 令和6年条例第34号)")
