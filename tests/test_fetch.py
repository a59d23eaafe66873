"""`hosei fetch`, end to end against a local HTTP server replaying e-Gov 法令API v2 responses (tests/data/egov/api):
the law list, the history, the texts; a 429 then success; an unreachable host; a second run that asks nothing."""

from __future__ import annotations

import time
from pathlib import Path

import git
import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from hosei.cli import main
from hosei.history.versions import init_workspace

from conftest import API

REPLAY = API / "replay"
LAW = "405AC0000000088"
REVISIONS = ["405AC0000000088_20180401_429AC0000000004", "405AC0000000088_20240401_504AC0100000052"]


def _serve(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        "/api/2/laws", query_string={"law_title": "行政手続法", "limit": "50"}
    ).respond_with_data((REPLAY / "laws_行政手続法.json").read_bytes(), content_type="application/json")
    httpserver.expect_request(f"/api/2/law_revisions/{LAW}").respond_with_data(
        (REPLAY / f"law_revisions_{LAW}.json").read_bytes(), content_type="application/json"
    )
    for rev in REVISIONS:
        httpserver.expect_request(
            f"/api/2/law_data/{rev}", query_string={"response_format": "xml", "law_full_text_format": "xml"}
        ).respond_with_data((REPLAY / f"law_data_{rev}.xml").read_bytes(), content_type="application/xml")


@pytest.fixture()
def ws(tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "ws"
    init_workspace(path, bundled=False)
    monkeypatch.setenv("HOSEI_EGOV_API", httpserver.url_for("/api/2"))
    return path


def _fetch(ws: Path, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["fetch", *args, "-w", str(ws)])
    return r.exit_code, r.stdout, r.stderr


def _revisions(ws: Path) -> list[str]:
    return [c.message.splitlines()[0] for c in git.Repo(ws).iter_commits() if "\nLaw-Id: " in c.message]


def test_all_revisions_by_title_then_nothing_asked_again(ws: Path, httpserver: HTTPServer) -> None:
    _serve(httpserver)
    code, out, err = _fetch(ws, "行政手続法", "--all-revisions")
    assert code == 0, err
    assert (
        out.splitlines()[-1] == "行政手続法: 2 revisions recorded, 0 recorded already (4 requests to the API)"
    )
    assert len(_revisions(ws)) == 2
    assert "施行 2018-04-01" in out and "施行 2024-04-01" in out
    assert all(r.headers["User-Agent"].startswith("hosei/") for r, _ in httpserver.log)
    asked = len(httpserver.log)
    code, out, err = _fetch(ws, "行政手続法", "--all-revisions")
    assert code == 0, err
    assert (
        out.splitlines()[-1] == "行政手続法: 0 revisions recorded, 2 recorded already (0 requests to the API)"
    )
    assert len(httpserver.log) == asked  # the lists came from the cache, the texts were not asked for
    assert len(_revisions(ws)) == 2
    # the history recorded reads like an import: show as of a date between the two revisions
    r = CliRunner().invoke(main, ["log", LAW, "-w", str(ws)])
    assert r.exit_code == 0 and "2018-04-01" in r.output and "2024-04-01" in r.output


def test_as_of_a_date_fetches_the_revision_in_force_by_law_id(ws: Path, httpserver: HTTPServer) -> None:
    _serve(httpserver)
    code, out, err = _fetch(ws, LAW, "--as-of", "2020-01-01")
    assert code == 0, err
    assert "施行 2018-04-01  平成二十九年法律第四号" in out
    assert len(_revisions(ws)) == 1


def test_a_429_is_retried_and_then_answered(ws: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request(f"/api/2/law_revisions/{LAW}").respond_with_data(
        '{"message": "Too Many Requests"}', status=429, headers={"Retry-After": "0"}
    )
    _serve(httpserver)
    code, out, err = _fetch(ws, LAW)
    assert code == 0, err
    assert "施行 2024-04-01" in out and "(3 requests to the API)" in out
    statuses = [resp.status_code for _, resp in httpserver.log]
    assert statuses[0] == 429 and statuses[1:] == [200, 200]


def test_an_unreachable_api_is_one_error_within_seconds_and_the_workspace_is_unchanged(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOSEI_EGOV_API", "http://127.0.0.1:9/api/2")  # the discard port: nobody listens
    head = git.Repo(ws).head.commit.hexsha
    started = time.monotonic()
    code, out, err = _fetch(ws, "行政手続法", "--all-revisions")
    assert code == 1
    assert err.startswith("Error: cannot reach the e-Gov API at http://127.0.0.1:9/api/2 (ConnectError")
    assert len(err.strip().splitlines()) == 1
    assert time.monotonic() - started < 10
    assert git.Repo(ws).head.commit.hexsha == head and not git.Repo(ws).is_dirty(untracked_files=True)


def test_errors_from_the_api_are_named(ws: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/2/laws").respond_with_data(
        '{"total_count": 0, "count": 0, "next_offset": null, "laws": []}', content_type="application/json"
    )
    code, _, err = _fetch(ws, "存在しない法")
    assert code == 1 and err == "Error: the e-Gov API knows no law titled 「存在しない法」\n"
    httpserver.expect_request("/api/2/law_revisions/999AC0000000001").respond_with_data(
        '{"code": "404001", "message": "法令が存在しません。"}', status=404, content_type="application/json"
    )
    code, _, err = _fetch(ws, "999AC0000000001")
    assert code == 1 and "法令が存在しません。" in err
    code, _, err = _fetch(ws, LAW, "--as-of", "2020-01-01", "--all-revisions")
    assert code == 2 and "exclude each other" in err
