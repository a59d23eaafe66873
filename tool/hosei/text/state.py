"""What the text parser knows while it reads: the elements it is building and where it stands, the header (title,
law number, notes) read before the first provision, and the document it finishes with."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..core.errors import HoseiError
from ..core.numerals import (
    DIGITS,
    KANJI_NUMERALS,
    BranchNumber,
    parse_number,
    to_kanji,
)
from ..core.xmlio import DEFAULT_PROLOG, Document
from .published import AmendmentNote, read_amendment_note
from .units import (
    ParseResult,
    Warning_,
    _unindent_mixed,
    add_sentences,
    build_table_rows,
    fill_sentence_container,
)

KANJI_NUM = f"{KANJI_NUMERALS}"
_KNUM = f"[{KANJI_NUM}]+"
_AMEND_NOTE_RE = re.compile(
    r"^[（(](?:明|大|昭|平|令)[0-9０-９元]+.*(?:改正|追加|全改|削除|旧|繰下|繰上)[^（）()]*[）)]$"
)
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


@dataclass
class _Unit:
    """A unit whose text lines are still being collected."""

    kind: str  # paragraph, item, subitem1.., cell, title
    el: etree._Element
    line: int
    text: list[str] = field(default_factory=list)
    columns: bool = False


class ParserState:
    """What the text parser knows while it reads: the elements it is building and where it stands, the header (title,"""

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
