"""Plain text → e-Gov standard law XML: statutes and ordinances as they are pasted, published or printed.

The parser reads lines. A line either opens a unit — a heading (第一章　総則), a caption (（目的）), an article
(第九条 / 第9条), a paragraph (２ / 2), an item (一 / (1)), a subitem (イ / ア / ⑴ / (ア)), a table row
(| a | b |), 附則, 別表 — or continues the text of the unit before it (text copied from web pages breaks lines
at every link). Numbers must run in sequence for a line to open a unit, which keeps a continuation line that
happens to start with 一 or ２ in its sentence. Nothing is dropped: what cannot be placed is reported with its
line number, and every character of the body ends up in the XML or in a warning.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from ..core.errors import HoseiError
from ..core.numerals import (
    AIUEO,
    DIGITS,
    IROHA,
    KANJI_NUMERALS,
    PAREN_DIGITS,
    BranchNumber,
    branch_to_num,
    parse_branch,
    parse_number,
    to_kanji,
)
from ..core.xmlio import DEFAULT_PROLOG, Document
from .published import AmendmentNote, clean_published, read_amendment_note

KANJI_NUM = f"{KANJI_NUMERALS}"
_KNUM = f"[{KANJI_NUM}]+"
_ANUM = "[0-9０-９]+"
_NUM = f"(?:{_KNUM}|{_ANUM})"
_SEP = "(?:[ 　\t]+|$)"
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]

_HEADING_RE = re.compile(rf"^第({_NUM})(編|章|節|款|目)((?:の{_NUM})*)[ 　]+(\S.*)$")
_HEADING_TAGS = {"編": "Part", "章": "Chapter", "節": "Section", "款": "Subsection", "目": "Division"}
_HEADING_ORDER = ["Part", "Chapter", "Section", "Subsection", "Division"]
_TOC_RANGE_RE = re.compile(rf"[（(]第.+条(?:の[{KANJI_NUMERALS}0-9０-９]+)*[）)]$|[（(]第.+?[―－‐-].*[）)]$")
_ARTICLE_RE = re.compile(
    rf"^第({_NUM})条((?:の{_NUM})*)(?:(及び|から)第({_NUM})条((?:の{_NUM})*)(まで)?)?{_SEP}(.*)$"
)
CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474)) + "".join(chr(c) for c in range(0x3251, 0x3260))
# ②　… : old laws print editorial paragraph numbers (e-Gov: Paragraph@OldStyle="true", ParagraphNum ②)
_PARAGRAPH_RE = re.compile(rf"^({_ANUM}|[{CIRCLED}]){_SEP}(.*)$")


def circled(n: int) -> str:
    """② for 2: the editorial number of a paragraph in a law without official paragraph numbers."""
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    raise HoseiError(f"no circled number for {n}")


def paragraph_number(num_text: str) -> int:
    """２, 2 or ② as a number."""
    if len(num_text) == 1 and num_text in CIRCLED:
        return CIRCLED.index(num_text) + 1
    return parse_number(num_text)


_ITEM_V_RE = re.compile(
    rf"^({_KNUM}(?:の{_KNUM})*)(?:(から|及び|～|・)({_KNUM}(?:の{_KNUM})*)(まで)?)?{_SEP}(.*)$"
)
_ITEM_H_RE = re.compile(rf"^[（(]({_ANUM}(?:の{_ANUM})*)[）)][ 　\t]*(.*)$")
_SUB1_V_RE = re.compile(rf"^([{IROHA}])(?:(から|及び|～|・)([{IROHA}])(まで)?)?{_SEP}(.*)$")
_SUB1_H_RE = re.compile(rf"^([{AIUEO}]){_SEP}(.*)$")
_SUB2_V_RE = re.compile(rf"^([{PAREN_DIGITS}]|[（(]{_ANUM}[）)]){_SEP}(.*)$")
_SUB2_H_RE = re.compile(rf"^[（(]([{AIUEO}])[）)]{_SEP}(.*)$")
_SUB3_V_RE = re.compile(r"^[（(]([ivxlｉｖｘｌ]+)[）)]" + _SEP + "(.*)$")
_SUB3_H_RE = re.compile(r"^([a-z])" + _SEP + "(.*)$")
_CAPTION_RE = re.compile(r"^[（(]([^（）()]{1,200})[）)]$")
_AMEND_NOTE_RE = re.compile(
    r"^[（(](?:明|大|昭|平|令)[0-9０-９元]+.*(?:改正|追加|全改|削除|旧|繰下|繰上)[^（）()]*[）)]$"
)
_SUPPL_RE = re.compile(r"^附[ 　]*則(?:[ 　]*[（(](.+?)[）)])?(?:[ 　]*(抄))?$")
_APPDX_RE = re.compile(rf"^(別表(?:第{_NUM})?)(?:[ 　]*([（(][^（）()]*関係[）)]))?$")
_LAWNUM_RE = re.compile(
    rf"^[（(]?(?P<era>明治|大正|昭和|平成|令和)(?P<year>元|[0-9０-９{DIGITS}十]+)年"
    rf"(?:(?P<month>[0-9０-９{DIGITS}十]+)月(?P<day>[0-9０-９{DIGITS}十]+)日)?"
    rf"(?P<issuer>[^（）()第]*?)(?P<kind>法律|政令|勅令|条例|規則|府令|省令|訓令|告示)第(?P<num>[0-9０-９{KANJI_NUMERALS}]+)号[）)]?$"
)
_DATE_RE = re.compile(
    rf"^(?P<era>明治|大正|昭和|平成|令和)(?P<year>元|[0-9０-９{DIGITS}十]+)年"
    rf"(?P<month>[0-9０-９{DIGITS}十]+)月(?P<day>[0-9０-９{DIGITS}十]+)日$"
)
_NUMBER_ONLY_RE = re.compile(
    rf"^(?P<issuer>[^（）()第]*?)(?P<kind>法律|政令|条例|規則)第(?P<num>[0-9０-９{KANJI_NUMERALS}]+)号$"
)
_ERA_ROMAJI = {"明治": "Meiji", "大正": "Taisho", "昭和": "Showa", "平成": "Heisei", "令和": "Reiwa"}
_LAW_TYPES = {"act": "Act", "ordinance": "Misc", "rule": "Rule", "cabinet-order": "CabinetOrder"}
SPANNED = "〃"


@dataclass
class Warning_:
    """Something the parser could not place, with its line."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class ParseResult:
    document: Document
    warnings: list[Warning_] = field(default_factory=list)
    style: str = "vertical"
    header: list[str] = field(default_factory=list)
    #: Amendment notes of a 例規集 page (「(平28条例40・一部改正)」, the 改正 history): revision metadata, never text.
    notes: list[AmendmentNote] = field(default_factory=list)

    @property
    def last_amended_by(self) -> str | None:
        """The latest act the page's notes name (「令和6年条例第14号」), or None when it names none."""
        acts = [a for n in self.notes for a in n.acts]
        return max(acts, key=lambda a: a.sort_key).number if acts else None


def _norm_space(line: str) -> str:
    return line.replace("\u00a0", " ")


def _width_fold(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


# --- sentence splitting ------------------------------------------------------------------------------
def split_sentences(text: str) -> list[str]:
    """Split at 「。」 outside quotes and brackets, as e-Gov splits Sentence elements."""
    if not text:
        return [""]
    out: list[str] = []
    paren = quote = 0
    cur: list[str] = []
    for i, ch in enumerate(text):
        cur.append(ch)
        if ch == "「":
            quote += 1
        elif ch == "」":
            quote = max(0, quote - 1)
        elif quote == 0 and ch in "（(":
            paren += 1
        elif quote == 0 and ch in "）)":
            paren = max(0, paren - 1)
        elif ch == "。" and quote == 0 and paren == 0:
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if nxt in "）」)":
                continue
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


_RUBY_RE = re.compile(r"｜([^｜《》]+)《([^《》]+)》")


def _fill_inline(el: etree._Element, text: str) -> None:
    """Set *el*'s content from text, turning ｜base《reading》 into Ruby elements."""
    pos = 0
    last: etree._Element | None = None
    el.text = ""
    for m in _RUBY_RE.finditer(text):
        chunk = text[pos : m.start()]
        if last is None:
            el.text = (el.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        ruby = etree.SubElement(el, "Ruby")
        ruby.text = m.group(1)
        rt = etree.SubElement(ruby, "Rt")
        rt.text = m.group(2)
        last = ruby
        pos = m.end()
    rest = text[pos:]
    if last is None:
        el.text = (el.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest
    if el.text == "":
        el.text = None


def add_sentences(parent: etree._Element, text: str, writing_mode: str) -> None:
    """Sentence elements for *text*: split at 。, Function main/proviso when the second starts with ただし."""
    parts = split_sentences(text)
    proviso = len(parts) == 2 and parts[1].startswith("ただし")
    for i, part in enumerate(parts, start=1):
        attrib = {"Num": str(i)}
        if proviso:
            attrib["Function"] = "main" if i == 1 else "proviso"
        attrib["WritingMode"] = writing_mode
        s = etree.SubElement(parent, "Sentence", attrib)
        _fill_inline(s, part)


def _is_term(text: str) -> bool:
    """A short defined term standing alone (個人番号, 特定個人情報), not a sentence."""
    return 0 < len(text) <= 20 and not re.search(r"[、。，．,.（）()「」\s]", text)


def fill_sentence_container(
    container: etree._Element, text: str, writing_mode: str, columns: bool, horizontal: bool = False
) -> None:
    """ItemSentence and the like: columns (term　definition) split at the full-width space; municipal texts
    also separate the term with a half-width space (個人番号 法第2条第5項に規定する…)."""
    if columns and horizontal and "　" not in text:
        term, sep, rest = text.partition(" ")
        if sep and _is_term(term) and rest:
            text = f"{term}　{rest}"
    if columns and "　" in text:
        for i, part in enumerate(text.split("　"), start=1):
            col = etree.SubElement(container, "Column", Num=str(i))
            add_sentences(col, part, writing_mode)
    else:
        add_sentences(container, text, writing_mode)


# --- the parser --------------------------------------------------------------------------------------
@dataclass
class _Unit:
    """A unit whose text lines are still being collected."""

    kind: str  # paragraph, item, subitem1.., cell, title
    el: etree._Element
    line: int
    text: list[str] = field(default_factory=list)
    columns: bool = False


class TextParser:
    """A line-based parser; one instance per document."""

    def __init__(
        self,
        lines: list[str],
        style: str = "auto",
        law_type: str = "act",
        strict: bool = False,
        line_numbers: list[int] | None = None,
    ) -> None:
        self.lines = lines
        self.line_numbers = line_numbers  # source lines when the text was made from HTML
        self.style = self._detect_style(lines) if style == "auto" else style
        self.horizontal = self.style == "horizontal"
        self.writing_mode = "horizontal" if self.horizontal else "vertical"
        self.law_type = law_type
        self.strict = strict
        self.warnings: list[Warning_] = []
        self.header: list[str] = []
        self.notes: list[AmendmentNote] = []
        self.root = etree.Element("Law", Lang="ja")
        self.law_num = etree.SubElement(self.root, "LawNum")
        self.body = etree.SubElement(self.root, "LawBody")
        self.title_el = etree.SubElement(self.body, "LawTitle")
        self.toc: etree._Element | None = None
        self.main = etree.SubElement(self.body, "MainProvision")
        self.scope = self.main  # MainProvision or the current SupplProvision
        self.divisions: list[etree._Element] = []
        self.article: etree._Element | None = None
        self.paragraph: etree._Element | None = None
        self.item: etree._Element | None = None
        self.subitems: list[etree._Element] = []
        self.table: etree._Element | None = None  # Table element receiving rows
        self.table_rows: list[list[str]] = []
        self.table_line = 0
        self.appendix: etree._Element | None = None
        self.pending: _Unit | None = None
        self.caption: tuple[str, int] | None = None
        self.seen_body = False
        self.date_line: str | None = None
        self.toc_closed = False
        self.last_article: dict[etree._Element, BranchNumber] = {}  # keys keep the scopes alive
        self.date_lineno = 0
        self.date_used = False
        self.bare_article: etree._Element | None = None
        self.trailing_space = False
        self.skip_until = 0

    # --- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _detect_style(lines: list[str]) -> str:
        arabic = sum(1 for ln in lines if re.match(r"^\s*第[0-9０-９]+条", ln))
        kanji = sum(1 for ln in lines if re.match(rf"^\s*第{_KNUM}条", ln))
        return "horizontal" if arabic > kanji else "vertical"

    def warn(self, line: int, message: str) -> None:
        if self.line_numbers is not None and 1 <= line <= len(self.line_numbers):
            line = self.line_numbers[line - 1] or line
        if self.strict:
            raise HoseiError(message, "<text>", line)
        self.warnings.append(Warning_(line, message))

    def flush(self) -> None:
        """Write the collected text of the pending unit into its element."""
        unit = self.pending
        self.pending = None
        if unit is None:
            return
        text = "".join(unit.text)
        if unit.kind == "title":
            self.title_el.text = text
            return
        if unit.kind == "heading":  # a heading broken by a link: 第二節　行政機関個人情報保護法 / 等の特例等
            unit.el.text = text
            return
        container = unit.el
        fill_sentence_container(container, text, self.writing_mode, unit.columns, self.horizontal)

    def start_text(
        self, kind: str, container: etree._Element, line: int, text: str, columns: bool = False
    ) -> None:
        self.flush()
        self.pending = _Unit(
            kind, container, line, [text.strip(" 　\t")] if text.strip(" 　\t") else [], columns
        )

    def close_table(self) -> None:
        if self.table is not None and self.table_rows:
            build_table_rows(self.table, self.table_rows, self.writing_mode)
        if self.table is not None and not len(self.table):
            struct = self.table.getparent()
            if struct is not None and struct.getparent() is not None:
                owner = struct.getparent()
                assert owner is not None
                owner.remove(struct)
        self.table = None
        self.table_rows = []

    def next_nonblank(self, index: int) -> str | None:
        for j in range(index + 1, len(self.lines)):
            s = self.lines[j].strip(" 　\t")
            if s:
                return s
        return None

    # --- numbering state ----------------------------------------------------------------------
    def _last_num(self, parent: etree._Element | None, tag: str) -> BranchNumber | None:
        if parent is None:
            return None
        found = parent.findall(tag)
        if not found:
            return None
        num = found[-1].get("Num", "")
        last = num.split(":")[-1]
        try:
            return tuple(int(p) for p in last.split("_"))
        except ValueError:
            return None

    def _last_label(self, parent: etree._Element, tag: str) -> BranchNumber | None:
        """The number printed on the last item/subitem (the end of a range), kept while parsing."""
        found = parent.findall(tag)
        if not found:
            return None
        raw = found[-1].get("Label") or found[-1].get("Num") or ""
        try:
            return tuple(int(p) for p in raw.split(":")[-1].split("_"))
        except ValueError:
            return None

    def _article_scope_last(self) -> BranchNumber | None:
        """The last article number opened in the current scope (main provision or one 附則)."""
        return self.last_article.get(self.scope)

    # --- classification of one line -----------------------------------------------------------
    def parse(self) -> ParseResult:
        for index, raw in enumerate(self.lines):
            if index < self.skip_until:
                continue
            self.handle(index, raw)
        self.flush()
        self.close_table()
        return self.finish()

    def handle(self, index: int, raw: str) -> None:
        lineno = index + 1
        line = _norm_space(raw).rstrip("\r\n").rstrip(" \t")
        stripped = line.strip(" 　\t")
        if self.table is not None and (is_table_line(stripped)):
            self.table_rows.append(split_row(stripped))
            return
        if not stripped:
            if self.appendix is not None and line and self.table_rows and self.pending is None:
                # a full-width space alone: an empty cell of the current appendix row
                self.table_rows[-1].append("")
            return
        if self.try_structure(index, lineno, line, stripped):
            return
        if re.match(r"^(?:-{3,}|={3,}|\*{3,})", stripped):  # a separator or editor's note between excerpts
            self.flush()
            self.warn(lineno, f"separator line, not part of the law text: {stripped}")
            return
        if self.table is not None and " | " in stripped:
            self.table_rows.append(split_row(stripped + " |"))
            self.warn(lineno, f"table row without its closing bar (truncated?): {stripped}")
            return
        # a continuation of the unit before
        if self.pending is not None:
            unit = self.pending
            if unit.columns and len(unit.text) == 1 and _is_term(unit.text[0]) and not _is_term(stripped):
                unit.text.append(
                    "　" + stripped
                )  # (1) 個人番号 / 法第2条第5項に規定する…: a definition's term line
            else:
                unit.text.append(stripped if not unit.text else line.lstrip(" \t"))
            return
        if self.appendix is not None and self.table_rows:
            self.table_rows[-1].append(stripped)
            return
        if not self.seen_body:
            self.header_line(lineno, stripped)
            return
        if (
            self.scope is not self.main
            and not len(self.scope.findall("Paragraph"))
            and not len(self.scope.findall("Article"))
        ):
            self.open_suppl_paragraph(lineno, None, stripped)
            return
        self.warn(lineno, f"text that belongs to no provision: {stripped}")

    def amendment_note(self, lineno: int, s: str) -> bool:
        """A 例規集 amendment note: recorded with the provision it follows (revision metadata), never text."""
        note = read_amendment_note(s, lineno)
        if note is None:
            if _AMEND_NOTE_RE.match(s):
                self.warn(
                    lineno, f"amendment note of a 例規集 page, not part of the law text (acts not read): {s}"
                )
                return True
            return False
        self.flush()
        note.provision = self.position()
        self.notes.append(note)
        self.warn(lineno, f"amendment note of {note.provision}, read as revision metadata: {s}")
        return True

    def position(self) -> str:
        """Where the text stands now, as a citation: 「第2条第8号」, 「附則第1項」, 「題名」 before any provision."""
        if self.appendix is not None:
            return "".join(self.appendix.findtext("AppdxTableTitle") or "別表")
        parts: list[str] = []
        if self.scope is not self.main:
            parts.append("附則")
        if self.article is not None:
            parts.append(self.article.findtext("ArticleTitle") or "")
        if self.paragraph is not None and self.paragraph.get("Num") not in (None, "1"):
            parts.append(f"第{self.paragraph.get('Num')}項")
        if self.item is not None:
            label = self.item.get("Label") or self.item.get("Num") or ""
            numbers = [int(n) for n in label.split("_") if n.isdigit()]
            shown = "の".join(str(n) if self.horizontal else to_kanji(n) for n in numbers)
            parts.append(f"第{shown}号")
        return "".join(parts) or ("題名" if not self.seen_body else "本則")

    def header_line(self, lineno: int, stripped: str) -> None:
        """Lines before the first provision: title, law number, promulgation date, notes."""
        if self.amendment_note(lineno, stripped):
            return
        text = stripped.lstrip("○◯")
        if re.search(r"[0-9] +[0-9]|第 +[0-9]|[0-9] +号", text):  # PDF spacing: 佐賀県条例第 39 号
            text = re.sub(r"(?<=[第0-9]) +(?=[0-9号])|(?<=[0-9]) +(?=[0-9])", "", text)
        m = _LAWNUM_RE.match(text)
        if m and not (self.law_num.text or ""):
            self.set_law_number(m.groupdict(), text)
            return
        d = _DATE_RE.match(text)
        if d and not (self.law_num.text or "") and self.date_line is None:
            self.date_line = text
            self.date_lineno = lineno
            return
        n = _NUMBER_ONLY_RE.match(text)
        if n and not (self.law_num.text or ""):
            self.set_law_number_from_parts(n.groupdict(), text)
            return
        if not (self.title_el.text or "") and self._looks_like_title(text):
            self.title_el.text = text
            return
        if text == (self.title_el.text or ""):
            self.header.append(text)
            self.warn(lineno, f"title repeated, kept once: {text}")
            return
        self.header.append(text)
        self.warn(lineno, f"header line, not part of the law text: {text}")

    @staticmethod
    def _looks_like_title(text: str) -> bool:
        if ":" in text[:12] or "：" in text[:12]:
            return False
        if text.startswith((".", "=", "<", "source", "note", "http")):
            return False
        return bool(re.search(r"(法律|法|令|条例|規則|規程|要綱)$", text)) or len(text) < 80

    def set_law_number(self, g: dict[str, str | None], text: str) -> None:
        era = g["era"] or ""
        year = 1 if g["year"] == "元" else parse_number(g["year"] or "1")
        num = parse_number(g["num"] or "1")
        self.root.set("Era", _ERA_ROMAJI[era])
        self.root.set("Year", str(year))
        self.root.set("Num", str(num))
        if g.get("month") and g.get("day"):
            self.root.set("PromulgateMonth", f"{parse_number(g['month'] or '1'):02d}")
            self.root.set("PromulgateDay", f"{parse_number(g['day'] or '1'):02d}")
        inner = text.strip("（）()")
        if g.get("month") and g["kind"] == "法律" and not g.get("issuer"):
            # e-Gov's LawNum carries no date: 平成二十五年法律第二十七号
            inner = f"{era}{g['year']}年{g['issuer'] or ''}{g['kind']}第{g['num']}号"
        self.law_num.text = inner

    def set_law_number_from_parts(self, g: dict[str, str | None], text: str) -> None:
        """A number line without a year (条例第34号) after a date line (平成27年9月29日)."""
        if self.date_line is None:
            self.law_num.text = text
            self.root.set("Num", str(parse_number(g["num"] or "1")))
            return
        d = _DATE_RE.match(self.date_line)
        assert d is not None
        self.date_used = True
        self.set_law_number(
            {**d.groupdict(), "issuer": g["issuer"], "kind": g["kind"], "num": g["num"]},
            self.date_line + text,
        )

    def try_structure(self, index: int, lineno: int, line: str, s: str) -> bool:
        folded = s
        self.trailing_space = line.endswith("　")
        # 附則
        m = _SUPPL_RE.match(folded)
        if m:
            if self.in_toc(index, s):
                return self.toc_line(lineno, s)
            self.open_suppl(lineno, s, m.group(1), bool(m.group(2)))
            return True
        # 別表
        m = _APPDX_RE.match(folded)
        if m and (self.seen_body or self.appendix is not None):
            self.open_appendix(lineno, m.group(1), m.group(2))
            return True
        if self.appendix is not None:
            return self.appendix_line(lineno, s)
        # headings (and the table of contents)
        m = _HEADING_RE.match(folded)
        if m and not _ARTICLE_RE.match(folded):
            if self.in_toc(index, s):
                return self.toc_line(lineno, s)
            self.open_heading(lineno, m)
            return True
        if s in ("目次", "目　次"):
            self.toc = self.toc if self.toc is not None else etree.Element("TOC")
            label = etree.SubElement(self.toc, "TOCLabel")
            label.text = s
            self.seen_body = True
            return True
        if self.toc is not None and not len(self.main) and self.pending is None and self.in_toc(index, s):
            if _HEADING_RE.match(s) or _SUPPL_RE.match(s):
                return self.toc_line(lineno, s)
        # captions (possibly broken over lines by links: （行政機関個人情報保護法 / 等の特例）)
        if folded[:1] in "（(" and not _CAPTION_RE.match(folded) and self._paren_open(folded):
            joined, last = self._join_caption(index, folded)
            if joined is not None:
                nxt = self.next_nonblank(last)
                if nxt is not None and _ARTICLE_RE.match(nxt):
                    self.flush()
                    self._drop_caption(lineno)
                    self.caption = (joined, lineno)
                    self.skip_until = last + 1
                    return True
        m = _CAPTION_RE.match(folded)
        if m:
            nxt = self.next_nonblank(index)
            if self.amendment_note(lineno, s):
                return True
            if nxt is not None and (_ARTICLE_RE.match(nxt) or self._could_open_paragraph(nxt)):
                self.flush()
                self._drop_caption(lineno)
                self.caption = (s, lineno)
                return True
        # article
        m = _ARTICLE_RE.match(folded)
        if m and self._article_in_sequence(m):
            self.open_article(lineno, m)
            return True
        if m and (self.scope is not self.main or self.article is not None):
            self.flush()
            self._drop_caption(lineno)
            self.warn(lineno, f"article out of sequence (repeated or misplaced), not imported: {s}")
            return True
        if self.article is None and self.scope is self.main and not self.seen_body:
            return False
        # paragraph
        m = _PARAGRAPH_RE.match(folded)
        if m and self._paragraph_in_sequence(paragraph_number(m.group(1))):
            self.open_paragraph(lineno, m.group(1), m.group(2))
            return True
        # items and subitems
        if self.try_item(lineno, folded):
            return True
        # table rows inside a paragraph
        if is_table_line(s) and self.paragraph is not None:
            self.flush()
            struct = etree.SubElement(self._table_owner(), "TableStruct")
            self.table = etree.SubElement(struct, "Table", WritingMode=self.writing_mode)
            self.table_rows = [split_row(s)]
            self.table_line = lineno
            return True
        return False

    @staticmethod
    def _paren_open(s: str) -> bool:
        return s.count("（") + s.count("(") > s.count("）") + s.count(")")

    def _join_caption(self, index: int, first: str) -> tuple[str | None, int]:
        text = first
        for j in range(index + 1, min(index + 4, len(self.lines))):
            part = self.lines[j].strip(" 　\t")
            if not part:
                return None, index
            text += part
            if not self._paren_open(text):
                return (text, j) if _CAPTION_RE.match(text) else (None, index)
        return None, index

    def _could_open_paragraph(self, s: str) -> bool:
        m = _PARAGRAPH_RE.match(s)
        return bool(m) and self.scope is not self.main

    # --- table of contents -------------------------------------------------------------------
    def in_toc(self, index: int, s: str) -> bool:
        """Before the first provision, after 目次 or a heading with an article range: a TOC entry.

        The TOC ends with its 附則 entry; real headings are indented three or more spaces.
        """
        if len(self.main) or self.scope is not self.main or self.toc_closed:
            return False
        if _TOC_RANGE_RE.search(s):
            return True
        if self.toc is None:
            return False
        if _SUPPL_RE.match(s):
            return True
        nxt = self.next_nonblank(index)
        return nxt is not None and bool(_HEADING_RE.match(nxt) or _SUPPL_RE.match(nxt))

    def toc_line(self, lineno: int, s: str) -> bool:
        self.seen_body = True
        if self.toc is None:
            self.toc = etree.Element("TOC")
            etree.SubElement(self.toc, "TOCLabel").text = "目次"
        if _SUPPL_RE.match(s):
            sp = etree.SubElement(self.toc, "TOCSupplProvision")
            etree.SubElement(sp, "SupplProvisionLabel").text = s
            self.toc_closed = True
            return True
        m = _HEADING_RE.match(s)
        if not m:
            self.warn(lineno, f"table of contents line not understood: {s}")
            return True
        tag = _HEADING_TAGS[m.group(2)]
        rng = _TOC_RANGE_RE.search(s)
        title = s[: rng.start()] if rng else s
        parent = self.toc
        depth = _HEADING_ORDER.index(tag)
        for d in range(depth):
            kids = parent.findall(f"TOC{_HEADING_ORDER[d]}")
            if kids and _HEADING_ORDER.index(tag) > d:
                parent = kids[-1]
        el = etree.SubElement(parent, f"TOC{tag}", Num=branch_to_num(self._heading_number(m)))
        etree.SubElement(el, f"{tag}Title").text = title
        if rng:
            etree.SubElement(el, "ArticleRange").text = rng.group(0)
        return True

    # --- headings ------------------------------------------------------------------------------
    @staticmethod
    def _heading_number(m: re.Match[str]) -> BranchNumber:
        rest = [p for p in m.group(3).split("の") if p]
        return (parse_number(m.group(1)), *(parse_number(p) for p in rest))

    def open_heading(self, lineno: int, m: re.Match[str]) -> None:
        self.flush()
        self.close_table()
        self.seen_body = True
        tag = _HEADING_TAGS[m.group(2)]
        level = _HEADING_ORDER.index(tag)
        while self.divisions and _HEADING_ORDER.index(str(self.divisions[-1].tag)) >= level:
            self.divisions.pop()
        parent = self.divisions[-1] if self.divisions else self.scope
        el = etree.SubElement(parent, tag, Num=branch_to_num(self._heading_number(m)))
        title = etree.SubElement(el, f"{tag}Title")
        self.divisions.append(el)
        self.pending = _Unit("heading", title, lineno, [m.group(0)])
        self.article = self.paragraph = self.item = None
        self.subitems = []
        self._drop_caption(lineno)

    def _drop_caption(self, lineno: int) -> None:
        if self.caption is not None:
            self.warn(self.caption[1], f"caption without a provision after it: {self.caption[0]}")
            self.caption = None

    # --- articles and paragraphs ------------------------------------------------------------------
    def _article_in_sequence(self, m: re.Match[str]) -> bool:
        number = (parse_number(m.group(1)), *(parse_number(p) for p in m.group(2).split("の") if p))
        last = self._article_scope_last()
        if last is None:
            return True
        return number > last

    def open_article(self, lineno: int, m: re.Match[str]) -> None:
        self.flush()
        self.close_table()
        self.seen_body = True
        number = (parse_number(m.group(1)), *(parse_number(p) for p in m.group(2).split("の") if p))
        last = self._article_scope_last()
        extract = self.scope.get("Extract") == "true" or bool(self.scope.get("AmendLawNum"))
        if last is not None and not extract and len(number) == 1 and number[0] > last[0] + 1:
            self.warn(
                lineno,
                f"articles missing before this one (after {format_num(last)}, found {format_num(number)})",
            )
        num = branch_to_num(number)
        title = m.group(0)[: len(m.group(0)) - len(m.group(7))].rstrip(" 　\t")
        if m.group(3):
            end = (parse_number(m.group(4)), *(parse_number(p) for p in m.group(5).split("の") if p))
            num = f"{num}:{branch_to_num(end)}"
        parent = self.divisions[-1] if self.divisions else self.scope
        art = etree.SubElement(parent, "Article", Num=num)
        self.last_article[self.scope] = (
            (parse_number(m.group(4)), *(parse_number(p) for p in m.group(5).split("の") if p))
            if m.group(3)
            else number
        )
        if self.caption is not None:
            etree.SubElement(art, "ArticleCaption").text = self.caption[0]
            self.caption = None
        etree.SubElement(art, "ArticleTitle").text = title
        self.article = art
        self.paragraph = self.item = None
        self.subitems = []
        para = etree.SubElement(art, "Paragraph", Num="1")
        etree.SubElement(para, "ParagraphNum")
        sentence = etree.SubElement(para, "ParagraphSentence")
        self.paragraph = para
        self.bare_article = None if self.trailing_space or m.group(7) else para
        self.start_text("paragraph", sentence, lineno, m.group(7))

    def _paragraph_parent(self) -> etree._Element:
        return self.article if self.article is not None else self.scope

    def _paragraph_in_sequence(self, n: int) -> bool:
        parent = self._paragraph_parent()
        if parent is self.main:
            return False
        if (
            self.pending is not None
            and self.pending.kind == "paragraph"
            and not self.pending.text
            and parent.tag == "Article"
        ):
            return True  # the article line had no text: this numbered paragraph is its first
        last = self._last_num(parent, "Paragraph")
        if last is None:
            return n in (1, 2) if parent.tag == "Article" else n == 1 or parent.tag == "SupplProvision"
        return n > last[0] and n <= last[0] + 5

    def open_paragraph(self, lineno: int, num_text: str, text: str) -> None:
        self.flush()
        self.close_table()
        parent = self._paragraph_parent()
        n = paragraph_number(num_text)
        first = parent.find("Paragraph")
        if (
            first is not None
            and first is self.bare_article
            and not "".join(first.itertext()).strip()
            and len(first) == 2
        ):
            parent.remove(first)  # 「第二条」 alone, then 「２　…」: an extract that starts at paragraph 2
            self.bare_article = None
        last = self._last_num(parent, "Paragraph")
        if last is not None and n > last[0] + 1 and self.scope.get("Extract") != "true":
            self.warn(lineno, f"paragraphs missing before paragraph {n}")
        para = etree.SubElement(parent, "Paragraph", Num=str(n))
        if num_text in CIRCLED:
            para.set("OldStyle", "true")
        if self.caption is not None:
            etree.SubElement(para, "ParagraphCaption").text = self.caption[0]
            self.caption = None
        etree.SubElement(para, "ParagraphNum").text = num_text
        sentence = etree.SubElement(para, "ParagraphSentence")
        self.paragraph = para
        self.item = None
        self.subitems = []
        self.start_text("paragraph", sentence, lineno, text)

    def open_suppl_paragraph(self, lineno: int, num_text: str | None, text: str) -> None:
        self.flush()
        para = etree.SubElement(self.scope, "Paragraph", Num="1")
        if self.caption is not None:
            etree.SubElement(para, "ParagraphCaption").text = self.caption[0]
            self.caption = None
        etree.SubElement(para, "ParagraphNum")
        sentence = etree.SubElement(para, "ParagraphSentence")
        self.paragraph = para
        self.article = self.item = None
        self.subitems = []
        self.start_text("paragraph", sentence, lineno, text)

    # --- items ---------------------------------------------------------------------------------------
    def try_item(self, lineno: int, s: str) -> bool:
        if self.paragraph is None:
            return False
        candidates: list[tuple[int, re.Match[str]]] = []
        if self.horizontal:
            for level, rx in ((0, _ITEM_H_RE), (1, _SUB1_H_RE), (2, _SUB2_H_RE), (3, _SUB3_H_RE)):
                m = rx.match(s)
                if m:
                    candidates.append((level, m))
        else:
            for level, rx in ((0, _ITEM_V_RE), (1, _SUB1_V_RE), (2, _SUB2_V_RE), (3, _SUB3_V_RE)):
                m = rx.match(s)
                if m:
                    candidates.append((level, m))
        for level, m in candidates:
            number = self._item_number(level, m.group(1))
            if number is None:
                continue
            end = None
            if level in (0, 1) and not self.horizontal and m.lastindex and m.lastindex >= 3 and m.group(2):
                end = self._item_number(level, m.group(3))
            if self._item_in_sequence(level, number):
                self.open_item(lineno, level, number, end, s, m.group(m.lastindex or 1))
                return True
        return False

    def _item_number(self, level: int, label: str) -> BranchNumber | None:
        try:
            if level == 0:
                return parse_branch(label)
            if level == 1:
                table = AIUEO if self.horizontal else IROHA
                return (table.index(label) + 1,) if label in table else None
            if level == 2:
                if self.horizontal:
                    return (AIUEO.index(label) + 1,) if label in AIUEO else None
                if label in PAREN_DIGITS:
                    return (PAREN_DIGITS.index(label) + 1,)
                return (parse_number(label.strip("（）()")),)
            if level == 3:
                if self.horizontal:
                    return (ord(label) - ord("a") + 1,)
                lab = _width_fold(label).lower()
                return (ROMAN.index(lab) + 1,) if lab in ROMAN else None
        except (HoseiError, ValueError):
            return None
        return None

    def _item_parent(self, level: int) -> etree._Element | None:
        if level == 0:
            return self.paragraph
        if level == 1:
            return self.item
        return self.subitems[level - 2] if len(self.subitems) >= level - 1 else None

    def _item_in_sequence(self, level: int, number: BranchNumber) -> bool:
        parent = self._item_parent(level)
        if parent is None:
            return False
        tag = "Item" if level == 0 else f"Subitem{level}"
        last = self._last_label(parent, tag)
        if last is None:
            return number == (1,) or (level == 0 and number[0] <= 2)
        # deeper levels restart under a new parent; the same level continues in order
        return last < number and number[0] <= last[0] + 5

    def open_item(
        self, lineno: int, level: int, number: BranchNumber, end: BranchNumber | None, s: str, text: str
    ) -> None:
        self.flush()
        self.close_table()
        parent = self._item_parent(level)
        assert parent is not None
        tag = "Item" if level == 0 else f"Subitem{level}"
        if level == 0:
            num = branch_to_num(number) + (f":{branch_to_num(end)}" if end else "")
        else:  # e-Gov numbers subitems by position (イ及びロ is 1, the ハ after it 2)
            num = str(len(parent.findall(tag)) + 1)
        el = etree.SubElement(parent, tag, Num=num)
        el.set("Label", branch_to_num(end if end else number))
        label = s[: len(s) - len(text)].rstrip(" 　\t") if text else s.rstrip(" 　\t")
        etree.SubElement(el, f"{tag}Title").text = label
        container = etree.SubElement(el, f"{tag}Sentence")
        if level == 0:
            self.item = el
            self.subitems = []
        else:
            self.subitems = self.subitems[: level - 1] + [el]
        self.start_text(tag.lower(), container, lineno, text, columns=True)

    def _table_owner(self) -> etree._Element:
        target = (
            self.subitems[-1] if self.subitems else (self.item if self.item is not None else self.paragraph)
        )
        assert target is not None
        return target

    # --- supplementary provisions and appendix tables ------------------------------------------
    def open_suppl(self, lineno: int, label_line: str, amend: str | None, extract: bool) -> None:
        self.flush()
        self.close_table()
        self._drop_caption(lineno)
        self.seen_body = True
        self.appendix = None
        attrib = {}
        if amend:
            attrib["AmendLawNum"] = amend
        if extract:
            attrib["Extract"] = "true"
        sp = etree.Element("SupplProvision", attrib)
        anchor = self.body.findall("SupplProvision") or [self.main]
        anchor[-1].addnext(sp)
        label = re.match(r"^附[ 　]*則", label_line)
        etree.SubElement(sp, "SupplProvisionLabel").text = label.group(0) if label else "附則"
        self.scope = sp
        self.divisions = []
        self.article = self.paragraph = self.item = None
        self.subitems = []

    def open_appendix(self, lineno: int, title: str, related: str | None) -> None:
        self.flush()
        self.close_table()
        self._drop_caption(lineno)
        table = etree.SubElement(self.body, "AppdxTable")
        etree.SubElement(table, "AppdxTableTitle", WritingMode=self.writing_mode).text = title
        if related:
            etree.SubElement(table, "RelatedArticleNum").text = related
        struct = etree.SubElement(table, "TableStruct")
        self.table = etree.SubElement(struct, "Table", WritingMode=self.writing_mode)
        self.table_rows = []
        self.table_line = lineno
        self.appendix = table
        self.scope = self.main
        self.article = self.paragraph = self.item = None

    def appendix_line(self, lineno: int, s: str) -> bool:
        """Plain-text appendix rows: a labelled line opens a row, the lines after it are its cells."""
        if self.table is None:
            return False
        head = re.split(r"[ 　]", s, maxsplit=1)[0]
        try:
            number = parse_branch(head)
            labelled = head != s
        except HoseiError:
            number = None
            labelled = False
        if number is not None and labelled and self._row_in_sequence(number):
            self.table_rows.append([s])
            return True
        if not self.table_rows:
            self.table_rows.append([s])  # a header row before the first labelled row
            self.warn(lineno, f"appendix line before the first numbered row, kept as a header cell: {s}")
            return True
        self.table_rows[-1].append(s)
        return True

    def _row_in_sequence(self, number: BranchNumber) -> bool:
        last = None
        for row in reversed(self.table_rows):
            head = re.split(r"[ 　]", row[0], maxsplit=1)[0]
            try:
                last = parse_branch(head)
                break
            except HoseiError:
                continue
        if last is None:
            return number[0] <= 2
        return last < number and number[0] <= last[0] + 3

    # --- the end ------------------------------------------------------------------------------------
    def finish(self) -> ParseResult:
        if self.date_line is not None and not self.date_used:
            self.warn(self.date_lineno, f"date without a law number after it, not placed: {self.date_line}")
        if self.caption is not None:
            self.warn(self.caption[1], f"caption without a provision after it: {self.caption[0]}")
        if not (self.title_el.text or ""):
            self.warn(1, "no title found")
        if not (self.law_num.text or ""):
            self.warn(1, "no law number found (e.g. 平成二十五年法律第二十七号 or 平成27年9月29日条例第34号)")
        self.root.set("LawType", _LAW_TYPES.get(self.law_type, "Act"))
        for attr in ("Era", "Year", "Num"):
            if attr not in self.root.attrib:
                self.warn(1, f"Law@{attr} unknown: set to a placeholder so that the XML validates")
                self.root.set(attr, {"Era": "Reiwa"}.get(attr, "1"))
        order = ["Lang", "Era", "Year", "Num", "PromulgateMonth", "PromulgateDay", "LawType"]
        attrib = dict(self.root.attrib)
        self.root.attrib.clear()
        for key in order:
            if key in attrib:
                self.root.set(key, attrib[key])
        if self.toc is not None:
            self.title_el.addnext(self.toc)
        if not len(self.main):
            self.warn(1, "no articles or paragraphs found in the main provision")
            para = etree.SubElement(self.main, "Paragraph", Num="1")
            etree.SubElement(para, "ParagraphNum")
            add_sentences(etree.SubElement(para, "ParagraphSentence"), "", self.writing_mode)
        for sp in self.body.iterfind("SupplProvision"):
            if len(sp) == 1:
                para = etree.SubElement(sp, "Paragraph", Num="1")
                etree.SubElement(para, "ParagraphNum")
                add_sentences(etree.SubElement(para, "ParagraphSentence"), "", self.writing_mode)
                self.warn(1, "附則 without text (truncated?)")
        for table in self.body.iterfind("AppdxTable"):
            if table.find("TableStruct/Table/TableRow") is None:
                self.warn(1, f"{''.join(table.find('AppdxTableTitle').itertext())} has no rows (truncated?)")  # type: ignore[union-attr]
                struct = table.find("TableStruct")
                if struct is not None:
                    table.remove(struct)
        for el in self.root.iter():
            if "Label" in el.attrib:
                del el.attrib["Label"]
        etree.indent(self.root, space="  ")
        _unindent_mixed(self.root)
        doc = Document(tree=self.root.getroottree(), source="<text>", prolog=DEFAULT_PROLOG, epilog=b"\n")
        self.warnings.sort(key=lambda w: w.line)  # the cleaning pass's and the parser's, in reading order
        return ParseResult(doc, self.warnings, self.style, self.header, self.notes)


def _published_parser(
    lines: list[str], numbers: list[int] | None, style: str, law_type: str, strict: bool
) -> TextParser:
    """A parser over the lines as published: page furniture and PDF artefacts dealt with first (text.published),
    each repair a warning with its source line, the page's 改正 history kept as notes."""
    cleaned = clean_published(lines, numbers)
    parser = TextParser(cleaned.lines, style, law_type, strict, cleaned.numbers)
    for line, message in cleaned.warnings:
        if strict:
            raise HoseiError(message, "<text>", line)
        parser.warnings.append(Warning_(line, message))
    parser.notes.extend(cleaned.history)
    return parser


def format_num(number: BranchNumber) -> str:
    return "の".join(str(n) for n in number)


def _unindent_mixed(root: etree._Element) -> None:
    """etree.indent puts whitespace into mixed content (ruby inside a sentence): take it out again."""
    for s in root.iter("Sentence", "TableColumn", "ArticleTitle"):
        if s.tag == "Sentence":
            for child in s:
                if child.tail is not None and not child.tail.strip(" \n"):
                    child.tail = None
                for sub in child.iter():
                    if sub is not child and sub.tail is not None and not sub.tail.strip(" \n"):
                        sub.tail = None
            if len(s) and s.text is not None and not s.text.strip(" \n"):
                s.text = None


def is_table_line(s: str) -> bool:
    """`| a | b |`, `｜a｜b｜`, or `a | b |` as 例規集 pages copied to text give them."""
    if s.startswith("|"):
        return True
    if s.startswith("｜") and s.endswith("｜") and "《" not in s:
        return True
    return s.endswith("|") and " | " in s


def split_row(s: str) -> list[str]:
    """Cells of a `| a | b |` (or ｜a｜b｜) line."""
    bar = "｜" if s.startswith("｜") and not s.startswith("|") else "|"
    inner = s.strip()
    if inner.startswith(bar):
        inner = inner[1:]
    if inner.endswith(bar):
        inner = inner[:-1]
    return [c.strip(" \t") for c in inner.split(bar)]


def build_table_rows(table: etree._Element, rows: list[list[str]], writing_mode: str) -> None:
    """TableRow elements from rows of cell texts; 〃 continues the cell above (rowspan)."""
    origin: dict[int, etree._Element] = {}
    for cells in rows:
        tr = etree.SubElement(table, "TableRow")
        for col_index, text in enumerate(cells):
            if text == SPANNED and col_index in origin:
                cell = origin[col_index]
                cell.set("rowspan", str(int(cell.get("rowspan", "1")) + 1))
                continue
            col = etree.SubElement(tr, "TableColumn")
            sentence = etree.SubElement(col, "Sentence", Num="1", WritingMode=writing_mode)
            _fill_inline(sentence, text)
            origin[col_index] = col


def _clean_lines(text: str) -> list[str]:
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_text(
    text: str, style: str = "auto", law_type: str = "act", strict: bool = False, source: str = "<text>"
) -> ParseResult:
    """Parse a whole document of plain text into e-Gov XML."""
    if style not in ("auto", "vertical", "horizontal"):
        raise HoseiError(f"unknown style: {style}")
    try:
        parser = _published_parser(_clean_lines(text), None, style, law_type, strict)
        result = parser.parse()
    except HoseiError as exc:
        if exc.file == "<text>":
            raise HoseiError(exc.message, source, exc.line) from None
        raise
    result.document.source = source
    return result


def iter_warnings(result: ParseResult, source: str) -> Iterable[str]:
    for w in result.warnings:
        yield f"{w.message} ({source}:{w.line})"


def import_file(
    path: str, fmt: str = "auto", style: str = "auto", law_type: str = "act", strict: bool = False
) -> ParseResult:
    """Read a text or legacy-HTML file (detected by content unless *fmt* says) into e-Gov XML."""
    from pathlib import Path

    from .htmlimport import decode_html, html_to_numbered_lines, looks_like_html

    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise HoseiError("no such file", str(p)) from None
    except IsADirectoryError:
        raise HoseiError("is a directory, not a text file", str(p)) from None
    from ..core.xmlio import max_bytes

    if len(data) > max_bytes():
        raise HoseiError(f"file too large: {len(data):,} bytes", str(p))
    numbers: list[int] | None = None
    if fmt == "html" or (fmt == "auto" and looks_like_html(data)):
        numbered = html_to_numbered_lines(data, str(p))
        lines = [t for t, _ in numbered]
        numbers = [n for _, n in numbered]
    else:
        lines = _clean_lines(decode_html(data))
    if style not in ("auto", "vertical", "horizontal"):
        raise HoseiError(f"unknown style: {style}")
    try:
        parser = _published_parser(lines, numbers, style, law_type, strict)
        result = parser.parse()
    except HoseiError as exc:
        raise HoseiError(exc.message, str(p), exc.line) from None
    result.document.source = str(p)
    return result
