"""The README stays true: its test command is what CI runs, and its examples work."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.cli import main

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    out = subprocess.run(
        ["awk", "/<!-- test-command -->/{found=1; next} found && /^python3 /{print; exit}", "README.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out.startswith("python3 -m venv --clear .venv")
    assert out.endswith(".venv/bin/python -m pytest")
    assert "awk '/<!-- test-command -->/" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_quick_start_main_job_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = re.search(r"```sh\n(python3 -m venv \.venv .*)\n```", README)
    assert first is not None
    hosei_part = first.group(1).split("&& .venv/bin/hosei ", 1)[1]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*shlex.split(hosei_part), "-w", str(ROOT)])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "draft.html").read_text(encoding="utf-8")
    assert "更別村" in page and "法第19条第11号" in page


def test_readme_examples_run() -> None:
    block = README.split("Examples:\n\n```sh\n", 1)[1].split("```", 1)[0]
    for line in block.strip().splitlines():
        command = line.split("#", 1)[0].strip()
        args = shlex.split(command)[1:]
        if args[0] == "validate":
            args = [args[0], *[str(ROOT / a) if not a.startswith("-") else a for a in args[1:]]]
            result = CliRunner().invoke(main, args)
        else:
            result = CliRunner().invoke(
                main,
                [*args, "-w", str(ROOT)]
                if args[0] != "appendix"
                else args[:2] + ["-w", str(ROOT), *args[2:]],
            )
        assert result.exit_code == 0, (command, result.output)
