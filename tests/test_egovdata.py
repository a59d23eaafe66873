"""e-Gov data in every form it comes in: API v2 law_data responses (XML and JSON) read by every command, the bulk
download (zip or folder) imported, and recording that is idempotent and whole."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import git
import pytest
from click.testing import CliRunner

from hosei.cli import main
from hosei.core.egovdata import parse_law_file
from hosei.core.errors import HoseiError
from hosei.core.model import Law
from hosei.history.store import Store
from hosei.history.versions import init_workspace

from conftest import API, ISHO_DIR

XML_RESPONSE = API / "law_data_334AC0000000125_20220401.xml"
JSON_RESPONSE = API / "law_data_334AC0000000125_20220401.json"
SAME_REVISION = ISHO_DIR / "334AC0000000125_20220401_503AC0000000037.xml"
ISHO_FILES = sorted(ISHO_DIR.glob("*.xml"))


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


# --- responses ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("response", [XML_RESPONSE, JSON_RESPONSE], ids=["xml", "json"])
def test_a_response_is_the_law_it_carries_with_its_revision(response: Path) -> None:
    law = Law.from_file(response)
    bare = Law.from_file(SAME_REVISION)
    assert law.law_id == "334AC0000000125"
    assert law.doc.response is not None
    assert law.doc.response["law_revision_id"] == "334AC0000000125_20220401_503AC0000000037"
    assert law.doc.response["amendment_law_num"] == "令和三年法律第三十七号"
    from hosei.text.comparable import comparable

    assert comparable(law.root) == comparable(bare.root)


@pytest.mark.parametrize("response", [XML_RESPONSE, JSON_RESPONSE], ids=["xml", "json"])
def test_every_command_takes_a_response_unchanged(response: Path, tmp_path: Path) -> None:
    code, out, _ = _run("show", str(response), "第一条")
    assert code == 0 and out.startswith("（目的）\n第一条　この法律は、意匠の保護及び利用")
    code, out, _ = _run("diff", str(SAME_REVISION), str(response))
    assert code == 0 and "（改正なし）" in out
    code, out, _ = _run("diff", str(response), str(ISHO_FILES[-1]), "--format", "json")
    assert code == 1 and json.loads(out)[0]["kind"] == "modified"
    amendment = tmp_path / "a.txt"
    amendment.write_text("　　第一条中「奨励し」を「奨励し、」に改める。\n", encoding="utf-8")
    code, out, _ = _run("amend", str(response), str(amendment), "--format", "text")
    assert code == 0 and "意匠の創作を奨励し、、もつて" in out
    code, out, err = _run("check", str(response))
    assert code == 0, err
    code, out, err = _run("validate", "--lenient", str(response))
    assert code == 0, err
    code, out, _ = _run("diff", str(response), str(ISHO_FILES[-1]))
    assert "law_data_334AC0000000125_20220401" in out and "（2022-04-01 施行、令和三年法律第三十七号）" in out


def test_bad_responses_are_clean_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"law_full_text": "法令本文"}', encoding="utf-8")
    with pytest.raises(HoseiError, match="not the API's element tree"):
        parse_law_file(bad)
    bad.write_text('{"law_full_text": {"tag": "Law", "children": [', encoding="utf-8")
    with pytest.raises(HoseiError, match="malformed JSON"):
        parse_law_file(bad)
    empty = tmp_path / "empty.xml"
    empty.write_text("<law_data_response><law_info/></law_data_response>", encoding="utf-8")
    code, _, err = _run("show", str(empty))
    assert code == 1 and err == f"Error: an e-Gov API response without law_full_text/Law ({empty}:1)\n"


# --- the bulk download and idempotent recording ----------------------------------------------------------------


def _bulk_zip(path: Path, files: list[Path]) -> Path:
    """The bulk download's layout: one folder per revision id, the XML inside it."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for f in files:
            archive.write(f, f"all_xml/{f.stem}/{f.name}")
        archive.writestr("all_xml/README.txt", "not a law")
    return path


@pytest.fixture()
def empty_ws(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    init_workspace(ws, bundled=False)
    return ws


def _revisions(ws: Path) -> int:
    return sum("\nLaw-Id: " in c.message for c in git.Repo(ws).iter_commits())


def test_a_bulk_zip_of_n_revisions_records_n_and_again_none(empty_ws: Path, tmp_path: Path) -> None:
    bulk = _bulk_zip(tmp_path / "all_xml.zip", ISHO_FILES[:5] + [JSON_RESPONSE.parent / "nothing.xml"] * 0)
    code, out, err = _run("import", "egov", str(bulk), "-w", str(empty_ws))
    assert code == 0, err
    assert out.splitlines()[-1] == "5 revisions recorded, 0 recorded already (skipped)"
    assert _revisions(empty_ws) == 5
    code, out, err = _run("import", "egov", str(bulk), "-w", str(empty_ws))
    assert code == 0, err
    assert out.splitlines()[-1] == "0 revisions recorded, 5 recorded already (skipped)"
    assert _revisions(empty_ws) == 5


def test_a_folder_and_a_law_selection(empty_ws: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bulk"
    for f in ISHO_FILES[:2] + sorted((ISHO_DIR.parent / "405AC0000000088").glob("*.xml")):
        (folder / f.stem).mkdir(parents=True)
        (folder / f.stem / f.name).write_bytes(f.read_bytes())
    code, out, err = _run("import", "egov", str(folder), "--law", "405AC0000000088", "-w", str(empty_ws))
    assert code == 0, err
    assert out.splitlines()[-1] == "2 revisions recorded, 0 recorded already (skipped)"
    code, _, err = _run("import", "egov", str(folder), "--law", "999AC0000000001", "-w", str(empty_ws))
    assert code == 1 and "no e-Gov files found for 999AC0000000001" in err


def test_a_response_records_its_own_revision_and_a_different_text_under_its_key_is_an_error(
    empty_ws: Path, tmp_path: Path
) -> None:
    code, out, err = _run("import", "egov", str(JSON_RESPONSE), "-w", str(empty_ws))
    assert code == 0, err
    assert "334AC0000000125  施行 2022-04-01  令和三年法律第三十七号" in out
    code, out, err = _run(
        "import", "egov", str(SAME_REVISION), "-w", str(empty_ws)
    )  # the same text as a file
    assert code == 0 and out.splitlines()[-1].startswith("0 revisions recorded, 1 recorded already"), err
    changed = tmp_path / SAME_REVISION.name
    changed.write_bytes(
        SAME_REVISION.read_bytes().replace("意匠の創作を奨励".encode(), "意匠の創作を推進".encode())
    )
    code, _, err = _run("import", "egov", str(changed), "-w", str(empty_ws))
    assert code == 1
    assert (
        "a different text of 334AC0000000125 (施行 2022-04-01, 令和三年法律第三十七号) is recorded already"
        in err
    )
    assert _revisions(empty_ws) == 1


def test_two_imports_of_the_same_files_at_once_record_each_revision_once(empty_ws: Path) -> None:
    files = [str(f) for f in ISHO_FILES[:4]]
    cmd = [sys.executable, "-m", "hosei", "import", "egov", *files, "-w", str(empty_ws)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert _revisions(empty_ws) == 4
    lasts = sorted(o[0].decode().splitlines()[-1] for o in outs)
    assert lasts == [
        "0 revisions recorded, 4 recorded already (skipped)",
        "4 revisions recorded, 0 recorded already (skipped)",
    ]


def test_an_interrupted_recording_leaves_each_revision_whole_or_absent(empty_ws: Path) -> None:
    """A recording killed after writing a revision's files and before committing them: the next run puts the files
    back as the last revision has them, and completes the import."""
    assert _run("import", "egov", str(ISHO_FILES[0]), "-w", str(empty_ws))[0] == 0
    store = Store(empty_ws)
    statute = empty_ws / "statutes" / "334AC0000000125.xml"
    store._mark_recording(["statutes/334AC0000000125.xml"])  # what commit_files writes first
    statute.write_bytes(ISHO_FILES[1].read_bytes()[: len(ISHO_FILES[1].read_bytes()) // 2])  # then killed
    code, out, err = _run("import", "egov", *map(str, ISHO_FILES[:3]), "-w", str(empty_ws))
    assert code == 0, err
    assert out.splitlines()[-1] == "2 revisions recorded, 1 recorded already (skipped)"
    assert not git.Repo(empty_ws).is_dirty(untracked_files=True)
    assert statute.read_bytes() == ISHO_FILES[2].read_bytes()


def test_ctrl_c_during_an_import_says_what_was_recorded_and_a_rerun_completes_it(
    empty_ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hosei.history import store as store_module

    real = store_module.Store.commit_files
    calls = {"n": 0}

    def interrupted(self: store_module.Store, *args: object, **kwargs: object) -> str:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module.Store, "commit_files", interrupted)
    code, _, err = _run("import", "egov", *map(str, ISHO_FILES[:5]), "-w", str(empty_ws))
    assert code == 130
    assert err.strip().endswith(
        "Error: interrupted: 2 of 5 revisions recorded (0 were recorded already); run the same import again to "
        "record the rest"
    )
    assert _revisions(empty_ws) == 2 and not git.Repo(empty_ws).is_dirty(untracked_files=True)
    monkeypatch.setattr(store_module.Store, "commit_files", real)
    code, out, err = _run("import", "egov", *map(str, ISHO_FILES[:5]), "-w", str(empty_ws))
    assert code == 0, err
    assert out.splitlines()[-1] == "3 revisions recorded, 2 recorded already (skipped)"
