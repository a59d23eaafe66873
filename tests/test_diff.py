"""Structural diff and comparison tables (新旧対照表) on real revisions and the real drafting examples."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from examples import load
from hosei.cli import main
from hosei.compare.chars import char_diff
from hosei.compare.diff import diff_laws, top_article
from hosei.compare.formats import to_docx, to_html, to_text
from hosei.compare.table import build_table
from hosei.core.model import Law
from hosei.core.xmlio import parse_bytes

from conftest import ISHO_DIR, ROOT, chromium_screenshot


@pytest.fixture(autouse=True)
def _allow_gaps(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the bundled My Number Act at dates between its 2015 and 2025 texts, which the 2025 text
    shows may be stale (see tests/test_gaps.py): they go on as `--allow-gaps` does, with a warning."""
    monkeypatch.setenv("HOSEI_ALLOW_GAPS", "1")


ISHO = sorted(ISHO_DIR.glob("*.xml"))
PAIRS = list(zip(ISHO, ISHO[1:], strict=False))


def _units(path: Path) -> dict[tuple[str, str], str]:
    """Independent of hosei's diff: each article / 附則 block / table of a file, whitespace removed, e-Gov's merged
    削除/略 ranges split (notation, which no diff reports: 「一及び二　略」 and 「一・二　略」 say the same)."""
    from hosei.text.comparable import split_omitted_ranges

    root = etree.parse(str(path)).getroot()
    split_omitted_ranges(root)
    out = {}
    for a in root.find("LawBody/MainProvision").iter("Article"):
        out[("main", a.get("Num"))] = re.sub(r"\s", "", "".join(a.itertext()))
    for sp in root.iterfind("LawBody/SupplProvision"):
        out[("suppl", sp.get("AmendLawNum") or "")] = re.sub(r"\s", "", "".join(sp.itertext()))
    for t in root.iterfind("LawBody/AppdxTable"):
        out[("appdx", "".join(t.find("AppdxTableTitle").itertext()))] = re.sub(
            r"\s", "", "".join(t.itertext())
        )
    return out


def _unit_of(el: etree._Element) -> tuple[str, str]:
    if el.tag == "Article" and el.xpath("ancestor::MainProvision"):
        return ("main", el.get("Num"))
    sp = el if el.tag == "SupplProvision" else (el.xpath("ancestor::SupplProvision") or [None])[0]
    if sp is not None:
        return ("suppl", sp.get("AmendLawNum") or "")
    return ("appdx", "".join(el.find("AppdxTableTitle").itertext()))


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=lambda p: p.stem[16:])
def test_change_list_names_exactly_the_changed_provisions(old: Path, new: Path) -> None:
    u1, u2 = _units(old), _units(new)
    expected = {k for k in set(u1) | set(u2) if u1.get(k) != u2.get(k)}
    result = diff_laws(Law.from_file(old), Law.from_file(new))
    got = {_unit_of(top_article(p).el) for c in result.changes for p in (c.old, c.new) if p is not None}
    assert got == expected


_OWN = {"Paragraph": "ParagraphSentence", "Item": "ItemSentence"}
_OWN |= {f"Subitem{i}": f"Subitem{i}Sentence" for i in range(1, 11)}


def _path(el: etree._Element) -> str:
    """Article:69/Paragraph:1/Item:2 — by e-Gov Num attributes, independent of hosei."""
    parts: list[str] = []
    for anc in [*reversed(list(el.iterancestors())), el]:
        if anc.tag == "Article":
            parts = [f"Article:{anc.get('Num')}"]
        elif anc.tag in _OWN and parts:
            parts.append(f"{anc.tag}:{anc.get('Num')}")
    return "/".join(parts)


def _own_texts(source: Path | etree._Element) -> tuple[dict[str, str], set[str]]:
    """Independent of hosei: each main-provision article's caption and each paragraph's, item's and subitem's own
    sentence (and table), by Num path, whitespace removed; and the articles that have a single paragraph."""
    root = etree.parse(str(source)).getroot() if isinstance(source, Path) else source
    out = {}
    single = set()
    for a in root.find("LawBody/MainProvision").iter("Article"):
        cap = a.find("ArticleCaption")
        out[_path(a) + "#caption"] = re.sub(r"\s", "", "".join(cap.itertext())) if cap is not None else ""
        if len(a.findall("Paragraph")) == 1:
            single.add(_path(a))
        for el in a.iter(*_OWN):
            # its sentence and any table it carries (a 読替え table)
            own = [x for x in (el.find(_OWN[str(el.tag)]), *el.findall("TableStruct")) if x is not None]
            out[_path(el)] = re.sub(r"\s", "", "".join("".join(x.itertext()) for x in own))
    return out, single


SAME_SHAPE = [(a, b) for a, b in PAIRS if set(_own_texts(a)[0]) == set(_own_texts(b)[0])]


@pytest.mark.parametrize(("old", "new"), SAME_SHAPE, ids=lambda p: p.stem[16:])
def test_change_records_are_exactly_the_changed_sentences(old: Path, new: Path) -> None:
    """Finer than the test above, on the pairs that renumber nothing in the main provision (13 of 20): the
    records inside articles are exactly the captions and sentences whose text differs — a single-paragraph
    article's record stands for its caption and its sentence."""
    _assert_records_are_the_changed_sentences(Law.from_file(old), Law.from_file(new))
    assert len(SAME_SHAPE) == 13


def _assert_records_are_the_changed_sentences(old: Law, new: Law) -> None:
    texts_old, single = _own_texts(old.root)
    texts_new, _ = _own_texts(new.root)
    expected = set()
    for key, text in texts_old.items():
        if texts_new[key] == text:
            continue
        article = key.split("/")[0].split("#")[0]
        if key.endswith("#caption") or (article in single and key == article + "/Paragraph:1"):
            expected.add(article)
        else:
            expected.add(key)
    result = diff_laws(old, new)
    got = {
        _path(p.el)
        for c in result.changes
        for p in [c.new if c.new is not None else c.old]
        if p is not None
        and p.el.xpath("ancestor-or-self::Article")
        and not p.el.xpath("ancestor::SupplProvision")
    }
    assert got == expected


_LATEST = Law.from_file(ISHO[-1])
_MAIN_SENTENCES = len([s for s in _LATEST.main.el.iter("Sentence") if s.text])


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, _MAIN_SENTENCES - 1),
            st.integers(0, 200),
            st.integers(0, 6),
            st.sampled_from(["", "特定", "当該", "第三項", "五百円", "及び", "意匠"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_random_edits_are_reported_exactly(edits: list[tuple[int, int, int, str]]) -> None:
    """Words replaced, inserted or deleted anywhere in 意匠法's main provision: the change records are exactly the
    captions and sentences whose text now differs (an edit that restores the text is no change)."""
    new = Law(parse_bytes(_LATEST.doc.to_bytes(), "edited"))
    sentences = [s for s in new.main.el.iter("Sentence") if s.text]
    for i, start, length, insert in edits:
        text = sentences[i].text or ""
        start = min(start, len(text) - 1)
        edited = text[:start] + insert + text[start + length :]
        if edited.strip():
            sentences[i].text = edited
    _assert_records_are_the_changed_sentences(_LATEST, new)


@pytest.mark.parametrize(("old", "new"), PAIRS[::4], ids=lambda p: p.stem[16:])
def test_json_texts_are_what_the_spans_spell(old: Path, new: Path) -> None:
    """old_text/new_text of a modified record are exactly the spans read as old and as new (a single-paragraph
    article's record carries caption and sentence, not the caption alone)."""
    from hosei.compare.formats import to_json

    records = json.loads(to_json(diff_laws(Law.from_file(old), Law.from_file(new))))
    modified = [r for r in records if r["kind"] == "modified"]
    assert modified
    for r in modified:
        assert "".join(s["text"] for s in r["spans"] if s["op"] != "insert") == r["old_text"]
        assert "".join(s["text"] for s in r["spans"] if s["op"] != "delete") == r["new_text"]


def test_kokin_kei_pair() -> None:
    old = ISHO_DIR / "334AC0000000125_20240313_505AC0000000051.xml"
    new = ISHO_DIR / "334AC0000000125_20250616_504AC0000000068.xml"
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 1
    changes = json.loads(result.stdout)
    main_changes = [c for c in changes if not (c["new"] or c["old"]).startswith(("附則", "別表"))]
    articles = [re.match(r"第[^条]+条(の[^第]+)?", c["new"]).group(0) for c in main_changes]
    assert articles == [
        "第六十九条",
        "第六十九条の二",
        "第七十条",
        "第七十一条",
        "第七十二条",
        "第七十三条",
        "第七十三条の二",
    ]
    for c in main_changes:
        assert c["kind"] == "modified"
        assert [s for s in c["spans"] if s["op"] != "equal"] == [
            {"op": "delete", "text": "懲役"},
            {"op": "insert", "text": "拘禁刑"},
        ]


def test_article_heads_read_as_in_official_tables() -> None:
    """Caption on its own line, then the article number and its (first paragraph's) sentence on one line: a
    single-paragraph article (第七十条) and the first paragraph of a longer one (第七十二条)."""
    old = ISHO_DIR / "334AC0000000125_20240313_505AC0000000051.xml"
    new = ISHO_DIR / "334AC0000000125_20250616_504AC0000000068.xml"
    result = CliRunner().invoke(main, ["diff", str(old), str(new)], color=False)
    lines = result.stdout.splitlines()
    # an e-Gov revision file says in the header what it is
    assert lines[1:3] == [
        "改正後：334AC0000000125_20250616_504AC0000000068.xml（2025-06-16 施行、令和四年法律第六十八号）",
        "改正前：334AC0000000125_20240313_505AC0000000051.xml（2024-03-13 施行、令和五年法律第五十一号）",
    ]
    at = lines.index("改正後｜（詐欺の行為の罪）")
    assert lines[at + 1].startswith(
        "        第七十条　詐欺の行為により意匠登録又は審決を受けた者は、一年以下の［拘禁刑］"
    )
    assert lines[at + 2] == "改正前｜（詐欺の行為の罪）"
    assert lines[at + 3].startswith(
        "        第七十条　詐欺の行為により意匠登録又は審決を受けた者は、一年以下の［懲役］"
    )
    at = lines.index("改正後｜（偽証等の罪）")
    assert lines[at + 1].startswith("        第七十二条　この法律の規定により宣誓した証人")
    assert "［拘禁刑］" in lines[at + 1]
    assert lines[at + 5 : at + 7] == ["改正後｜　２　（略）", "改正前｜　２　（略）"]
    # two unchanged neighbours are 「２・３」, a longer run 「２～４」
    assert "改正後｜　２・３　（略）" in lines
    assert (
        "改正後｜　　一～七　（略）"
        in _diff_cli(*map(str, sorted((ROOT / "tests/data/egov/laws/405AC0000000088").glob("*.xml"))))[
            1
        ].splitlines()
    )


def test_identical_files_have_no_changes() -> None:
    result = CliRunner().invoke(main, ["diff", str(ISHO[0]), str(ISHO[0]), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def _division_records(old: Law, new: Law) -> list[tuple[str, str | None, str | None, list[str]]]:
    return [
        (c.kind, c.old_citation, c.new_citation, [t for op, t in c.spans if op != "equal"])
        for c in diff_laws(old, new).changes
        if (c.new or c.old).kind in ("part", "chapter", "section", "subsection", "division")  # type: ignore[union-attr]
    ]


def _title(law: Law, path: str) -> etree._Element:
    """The title element of a division found by its path, e.g. Chapter[@Num='4']/Section[@Num='1']."""
    return law.main.el.xpath(path + "/*[1]")[0]


def test_sections_are_known_by_their_chapter() -> None:
    """意匠法 has a 第一節 in 第四章 and in 第六章の二: renaming the first is reported under its own citation, not
    mixed up with the other one (sections are numbered afresh in each chapter)."""
    old, new = Law.from_file(ISHO[-1]), Law.from_file(ISHO[-1])
    _title(new, "Chapter[@Num='4']/Section[@Num='1']").text = "第一節　意匠権の設定"
    assert _division_records(old, new) == [("modified", "第四章第一節", "第四章第一節", ["の設定"])]


def test_a_chapter_inserted_renumbers_the_ones_after_it() -> None:
    """A new 第五章 before 審判: the chapters after it are renumbered (their numbers underlined), their sections
    keep their titles and are not reported, and only the new chapter is added."""
    old, new = Law.from_file(ISHO[-1]), Law.from_file(ISHO[-1])
    body = new.main.el
    renumber = {"5": ("6", "五", "六"), "6": ("7", "六", "七"), "6_2": ("7_2", "六", "七")}
    renumber |= {"7": ("8", "七", "八"), "8": ("9", "八", "九")}
    chapters = body.findall("Chapter")
    for chapter in chapters:
        if chapter.get("Num") in renumber:
            num, was, now = renumber[chapter.get("Num")]
            title = chapter.find("ChapterTitle")
            title.text = title.text.replace(f"第{was}章", f"第{now}章", 1)
            chapter.set("Num", num)
    inserted = etree.SubElement(body, "Chapter", Num="5")
    etree.SubElement(inserted, "ChapterTitle").text = "第五章　新しい章"
    chapters[4].addprevious(inserted)
    assert _division_records(old, new) == [
        ("added", None, "第五章", []),
        ("modified", "第五章", "第六章", ["第五章", "第六章"]),
        ("modified", "第六章", "第七章", ["第六章", "第七章"]),
        ("modified", "第六章の二", "第七章の二", ["第六章の二", "第七章の二"]),
        ("modified", "第七章", "第八章", ["第七章", "第八章"]),
        ("modified", "第八章", "第九章", ["第八章", "第九章"]),
    ]


def test_example_01_moves_new_paragraphs_and_knock_on_fix() -> None:
    ex = load("01")
    result = diff_laws(ex.old_law(), ex.new_law())
    by_kind = {(c.kind, c.old_citation, c.new_citation) for c in result.changes}
    for old_n, new_n in ((4, 6), (5, 7), (6, 8), (7, 9)):
        assert (
            "moved",
            f"第三十八条第{'〇一二三四五六七八九'[old_n]}項",
            f"第三十八条第{'〇一二三四五六七八九'[new_n]}項",
        ) in by_kind
    assert ("added", None, "第三十八条第二項") in by_kind
    assert ("added", None, "第三十八条第四項") in by_kind
    knock_on = [c for c in result.changes if c.new_citation == "第三十八条第五項"][0]
    assert knock_on.kind == "modified" and knock_on.moved
    assert [s for s in knock_on.spans if s[0] != "equal"] == [("delete", "前項"), ("insert", "第三項")]
    html = to_html(build_table(result, "改正前", "改正後"))
    assert "<u>第三項</u>" in html and "<u>前項</u>" in html
    assert html.count("（新設）") == 4  # 第二十二条第二項, 第三十八条第二項・第四項, 第三十九条第三項
    assert "<u>６</u>　（略）" in html and "<u>４</u>　（略）" in html
    assert "（傍線部分は改正部分）" in html
    assert "第二十二条　（略）" in html


def test_columns_order_is_a_choice() -> None:
    ex = load("05")
    table = build_table(diff_laws(ex.old_law(), ex.new_law()), "現行", "改正案")
    new_first = to_html(table, "new-old")
    old_first = to_html(table, "old-new")
    assert new_first.index("<th>改正後</th>") < new_first.index("<th>改正前</th>")
    assert old_first.index("<th>改正前</th>") < old_first.index("<th>改正後</th>")
    assert "（略）" in new_first


def test_docx_has_real_underlines_and_japanese_font(tmp_path: Path) -> None:
    from docx import Document

    ex = load("01")
    data = to_docx(build_table(diff_laws(ex.old_law(), ex.new_law()), "改正前", "改正後"))
    path = tmp_path / "t.docx"
    path.write_bytes(data)
    doc = Document(str(path))
    table = doc.tables[0]
    underlined = [
        r.text for row in table.rows for c in row.cells for p in c.paragraphs for r in p.runs if r.underline
    ]
    assert "第三項" in underlined and "前項" in underlined
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "MS Mincho"
    assert [c.text for c in table.rows[0].cells] == ["改正後", "改正前"]


def test_text_view_without_colour_when_not_a_tty() -> None:
    ex = load("01")
    text = to_text(build_table(diff_laws(ex.old_law(), ex.new_law()), "改正前", "改正後"))
    assert "\x1b[" not in text
    assert "［第三項］" in text
    coloured = to_text(build_table(diff_laws(ex.old_law(), ex.new_law()), "改正前", "改正後"), color=True)
    assert "\x1b[4m" in coloured


def test_char_diff_widens_to_units() -> None:
    assert [s for s in char_diff("五百円以下の罰金", "六百円以下の罰金") if s[0] != "equal"] == [
        ("delete", "五百円"),
        ("insert", "六百円"),
    ]
    spans = char_diff("法第十九条第十号に規定する", "法第十九条第十一号に規定する")
    assert [s for s in spans if s[0] != "equal"] == [
        ("delete", "第十九条第十号"),
        ("insert", "第十九条第十一号"),
    ]


def test_my_number_act_appendix_jasso_moved(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["appendix", "diff", "2016-01-01", "2025-10-01", "--format", "json", "-w", str(ROOT)]
    )
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    jasso = [r for r in records if r["old_label"] == "八十一"][0]
    assert jasso["kind"] == "moved" and jasso["new_label"] == "百十五" and jasso["reworded"]
    assert [r for r in records if r["old_label"] == "四十四"][0]["new_label"] == "六十四"
    text = CliRunner().invoke(main, ["appendix", "diff", "2016-01-01", "2025-10-01", "-w", str(ROOT)])
    assert "八十一の項 → 百十五の項" in text.stdout


def test_appendix_comparison_table_in_every_format(tmp_path: Path) -> None:
    """The appendix diff has the options of `hosei diff`: the table (html/docx, either column order) elides
    unchanged rows as （略）, marks new rows （新設）, and underlines a relabelled row's label (百十五 ← 八十一);
    unified is a line per row."""
    args = ["appendix", "diff", "2016-01-01", "2025-10-01", "-w", str(ROOT)]
    page = CliRunner().invoke(main, [*args, "--format", "html", "--columns", "old-new"])
    assert page.exit_code == 1
    assert "<title>別表（第九条関係）　新旧対照表</title>" in page.stdout
    assert page.stdout.index("改正前") < page.stdout.index("改正後")
    assert "三　（略）" in page.stdout and "（新設）" in page.stdout
    # the table's columns (項 | 主体 | 事務) stand as columns, not run together in one cell
    assert "<td><u>八十一</u></td><td>独立行政法人日本学生支援機構</td>" in page.stdout
    assert "<td><u>百十五</u></td><td>独立行政法人日本学生支援機構</td>" in page.stdout
    out = tmp_path / "beppyo.docx"
    word = CliRunner().invoke(main, [*args, "--format", "docx", "-o", str(out)])
    assert word.exit_code == 1 and out.stat().st_size > 10_000
    no_file = CliRunner().invoke(main, [*args, "--format", "docx"])
    assert no_file.exit_code == 2 and "Error: --format docx needs -o FILE" in no_file.output
    unified = CliRunner().invoke(main, [*args, "--format", "unified"]).stdout.splitlines()
    assert (
        "-八十一　独立行政法人日本学生支援機構｜独立行政法人日本学生支援機構法（平成十五年法律第九十四号）による学資の貸与に関する事務であって主務省令で定めるもの"
        in unified
    )


def test_appendix_diff_errors() -> None:
    """A version written as a date says what is wrong with the date; anything else is neither date nor revision."""
    for spec, message in [
        ("2016-13-01", "Error: invalid date: 2016-13-01 (month must be in 1..12)\n"),
        ("nosuchrev", "Error: not a date or a git revision: nosuchrev\n"),
    ]:
        result = CliRunner().invoke(main, ["appendix", "diff", spec, "2025-10-01", "-w", str(ROOT)])
        assert result.exit_code == 2 and result.stderr == message


def test_law_at_date_and_rev_path_versions() -> None:
    result = CliRunner().invoke(
        main,
        [
            "diff",
            "番号法@2016-01-01",
            "番号法@2025-10-01",
            "--citation",
            "第十九条",
            "--format",
            "json",
            "-w",
            str(ROOT),
        ],
    )
    assert result.exit_code == 1
    changes = json.loads(result.stdout)
    provision_item = [c for c in changes if c["new"] == "第十九条第十一号" and c["old"] == "第十九条第九号"]
    assert provision_item and provision_item[0]["moved"]
    same = CliRunner().invoke(
        main,
        [
            "diff",
            "HEAD:statutes/425AC0000000027.xml",
            "番号法@2025-10-01",
            "--format",
            "json",
            "-w",
            str(ROOT),
        ],
    )
    assert same.exit_code == 0, same.output


def test_unchanged_lead_in_of_an_article_is_elided() -> None:
    """第十九条's lead-in sentence is the same in 2016 and 2025 while its items change: the head row reads
    「第十九条　（略）」 on both sides, as official tables write it, and the changed items follow."""
    result = CliRunner().invoke(
        main,
        ["diff", "番号法@2016-01-01", "番号法@2025-10-01", "--citation", "第十九条", "-w", str(ROOT)],
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[5:9] == [
        "改正後｜（特定個人情報の提供の制限）",
        "        第十九条　（略）",
        "改正前｜（特定個人情報の提供の制限）",
        "        第十九条　（略）",
    ]
    code, out = _diff_cli(
        "番号法@2016-01-01", "番号法@2025-10-01", "--citation", "第十九条", "--context", "1"
    )
    assert out.splitlines()[6] == (
        "        第十九条　何人も、次の各号のいずれかに該当する場合を除き、特定個人情報の提供をしてはならない。"
    )


def test_division_titles_stand_where_the_division_begins() -> None:
    """My Number Act 2016 → 2025: 第六章 renamed (its committee moved out), its three sections deleted, 第六章の二
    added. Each title row says its title once, stands before the division's first article, and a new chapter's
    articles are shown once (in their own blocks), not again under the chapter title."""
    result = CliRunner().invoke(
        main, ["diff", "番号法@2016-01-01", "番号法@2025-10-01", "-w", str(ROOT)], color=False
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    chapter = lines.index("改正後｜　　　第六章　特定個人情報［の取扱いに関する監督等］")
    assert lines[chapter + 1 : chapter + 5] == [
        "改正前｜　　　第六章　特定個人情報［保護委員会］",
        "",
        "改正後｜（削る）",
        "改正前｜　　　　［第一節　組織］",
    ]
    assert lines[chapter + 6 : chapter + 8] == ["改正後｜（削る）", "改正前｜［（設置）"]
    new_chapter = lines.index("改正後｜　　　［第六章の二　機構処理事務等の実施に関する措置］")
    assert lines[new_chapter + 1 : new_chapter + 4] == [
        "改正前｜（新設）",
        "",
        "改正後｜［（機構処理事務管理規程）",
    ]
    assert sum("第三十八条の二　機構は" in line for line in lines) == 1
    assert lines.count("改正後｜　　　　第一節　特定個人情報保護評価［等］") == 1


def _diff_cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["diff", *args, "-w", str(ROOT)], color=False, env=env)
    return result.exit_code, result.stdout


def test_side_by_side_text_view() -> None:
    """--side-by-side lays the two columns out as the printed table does, each wrapped to half the terminal
    (wide characters count two cells), the changed wording bracketed when there is no colour."""
    import unicodedata

    code, out = _diff_cli(
        "番号法@2016-01-01",
        "番号法@2025-10-01",
        "--citation",
        "第十九条",
        "--side-by-side",
        env={"COLUMNS": "100"},
    )
    assert code == 1
    lines = out.splitlines()

    def cells(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)

    table = lines[lines.index("（［］内は改正部分）") + 2 :]
    assert table[0].startswith("改正後") and table[0].endswith(" │ 改正前")
    assert all(cells(line) <= 100 for line in table)
    assert all(cells(line.split(" │")[0]) == 48 for line in table[2:] if " │" in line)
    left = "".join(line.split(" │")[0].strip(" 　") for line in table[2:])
    right = "".join(line.split(" │ ")[1].strip(" 　") for line in table[2:] if " │ " in line)
    assert "提供するとき（［第十二号］に規定する場合を除く。）" in left
    assert "提供するとき（［第十号］に規定する場合を除く。）" in right
    assert "第十九条　（略）" in left and "（新設）" in right
    # 行頭禁則: no line of either column begins with 、。）」
    starts = [part.lstrip("　")[:1] for line in table[2:] for part in line.split(" │ ")]
    assert not set(starts) & set("、。）」")


def test_citation_new_on_one_side_is_added() -> None:
    """第六条の二 exists in 2025 only: it is reported as added with its whole text (JSON), （新設） in the table,
    and the unified diff shows that provision alone; a provision in neither version is an error (exit 2)."""
    code, out = _diff_cli(
        "番号法@2016-01-01", "番号法@2025-10-01", "--citation", "第六条の二", "--format", "json"
    )
    assert code == 1
    [record] = json.loads(out)
    assert (record["kind"], record["old"], record["new"], record["old_text"]) == (
        "added",
        None,
        "第六条の二",
        None,
    )
    assert record["new_text"].startswith(
        "（特定個人情報の正確性の確保のための内閣総理大臣の支援）\n第六条の二　内閣総理大臣は、"
    )
    code, out = _diff_cli("番号法@2016-01-01", "番号法@2025-10-01", "--citation", "第六条の二")
    assert code == 1 and "改正前｜（新設）" in out
    code, out = _diff_cli(
        "番号法@2016-01-01", "番号法@2025-10-01", "--citation", "第六条の二", "--format", "unified"
    )
    assert code == 1
    assert out.splitlines()[2:4] == [
        "@@ -0,0 +1,2 @@",
        "+（特定個人情報の正確性の確保のための内閣総理大臣の支援）",
    ]
    result = CliRunner().invoke(
        main, ["diff", "番号法@2016-01-01", "番号法@2025-10-01", "--citation", "第九百条", "-w", str(ROOT)]
    )
    assert result.exit_code == 2
    assert re.fullmatch(  # after the warning that 2016-01-01 falls in a gap of the bundled history
        r"Error: no such provision: 第九百条 \([0-9a-f]{10}:statutes/425AC0000000027\.xml\)\n",
        result.output.split("\n", 1)[1] if result.output.startswith("Warning:") else result.output,
    )


def test_unified_with_citation_is_that_provision_only() -> None:
    code, out = _diff_cli(
        "番号法@2016-01-01", "番号法@2025-10-01", "--citation", "第九条", "--format", "unified"
    )
    assert code == 1
    body = out.splitlines()[3:]
    assert body[0] == " （利用範囲）"
    assert all(line[1:].startswith(("（", "第九条", "２", "３", "４", "５", "６", "７")) for line in body)


def test_division_records_spell_their_spans() -> None:
    """A renamed chapter's old_text/new_text are its titles, as its spans spell them."""
    code, out = _diff_cli("番号法@2016-01-01", "番号法@2025-10-01", "--format", "json")
    chapters = [r for r in json.loads(out) if r["level"] == "chapter" and r["kind"] == "modified"]
    assert [(r["old_text"], r["new_text"]) for r in chapters] == [
        ("第六章　特定個人情報保護委員会", "第六章　特定個人情報の取扱いに関する監督等")
    ]
    for r in chapters:
        assert "".join(s["text"] for s in r["spans"] if s["op"] != "insert") == r["old_text"]


def test_diff_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "a.xml"), str(ISHO[0])])
    assert result.exit_code == 2
    assert result.stderr == f"Error: no such file, and not LAW, LAW@DATE or REV:PATH: {tmp_path / 'a.xml'}\n"
    result = CliRunner().invoke(main, ["diff", "番号法@2010-01-01", str(ISHO[0]), "-w", str(ROOT)])
    assert result.exit_code == 2 and "no revision in force on 2010-01-01" in result.stderr
    result = CliRunner().invoke(main, ["diff", "nosuchrev:statutes/x.xml", str(ISHO[0]), "-w", str(ROOT)])
    assert result.exit_code == 2 and result.stderr == "Error: unknown git revision: nosuchrev\n"


def test_git_diff_driver(tmp_path: Path) -> None:
    """`hosei init` writes .gitattributes; with the textconv driver, git log -p shows provisions."""
    ws = tmp_path / "ws"
    init = CliRunner().invoke(main, ["init", str(ws)])
    line = init.stdout.splitlines()[-1]
    assert line.split("run in it once: ", 1)[1] in (ROOT / "README.md").read_text(encoding="utf-8")
    assert line.startswith(
        'for provision-level git diffs, run in it once: git config diff.hosei.textconv "hosei '
    )
    assert (ws / ".gitattributes").read_text() == "statutes/*.xml diff=hosei\nappendix1/**/*.xml diff=hosei\n"
    hosei = shutil.which("hosei") or str(ROOT / ".venv" / "bin" / "hosei")
    # the printed line, run as a user would (with this environment's hosei)
    command = line.split("run in it once: ", 1)[1].replace('"hosei textconv"', f'"{hosei} textconv"')
    subprocess.run(command, shell=True, cwd=ws, check=True)  # noqa: S602 - the line hosei prints for users
    out = subprocess.run(
        ["git", "log", "-p", "-1", "--", "statutes/425AC0000000027.xml"],
        cwd=ws,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "+十一　地方公共団体の機関が、条例で定めるところにより" in out
    assert "<Sentence" not in out
    # hunk headers name the article the change is in
    headers = [h.split("@@")[-1].strip() for h in out.splitlines() if h.startswith("@@")]
    assert "第十九条" in headers and all(
        h == "" or re.fullmatch(r"第[^　]+条(の[^　]+)*", h) for h in headers
    )


def test_html_screenshot_in_headless_chromium(tmp_path: Path) -> None:
    ex = load("01")
    page = tmp_path / "taisho.html"
    page.write_text(
        to_html(build_table(diff_laws(ex.old_law(), ex.new_law()), "改正前", "改正後")), encoding="utf-8"
    )
    shot = tmp_path / "taisho.png"
    if not chromium_screenshot(page, shot, tmp_path / "profile"):
        pytest.skip(
            "chromium not installed (tests/artifacts/comparison-table-example01.png is the reference)"
        )
    assert shot.stat().st_size > 10_000


def test_e_gov_notation_is_not_a_change(tmp_path: Path) -> None:
    """e-Gov writes a paragraph number ≥ 10 now 「１０」, now 「10」, and merges 削除 ranges one way in one revision and
    another way in the next (「第十一条及び第十二条　削除」 / 「第十一条　削除」「第十二条　削除」): nothing changed in
    the law, so no diff format reports anything, and the 改め文 has no sentence."""
    source = ISHO_DIR / "334AC0000000125_20221001_503AC0000000042.xml"
    text = source.read_text(encoding="utf-8")
    merged = re.search(r"        <Article Num=\"11:12\">.*?</Article>", text, re.S)
    assert merged is not None
    one = merged.group(0).replace('Num="11:12"', 'Num="11"').replace("第十一条及び第十二条", "第十一条")
    split = one + "\n" + one.replace('Num="11"', 'Num="12"').replace("第十一条", "第十二条")
    (tmp_path / "old.xml").write_text(text, encoding="utf-8")
    (tmp_path / "new.xml").write_text(text.replace(merged.group(0), split), encoding="utf-8")
    telecom = ROOT / "tests/data/egov/corpus/359AC0000000086/359AC0000000086_20201201_430AC0000000095.xml"
    wide = telecom.read_text(encoding="utf-8")
    assert "<ParagraphNum>１０</ParagraphNum>" in wide
    (tmp_path / "wide.xml").write_text(wide, encoding="utf-8")
    (tmp_path / "narrow.xml").write_text(
        wide.replace("<ParagraphNum>１０</ParagraphNum>", "<ParagraphNum>10</ParagraphNum>"), encoding="utf-8"
    )
    for a, b in (("old", "new"), ("wide", "narrow")):
        old, new = Law.from_file(tmp_path / f"{a}.xml"), Law.from_file(tmp_path / f"{b}.xml")
        assert diff_laws(old, new).changes == []
        for fmt in ("json", "text"):
            r = CliRunner().invoke(
                main, ["diff", str(tmp_path / f"{a}.xml"), str(tmp_path / f"{b}.xml"), "--format", fmt]
            )
            assert r.exit_code == 0, (a, fmt, r.output)


@pytest.mark.parametrize(
    ("old", "new", "deleted", "inserted"),
    [
        ("申請書又は届出書を", "申請書若しくは届出書を", "又は", "若しくは"),
        ("前項の規定により", "同項の規定により", "前項", "同項"),
        ("前二項の規定", "前三項の規定", "前二項", "前三項"),
        ("第三条及び第四条", "第三条並びに第四条", "及び", "並びに"),
    ],
)
def test_underlines_cover_whole_words(old: str, new: str, deleted: str, inserted: str) -> None:
    """A change of 又は to 若しくは underlines 又は and 若しくは — never 「又」 and 「若しく」 (the comparison tables'
    傍線 follow the character diff)."""
    from hosei.compare.chars import char_diff

    spans = char_diff(old, new)
    assert [t for op, t in spans if op == "delete"] == [deleted]
    assert [t for op, t in spans if op == "insert"] == [inserted]
