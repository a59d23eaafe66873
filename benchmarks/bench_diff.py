"""Diff benchmark: 電気事業法 against a copy with 200 scattered edits, and 意匠法 first vs last revision, in each
format, next to `git diff --no-index --word-diff` of the two text renderings (measured in the same run).

Run: python benchmarks/run.py diff
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from pathlib import Path

from hosei.compare.diff import diff_laws
from hosei.compare.formats import to_docx, to_html, to_json, to_text
from hosei.compare.table import build_table
from hosei.core.lawtext import render_law
from hosei.core.model import Law
from hosei.core.xmlio import parse_bytes

from common import ROOT, Result, median_time

DENKI = ROOT / "tests/data/egov/laws/339AC0000000170_20250606_505AC0000000044.xml"
ISHO = sorted((ROOT / "tests/data/egov/laws/334AC0000000125").glob("*.xml"))


def edited_copy(law: Law, edits: int, seed: int = 1) -> Law:
    """The same law with *edits* sentences changed at random places (a word replaced or inserted)."""
    doc = parse_bytes(law.doc.to_bytes(), "edited")
    sentences = [s for s in doc.root.iter("Sentence") if s.text and len(s.text) > 20]
    rng = random.Random(seed)
    for s in rng.sample(sentences, edits):
        text = s.text or ""
        pos = rng.randrange(5, len(text) - 5)
        s.text = text[:pos] + rng.choice(["特定", "当該", "第三項", "五百円"]) + text[pos + 2 :]
    return Law(doc)


def run(repeat: int) -> list[Result]:
    results = []
    denki = Law.from_file(DENKI)
    cases = [
        ("電気事業法 + 200 edits", denki, edited_copy(denki, 200)),
        ("意匠法 2015 → 2026", Law.from_file(ISHO[0]), Law.from_file(ISHO[-1])),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for label, old, new in cases:
            a, b = Path(tmp) / "old.txt", Path(tmp) / "new.txt"
            a.write_text("\n".join(render_law(old)), encoding="utf-8")
            b.write_text("\n".join(render_law(new)), encoding="utf-8")
            base = median_time(
                lambda: subprocess.run(
                    ["git", "diff", "--no-index", "--word-diff", str(a), str(b)], capture_output=True
                ),
                repeat,
            )
            n = max(3, repeat // 3)
            t_json = median_time(lambda: to_json(diff_laws(old, new)), n)
            t_text = median_time(lambda: to_text(build_table(diff_laws(old, new), "old", "new")), n)
            t_html = median_time(lambda: to_html(build_table(diff_laws(old, new), "old", "new")), n)
            t_docx = median_time(lambda: to_docx(build_table(diff_laws(old, new), "old", "new")), n)
            results.append(
                Result(
                    f"diff json: {label}", t_json, "git diff --no-index --word-diff (text)", base, goal=3.0
                )
            )
            results.append(
                Result(
                    f"diff text: {label}", t_text, "git diff --no-index --word-diff (text)", base, goal=3.0
                )
            )
            results.append(
                Result(f"diff html: {label}", t_html, "git diff --no-index --word-diff (text)", base)
            )
            results.append(
                Result(f"diff docx: {label}", t_docx, "git diff --no-index --word-diff (text)", base)
            )
    return results
