"""Ordinances as municipalities publish them: 例規集 pages and PDF text, cleaned before the parser reads them.

What a reader copies from a 例規集 page or a PDF is the ordinance plus the page around it and the scars of
extraction. This module reads those parts so that the parser sees the ordinance only, and says what it did:

- **page furniture** — menus and buttons (「条文目次」「このページを閉じる」「未施行条文の表示」), breadcrumbs
  (「ホーム > 例規集 > …」), the 未施行 banner above the title, and link text such as 「[別表第1]」 on its own line or
  glued to the end of a provision — is dropped with a warning;
- **the title** is the 「○…」 line of the page: everything above it is page furniture;
- **law-number lines** come in every published form: 「平成 27 年9月 30 日条例第 38 号 改正」 (PDF spacing, the
  start of the 改正 history on the same line), 「(平成27年12月11日条例第20号) |」 (a table bar) — repaired into
  the form the parser reads, and the 改正 history lines after them become amendment notes;
- **amendment notes** 「(平28条例40・令3条例45・一部改正)」 / 「(平二八条例四〇・一部改正)」 in Arabic or kanji are
  read into :class:`AmendmentNote` (which acts, what they did) by :func:`read_amendment_note`; the parser records
  them with the provision they follow, never as its text;
- **PDF artefacts** — spaces inside numbers (「法第 19 条第 10 号」), a label alone on its line (「(3)」 then the
  term on the next line) — are repaired, each repair a warning naming its line.

Each rule reads the general form (any municipality, any vendor's layout); nothing is keyed on a body or a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.numerals import DIGITS, KANJI_NUMERALS, parse_number

_KANJI = f"{KANJI_NUMERALS}"
_DIGITS = f"0-9０-９{_KANJI}"
_ERA_ABBR = {"明": "明治", "大": "大正", "昭": "昭和", "平": "平成", "令": "令和"}

#: Words a 例規集 page prints around the ordinance (menus, buttons, tabs). A line made of these only is furniture.
FURNITURE_WORDS = (
    "条文目次",
    "このページを閉じる",
    "ページを閉じる",
    "閉じる",
    "未施行条文の表示",
    "未施行あり",
    "未施行",
    "印刷する",
    "印刷",
    "ページの先頭へ",
    "ページの先頭に戻る",
    "先頭へ",
    "前の条文",
    "次の条文",
    "前へ",
    "次へ",
    "戻る",
    "目次へ",
    "本文へ",
    "沿革",
    "改正文",
    "制定文",
    "全文表示",
    "全文",
    "本文",
    "ヘルプ",
    "例規集",
    "例規検索",
    "体系目次",
    "五十音索引",
    "索引",
    "トップページ",
    "ホーム",
    "新規ウインドウで開く",
    "様式",
    "表示",
)
_FURNITURE_SEPARATORS = " 　\t|｜>＞»/・◆◇■□▲▼▶►※*＊[]［］【】「」"
_FURNITURE_RE = re.compile("|".join(sorted(map(re.escape, FURNITURE_WORDS), key=len, reverse=True)))
_BREADCRUMB_RE = re.compile(r"^[^。、]{1,30}(?:\s*[>＞»]\s*[^。、>＞»]{1,40}){2,}$")
#: Link text a page prints for a table or form: 「[別表第1]」「［別記様式第2号］」「【別表】」.
_LINK_TEXT = r"[\[［【](?:別表|別記|様式|別紙)[^\]］】]{0,12}[\]］】]"
_LINK_LINE_RE = re.compile(rf"^(?:{_LINK_TEXT}[ 　]*)+$")
_LINK_GLUED_RE = re.compile(rf"(?<=[。）)])[ 　]*((?:{_LINK_TEXT}[ 　]*)+)$")
#: The 未施行 banner's sentence: 「…法律(令和5年法律第48号)の施行の日から施行」.
_PENDING_BANNER_RE = re.compile(rf"(?:の施行の日|[0-9０-９{DIGITS}十元]+日)から施行$")
_TITLE_MARK = "○◯〇"

_ACT = (
    rf"(?P<era>[明大昭平令])(?:治|正|和|成)?(?P<year>元|[{_DIGITS}]+)(?:年)?"
    rf"(?:[{_DIGITS}]+月)?(?:[{_DIGITS}]+日)?"
    rf"(?P<issuer>[^・、,()（）0-9０-９]{{0,12}}?)(?P<kind>条例|規則|告示|訓令|規程)第?(?P<num>[{_DIGITS}]+)号?"
)
_ACT_RE = re.compile(_ACT)
#: The same without group names, to repeat inside a note (「平28条例40・令3条例45・一部改正」).
_ACT_PLAIN = re.sub(r"\?P<\w+>", "", _ACT)
_ACTION = r"[^・、,()（）]{0,24}?(?:改正|全改|追加|削除|改称|繰下|繰上|旧|移動|一部改正)[^・、,()（）]{0,24}"
_GROUP = rf"{_ACT_PLAIN}(?:[・,]{_ACT_PLAIN})*[・,]{_ACTION}"
_NOTE_RE = re.compile(rf"^[（(]{_GROUP}(?:[、,]{_GROUP})*[）)]$")
_GROUP_RE = re.compile(rf"(?P<acts>{_ACT_PLAIN}(?:[・,]{_ACT_PLAIN})*)[・,](?P<action>{_ACTION})")

#: A law-number line as pages and PDFs print it; the parser reads the repaired form.
_LAWNUM_LINE_RE = re.compile(
    rf"^[（(]?(?:明治|大正|昭和|平成|令和)[ 　]*(?:元|[0-9０-９{DIGITS}十]+)[ 　]*年.*?第[ 　]*[0-9０-９{KANJI_NUMERALS}]+[ 　]*号[）)]?"
)
_HISTORY_RE = re.compile(r"^(?:最終)?改正[ 　:：]*(.*)$")


@dataclass(frozen=True)
class NotedAct:
    """One act named by a note: 「平28条例40」 → 平成28年条例第40号."""

    era: str
    year: int
    kind: str
    num: int
    issuer: str = ""

    @property
    def number(self) -> str:
        year = "元" if self.year == 1 else str(self.year)
        return f"{self.era}{year}年{self.issuer}{self.kind}第{self.num}号"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (list(_ERA_ABBR.values()).index(self.era), self.year, self.num)


@dataclass
class AmendmentNote:
    """What a 例規集 page says amended a provision: the acts in order, what each group did, and where it stood."""

    line: int
    text: str
    acts: list[NotedAct]
    actions: list[str]
    provision: str = ""  # 「第1条」, 「第2条第8号」, 「題名」 (filled by the parser)

    @property
    def latest(self) -> NotedAct:
        return max(self.acts, key=lambda a: a.sort_key)


def _read_act(m: re.Match[str]) -> NotedAct:
    year = 1 if m.group("year") == "元" else parse_number(m.group("year"))
    return NotedAct(
        _ERA_ABBR[m.group("era")],
        year,
        m.group("kind"),
        parse_number(m.group("num")),
        m.group("issuer") or "",
    )


def read_amendment_note(text: str, line: int = 0) -> AmendmentNote | None:
    """「(平28条例32・全改、令3条例17・令6条例14・一部改正)」 → the acts and actions; None for anything else."""
    s = text.strip(" 　\t").replace(" ", "").replace("　", "")
    if not _NOTE_RE.match(s):
        return None
    acts: list[NotedAct] = []
    actions: list[str] = []
    for group in _GROUP_RE.finditer(s[1:-1]):
        acts += [_read_act(m) for m in _ACT_RE.finditer(group.group("acts"))]
        actions.append(group.group("action"))
    if not acts:
        return None
    return AmendmentNote(line, text.strip(" 　\t"), acts, actions)


def read_history_line(text: str, line: int = 0) -> AmendmentNote | None:
    """A line of the 改正 history under a page's law number: 「改正 平成28年3月25日条例第5号」, or the date and
    number alone on the lines after it. Full era names are read as well as abbreviations."""
    s = text.strip(" 　\t")
    m = _HISTORY_RE.match(s)
    body = (m.group(1) if m else s).replace(" ", "").replace("　", "")
    found = [
        _read_act(a)
        for a in _ACT_RE.finditer(body)
        if a.group(0) and (a.start() == 0 or body[a.start() - 1] in "、,・ 　")
    ]
    rest = _ACT_RE.sub("", body).strip("、,・ 　")
    if not found or rest:
        return None
    return AmendmentNote(line, s, found, ["改正"])


def _is_furniture(s: str) -> bool:
    rest = _FURNITURE_RE.sub("", s)
    if not rest.strip(_FURNITURE_SEPARATORS) and rest != s:
        return True
    return bool(_BREADCRUMB_RE.match(s)) and not s.endswith("。")


_NUMBER_SPACE_RES = (
    # 「第 19 条」「平成 25 年」「第 13 号」: spaces inside a number and around it, next to the counters
    re.compile(r"(?<=[第0-9０-９])[ ]+(?=[0-9０-９])"),
    re.compile(r"(?<=[0-9０-９])[ ]+(?=[条項号年月日])"),
    re.compile(r"(?<=[第年月])[ ]+(?=[0-9０-９])"),
    re.compile(r"(?<=明治|大正|昭和|平成|令和)[ ]+(?=[0-9０-９元])"),
)


def repair_number_spacing(s: str) -> str:
    """「法第 19 条第 10 号」 → 「法第19条第10号」: the half-width spaces a PDF puts around Arabic numbers."""
    if " " not in s:
        return s
    for rx in _NUMBER_SPACE_RES:
        s = rx.sub("", s)
    return s


_LABEL_ALONE_RE = re.compile(
    rf"^(?:[（(][0-9０-９]{{1,3}}[）)]|[0-9０-９]{{1,3}}|[{DIGITS[1:10]}十]{{1,3}}|[アイウエオカキクケコ])$"
)


@dataclass
class Cleaned:
    """The lines the parser reads, their source line numbers, and what was repaired or dropped."""

    lines: list[str]
    numbers: list[int]
    warnings: list[tuple[int, str]] = field(default_factory=list)
    history: list[AmendmentNote] = field(default_factory=list)


def clean_published(lines: list[str], numbers: list[int] | None = None) -> Cleaned:
    """Drop page furniture, find the title, repair law-number lines and PDF artefacts; see the module's notes."""
    nums = numbers if numbers is not None else list(range(1, len(lines) + 1))
    out = Cleaned([], [])
    body_start = _first_body_line(lines)
    title_at = _title_line(lines, body_start)
    in_history = False
    seen_number = False
    i = 0
    while i < len(lines):
        raw = lines[i]
        n = nums[i]
        s = raw.strip(" 　\t\u00a0")
        i += 1
        if not s:
            out.lines.append(raw)
            out.numbers.append(n)
            continue
        header = i - 1 < body_start
        if header and title_at is not None and i - 1 < title_at:
            out.warnings.append((n, f"above the title (page furniture), dropped: {s}"))
            continue
        if _is_furniture(s) or _LINK_LINE_RE.match(s):
            out.warnings.append((n, f"page furniture, dropped: {s}"))
            continue
        if header and _PENDING_BANNER_RE.search(s) and "条例" not in s[-12:]:
            out.warnings.append((n, f"page furniture (未施行 banner), dropped: {s}"))
            continue
        if header:
            fixed, history_follows = _law_number_line(s) if not in_history else (None, False)
            if fixed is not None and seen_number:
                fixed = None  # a second number line is not the ordinance's: the history reads it below
            if fixed is not None:
                seen_number = True
                if fixed != s:
                    out.warnings.append((n, f"law number repaired: {s} → {fixed}"))
                out.lines.append(fixed)
                out.numbers.append(n)
                in_history = history_follows
                continue
            if _HISTORY_RE.match(s) or in_history:
                note = read_history_line(s, n)
                if note is not None:
                    out.history.append(note)
                    out.warnings.append((n, f"amendment history, read as revision metadata: {s}"))
                    in_history = True
                    continue
            in_history = False
        repaired = repair_number_spacing(s)
        glued = _LINK_GLUED_RE.search(repaired)
        if glued:
            out.warnings.append((n, f"page furniture glued to the text, dropped: {glued.group(1).strip()}"))
            repaired = repaired[: glued.start()]
        if repaired != s and not glued:
            out.warnings.append((n, "PDF spacing inside numbers removed"))
        if _LABEL_ALONE_RE.match(repaired) and not header:
            j = i
            while j < len(lines) and not lines[j].strip(" 　\t"):
                j += 1
            if j < len(lines) and not _LABEL_ALONE_RE.match(lines[j].strip(" 　\t")):
                nxt = lines[j].strip(" 　\t")
                if not re.match(rf"^第[{_DIGITS}]+条", nxt):
                    out.warnings.append(
                        (n, f"label alone on its line joined with the next: {repaired} {nxt}")
                    )
                    repaired = f"{repaired} {repair_number_spacing(nxt)}"
                    i = j + 1
        indent = raw[: len(raw) - len(raw.lstrip(" 　\t"))]
        out.lines.append(indent + repaired if repaired != s else raw)
        out.numbers.append(n)
    return out


def _first_body_line(lines: list[str]) -> int:
    """Index of the first article, caption before an article, or 目次: where the header ends."""
    for i, raw in enumerate(lines):
        s = raw.strip(" 　\t")
        if re.match(rf"^第[{_DIGITS}]+条", s) or s in ("目次", "目　次") or re.match(r"^[（(]趣旨[）)]$", s):
            return i
    return len(lines)


def _title_line(lines: list[str], body_start: int) -> int | None:
    """The 「○…」 line that 例規集 pages print as the ordinance's title, if the header has one."""
    for i in range(min(body_start, len(lines))):
        s = lines[i].strip(" 　\t")
        if len(s) > 2 and s[0] in _TITLE_MARK and s[1] not in _TITLE_MARK and not s.endswith("。"):
            return i
    return None


def _law_number_line(s: str) -> tuple[str | None, bool]:
    """A law-number line in a published form → (the form the parser reads, whether 改正 history follows)."""
    compact = s.strip("|｜ 　").rstrip()
    history = False
    m = re.match(r"^(.*?号[）)]?)[ 　]*(?:最終)?改正(.*)$", compact)
    if m and _LAWNUM_LINE_RE.match(m.group(1).strip()):
        compact = m.group(1).strip()
        history = True
        if m.group(2).strip(" 　:："):
            history = True
    if not _LAWNUM_LINE_RE.match(compact) or not compact.rstrip("）)").endswith("号"):
        return None, False
    fixed = re.sub(r"(?<=[第年月日0-9０-９])[ 　]+|[ 　]+(?=[0-9０-９年月日号条])", "", compact)
    return fixed, history
