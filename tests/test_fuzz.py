"""Random bytes and random text fed to every command that reads a file: never a traceback — a clean result, an
`Error:` line (exit 1) or a usage error (exit 2)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hosei.cli import main

from conftest import DENKI, ROOT

pytestmark = pytest.mark.slow

#: each command with {f} for the file of random content (and the same file where a second is needed)
COMMANDS = [
    ("import", "text", "{f}"),
    ("import", "html", "{f}"),
    ("show", "{f}"),
    ("validate", "{f}"),
    ("check", "{f}"),
    ("diff", "{f}", str(DENKI)),
    ("amend", str(DENKI), "{f}"),
    ("amend", "{f}", "--explain"),
    ("check", str(DENKI), "--amendment", "{f}"),
    ("draft", "--roster", "{f}", "--out", "{d}"),
    ("impact", "番号法", "--from", "2025-10-01", "--to", "2025-10-01", "{f}"),
    ("divergence", "{f}"),
    ("corpus", "check", "{f}"),
]

_JAPANESE = st.text(
    alphabet=st.sampled_from(
        list("第一二三条項号「」中をにと改める加える削る。、　\n（）別表附則法律令和年月日 |ab<>&1０")
    ),
    max_size=300,
)


def _run(args: tuple[str, ...], data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        argv = [a.format(f=path, d=Path(tmp) / "out") for a in args] + ["-w", str(ROOT)]
        result = CliRunner().invoke(main, argv)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(
                f"{argv}: {type(result.exception).__name__}: {result.exception}"
            ) from result.exception
        assert result.exit_code in (0, 1, 2), (argv, result.exit_code, result.output[-300:])
        if result.exit_code == 1 and args[0] not in ("diff", "check", "corpus", "divergence", "impact"):
            assert "Error: " in result.stderr, (argv, result.output[-300:])


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".xml", ".json", ".csv"]))
def test_random_bytes(args: tuple[str, ...], data: bytes, suffix: str) -> None:
    _run(args, data, suffix)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_JAPANESE, suffix=st.sampled_from([".txt", ".xml", ".json", ".csv"]))
def test_random_text(args: tuple[str, ...], text: str, suffix: str) -> None:
    _run(args, text.encode("utf-8"), suffix)
