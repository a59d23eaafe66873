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
def synthetic(synthetic_corpus: Path) -> tuple[Path, dict, dict]:
    out = synthetic_corpus
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
        pytest.skip("chromium not installed")
    assert shot.stat().st_size > 10_000


def test_errors(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["divergence", str(tmp_path / "none"), "-w", str(ROOT)])
    assert r.exit_code == 1 and r.stderr == f"Error: no such file or directory ({tmp_path / 'none'})\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    r = CliRunner().invoke(main, ["divergence", str(empty), "-w", str(ROOT)])
    assert r.exit_code == 1 and r.stderr == "Error: no ordinances (.xml or .txt) in the corpus\n"


# --- reading real ordinances as published ----------------------------------------------------------------------
PUBLISHED = DATA / "ordinances" / "published"


def _divergence(*paths: Path) -> dict:
    r = CliRunner().invoke(
        main, ["divergence", *map(str, paths), "--as-of", "2026-11-29", "--format", "json", "-w", str(ROOT)]
    )
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_provisions_are_aligned_by_what_they_do() -> None:
    """京都府's scope article is 第1条 under 「法第9条第2項に規定する条例で定める事務等」; 青森県 defines its terms
    under 「用語」: neither is an extra provision nor a missing one."""
    from hosei.analysis.divergence import load_ordinance, provision_class

    kinds = {}
    for name in ("kyoto_fu.txt", "aomori_ken.txt", "osakasayama_shi_osaka.txt"):
        law, _, _ = load_ordinance(PUBLISHED / name)
        kinds[name] = [provision_class(a) for a in law.articles()]
    assert kinds["kyoto_fu.txt"] == ["scope"]
    assert kinds["aomori_ken.txt"] == ["purpose", "definitions", "scope"]
    assert kinds["osakasayama_shi_osaka.txt"] == ["purpose", "definitions", "duty", "scope"]
    report = _divergence(PUBLISHED / "kyoto_fu.txt", PUBLISHED / "aomori_ken.txt")
    assert not [f for f in report["flags"] if f["type"] in ("extra_provision", "missing_provision")]


def _full_ordinance(tmp_path: Path, body: str) -> Path:
    """A whole ordinance (with its 附則) in kanji, vertical style: 別表第一 and citations as a PDF spaces them."""
    path = tmp_path / f"{body}.txt"
    path.write_text(
        f"○{body}個人番号の利用に関する条例\n平成二十七年十二月二十二日条例第四十八号\n（趣旨）\n"
        "第一条　この条例は、行政手続における特定の個人を識別するための番号の利用等に関する法律（平成二十五年法律第二十七号。"
        "以下「法」という。）第九条第二項の規定に基づく個人番号の利用及び法第 19 条第 9 号の規定に基づく特定個人情報の提供"
        "に関し必要な事項を定めるものとする。\n"
        "（定義）\n第二条　この条例において使用する用語は、法において使用する用語の例による。\n"
        "（個人番号の利用範囲）\n第三条　法第九条第二項の条例で定める事務は、別表第一の上欄に掲げる機関が行う同表の下欄に掲げる事務とする。\n"
        "（委任）\n第四条　この条例の施行に関し必要な事項は、規則で定める。\n"
        "附　則\nこの条例は、平成二十八年一月一日から施行する。\n"
        "別表第一（第三条関係）\n"
        f"| 市長 | 子どもに対する医療費の助成に関する事務であって規則で定めるもの |\n"
        f"| 市長 | ひとり親家庭に対する医療費の助成に関する事務であって規則で定めるもの |\n",
        encoding="utf-8",
    )
    return path


def test_kanji_tables_spaced_citations_and_findings_once(tmp_path: Path) -> None:
    report = _divergence(_full_ordinance(tmp_path, "青森市"))
    (body,) = report["bodies"]
    assert body["partial"] is False
    assert body["affairs"] == ["child-medical", "single-parent-medical"]
    stale = [f for f in report["flags"] if f["type"] == "stale_citation"]
    assert [(f["provision"], f["quote"], f["fix"]) for f in stale] == [
        ("第1条", "法第19条第9号", "法第19条第11号")
    ]
    assert (
        stale[0]["reason"]
        == "法第19条第9号は、現行法では条例で定める特定個人情報の提供の号ではありません（現行は第11号）"
    )


def test_partial_excerpts_by_structure_and_no_distance_without_a_match() -> None:
    """Excerpts say nothing about themselves: they have no 附則, or gaps in their articles. An excerpt none of whose
    provisions the model has gets no distance (not 0.000)."""
    report = _divergence(PUBLISHED / "yamanashi_ken.txt", DATA / "ordinances" / "related_rules")
    by_name = {Path(b["source"]).name: b for b in report["bodies"]}
    assert all(b["partial"] for b in by_name.values())
    assert by_name["chita_shi_sekou_kisoku.txt"]["distance"] is None
    assert by_name["yamanashi_ken.txt"]["distance"] is not None


def test_the_report_is_for_japanese_reviewers(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    r = CliRunner().invoke(
        main,
        ["divergence", str(DATA / "ordinances"), "--as-of", "2026-11-29", "-o", str(out), "-w", str(ROOT)],
    )
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    for placeholder in ("{長}", "{自}", "{名}", "{欄", "r-5b21c2e1", "variants", "distance", "flags shown"):
        assert placeholder not in page, placeholder
    assert "<h2>規定ごとの違い</h2>" in page and "<h2>指摘一覧</h2>" in page
    assert "採用率が 30% 以上の事務はありません（追加候補なし）。" in page
    assert "法第2条第8項は、現行法では特定個人情報を定義していません（現行は第9項）" in page
    # each body's provisions as written, with what differs from the model marked
    assert "<ins>" in page and "土佐清水市" in page
