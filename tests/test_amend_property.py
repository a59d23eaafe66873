"""Property test of the amendment-sentence round trip: apply(old, generate(old, new)) == new for random wording
edits of a real law (借地借家法 articles of example 01 and 行政手続法's first articles)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from examples import load
from hosei.amend.apply import amend
from hosei.amend.edits import _redistribute
from hosei.amend.generate import generate
from hosei.compare.diff import diff_laws
from hosei.core.model import Law
from hosei.core.numerals import to_kanji
from hosei.core.xmlio import Document
from hosei.text.comparable import comparable

BASE = load("01").old_law()
SENTENCES = [s for s in BASE.main.el.iter("Sentence") if s.text]
WORDS = ["電磁的記録", "書面", "前項", "第三項", "政令", "及び", "建物の", "（以下同じ。）", "、", "契約"]

pytestmark = pytest.mark.slow  # hypothesis round trips: the full suite runs them, the quick loop does not


def _reword(sentence: etree._Element | None, at: int) -> None:
    """A word added inside a sentence (at its end when *at* runs past it)."""
    assert sentence is not None and sentence.text
    # never after a closing 「。」: the words belong to the sentence (a text after it would be a new one)
    at = min(at, len(sentence.text) - (1 if sentence.text.endswith("。") else 0))
    sentence.text = sentence.text[:at] + "電子的な" + sentence.text[at:]


def _assert_round_trip(base: Law, doc: Document) -> None:
    """apply(old, generate(old, new)) == new (C14N of what a text carries), for any change at all."""
    new = Law(doc)
    result = diff_laws(base, new)
    if not result.changes:
        return
    amended, _ = amend(base, generate(result))
    assert comparable(amended.root) == comparable(new.root)


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[int, int, int, str]]:
    """A few edits: (sentence index, start, length to delete, text to insert)."""
    out = []
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(SENTENCES) - 1))
        text = SENTENCES[i].text or ""
        start = draw(st.integers(0, len(text) - 1))
        length = draw(st.integers(0, min(6, len(text) - start - 1)))
        insert = draw(st.sampled_from(["", *WORDS]))
        out.append((i, start, length, insert))
    return out


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits())
def test_generate_then_apply_gives_back_the_new_text(changes: list[tuple[int, int, int, str]]) -> None:
    doc = copy.deepcopy(BASE.doc)
    sentences = [s for s in doc.root.iter("Sentence") if s.text]
    for i, start, length, insert in changes:
        text = sentences[i].text or ""
        start = min(start, max(0, len(text) - 1))
        new_text = text[:start] + insert + text[start + length :]
        # a legal text keeps its 「」 and （） balanced (an unbalanced quotation cannot be quoted by any sentence)
        balanced = all(new_text.count(a) == new_text.count(b) for a, b in ("「」", "（）"))
        if new_text.strip() and balanced:
            sentences[i].text = new_text
    # sentences are where 「。」 puts them (as the text parser and the applier split them)
    for container in {id(s.getparent()): s.getparent() for s in sentences}.values():
        own = [s for s in container if s.tag == "Sentence"]
        if len(own) == len(container):
            _redistribute(container, own, "".join(s.text or "" for s in own))
    _assert_round_trip(BASE, doc)


FULLWIDTH = "１２３４５６７８９"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    article=st.sampled_from(["22", "38", "39"]),
    op=st.sampled_from(["delete", "append", "insert"]),
    position=st.integers(0, 8),
    reword=st.booleans(),
)
def test_paragraphs_added_or_deleted_round_trip(article: str, op: str, position: int, reword: bool) -> None:
    """Paragraphs deleted (the rest move up), appended, or inserted in the middle (the rest move down), with or
    without a wording change in the first paragraph: the generated sentences give back the new text."""
    doc = copy.deepcopy(BASE.doc)
    art = next(a for a in doc.root.iter("Article") if a.get("Num") == article)
    paragraphs = art.findall("Paragraph")
    if op == "delete" and len(paragraphs) > 2:
        art.remove(paragraphs[1 + position % (len(paragraphs) - 1)])
    elif op == "append":
        new = copy.deepcopy(paragraphs[-1])
        new.find(".//Sentence").text = "前項の規定は、政令で定める場合には、適用しない。"  # type: ignore[union-attr]
        paragraphs[-1].addnext(new)
    else:
        new = copy.deepcopy(paragraphs[0])
        new.find(".//Sentence").text = "新たに加える項の文。"  # type: ignore[union-attr]
        for extra in new.findall("ParagraphSentence/Sentence")[1:]:
            extra.getparent().remove(extra)  # type: ignore[union-attr]
        paragraphs[position % len(paragraphs)].addnext(new)
    if reword:
        first = art.find("Paragraph/ParagraphSentence/Sentence")
        first.text = (first.text or "").replace("建物", "家屋", 1)  # type: ignore[union-attr]
    for i, p in enumerate(art.findall("Paragraph"), start=1):
        p.set("Num", str(i))
        num = p.find("ParagraphNum")
        if num is not None:
            num.text = FULLWIDTH[i - 1] if i > 1 else None
    _assert_round_trip(BASE, doc)


DESIGN = Law.from_file(
    sorted((Path(__file__).parent / "data" / "egov" / "laws" / "334AC0000000125").glob("*.xml"))[-1]
)


def _label_row(row: etree._Element, n: int) -> None:
    row.find("TableColumn/Sentence").text = to_kanji(n)  # type: ignore[union-attr]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    op=st.sampled_from(["insert", "delete", "none"]),
    position=st.integers(0, 9),
    count=st.integers(1, 3),
    reword=st.one_of(st.none(), st.tuples(st.integers(0, 9), st.integers(1, 2), st.integers(0, 40))),
)
def test_appendix_rows_round_trip(
    op: str, position: int, count: int, reword: tuple[int, int, int] | None
) -> None:
    """意匠法's 別表 (ten fee rows under a header row): rows inserted or deleted with the following ones relabelled,
    and/or a word added inside one cell; the generated 「別表中…の項を…の項とし、…の項の次に次のように加える」 /
    「別表中…の項を削り、…」 / 「別表の…の項中「…」を「…」に改める」 applied to the old text gives the new one."""
    doc = copy.deepcopy(DESIGN.doc)
    table = doc.root.find("LawBody/AppdxTable/TableStruct/Table")
    assert table is not None
    rows = [r for r in table.findall("TableRow")][1:]  # the header row has no label
    if reword is not None:
        r, cell, at = reword
        sentence = rows[r % len(rows)].findall("TableColumn")[cell].find("Sentence")
        assert sentence is not None and sentence.text
        at = min(at, len(sentence.text))
        sentence.text = sentence.text[:at] + "電子的な" + sentence.text[at:]
    p = position % len(rows)
    if op == "insert":
        for k in range(count, 0, -1):
            new_row = copy.deepcopy(rows[p])
            cells = new_row.findall("TableColumn/Sentence")
            cells[1].text = f"第九十九条第{to_kanji(k)}項の規定により手続をする者"
            cells[2].text = f"一件につき{to_kanji(k)}千円"
            rows[p].addnext(new_row)
        for n, row in enumerate(table.findall("TableRow")[1:], start=1):
            _label_row(row, n)
    elif op == "delete":
        table.remove(rows[p])
        for n, row in enumerate(table.findall("TableRow")[1:], start=1):
            _label_row(row, n)
    _assert_round_trip(DESIGN, doc)


GYOSEI = Law.from_file(
    sorted((Path(__file__).parent / "data" / "egov" / "laws" / "405AC0000000088").glob("*.xml"))[-1]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    op=st.sampled_from(["insert", "delete", "none"]),
    position=st.integers(0, 15),
    count=st.integers(1, 3),
    reword=st.one_of(st.none(), st.tuples(st.integers(0, 15), st.integers(0, 30))),
)
def test_items_round_trip(op: str, position: int, count: int, reword: tuple[int, int] | None) -> None:
    """行政手続法 第三条第一項 (sixteen items): items inserted or deleted with the following ones renumbered, and/or a
    word added inside one item: the generated 「…第三号を第四号とし、第二号の次に次の一号を加える」 /
    「…第二号を削り、第三号を第二号とし、…」 / 「…第五号中「…」を「…」に改める」 give back the new text."""
    doc = copy.deepcopy(GYOSEI.doc)
    article = next(a for a in doc.root.find("LawBody/MainProvision").iter("Article") if a.get("Num") == "3")  # type: ignore[union-attr]
    paragraph = article.find("Paragraph")
    assert paragraph is not None
    items = paragraph.findall("Item")
    if reword is not None:
        _reword(items[reword[0] % len(items)].find("ItemSentence/Sentence"), reword[1])
    p = position % len(items)
    if op == "insert":
        for k in range(count, 0, -1):
            new_item = copy.deepcopy(items[p])
            new_item.find(
                "ItemSentence/Sentence"
            ).text = f"電子情報処理組織を使用して行う第{to_kanji(k)}種の処分"  # type: ignore[union-attr]
            items[p].addnext(new_item)
    elif op == "delete":
        paragraph.remove(items[p])
    for n, item in enumerate(paragraph.findall("Item"), start=1):
        item.set("Num", str(n))
        item.find("ItemTitle").text = to_kanji(n)  # type: ignore[union-attr]
    _assert_round_trip(GYOSEI, doc)


SHAKUCHI = load("07").old_law()  # 借地借家法 第二十二条 and 第四章 (第四十一条–第六十一条)


def _renumber_articles(doc: Document) -> None:
    """Articles of 第四章 numbered 第四十一条 onwards in document order (the amendment renumbers them)."""
    chapter = list(doc.root.iter("Chapter"))[-1]
    for n, article in enumerate(chapter.iter("Article"), start=41):
        article.set("Num", str(n))
        article.find("ArticleTitle").text = f"第{to_kanji(n)}条"  # type: ignore[union-attr]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    op=st.sampled_from(["insert", "delete", "none"]),
    position=st.integers(0, 20),
    count=st.integers(1, 2),
    reword=st.one_of(st.none(), st.tuples(st.integers(0, 20), st.integers(0, 30))),
)
def test_articles_round_trip(op: str, position: int, count: int, reword: tuple[int, int] | None) -> None:
    """借地借家法 第四章: articles inserted or deleted with the following ones renumbered (back to front with ranges
    when they move down, front to back when they move up), and/or a word added to one article."""
    doc = copy.deepcopy(SHAKUCHI.doc)
    chapter = list(doc.root.iter("Chapter"))[-1]
    articles = list(chapter.iter("Article"))
    assert len(articles) == 21  # 第四十一条 to 第六十一条
    if reword is not None:
        _reword(articles[reword[0] % len(articles)].find(".//ParagraphSentence/Sentence"), reword[1])
    p = position % len(articles)
    if op == "insert":
        for k in range(count, 0, -1):
            new_article = copy.deepcopy(articles[p])
            for extra in new_article.findall("Paragraph")[1:]:
                new_article.remove(extra)
            caption = new_article.find("ArticleCaption")
            if caption is not None:
                caption.text = f"（電子化{to_kanji(k)}）"
            first = new_article.find("Paragraph/ParagraphSentence")
            assert first is not None
            for s in list(first):
                first.remove(s)
            etree.SubElement(
                first, "Sentence", Num="1", WritingMode="vertical"
            ).text = f"裁判所は、第{to_kanji(k)}種の記録を電磁的記録により作成することができる。"
            for item in new_article.iter("Item"):
                item.getparent().remove(item)  # type: ignore[union-attr]
            articles[p].addnext(new_article)
    elif op == "delete" and p > 0:
        chapter.remove(articles[p])
    _renumber_articles(doc)
    _assert_round_trip(SHAKUCHI, doc)
