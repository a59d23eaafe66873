"""CliRunner tests: exact exit codes and messages for the foundation commands."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.cli import main
from hosei.core.xmlio import c14n_equal, parse_bytes, parse_file

from conftest import ALL_EGOV_XML, MYNUMBER_2025, ROOT


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_show_same_paragraph_by_abbreviation_and_id() -> None:
    code1, out1, _ = run("show", "番号法", "第九条第二項", "-w", str(ROOT))
    code2, out2, _ = run("show", "425AC0000000027", "第9条第2項", "-w", str(ROOT))
    assert code1 == code2 == 0
    assert out1 == out2
    assert out1.startswith("２　地方公共団体の長その他の執行機関は、")
    assert "条例で定めるもの" in out1


def test_show_by_title_and_other_abbreviations() -> None:
    for name in (
        "マイナンバー法",
        "個人番号法",
        "行政手続における特定の個人を識別するための番号の利用等に関する法律",
    ):
        code, out, _ = run("show", name, "第十九条第十一号", "-w", str(ROOT))
        assert code == 0
        assert out.startswith("十一　地方公共団体の機関が、条例で定めるところにより")


def test_show_article_text_layout() -> None:
    code, out, _ = run("show", "番号法", "第九条", "-w", str(ROOT))
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "（利用範囲）"
    assert lines[1].startswith("第九条　別表の各項の上欄に掲げる")
    assert lines[2].startswith("２　地方公共団体の長")
    assert lines[3].startswith("３　")


def test_show_whole_law_text() -> None:
    code, out, _ = run("show", "番号法", "-w", str(ROOT))
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "行政手続における特定の個人を識別するための番号の利用等に関する法律"
    assert lines[1] == "（平成二十五年法律第二十七号）"
    assert "　　　第一章　総則" in lines
    assert (
        "| 百十五　独立行政法人日本学生支援機構 | 独立行政法人日本学生支援機構法（平成十五年法律第九十四号）による学資の貸与及び支給に関する事務であって主務省令で定めるもの |"
        in lines
    )


def test_show_json() -> None:
    code, out, _ = run("show", "番号法", "第十九条", "--format", "json", "-w", str(ROOT))
    data = json.loads(out)
    assert code == 0
    assert data["law_id"] == "425AC0000000027"
    assert data["promulgated"] == "2013-05-31"
    prov = data["provision"]
    assert prov["citation"] == "第十九条"
    assert [c["citation"] for c in prov["children"]][10] == "第十九条第十一号"


def test_show_workspace_law_xml_is_the_published_act() -> None:
    code, out, _ = run("show", "番号法", "--format", "xml", "-w", str(ROOT))
    result = CliRunner().invoke(main, ["show", "番号法", "--format", "xml", "-w", str(ROOT)])
    assert code == 0
    assert c14n_equal(parse_bytes(result.stdout_bytes), parse_file(MYNUMBER_2025))


@pytest.mark.parametrize("path", ALL_EGOV_XML, ids=lambda p: p.name)
def test_show_file_xml_is_c14n_equal(path: Path) -> None:
    result = CliRunner().invoke(main, ["show", str(path), "--format", "xml"])
    assert result.exit_code == 0
    assert c14n_equal(parse_bytes(result.stdout_bytes), parse_file(path))
    assert result.stdout_bytes == path.read_bytes()


def test_show_errors() -> None:
    code, out, err = run("show", "番号法", "第九十九条", "-w", str(ROOT))
    assert code == 1
    assert err == f"Error: no such provision: 第九十九条 ({ROOT / 'statutes' / '425AC0000000027.xml'})\n"
    code, _, err = run("show", "番号法", "第零条", "-w", str(ROOT))
    assert code == 1
    assert err == "Error: invalid number: 零 (numbering starts at 1)\n"
    code, _, err = run("show", "不明法", "-w", str(ROOT))
    assert code == 1
    assert err.startswith("Error: unknown law: 不明法 (laws in this workspace: 425AC0000000027 番号法)")
    code, _, err = run("show", "missing/law.xml")
    assert code == 1
    assert err == "Error: no such file (missing/law.xml)\n"
    code, _, err = run("show", "番号法", "--format", "pdf", "-w", str(ROOT))
    assert code == 2


def test_show_malformed_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text('<?xml version="1.0"?>\n<Law>\n<LawNum>x</LawNum>\n</Lw>\n', encoding="utf-8")
    code, _, err = run("show", str(bad))
    assert code == 1
    assert err.startswith("Error: malformed XML: Opening and ending tag mismatch: Law line 2 and Lw")
    assert err.endswith(f"({bad}:4)\n")


def test_show_non_law_document(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<Other/>", encoding="utf-8")
    code, _, err = run("show", str(other))
    assert code == 1
    assert err == f"Error: not an e-Gov law document (root element <Other>) ({other}:1)\n"


def test_appendix_list_json() -> None:
    code, out, _ = run("appendix", "list", "--format", "json", "-w", str(ROOT))
    rows = json.loads(out)
    assert code == 0
    assert len(rows) == 177
    assert all({"id", "label", "body", "affair"} <= set(r) for r in rows)
    jasso = [r for r in rows if r["label"] == "百十五"]
    assert len(jasso) == 1 and "学資の貸与" in jasso[0]["affair"]


def test_appendix_list_csv_and_table() -> None:
    code, out, _ = run("appendix", "list", "--format", "csv", "-w", str(ROOT))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 177 and rows[2]["label"] == "二の二"
    code, out, _ = run("appendix", "list", "-w", str(ROOT))
    assert code == 0
    assert out.splitlines()[-1] == "177 rows"


def test_appendix_show() -> None:
    code, out, _ = run("appendix", "show", "百十五", "-w", str(ROOT))
    assert code == 0
    assert "主体: 独立行政法人日本学生支援機構" in out
    code, out, _ = run("appendix", "show", "115", "--format", "json", "-w", str(ROOT))
    assert json.loads(out)["label"] == "百十五"
    code, _, err = run("appendix", "show", "千", "-w", str(ROOT))
    assert code == 1 and err == "Error: no appendix row labelled 千\n"


def test_workspace_option_errors(tmp_path: Path) -> None:
    code, _, err = run("appendix", "list", "-w", str(tmp_path))
    assert code == 1
    assert err == f"Error: not a hosei workspace (no statutes/ folder) ({tmp_path})\n"


def test_workspace_found_from_subdirectory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "tests")
    monkeypatch.delenv("HOSEI_WORKSPACE", raising=False)
    code, out, _ = run("show", "番号法", "第九条第二項")
    assert code == 0 and "条例で定めるもの" in out


def test_every_command_has_help_with_example() -> None:
    for args in (["validate"], ["show"], ["appendix", "list"], ["appendix", "show"]):
        code, out, _ = run(*args, "--help")
        assert code == 0
        assert "Example" in out and "hosei " in out


def test_help_starts_without_heavy_imports() -> None:
    code = "import sys, hosei.cli; print(sorted(m for m in ('lxml', 'git', 'jinja2') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_prepared_help_is_what_click_prints() -> None:
    """`hosei --help` is printed from cli/main-help.txt without importing Click: it must stay what Click prints
    (regenerate: COLUMNS=80 python -c "import sys; sys.argv[0]='hosei'; from hosei.cli import main; main()" --help
    > tool/hosei/cli/main-help.txt)."""
    import os

    from hosei.entry import HELP_FILE

    env = {**os.environ, "COLUMNS": "80"}
    click_help = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv[0]='hosei'; from hosei.cli import main; main()", "--help"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout  # fmt: skip
    prepared = Path(HELP_FILE).read_text(encoding="utf-8")
    assert click_help == prepared
    fast = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hosei", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert fast.stdout == prepared
    assert "click" not in fast.stderr  # nothing of Click was imported
    # a narrow terminal gets Click's own layout
    narrow = subprocess.run(
        [sys.executable, "-m", "hosei", "--help"],
        capture_output=True,
        text=True,
        env={**env, "COLUMNS": "60"},
        check=True,
    )
    assert narrow.stdout.startswith("Usage: ") and narrow.stdout != prepared


def test_every_command_is_found_in_the_module_the_lazy_table_names() -> None:
    import importlib

    from hosei.cli.base import COMMAND_MODULES

    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"hosei.cli.{module}")
    where = {
        name: cmd.callback.__module__.rsplit(".", 1)[-1]
        for name, cmd in main.commands.items()
        if cmd.callback
    }
    assert where == COMMAND_MODULES
