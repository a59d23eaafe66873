"""Where a proposed knock-on fix goes in the amendment, and the amendment with the fixes put there.

A fix (「第三十八条第三項中「前項」を「第三項」に改める。」) is numbered as the text stood before the amendment, as
amendment sentences are; read after a sentence that moves the article's paragraphs (or the article), it would change
the wrong paragraph. So it goes right before the first sentence that acts on that article — by naming it, a range
that holds it, or a number it is given — and, when no sentence does, where the law's order puts it (before the first
sentence for a later article; after the last one otherwise). The sentences are read as operations
(:mod:`hosei.amend.reading`), so the places are found as the amendment says them, 同条 written out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.numerals import KANJI_NUMERALS, parse_branch
from .operations import ReadSentence
from .reading import explain

_ARTICLE = re.compile(rf"^第(?P<n>[{KANJI_NUMERALS}0-9０-９]+条(?:の[{KANJI_NUMERALS}0-9０-９]+)*)")
_RANGE = re.compile(
    rf"^第(?P<a>[{KANJI_NUMERALS}0-9０-９]+条(?:の[{KANJI_NUMERALS}0-9０-９]+)*)"
    rf"から第(?P<b>[{KANJI_NUMERALS}0-9０-９]+条(?:の[{KANJI_NUMERALS}0-9０-９]+)*)まで$"
)


@dataclass(frozen=True)
class Place:
    """Where a fix goes: before the sentence on *line* (its text in *before*), or at the end when *line* is None."""

    line: int | None
    before: str

    def describe(self) -> str:
        return (
            f"before line {self.line} (「{self.before[:30]}…」)" if self.line else "after the last sentence"
        )


def _number(article: str) -> tuple[int, ...]:
    """第五十七条の二 → (57, 2)."""
    return parse_branch(article.removeprefix("第").replace("条", ""))


def _articles_named(place: str) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The articles of the main provision a place covers (first, last), None for 目次, 附則, 別表 and the like."""
    m = _RANGE.match(place)
    if m:
        return _number(m.group("a")), _number(m.group("b"))
    m = _ARTICLE.match(place)
    if m:
        return _number(m.group("n")), _number(m.group("n"))
    return None


def place_of_fix(sentences: list[ReadSentence], article: str) -> Place:
    """Where the fix for a paragraph of *article* (「第三十八条」) goes among the amendment's *sentences* (as
    :func:`hosei.amend.reading.explain` reads them, once for all fixes; see the module docstring)."""
    wanted = _number(article)
    later: Place | None = None
    for read in sentences:
        for op in read.operations:
            if op.law is not None:
                continue
            for place in (*op.targets, *((op.to,) if op.to else ())):
                span = _articles_named(place)
                if span is None:
                    continue
                if span[0] <= wanted <= span[1]:
                    return Place(read.line, read.text)
                if later is None and span[0] > wanted and place in op.targets:
                    later = Place(read.line, read.text)
    return later or Place(None, "")


def with_fixes(amendment: str, fixes: list[tuple[str, str]]) -> str:
    """*amendment* with each fix (article, standalone sentence) put where :func:`place_of_fix` says, indented as the
    sentence it goes before (or the last sentence); fixes for one place keep their order."""
    lines = amendment.replace("\r\n", "\n").split("\n")
    sentences = explain(amendment)
    before: dict[int | None, list[str]] = {}
    for article, sentence in fixes:
        before.setdefault(place_of_fix(sentences, article).line, []).append(sentence)
    indent = next((re.match(r"^[ 　]*", lines[r.line - 1]).group(0) for r in sentences), "　　")  # type: ignore[union-attr]
    out: list[str] = []
    last = sentences[-1].line if sentences else len(lines)
    last_end = last
    while (
        last_end < len(lines)
        and lines[last_end].strip(" 　")
        and not re.match(r"^[ 　]*附[ 　]*則", lines[last_end])
    ):
        last_end += 1  # the new text the last sentence brings
    for no, line in enumerate(lines, start=1):
        out += [indent + s for s in before.get(no, [])]
        out.append(line)
        if no == last_end:
            out += [indent + s for s in before.get(None, [])]
    return "\n".join(out)
