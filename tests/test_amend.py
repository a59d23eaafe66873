"""Applying the official amendment sentences of real amendments reproduces the new texts exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from examples import load
from hosei.amend import amend
from hosei.cli import main
from hosei.errors import HoseiError
from hosei.model import Law
from hosei.textparse import comparable


@pytest.mark.parametrize("name", ["01", "02", "03"])
def test_official_amendments_reproduce_the_new_text(name: str) -> None:
    ex = load(name)
    doc, _ = amend(ex.old_law(), ex.amendment)
    assert comparable(doc.root) == comparable(ex.new_law().root)


def test_toc_wording_is_amended_too() -> None:
    ex = load("02")
    doc, _ = amend(ex.old_law(), ex.amendment)
    toc = "".join(Law(doc).root.find("LawBody/TOC").itertext())
    assert "（第四十一条―第六十一条）" in toc


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_amend(tmp_path: Path) -> None:
    ex = load("01")
    base = _write(tmp_path, "old.txt", ex.old_text)
    amendment = _write(tmp_path, "amendment.txt", ex.amendment)
    out = tmp_path / "new.xml"
    result = CliRunner().invoke(main, ["amend", str(base), str(amendment), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert comparable(Law.from_file(out).root) == comparable(ex.new_law().root)


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        ("第三十八条第十一項中「前項」を「第三項」に改める。", "no paragraph 11 in that article"),
        (
            "第三十八条第二項中「存在しない語句」を「語句」に改める。",
            "「存在しない語句」 not found in the provision",
        ),
        ("第三十八条第二項中「前項」を「第三項に改める。", "unbalanced 「」"),
        ("第九十九条第一項中「前項」を「第三項」に改める。", "no such provision: 第九十九条"),
    ],
)
def test_bad_amendments_name_the_sentence(tmp_path: Path, sentence: str, message: str) -> None:
    ex = load("01")
    base = _write(tmp_path, "old.txt", ex.old_text)
    amendment = _write(
        tmp_path,
        "a.txt",
        "借地借家法（平成三年法律第九十号）の一部を次のように改正する。\n　" + sentence + "\n",
    )
    out = tmp_path / "new.xml"
    result = CliRunner().invoke(main, ["amend", str(base), str(amendment), "-o", str(out)])
    assert result.exit_code == 1
    assert message in result.stderr and f"({amendment}:2)" in result.stderr
    assert not out.exists()


def test_amendment_for_another_law() -> None:
    ex = load("01")
    law = ex.old_law()
    law.root.find("LawBody/LawTitle").text = "借地借家法"
    with pytest.raises(HoseiError, match="the amendment is for another law"):
        amend(
            law,
            "戸籍法（昭和二十二年法律第二百二十四号）の一部を次のように改正する。\n　第一条中「甲」を「乙」に改める。\n",
        )
