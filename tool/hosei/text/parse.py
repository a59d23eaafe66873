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
from collections.abc import Iterable

from lxml import etree

from ..core.errors import HoseiError
from ..core.numerals import (
    AIUEO,
    IROHA,
    KANJI_NUMERALS,
    PAREN_DIGITS,
    BranchNumber,
    branch_to_num,
    parse_branch,
    parse_number,
)
from .published import clean_published
from .state import _KNUM, ParserState, _Unit
from .units import (
    CIRCLED,
    ParseResult,
    Warning_,
    _clean_lines,
    _is_term,
    _norm_space,
    _width_fold,
    format_num,
    is_table_line,
    paragraph_number,
    split_row,
)

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
# ②　… : old laws print editorial paragraph numbers (e-Gov: Paragraph@OldStyle="true", ParagraphNum ②)
_PARAGRAPH_RE = re.compile(rf"^({_ANUM}|[{CIRCLED}]){_SEP}(.*)$")


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
_SUPPL_RE = re.compile(r"^附[ 　]*則(?:[ 　]*[（(](.+?)[）)])?(?:[ 　]*(抄))?$")
_APPDX_RE = re.compile(rf"^(別表(?:第{_NUM})?)(?:[ 　]*([（(][^（）()]*関係[）)]))?$")


# --- the parser --------------------------------------------------------------------------------------


class TextParser(ParserState):
    """A line-based parser; one instance per document."""

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

    from ..core.textfile import decode_text, looks_binary, xml_safe
    from ..core.xmlio import read_limited
    from .htmlimport import html_to_numbered_lines, looks_like_html

    p = Path(path)
    data = read_limited(p, "a text file")
    numbers: list[int] | None = None
    encoding: str | None = None
    if looks_binary(data):
        raise HoseiError("not a text or HTML file (binary data)", str(p))
    if fmt == "html" or (fmt == "auto" and looks_like_html(data)):
        numbered = html_to_numbered_lines(data, str(p))
        lines = [xml_safe(t) for t, _ in numbered]
        numbers = [n for _, n in numbered]
    else:
        text, encoding = decode_text(data, str(p))
        lines = _clean_lines(text)
    if not any(line.strip() for line in lines):
        raise HoseiError("no law text found in the file", str(p))
    if style not in ("auto", "vertical", "horizontal"):
        raise HoseiError(f"unknown style: {style}")
    try:
        parser = _published_parser(lines, numbers, style, law_type, strict)
        result = parser.parse()
    except HoseiError as exc:
        raise HoseiError(exc.message, str(p), exc.line) from None
    result.document.source = str(p)
    if encoding is not None:
        result.warnings.insert(0, Warning_(1, f"read as {encoding}, not UTF-8"))
    main = result.document.root.find("LawBody/MainProvision")
    if main is None or not "".join(main.itertext()).strip():
        raise HoseiError("no article or paragraph found: not the text of a law", str(p))
    return result
