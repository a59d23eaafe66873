"""The real amendments in tests/data/drafting: OLD text, NEW text and the official AMENDMENT (改め文)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hosei.core.model import Law
from hosei.text.parse import parse_text

from conftest import DATA

EXAMPLES = DATA / "drafting"


@dataclass
class Example:
    name: str
    old_text: str
    new_text: str
    amendment: str

    def old_law(self) -> Law:
        return Law(parse_text(self.old_text).document)

    def new_law(self) -> Law:
        return Law(parse_text(self.new_text).document)


def _section(text: str, name: str) -> str:
    m = re.search(rf"^{name}:\n(.*?)(?=^(?:OLD|NEW|AMENDMENT)\b[^\n]*:[^\n]*\n|\Z)", text, re.S | re.M)
    return m.group(1).strip("\n") if m else ""


def load(name: str) -> Example:
    raw = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    old, new, amendment = _section(raw, "OLD"), _section(raw, "NEW"), _section(raw, "AMENDMENT")
    # NEW texts abbreviate an unchanged first paragraph: 「第二十二条　（第一項は改正前と同じ）」
    for m in re.finditer(r"^(第[^　\n]+条)　（第一項は改正前と同じ）$", new, re.M):
        art = m.group(1)
        o = re.search(rf"^{art}　(.*)$", old, re.M)
        if o:
            new = new.replace(m.group(0), f"{art}　{o.group(1)}")
    # editorial notes for elided articles: 「（第四十三条から第六十条まで略。…）」
    note = re.compile(r"^[　 ]*（[^）]*略[^）]*）$", re.M)
    old, new = note.sub("", old), note.sub("", new)
    # notes of the example's author: a line in parentheses starting at the margin, with Latin words
    # (「（目次 sentence shown for …）」), and the note on editorial paragraph numbers under NEW
    remark = re.compile(r"^（[^\n]*[A-Za-z]{3,}[^\n]*）$\n?", re.M)
    amendment, new = remark.sub("", amendment), remark.sub("", new)
    return Example(name, old, new, amendment)


def all_with_texts() -> list[str]:
    return [p.stem for p in sorted(EXAMPLES.glob("*.txt")) if _section(p.read_text(encoding="utf-8"), "NEW")]


__all__ = ["Example", "Path", "all_with_texts", "load"]
