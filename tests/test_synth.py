"""The synthetic corpus varies as real ordinances do, and its published forms say what the plain text says."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import pytest

from hosei.core.numerals import arabic_numbers
from hosei.drafting.publishing import as_pdf_text, as_web_page, to_vertical
from hosei.drafting.roster import load_roster
from hosei.text.parse import parse_text

from conftest import ROOT


@pytest.fixture(scope="module")
def corpus(synthetic_corpus: Path) -> Path:
    return synthetic_corpus


def test_the_corpus_varies_as_real_ones_do(corpus: Path) -> None:
    bodies = {b.code: b for b in load_roster(ROOT / "templates" / "roster" / "local_governments.csv")}
    files = sorted(corpus.glob("*.txt"))
    distinct: set[str] = set()
    kanji = pdf = page = notes = 0
    for f in files:
        raw = f.read_text(encoding="utf-8")
        body = bodies[f.stem.split("_")[0]]
        masked = raw.replace(body.name, "{名}").replace(body.head_title, "{長}")
        masked = re.sub(
            r"[0-9０-９〇一二三四五六七八九十]+", "N", masked
        )  # numbers masked too: a stricter count
        distinct |= {line.strip() for line in masked.split("\n") if line.strip()}
        kanji += bool(re.search(r"^第[一二三四五六七八九十]+条", raw, re.M))
        pdf += bool(re.search(r"第 \d+ 条", raw))
        page += "ページの先頭へ" in raw
        notes += bool(re.search(r"[（(][平令].{1,12}条例.{1,8}・一部改正[）)]", raw))
    n = len(files)
    assert n == 500
    assert len(distinct) >= 300  # the old corpus: 186 distinct lines in 2,000 files with only names masked
    assert 0.2 <= kanji / n <= 0.45
    assert 0.08 <= pdf / n <= 0.25
    assert 0.2 <= page / n <= 0.45
    assert notes / n >= 0.3
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    years = {f["last_followed"] for f in truth["files"].values()}
    assert min(years) == 2015 and max(years) == 2025 and len(years) >= 8
    # the stale citations follow the year each body last followed the Act
    stale = {t["source"] for t in truth["divergences"] if t["type"] == "stale_citation"}
    assert all(truth["files"][s]["last_followed"] <= 2024 for s in stale)
    current = [s for s, f in truth["files"].items() if f["last_followed"] == 2025]
    assert current and not set(current) & stale
    # several catch-all wordings, in tables and inside an article
    catch_alls = {t["provision"] for t in truth["divergences"] if t["type"] == "catch_all"}
    assert "別表第1" in catch_alls and any(p.startswith("第") for p in catch_alls)


def _read(text: str) -> str:
    """What an ordinance says, as the importer reads it, in one numeral system and one width."""
    root = parse_text(text, law_type="ordinance").document.root
    said = "\n".join("".join(el.itertext()) for el in root.iter("Sentence", "ArticleCaption", "ArticleTitle"))
    return arabic_numbers(unicodedata.normalize("NFKC", said)).replace(",", "、")


@pytest.mark.parametrize("seed", range(6))
def test_every_published_form_says_what_the_plain_text_says(corpus: Path, seed: int) -> None:
    rng = random.Random(seed)
    plain = sorted(
        p
        for p in corpus.glob("*.txt")
        if "+" not in json.loads((corpus / "truth.json").read_text(encoding="utf-8"))["files"][p.name]["form"]
        and not re.search(r"^第[一二三四五六七八九十]+条", p.read_text(encoding="utf-8"), re.M)
    )[seed * 7]
    text = plain.read_text(encoding="utf-8").rstrip("\n")
    said = _read(text)
    assert _read(as_pdf_text(text, rng)) == said
    assert _read(as_web_page(text, rng)) == said
    assert _read(to_vertical(text)) == said
