"""Knock-on references (ハネ漏れ) after an amendment, and `hosei check` on one version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from examples import load
from hosei.amend.knockon import check_law, knock_on
from hosei.cli import main
from hosei.core.errors import HoseiError
from hosei.core.model import Law
from hosei.text.parse import parse_text

from conftest import CORPUS, DATA, ROOT

MISSED = "同条第三項中「前項」を「第三項」に改め、同項を同条第五項とし"


def _old01() -> Law:
    return Law(parse_text(load("01").old_text).document)


def test_official_amendment_of_example_01_needs_no_knock_on_fix() -> None:
    assert knock_on(_old01(), load("01").amendment) == []


def test_a_missed_fix_is_flagged_with_exactly_that_sentence() -> None:
    official = load("01").amendment
    assert MISSED in official
    found = knock_on(_old01(), official.replace(MISSED, "同条第三項を同条第五項とし"))
    assert len(found) == 1
    k = found[0]
    assert k.clause == "同条第三項中「前項」を「第三項」に改め"
    assert k.sentence == "第三十八条第三項中「前項」を「第三項」に改める。"
    assert (k.paragraph_before, k.paragraph_after) == (3, 5)
    assert "now means 第三十八条第四項" in k.reason


def test_the_second_fix_of_example_01_too() -> None:
    amendment = load("01").amendment.replace(
        "同条第二項中「前項」を「第一項」に改め、同項を同条第三項とし", "同条第二項を同条第三項とし"
    )
    (k,) = knock_on(_old01(), amendment)
    assert k.sentence == "第三十八条第二項中「前項」を「第一項」に改める。"


def test_a_missed_fix_in_a_moved_article_example_07() -> None:
    """Example 07 moves 第五十七条 to 第六十条 and 第五十五条 to 第五十八条; without the official 「第五十七条中「第五十五条
    第一項」を「第五十八条第一項」に改め」 the reference would follow the old number."""
    ex = load("07")
    amendment = ex.amendment.replace(
        "　　第五十七条中「第五十五条第一項」を「第五十八条第一項」に改め、同条を第六十条とし、",
        "　　第五十七条を第六十条とし、",
    )
    assert amendment != ex.amendment
    (k,) = knock_on(ex.old_law(), amendment)
    assert k.sentence == "第五十七条中「第五十五条第一項」を「第五十八条第一項」に改める。"
    assert (k.article, k.article_after) == ("第五十七条", "第六十条")


def test_other_examples_are_clean() -> None:
    for name in ("02", "03", "07"):
        ex = load(name)
        assert knock_on(Law(parse_text(ex.old_text).document), ex.amendment) == [], name


def test_no_false_alarm_on_any_bundled_law() -> None:
    """Chains (第七条第一項及び第二項), other laws (厚生年金保険法（…）第二十九条第三項), 読み替え quotes and tables
    are read as drafters mean them: the real texts have no dangling paragraph reference."""
    files = sorted(p for p in (DATA / "egov").rglob("*.xml") if CORPUS not in p.parents)
    assert len(files) >= 20
    for path in files:
        assert check_law(Law.from_file(path)) == [], path.name


def test_dangling_reference_and_numbering_gap() -> None:
    law = Law(
        parse_text(
            "第一条　甲は、乙とする。\n２　第三項の規定は、適用しない。\n第三条　丙とする。\n"
        ).document
    )
    problems = [(p.where, p.kind, p.message) for p in check_law(law)]
    assert ("第一条第二項", "dangling", "「第三項」 refers to 第一条第三項, which does not exist") in problems
    assert ("第三条", "numbering", "article numbers skip from 第一条 to 第三条") in problems


def test_cli_check(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_text(load("01").old_text, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(load("01").amendment.replace(MISSED, "同条第三項を同条第五項とし"), encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(load("01").amendment, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(old), "--amendment", str(bad)])
    assert r.exit_code == 1
    assert "proposed: 第三十八条第三項中「前項」を「第三項」に改める。" in r.stdout
    r = CliRunner().invoke(main, ["check", str(old), "--amendment", str(bad), "--format", "json"])
    data = json.loads(r.stdout)
    assert [k["clause"] for k in data["knock_on"]] == ["同条第三項中「前項」を「第三項」に改め"]
    r = CliRunner().invoke(main, ["check", str(old), "--amendment", str(good)])
    # the excerpt jumps from 第二十二条 to 第三十八条: that is the only finding, and no knock-on
    assert r.exit_code == 1 and "0 knock-on reference(s), 1 other problem(s)" in r.stderr
    r = CliRunner().invoke(main, ["check", "番号法@2026-01-01", "-w", str(ROOT)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["check", str(old), "--amendment", str(tmp_path / "nope.txt")])
    assert r.exit_code == 1 and r.stderr == f"Error: no such file ({tmp_path / 'nope.txt'})\n"


def test_other_laws_citing_moved_provisions(tmp_path: Path) -> None:
    """Example 07 moves 第五十五条 to 第五十八条 and 第六十一条 to 第六十四条: a law citing them (with the Act's number
    in parentheses or without) is reported with the sentence for its own amendment; 第四十一条 (not moved) is not."""
    ex = load("07")
    base = tmp_path / "base.xml"
    base.write_bytes(parse_text("借地借家法\n（平成三年法律第九十号）\n" + ex.old_text).document.to_bytes())
    others = tmp_path / "others"
    others.mkdir()
    (others / "chotei.xml").write_bytes(
        parse_text(
            "民事調停法\n第一条　この法律は、民事に関する紛争の解決を図ることを目的とする。\n"
            "第二条　借地借家法（平成三年法律第九十号）第五十五条第一項の裁判については、前条の規定を準用する。\n"
            "２　借地借家法第四十一条の事件及び借地借家法第六十一条の規定の適用については、なお従前の例による。\n"
        ).document.to_bytes()
    )
    amendment = tmp_path / "amendment.txt"
    amendment.write_text(ex.amendment, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["check", str(base), "--amendment", str(amendment), "--other-laws", str(others), "--format", "json"],
    )
    assert result.exit_code == 1
    refs = json.loads(result.stdout)["other_laws"]
    assert [(r["where"], r["quote"], r["now"]) for r in refs] == [
        ("第二条第一項", "第五十五条第一項", "第五十八条第一項"),
        ("第二条第二項", "第六十一条", "第六十四条"),
    ]
    assert refs[0]["sentence"] == "第二条第一項中「第五十五条第一項」を「第五十八条第一項」に改める。"
    result = CliRunner().invoke(main, ["check", str(base), "--other-laws", str(others)])
    assert result.exit_code == 2
    assert "--other-laws needs --amendment" in result.output


def test_each_fix_says_where_it_goes_and_the_amendment_with_it_there_checks_clean() -> None:
    """Without the official 「同条第三項中「前項」を「第三項」に改め」, the fix (numbered as before the amendment) goes
    before the sentence that moves 第三十八条's paragraphs — appended at the end it would change the wrong paragraph —
    and the amendment with it there checks clean and gives the official result."""
    from hosei.amend.apply import amend
    from hosei.amend.placement import with_fixes
    from hosei.text.comparable import comparable

    official = load("01").amendment
    missed = official.replace(MISSED, "同条第三項を同条第五項とし")
    (k,) = knock_on(_old01(), missed)
    lines = missed.split("\n")
    assert k.before_line is not None and lines[k.before_line - 1].strip().startswith(
        "第三十八条中第七項を第九項とし"
    )
    fixed = with_fixes(missed, [(k.article, k.sentence)])
    assert fixed.split("\n")[k.before_line - 1] == "　　第三十八条第三項中「前項」を「第三項」に改める。"
    assert knock_on(_old01(), fixed) == []
    want, _ = amend(_old01(), official)
    got, _ = amend(_old01(), fixed)
    assert comparable(got.root) == comparable(want.root)
    appended = missed.rstrip("\n") + "\n　　" + k.sentence + "\n"
    with pytest.raises(
        HoseiError, match="「前項」 not found"
    ):  # at the end, 第三項 is another paragraph already
        knock_on(_old01(), appended)


def test_a_citation_the_amendment_rewrites_is_not_a_finding() -> None:
    """「第二条第一項から第二項まで」 rewritten to 「…第三項まで」 while 第二条 gets its 第三項: the drafter's change."""
    old = Law(
        parse_text(
            "試験法\n第一条　第二条第一項から第二項までの規定により届け出る。\n第二条　甲\n２　乙\n"
        ).document
    )
    amendment = (
        "　　第一条中「第二条第一項から第二項まで」を「第二条第一項から第三項まで」に改める。\n"
        "　　第二条に次の一項を加える。\n"
        "３　丙\n"
    )
    assert knock_on(old, amendment) == []


def test_cli_writes_the_amendment_with_its_fixes(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_text(load("01").old_text, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(load("01").amendment.replace(MISSED, "同条第三項を同条第五項とし"), encoding="utf-8")
    fixed = tmp_path / "fixed.txt"
    r = CliRunner().invoke(main, ["check", str(old), "--amendment", str(bad), "--write-fixed", str(fixed)])
    assert r.exit_code == 1
    assert "goes before line" in r.output
    r = CliRunner().invoke(main, ["check", str(old), "--amendment", str(fixed)])
    assert "0 knock-on reference(s)" in r.stderr
