"""Git-versioned history: revisions as commits, point-in-time text, provision and Appendix-row logs."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import git
import pytest
from click.testing import CliRunner

from hosei.cli import main
from hosei.core.errors import HoseiError
from hosei.core.lawtext import element_text
from hosei.core.model import Law
from hosei.core.xmlio import c14n_equal, parse_bytes, parse_file
from hosei.history import store as store_module
from hosei.history.revision import parse_revision_id
from hosei.history.store import Store
from hosei.history.versions import init_workspace, prepare_egov, record
from hosei.history.workspace import Workspace

from conftest import ISHO_DIR, MYNUMBER_2025

ISHO_FILES = sorted(ISHO_DIR.glob("*.xml"))


def run(ws: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "-w", str(ws)] if args[0] not in ("init",) else list(args))
    return result.exit_code, result.stdout, result.stderr


def _empty_workspace(path: Path) -> Path:
    init_workspace(path, bundled=False)
    return path


@pytest.fixture(scope="module")
def isho_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("isho") / "ws"
    init_workspace(ws)
    code = CliRunner().invoke(main, ["import", "egov", *map(str, ISHO_FILES), "-w", str(ws)])
    assert code.exit_code == 0, code.output
    return ws


def expected_file(date: dt.date) -> Path | None:
    """Independent oracle: the last file (by date, then amending act id) in force on *date*."""
    best = None
    for f in ISHO_FILES:
        info = parse_revision_id(f.stem)
        assert info is not None
        if info[1] <= date and (best is None or (info[1], info[2]) >= best[0]):
            best = ((info[1], info[2]), f)
    return best[1] if best else None


def test_import_makes_one_commit_per_revision(isho_ws: Path) -> None:
    repo = git.Repo(isho_ws)
    messages = [c.message for c in repo.iter_commits()]
    isho = [m for m in messages if "Law-Id: 334AC0000000125" in m]
    assert len(isho) == 21
    first = [m for m in isho if "Amended-By: base" in m]
    assert len(first) == 1 and first[0].startswith("意匠法: e-Gov 基準本文 (base text), 施行 2015-08-01")
    assert any(
        m.startswith("意匠法: 令和三年法律第三十七号による改正, 施行 2022-04-01")
        and "Amended-By: 令和三年法律第三十七号 (503AC0000000037)\n" in m
        and "Promulgated: 2021-05-19\n" in m
        and "Source: 334AC0000000125_20220401_503AC0000000037.xml" in m
        for m in isho
    )
    assert not repo.is_dirty(untracked_files=True)


def test_log_json_lists_all_revisions(isho_ws: Path) -> None:
    code, out, _ = run(isho_ws, "log", "334AC0000000125", "--format", "json")
    entries = json.loads(out)
    assert code == 0
    assert len(entries) == 21
    expected = []
    for f in ISHO_FILES:
        info = parse_revision_id(f.stem)
        assert info is not None
        expected.append((info[1].isoformat(), None if info[2] == "0" * 15 else info[2]))
    expected.sort(key=lambda t: (t[0], t[1] or ""))
    assert [(e["enforced"], e["amended_by_id"]) for e in entries] == expected
    assert all({"commit", "enforced", "amended_by"} <= set(e) for e in entries)
    assert entries[0]["amended_by"] is None
    assert entries[1]["amended_by"] == "平成二十六年法律第六十九号"


def test_as_of_matches_the_right_file_around_every_enforcement_date(isho_ws: Path) -> None:
    store = Store(isho_ws)
    dates = sorted({parse_revision_id(f.stem)[1] for f in ISHO_FILES})  # type: ignore[index]
    checked = 0
    for d in dates:
        for probe in (d - dt.timedelta(days=1), d, d + dt.timedelta(days=1)):
            want = expected_file(probe)
            if want is None:
                with pytest.raises(HoseiError, match="has no revision in force on 2015-07-31"):
                    store.revision_at("334AC0000000125", probe)
                continue
            rev = store.revision_at("334AC0000000125", probe)
            got = store.read_document("334AC0000000125", rev.commit)
            assert c14n_equal(got, parse_file(want)), (probe, want.name)
            checked += 1
    assert checked == 3 * len(dates) - 1


def test_show_as_of_cli_xml_equals_file(isho_ws: Path) -> None:
    result = CliRunner().invoke(
        main, ["show", "334AC0000000125", "--as-of", "2022-04-01", "--format", "xml", "-w", str(isho_ws)]
    )
    assert result.exit_code == 0
    want = ISHO_DIR / "334AC0000000125_20220401_503AC0000000042.xml"  # recorded later on the same day: wins
    assert c14n_equal(parse_bytes(result.stdout_bytes), parse_file(want))
    result = CliRunner().invoke(
        main, ["show", "意匠法", "--as-of", "令和4年3月31日", "--format", "xml", "-w", str(isho_ws)]
    )
    assert c14n_equal(
        parse_bytes(result.stdout_bytes),
        parse_file(ISHO_DIR / "334AC0000000125_20211001_503AC0000000042.xml"),
    )


def _article_text(path: Path, num: str) -> str | None:
    """Independent of hosei's model: the text content of MainProvision's Article[@Num=num], whitespace dropped."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    found = root.xpath(f"//MainProvision//Article[@Num='{num}']")
    if not found:
        return None
    return re.sub(r"\s", "", "".join(found[0].itertext()))


def test_log_citation_lists_exactly_the_changing_revisions(isho_ws: Path) -> None:
    code, out, _ = run(isho_ws, "log", "334AC0000000125", "第六十九条", "--format", "json")
    assert code == 0
    got = [e["source"] for e in json.loads(out)]
    ordered = sorted(ISHO_FILES, key=lambda f: (parse_revision_id(f.stem)[1], parse_revision_id(f.stem)[2]))  # type: ignore[index]
    expected = []
    before = None
    for f in ordered:
        text = _article_text(f, "69")
        if text != before:
            expected.append(f.name)
        before = text
    assert got == expected
    assert len(got) >= 2


def test_log_table(isho_ws: Path) -> None:
    code, out, _ = run(isho_ws, "log", "意匠法", "第六十九条")
    assert code == 0
    assert out.splitlines()[0].startswith("commit")
    assert "[changed]" in out


def test_errors(isho_ws: Path, tmp_path: Path) -> None:
    code, _, err = run(isho_ws, "show", "334AC0000000125", "--as-of", "1999-01-01")
    assert code == 1
    assert (
        err
        == "Error: 334AC0000000125 has no revision in force on 1999-01-01 (the first recorded one is in force from 2015-08-01)\n"
    )
    code, _, err = run(isho_ws, "show", "334AC0000000125", "--as-of", "2019-02-30")
    assert code == 2 and err.startswith("Error: invalid date: 2019-02-30")
    code, _, err = run(isho_ws, "show", "334AC0000000125", "--as-of", "平成31年5月1日")
    assert code == 2 and err == "Error: invalid date: 平成31年5月1日 is outside the 平成 era\n"
    code, _, err = run(isho_ws, "log", "特許法")
    assert code == 1 and err.startswith("Error: unknown law: 特許法 (laws in this workspace: ")
    nometa = tmp_path / "isho.xml"
    nometa.write_bytes(re.sub(rb' EnforcementDate="[^"]*"', b"", ISHO_FILES[0].read_bytes()))
    code, _, err = run(isho_ws, "import", "egov", str(nometa))
    assert code == 1
    assert err == (
        "Error: no revision metadata: name the file {LawId}_{YYYYMMDD}_{AmendLawId}.xml or pass --enforced and "
        f"--amended-by ({nometa})\n"
    )
    code, _, err = run(isho_ws, "import", "egov", str(tmp_path / "missing.xml"))
    assert code == 1 and err == f"Error: no such file ({tmp_path / 'missing.xml'})\n"


def test_dirty_workspace_and_detached_head_are_refused(tmp_path: Path) -> None:
    ws = _empty_workspace(tmp_path / "ws")
    code, _, _ = run(ws, "import", "egov", str(ISHO_FILES[0]))
    assert code == 0
    (ws / "statutes" / "334AC0000000125.xml").write_text("edited", encoding="utf-8")
    code, _, err = run(ws, "import", "egov", str(ISHO_FILES[1]))
    assert code == 1
    assert err == f"Error: the workspace has uncommitted changes: commit or stash them first ({ws})\n"
    repo = git.Repo(ws)
    repo.git.checkout("--", ".")
    (ws / "appendix1" / "stray.xml").write_text("<x/>", encoding="utf-8")
    code, _, err = run(ws, "import", "egov", str(ISHO_FILES[1]))
    assert code == 1 and "untracked files (appendix1/stray.xml)" in err
    (ws / "appendix1" / "stray.xml").unlink()
    repo.git.checkout(repo.head.commit.hexsha)
    code, _, err = run(ws, "import", "egov", str(ISHO_FILES[1]))
    assert code == 1 and err.startswith("Error: HEAD is detached")
    assert len(list(repo.iter_commits("main"))) == 2


def test_failed_import_leaves_no_partial_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = _empty_workspace(tmp_path / "ws")
    init = CliRunner().invoke(main, ["import", "egov", str(ISHO_FILES[0]), "-w", str(ws)])
    assert init.exit_code == 0
    repo = git.Repo(ws)
    head = repo.head.commit.hexsha

    def boom(*args: object, **kwargs: object) -> None:
        raise HoseiError("simulated failure while committing")

    monkeypatch.setattr(git.IndexFile, "commit", boom)
    with pytest.raises(HoseiError, match="simulated"):
        record(Workspace(ws), prepare_egov([ISHO_FILES[5]]))
    monkeypatch.undo()
    repo = git.Repo(ws)
    assert repo.head.commit.hexsha == head
    assert not repo.is_dirty(index=True, working_tree=True, untracked_files=True)
    assert c14n_equal(parse_file(ws / "statutes" / "334AC0000000125.xml"), parse_file(ISHO_FILES[0]))


def test_lock_blocks_a_second_recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = _empty_workspace(tmp_path / "ws")
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT", 0.3)
    holder = Store(ws)
    with holder.lock(), pytest.raises(HoseiError, match="another hosei process is recording"):
        record(Workspace(ws), prepare_egov([ISHO_FILES[0]]))


def test_two_processes_recording_at_once(tmp_path: Path) -> None:
    ws = _empty_workspace(tmp_path / "ws")
    cmds = [
        [sys.executable, "-m", "hosei", "import", "egov", str(ISHO_FILES[i]), "-w", str(ws)] for i in (0, 1)
    ]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in cmds]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    repo = git.Repo(ws)
    subprocess.run(["git", "fsck", "--strict"], cwd=ws, check=True, capture_output=True)
    messages = [c.message for c in repo.iter_commits()]
    assert sum("Law-Id: 334AC0000000125\nEnforced:" in m for m in messages) == 2
    assert not repo.is_dirty(untracked_files=True)
    # whichever process won the lock, the tree holds the newer text
    assert (ws / "statutes" / "334AC0000000125.xml").read_bytes() == ISHO_FILES[1].read_bytes()


def test_explicit_metadata_options(tmp_path: Path) -> None:
    ws = _empty_workspace(tmp_path / "ws")
    plain = tmp_path / "isho-latest.xml"
    plain.write_bytes(ISHO_FILES[-1].read_bytes())
    code, out, err = run(
        ws,
        "import",
        "egov",
        str(plain),
        "--enforced",
        "令和8年5月24日",
        "--amended-by",
        "令和四年法律第四十八号",
    )
    assert code == 0, err
    code, out, _ = run(ws, "log", "334AC0000000125", "--format", "json")
    entry = json.loads(out)[0]
    assert entry["enforced"] == "2026-05-24" and entry["amended_by_id"] == "504AC0000000048"
    assert entry["promulgated"] == "2022-05-25"


# --- the My Number Act: appendix rows keep their ids -----------------------------------------------
def _renumbered_revision(tmp_path: Path) -> Path:
    """A made-up later revision: a new row inserted before 百十五 shifts the JASSO row to 百十六, reworded."""
    from lxml import etree

    doc = parse_file(MYNUMBER_2025)
    table = doc.root.find("LawBody/AppdxTable/TableStruct/Table")
    assert table is not None
    rows = table.findall("TableRow")
    from hosei.core.numerals import parse_branch, to_kanji

    insert_at = None
    for i, tr in enumerate(rows):
        sentence = tr.find("TableColumn/Sentence")
        assert sentence is not None
        label, _, rest = (sentence.text or "").partition("　")
        number = parse_branch(label)
        if number[0] >= 115:
            new_label = "の".join([to_kanji(number[0] + 1), *[to_kanji(n) for n in number[1:]]])
            sentence.text = f"{new_label}　{rest}"
            if insert_at is None:
                insert_at = i
        if "学資の貸与及び支給" in element_text(tr):
            affair = tr.findall("TableColumn")[1].find("Sentence")
            assert affair is not None
            affair.text = (affair.text or "").replace("学資の貸与及び支給", "学資の貸与、支給及び回収")
    assert insert_at is not None
    new = etree.fromstring(etree.tostring(rows[0]))
    new_cells = new.findall("TableColumn/Sentence")
    new_cells[0].text = "百十五　文部科学大臣"
    new_cells[1].text = "宇宙開発に関する新しい給付の支給に関する事務であって主務省令で定めるもの"
    rows[insert_at].addprevious(new)
    new.tail = rows[insert_at].tail
    out = tmp_path / "425AC0000000027_20260401_508AC0000000001.xml"
    out.write_bytes(doc.to_bytes())
    return out


def test_appendix_rows_keep_ids_across_renumbering(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    init_workspace(ws)
    before = {r.label: r for r in Workspace(ws).load_appendix()[1]}
    code, out, err = run(ws, "import", "egov", str(_renumbered_revision(tmp_path)))
    assert code == 0, err
    assert f"note: row 百十五 → 百十六 ({before['百十五'].id}): reworded, matched with similarity" in err
    assert f"note: row 百十六 → 百十七 ({before['百十六'].id}): relabelled" in err
    assert re.search(r"note: row 百十五 \(r-[0-9a-f]{8}\): new", err) is None  # new rows are not noise
    after = {r.label: r for r in Workspace(ws).load_appendix()[1]}
    assert after["百十六"].id == before["百十五"].id
    assert after["百三十七"].id == before["百三十六"].id
    assert after["百十五"].id not in {r.id for r in before.values()}
    code, out, _ = run(ws, "appendix", "log", before["百十五"].id, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [(e["enforced"], e["label"]) for e in data["revisions"]] == [
        ("2015-09-09", "八十一"),
        ("2025-09-24", "百十五"),
        ("2026-04-01", "百十六"),
    ]
    code, out, _ = run(ws, "appendix", "log", "百十六")
    assert code == 0 and "百十五" in out and "百十六" in out
    code, out, _ = run(ws, "appendix", "list", "--as-of", "2026-01-01", "--format", "json")
    assert len(json.loads(out)) == 177
    code, out, _ = run(ws, "appendix", "list", "--as-of", "2026-04-01", "--format", "json")
    assert len(json.loads(out)) == 178


def test_backfilled_revision_keeps_newest_text_in_tree(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    init_workspace(ws)
    newest = (ws / "statutes" / "425AC0000000027.xml").read_bytes()
    older = _renumbered_revision(tmp_path).rename(tmp_path / "425AC0000000027_20200101_502AC0000000001.xml")
    code, _, err = run(ws, "import", "egov", str(older))
    assert code == 0, err
    assert "recorded before the newest revision" in err
    assert (ws / "statutes" / "425AC0000000027.xml").read_bytes() == newest
    assert len(Workspace(ws).load_appendix()[1]) == 177
    repo = git.Repo(ws)
    assert not repo.is_dirty(untracked_files=True)
    code, out, _ = run(ws, "appendix", "list", "--as-of", "2021-01-01", "--format", "json")
    assert len(json.loads(out)) == 178
    code, out, _ = run(ws, "log", "番号法", "--format", "json")
    assert [e["enforced"] for e in json.loads(out)] == ["2015-09-09", "2020-01-01", "2025-09-24"]
    law = Law(Store(ws).read_document("425AC0000000027", repo.head.commit.hexsha))
    assert len(law.appendix_tables[0].children()) == 177


def test_init_refuses_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "file").write_text("keep me")
    code, _, err = run(tmp_path, "init", str(tmp_path / "x"))
    assert code == 1
    assert err == f"Error: folder exists and is not empty ({tmp_path / 'x'})\n"
    assert (tmp_path / "x" / "file").read_text() == "keep me"


def test_init_workspace_equals_this_repository(tmp_path: Path) -> None:
    """The bundled data in this checkout is exactly what `hosei init` records."""
    from conftest import ROOT

    ws = tmp_path / "ws"
    code, out, _ = run(tmp_path, "init", str(ws))
    assert code == 0 and f"workspace ready: {ws}\n" in out
    for sub in ("statutes", "appendix1"):
        ours = sorted(p.relative_to(ROOT / sub) for p in (ROOT / sub).rglob("*.xml"))
        theirs = sorted(p.relative_to(ws / sub) for p in (ws / sub).rglob("*.xml"))
        assert ours == theirs
        for rel in ours:
            assert (ROOT / sub / rel).read_bytes() == (ws / sub / rel).read_bytes(), rel


def test_workspace_via_environment(isho_ws: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOSEI_WORKSPACE", str(isho_ws))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["log", "334AC0000000125"])
    assert result.exit_code == 0 and result.stdout.splitlines()[-1] == "21 revisions"
    result = CliRunner().invoke(main, ["show", "334AC0000000125", "第一条", "--as-of", "2015-08-01"])
    assert result.exit_code == 0 and result.stdout.startswith("（目的）\n第一条　")


def test_reading_history_never_touches_the_working_tree(isho_ws: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in (isho_ws / "statutes").iterdir()}
    head = git.Repo(isho_ws).head.commit.hexsha
    run(isho_ws, "show", "334AC0000000125", "--as-of", "2016-01-01")
    run(isho_ws, "log", "334AC0000000125", "第二条")
    assert {p: p.stat().st_mtime_ns for p in (isho_ws / "statutes").iterdir()} == before
    assert git.Repo(isho_ws).head.commit.hexsha == head


def test_revision_index_is_cached_and_extended(isho_ws: Path) -> None:
    store = Store(isho_ws)
    revs = store.revisions("334AC0000000125")
    index = Path(git.Repo(isho_ws).git_dir) / "hosei" / "revisions.json"
    assert index.exists()
    data = json.loads(index.read_text(encoding="utf-8"))
    assert data["head"] == git.Repo(isho_ws).head.commit.hexsha
    assert len(revs) == 21
