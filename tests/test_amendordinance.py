"""Amending ordinances (一部改正条例) drafted with `hosei draft --amend-from` and applied back with `hosei amend`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.cli import main
from hosei.core.model import Law
from hosei.text.comparable import comparable

from conftest import ROOT


@pytest.fixture(autouse=True)
def _allow_gaps(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the bundled My Number Act at dates between its 2015 and 2025 texts, which the 2025 text
    shows may be stale (see tests/test_gaps.py): they go on as `--allow-gaps` does, with a warning."""
    monkeypatch.setenv("HOSEI_ALLOW_GAPS", "1")


#: the affairs of the head only: adding the board's 就学援助 (default since it has 第5条's provision to the board)
DEFAULT = "child-medical,single-parent-medical,disability-medical,foreign-public-assistance,municipal-housing,ryoiku-techo"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "-w", str(ROOT)])
    return result.exit_code, result.stdout, result.stderr


def _draft(path: Path, *args: str) -> None:
    code, _, err = run("draft", "更別村", "--format", "xml", "-o", str(path), *args)
    assert code == 0, err


def test_adding_one_affair_to_sarabetsu_applies_back(tmp_path: Path) -> None:
    old, new = tmp_path / "old.xml", tmp_path / "new.xml"
    _draft(old, "--affairs", DEFAULT)
    _draft(new, "--affairs", DEFAULT + ",school-aid")
    code, text, err = run(
        "draft", "更別村", "--affairs", DEFAULT + ",school-aid", "--amend-from", str(old), "--format", "text"
    )
    assert code == 0, err
    lines = text.splitlines()
    assert lines[0].startswith("　　　更別村") and lines[0].endswith("条例の一部を改正する条例")
    assert lines[2].endswith("（令和8年更別村条例第○号）の一部を次のように改正する。")
    assert "　別表第1を次のように改める。" in lines
    assert any("| 教育委員会 | 経済的理由によって就学困難と認められる" in line for line in lines)
    assert "　別表第2の次に次の1表を加える。" in lines  # 第5条's table, new with the board's affair
    assert lines[-2:] == ["　　　附　則", "　この条例は、公布の日から施行する。"]
    amendment = tmp_path / "amendment.txt"
    amendment.write_text(text, encoding="utf-8")
    out = tmp_path / "applied.xml"
    result = CliRunner().invoke(main, ["amend", str(old), str(amendment), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert comparable(Law.from_file(out).root) == comparable(Law.from_file(new).root)


def test_following_the_act_when_it_renumbers(tmp_path: Path) -> None:
    old = tmp_path / "old.xml"
    _draft(old, "--as-of", "2016-01-01")
    code, text, err = run(
        "draft", "更別村", "--amend-from", str(old), "--format", "text", "--enforce", "2027-04-01"
    )
    assert code == 0, err
    assert "　第1条中「第19条第9号」を「第19条第11号」に改める。" in text.splitlines()
    assert "　第5条第1項中「第19条第9号」を「第19条第11号」に改める。" in text.splitlines()
    assert text.endswith("　この条例は、令和9年4月1日から施行する。\n")


def test_comparison_table_and_errors(tmp_path: Path) -> None:
    old = tmp_path / "old.xml"
    _draft(old, "--affairs", DEFAULT)
    out = tmp_path / "t.html"
    code, _, err = run(
        "draft",
        "更別村",
        "--affairs",
        DEFAULT + ",school-aid",
        "--amend-from",
        str(old),
        "--format",
        "html",
        "-o",
        str(out),
    )
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert "（新設）" in page and "就学困難" in page
    same = tmp_path / "same.xml"
    _draft(same)
    code, _, err = run("draft", "更別村", "--amend-from", str(same), "--format", "text")
    assert (
        code == 1
        and err == "Error: the ordinance in force already reads as the new draft: nothing to amend\n"
    )
    code, _, err = run("draft", "北海道", "--amend-from", str(old), "--format", "text")
    assert code == 1 and err.startswith("Error: ") and "is not an ordinance of 北海道" in err
