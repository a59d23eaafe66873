"""Applying the official amendment sentences of real amendments reproduces the new texts exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from examples import load
from hosei.amend.apply import amend
from hosei.cli import main
from hosei.core.errors import HoseiError
from hosei.core.model import Law
from hosei.core.numerals import to_kanji
from hosei.text.comparable import comparable
from hosei.text.parse import parse_text

from conftest import DATA


@pytest.mark.parametrize("name", ["01", "02", "03", "07"])
def test_official_amendments_reproduce_the_new_text(name: str) -> None:
    """The official amendment applied to the old text gives the new one. 07 (令和五年法律第五十三号 第百二十五条) moves
    thirteen articles back to front (「第四十九条から第五十三条までを三条ずつ繰り下げ」), inserts three, changes
    headings (「第四十六条の見出しを…に改め」「第五十五条の見出し中…」), replaces a 後段 with a 読替え table printed one
    cell per line, and adds a 後段 (「同項に後段として次のように加える」)."""
    ex = load(name)
    doc, _ = amend(ex.old_law(), ex.amendment)
    assert comparable(doc.root) == comparable(ex.new_law().root)


def test_example_04_old_style_paragraphs() -> None:
    """戸籍法 has no official paragraph numbers (②③ are editorial, Paragraph@OldStyle): 「同項の次に次の一項を加
    える」 adds an unnumbered paragraph and the old ③ becomes ④ with no sentence saying so. The example's 目次
    sentence is left out: its 目次 is not part of the excerpt."""
    ex = load("04")
    amendment = "\n".join(line for line in ex.amendment.splitlines() if not line.strip().startswith("目次中"))
    doc, _ = amend(ex.old_law(), amendment)
    assert comparable(doc.root) == comparable(ex.new_law().root)
    article3 = [p for p in doc.root.iter("Paragraph") if p.getparent().findtext("ArticleTitle") == "第三条"]
    assert [(p.get("Num"), p.findtext("ParagraphNum") or "") for p in article3] == [
        ("1", ""),
        ("2", "②"),
        ("3", "③"),
        ("4", "④"),
    ]


def test_toc_wording_is_amended_too() -> None:
    ex = load("02")
    doc, _ = amend(ex.old_law(), ex.amendment)
    toc = "".join(Law(doc).root.find("LawBody/TOC").itertext())
    assert "（第四十一条―第六十一条）" in toc


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_amend(tmp_path: Path) -> None:
    ex = load("01")
    base = _write(tmp_path, "old.txt", ex.old_text)
    amendment = _write(tmp_path, "amendment.txt", ex.amendment)
    out = tmp_path / "new.xml"
    result = CliRunner().invoke(main, ["amend", str(base), str(amendment), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert comparable(Law.from_file(out).root) == comparable(ex.new_law().root)


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        ("第三十八条第十一項中「前項」を「第三項」に改める。", "no such provision: 第三十八条第十一項"),
        (
            "第三十八条第二項中「存在しない語句」を「語句」に改める。",
            "「存在しない語句」 not found in the provision",
        ),
        ("第三十八条第二項中「前項」を「第三項に改める。", "unbalanced 「」"),
        ("第九十九条第一項中「前項」を「第三項」に改める。", "no such provision: 第九十九条"),
    ],
)
def test_bad_amendments_name_the_sentence(tmp_path: Path, sentence: str, message: str) -> None:
    ex = load("01")
    base = _write(tmp_path, "old.txt", ex.old_text)
    amendment = _write(
        tmp_path,
        "a.txt",
        "借地借家法（平成三年法律第九十号）の一部を次のように改正する。\n　" + sentence + "\n",
    )
    out = tmp_path / "new.xml"
    result = CliRunner().invoke(main, ["amend", str(base), str(amendment), "-o", str(out)])
    assert result.exit_code == 1
    assert message in result.stderr and f"({amendment}:2)" in result.stderr
    assert not out.exists()


def test_amendment_for_another_law() -> None:
    ex = load("01")
    law = ex.old_law()
    law.root.find("LawBody/LawTitle").text = "借地借家法"
    with pytest.raises(HoseiError, match="the amendment is for another law"):
        amend(
            law,
            "戸籍法（昭和二十二年法律第二百二十四号）の一部を次のように改正する。\n　第一条中「甲」を「乙」に改める。\n",
        )


# --- generation -----------------------------------------------------------------------------------
from hosei.amend.generate import generate  # noqa: E402
from hosei.compare.diff import diff_laws  # noqa: E402


def _official(text: str) -> list[str]:
    return [
        line.strip("　")
        for line in text.splitlines()
        if line.startswith("　　")
        and line.rstrip().endswith("。")
        and not line.startswith(("　　（", "　　　"))  # captions and new text (a 後段) are not sentences
    ]


@pytest.mark.parametrize("name", ["01", "02", "03", "04", "05", "07"])
def test_round_trip_apply_generate(name: str) -> None:
    """apply(old, generate(old, new)) == new on the real examples."""
    ex = load(name)
    text = generate(diff_laws(ex.old_law(), ex.new_law()))
    doc, _ = amend(ex.old_law(), text)
    assert comparable(doc.root) == comparable(ex.new_law().root)
    if name == "04":  # no sentence moves an editorial number, and the new paragraph is printed without one
        assert "項を第" not in text and "③" not in text
    if (
        name == "07"
    ):  # articles moved back to front, new ones added where room was made (drafting rules, order 3)
        assert "　　第六十一条を第六十四条とする。\n" in text
        assert "、第五十九条を第六十二条とし、第五十八条を第六十一条とする。\n" in text
        assert (
            "、第五十四条を第五十七条とし、第四十九条から第五十三条までを三条ずつ繰り下げ、第四十八条を第五十条とし、同条の次に次の一条を加える。\n"
            in text
        )
        assert "　　第四十七条を第四十九条とし、第四十六条の次に次の二条を加える。\n" in text


#: Share of the official sentences the generator reproduces exactly; it must never drop (see BENCHMARKS.md).
OFFICIAL_SHARE = {"01": 1.0, "02": 1.0, "03": 1.0, "04": 1.0, "07": 1.0}


@pytest.mark.parametrize("name", sorted(OFFICIAL_SHARE))
def test_official_sentences_reproduced(name: str) -> None:
    ex = load(name)
    mine = set(_official(generate(diff_laws(ex.old_law(), ex.new_law()))))
    # 目次 sentences count where the example carries the 目次 (04's text leaves it out)
    official = [s for s in _official(ex.amendment) if not s.startswith("目次中") or "目次" in ex.old_text]
    share = sum(1 for s in official if s in mine) / len(official)
    assert share >= OFFICIAL_SHARE[name], (official, mine)


def test_cli_diff_kaimebun(tmp_path: Path) -> None:
    ex = load("01")
    old = _write(tmp_path, "old.txt", ex.old_text)
    new = _write(tmp_path, "new.txt", ex.new_text)
    result = CliRunner().invoke(
        main, ["diff", str(old), str(new), "--format", "kaimebun", "--enforce", "2022-05-18"]
    )
    assert result.exit_code == 1
    assert "　　第三十八条中第七項を第九項とし、第四項から第六項までを二項ずつ繰り下げ、" in result.stdout
    assert result.stdout.rstrip().endswith("この法律は、令和四年五月十八日から施行する。")
    result = CliRunner().invoke(
        main, ["diff", str(old), str(new), "--format", "kaimebun", "--style", "municipal"]
    )
    # municipal style: the amending act's title first, one sentence per line, its own 附則
    assert result.exit_code == 1
    assert result.stdout.startswith("　　　（題名）の一部を改正する条例\n")  # the example has no title line
    assert result.stdout.endswith("　　　附　則\n　この条例は、公布の日から施行する。\n")


_ISHO = sorted((DATA / "egov" / "laws" / "334AC0000000125").glob("*.xml"))
_GYOSEI = sorted((DATA / "egov" / "laws" / "405AC0000000088").glob("*.xml"))
_ROUND_TRIP_PAIRS = [*zip(_ISHO, _ISHO[1:], strict=False), (_GYOSEI[0], _GYOSEI[-1])]


@pytest.mark.parametrize(("a", "b"), _ROUND_TRIP_PAIRS, ids=lambda p: p.stem)
def test_real_revision_pairs_round_trip(a: Path, b: Path) -> None:
    """Every consecutive 意匠法 pair and the 行政手続法 pair: apply(old, generate(old, new)) == new (C14N of main
    provision, 附則 and appendix, see textparse.comparable)."""
    assert len(_ISHO) == 21
    old, new = Law.from_file(a), Law.from_file(b)
    text = generate(diff_laws(old, new))
    doc, _ = amend(old, text)
    assert comparable(doc.root) == comparable(new.root)


def _sentences_for(old_name: str, new_name: str) -> list[str]:
    folder = DATA / "egov" / "laws" / "334AC0000000125"
    old = Law.from_file(folder / f"334AC0000000125_{old_name}.xml")
    new = Law.from_file(folder / f"334AC0000000125_{new_name}.xml")
    return generate(diff_laws(old, new)).splitlines()


def test_appendix_rows_in_the_official_forms() -> None:
    """意匠法 別表: rows inserted with the following ones relabelled back to front (a range for four or more), and a
    wording change inside one row."""
    lines = _sentences_for("20201001_501AC0000000003", "20210401_501AC0000000003")
    i = lines.index(
        "　　別表中七の項を九の項とし、四の項から六の項までを二項ずつ繰り下げ、三の項の次に次のように加える。"
    )
    assert lines[i + 1].startswith("　| 四 | 第六十八条第一項において準用する特許法第五条第三項")
    assert lines[i + 2].startswith("　| 五 | ")
    lines = _sentences_for("20210401_501AC0000000003", "20211001_503AC0000000042")
    assert "　　別表の五の項中「第六十八第一項」を「第六十八条第一項」に改める。" in lines


def test_earlier_acts_supplementary_provisions_get_their_own_opening_line() -> None:
    """Changes to the 附則 of earlier amending acts, as the law carries them: one opening line per act, named by the
    title the texts cite it with (（題名） when none does), then 附則第… sentences."""
    lines = _sentences_for("20170530_428AC0000000051", "20180609_430AC0000000033")
    i = lines.index(
        "行政機関等の保有する個人情報の適正かつ効果的な活用による新たな産業の創出並びに活力ある経済社会及び豊かな国民生活の"
        "実現に資するための関係法律の整備に関する法律（平成二十八年法律第五十一号）の一部を次のように改正する。"
    )
    assert lines[i + 1] == "　　附則第二条を削る。"
    lines = _sentences_for("20190701_430AC0000000033", "20200101_430AC0000000033")
    i = lines.index("（題名）（平成三十年法律第三十三号）の一部を次のように改正する。")
    assert lines[i + 1 : i + 3] == [
        "　　附則第一条に次の一号を加える。",
        "　五　第四条中意匠法第十五条第一項及び第六十条の十の改正規定並びに附則第十三条の規定　公布の日から起算して二年を超えない範囲内において政令で定める日",
    ]
    lines = _sentences_for("20220617_504AC0000000068", "20221001_503AC0000000042")
    assert "　　附則第四条に第一項として次の一項を加える。" in lines


def test_a_paragraph_given_its_first_items_is_written_part_by_part() -> None:
    """意匠法 2020-01-01 → 2020-04-01: 第二条 loses a paragraph while the next one gains items (and subitems). It
    used to be rewritten whole; the paragraph's first items are now added as the acts add them
    (「第二条第三項に次の各号を加える。」), and the round trip holds (_ROUND_TRIP_PAIRS)."""
    lines = _sentences_for("20200101_430AC0000000033", "20200401_501AC0000000003")
    i = lines.index("　　第二条第三項に次の各号を加える。")
    assert lines[i + 1].startswith("　一　意匠に係る物品の製造、使用、譲渡、貸渡し")
    assert "　　第二条を次のように改める。" not in lines


def test_scoped_sentence_errors_name_the_sentence() -> None:
    """A part for an act whose 附則 the law does not carry is another law's (left alone); a 附則 article that does
    not exist in an act the law carries is an error naming the sentence."""
    old = Law.from_file(_ISHO[5])
    doc, _ = amend(
        old,
        "意匠法（昭和三十四年法律第百二十五号）の一部を次のように改正する。\n\n"
        "某法（令和九年法律第一号）の一部を次のように改正する。\n　　附則第一条を削る。\n",
    )
    assert comparable(doc.root) == comparable(old.root)
    with pytest.raises(HoseiError) as exc:
        amend(
            old,
            "意匠法（昭和三十四年法律第百二十五号）の一部を次のように改正する。\n\n"
            "（題名）（平成三十年法律第三十三号）の一部を次のように改正する。\n　　附則第九十九条を削る。\n",
        )
    assert "no such provision: 附則第九十九条" in exc.value.message
    assert exc.value.line == 4


def test_items_inserted_moved_and_changed_in_the_official_style() -> None:
    """意匠法 2018-06-09 → 2019-07-01: a new 第三号 in 第六十三条第一項, the items after it moved back to front, one of
    them changed as it moves (「同項第四号中…を削り、同号を同項第五号とし」)."""
    folder = DATA / "egov" / "laws" / "334AC0000000125"
    old = Law.from_file(folder / "334AC0000000125_20180609_430AC0000000033.xml")
    new = Law.from_file(folder / "334AC0000000125_20190701_430AC0000000033.xml")
    text = generate(diff_laws(old, new))
    assert "　　第六十三条第一項中第六号を第七号とし、第五号を第六号とし、同項第四号中「" in text
    assert "を削り、同号を同項第五号とし、第三号を第四号とし、第二号の次に次の一号を加える。" in text
    doc, _ = amend(old, text)
    assert comparable(doc.root) == comparable(new.root)
    # four or more consecutive items become a range (2023-04-01 → 2023-07-03)
    old = Law.from_file(folder / "334AC0000000125_20230401_503AC0000000042.xml")
    new = Law.from_file(folder / "334AC0000000125_20230703_505AC0000000051.xml")
    text = generate(diff_laws(old, new))
    assert (
        "第六十三条第一項中第七号を第八号とし、第四号から第六号までを一号ずつ繰り下げ、第三号の次に次の一号を加える。"
        in text
    )


def test_deleting_a_paragraph_moves_the_rest_up() -> None:
    """「第三十八条中第三項を削り、第四項を第三項とし、第五項から第七項までを一項ずつ繰り上げる。」 on example 01."""
    import copy

    base = load("01").old_law()
    doc = copy.deepcopy(base.doc)
    article = next(a for a in doc.root.iter("Article") if a.get("Num") == "38")
    paragraphs = article.findall("Paragraph")
    article.remove(paragraphs[2])
    for p in paragraphs[3:]:
        n = int(p.get("Num", "0")) - 1
        p.set("Num", str(n))
        p.find("ParagraphNum").text = "１２３４５６７８９"[n - 1]  # type: ignore[union-attr]
    new = Law(doc)
    text = generate(diff_laws(base, new))
    assert (
        "　　第三十八条中第三項を削り、第四項を第三項とし、第五項から第七項までを一項ずつ繰り上げる。" in text
    )
    amended, _ = amend(base, text)
    assert comparable(amended.root) == comparable(new.root)


def test_neighbouring_deletions_in_one() -> None:
    """「第二号から第四号までを削り」 / 「第二号及び第三号を削り」 (drafting rules: 「第三条第五項及び第六項を削る。」), then the
    following items moved up; applying it gives the new text."""
    import copy

    old = Law.from_file(_GYOSEI[-1])
    for deleted, expected in (
        ([1, 2, 3], "第二号から第四号までを削り、"),
        ([1, 2], "第二号及び第三号を削り、"),
    ):
        doc = copy.deepcopy(old.doc)
        article = next(a for a in doc.root.iter("Article") if a.get("Num") == "3")
        paragraph = article.find("Paragraph")
        items = paragraph.findall("Item")
        for k in deleted:
            paragraph.remove(items[k])
        for n, item in enumerate(paragraph.findall("Item"), start=1):
            item.set("Num", str(n))
            item.find("ItemTitle").text = to_kanji(n)
        new = Law(doc)
        text = generate(diff_laws(old, new))
        assert f"　　第三条第一項中{expected}" in text
        amended, _ = amend(old, text)
        assert comparable(amended.root) == comparable(new.root)


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("第四章　借地条件の変更等の裁判手続等", "　　第四章の章名中「裁判手続」の下に「等」を加える。"),
        ("第四章　借地条件の変更等の非訟手続", "　　第四章の章名中「裁判手続」を「非訟手続」に改める。"),
        ("第四章　雑則", "　　第四章の章名を次のように改める。"),
    ],
)
def test_chapter_names(name: str, sentence: str) -> None:
    """A renamed chapter: the words that change (「の章名中…」), or the whole name when none of it stays."""
    import copy

    old = load("07").old_law()
    doc = copy.deepcopy(old.doc)
    [c for c in doc.root.iter("ChapterTitle")][-1].text = name
    new = Law(doc)
    text = generate(diff_laws(old, new))
    assert sentence in text.splitlines()
    amended, _ = amend(old, text)
    assert comparable(amended.root) == comparable(new.root)
    with pytest.raises(HoseiError, match="no such provision: 第九章"):
        amend(old, "借地借家法の一部を次のように改正する。\n　　第九章の章名中「裁判」を「審判」に改める。\n")


def test_proviso_added_and_citations_kept_whole() -> None:
    """意匠法 2021-04-01 → 2021-10-01: a ただし書 added to 第四十四条第二項 is 「…に次のただし書を加える。」 with the
    proviso printed below, and an insertion after 「第二項の」 quotes the whole citation (never 「二項の」)."""
    lines = _sentences_for("20210401_501AC0000000003", "20211001_503AC0000000042")
    i = lines.index("　　第四十四条第二項に次のただし書を加える。")
    assert lines[i + 1].startswith("　　　ただし、当該意匠権者がその責めに帰することができない理由により")
    assert "　　第四十四条第四項中「第二項の」の下に「規定により納付すべき」を加える。" in lines


def test_an_amending_act_of_several_laws_applies_the_part_for_base(tmp_path: Path) -> None:
    """令和五年法律第五十三号 amends many laws: with a 意匠法 part before and after its 借地借家法 part, the 借地借家法
    text gets its own part only (the 意匠法 sentences would not even apply to it); --law picks a part by e-Gov id;
    a text with no part for BASE's law is refused."""
    ex = load("07")
    other = (
        "（意匠法の一部改正）\n第百二十四条　意匠法（昭和三十四年法律第百二十五号）の一部を次のように改正する。\n"
        "　　第九十九条中「甲」を「乙」に改める。\n"
    )
    act = "民事関係手続等における情報通信技術の活用等の推進を図るための関係法律の整備に関する法律\n" + other
    act += "（借地借家法の一部改正）\n" + ex.amendment + "\n" + other.replace("第百二十四条", "第百二十六条")
    base = Law(parse_text("借地借家法\n（平成三年法律第九十号）\n" + ex.old_text).document)
    doc, _ = amend(base, act)
    assert comparable(doc.root) == comparable(ex.new_law().root)
    old_xml = tmp_path / "old.xml"
    old_xml.write_bytes(ex.old_law().doc.to_bytes())  # no title: the part is picked by --law
    act_file = _write(tmp_path, "act.txt", act)
    result = CliRunner().invoke(main, ["amend", str(old_xml), str(act_file), "--law", "403AC0000000090"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["amend", str(old_xml), str(act_file), "--law", "334AC0000000125"])
    assert result.exit_code == 1
    assert "「第九十九条」" in result.output or "no such provision: 第九十九条" in result.output
    with pytest.raises(HoseiError, match="the amendment is for another law"):
        amend(base, other)
    with pytest.raises(HoseiError, match="give --law"):
        amend(ex.old_law(), act)


def test_toc_replaced_when_its_entries_change() -> None:
    """An entry of the 目次 gone (a structure change): 「目次を次のように改める。」 with the new 目次 printed below it,
    which `hosei amend` reads back (a branch chapter 「第四章の二　処分等の求め（第三十六条の三）」 included)."""
    import copy

    old = Law.from_file(_GYOSEI[-1])
    doc = copy.deepcopy(old.doc)
    toc = doc.root.find("LawBody/TOC")
    toc.remove([c for c in toc if c.tag == "TOCChapter"][-2])
    new = Law(doc)
    text = generate(diff_laws(old, new))  # applies it back, the 目次 included
    lines = text.splitlines()
    assert lines[1] == "　　目次を次のように改める。"
    assert "　　　第四章の二　処分等の求め（第三十六条の三）" in lines


def test_neighbouring_articles_deleted_in_one_sentence() -> None:
    """行政手続法 2018 → 2024, the 附則 of 平成二十九年法律第四号: 「附則第四十条から第四十二条までを削る。」 — and
    two neighbours: 「…及び…を削る。」 (意匠法 2020-01-01 → 2020-04-01)."""
    old, new = Law.from_file(_GYOSEI[0]), Law.from_file(_GYOSEI[-1])
    assert "　　附則第四十条から第四十二条までを削る。" in generate(diff_laws(old, new)).splitlines()
    lines = _sentences_for("20200101_430AC0000000033", "20200401_501AC0000000003")
    assert "　　附則第三条及び第四条を削る。" in lines


def test_proviso_deleted() -> None:
    """意匠法 2022-04-01 → 2022-05-25, the 附則 of 平成二十八年法律第五十一号: 「附則第一条ただし書を削る。」."""
    lines = _sentences_for("20220401_503AC0000000042", "20220525_504AC0000000048")
    assert "　　附則第一条ただし書を削る。" in lines


def test_two_paragraphs_deleted_and_the_rest_moved_up() -> None:
    """意匠法 第六条 loses its second and third paragraphs: 「第六条中第二項及び第三項を削り、第四項を第二項とし、
    第五項から第七項までを二項ずつ繰り上げる。」 — the location takes 「中」 before a list of paragraphs too (an
    earlier act's 附則 article, 「附則第六条中第二項及び第三項を削り」, had lost it), and it applies back."""
    import copy

    from hosei.core.numerals import to_fullwidth

    old = Law.from_file(_ISHO[-1])
    new = Law(copy.deepcopy(old.doc))
    article = new.find("第六条").el
    paragraphs = article.findall("Paragraph")
    article.remove(paragraphs[1])
    article.remove(paragraphs[2])
    for i, p in enumerate(article.findall("Paragraph"), 1):
        p.set("Num", str(i))
        if i > 1:
            p.find("ParagraphNum").text = to_fullwidth(i)  # type: ignore[union-attr]
    text = generate(diff_laws(old, new))
    assert (
        "　　第六条中第二項及び第三項を削り、第四項を第二項とし、第五項から第七項までを二項ずつ繰り上げる。"
        in text
    )
    amended, _ = amend(old, text)
    assert comparable(amended.root) == comparable(new.root)


def test_wording_sentences_are_carried_out_from_their_operations() -> None:
    """A sentence of wording operations only is applied from what it reads as: 「A」の下に「B」を加え makes A into
    AB, 「A」を「B」に改め replaces, 「A」を削り deletes — on a real law (電気事業法)."""
    from hosei.core.lawtext import render_provision

    law = Law.from_file(DATA / "egov" / "laws" / "339AC0000000170_20250606_505AC0000000044.xml")
    doc, _ = amend(
        law,
        "　　第一条中「電気事業の運営」の下に「（試験）」を加え、「電気の使用者」を「使用者」に改め、"
        "「、及び電気事業の健全な発達を図る」を削る。\n",
    )
    text = list(render_provision(Law(doc).find("第一条")))[1]
    assert text.startswith(
        "第一条　この法律は、電気事業の運営（試験）を適正かつ合理的ならしめることによつて、使用者の利益を保護"
    )
    assert "健全な発達" not in text


def test_deletions_and_whole_articles_are_carried_out_from_their_operations() -> None:
    """「第百十六条第一号及び第二号を削る。」 removes both items as numbered before the sentence; 「第百十五条を次のように
    改める。」 gives the article whole, keeping its number (電気事業法)."""
    from hosei.core.lawtext import render_provision

    law = Law.from_file(DATA / "egov" / "laws" / "339AC0000000170_20250606_505AC0000000044.xml")
    items = [p.title for p in law.find("第百十六条").children()[0].children()]
    doc, _ = amend(law, "　　第百十六条第一号及び第二号を削る。\n")
    left = [p.title for p in Law(doc).find("第百十六条").children()[0].children()]
    assert left == items[2:]
    doc, _ = amend(law, "　　第百十五条を次のように改める。\n　第百十五条　削除\n")
    assert list(render_provision(Law(doc).find("第百十五条"))) == ["第百十五条　削除"]
