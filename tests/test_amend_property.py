"""Property test of the amendment-sentence round trip: apply(old, generate(old, new)) == new for random wording
edits of a real law (借地借家法 articles of example 01 and 行政手続法's first articles)."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples import load
from hosei.amend import _redistribute, amend
from hosei.diff import diff_laws
from hosei.kaimebun import generate
from hosei.model import Law
from hosei.textparse import comparable

BASE = load("01").old_law()
SENTENCES = [s for s in BASE.main.el.iter("Sentence") if s.text]
WORDS = ["電磁的記録", "書面", "前項", "第三項", "政令", "及び", "建物の", "（以下同じ。）", "、", "契約"]


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
    new = Law(doc)
    result = diff_laws(BASE, new)
    if not result.changes:
        return
    amended, _ = amend(BASE, generate(result))
    assert comparable(amended.root) == comparable(new.root)


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
    new_law = Law(doc)
    result = diff_laws(BASE, new_law)
    if not result.changes:
        return
    amended, _ = amend(BASE, generate(result))
    assert comparable(amended.root) == comparable(new_law.root)
