"""Divergence analysis: flags on a synthetic corpus with ground truth, and on the real excerpts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.analysis.divergence import entropy, normalise
from hosei.cli import main
from hosei.drafting.roster import find_body, load_roster

from conftest import DATA, ROOT, chromium_screenshot

EXCERPTS = sorted(p for p in (DATA / "ordinances").glob("*.txt") if p.name != "model_ordinance_composite.txt")
TYPES = ("stale_citation", "catch_all", "missing_provision", "extra_provision", "unmatched_affair")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    r = CliRunner().invoke(
        main,
        [
            "synth",
            "ordinances",
            str(out),
            "--count",
            "500",
            "--seed",
            "7",
            "--as-of",
            "2026-11-29",
            "-w",
            str(ROOT),
        ],
    )
    assert r.exit_code == 0, r.output
    report = CliRunner().invoke(
        main,
        ["divergence", str(out), "--as-of", "2026-11-29", "--format", "json", "--jobs", "2", "-w", str(ROOT)],
    )
    assert report.exit_code == 0, report.output
    return out, json.loads((out / "truth.json").read_text()), json.loads(report.stdout)


def test_precision_and_recall_per_type(synthetic: tuple[Path, dict, dict]) -> None:
    _, truth, report = synthetic
    expected = {(t["source"], t["type"], t["provision"]) for t in truth["divergences"]}
    got = {(Path(f["source"]).name, f["type"], f["provision"]) for f in report["flags"]}
    for kind in TYPES:
        e = {k for k in expected if k[1] == kind}
        g = {k for k in got if k[1] == kind}
        assert e, kind
        precision = len(e & g) / len(g)
        recall = len(e & g) / len(e)
        assert precision >= 0.95 and recall >= 0.95, (
            kind,
            precision,
            recall,
            sorted(g - e)[:3],
            sorted(e - g)[:3],
        )


def test_promotion_candidates_are_the_affairs_injected_above_threshold(
    synthetic: tuple[Path, dict, dict],
) -> None:
    _, truth, report = synthetic
    injected = {a for a, rate in truth["adoption"].items() if rate >= 0.3}
    got = {c["affair"] for c in report["candidates"]}
    assert got == injected
    for c in report["candidates"]:
        assert c["appendix_rows"] and 0.3 <= c["share"] <= 1


def test_report_shape(synthetic: tuple[Path, dict, dict]) -> None:
    _, _, report = synthetic
    assert set(report) >= {"model", "as_of", "bodies", "provisions", "flags", "candidates"}
    body = report["bodies"][0]
    assert {"source", "body", "code", "distance"} <= set(body)
    assert all(0 <= p["fragmentation"] <= 1 for p in report["provisions"])
    flag = report["flags"][0]
    assert {"source", "body", "type", "severity", "provision", "quote", "reason", "fix"} <= set(flag)
    assert len({b["cluster"] for b in report["bodies"]}) < len(report["bodies"])


def test_real_excerpts() -> None:
    result = CliRunner().invoke(
        main,
        ["divergence", *map(str, EXCERPTS), "--as-of", "2026-11-29", "--format", "json", "-w", str(ROOT)],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    flags = report["flags"]
    hagi = [f for f in flags if f["body"] == "萩市"]
    assert any(
        f["type"] == "catch_all"
        and "その他これらに類する事務のうち特に個人番号を利用することが必要であると" in f["quote"]
        for f in hagi
    )
    assert any(
        f["type"] == "stale_citation"
        and f["quote"].startswith("法第2条第8項に規定する特定個人情報")
        and f["fix"] == "法第2条第9項"
        for f in hagi
    )
    yawatahama = [f for f in flags if f["body"] == "八幡浜市"]
    assert any(f["quote"].startswith("法第2条第8項に規定する特定個人情報") for f in yawatahama)
    # ordinances defining terms by reference to the Act (「法において使用する用語の例による」) get no definition citations flagged
    by_reference = {"青森市", "寝屋川市", "鰺ヶ沢町"}
    assert not [f for f in flags if f["body"] in by_reference and "第2条第" in f["quote"]]
    # every flag quotes real text of its excerpt
    texts = {str(p): p.read_text(encoding="utf-8") for p in EXCERPTS}
    for f in flags:
        quote = f["quote"]
        plain = "".join(texts[f["source"]].split())
        assert "".join(quote.split())[:40] in plain, f
    # an ordinance's own 別表第2 is never the Act's
    assert not [f for f in flags if "別表第2" in f["quote"] and not f["quote"].startswith("法")]


def test_normalisation() -> None:
    bodies = load_roster(ROOT / "templates" / "roster" / "local_governments.csv")
    hagi = find_body(bodies, "萩市")
    a = normalise("第１条　萩市長は、番号法第十九条第十一号，別表第1の左欄", hagi)
    b = normalise("第1条 萩市長は、法第19条第11号、別表第1の上欄", hagi)
    assert a == b
    assert (
        entropy([10]) == 0.0
        and abs(entropy([1] * 10) - 1.0) < 1e-9
        and 0 < entropy([5, 5]) < entropy([2] * 5) < 1
    )


def test_html_report_opens_in_chromium(synthetic: tuple[Path, dict, dict], tmp_path: Path) -> None:
    corpus, _, _ = synthetic
    page = tmp_path / "report.html"
    r = CliRunner().invoke(
        main, ["divergence", str(corpus), "--as-of", "2026-11-29", "-o", str(page), "-w", str(ROOT)]
    )
    assert r.exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and "<script>" in html and "http://" not in html.split("<svg")[0]
    shot = tmp_path / "report.png"
    if not chromium_screenshot(page, shot, tmp_path / "profile", "1300,1600"):
        pytest.skip("chromium not installed (tests/artifacts/divergence-report.png is the reference)")
    assert shot.stat().st_size > 10_000


def test_errors(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["divergence", str(tmp_path / "none"), "-w", str(ROOT)])
    assert r.exit_code == 1 and r.stderr == f"Error: no such file or directory ({tmp_path / 'none'})\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    r = CliRunner().invoke(main, ["divergence", str(empty), "-w", str(ROOT)])
    assert r.exit_code == 1 and r.stderr == "Error: no ordinances (.xml or .txt) in the corpus\n"
