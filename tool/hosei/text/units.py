"""The pieces the text parser builds and hands back: sentences split at 。 and filled (ruby, columns), paragraph
numbers, table rows, and the result with its warnings."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from ..core.errors import HoseiError
from ..core.numerals import (
    BranchNumber,
    parse_number,
)
from ..core.xmlio import Document
from .published import AmendmentNote

CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474)) + "".join(chr(c) for c in range(0x3251, 0x3260))


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
