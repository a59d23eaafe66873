"""Plain text and legacy HTML → e-Gov XML, and the text rendering round trip."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hosei.cli import main
from hosei.core.errors import HoseiError
from hosei.core.lawtext import Style, render_law
from hosei.core.model import Law
from hosei.core.validate import validate_document
from hosei.text.comparable import comparable
from hosei.text.parse import import_file, parse_text
from hosei.text.units import ParseResult, split_sentences

from conftest import ALL_EGOV_XML, DATA, ROOT

TEXT_2015 = DATA / "egov" / "mynumber" / "425AC0000000027_2015-12-28_text.txt"
HTML_2015 = ROOT / "tool" / "hosei" / "bundled" / "425AC0000000027_2015-12-27_egov-legacy.html"
ORDINANCES = sorted((DATA / "ordinances").glob("*.txt"))


def _labels(law: Law) -> list[str]:
    table = law.find("別表第一")
    return [r.row_label_text or "" for r in table.children()]


@pytest.fixture(scope="module")
def text_2015() -> ParseResult:
    return import_file(str(TEXT_2015))


@pytest.fixture(scope="module")
def html_2015() -> ParseResult:
    return import_file(str(HTML_2015))


@pytest.mark.parametrize("which", ["text", "html"])
def test_2015_my_number_act(which: str, text_2015: ParseResult, html_2015: ParseResult) -> None:
    result = text_2015 if which == "text" else html_2015
    report = validate_document(result.document)
    assert report.ok, report.errors[:3]
    law = Law(result.document)
    assert law.title == "行政手続における特定の個人を識別するための番号の利用等に関する法律"
    assert law.law_num == "平成二十五年法律第二十七号"
    assert law.law_id == "425AC0000000027"
    assert "その他これらに類する事務であって条例で定めるもの" in law.find("第九条第二項").text()
    assert law.find("第十九条第九号").text().startswith("九　地方公共団体の機関が、条例で定めるところにより")
    labels = _labels(law)
    assert len(labels) == 99
    expected = [str(n) for n in range(1, 99)]
    from hosei.core.numerals import parse_branch

    main_rows = [lab for lab in labels if len(parse_branch(lab)) == 1]
    assert [str(parse_branch(lab)[0]) for lab in main_rows] == expected
    assert [lab for lab in labels if len(parse_branch(lab)) > 1] == ["三十六の二"]
    deleted = law.find("別表第一の二十五の項")
    assert deleted.row_cells[0] == "二十五　削除"
    jasso = law.find("別表第一の八十一の項")
    assert "学資の貸与" in jasso.text()
    # 附則 of amending acts keep their act numbers and 抄
    blocks = law.suppl_provisions
    assert blocks[0].el.get("AmendLawNum") is None
    assert blocks[1].el.get("AmendLawNum") == "平成二四年八月二二日法律第六七号"
    assert blocks[1].el.get("Extract") == "true"


def test_2015_text_warnings_name_the_header_lines(text_2015: ParseResult) -> None:
    messages = [(w.line, w.message) for w in text_2015.warnings]
    assert (9, "header line, not part of the law text: 最終改正：平成二七年九月九日法律第六五号") in messages
    assert all(line > 0 for line, _ in messages)


def test_2015_html_keeps_merged_cells(html_2015: ParseResult) -> None:
    law = Law(html_2015.document)
    table2 = law.find("別表第二")
    rows = table2.el.findall("TableStruct/Table/TableRow")
    assert len(rows) == 261
    first = rows[1].findall("TableColumn")
    assert first[0].get("rowspan") == "3" and "".join(first[0].itertext()).strip() == "一　厚生労働大臣"


def test_headings_and_captions_broken_by_links(text_2015: ParseResult) -> None:
    law = Law(text_2015.document)
    assert law.find("第二十九条").caption == "（行政機関個人情報保護法等の特例）"
    chapter5 = [c for c in law.main.children() if c.kind == "chapter"][4]
    assert [s.title for s in chapter5.children()][1] == "第二節　行政機関個人情報保護法等の特例等"


@pytest.mark.parametrize("path", ALL_EGOV_XML, ids=lambda p: p.name)
def test_round_trip_every_egov_file(path: Path) -> None:
    """show --format text, imported back, equals the file (main provision, 附則, appendix tables)."""
    law = Law.from_file(path)
    result = parse_text("\n".join(render_law(law)))
    assert not result.warnings, result.warnings[:3]
    assert comparable(result.document.root) == comparable(law.root)


def test_round_trip_through_the_cli(tmp_path: Path) -> None:
    source = DATA / "egov" / "laws" / "405AC0000000088" / "405AC0000000088_20240401_504AC0100000052.xml"
    shown = CliRunner().invoke(main, ["show", str(source), "--format", "text"])
    assert shown.exit_code == 0
    text = tmp_path / "gyosei.txt"
    text.write_text(shown.stdout, encoding="utf-8")
    out = tmp_path / "gyosei.xml"
    result = CliRunner().invoke(main, ["import", "text", str(text), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert comparable(Law.from_file(out).root) == comparable(Law.from_file(source).root)


def _unplaced(text: str, result: ParseResult) -> Counter[str]:
    """Characters of the input that are neither in the XML nor in a warning (syntax marks aside)."""
    have = Counter("".join(result.document.root.itertext()))
    have.update("".join(v for el in result.document.root.iter() for v in el.attrib.values()))
    have.update("".join(w.message for w in result.warnings))
    # bars, ruby marks, ditto and the brackets around 附則（…） numbers are syntax, not text
    want = Counter(ch for ch in text if not ch.isspace() and ch not in "|｜《》〃○（）()")
    return want - have


@pytest.mark.parametrize("path", ORDINANCES, ids=lambda p: p.stem)
def test_real_ordinance_excerpts_import(path: Path) -> None:
    result = import_file(str(path), style="auto", law_type="ordinance")
    report = validate_document(result.document)
    assert report.ok, report.errors[:3]
    assert all(w.line >= 1 for w in result.warnings)
    assert not _unplaced(path.read_text(encoding="utf-8"), result)
    law = Law(result.document)
    assert law.title
    assert law.root.get("LawType") == "Misc"


def test_ordinance_details() -> None:
    hagi = Law(
        import_file(str(DATA / "ordinances" / "hagi_shi_yamaguchi.txt"), law_type="ordinance").document
    )
    assert hagi.title == "萩市個人番号の利用等に関する条例"
    assert hagi.law_num == "平成27年9月29日条例第34号"
    assert hagi.find("第1条").caption == "(趣旨)"
    item = hagi.find("第1条第1号")
    assert [c.text for c in item.el.iter("Sentence")] == [
        "個人情報",
        "法第2条第3項に規定する個人情報をいう。",
    ]
    rows = hagi.find("第1条").el.findall(".//TableRow")
    cells = ["".join(c.itertext()).strip() for c in rows[-1].findall("TableColumn")]
    assert cells[0] == "市長又は教育委員会" and cells[1].startswith("上記に掲げるもののほか")
    neyagawa = import_file(str(DATA / "ordinances" / "neyagawa_shi_osaka.txt"), law_type="ordinance")
    assert any(
        "amendment note" in w.message and "(平28条例20・令3条例14・一部改正)" in w.message
        for w in neyagawa.warnings
    )


def test_strict_makes_warnings_errors(tmp_path: Path) -> None:
    path = DATA / "ordinances" / "hagi_shi_yamaguchi.txt"
    result = CliRunner().invoke(main, ["import", "text", str(path), "--strict"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: above the title (page furniture), dropped: source: ")
    assert result.stderr.endswith(f"({path}:1)\n")


def test_import_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", "text", str(tmp_path / "none.txt")])
    assert result.exit_code == 1 and result.stderr == f"Error: no such file ({tmp_path / 'none.txt'})\n"
    result = CliRunner().invoke(main, ["import", "text", str(TEXT_2015), "--style", "diagonal"])
    assert result.exit_code == 2
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(main, ["import", "html", str(HTML_2015), "-o", str(out)])
    assert result.exit_code == 0 and out.exists()
    assert f"({HTML_2015}:31)" in result.stderr  # warnings name the HTML source line


def test_horizontal_rendering_reimports() -> None:
    law = Law.from_file(
        DATA / "egov" / "laws" / "405AC0000000088" / "405AC0000000088_20240401_504AC0100000052.xml"
    )
    text = "\n".join(render_law(law, Style(horizontal=True)))
    assert "\n第1条　" in text and "\n(1)　" in text
    back = Law(parse_text(text).document)
    assert back.find("第2条第1号").text() == "(1)　" + law.find("第二条第一号").own_text()


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "前項の規定を適用する。ただし、この限りでない。",
            ["前項の規定を適用する。", "ただし、この限りでない。"],
        ),
        ("「甲。乙」とする。", ["「甲。乙」とする。"]),
        ("（例。）を含む。次の文。", ["（例。）を含む。", "次の文。"]),
        ("", [""]),
    ],
)
def test_sentence_splitting(text: str, parts: list[str]) -> None:
    assert split_sentences(text) == parts


_FRAGMENTS = st.sampled_from(
    [
        "第一条",
        "第1条",
        "第九条の二",
        "２",
        "2",
        "一",
        "(1)",
        "（１）",
        "イ",
        "ア",
        "(ア)",
        "⑴",
        "（ｉ）",
        "附　則",
        "附則",
        "別表第一",
        "別表",
        "（第九条関係）",
        "第一章　総則",
        "第二節",
        "目次",
        "（目的）",
        "(趣旨)",
        "| a | b |",
        "｜罹《り》",
        "〃",
        "　",
        " ",
        "この法律は、",
        "施行する。",
        "ただし、",
        "「",
        "」",
        "（",
        "）",
        "削除",
        "平成二十五年法律第二十七号",
        "令和3年11月29日",
        "条例第34号",
        "\t",
        "から",
        "まで",
        "及び",
        "第十一条及び第十二条",
    ]
)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(_FRAGMENTS, max_size=6).map("".join), max_size=12).map("\n".join),
    st.sampled_from(["auto", "vertical", "horizontal"]),
)
def test_fuzz_parser_never_crashes(text: str, style: str) -> None:
    try:
        result = parse_text(text, style=style)
    except HoseiError:
        return
    assert result.document.root.tag == "Law"
    assert not _unplaced(text, result)


def test_rendering_has_no_stray_markup() -> None:
    law = Law.from_file(ROOT / "tool" / "hosei" / "bundled" / "425AC0000000027_as-of-2025-09-24.xml")
    text = "\n".join(render_law(law))
    assert "｜罹《り》災証明書" in text
    assert not re.search(r"<[A-Za-z]", text)
