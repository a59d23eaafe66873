"""The corpus sweep (hosei corpus check): real e-Gov history diffed, written as 改め文, applied back, compared.

The vendored corpus (tests/data/egov/corpus: 11 laws, 102 revisions) with 意匠法 and 行政手続法 gives 112
consecutive pairs. Nothing may be wrong or crash; the share of exact pairs may only go up (the floor below is the
figure measured when it was last raised; BENCHMARKS.md has the latest sweep)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.amend.apply import amend
from hosei.amend.corpus import check_pair, consecutive_pairs, find_revisions, reason_kind, summary, sweep
from hosei.amend.generate import generate
from hosei.cli import main
from hosei.compare.diff import diff_laws
from hosei.core.errors import HoseiError
from hosei.core.model import Law
from hosei.text.comparable import comparable

from conftest import CORPUS, GYOSEI_DIR, ISHO_DIR, ROOT

#: exact pairs over the 112, as last measured (raise it when coverage grows; never lower it)
EXACT_FLOOR = 111


def _pair(law: str, old: str, new: str) -> tuple[Law, Law]:
    folder = CORPUS / law
    return Law.from_file(folder / f"{law}_{old}.xml"), Law.from_file(folder / f"{law}_{new}.xml")


def _round_trip(old: Law, new: Law) -> str:
    text = generate(diff_laws(old, new))
    amended, _ = amend(old, text)
    assert comparable(amended.root) == comparable(new.root)
    return text


@pytest.fixture(scope="module")
def swept() -> list:  # type: ignore[type-arg]
    pairs = consecutive_pairs(find_revisions([CORPUS, ISHO_DIR, GYOSEI_DIR]))
    return sweep(pairs, jobs=2)


@pytest.mark.slow
def test_the_whole_corpus_is_exact_or_refused(swept: list) -> None:  # type: ignore[type-arg]
    counts = summary(swept)
    assert counts["pairs"] == 112
    assert counts["wrong"] == 0, [r for r in swept if r.status == "wrong"]
    assert counts["crash"] == 0, [(r.new, r.reason, r.detail) for r in swept if r.status == "crash"]
    assert counts["exact"] >= EXACT_FLOOR
    for r in swept:
        if r.status == "refused":
            assert r.reason and "Traceback" not in r.reason


def test_revisions_are_ordered_by_enforcement_date_then_act() -> None:
    revisions = find_revisions([CORPUS / "339AC0000000170"])["339AC0000000170"]
    assert len(revisions) == 23
    keys = [(r.enforced, r.act_id) for r in revisions]
    assert keys == sorted(keys)
    # the base text comes first, and two revisions of one day follow their acts' order
    assert revisions[0].act_id == "0" * 15
    same_day = [r.act_id for r in revisions if r.enforced.isoformat() == "2019-04-01"]
    assert same_day == ["427AC0000000047", "429AC0000000041"]


def test_a_misnamed_file_is_an_error(tmp_path: Path) -> None:
    shutil.copy(
        CORPUS / "505CO0000000222" / "505CO0000000222_20230630_000000000000000.xml", tmp_path / "x.xml"
    )
    with pytest.raises(HoseiError, match="not named by an e-Gov revision id"):
        find_revisions([tmp_path])


def test_reasons_group_without_their_particulars() -> None:
    a = reason_kind("cannot read 「第六十六条の十六を第六十六条の十七とし」 — in 「…」 (<amendment>:71)")
    b = reason_kind("cannot read 「第二十八条の五十七を第二十八条の五十八とし」 — in 「…」 (<amendment>:86)")
    assert a == b == "cannot read 「…」"


def test_cli_table_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    folder = str(CORPUS / "419M60400000005")
    result = runner.invoke(main, ["corpus", "check", folder])
    assert result.exit_code == 0, result.output
    assert "2 pairs: 2 exact (100.0%), 0 refused, 0 wrong, 0 crash" in result.output
    out = tmp_path / "sweep.json"
    result = runner.invoke(main, ["corpus", "check", folder, "--format", "json", "-o", str(out)])
    assert result.exit_code == 0 and result.output == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["exact"] == 2 and [p["status"] for p in data["pairs"]] == ["exact", "exact"]
    assert data["pairs"][0]["law_id"] == "419M60400000005"


def test_cli_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["corpus", "check", str(CORPUS / "504CO0000000364")])
    assert result.exit_code == 2 and "no law has two revisions" in result.output
    result = runner.invoke(main, ["corpus", "check", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no such file or folder: ")
    result = runner.invoke(main, ["corpus", "check", str(CORPUS), "--jobs", "0"])
    assert result.exit_code == 2


def test_an_unreadable_file_fails_the_sweep_with_its_file_and_line(tmp_path: Path) -> None:
    """Bad input is not a known gap: the pair is unreadable, the reason names the file and line, exit 1."""
    good = CORPUS / "505CO0000000222" / "505CO0000000222_20230630_000000000000000.xml"
    shutil.copy(good, tmp_path / good.name)
    bad = tmp_path / "505CO0000000222_20240101_000000000000000.xml"
    bad.write_text("<Law><LawBody>", encoding="utf-8")
    result = CliRunner().invoke(main, ["corpus", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "0 wrong, 0 crash, 1 unreadable" in result.output
    assert "Error: 1 of 1 pairs wrong, crashed or unreadable; first: malformed XML: " in result.output
    assert f"({bad}:1)" in result.output


def test_a_pair_result_never_raises() -> None:
    """A refusal is a result with its reason, not an exception."""
    revisions = find_revisions([CORPUS / "359AC0000000086"])["359AC0000000086"]
    i = next(k for k, r in enumerate(revisions) if "20181101_430AC0000000024" in str(r))
    result = check_pair(revisions[i - 1], revisions[i])
    assert result.status == "refused" and "not supported yet" in result.reason


# --- forms met in the corpus, each on the real pair it came from ---------------------------------------------


def test_branch_numbered_articles_moved_are_read() -> None:
    """電気事業法 2016 → 2017 moves 第六十六条の十一… up by one: 「第六十六条の十六を第六十六条の十七とし、…」."""
    text = _round_trip(*_pair("339AC0000000170", "20160401_000000000000000", "20170401_428AC0000000059"))
    assert "第六十六条の十六を第六十六条の十七とし" in text


def test_new_chapters_are_added_whole_and_the_own_suppl_amended_in_line() -> None:
    """不正競争防止法 2015 → 2016 adds 第七章 to 第九章 at the end and amends its 附則 as enacted."""
    text = _round_trip(*_pair("405AC0000000047", "20150801_000000000000000", "20160101_427AC0000000054"))
    assert "　　第六章の次に次の三章を加える。" in text.splitlines()
    assert "　　　　第七章　没収に関する手続等の特例" in text.splitlines()
    assert any(line.startswith("　　附則第三条中") for line in text.splitlines())


def test_an_article_given_a_text_again_is_replaced_not_added_and_deleted() -> None:
    """電気通信事業法 2024 → 2025: 「第百七十八条　削除」 gets a text again."""
    text = _round_trip(*_pair("359AC0000000086", "20240601_505AC0000000040", "20250616_504AC0000000068"))
    assert "　　第百七十八条を次のように改める。" in text.splitlines()
    assert "第百七十八条を削る。" not in text


def test_toc_quotations_are_checked_in_sequence() -> None:
    """電気事業法 2020 → 2021: 「…五十」→「…五十二」 then 「…五十二」→「…五十四」 would change the first twice, so the
    目次 is given whole."""
    text = _round_trip(*_pair("339AC0000000170", "20201001_502AC0000000049", "20210401_502AC0000000049"))
    assert "　　目次を次のように改める。" in text.splitlines()


def test_an_appendix_table_of_items_is_compared_and_amended_item_by_item() -> None:
    """公害防止組織令 2017-08-16: 別表第一 is a list of items, not a table of rows; its 第五号 becomes 削除. The
    comparison shows it (it used to show nothing) and the item is replaced keeping its number."""
    old, new = _pair("346CO0000000264", "20170401_429CO0000000040", "20170816_427CO0000000378")
    result = diff_laws(old, new)
    changed = [(c.kind, c.old_citation, c.new_citation) for c in result.changes if c.kind != "added"]
    assert changed == [("modified", "別表第一第五号", "別表第一第五号")]
    text = _round_trip(old, new)
    assert text.splitlines()[1:3] == ["　　別表第一第五号を次のように改める。", "　五　削除"]


def test_an_item_of_an_appendix_table_is_cited_not_its_table() -> None:
    law = _pair("346CO0000000264", "20170401_429CO0000000040", "20170816_427CO0000000378")[0]
    assert law.find("別表第一第五号").own_text() == "別表第一第二十五号に掲げる施設"
    with pytest.raises(HoseiError, match="no such provision: 別表第一第九十九号"):
        law.find("別表第一第九十九号")


def test_a_subitem_change_is_written_part_by_part() -> None:
    """電気事業法 2019-04-01 (平成二十九年法律第四十一号): a subitem of 第六十九条 changes; it is amended where it
    stands (「第六十九条第一項第一号ロ中…」), no longer by rewriting the article whole."""
    text = _round_trip(*_pair("339AC0000000170", "20190401_427AC0000000047", "20190401_429AC0000000041"))
    assert any(
        line.startswith("　　第六十九条第一項第一号ロ中「短期大学」の下に") for line in text.splitlines()
    )
    assert "　　第六十九条を次のように改める。" not in text.splitlines()


def test_an_article_the_applier_cannot_amend_in_parts_is_rewritten_whole() -> None:
    """電気通信事業法 2017-10-01: a change in 第八十七条 falls inside words that carry ruby, which a wording sentence
    cannot reach (the applier refuses it); the generator then writes that article whole (「第八十七条を次のように
    改める。」) and the round trip holds. (第十二条の二, with a table inside, is written whole too.)"""
    text = _round_trip(*_pair("359AC0000000086", "20160521_427AC0000000026", "20171001_429AC0000000027"))
    assert "　　第八十七条を次のように改める。" in text.splitlines()
    assert "　　第十二条の二を次のように改める。" in text.splitlines()


# --- the official forms of the 拘禁刑 act (令和四年法律第六十八号), on 電気事業法 as it stood before it ------------

_KOKIN_OLD, _KOKIN_NEW = "20250606_505AC0000000044", "20250616_504AC0000000068"


def _provision_text(law: Law, citation: str) -> str:
    from hosei.core.lawtext import render_provision

    return "\n".join(render_provision(law.find(citation)))


@pytest.mark.parametrize(
    ("sentence", "provisions"),
    [
        ("第百十五条及び第百十六条中「懲役」を「拘禁刑」に改める。", ["第百十五条", "第百十六条"]),
        (
            "第百十七条から第百十七条の三までの規定及び第百十七条の四中「懲役」を「拘禁刑」に改める。",
            ["第百十七条", "第百十七条の二", "第百十七条の三", "第百十七条の四"],
        ),
        (
            "第二十八条の二十一第二号及び第九十七条第一項第六号イ中「禁錮」を「拘禁刑」に改める。",
            ["第二十八条の二十一第二号", "第九十七条第一項第六号"],
        ),
        (
            "第百十五条第二項、第百十六条及び第百十七条の五中「懲役」を「拘禁刑」に改める。",
            ["第百十五条第二項", "第百十六条", "第百十七条の五"],
        ),
        ("第百十七条の四から第百十七条の六までの規定中「懲役」を「拘禁刑」に改める。", ["第百十七条の六"]),
        ("第百十五条第一項及び同条第二項中「懲役」を「拘禁刑」に改める。", ["第百十五条"]),
    ],
)
def test_official_forms_naming_several_provisions(sentence: str, provisions: list[str]) -> None:
    """One wording change in every provision a sentence names: lists with 、 and 及び, ranges with and without
    「の規定」, mixed levels down to a subitem (第九十七条第一項第六号イ), 同条 after a target. Each named provision
    then reads as the 2025 text reads it."""
    old, new = _pair("339AC0000000170", _KOKIN_OLD, _KOKIN_NEW)
    amended, _ = amend(
        old, f"電気事業法（昭和三十九年法律第百七十号）の一部を次のように改正する。\n　　{sentence}\n"
    )
    result = Law(amended)
    for citation in provisions:
        assert _provision_text(result, citation) == _provision_text(new, citation), citation


def test_several_provisions_an_unknown_one_is_an_error() -> None:
    old, _ = _pair("339AC0000000170", _KOKIN_OLD, _KOKIN_NEW)
    with pytest.raises(HoseiError, match=r"no such provision: 第九百条 — in 「第百十五条及び第九百条中"):
        amend(old, "　　第百十五条及び第九百条中「懲役」を「拘禁刑」に改める。\n")


def test_an_appendix_table_deleted() -> None:
    """「別表第二を削る。」 (as the My Number Act's 別表第二 went in 2025), written and read."""
    old, _ = _pair("359AC0000000086", "20240601_505AC0000000040", "20250616_504AC0000000068")
    titles = [(t.findtext("AppdxTableTitle") or "").strip() for t in old.root.iter("AppdxTable")]
    assert any(t.startswith("別表第二") for t in titles)
    amended, _ = amend(old, "　　別表第二を削る。\n")
    left = [(t.findtext("AppdxTableTitle") or "").strip() for t in amended.root.iter("AppdxTable")]
    assert left == [t for t in titles if not t.startswith("別表第二")]
    import copy

    new_doc = copy.deepcopy(old.doc)
    for table in list(new_doc.root.iter("AppdxTable")):
        if (table.findtext("AppdxTableTitle") or "").strip().startswith("別表第二"):
            table.getparent().remove(table)
    text = _round_trip(old, Law(new_doc))
    assert "　　別表第二を削る。" in text.splitlines()


def test_the_collective_form_names_the_law_in_an_item() -> None:
    """「次に掲げる法律の規定中「懲役」を「拘禁刑」に改める。」 with an item per law (the 拘禁刑 act's form for laws
    changed only in that word): the item naming BASE is applied — a list, a range with 「の規定」 and 及び — and the
    others are not; an act whose items name other laws only is for another law."""
    old, new = _pair("339AC0000000170", _KOKIN_OLD, _KOKIN_NEW)
    act = (
        "　　　刑法等の一部を改正する法律の施行に伴う関係法律の整理等に関する法律\n"
        "（関係法律の一部改正）\n"
        "第百条　次に掲げる法律の規定中「懲役」を「拘禁刑」に改める。\n"
        "一　特許法（昭和三十四年法律第百二十一号）第百九十六条\n"
        "二　電気事業法（昭和三十九年法律第百七十号）第百十五条、第百十六条及び第百十七条から第百十七条の三までの規定\n"
        "三　意匠法（昭和三十四年法律第百二十五号）第六十九条\n"
    )
    result = Law(amend(old, act)[0])
    for citation in ("第百十五条", "第百十六条", "第百十七条", "第百十七条の二", "第百十七条の三"):
        assert _provision_text(result, citation) == _provision_text(new, citation), citation
    other = act.replace(
        "二　電気事業法（昭和三十九年法律第百七十号）", "二　ガス事業法（昭和二十九年法律第五十一号）"
    )
    with pytest.raises(HoseiError, match="the amendment is for another law|no amendment sentences"):
        amend(old, other)


def test_the_same_change_in_neighbouring_articles_is_one_sentence() -> None:
    """電気事業法's 拘禁刑 revision, generated: 「懲役」→「拘禁刑」 in 第百十六条 to 第百十七条の六 is one sentence naming
    the range, as the act writes it, and the text still applies back to the new revision."""
    text = _round_trip(*_pair("339AC0000000170", _KOKIN_OLD, _KOKIN_NEW))
    assert "　　第百十六条から第百十七条の六までの規定中「懲役」を「拘禁刑」に改める。" in text.splitlines()
    assert "　　第百十六条中「懲役」を「拘禁刑」に改める。" not in text.splitlines()


def test_grouping_lists_and_ranges() -> None:
    from hosei.amend.generate import grouped

    order = {f"第{n}条": i for i, n in enumerate(["一", "二", "三", "四", "五"])}
    ops = "「甲」を「乙」に改める"
    sentences = [(f"{c}中{ops}。", []) for c in ("第一条", "第二条", "第三条", "第五条第二項")]
    sentences.append(("第五条を削る。", []))
    assert grouped(sentences, order) == [
        (f"第一条から第三条までの規定及び第五条第二項中{ops}。", []),
        ("第五条を削る。", []),
    ]
    two = [(f"{c}中{ops}。", []) for c in ("第一条", "第二条")]
    assert grouped(two, order) == [(f"第一条及び第二条中{ops}。", [])]


def test_a_main_provision_restructured_is_rewritten_whole() -> None:
    """再処理法 2016-10-01: chapters and sections added, articles deleted while others move — beyond what sentences
    written part by part reach. The acts then write 「本則を次のように改める。」 with the new main provision; the 目次
    a law gets for the first time is 「題名の次に次の目次を付する。」. Both written, read, and the round trip holds."""
    text = _round_trip(*_pair("417AC0000000048", "20160401_427AC0000000047", "20161001_428AC0000000040"))
    lines = text.splitlines()
    assert "　　本則を次のように改める。" in lines
    assert "　　題名の次に次の目次を付する。" in lines
    assert lines.index("　　題名の次に次の目次を付する。") < lines.index("　　本則を次のように改める。")


def test_the_my_number_act_2016_to_2025_generates_and_applies_back() -> None:
    """The My Number Act's own history, ten years of amendments in one text (its 附則 of earlier acts included)."""
    r = CliRunner().invoke(
        main,
        [
            "diff",
            "番号法@2016-01-01",
            "番号法@2025-10-01",
            "--format",
            "kaimebun",
            "--allow-gaps",
            "-w",
            str(ROOT),
        ],
    )
    assert r.exit_code == 1, r.output  # 1: the versions differ
    assert "　　本則を次のように改める。" in r.stdout.splitlines()


def test_the_self_check_compares_the_changed_provisions_and_sees_any_other_change() -> None:
    """The self-check in proportion to the change: the provisions the diff changed are compared with NEW, every
    other one must be OLD's byte for byte — a sentence that also changed an untouched article is seen (None: the
    whole law is then compared), one that missed a change is seen (False)."""
    from hosei.amend.selfcheck import reproduced_where_changed

    old, new = _pair("339AC0000000170", _KOKIN_OLD, _KOKIN_NEW)
    result = diff_laws(old, new)
    text = generate(result)
    changed = [p.el for c in result.changes for p in (c.old, c.new) if p is not None]
    amended, _ = amend(old, text)
    before = old.doc.to_bytes()
    assert reproduced_where_changed(old.root, amended.root, new.root, changed) is True
    assert old.doc.to_bytes() == before  # the units stood in for while comparing are back where they were
    head, _, rest = text.partition("\n")
    stray, _ = amend(old, f"{head}\n　　第一条中「電気事業」を「電気の事業」に改める。\n{rest}")
    assert reproduced_where_changed(old.root, stray.root, new.root, changed) is None
    missed = "\n".join(line for line in text.splitlines() if not line.startswith("　　第百十六条から"))
    short, _ = amend(old, missed)
    assert reproduced_where_changed(old.root, short.root, new.root, changed) is False


def test_one_paragraph_moved_is_named_in_full_and_a_new_first_paragraph_names_its_article() -> None:
    """電気通信事業法 2023-06-16: 「第十六条第四項を同条第五項とし、同項の次に…」 (not 「第十六条中第四項を第五項とし」), and
    「…同条に第一項として次の一項を加える」 — never 「、に第一項として」 without the article."""
    text = _round_trip(*_pair("359AC0000000086", "20230614_505AC0000000053", "20230616_504AC0000000070"))
    lines = text.splitlines()
    assert "　　第十六条第四項を同条第五項とし、同項の次に次の一項を加える。" in lines
    assert "　　第百十二条第一項を同条第二項とし、同条に第一項として次の一項を加える。" in lines


def test_an_article_with_a_reading_table_rewritten_whole_reads_back() -> None:
    """電気通信事業法 2020-05-22: 第百四条 (with a 読替え table whose cells span rows) is written whole; e-Gov marks
    some cells colspan="1", which no printed text carries — a default, not a difference."""
    text = _round_trip(*_pair("359AC0000000086", "20200401_429AC0000000045", "20200522_502AC0000000030"))
    assert "　　第百四条を次のように改める。" in text.splitlines()


def test_an_item_of_columns_is_never_quoted_across_its_columns() -> None:
    """原子力基本法 2015 → 2023: e-Gov carries an earlier act's 施行期日 item as two columns (provisions ｜ 公布の日) and
    later as 「略」. A quotation spanning both columns cannot be applied (the applier finds each column's text on its
    own): the article is written whole instead, and the pair is exact."""
    folder = CORPUS / "330AC1000000186"
    old = Law.from_file(folder / "330AC1000000186_20150801_000000000000000.xml")
    new = Law.from_file(folder / "330AC1000000186_20230607_505AC0000000044.xml")
    text = generate(diff_laws(old, new))
    assert "　公布の日」を" not in text
    assert "附則第一条を次のように改める。" in text
    assert comparable(amend(old, text)[0].root) == comparable(new.root)


def test_paragraphs_moving_up_go_front_to_back() -> None:
    """電気事業法 2019 → 2020: the 附則 of paragraphs moves 7–9 up to 4–6 and 12 to 9 (into numbers e-Gov no longer
    carries) and adds twelve after it. Moving up, each paragraph must go into a number already free: front to back,
    the insertion after the last (back to front, 「附則第十二項を第九項とし」 would meet the old 第九項)."""
    folder = CORPUS / "339AC0000000170"
    old = Law.from_file(folder / "339AC0000000170_20190401_429AC0000000041.xml")
    new = Law.from_file(folder / "339AC0000000170_20200401_427AC0000000047.xml")
    text = generate(diff_laws(old, new))
    assert (
        "附則第七項を第四項とし、附則第八項を附則第五項とし、附則第九項を附則第六項とし、附則第十二項を附則第九項とし、"
        "同項の次に次の十二項を加える。"
    ) in text
    assert comparable(amend(old, text)[0].root) == comparable(new.root)


def _items_law(items: list[tuple[int, str]]) -> Law:
    from hosei.core.numerals import to_kanji
    from hosei.core.xmlio import parse_bytes

    body = "".join(
        f'<Item Num="{n}"><ItemTitle>{to_kanji(n)}</ItemTitle><ItemSentence><Sentence Num="1">{text}</Sentence>'
        "</ItemSentence></Item>"
        for n, text in items
    )
    xml = (
        '<Law Era="Reiwa" Lang="ja" LawType="Act" Num="1" Year="1"><LawNum>令和元年法律第一号</LawNum><LawBody>'
        '<LawTitle>試験法</LawTitle><MainProvision><Article Num="1"><ArticleTitle>第一条</ArticleTitle>'
        '<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence Num="1">次に掲げる事項とする。</Sentence>'
        f"</ParagraphSentence>{body}</Paragraph></Article></MainProvision></LawBody></Law>"
    )
    return Law(parse_bytes(xml.encode(), "試験法.xml"))


def test_items_moving_up_go_front_to_back() -> None:
    """Items moving up into numbers the text no longer carries (e-Gov's gaps), with one added after the last: each
    moves into a free number, front to back (back to front, 「第六号を第四号とし」 would meet the old 第四号)."""
    old = _items_law([(1, "甲"), (2, "乙"), (4, "丙"), (6, "丁")])
    new = _items_law([(1, "甲"), (2, "乙"), (3, "丙"), (4, "丁"), (5, "戊")])
    text = generate(diff_laws(old, new))
    assert "第一条中第四号を第三号とし、第六号を第四号とし、同号の次に次の一号を加える。" in text
    assert comparable(amend(old, text)[0].root) == comparable(new.root)
