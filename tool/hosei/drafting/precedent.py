"""Precedents for a proposed affair: the Appendix 1 rows most like it, with the reasons.

The Digital Agency reads 「その他これらに類する事務」 broadly and uses Appendix 1 as the yardstick. A drafter who
wants to argue that a new affair is "similar" needs the nearest rows and what they share. Rows are ranked by
shared terms (weighted by rarity across the Appendix), with synonyms drafters use for the same thing
(奨学金 ≈ 学資, 大学生 ≈ 学生, 障がい ≈ 障害 …), plus character-bigram similarity, and a bonus for the same field.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ..core.appendix import AppendixRow, classify_field

#: Words a proposal may use for what the Act calls otherwise (proposal word → the Act's word).
SYNONYMS = {
    "奨学金": ["学資", "奨学"],
    "大学生": ["学生"],
    "高校生": ["生徒", "就学"],
    "障がい": ["障害"],
    "子ども": ["児童", "子ども"],
    "こども": ["児童", "子ども"],
    "ひとり親": ["母子", "父子", "寡婦"],
    "医療費助成": ["医療費", "医療"],
    "外国人": ["保護"],
    "困窮": ["生活保護", "生活"],
    "市営住宅": ["公営住宅", "住宅"],
    "町営住宅": ["公営住宅", "住宅"],
    "村営住宅": ["公営住宅", "住宅"],
    "ワクチン": ["予防接種"],
    "検診": ["健康診査"],
    "家賃": ["住宅"],
    "保育料": ["保育"],
    "高齢者": ["介護", "老人"],
    "給付金": ["給付"],
}
_BOILERPLATE = re.compile(
    r"に関する事務であって主務省令で定めるもの|に関する事務であって規則で定めるもの|に関する事務|（[^（）]*法律第[^（）]*号[^（）]*）"
)
_TERM = re.compile(r"[一-龥々〆ヵヶ]{2,}|[ァ-ヴー]{2,}")
_STOP = {
    "事務",
    "規定",
    "主務省令",
    "省令",
    "支給",
    "実施",
    "関する",
    "ところ",
    "同法",
    "法律",
    "場合",
    "もの",
}


def terms(text: str) -> set[str]:
    """Content words: runs of kanji or katakana (2+ characters) and their 2-character pieces, minus stop words."""
    out: set[str] = set()
    for run in _TERM.findall(_BOILERPLATE.sub("", text)):
        if run not in _STOP:
            out.add(run)
        for k in range(len(run) - 1):
            piece = run[k : k + 2]
            if piece not in _STOP:
                out.add(piece)
    return out


def expand(text: str) -> set[str]:
    found = terms(text)
    for word, replacements in SYNONYMS.items():
        if word in text:
            for r in replacements:
                found |= terms(r) | {r}
    return found


@dataclass
class Precedent:
    row: AppendixRow
    score: float
    shared: list[str]
    same_field: bool

    def explain(self) -> str:
        field = f"; same field ({self.row.field})" if self.same_field else ""
        return f"shared terms: {'、'.join(self.shared) or '—'}{field}"

    def to_json(self) -> dict[str, object]:
        return {
            **self.row.to_json(),
            "score": round(self.score, 3),
            "shared_terms": self.shared,
            "same_field": self.same_field,
        }


def rank(affair: str, rows: list[AppendixRow], limit: int = 5) -> list[Precedent]:
    """The *limit* rows most like *affair*, best first."""
    live = [r for r in rows if not r.is_deleted]
    docs = {r.id: terms(r.body + " " + r.affair) for r in live}
    df: Counter[str] = Counter()
    for words in docs.values():
        df.update(words)
    n = len(live)
    query = expand(affair)
    field = classify_field(affair)
    scored = []
    for r in live:
        shared = query & docs[r.id]
        weight = sum(math.log((n + 1) / (df[w] + 0.5)) * (1.5 if len(w) > 2 else 1.0) for w in shared)
        norm = math.sqrt(len(docs[r.id]) + 1)
        same = field is not None and field == r.field
        score = weight / norm + (0.3 if same else 0.0)
        longest = sorted(shared, key=lambda w: (-len(w), w))
        keep: list[str] = []
        for word in longest:
            if not any(word in k for k in keep):
                keep.append(word)
        scored.append(Precedent(r, score, keep[:8], same))
    scored.sort(key=lambda p: -p.score)
    return scored[:limit]
