"""Amendment-sentence benchmark: generate + apply (the round trip, checked) on 電気事業法 with 200 wording edits
scattered over its paragraph and item sentences, and on 意匠法's first → last revision (2015-08-01 → 2026-05-24:
eleven years of amendments in one text, earlier acts' 附則 and the appendix included), next to a bare lxml parse of
the same new text in the same run.

Run: python benchmarks/run.py amend
"""

from __future__ import annotations

import copy
import random

from lxml import etree

from hosei.amend.apply import amend
from hosei.amend.generate import generate
from hosei.compare.diff import diff_laws
from hosei.core.model import Law
from hosei.text.comparable import comparable

from common import ROOT, Result, median_time

EGOV = ROOT / "tests" / "data" / "egov" / "laws"


def _scattered_edits(base: Law, count: int, seed: int) -> Law:
    doc = copy.deepcopy(base.doc)
    main = doc.root.find("LawBody/MainProvision")
    assert main is not None
    sentences = [
        s
        for s in main.iter("Sentence")
        if s.text
        and len(s.text) > 20
        and len(s) == 0
        and s.getparent() is not None
        and s.getparent().tag in ("ParagraphSentence", "ItemSentence")  # type: ignore[union-attr]
    ]
    rng = random.Random(seed)
    for s in rng.sample(sentences, count):
        text = s.text or ""
        i = rng.randrange(0, len(text) - 10)
        s.text = text[:i] + "電子的な" + text[i:]
    return Law(doc)


def _round_trip(old: Law, new: Law) -> None:
    text = generate(diff_laws(old, new))  # generate() applies its text back and checks it
    amended, _ = amend(old, text)
    assert comparable(amended.root) == comparable(new.root)


def run(repeat: int) -> list[Result]:
    n = max(3, repeat // 3)
    results = []
    electric = Law.from_file(EGOV / "339AC0000000170_20250606_505AC0000000044.xml")
    edited = _scattered_edits(electric, 200, 1)
    data = edited.doc.to_bytes()
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    base = median_time(lambda: etree.fromstring(data, parser), n * 3)
    results.append(
        Result(
            "generate + apply, 電気事業法 with 200 scattered edits",
            median_time(lambda: _round_trip(electric, edited), n),
            "bare lxml parse of the new text",
            base,
        )
    )
    small = _scattered_edits(electric, 2, 2)
    results.append(
        Result(
            "generate (self-checked), 電気事業法 with 2 edits",
            median_time(lambda: generate(diff_laws(electric, small)), n),
            "diff of the same two versions",
            median_time(lambda: diff_laws(electric, small), n),
            goal=3.0,
        )
    )
    design = EGOV / "334AC0000000125"
    revisions = sorted(design.glob("*.xml"))
    old, new = Law.from_file(revisions[0]), Law.from_file(revisions[-1])
    data2 = new.doc.to_bytes()
    results.append(
        Result(
            "generate + apply, 意匠法 first → last (2015 → 2026)",
            median_time(lambda: _round_trip(old, new), n),
            "bare lxml parse of the new text",
            median_time(lambda: etree.fromstring(data2, parser), n * 3),
        )
    )
    return results
