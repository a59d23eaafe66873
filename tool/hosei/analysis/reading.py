"""How divergence reads one provision of an ordinance: what it does (scope, definitions, …, by its words first),
its text as it reads, and that text with what legitimately differs between bodies taken out (normalise)."""

from __future__ import annotations

import functools
import re
import unicodedata

from ..core.lawtext import _clean, sentences_text
from ..core.model import Provision
from ..core.numerals import KANJI_NUMERALS, parse_number
from ..drafting.roster import Body

CLASSES = {
    "purpose": ("趣旨", "目的"),
    "definitions": ("定義", "用語"),
    "duty": ("責務",),
    "scope": ("利用範囲", "利用", "独自利用"),
    "provision": ("提供",),
    "delegation": ("委任",),
}

_KNUM = f"{KANJI_NUMERALS}"


# --- normalisation ----------------------------------------------------------------------------------
def _arabic(m: re.Match[str]) -> str:
    return str(parse_number(m.group(0)))


_SPACES = re.compile(r"[ \u3000\t]")

_KANJI_COUNT = re.compile(rf"[{_KNUM}]+(?=[条項号欄年月日])")

_ACT_ITEM = re.compile(r"(法第\d+条)(?:第\d+項)?(?:第\d+号)?")

_BASED_ON = re.compile(
    r"(?:の規定に基づく|の規定による|に基づく|による)(?=(?:個人番号|特定個人情報|個人番号カード)の)"
)

_COLUMNS = (
    (re.compile(r"左欄|上欄|第1欄"), "{欄1}"),
    (re.compile(r"右欄|下欄"), "{欄末}"),
    (re.compile(r"中欄|第2欄"), "{欄2}"),
)


def normalise(text: str, body: Body | None) -> str:
    """Text with what legitimately differs between bodies taken out, so only real divergence remains. The body's
    own words go first, so that the rest is computed once for every body that wrote the same thing."""
    if body is not None:
        text = text.replace(body.name, "{名}").replace(body.head_title, "{長}")
        text = _self_word(body.self_word).sub("{自}", text)
    return _normalised(text)


@functools.lru_cache(maxsize=1 << 15)
def _normalised(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = _SPACES.sub("", s)
    s = s.replace(",", "、").replace("，", "、").replace("．", "。")
    s = _KANJI_COUNT.sub(_arabic, s)
    s = s.replace("番号法", "法")
    # what the Act's version decides, not the drafter: item and paragraph numbers of the Act's articles (stale ones
    # are flagged on their own), 「の規定に基づく」/「に基づく」/「の規定による」, and where the commas fall
    s = _ACT_ITEM.sub(r"\1", s)
    s = _BASED_ON.sub("に基づく", s)
    s = s.replace("、", "")
    for rx, label in _COLUMNS:
        s = rx.sub(label, s)
    return s


@functools.lru_cache(maxsize=16)
def _self_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![都道府県市町村区]){word}(?=[はのが])")


#: What a provision does, read from its first paragraph's words: scope before purpose, because a purpose
#: article names Article 9(2) too, but only a scope article says which affairs 「条例で定める事務は」 are.
_FUNCTION_PATTERNS = (
    ("scope", re.compile(r"第9条第2項(?:に規定する|の規定に基づく|の)?条例で定める事務(?:は|等は)")),
    ("definitions", re.compile(r"用語の意義|使用する用語|用語は、|用語の例による|次の各号に掲げる用語")),
    (
        "purpose",
        re.compile(r"^この(?:条例|規則)は、.*(?:定めるものとする|目的とする)|この条例の定めるところによる"),
    ),
    (
        "delegation",
        re.compile(r"(?:必要な事項|施行について必要な事項|施行に関し必要な事項)は、.{0,12}規則で定める"),
    ),
    ("duty", re.compile(r"必要な措置を講ずる|施策を実施する")),
    ("provision", re.compile(r"特定個人情報を提供することができる|第19条第\d+号の条例で定めるところにより")),
)


def personal(text: str, rendered_for: Body | None, body: Body | None) -> str:
    """A model text rendered for one body, reworded for another of the same kind."""
    if rendered_for is None or body is None or rendered_for == body:
        return text
    text = text.replace(rendered_for.name, body.name).replace(rendered_for.head_title, body.head_title)
    return re.sub(rf"(?<![都道府県市町村区]){rendered_for.self_word}(?=[はのが])", body.self_word, text)


_NUMBERED = {
    "Paragraph": "ParagraphNum",
    "Item": "ItemTitle",
    **{f"Subitem{i}": f"Subitem{i}Title" for i in range(1, 11)},
}


def _article_body_text(a: Provision) -> str:
    """An article's text as it reads, one line per paragraph, item and table row, without its caption and its
    number (a scope article is 第3条 in one ordinance and 第4条 in the next: the number is where it stands, not what
    it says). Read straight off the elements: divergence reads every article of thousands of ordinances."""
    lines: list[str] = []
    for el in a.el.iter(*_NUMBERED, "TableRow"):
        if el.tag == "TableRow":
            lines.append(
                "| " + " | ".join(_clean("".join(c.itertext())) for c in el.iter("TableColumn")) + " |"
            )
            continue
        title = _clean(el.findtext(_NUMBERED[str(el.tag)]) or "")
        sentence = el.find(f"{el.tag!s}Sentence")
        text = sentences_text(sentence)
        lines.append(f"{title}　{text}" if title else text)
    return "\n".join(lines)


def provision_class(p: Provision) -> str | None:
    """What the article does: by its words first (京都府's scope article is captioned 「法第9条第2項に規定する
    条例で定める事務等」, 青森県's definitions 「用語」), by its caption when the words say nothing."""
    sentence = p.el.find("Paragraph/ParagraphSentence")
    text = _clean("".join(sentence.itertext())) if sentence is not None else p.own_text()
    text = _KANJI_COUNT.sub(_arabic, _SPACES.sub("", unicodedata.normalize("NFKC", text)))
    for cls, rx in _FUNCTION_PATTERNS:
        if rx.search(text):
            return cls
    caption = unicodedata.normalize("NFKC", p.caption or "")
    for cls, words in CLASSES.items():
        if any(w in caption for w in words):
            if cls == "scope" and "提供" in caption:
                return "provision"
            return cls
    return None
