"""A thin model over e-Gov law XML: objects that wrap lxml elements and read them on demand.

Nothing is copied out of the tree (the cobalt approach): a :class:`Provision` is an element plus the law
it belongs to, so edits to the XML are seen at once and modelling a large law costs little more than
parsing it. Every provision can print its own citation, and :meth:`Law.find` resolves a citation back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

from lxml import etree

from .citation import Citation, parse_citation
from .eradate import era_by_name, to_gregorian_year
from .errors import HoseiError
from .lawtext import _LAYOUT_WS, _clean, element_text, render_provision
from .numerals import DIGITS, BranchNumber, num_to_branch, parse_branch
from .xmlio import Document

#: e-Gov element → provision kind.
KIND_BY_TAG = {
    "MainProvision": "main",
    "Part": "part",
    "Chapter": "chapter",
    "Section": "section",
    "Subsection": "subsection",
    "Division": "division",
    "Article": "article",
    "Paragraph": "paragraph",
    "Item": "item",
    **{f"Subitem{i}": f"subitem{i}" for i in range(1, 11)},
    "SupplProvision": "suppl",
    "AppdxTable": "appdx_table",
    "TableRow": "table_row",
}
_TITLE_TAG = {
    "Part": "PartTitle",
    "Chapter": "ChapterTitle",
    "Section": "SectionTitle",
    "Subsection": "SubsectionTitle",
    "Division": "DivisionTitle",
    "Article": "ArticleTitle",
    "Item": "ItemTitle",
    "SupplProvision": "SupplProvisionLabel",
    "AppdxTable": "AppdxTableTitle",
    **{f"Subitem{i}": f"Subitem{i}Title" for i in range(1, 11)},
}
_SENTENCE_TAG = {
    "Paragraph": "ParagraphSentence",
    "Item": "ItemSentence",
    **{f"Subitem{i}": f"Subitem{i}Sentence" for i in range(1, 11)},
}
DIVISION_TAGS = ("Part", "Chapter", "Section", "Subsection", "Division")
_CHILD_TAGS = set(KIND_BY_TAG) - {"MainProvision"}
_ITER_TAGS = tuple(KIND_BY_TAG)


#: the printed entries of a 目次: division titles and article ranges (what 「目次中「…」を「…」に改める」 quotes)
TOC_ENTRY_TAGS = (
    "PartTitle",
    "ChapterTitle",
    "SectionTitle",
    "SubsectionTitle",
    "DivisionTitle",
    "ArticleRange",
)


def _is_appendix_row(el: etree._Element) -> bool:
    """A TableRow of an appendix table (TableRow → Table → TableStruct → AppdxTable), not of an article."""
    table_struct = el.getparent()
    for _ in range(2):
        if table_struct is None:
            return False
        table_struct = table_struct.getparent()
    return table_struct is not None and table_struct.tag == "AppdxTable"


_LAW_TYPE_CODE = {"Act": "AC", "CabinetOrder": "CO", "ImperialOrder": "IO", "Constitution": "CONSTITUTION"}
_ERA_DIGIT = {"Meiji": 1, "Taisho": 2, "Showa": 3, "Heisei": 4, "Reiwa": 5}


class Provision:
    """One addressable part of a law: a chapter, article, paragraph, item, subitem, 附則, table or row."""

    __slots__ = ("el", "law")

    def __init__(self, el: etree._Element, law: Law) -> None:
        self.el = el
        self.law = law

    def __repr__(self) -> str:
        return f"<Provision {self.kind} {self.citation_text()}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Provision) and other.el is self.el

    def __hash__(self) -> int:
        return id(self.el)

    @property
    def kind(self) -> str:
        return KIND_BY_TAG.get(str(self.el.tag), str(self.el.tag))

    @property
    def num(self) -> str | None:
        """The e-Gov Num attribute ("9_2", "5:8" for a range)."""
        return self.el.get("Num")

    @property
    def line(self) -> int | None:
        return self.el.sourceline

    @property
    def title(self) -> str:
        """The heading that carries the number: 第九条, 一, イ, 第一章　総則, 附　則, 別表."""
        tag = _TITLE_TAG.get(str(self.el.tag))
        if tag is not None:
            head = self.el.find(tag)
            if head is not None and not len(head):  # plain text: the common, fast case
                text = head.text or ""
                return _clean(text) if "\n" in text else text
        if tag is None:
            if self.el.tag == "Paragraph":
                pnum = self.el.find("ParagraphNum")
                if pnum is not None and not len(pnum):
                    return (pnum.text or "").strip(_LAYOUT_WS)
                return _clean(element_text(pnum))
            if self.el.tag == "TableRow":
                return self.row_label_text or ""
            return ""
        return _clean(element_text(self.el.find(tag)))

    @property
    def caption(self) -> str | None:
        """The article (or paragraph) caption such as （個人番号の利用範囲）, when there is one."""
        cap = self.el.find("ArticleCaption") if self.el.tag == "Article" else self.el.find("ParagraphCaption")
        return _clean(element_text(cap)) if cap is not None else None

    @property
    def is_deleted(self) -> bool:
        """True for 削除 provisions (their only text is 削除)."""
        return self.own_text() == "削除"

    @property
    def is_range(self) -> bool:
        return ":" in (self.num or "")

    def children(self) -> list[Provision]:
        """Direct sub-provisions in document order (a table row list for tables)."""
        if self.el.tag == "AppdxTable":
            # a table of rows, or (別表第一 of 公害防止組織令) a list of items: the rows, then items standing directly in it
            rows = [Provision(r, self.law) for r in self.el.iterfind("TableStruct/Table/TableRow")]
            return rows + [Provision(i, self.law) for i in self.el.iterfind("Item")]
        out = []
        for child in self.el:
            if child.tag in _CHILD_TAGS:
                out.append(Provision(child, self.law))
        return out

    def iter(self) -> Iterator[Provision]:
        """This provision and all below it, in document order (one C-level tree walk)."""
        law = self.law
        for el in self.el.iter(_ITER_TAGS):
            if el.tag == "TableRow" and not _is_appendix_row(el):
                continue
            yield Provision(el, law)

    def own_text(self) -> str:
        """The provision's own sentence text, without its sub-provisions."""
        tag = _SENTENCE_TAG.get(str(self.el.tag))
        if tag is not None:
            return _clean(element_text(self.el.find(tag)))
        if self.el.tag == "Article":
            paragraphs = self.el.findall("Paragraph")
            if len(paragraphs) == 1:
                return _clean(element_text(paragraphs[0].find("ParagraphSentence")))
            return ""
        if self.el.tag == "TableRow":
            return "｜".join(_clean(element_text(c)) for c in self.el.findall("TableColumn"))
        return ""

    def text(self) -> str:
        """The whole text of the provision as it reads, one line per numbered part."""
        return "\n".join(render_provision(self))

    # --- appendix rows ---------------------------------------------------------------------------
    @property
    def row_cells(self) -> list[str]:
        return [_clean(element_text(c)) for c in self.el.findall("TableColumn")]

    @property
    def row_label_text(self) -> str | None:
        """A table row's label, the part of its first cell before the full-width space (一, 二の二)."""
        if self.el.tag != "TableRow":
            return None
        first = self.el.find("TableColumn/Sentence")
        if first is not None and first.text and "　" in first.text:  # fast path: 「一　厚生労働大臣」
            head = first.text.split("　", 1)[0].strip(_LAYOUT_WS)
            try:
                parse_branch(head)
                return head
            except HoseiError:
                return None
        cells = self.row_cells
        if not cells:
            return None
        head = cells[0].split("　", 1)[0]
        try:
            parse_branch(head)
        except HoseiError:
            return None
        return head

    # --- citations -------------------------------------------------------------------------------
    def citation(self) -> Citation:
        """The citation a drafter writes for this provision."""
        suppl = False
        suppl_law: str | None = None
        division_nums: list[tuple[str, str]] = []
        article: BranchNumber | None = None
        paragraph: int | None = None
        item: BranchNumber | None = None
        subitems: list[str] = []
        appdx: int | None = None
        row: BranchNumber | None = None
        chain = [self.el, *self.el.iterancestors()]
        for el in reversed(chain):
            tag = el.tag
            num = el.get("Num")
            if tag == "SupplProvision":
                suppl = True
                suppl_law = el.get("AmendLawNum")
            elif tag in DIVISION_TAGS and num:
                division_nums.append((str(tag), num))
            elif tag == "Article" and num:
                article = num_to_branch(num)
            elif tag == "Paragraph":
                # the only paragraph of its article: no Paragraph sibling either side (a walk of the neighbours,
                # not a list of every paragraph of a long 附則)
                single = (
                    next(el.itersiblings("Paragraph"), None) is None
                    and next(el.itersiblings("Paragraph", preceding=True), None) is None
                )
                paragraph = None if single else (int(num) if num and num.isdigit() else 1)
            elif tag == "Item" and num:
                item = num_to_branch(num)
            elif str(tag).startswith("Subitem") and str(tag)[7:].isdigit():
                subitems.append(_first_label(_clean(element_text(el.find(f"{tag!s}Title")))))
            elif tag == "AppdxTable":
                appdx = appendix_table_number(_clean(element_text(el.find("AppdxTableTitle"))))
            elif tag == "TableRow" and appdx is not None:
                label = Provision(el, self.law).row_label_text
                row = parse_branch(label) if label else None
        # articles are numbered through the whole law: 第九条, not 第二章第九条 (divisions only for a division)
        divisions = (
            ()
            if article is not None
            else tuple((KIND_BY_TAG[tag], num_to_branch(num)) for tag, num in division_nums)
        )
        return Citation(suppl, suppl_law, divisions, article, paragraph, item, tuple(subitems), appdx, row)

    def citation_text(self, arabic: bool = False) -> str:
        if self.el.tag == "MainProvision":
            return "本則"
        return self.citation().format(arabic)


def appendix_table_number(title: str) -> int | None:
    """別表 → 0, 別表第一 → 1; None for a title that is not an appendix table name."""
    m = re.match(rf"別表(?:第([{DIGITS}十百0-9０-９]+))?", title.strip())
    if not m:
        return None
    if m.group(1) is None:
        return 0
    return parse_branch(m.group(1))[0]


class Law:
    """A law as one e-Gov XML document."""

    def __init__(self, doc: Document, law_id: str | None = None) -> None:
        self.doc = doc
        self._law_id = law_id

    @classmethod
    def from_file(cls, path: str | Path) -> Law:
        from .egovdata import parse_law_file

        p = Path(path)
        doc = parse_law_file(p)  # bare <Law>, an API v2 response (XML or JSON), a bulk-download file
        if doc.root.tag != "Law":
            raise HoseiError(
                f"not an e-Gov law document (root element <{doc.root.tag!s}>)", str(p), doc.root.sourceline
            )
        m = re.match(r"^(\d{3}[A-Z][0-9A-Z]{11})(?:_|$)", p.stem)
        law_id = m.group(1) if m else (doc.response or {}).get("law_id")
        return cls(doc, law_id=law_id)

    @property
    def root(self) -> etree._Element:
        return self.doc.root

    @property
    def source(self) -> str:
        return self.doc.source

    @cached_property
    def law_id(self) -> str | None:
        """The e-Gov law id (425AC0000000027): from the file, the LawId attribute, or derived for acts."""
        if self._law_id:
            return self._law_id
        if self.root.get("LawId"):
            return self.root.get("LawId")
        era = _ERA_DIGIT.get(self.root.get("Era", ""))
        code = _LAW_TYPE_CODE.get(self.root.get("LawType", ""))
        try:
            year = int(self.root.get("Year", ""))
            num = int(self.root.get("Num", ""))
        except ValueError:
            return None
        if era is None or code not in ("AC", "CO"):
            return None
        return f"{era}{year:02d}{code}{num:010d}"

    @property
    def title(self) -> str:
        return _clean(element_text(self.root.find("LawBody/LawTitle")))

    @property
    def law_num(self) -> str:
        """The law number as printed: 平成二十五年法律第二十七号."""
        return _clean(element_text(self.root.find("LawNum")))

    @property
    def law_type(self) -> str:
        return self.root.get("LawType", "")

    @property
    def abbreviations(self) -> list[str]:
        el = self.root.find("LawBody/LawTitle")
        raw = el.get("Abbrev", "") if el is not None else ""
        return [a for a in raw.split(",") if a]

    @property
    def promulgated(self) -> dt.date | None:
        """The promulgation date, from the Era/Year/PromulgateMonth/PromulgateDay attributes."""
        try:
            era = era_by_name(self.root.get("Era", ""))
            year = to_gregorian_year(era, int(self.root.get("Year", "")))
            return dt.date(
                year, int(self.root.get("PromulgateMonth", "")), int(self.root.get("PromulgateDay", ""))
            )
        except (ValueError, HoseiError):
            return None

    @property
    def main(self) -> Provision:
        el = self.root.find("LawBody/MainProvision")
        if el is None:
            raise HoseiError("law has no MainProvision", self.source)
        return Provision(el, self)

    @property
    def suppl_provisions(self) -> list[Provision]:
        return [Provision(el, self) for el in self.root.iterfind("LawBody/SupplProvision")]

    @property
    def appendix_tables(self) -> list[Provision]:
        return [Provision(el, self) for el in self.root.iterfind("LawBody/AppdxTable")]

    def iter_provisions(self) -> Iterator[Provision]:
        """Every provision: main provision, then 附則 blocks, then appendix tables."""
        yield from self.main.iter()
        for s in self.suppl_provisions:
            yield from s.iter()
        for t in self.appendix_tables:
            yield from t.iter()

    def articles(self, scope: Provision | None = None) -> Iterator[Provision]:
        base = scope.el if scope is not None else self.main.el
        for el in base.iter("Article"):
            yield Provision(el, self)

    # --- resolution ------------------------------------------------------------------------------
    def find(self, citation: str | Citation) -> Provision:
        """Resolve a citation (text or parsed) to the provision it names, or raise a clear error."""
        parsed = (
            parse_citation(citation) if isinstance(citation, str) else citation
        )  # input errors name no file
        try:
            return self._find(parsed)
        except HoseiError as exc:
            if exc.file is None:
                raise HoseiError(exc.message, self.source) from None
            raise

    def _find(self, c: Citation) -> Provision:
        label = c.source or c.format()
        if c.appdx is not None:
            return self._find_appendix(c, label)
        scope = self.main
        if c.suppl:
            scope = self._find_suppl(c, label)
        node = scope
        for kind, num in c.divisions:
            node = self._child_by_num(node, kind, num, label, descend=True)
        if c.article is None:
            if c.paragraph is None and c.item is None:
                return node
        else:
            node = self._find_article(node, c.article, label)
        paragraphs = [p for p in node.children() if p.kind == "paragraph"]
        if c.paragraph is not None:
            node = self._child_by_num(node, "paragraph", (c.paragraph,), label)
        elif c.item is not None:
            if not paragraphs:
                raise HoseiError(f"no such provision: {label} (the article has no paragraphs)")
            node = paragraphs[0]
        if c.item is not None:
            node = self._child_by_num(node, "item", c.item, label)
        return _subitem(node, c.subitems, label)

    def suppl_of(self, act: str) -> Provision | None:
        """The 附則 block of the amending act *act* names, in either spelling: as e-Gov records it
        (平成三〇年五月三〇日法律第三三号) or as a citation writes it (平成三十年法律第三十三号)."""
        from .lawnum import act_key

        wanted, key = _norm_lawnum(act), act_key(act)
        for block in self.suppl_provisions:
            recorded = block.el.get("AmendLawNum", "")
            if recorded and (
                _norm_lawnum(recorded) == wanted or (key is not None and act_key(recorded) == key)
            ):
                return block
        return None

    def _find_suppl(self, c: Citation, label: str) -> Provision:
        blocks = self.suppl_provisions
        if not blocks:
            raise HoseiError(f"no such provision: {label} (the law has no 附則)")
        if c.suppl_law is None:
            original = [b for b in blocks if not b.el.get("AmendLawNum")]
            return original[0] if original else blocks[0]
        block = self.suppl_of(c.suppl_law)
        if block is not None:
            return block
        raise HoseiError(f"no such provision: {label} (no 附則 of {c.suppl_law})")

    def _find_article(self, scope: Provision, number: BranchNumber, label: str) -> Provision:
        for el in scope.el.iter("Article"):
            num = el.get("Num", "")
            if ":" in num:
                lo, hi = (num_to_branch(x) for x in num.split(":", 1))
                if lo <= number <= hi:
                    return Provision(el, self)
            elif num and num_to_branch(num) == number:
                return Provision(el, self)
        raise HoseiError(f"no such provision: {label}")

    def _child_by_num(
        self, node: Provision, kind: str, number: BranchNumber, label: str, descend: bool = False
    ) -> Provision:
        candidates = node.el.iter() if descend else iter(node.el)
        for el in candidates:
            if KIND_BY_TAG.get(str(el.tag)) != kind:
                continue
            num = el.get("Num", "")
            if ":" in num:
                lo, hi = (num_to_branch(x) for x in num.split(":", 1))
                if lo <= number <= hi:
                    return Provision(el, self)
            elif num and num_to_branch(num) == number:
                return Provision(el, self)
        raise HoseiError(f"no such provision: {label}")

    def _find_appendix(self, c: Citation, label: str) -> Provision:
        tables = self.appendix_tables
        for t in tables:
            if appendix_table_number(t.title) == c.appdx:
                break
        else:
            names = "、".join(t.title for t in tables) or "none"
            raise HoseiError(f"no such provision: {label} (appendix tables in this law: {names})")
        if c.paragraph is not None or c.divisions or (c.row is not None and c.item is not None):
            raise HoseiError(f"no such provision: {label}")
        if c.item is not None:  # 別表第一第五号: a table that is a list of items
            return _subitem(self._child_by_num(t, "item", c.item, label), c.subitems, label)
        if c.row is None:
            return t
        for row in t.children():
            row_label = row.row_label_text
            if row_label and parse_branch(row_label) == c.row:
                return row
        raise HoseiError(f"no such provision: {label}")


def _subitem(node: Provision, subitems: tuple[str, ...], label: str) -> Provision:
    """The subitem (イ, then (1) …) *subitems* name below *node*, level by level."""
    for depth, sub in enumerate(subitems, start=1):
        matches = [
            ch
            for ch in node.children()
            if ch.kind == f"subitem{depth}" and _norm_label(_first_label(ch.title)) == _norm_label(sub)
        ]
        if not matches:
            raise HoseiError(f"no such provision: {label} (no subitem {sub})")
        node = matches[0]
    return node


def _first_label(title: str) -> str:
    """The first label of a ranged title: イからハまで → イ, 一及び二 → 一."""
    return re.split(r"から|及び|・", title, maxsplit=1)[0]


def _norm_label(label: str) -> str:
    return parse_citation_label(label)


def parse_citation_label(label: str) -> str:
    """Normalise a subitem label for comparison (（１） ≡ ⑴)."""
    from .numerals import to_halfwidth_digits

    s = to_halfwidth_digits(label.strip())
    m = re.fullmatch(r"[（(]([0-9]+)[）)]", s)
    if m and 1 <= int(m.group(1)) <= 20:
        return chr(0x2473 + int(m.group(1)))
    return s


def _norm_lawnum(text: str) -> str:
    from .numerals import to_halfwidth_digits

    return re.sub(r"\s", "", to_halfwidth_digits(text))
