"""References from other laws to provisions an amendment moves or deletes (the other half of ハネ漏れ).

An amendment that renumbers 第五十五条 to 第五十八条 leaves every other law that cites 「借地借家法第五十五条第一項」
pointing at the wrong place until the same amending act amends it too. The provision map of the amendment (from the
diff's alignment, as `hosei impact` reads it) says where each cited provision went; each citation of BASE by its
title (「借地借家法第五十五条第一項」, also 「借地借家法（平成三年法律第九十号）第五十五条」) in the other laws is read
against it, and a moved one comes with the sentence for that law's amendment.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..core.egovdata import parse_law_file
from ..core.errors import HoseiError
from ..core.model import Law, Provision
from ..core.numerals import KANJI_NUMERALS
from .impact import provision_map

_NUM = f"[{KANJI_NUMERALS}]+"


@dataclass
class OtherReference:
    """A citation of BASE in another law whose target the amendment moves or deletes."""

    law: str  # the other law's title
    file: str
    where: str  # the provision of the other law that cites BASE
    quote: str  # 「借地借家法第五十五条第一項」
    now: str | None  # 「第五十八条第一項」, None when the cited provision is deleted
    sentence: str  # 「第二条第一項中「第五十五条第一項」を「第五十八条第一項」に改める。」
    opening: str  # 「民事調停法（昭和二十六年法律第二百二十二号）の一部を次のように改正する。」

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _citations(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"{re.escape(name)}(?P<number>（[^（）]*号）)?(?P<cite>第{_NUM}条(?:の{_NUM})*(?:第{_NUM}項)?(?:第{_NUM}号(?:の{_NUM})*)?)"
    )


def other_law_references(base: Law, amended: Law, others: list[tuple[Path, Law]]) -> list[OtherReference]:
    """Citations of *base* in *others* whose provision the amendment (base → amended) moves or deletes."""
    if not base.title:
        raise HoseiError("BASE has no title: other laws cite it by its title")
    where_now = provision_map(base, amended)
    pattern = _citations(base.title)
    found: list[OtherReference] = []
    for path, law in others:
        opening = (
            f"{law.title or '（題名）'}（{law.law_num}）の一部を次のように改正する。" if law.law_num else ""
        )
        for sentence in law.root.iter("Sentence"):
            text = "".join(sentence.itertext())
            for m in pattern.finditer(text):
                entry = where_now.get(m.group("cite"))
                if entry is None or entry.new == m.group("cite"):
                    continue  # not a provision of BASE we know, or it stays where it is
                holder = _provision_of(sentence, law)
                where = holder.citation_text() if holder is not None else "?"
                if entry.new is None:
                    found.append(
                        OtherReference(law.title or "", str(path), where, m.group(0), None, "", opening)
                    )
                    continue
                # the smallest quotation unique where it stands: 「第五十五条第一項」, else with the law's title
                own = "".join(holder.el.itertext()) if holder is not None else text
                quote, now = m.group("cite"), entry.new
                if own.count(quote) != 1:
                    quote, now = m.group(0), m.group(0)[: -len(m.group("cite"))] + entry.new
                sentence_text = f"{where}中「{quote}」を「{now}」に改める。"
                found.append(
                    OtherReference(law.title or "", str(path), where, quote, now, sentence_text, opening)
                )
    return found


def _provision_of(el: Any, law: Law) -> Provision | None:
    for ancestor in el.iterancestors("Item", "Paragraph", "Article"):
        return Provision(ancestor, law)
    return None


def load_other_laws(folder: str) -> list[tuple[Path, Law]]:
    """Every law XML in *folder* (a clear error for one that does not parse)."""
    root = Path(folder)
    if not root.is_dir():
        raise HoseiError("not a folder", folder)
    return [(path, Law(parse_law_file(path))) for path in sorted(root.rglob("*.xml"))]
