"""Impact of an amendment of the Act on ordinances (条ずれ), and consequential amendment drafts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.cli import main
from hosei.core.model import Law

from conftest import DATA, ROOT, act_with_new_article19_item


@pytest.fixture(autouse=True)
def _allow_gaps(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the bundled My Number Act at dates between its 2015 and 2025 texts, which the 2025 text
    shows may be stale (see tests/test_gaps.py): they go on as `--allow-gaps` does, with a warning."""
    monkeypatch.setenv("HOSEI_ALLOW_GAPS", "1")


EXCERPTS = sorted(p for p in (DATA / "ordinances").glob("*.txt") if p.name != "model_ordinance_composite.txt")


def _impact(*args: str, ws: Path = ROOT) -> dict:
    result = CliRunner().invoke(main, ["impact", "番号法", *args, "-w", str(ws)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_real_excerpts_2015_to_2025(tmp_path: Path) -> None:
    report = _impact(
        "--from", "2016-01-01", "--to", "2026-01-01", *map(str, EXCERPTS), "--draft", str(tmp_path / "d")
    )
    cites = {
        (Path(o["source"]).stem, c["provision"], c["quote"]): c
        for o in report["ordinances"]
        for c in o["citations"]
    }
    # 第19条第9号 (2015) is 第11号 now; 第2条第8項 (特定個人情報) is 第9項; 第12項 → 13; 第14項 → 15
    assert (
        cites[("saga_ken", "第1条", "法第19条第9号")]["new_quote"] == "法第19条第11号"
    )  # PDF spacing repaired on import
    # 「法第19条第8号に規定する特定個人番号利用事務」 names a term defined in today's 第8号: not moved
    assert cites[("saga_ken", "第4条第2項第5号", "法第19条第8号")]["kind"] == "unchanged"
    assert cites[("yawatahama_shi_ehime", "第2条第2号", "法第2条第8項")]["new_quote"] == "法第2条第9項"
    assert cites[("yawatahama_shi_ehime", "第2条第3号", "法第2条第12項")]["new_quote"] == "法第2条第13項"
    assert cites[("hagi_shi_yamaguchi", "第1条第3号", "法第2条第8項")]["new_quote"] == "法第2条第9項"
    # an ordinance already updated to the current numbering is not moved again
    assert cites[("shimabara_shi_nagasaki", "第1条", "法第19条第11号")]["kind"] == "unchanged"
    assert cites[("shimabara_shi_nagasaki", "第2条第2号", "法第2条第9項")]["kind"] == "unchanged"
    for key, c in cites.items():
        if "第19条" in c["quote"] or "第2条第" in c["quote"]:
            assert c["kind"] in ("unchanged", "moved", "changed"), key
    # the drafted amendment of one excerpt applies back and leaves nothing stale
    new = tmp_path / "d" / "yawatahama_shi_ehime.new.xml"
    assert new.exists()
    again = _impact("--from", "2016-01-01", "--to", "2026-01-01", str(new))
    assert not [c for o in again["ordinances"] for c in o["citations"] if c["kind"] == "moved"]
    text = (tmp_path / "d" / "yawatahama_shi_ehime.amendment.txt").read_text(encoding="utf-8")
    assert (
        "　第2条第2号中「法第2条第8項」を「法第2条第9項」に改め、同条第3号中「法第2条第12項」を「法第2条第13項」に改め、"
        "同条第4号中「法第2条第14項」を「法第2条第15項」に改める。\n" in text
    )
    assert text.rstrip().endswith("この条例は、公布の日から施行する。")
    assert (tmp_path / "d" / "yawatahama_shi_ehime.taisho.html").exists()


def test_amend_cli_applies_the_drafted_consequential_amendment(tmp_path: Path) -> None:
    _impact(
        "--from",
        "2016-01-01",
        "--to",
        "2026-01-01",
        str(DATA / "ordinances" / "saga_ken.txt"),
        "--draft",
        str(tmp_path),
    )
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(
        main,
        [
            "amend",
            str(DATA / "ordinances" / "saga_ken.txt"),
            str(tmp_path / "saga_ken.amendment.txt"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = "".join(Law.from_file(out).root.itertext())
    assert "法第19条第11号" in text and "法第19条第9号" not in text


def _proposal_workspace(tmp_path: Path) -> Path:
    """A workspace whose branch `proposal` inserts a new Article 19 item before the provision item."""
    ws = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(ws)]).exit_code == 0
    subprocess.run(["git", "checkout", "-q", "-b", "proposal"], cwd=ws, check=True)
    path = act_with_new_article19_item(
        tmp_path / "425AC0000000027_20270401_509AC0000000001.xml", "提案による新しい号。"
    )
    assert CliRunner().invoke(main, ["import", "egov", str(path), "-w", str(ws)]).exit_code == 0
    subprocess.run(["git", "checkout", "-q", "main"], cwd=ws, check=True)
    return ws


def _as_read(path: Path) -> str:
    """An ordinance's text as `import text` reads it, numerals Arabic (法第十九条第十一号 → 法第19条第11号)."""
    from hosei.core.numerals import arabic_numbers
    from hosei.text.parse import import_file

    root = import_file(str(path), law_type="ordinance").document.root
    return arabic_numbers("".join(root.itertext())).replace("番号法第", "法第")


def test_proposal_branch_on_a_synthetic_corpus(tmp_path: Path) -> None:
    from hosei.core.numerals import arabic_numbers

    ws = _proposal_workspace(tmp_path)
    corpus = tmp_path / "corpus"
    r = CliRunner().invoke(
        main, ["synth", "ordinances", str(corpus), "--count", "150", "--seed", "3", "-w", str(ws)]
    )
    assert r.exit_code == 0, r.output
    report = _impact(
        "--from", "main", "--to", "proposal", str(corpus), "--draft", str(tmp_path / "drafts"), ws=ws
    )
    # the corpus is published in kanji, as PDF text and as pages: read each file as the importer reads it
    read = {p.stem: _as_read(p) for p in corpus.glob("*.txt")}
    citing = {stem for stem, text in read.items() if "法第19条第11号" in text}
    # stale citations of the provision item (2017–2023 numbering) are read by their words and moved too
    stale = {stem for stem, text in read.items() if "法第19条第9号" in text or "法第19条第10号" in text}
    reported = {
        Path(o["source"]).stem
        for o in report["ordinances"]
        if any(
            c["kind"] == "moved" and arabic_numbers(c["new_quote"]).endswith("法第19条第12号")
            for c in o["citations"]
        )
    }
    assert citing and reported == citing | stale
    drafted = {p.name.split(".")[0] for p in (tmp_path / "drafts").glob("*.amendment.txt")}
    assert reported <= drafted
    assert report["summary"]["affected"] >= len(reported)
    untouched = {p.stem for p in corpus.glob("*.txt")} - citing - stale
    assert not untouched & reported
    # bodies defining their terms by reference to the Act, without citing Article 19's items, are not reported
    by_reference = {stem for stem, text in read.items() if "用語の例による" in text}
    assert by_reference - citing - stale
    assert not (by_reference - citing - stale) & reported


def test_impact_errors(tmp_path: Path) -> None:
    r = CliRunner().invoke(
        main,
        ["impact", "番号法", "--from", "nosuch", "--to", "2026-01-01", str(EXCERPTS[0]), "-w", str(ROOT)],
    )
    assert r.exit_code == 1 and r.stderr == "Error: not a date, git revision or file: nosuch\n"
    r = CliRunner().invoke(
        main,
        ["impact", "番号法", "--from", "2016-13-01", "--to", "2026-01-01", str(EXCERPTS[0]), "-w", str(ROOT)],
    )
    assert r.exit_code == 2 and r.stderr == "Error: invalid date: 2016-13-01 (month must be in 1..12)\n"
    r = CliRunner().invoke(
        main,
        [
            "impact",
            "番号法",
            "--from",
            "2016-01-01",
            "--to",
            "2026-01-01",
            str(tmp_path / "x"),
            "-w",
            str(ROOT),
        ],
    )
    assert r.exit_code == 1 and "no such file or directory" in r.stderr


def test_html_and_csv_reports(tmp_path: Path) -> None:
    args = ["impact", "番号法", "--from", "2016-01-01", "--to", "2026-01-01", str(DATA / "ordinances")]
    out = tmp_path / "r.html"
    r = CliRunner().invoke(main, [*args, "--format", "html", "-o", str(out), "-w", str(ROOT)])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert "<h1>番号法の改正による条例への影響</h1>" in page
    assert (
        '<tr><th>影響を受ける条例</th><td class="num">17</td></tr>' in page
    )  # 11 excerpts + 6 published pages
    assert '<td class="new">法第2条第9項</td>' in page and "http" not in page
    r = CliRunner().invoke(main, [*args, "--format", "csv", "-w", str(ROOT)])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "source,title,provision,quote,kind,new_quote"
    assert any(line.endswith(",第1条,法第19条第9号,moved,法第19条第11号") for line in lines)
    assert r.stderr.splitlines()[-1] == (  # after the warning that 2016-01-01 falls in a gap of the history
        "17 of 22 ordinances affected; citations: 16 changed, 1 deleted, 29 moved, 16 rewritten, 33 unchanged, "
        "1 unverified"
    )


def test_drafted_amendment_is_municipal_style(tmp_path: Path) -> None:
    _impact(
        "--from",
        "2016-01-01",
        "--to",
        "2026-01-01",
        str(DATA / "ordinances" / "hagi_shi_yamaguchi.txt"),
        "--draft",
        str(tmp_path),
    )
    lines = (tmp_path / "hagi_shi_yamaguchi.amendment.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "　　　萩市個人番号の利用等に関する条例の一部を改正する条例"
    assert lines[2].startswith("　萩市個人番号の利用等に関する条例") and lines[2].endswith(
        "の一部を次のように改正する。"
    )
    assert lines[2] == "　萩市個人番号の利用等に関する条例（平成27年条例第34号）の一部を次のように改正する。"
    assert (
        "　第1条第3号中「法第2条第8項」を「法第2条第9項」に改め、同条第4号中「法第2条第9項」を「法第2条第10項」に改める。"
        in lines
    )


def test_an_ordinance_written_against_a_later_act_is_not_moved() -> None:
    """京都府 amended its scope article in 令和6年 (the page's note): its 「法第19条第8号」 already names the 2024
    item. Mapped from the 2015 text it would move to 第10号 — a wrong amendment; it is reported, not moved."""
    report = _impact(
        "--from", "2016-01-01", "--to", "2026-01-01", str(DATA / "ordinances" / "published" / "kyoto_fu.txt")
    )
    (ordinance,) = report["ordinances"]
    assert ordinance["written_against"] == {"act": "令和6年条例第34号", "year": 2024}
    cites = {c["quote"]: c for c in ordinance["citations"]}
    assert cites["法第19条第8号"]["kind"] == "unverified"
    assert cites["法第19条第8号"]["new_quote"] is None
    assert cites["法第19条第8号"]["reason"] == (
        "2024年の法に基づく条例（令和6年条例第34号）で、比較元の法（2015-09-09施行）より新しいため、"
        "引用はすでに現行のものである可能性があります"
    )
    assert not [c for c in ordinance["citations"] if c["kind"] == "moved"]


def test_a_citation_that_says_what_it_means_is_moved_whenever_it_was_written() -> None:
    """十日町市 (amended 平成29年) cites 「法第2条第8項に規定する特定個人情報」: the term says which provision it
    means, so it moves to 第9項 although the ordinance is later than the from-version."""
    report = _impact(
        "--from",
        "2016-01-01",
        "--to",
        "2026-01-01",
        str(DATA / "ordinances" / "published" / "tokamachi_shi_niigata.txt"),
    )
    (ordinance,) = report["ordinances"]
    assert ordinance["written_against"]["year"] == 2017
    cites = {(c["provision"], c["quote"]): c for c in ordinance["citations"]}
    assert cites[("第2条第2号", "法第2条第8項")]["new_quote"] == "法第2条第9項"
    assert cites[("第1条", "法第19条第10号")]["new_quote"] == "法第19条第11号"


def test_citations_of_the_abolished_linkage_table_are_rewritten_as_the_act_did(tmp_path: Path) -> None:
    """法別表第二 is gone (令和5年法律第48号); the Act names its 第二欄 affairs 「特定個人番号利用事務」 and its 第四欄
    information 「利用特定個人情報」 (第十九条第八号). 青森市 (kanji) gets its sentence rewritten in its own numerals;
    a 「同表」 that follows the Act's table is the Act's table; a 「同表」 after the ordinance's own 別表第2 is not."""
    _impact(
        "--from",
        "2016-01-01",
        "--to",
        "2026-01-01",
        str(DATA / "ordinances" / "aomori_shi.txt"),
        str(DATA / "ordinances" / "yawatahama_shi_ehime.txt"),
        "--draft",
        str(tmp_path),
    )
    aomori = (tmp_path / "aomori_shi.amendment.txt").read_text(encoding="utf-8").splitlines()
    assert (
        aomori[2]
        == "　青森市個人番号の利用に関する条例（平成二十七年条例第四十八号）の一部を次のように改正する。"
    )
    assert aomori[3] == (
        "　第三条第三項中「法別表第二の第二欄に掲げる事務」を「特定個人番号利用事務」に、「同表の第四欄に掲げる特定個人情報」を"
        "「利用特定個人情報」に、「当該特定個人情報」を「当該利用特定個人情報」に改める。"
    )
    new = (tmp_path / "aomori_shi.new.xml").read_text(encoding="utf-8")
    assert "市の機関は、特定個人番号利用事務を処理するために必要な限度で、利用特定個人情報であって" in new
    yawatahama = (tmp_path / "yawatahama_shi_ehime.amendment.txt").read_text(encoding="utf-8")
    assert (
        "　第4条第1項中「法別表第2の第4欄に掲げる特定個人情報」を「利用特定個人情報」に、「同表の第2欄に掲げる事務」を"
        "「特定個人番号利用事務」に改める。" in yawatahama
    )
    # the ordinance's own 「別表第2の第2欄に掲げる執行機関が…同表の第4欄に掲げる特定個人情報」 is left alone
    assert "別表第2の第2欄に掲げる執行機関が次項の規定により同表の第4欄に掲げる特定個人情報" in (
        tmp_path / "yawatahama_shi_ehime.new.xml"
    ).read_text(encoding="utf-8")


def test_a_citation_of_the_linkage_table_no_term_replaces_is_not_drafted(tmp_path: Path) -> None:
    ordinance = tmp_path / "o.txt"
    ordinance.write_text(
        "○某市個人番号の利用に関する条例\n平成27年12月1日条例第1号\n（趣旨）\n第1条 この条例は、行政手続における特定の個人を識別する"
        "ための番号の利用等に関する法律（平成25年法律第27号。以下「法」という。）に関し必要な事項を定めるものとする。\n"
        "第2条 市長は、法別表第2の第2欄に掲げる事務を処理するために必要な限度で、同表の第3欄に掲げる者から提供を受ける。\n",
        encoding="utf-8",
    )
    report = _impact(
        "--from", "2016-01-01", "--to", "2026-01-01", str(ordinance), "--draft", str(tmp_path / "d")
    )
    (o,) = report["ordinances"]
    assert [(c["quote"], c["kind"]) for c in o["citations"] if c["cited"] == "別表第二"] == [
        ("同表の第3欄に掲げる者か", "deleted")  # the twelve characters from 同表: where it is
    ]
    assert o["draft"] is None
