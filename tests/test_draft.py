"""Article 9(2) ordinance drafts: date-correct citations, every local government, batch, precedents."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.cli import main
from hosei.core.errors import HoseiError
from hosei.core.validate import validate_file
from hosei.drafting.roster import check_digit, find_body, load_roster, parse_roster

from conftest import ROOT, act_with_new_article19_item


@pytest.fixture(autouse=True)
def _allow_gaps(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the bundled My Number Act at dates between its 2015 and 2025 texts, which the 2025 text
    shows may be stale (see tests/test_gaps.py): they go on as `--allow-gaps` does, with a warning."""
    monkeypatch.setenv("HOSEI_ALLOW_GAPS", "1")


ROSTER = ROOT / "templates" / "roster" / "local_governments.csv"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "-w", str(ROOT)])
    return result.exit_code, result.stdout, result.stderr


def test_sarabetsu_xml_validates_and_reads_as_a_village(tmp_path: Path) -> None:
    out = tmp_path / "sarabetsu.xml"
    code, _, err = run("draft", "更別村", "--format", "xml", "-o", str(out))
    assert code == 0, err
    assert validate_file(out).ok
    text = out.read_text(encoding="utf-8")
    assert "更別村" in text and "村長" in text and "村は、" in text
    assert "市長" not in text and "市は" not in text


def _text(*args: str) -> str:
    code, out, err = run("draft", "更別村", "--option", "definitions=enumerated", *args)
    assert code == 0, err
    return out


def test_citations_follow_the_act_in_force() -> None:
    old = _text("--as-of", "2016-01-01")
    assert "法第19条第9号の規定に基づく特定個人情報の提供" in old
    assert "特定個人情報　法第2条第8項に規定する特定個人情報" in old
    assert "法別表第2の第2欄に掲げる事務" in old  # the linkage table still existed
    new = _text("--as-of", "2026-11-29")
    assert "法第19条第11号の規定に基づく特定個人情報の提供" in new
    assert "特定個人情報　法第2条第9項に規定する特定個人情報" in new
    assert "特定個人番号利用事務　法第19条第8号" in new
    assert "法別表第2" not in new
    vertical = _text("--as-of", "2016-01-01", "--option", "style=vertical")
    assert "法第十九条第九号" in vertical and "第二条第八項" in vertical
    era = _text("--as-of", "令和7年10月1日")
    assert "法第19条第11号" in era


def test_draft_follows_a_changed_statute(tmp_path: Path) -> None:
    """Insert an Article 19 item before the provision item in a new revision: the draft cites 第12号."""
    ws = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(ws)]).exit_code == 0
    path = act_with_new_article19_item(
        tmp_path / "425AC0000000027_20270401_509AC0000000001.xml", "新しい号の本文。"
    )
    result = CliRunner().invoke(main, ["import", "egov", str(path), "-w", str(ws)])
    assert result.exit_code == 0, result.output
    after = CliRunner().invoke(main, ["draft", "更別村", "--as-of", "2027-04-01", "-w", str(ws)])
    assert "法第19条第12号の規定に基づく特定個人情報の提供" in after.stdout
    before = CliRunner().invoke(main, ["draft", "更別村", "--as-of", "2027-03-31", "-w", str(ws)])
    assert "法第19条第11号の規定に基づく特定個人情報の提供" in before.stdout


def test_names_codes_and_errors() -> None:
    code, out, _ = run("draft", "北海道")
    assert code == 0 and out.startswith("北海道行政手続における") and "知事" in out and "道は、" in out
    code, out, _ = run("draft", "千代田区")
    assert code == 0 and "区長又は教育委員会" in out and "区は、" in out
    code, out, _ = run("draft", "016390")
    assert code == 0 and out.startswith("更別村")
    code, out, _ = run("draft", "広島県府中市")
    assert code == 0 and out.startswith("府中市")
    code, _, err = run("draft", "府中市")
    assert code == 1
    assert err == (
        "Error: ambiguous name 府中市: 東京都府中市 (132063), 広島県府中市 (342084); "
        "write the prefecture too (e.g. 東京都府中市) or the code\n"
    )
    code, _, err = run("draft", "更別")
    assert code == 1 and err == "Error: unknown local government: 更別; did you mean 更別村?\n"
    code, _, err = run("draft", "更別村", "--as-of", "2010-01-01")
    assert code == 1 and "no revision in force on 2010-01-01" in err
    code, _, err = run("draft", "更別村", "--option", "definitions=sometimes")
    assert code == 1 and err.startswith("Error: invalid value 'sometimes' for definitions")
    code, _, err = run("draft", "更別村", "--affairs", "child-medical,unknown")
    assert code == 1 and err.startswith("Error: unknown affair(s): unknown")


def test_options_are_chosen_not_typed() -> None:
    short = _text("--option", "title_form=short", "--option", "column_labels=numbered")
    assert short.startswith("更別村個人番号の利用及び特定個人情報の提供に関する条例")
    assert "別表第1の第1欄に掲げる機関" in short
    jouge = _text("--option", "column_labels=jouge", "--option", "provision_table=false")
    assert "同表の下欄に掲げる事務" in jouge and "第5条　法第19条" not in jouge
    restated = _text("--as-of", "2016-01-01", "--option", "restate_article_9_2=true")
    assert "その他これらに類する事務をいう。" in restated
    restated_now = _text("--option", "restate_article_9_2=true")
    assert "防災に関する事務その他の事務をいう。" in restated_now


def test_affairs_selection_and_enforcement_date() -> None:
    code, out, _ = run("draft", "更別村", "--affairs", "school-aid,water-sewerage", "--enforce", "2027-04-01")
    assert code == 0
    assert "| 教育委員会 | 経済的理由によって就学困難と認められる" in out
    assert "この条例は、令和9年4月1日から施行する。" in out


def test_html_and_docx(tmp_path: Path) -> None:
    code, _, _ = run("draft", "更別村", "--format", "html", "-o", str(tmp_path / "d.html"))
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert code == 0 and "<h1>更別村行政手続" in html and "<table>" in html
    code, _, _ = run("draft", "更別村", "--format", "docx", "-o", str(tmp_path / "d.docx"))
    from docx import Document

    assert code == 0 and "更別村" in Document(str(tmp_path / "d.docx")).paragraphs[0].text


def test_batch_all_bodies(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    code, stdout, err = run("draft", "--all", "--out", str(out), "--jobs", "2")
    assert code == 0, err
    files = sorted(out.glob("*.xml"))
    assert len(files) == 1788
    assert stdout.startswith("1788 drafts written to")
    sample = [files[0], files[len(files) // 2], files[-1]]
    for f in sample:
        assert validate_file(f).ok
    code_ok = (
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "hosei"), "validate", str(out)], capture_output=True, text=True
        )
        if (ROOT / ".venv" / "bin" / "hosei").exists()
        else None
    )
    if code_ok is not None:
        assert code_ok.returncode == 0, code_ok.stderr[-500:]


def test_bad_roster_rows_are_errors_and_nothing_is_written(tmp_path: Path) -> None:
    text = ROSTER.read_text(encoding="utf-8").splitlines()
    bad_code = text[:5] + ["012039,北海道,小樽市,オタルシ,市,0"] + text[5:8]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(bad_code) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("draft", "--roster", str(path), "--out", str(out))
    assert code == 1
    assert err == f"Error: bad check digit in code 012039 (expected 012033) ({path}:6)\n"
    assert not out.exists()
    missing_name = text[:3] + ["012025,北海道,,ハコダテシ,市,0"]
    path.write_text("\n".join(missing_name) + "\n", encoding="utf-8")
    code, _, err = run("draft", "--roster", str(path), "--out", str(out))
    assert code == 1 and err == f"Error: missing name for code 012025 ({path}:4)\n"
    assert not out.exists()


def test_roster() -> None:
    bodies = load_roster(ROSTER)
    assert len(bodies) == 1788
    kinds = {k: sum(1 for b in bodies if b.kind == k) for k in ("都道府県", "市", "町", "村", "特別区")}
    assert kinds == {"都道府県": 47, "市": 792, "町": 743, "村": 183, "特別区": 23}
    assert check_digit("01639") == 0 and check_digit("13101") == 6
    assert find_body(bodies, "016390").name == "更別村"
    with pytest.raises(HoseiError, match="roster has no rows"):
        parse_roster("code,prefecture,name,kana,kind\n", "x.csv")


def test_precedent_ranks_jasso_first() -> None:
    code, out, _ = run("precedent", "大学生に対する奨学金の貸与に関する事務", "--format", "json")
    ranked = json.loads(out)
    assert code == 0
    assert ranked[0]["label"] == "百十五" and "学資の貸与" in ranked[0]["affair"]
    assert "学資" in ranked[0]["shared_terms"]
    code, out, _ = run("precedent", "市営住宅の管理に関する事務")
    assert re.search(r"^1\. 別表の二十七の項", out)


def test_catalogue_rows_exist() -> None:
    from hosei.drafting.draft import load_affairs
    from hosei.history.workspace import Workspace

    ids = {r.id for r in Workspace(ROOT).load_appendix()[1]}
    for affair in load_affairs(ROOT / "templates" / "article9-2" / "affairs.xml"):
        assert set(affair.similar) <= ids, affair.id


def test_the_word_draft_is_typeset_as_ordinances_are_printed(tmp_path: Path) -> None:
    """A4, title and number line centred, captions one character in, articles hanging by one, items by one more
    inside, 「附　則」, no space between paragraphs."""
    from click.testing import CliRunner
    from docx import Document

    from hosei.cli import main

    out = tmp_path / "d.docx"
    r = CliRunner().invoke(main, ["draft", "更別村", "-o", str(out), "-w", str(ROOT)])
    assert r.exit_code == 0, r.output
    doc = Document(str(out))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    paras = doc.paragraphs
    assert paras[0].alignment == 1 and paras[1].alignment == 1  # centred
    assert paras[1].text.startswith("（令和") and paras[1].text.endswith("号）")
    caption = next(p for p in paras if p.text == "（趣旨）")
    assert caption.paragraph_format.left_indent > 0 and caption.paragraph_format.first_line_indent is None
    article = next(p for p in paras if p.text.startswith("第1条"))
    assert article.paragraph_format.first_line_indent == -article.paragraph_format.left_indent
    assert any(p.text.startswith("附　則") for p in paras)
    assert doc.styles["Normal"].paragraph_format.space_after == 0


def test_defaults_a_drafter_would_not_question() -> None:
    """The provision table (第5条, 別表第3) has the head, who holds 地方税関係情報 and 住民票関係情報, providing them
    to the board of education for the board's own affair (就学援助) — never the board providing tax data to the
    head; 東京都's bodies list the 愛の手帳 where others list the 療育手帳."""
    from click.testing import CliRunner

    from hosei.cli import main

    text = CliRunner().invoke(main, ["draft", "更別村", "-w", str(ROOT)]).stdout
    table = text[text.index("別表第3　（第5条関係）") :].splitlines()
    assert table[2] == (
        "| 村長 | 就学援助に関する事務であって規則で定めるもの | 教育委員会 | "
        "地方税関係情報又は住民票関係情報であって規則で定めるもの |"
    )
    assert len(table) == 3
    tokyo = CliRunner().invoke(main, ["draft", "千代田区", "-w", str(ROOT)]).stdout
    assert "| 区長 | 愛の手帳（東京都愛の手帳交付要綱に基づき交付される手帳をいう。）" in tokyo
    assert "療育手帳" not in tokyo
    only_head = (
        CliRunner()
        .invoke(main, ["draft", "更別村", "--affairs", "child-medical,ryoiku-techo", "-w", str(ROOT)])
        .stdout
    )
    # nothing for the board: nothing to provide, no 第5条 of provision and no 別表第3
    assert "別表第3" not in only_head and "提供することができる" not in only_head
