"""What publication does to an ordinance's text, for the synthetic corpus: the forms real ones come in.

Real Article 9(2) ordinances reach a reader as 例規集 pages or PDFs (../shared/data/ordinances and the published
pages in tests/data/ordinances/published): in kanji and vertical numbering or Arabic and horizontal, with the page's
menus around them and its amendment notes inside, or as PDF text with spaces around numbers and lines broken where
the page ended. Each function here turns a rendered horizontal ordinance into one of those forms; none changes
what the ordinance says, so the ground truth of the corpus holds for every form (`import text` undoes them, with
warnings).
"""

from __future__ import annotations

import random
import re

from ..core.numerals import DIGITS, to_kanji

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ERA_SHORT = {"平成": "平", "令和": "令"}


def era_year(year: int) -> tuple[str, int]:
    """2015 → (平成, 27); 2019 and later → 令和 (2019 is 令和元年 from May; the corpus dates its acts after May)."""
    return ("令和", year - 2018) if year >= 2019 else ("平成", year - 1988)


def to_vertical(text: str) -> str:
    """Horizontal municipal style → the vertical style of prefectures and of many 例規集: kanji numerals with
    place words (第十九条第十一号, 平成二十七年), paragraph numbers in full-width digits, items 一・二, full-width
    parentheses, the ideographic comma."""

    def kanji_number(m: re.Match[str]) -> str:
        return to_kanji(int(m.group(0)))

    out = []
    for line in text.split("\n"):
        line = re.sub(r"^(\d+)　", lambda m: m.group(1).translate(_FULLWIDTH) + "　", line)
        line = re.sub(r"^\((\d+)\)　", lambda m: to_kanji(int(m.group(1))) + "　", line)
        line = re.sub(
            r"(?<=第)\d+(?=[条項号欄])|(?<=別表第)\d+|\d+(?=[年月日])|(?<=条の)\d+", kanji_number, line
        )
        line = line.replace("(", "（").replace(")", "）").replace("，", "、")
        out.append(line)
    return "\n".join(out)


def as_pdf_text(text: str, rng: random.Random, width: int = 38) -> str:
    """PDF text: half-width spaces around Arabic numbers in citations and dates, lines broken at the page width
    (never where the next line would read as a new provision), a few item labels left alone on their line."""
    spaced = re.sub(r"(?<=第)(\d+)(?=[条項号])|(?<=[成和])(\d+)(?=年)", lambda m: f" {m.group(0)} ", text)
    out: list[str] = []
    for line in spaced.split("\n"):
        if line.startswith("|") or len(line) <= width:
            out.append(line)
            continue
        m = re.match(r"^(\(\d+\))　(.*)$", line)
        if m and rng.random() < 0.3:
            out.append(m.group(1))
            line = m.group(2)
        while len(line) > width:
            cut = width
            while cut < len(line) and not _can_start_a_line(line[cut]):
                cut += 1
            if cut >= len(line):
                break
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return "\n".join(out)


def _can_start_a_line(ch: str) -> bool:
    """A PDF break is kept where the next line cannot be read as a new unit (第…条, 2, (1), 別表, 附則, a row)."""
    return bool(re.match(r"[\u3041-\u309f\u4e00-\u9fff]", ch)) and ch not in f"第別附{DIGITS[1:10]}十"


def as_web_page(text: str, rng: random.Random) -> str:
    """A 例規集 page: its menu and breadcrumb above the 「○」 title, 「ページの先頭へ」 below."""
    lines = text.split("\n")
    head = rng.choice(
        [
            ["条文目次 このページを閉じる", ""],
            ["ホーム > 例規集 > 第3編 行政通則 > 第2章 情報管理", ""],
            ["印刷 | ページの先頭へ", ""],
        ]
    )
    return "\n".join([*head, "○" + lines[0], *lines[1:], "", "ページの先頭へ"])


def note(year: int, number: int, vertical: bool, action: str = "一部改正") -> str:
    """An amendment note as 例規集 pages print it: 「(令3条例12・一部改正)」, 「（令三条例一二・一部改正）」."""
    era, y = era_year(year)
    short = _ERA_SHORT[era]
    if vertical:
        digits = "".join(f"{DIGITS}"[int(d)] for d in str(number))
        return f"（{short}{'元' if y == 1 else to_kanji(y)}条例{digits}・{action}）"
    return f"({short}{'元' if y == 1 else y}条例{number}・{action})"


def law_number_lines(
    body_name: str, year: int, month: int, day: int, number: int, vertical: bool
) -> list[str]:
    """The promulgation date and number as 例規集 pages print them (two lines)."""
    era, y = era_year(year)
    if vertical:
        return [
            f"{era}{to_kanji(y)}年{to_kanji(month)}月{to_kanji(day)}日",
            f"{body_name}条例第{to_kanji(number)}号",
        ]
    return [f"{era}{y}年{month}月{day}日", f"条例第{number}号"]
