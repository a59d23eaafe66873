from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hosei.core.appendix import (
    basis_laws,
    classify_field,
    find_row,
    load_appendix,
    split_law,
    write_appendix,
)
from hosei.core.errors import HoseiError
from hosei.core.numerals import parse_branch
from hosei.core.validate import validate_document, validate_file
from hosei.core.xmlio import c14n_equal, parse_file
from hosei.history.workspace import Workspace

from conftest import MYNUMBER_2025, ROOT


def test_bundled_rows(workspace: Workspace) -> None:
    _, rows = workspace.load_appendix()
    assert len(rows) == 177
    labels = [r.label for r in rows]
    assert labels[0] == "一" and labels[-1] == "百三十六"
    main = [r for r in rows if len(parse_branch(r.label)) == 1]
    branches = [r for r in rows if len(parse_branch(r.label)) > 1]
    assert len(main) == 136 and len(branches) == 41
    assert [parse_branch(r.label)[0] for r in main] == list(range(1, 137))
    assert "二の二" in labels
    jasso = find_row(rows, "百十五")
    assert "学資の貸与" in jasso.affair
    assert jasso.body == "独立行政法人日本学生支援機構"
    assert jasso.basis_laws == ["独立行政法人日本学生支援機構法"]
    assert jasso.field == "社会保障"
    assert find_row(rows, "115") is jasso and find_row(rows, jasso.id) is jasso


def test_ids_do_not_depend_on_labels(workspace: Workspace) -> None:
    _, rows = workspace.load_appendix()
    ids = [r.id for r in rows]
    assert len(set(ids)) == len(ids)
    for r in rows:
        assert r.id.startswith("r-") and r.label not in r.id
        assert (workspace.appendix_dir / "rows" / f"{r.id}.xml").exists()


def test_assembled_act_equals_egov_file(workspace: Workspace) -> None:
    assembled = workspace.load_document("425AC0000000027")
    published = parse_file(MYNUMBER_2025)
    assert c14n_equal(assembled, published)
    assert assembled.to_bytes() == published.to_bytes()
    report = validate_document(assembled)
    assert report.ok and not report.warnings


def test_statute_file_has_no_appendix_copy(workspace: Workspace) -> None:
    """One source of truth: the row text lives in appendix1/ only."""
    statute = (workspace.statutes_dir / "425AC0000000027.xml").read_text(encoding="utf-8")
    assert "AppdxTable" not in statute
    assert "学資の貸与及び支給" not in statute


def test_row_files_validate(workspace: Workspace) -> None:
    for path in sorted(workspace.appendix_dir.rglob("*.xml")):
        report = validate_file(path)
        assert report.ok, (path, report.errors)


def test_split_write_load_round_trip(tmp_path: Path) -> None:
    doc = parse_file(MYNUMBER_2025)
    statute, frame, rows = split_law(doc, "425AC0000000027")
    write_appendix(tmp_path, frame, rows)
    frame2, rows2 = load_appendix(tmp_path)
    from hosei.core.appendix import assemble

    assert c14n_equal(assemble(statute, frame2, rows2), doc)
    ruby = [r for r in rows2 if r.affair_markup is not None]
    assert len(ruby) == 1 and "罹災証明書" in ruby[0].affair


def test_split_keeps_previous_ids() -> None:
    doc = parse_file(MYNUMBER_2025)
    _, _, rows = split_law(doc, "425AC0000000027")
    renamed = [r for r in rows]
    renamed[0].id = "r-00000001"
    _, _, again = split_law(doc, "425AC0000000027", previous=renamed)
    assert again[0].id == "r-00000001"
    assert [r.id for r in again[1:]] == [r.id for r in rows[1:]]


def test_duplicate_labels_are_an_error(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    shutil.copytree(ROOT / "appendix1", target / "appendix1")
    shutil.copytree(ROOT / "statutes", target / "statutes")
    rows_dir = target / "appendix1" / "rows"
    one = next(rows_dir.glob("*.xml"))
    text = re.sub(r'id="r-[0-9a-f]{8}"', 'id="r-ffffffff"', one.read_text(encoding="utf-8"))
    (rows_dir / "r-ffffffff.xml").write_text(text, encoding="utf-8")
    with pytest.raises(HoseiError, match="two rows labelled"):
        Workspace(target).load_document("425AC0000000027")


@pytest.mark.parametrize(
    ("affair", "field"),
    [
        (
            "地方税法その他の地方税に関する法律及びこれらの法律に基づく条例による地方税の賦課徴収に関する事務",
            "税",
        ),
        ("災害対策基本法による罹災証明書の交付に関する事務", "災害対策"),
        ("児童扶養手当法による児童扶養手当の支給に関する事務", "社会保障"),
        ("労働者災害補償保険法による保険給付の支給に関する事務", "社会保障"),
        ("", None),
    ],
)
def test_classify_field(affair: str, field: str | None) -> None:
    assert classify_field(affair) == field


def test_basis_laws() -> None:
    assert basis_laws("健康保険法第五条第二項の規定により") == ["健康保険法"]
    assert basis_laws("恩給法（大正十二年法律第四十八号）による") == ["恩給法"]
    assert basis_laws("昭和六十年法律第三十四号附則第八十七条第二項の規定により") == [
        "昭和六十年法律第三十四号"
    ]
    assert basis_laws("同法による") == []


def test_find_row_errors(workspace: Workspace) -> None:
    _, rows = workspace.load_appendix()
    with pytest.raises(HoseiError, match="no appendix row labelled 二百"):
        find_row(rows, "二百")
    with pytest.raises(HoseiError, match="no appendix row with id r-00000000"):
        find_row(rows, "r-00000000")
