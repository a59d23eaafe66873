"""Bad input on every command: one line `Error: <what> (<file>:<line>)`, exit 1 (usage errors 2), nothing written —
binary, empty and legacy-encoded files, unwritable or missing places, impossible numbers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.cli import main

from conftest import DENKI, ROOT


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "random.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_text("hello\n", encoding="utf-8")
    (tmp_path / "sjis.txt").write_bytes(
        "　　第百十五条第一項中「五年以下」を「七年以下」に改める。\n".encode("cp932")
    )
    (tmp_path / "roster.csv").write_bytes(
        (ROOT / "templates" / "roster" / "local_governments.csv")
        .read_text(encoding="utf-8-sig")
        .encode("cp932")
    )
    return tmp_path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("import", "text", "random.bin"), "Error: not a text or HTML file (binary data) (random.bin)\n"),
        (("import", "html", "random.bin"), "Error: not a text or HTML file (binary data) (random.bin)\n"),
        (("import", "text", "empty.txt"), "Error: empty file: there is no text to read (empty.txt)\n"),
    ],
)
def test_binary_and_empty_files(
    files: Path, args: tuple[str, ...], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(files)
    code, out, err = _run(*args)
    assert (code, out, err) == (1, "", message)


def test_a_file_with_no_law_in_it_is_not_a_law(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(files)
    code, out, err = _run("import", "text", "junk.txt")
    assert code == 1 and out == ""
    assert err.endswith("Error: no article or paragraph found: not the text of a law (junk.txt)\n")


def test_shift_jis_is_read_and_said(files: Path) -> None:
    code, out, err = _run("amend", str(DENKI), str(files / "sjis.txt"), "--format", "text")
    assert code == 0, err
    assert err == f"Warning: {files / 'sjis.txt'} read as Shift_JIS (CP932), not UTF-8\n"
    assert "七年以下の懲役" in out
    code, out, err = _run(
        "draft", "--roster", str(files / "roster.csv"), "--out", str(files / "drafts"), "-w", str(ROOT)
    )
    assert code == 0, err
    assert len(list((files / "drafts").glob("*.xml"))) > 1700


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("draft", "更別村", "-o", "/nonexistent/dir/x.txt"), "Error: no such folder (/nonexistent/dir)\n"),
        (("synth", "ordinances", "/nonexistent/out"), "Error: no such folder (/nonexistent)\n"),
    ],
)
def test_places_that_cannot_be_written(args: tuple[str, ...], message: str) -> None:
    code, out, err = _run(*args, "-w", str(ROOT))
    assert (code, out, err) == (1, "", message)
    assert not Path("/nonexistent").exists()


def test_an_output_that_is_a_folder_is_a_usage_error() -> None:
    code, out, err = _run("draft", "更別村", "-o", ".", "-w", str(ROOT))
    assert code == 2 and out == "" and "is a directory" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    code, _, err = _run("draft", "更別村", "-o", str(ro / "x.txt"), "-w", str(ROOT))
    assert code == 1 and err == f"Error: cannot write here: permission denied ({ro / 'x.txt'})\n"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("synth", "ordinances", "s", "--count", "-5"), "--count"),
        (("divergence", "tests/data/ordinances", "--jobs", "-3"), "--jobs"),
        (("divergence", "tests/data/ordinances", "--threshold", "5"), "--threshold"),
        (("diff", str(DENKI), str(DENKI), "--context", "-5"), "--context"),
        (("precedent", "住民票", "--limit", "-1"), "--limit"),
        (("draft", "--all", "--out", "x", "--jobs", "0"), "--jobs"),
    ],
)
def test_impossible_numbers_are_usage_errors(args: tuple[str, ...], option: str) -> None:
    code, out, err = _run(*args, "-w", str(ROOT))
    assert code == 2 and out == ""
    assert f"Error: Invalid value for '{option}'" in err


def test_an_empty_query_and_a_provision_that_never_existed() -> None:
    code, _, err = _run("precedent", "", "-w", str(ROOT))
    assert code == 2 and "an empty text matches nothing" in err
    code, out, err = _run("log", "番号法", "第九百条", "-w", str(ROOT))
    assert (code, out) == (1, "")
    assert err == "Error: no such provision in any recorded revision of 425AC0000000027: 第九百条\n"


# --- outputs: the extension decides, a mismatch is an error ------------------------------------------------------


def test_the_output_extension_decides_the_format(tmp_path: Path) -> None:
    docx = tmp_path / "guess.docx"
    code, _, err = _run("draft", "更別村", "-o", str(docx), "-w", str(ROOT))
    assert code == 0, err
    assert docx.read_bytes()[:2] == b"PK"  # a Word file, not UTF-8 text
    html = tmp_path / "d.html"
    assert _run("draft", "更別村", "-o", str(html), "-w", str(ROOT))[0] == 0
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    code, _, err = _run(
        "draft", "更別村", "-o", str(tmp_path / "g.docx"), "--format", "text", "-w", str(ROOT)
    )
    assert code == 2 and "is a .docx file name but --format says text" in err
    assert not (tmp_path / "g.docx").exists()
    table = tmp_path / "t.json"
    code, _, _ = _run("diff", str(DENKI), str(DENKI), "-o", str(table))
    assert code == 0 and table.read_text(encoding="utf-8").strip() == "[]"


def test_several_names_into_a_folder_and_amend_from_xml(tmp_path: Path) -> None:
    code, out, err = _run("draft", "更別村", "千代田区", "--out", str(tmp_path / "two"), "-w", str(ROOT))
    assert code == 0 and out == "", err
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == ["016390.txt", "131016.txt"]
    code, _, err = _run("draft", "更別村", "--amend-from", "x.xml", "--format", "xml", "-w", str(ROOT))
    assert code == 2 and "--amend-from writes the amending ordinance as text, html or docx" in err


# --- interruptions --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_during_a_batch_leaves_whole_drafts_and_says_how_many(tmp_path: Path, jobs: str) -> None:
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "drafts"
    proc = subprocess.Popen(
        [sys.executable, "-m", "hosei", "draft", "--all", "--out", str(out), "--jobs", jobs, "-w", str(ROOT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.xml"))) < 50:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    text = err.decode()
    assert proc.returncode == 130, text
    assert "Error: interrupted: " in text and "drafts written in this run" in text
    assert not list(out.glob(".*.tmp"))
    from hosei.core.xmlio import parse_file

    for draft in out.glob("*.xml"):
        parse_file(draft)  # every draft left is whole


def test_names_formats_and_quiet_validation(tmp_path: Path) -> None:
    code, _, err = _run("check", "番号法", "-w", str(ROOT))  # the name `show` accepts
    assert code == 0, err
    code, out, err = _run("validate", "--lenient", "--quiet", str(DENKI))
    assert code == 0 and err == "" and out.startswith("1 of 1 files valid (")
    code, out, _ = _run("validate", "--lenient", "--format", "json", str(DENKI))
    import json

    (report,) = json.loads(out)
    assert report["valid"] is True and report["errors"] == [] and report["warnings"]
    isho = sorted((ROOT / "tests" / "data" / "egov" / "laws" / "334AC0000000125").glob("*.xml"))
    code, _, err = _run("diff", str(isho[-2]), str(isho[-1]), "--format", "kaimebun", "--style", "municipal")
    assert code == 2 and "昭和三十四年法律第百二十五号 is a national 法律: use the national style" in err


@pytest.mark.parametrize(
    "args",
    [
        ["show", "番号法", "--as-of", "2016-13-01"],
        ["appendix", "list", "--as-of", "2016-13-01"],
        ["appendix", "diff", "2016-13-01", "2025-10-01"],
        ["diff", "番号法@2016-13-01", "番号法@2025-10-01"],
        ["draft", "更別村", "--as-of", "2016-13-01"],
        ["draft", "更別村", "--enforce", "2016-13-01"],
        [
            "impact",
            "番号法",
            "--from",
            "2016-13-01",
            "--to",
            "2025-10-01",
            "tests/data/ordinances/aomori_shi.txt",
        ],
        ["divergence", "tests/data/ordinances/aomori_shi.txt", "--as-of", "2016-13-01"],
        ["fetch", "番号法", "--as-of", "2016-13-01"],
        ["amend", "番号法", "tests/data/drafting/01.txt", "--enforced", "2016-13-01"],
        ["synth", "ordinances", "unused", "--as-of", "2016-13-01"],
        ["appendix", "propose", "--from", "unused.json", "-o", "unused", "--enforce", "2016-13-01"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_date_that_cannot_be_read_is_a_usage_error_in_every_command(args: list[str]) -> None:
    """One convention: a bad date on the command line is exit 2 and one line, whatever the command (the diff-like
    commands could not use 1: it means "the versions differ")."""
    r = CliRunner().invoke(main, [*args, "-w", str(ROOT)])
    assert (r.exit_code, r.stderr) == (2, "Error: invalid date: 2016-13-01 (month must be in 1..12)\n")
