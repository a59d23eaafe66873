"""Law numbers (法令番号) in their two spellings, and the titles of the acts they name.

e-Gov records the act behind each 附則 block as 「平成三〇年五月三〇日法律第三三号」 (promulgation date, positional
kanji digits); amendment sentences cite the same act as 「…を改正する法律（平成三十年法律第三十三号）」. Both reduce
to one key, so that an amending text's opening line finds the 附則 block it speaks of.
"""

from __future__ import annotations

import re

from lxml import etree

from .errors import HoseiError
from .numerals import KANJI_NUMERALS, parse_number, to_kanji

_D = f"[{KANJI_NUMERALS}0-9０-９]+"
_KINDS = "法律|政令|勅令|内閣府令|府令|省令|規則|条例|告示"
_NUMBER_RE = re.compile(
    rf"(?P<era>明治|大正|昭和|平成|令和)(?P<year>元|{_D})年(?:{_D}月{_D}日)?"
    rf"(?:[一-龥ヶ]{{1,8}}?(?=(?:{_KINDS})第))??"  # a municipal issuer: 京都府条例第七号, 教委規則第二号
    rf"(?P<kind>{_KINDS})第(?P<num>{_D})号"
)


def cited_by_year(number: str) -> str:
    """「平成27年9月25日条例第43号」 → 「平成27年条例第43号」: an amending act or ordinance cites the law it amends by
    the year of its number, without the day it was promulgated (「借地借家法（平成三年法律第九十号）」)."""
    return re.sub(rf"(?<=年){_D}月{_D}日", "", number)


#: (era, year, kind, number): 平成三十年法律第三十三号 → ("平成", 30, "法律", 33)
ActKey = tuple[str, int, str, int]


def act_key(text: str) -> ActKey | None:
    """The key of the first law number in *text* (either spelling), or None."""
    m = _NUMBER_RE.search(text)
    if not m:
        return None
    try:
        year = 1 if m.group("year") == "元" else parse_number(m.group("year"))
        return (m.group("era"), year, m.group("kind"), parse_number(m.group("num")))
    except HoseiError:
        return None


_ERA_DIGIT = {"1": "明治", "2": "大正", "3": "昭和", "4": "平成", "5": "令和"}
_ID_KIND = {"AC": "法律", "CO": "政令", "IO": "勅令"}


def key_from_law_id(law_id: str) -> ActKey | None:
    """e-Gov's law id → key: 403AC0000000090 is 平成三年法律第九十号."""
    m = re.fullmatch(r"(?P<era>[1-5])(?P<year>\d\d)(?P<kind>AC|CO|IO)(?P<num>\d{10})", law_id.strip())
    if not m:
        return None
    return (_ERA_DIGIT[m.group("era")], int(m.group("year")), _ID_KIND[m.group("kind")], int(m.group("num")))


def formal_number(key: ActKey) -> str:
    """「平成三十年法律第三十三号」: the spelling a citation uses."""
    era, year, kind, number = key
    return f"{era}{'元' if year == 1 else to_kanji(year)}年{kind}第{to_kanji(number)}号"


_TITLE_BEFORE = re.compile(r"([^、。「」（）\s]+)$")


def act_title(roots: list[etree._Element], key: ActKey) -> str | None:
    """The title of the act numbered *key*, as the texts cite it (「特許法等の一部を改正する法律（平成三十年法律第
    三十三号）」 somewhere in a later 附則), or None when no text names it."""
    formal = f"（{formal_number(key)}）"
    for root in roots:
        for sentence in root.iter("Sentence"):
            text = "".join(sentence.itertext())
            start = text.find(formal)
            while start > 0:
                m = _TITLE_BEFORE.search(text[:start])
                if m:
                    title = re.sub(r"^.*?(?:条|項|号)中", "", m.group(1))
                    if title.endswith(("法律", "法", "政令", "令", "規則", "条例")):
                        return title
                start = text.find(formal, start + 1)
    return None
