"""`hosei appendix propose`: promotion candidates → the Act's new rows on a branch, and every ordinance's follow-up.

Checked on the synthetic national corpus against its truth (truth.json lists the affairs of every file): the
proposal branch's Act validates, `appendix diff` shows exactly the added rows, the report lists exactly the bodies
whose ordinances list the affairs, every drafted municipal amendment applies back, and `impact --to` the branch
runs on it (and finds the ordinances citing rows a mid-table insertion relabels).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.analysis.promotion import Adopter, ProposedRow, act_affair, act_body, drop_affairs, place
from hosei.cli import main
from hosei.core.appendix import AppendixRow
from hosei.core.model import Law
from hosei.drafting.draft import AffairEntry, load_affairs

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = load_affairs(ROOT / "templates" / "article9-2" / "affairs.xml")
BY_ID = {a.id: a for a in CATALOGUE}


def _run(*args: str, ws: Path) -> tuple[int, str]:
    r = CliRunner().invoke(main, [*args, "-w", str(ws)])
    return r.exit_code, r.output


def _git(ws: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=ws, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def proposed(synthetic_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A fresh workspace, the divergence report of the synthetic corpus, and the proposal made from it."""
    tmp = tmp_path_factory.mktemp("propose")
    ws = tmp / "ws"
    assert CliRunner().invoke(main, ["init", str(ws)]).exit_code == 0
    report = tmp / "report.json"
    code, out = _run(
        "divergence",
        str(synthetic_corpus),
        "--as-of",
        "2026-11-29",
        "--format",
        "json",
        "-o",
        str(report),
        ws=ws,
    )
    assert code == 0, out
    head = _git(ws, "rev-parse", "HEAD")
    code, out = _run(
        "appendix", "propose", "--from", str(report), "-o", str(tmp / "out"), "--branch", "proposal/2027",
        "--format", "json", "--jobs", "2", ws=ws,
    )  # fmt: skip
    assert code == 0, out
    return {
        "ws": ws,
        "head": head,
        "out": tmp / "out",
        "report": json.loads(report.read_text(encoding="utf-8")),
        "proposal": json.loads(out),
        "truth": json.loads((synthetic_corpus / "truth.json").read_text(encoding="utf-8")),
    }


def test_every_candidate_gets_a_row_and_the_branch_is_new(proposed: dict) -> None:
    ws, proposal = proposed["ws"], proposed["proposal"]
    candidates = [c["affair"] for c in proposed["report"]["candidates"]]
    assert candidates and [r["affair"] for r in proposal["rows"]] == candidates
    # the drafter's branch, HEAD and working tree are untouched; the proposal is one commit on the new branch
    assert _git(ws, "rev-parse", "--abbrev-ref", "HEAD") == "main"
    assert _git(ws, "rev-parse", "HEAD") == proposed["head"]
    assert _git(ws, "status", "--porcelain") == ""
    assert _git(ws, "rev-parse", "proposal/2027^") == proposed["head"]
    changed = _git(ws, "diff", "--name-only", "main", "proposal/2027").split("\n")
    assert sorted(changed) == sorted(f"appendix1/rows/{r['row']['id']}.xml" for r in proposal["rows"])


def test_rows_are_worded_as_the_act_words_them(proposed: dict) -> None:
    for r in proposed["proposal"]["rows"]:
        row = r["row"]
        assert row["affair"].endswith("に関する事務であって主務省令で定めるもの"), row
        assert not re.search(r"[0-9０-９]|規則で定める", row["affair"])
        assert row["body"] in {
            "市町村長",
            "都道府県知事又は市町村長",
            "市町村教育委員会",
            "都道府県教育委員会又は市町村教育委員会",
        }
        # a branch label after its anchor's group (百十五の二), next to rows of the same field
        assert row["label"].startswith(r["after"] + "の")
        assert r["precedents"]
    medical = next(r for r in proposed["proposal"]["rows"] if r["affair"] == "foreign-public-assistance")
    assert "生活保護法（昭和二十五年法律第百四十四号）に準じて行う保護" in medical["row"]["affair"]


def test_branch_act_validates_and_appendix_diff_shows_exactly_the_added_rows(proposed: dict) -> None:
    from hosei.core.validate import validate_document
    from hosei.history.store import Store

    ws, proposal = proposed["ws"], proposed["proposal"]
    doc = Store(ws).read_document("425AC0000000027", proposal["commit"])
    assert validate_document(doc).ok
    code, out = _run("appendix", "diff", "main", "proposal/2027", "--format", "json", ws=ws)
    assert code == 1, out
    records = json.loads(out)
    assert {r["kind"] for r in records} == {"added"}
    assert sorted((r["id"], r["new_label"], r["new_text"]) for r in records) == sorted(
        (r["row"]["id"], r["row"]["label"], f"{r['row']['body']}｜{r['row']['affair']}")
        for r in proposal["rows"]
    )


def test_the_act_amendment_applies_back_and_follows_the_drafting_rules(proposed: dict) -> None:
    from hosei.amend.apply import amend
    from hosei.history.store import Store
    from hosei.text.comparable import comparable

    ws, out = proposed["ws"], proposed["out"]
    text = (out / "act" / "amendment.txt").read_text(encoding="utf-8")
    assert text.startswith(
        "　　　行政手続における特定の個人を識別するための番号の利用等に関する法律の一部を改正する法律（案）"
    )
    sentences = [line.strip() for line in text.splitlines() if line.strip().startswith("別表")]
    assert sentences and all(re.fullmatch(r"別表(の.+の項の次|)に次のように加える。", s) for s in sentences)
    # start to end: nothing is relabelled, so the sentences follow the table
    from hosei.core.citation import parse_row_label

    anchors = [parse_row_label(m.group(1)) for s in sentences if (m := re.match(r"別表の(.+)の項の次", s))]
    assert anchors == sorted(anchors)
    store = Store(ws)
    old = Law(store.read_document("425AC0000000027", proposed["head"]))
    new = store.read_document("425AC0000000027", proposed["proposal"]["commit"])
    applied, _ = amend(old, text)
    assert comparable(applied.root) == comparable(new.root)
    for name in ("act/taisho.html", "act/taisho.docx", "act/act.xml", "report.html", "report.json"):
        assert (out / name).stat().st_size > 0
    html = (out / "act" / "taisho.html").read_text(encoding="utf-8")
    assert "（新設）" in html and "改正案" in html
    report = (out / "report.html").read_text(encoding="utf-8")
    for r in proposed["proposal"]["rows"]:
        assert f"{r['row']['label']}の項" in report and r["row"]["affair"] in report
    first = next(o for r in proposed["proposal"]["rows"] for o in r["ordinances"] if not o["error"])
    assert f'href="{first["files"]["amendment"]}"' in report and (out / first["files"]["amendment"]).exists()


def test_report_lists_exactly_the_bodies_that_list_each_affair(proposed: dict) -> None:
    truth = proposed["truth"]["files"]
    for r in proposed["proposal"]["rows"]:
        listed = {name for name, f in truth.items() if r["affair"] in f["affairs"]}
        reported = {Path(o["source"]).name for o in r["ordinances"]}
        assert reported == listed, r["affair"]
        assert r["bodies"] == len(listed)


def test_every_drafted_follow_up_applies_back(proposed: dict) -> None:
    from hosei.amend.apply import amend
    from hosei.analysis.divergence import match_affair
    from hosei.analysis.impact import load_ordinance

    proposal, out = proposed["proposal"], proposed["out"]
    promoted = {r["affair"] for r in proposal["rows"]}
    drafted = [o for r in proposal["rows"] for o in r["ordinances"] if not o["error"]]
    assert len({o["source"] for o in drafted}) == proposal["follow_ups"]["drafted"] > 50
    # refusals say why (a use table whose every affair is promoted; a linkage table left empty), never a half-made
    # draft
    for o in proposal["follow_ups"]["refused"]:
        assert ("not supported yet" in o["error"] or "the drafter's call" in o["error"]) and not o["files"]
    for o in {o["source"]: o for o in drafted}.values():
        text = (out / o["files"]["amendment"]).read_text(encoding="utf-8")
        assert "の施行の日から施行する。" in text
        # the ordinance cited by the year of its number, without the day (「（平成27年条例第32号）」)
        opening = next(line for line in text.splitlines() if line.endswith("の一部を次のように改正する。"))
        assert re.search(r"（(平成|令和)[^（）月]+年条例第[^（）]+号）の一部", opening), opening
        law, _ = load_ordinance(Path(o["source"]))
        applied = Law(amend(law, text)[0])

        def affairs(x: Law) -> list[str]:
            found = []
            for tr in x.root.iter("TableRow"):
                cells = ["".join(c.itertext()).strip() for c in tr.findall("TableColumn")]
                if len(cells) >= 2 and (m := match_affair(cells[1], CATALOGUE)) is not None:
                    found.append(m.id)
            return found

        before, after = affairs(law), affairs(applied)
        assert not set(after) & promoted
        assert after == [a for a in before if a not in promoted]  # every other row kept, in order
        # no table is left with its column names alone (別表第3 | 情報提供機関 | 事務 | …, and nothing under them)
        from hosei.analysis.divergence import is_header_row, row_cells

        for table in applied.root.iter("Table"):
            rows = [row_cells(tr) for tr in table.iter("TableRow")]
            assert any(not is_header_row(cells) for cells in rows), o["source"]
        assert (out / o["files"]["table"]).exists()


def test_impact_runs_against_the_proposal_branch(proposed: dict, synthetic_corpus: Path) -> None:
    code, out = _run(
        "impact", "番号法", "--from", "main", "--to", "proposal/2027", str(synthetic_corpus), "--format", "json",
        ws=proposed["ws"],
    )  # fmt: skip
    assert code == 0, out
    report = json.loads(out[: out.rindex("}") + 1])
    assert report["summary"]["ordinances"] == len(proposed["truth"]["files"])


def test_a_row_inserted_mid_table_relabels_the_rows_after_it_and_impact_finds_their_citations(
    tmp_path: Path,
) -> None:
    ws = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(ws)]).exit_code == 0
    corpus = tmp_path / "corpus"
    code, out = _run("synth", "ordinances", str(corpus), "--count", "30", "--seed", "5", ws=ws)
    assert code == 0, out
    code, out = _run(
        "appendix", "propose", str(corpus), "--affairs", "child-medical", "--placement", "renumber",
        "-o", str(tmp_path / "out"), "--branch", "renumbered", "--as-of", "2026-11-29", "--format", "json", ws=ws,
    )  # fmt: skip
    assert code == 0, out
    proposal = json.loads(out)
    row = proposal["rows"][0]["row"]
    assert "の" not in row["label"] and proposal["relabelled"]
    text = (tmp_path / "out" / "act" / "amendment.txt").read_text(encoding="utf-8")
    assert "繰り下げ" in text and f"{proposal['rows'][0]['after']}の項の次に次のように加える。" in text
    # an ordinance citing a row after the insertion: found, and its citation drafted to the new label
    moved = next(r for r in proposal["relabelled"] if "の" not in r["old"])
    citing = tmp_path / "citing"
    citing.mkdir()
    (citing / "x.txt").write_text(
        "テスト市個人番号の利用に関する条例\n令和2年3月1日\n条例第5号\n(趣旨)\n"
        "第1条　この条例は、行政手続における特定の個人を識別するための番号の利用等に関する法律(平成25年法律第27号。"
        "以下「法」という。)第9条第2項の規定に基づく個人番号の利用に関し、必要な事項を定めるものとする。\n(利用範囲)\n"
        f"第2条　法第9条第2項の条例で定める事務は、法別表の{moved['old']}の項に掲げる事務に準ずる事務として規則で定めるものとする。\n"
        "附　則\nこの条例は、公布の日から施行する。\n",
        encoding="utf-8",
    )
    code, out = _run(
        "impact", "番号法", "--from", "main", "--to", "renumbered", str(citing), "--draft", str(tmp_path / "d"),
        "--format", "json", ws=ws,
    )  # fmt: skip
    assert code == 0, out
    report = json.loads(out[: out.rindex("}") + 1])
    found = [c for c in report["ordinances"][0]["citations"] if "別表" in c["quote"]]
    assert [(c["kind"], c["new_quote"]) for c in found] == [("moved", f"法別表の{moved['new']}の項")]
    draft = (tmp_path / "d" / "x.amendment.txt").read_text(encoding="utf-8")
    assert f"「法別表の{moved['old']}の項」を「法別表の{moved['new']}の項」に改める。" in draft


# --- the pieces -------------------------------------------------------------------------------------------
def _adopter(prefecture: bool) -> Adopter:
    return Adopter("x.txt", "都" if prefecture else "村", None, prefecture)


def test_the_body_is_the_organ_of_the_bodies_that_list_the_affair() -> None:
    medical, school = BY_ID["child-medical"], BY_ID["school-aid"]
    assert act_body(medical, [_adopter(False)]) == "市町村長"
    assert act_body(medical, [_adopter(True)]) == "都道府県知事"
    assert act_body(medical, [_adopter(True), _adopter(False)]) == "都道府県知事又は市町村長"
    assert act_body(school, [_adopter(False)]) == "市町村教育委員会"


def test_the_wording_is_the_acts() -> None:
    housing = BY_ID["municipal-housing"]
    assert act_affair(housing, [_adopter(False)], []) == (
        "市町村営住宅（公営住宅法（昭和二十六年法律第百九十三号）第二条第二号に規定する公営住宅を除く。）の管理に関する"
        "事務であって主務省令で定めるもの"
    )
    both = act_affair(housing, [_adopter(True), _adopter(False)], [])
    assert both.startswith("都道府県営住宅又は市町村営住宅（公営住宅法（昭和二十六年法律第百九十三号）")
    assert act_affair(BY_ID["non-resident-numbers"], [_adopter(True), _adopter(False)], []).startswith(
        "住登外者（地方公共団体の住民基本台帳に"
    )


def test_branch_labels_follow_the_anchors_whole_group() -> None:
    rows = [
        AppendixRow(f"r-{n}", label, "x", "y")
        for n, label in enumerate(["一", "二", "二の二", "二の三", "三"])
    ]
    entry = AffairEntry("a", "a", "head", "a", "", [], [], "", False)

    def proposal(anchor: AppendixRow | None) -> ProposedRow:
        return ProposedRow(None, AppendixRow("r-new" + str(id(anchor)), "", "市町村長", "z"), [], anchor)  # type: ignore[arg-type]

    del entry
    a, b = proposal(rows[1]), proposal(rows[1])
    table = place(rows, [a, b], "branch")
    assert [r.label for r in table] == ["一", "二", "二の二", "二の三", "二の四", "二の五", "三"]
    c = proposal(rows[0])
    table = place(rows, [c], "renumber")
    assert [r.label for r in table] == ["一", "二", "三", "三の二", "三の三", "四"]
    assert [r.label for r in rows] == ["一", "二", "二の二", "二の三", "三"]  # the rows given are not changed
    d = proposal(rows[0])
    assert [r.label for r in place(rows, [d], "end")][-1] == "四"


def test_an_ordinance_whose_table_would_be_emptied_is_refused(synthetic_corpus: Path) -> None:
    from hosei.analysis.impact import load_ordinance
    from hosei.core.errors import HoseiError

    law, _ = load_ordinance(sorted(synthetic_corpus.glob("*.txt"))[0])
    with pytest.raises(HoseiError, match=r"every affair of 別表第(1|一) is promoted: .* the drafter's call"):
        drop_affairs(law, {a.id for a in CATALOGUE}, CATALOGUE)


def test_a_real_row_listing_several_affairs_is_never_dropped_for_one_of_them() -> None:
    """萩市 lists 「障がい者、子ども及びひとり親家庭に対する医療費の助成に関する事務」 in one row: promoting child medical
    aid alone must not delete the other two with it."""
    from hosei.analysis.impact import load_ordinance
    from hosei.analysis.promotion import draft_follow_up
    from hosei.core.errors import HoseiError

    path = ROOT / "tests" / "data" / "ordinances" / "hagi_shi_yamaguchi.txt"
    law, _ = load_ordinance(path)
    with pytest.raises(
        HoseiError, match="lists child-medical together with disability-medical, single-parent-medical"
    ):
        drop_affairs(law, {"child-medical"}, CATALOGUE)
    new, tables = drop_affairs(
        law, {"child-medical", "disability-medical", "single-parent-medical"}, CATALOGUE
    )
    assert tables and "医療費の助成" not in "".join(new.root.itertext())
    # the page is an excerpt (its table extracted into 第1条, no 附則): no draft is made from it
    up = draft_follow_up(Adopter(str(path), "萩市", None, False), ["ryoiku-techo"], CATALOGUE, "番号法")
    assert (
        up.error is not None and up.error.startswith("the ordinance text is an excerpt") and not up.amendment
    )


def test_usage_and_input_errors(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["appendix", "propose", "-o", str(tmp_path / "o"), "-w", str(ROOT)])
    assert r.exit_code == 2 and "give a divergence report (--from REPORT.json) or a CORPUS" in r.output
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    r = CliRunner().invoke(
        main, ["appendix", "propose", "--from", str(bad), "-o", str(tmp_path / "o"), "-w", str(ROOT)]
    )
    assert r.exit_code == 1
    assert (
        r.output
        == "Error: not a divergence report (hosei divergence --format json): no bodies or candidates\n"
    )
    good = tmp_path / "r.json"
    good.write_text(json.dumps({"bodies": [], "candidates": []}), encoding="utf-8")
    r = CliRunner().invoke(
        main,
        [
            "appendix",
            "propose",
            "--from",
            str(good),
            "--affairs",
            "nosuch",
            "-o",
            str(tmp_path / "o"),
            "-w",
            str(ROOT),
        ],
    )
    assert r.exit_code == 1 and r.output.startswith(
        "Error: no affair nosuch in the catalogue (known: child-medical,"
    )
    assert not (tmp_path / "o").exists()


def test_an_existing_branch_is_never_overwritten(proposed: dict, tmp_path: Path) -> None:
    ws = proposed["ws"]
    before = _git(ws, "rev-parse", "proposal/2027")
    report = tmp_path / "r.json"
    report.write_text(json.dumps(proposed["report"]), encoding="utf-8")
    for branch, message in (
        ("proposal/2027", "Error: branch proposal/2027 exists already: name another with --branch\n"),
        ("main", "Error: branch main exists already: name another with --branch\n"),
        ("bad..name", "Error: not a valid branch name: bad..name\n"),
    ):
        code, out = _run(
            "appendix", "propose", "--from", str(report), "-o", str(tmp_path / "o"), "--branch", branch, ws=ws
        )
        assert (code, out) == (1, message)
    assert _git(ws, "rev-parse", "proposal/2027") == before
    assert not (tmp_path / "o").exists()


NUMBERED = """テスト町個人番号の利用に関する条例
令和2年3月1日
条例第5号
(趣旨)
第1条　この条例は、行政手続における特定の個人を識別するための番号の利用等に関する法律(平成25年法律第27号。以下「法」という。)第9条第2項の規定に基づく個人番号の利用に関し、必要な事項を定めるものとする。
(利用範囲)
第2条　法第9条第2項の条例で定める事務は、別表に掲げる事務とする。
附　則
この条例は、公布の日から施行する。
別表(第2条関係)
| 番号 | 事務 |
| 1 | 子どもに対する医療費の助成に関する事務であって規則で定めるもの |
| 2 | 健康増進法(平成14年法律第103号)によらない健康診査の実施に関する事務であって規則で定めるもの |
| 3 | 水道及び下水道に関する事務であって規則で定めるもの |
"""


def test_numbered_rows_are_numbered_again_after_a_deletion(tmp_path: Path) -> None:
    from hosei.amend.apply import amend
    from hosei.analysis.impact import load_ordinance
    from hosei.analysis.promotion import draft_follow_up

    path = tmp_path / "numbered.txt"
    path.write_text(NUMBERED, encoding="utf-8")
    up = draft_follow_up(Adopter(str(path), "テスト町", None, False), ["child-medical"], CATALOGUE, "番号法")
    assert up.error is None, up.error
    rows = [line.strip() for line in up.amendment.splitlines() if line.strip().startswith("| ")]
    assert rows[1:] == [
        "| 1 | 健康増進法(平成14年法律第103号)によらない健康診査の実施に関する事務であって規則で定めるもの |",
        "| 2 | 水道及び下水道に関する事務であって規則で定めるもの |",
    ]
    law, _ = load_ordinance(path)
    applied = amend(law, up.amendment)[0]
    assert "子どもに対する医療費" not in "".join(applied.root.itertext())


def test_an_affair_no_ordinance_lists_is_proposed_with_a_warning(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(ws)]).exit_code == 0
    report = tmp_path / "r.json"
    report.write_text(json.dumps({"bodies": [], "candidates": []}), encoding="utf-8")
    r = CliRunner().invoke(
        main,
        [
            "appendix",
            "propose",
            "--from",
            str(report),
            "--affairs",
            "water-sewerage",
            "-o",
            str(tmp_path / "o"),
        ]
        + ["--branch", "p", "-w", str(ws)],
    )
    assert r.exit_code == 0, r.output
    assert (
        r.stderr
        == "Warning: no ordinance of the corpus lists water-sewerage; its row is worded for 市町村 alone\n"
    )
    assert "ordinances listing the affairs: 0; amendments drafted: 0" in r.stdout
