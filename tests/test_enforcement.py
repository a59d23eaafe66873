"""`hosei amend --enforced DATE`: the sentences of a staged act in force on a date, by its 附則 (施行期日), on the
real text of 電気事業法 (令和七年六月六日 revision)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.amend.apply import amend
from hosei.amend.enforcement import date_of, schedule
from hosei.cli import main
from hosei.core.errors import HoseiError
from hosei.core.lawtext import render_provision
from hosei.core.model import Law

from conftest import ROOT

LAW = ROOT / "tests" / "data" / "egov" / "laws" / "339AC0000000170_20250606_505AC0000000044.xml"

# an act of two articles amending 電気事業法 at three dates, its 施行期日 in the form real acts use
ACT = """　　　電気事業法等の一部を改正する法律
（電気事業法の一部改正）
第一条　電気事業法（昭和三十九年法律第百七十号）の一部を次のように改正する。
　　第百十五条第一項中「五年以下」を「七年以下」に改める。
　　第百十六条中「三年以下」を「五年以下」に改める。
第二条　電気事業法の一部を次のように改正する。
　　第百十五条第二項中「二年以下」を「三年以下」に改める。
　　　附　則
（施行期日）
第一条　この法律は、令和八年四月一日から施行する。ただし、次の各号に掲げる規定は、当該各号に定める日から施行する。
一　第一条中電気事業法第百十五条の改正規定及び附則第三条の規定　公布の日
二　第二条の規定　令和九年四月一日
"""


def _article(law: Law, citation: str) -> str:
    return "\n".join(render_provision(law.find(citation)))


def _after(on: str, promulgated: dt.date | None = None) -> Law:
    doc, _ = amend(Law.from_file(LAW), ACT, enforced=dt.date.fromisoformat(on), promulgated=promulgated)
    return Law(doc)


def test_the_schedule_is_read_from_the_acts_supplementary_provisions() -> None:
    plan = schedule(ACT)
    assert plan is not None
    assert plan.main == "令和八年四月一日"
    assert plan.items == (
        ("第一条中電気事業法第百十五条の改正規定及び附則第三条の規定", "公布の日"),
        ("第二条の規定", "令和九年四月一日"),
    )


def test_dates_fixed_counted_and_left_to_a_cabinet_order() -> None:
    assert date_of("令和九年四月一日", None) == dt.date(2027, 4, 1)
    assert date_of("公布の日", dt.date(2025, 6, 13)) == dt.date(2025, 6, 13)
    assert date_of("公布の日から起算して三月を経過した日", dt.date(2025, 11, 30)) == dt.date(2026, 2, 28)
    assert date_of("公布の日から起算して二十日を経過した日", dt.date(2025, 6, 13)) == dt.date(2025, 7, 3)
    assert (
        date_of("公布の日から起算して一年を超えない範囲内において政令で定める日", dt.date(2025, 6, 13))
        is None
    )


def test_each_stage_applies_the_sentences_in_force() -> None:
    law = Law.from_file(LAW)
    stage1 = _after("2026-04-01")  # 第一条 whole (its 第百十五条 sentence since promulgation), not 第二条
    assert "七年以下の懲役" in _article(stage1, "第百十五条第一項")
    assert "五年以下の懲役" in _article(stage1, "第百十六条")
    assert _article(stage1, "第百十五条第二項") == _article(law, "第百十五条第二項")
    stage2 = _after("2027-04-01")
    assert "三年以下の懲役" in _article(stage2, "第百十五条第二項")
    early = _after("2026-01-10", promulgated=dt.date(2025, 12, 1))  # only what took effect on promulgation
    assert "七年以下の懲役" in _article(early, "第百十五条第一項")
    assert _article(early, "第百十六条") == _article(law, "第百十六条")


def test_what_the_act_does_not_fix_is_refused_by_name() -> None:
    with pytest.raises(
        HoseiError, match="「公布の日」, a date the act does not fix \\(give --promulgated\\)"
    ):
        _after("2026-01-10")
    cabinet = ACT.replace(
        "令和九年四月一日\n", "公布の日から起算して二年を超えない範囲内において政令で定める日\n"
    )
    with pytest.raises(HoseiError, match="政令で定める日」, a date the act does not fix"):
        amend(Law.from_file(LAW), cabinet, enforced=dt.date(2027, 1, 1))
    partial = ACT.replace(
        "第一条中電気事業法第百十五条の改正規定",
        "第一条中電気事業法第百十五条の改正規定（第一項に係る部分に限る。）",
    )
    with pytest.raises(HoseiError, match="a provision taken in part"):
        amend(Law.from_file(LAW), partial, enforced=dt.date(2026, 4, 1))
    with pytest.raises(HoseiError, match="no 附則 saying when it takes effect"):
        amend(Law.from_file(LAW), ACT.split("　　　附　則")[0], enforced=dt.date(2026, 4, 1))


def test_cli(tmp_path: Path) -> None:
    act = tmp_path / "act.txt"
    act.write_text(ACT, encoding="utf-8")
    r = CliRunner().invoke(
        main, ["amend", str(LAW), str(act), "--enforced", "2026-04-01", "--format", "text"]
    )
    assert r.exit_code == 0, r.output
    assert "七年以下の懲役" in r.output and "三年以下の懲役又は五十万円" not in r.output
    r = CliRunner().invoke(main, ["amend", str(LAW), str(act), "--enforced", "2026-01-10"])
    assert r.exit_code == 1
    assert r.output.startswith("Error: the sentence takes effect 「公布の日」") and f"({act}:4)" in r.output
    r = CliRunner().invoke(main, ["amend", str(LAW), str(act), "--enforced", "いつか"])
    assert r.exit_code == 2
