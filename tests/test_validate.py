from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.cli import main
from hosei.core.validate import validate_file

from conftest import GYOSEI_DIR, ISHO_DIR, MYNUMBER_2025, ROOT

BULK = sorted(ISHO_DIR.glob("*.xml")) + [
    ROOT / "tests/data/egov/laws/339AC0000000170_20250606_505AC0000000044.xml"
]


def test_published_files_are_strictly_valid() -> None:
    for path in [MYNUMBER_2025, *sorted(GYOSEI_DIR.glob("*.xml"))]:
        report = validate_file(path)
        assert report.ok, report.errors[:3]
        assert not report.warnings


@pytest.mark.parametrize("path", BULK, ids=lambda p: p.name)
def test_bulk_download_strict_fails_lenient_warns(path: Path) -> None:
    strict = validate_file(path)
    assert not strict.ok
    lenient = validate_file(path, lenient=True)
    assert lenient.ok, lenient.errors[:3]
    assert lenient.warnings
    texts = {w.text for w in lenient.warnings}
    assert "attribute Law@Status is not in the e-Gov schema" in texts
    assert all(w.line is not None and w.file == str(path) for w in lenient.warnings)


def test_lenient_reports_suppl_provision_attributes() -> None:
    path = ISHO_DIR / "334AC0000000125_20150801_000000000000000.xml"
    texts = {w.text for w in validate_file(path, lenient=True).warnings}
    assert "attribute SupplProvision@AmendLawId is not in the e-Gov schema" in texts


def test_lenient_still_rejects_structural_errors(tmp_path: Path) -> None:
    data = (ISHO_DIR / "334AC0000000125_20150801_000000000000000.xml").read_bytes()
    broken = data.replace(b"<LawNum>", b"<LawNumber>", 1).replace(b"</LawNum>", b"</LawNumber>", 1)
    path = tmp_path / "broken.xml"
    path.write_bytes(broken)
    report = validate_file(path, lenient=True)
    assert not report.ok
    assert "LawNumber" in report.errors[0].text


def test_cli_validate_workspace() -> None:
    result = CliRunner().invoke(main, ["validate", str(ROOT / "statutes"), str(ROOT / "appendix1")])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("179 of 179 files valid\n")


def test_cli_validate_strict_reports_file_and_line() -> None:
    path = ISHO_DIR / "334AC0000000125_20150801_000000000000000.xml"
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert (
        f"Error: Element 'Law', attribute 'ADYear': The attribute 'ADYear' is not allowed. ({path}:2)"
        in result.output
    )
    assert result.output.endswith("0 of 1 files valid\n")


def test_cli_validate_lenient_warns() -> None:
    path = ISHO_DIR / "334AC0000000125_20150801_000000000000000.xml"
    result = CliRunner().invoke(main, ["validate", "--lenient", str(path)])
    assert result.exit_code == 0
    assert f"Warning: attribute Law@ADYear is not in the e-Gov schema ({path}:2)" in result.output


def test_cli_validate_bad_row(tmp_path: Path) -> None:
    row = tmp_path / "r.xml"
    row.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<AppendixRow id="bad" law="425AC0000000027"><Label>一</Label><Body>x</Body></AppendixRow>\n'
    )
    result = CliRunner().invoke(main, ["validate", str(row)])
    assert result.exit_code == 1
    assert f"({row}:2)" in result.output


def test_cli_validate_missing_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.output == f"Error: no such file or directory ({tmp_path / 'nope'})\n"


def test_cli_validate_needs_paths() -> None:
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2
