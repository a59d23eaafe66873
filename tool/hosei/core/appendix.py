"""The My Number Act's Appendix 1 (別表第一, now 別表) as one file per row in appendix1/.

Rows move: the JASSO scholarship row was 八十一 in 2015 and is 百十五 in 2025. So each row has a stable id
that never depends on its label, and the row file is the one source of truth for its text: the statute
file in statutes/ holds the act without the table, and :func:`assemble` puts the two back together into
the act exactly as e-Gov publishes it (C14N-equal).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from .errors import HoseiError
from .lawtext import _clean, element_text
from .model import appendix_table_number
from .numerals import DIGITS, KANJI_NUMERALS, BranchNumber, parse_branch
from .xmlio import DEFAULT_PROLOG, Document, parse_file, write_atomic

MY_NUMBER_ACT = "425AC0000000027"
FIELDS = ("社会保障", "税", "災害対策", "その他")
_DISASTER = ("災害", "被災者", "罹災", "被災")
_TAX = ("税",)
_SOCIAL_SECURITY = (
    "保険",
    "年金",
    "福祉",
    "医療",
    "手当",
    "介護",
    "生活保護",
    "児童",
    "障害",
    "雇用",
    "保健",
    "学資",
    "援護",
    "恩給",
    "給付",
    "母子",
    "寡婦",
    "住宅",
    "保育",
    "健康",
    "予防接種",
    "難病",
    "扶養",
    "就学",
    "奨学",
    "職業訓練",
    "特別支援",
    "求職者",
    "戦傷病者",
    "原子爆弾被爆者",
    "引揚者",
    "未帰還者",
    "療育",
    "自立支援",
    "養育",
    "出産",
    "生活",
)
_LAW_NAME_RE = re.compile(
    rf"^((?:明治|大正|昭和|平成|令和)[元{DIGITS}十]+年法律第[{KANJI_NUMERALS}]+号"
    r"|(?:[^。（）「」]{1,80}?)(?:法律|法|令))"
    rf"(?=（|附則|第[{KANJI_NUMERALS}]+条|による|に基づく|の規定|に規定|若しくは|又は|及び|並びに|その他|に定める|の施行)"
)


@dataclass
class AppendixRow:
    """One row (項) of the appendix: its stable id, current label, body (主体) and affair (事務)."""

    id: str
    label: str
    body: str
    affair: str
    law: str = MY_NUMBER_ACT
    basis_laws: list[str] = field(default_factory=list)
    field: str | None = None
    source: str | None = None
    #: e-Gov inline markup of a cell whose text carries elements (ruby: <Ruby>罹<Rt>り</Rt></Ruby>).
    body_markup: etree._Element | None = None
    affair_markup: etree._Element | None = None

    @property
    def number(self) -> BranchNumber:
        return parse_branch(self.label)

    @property
    def is_deleted(self) -> bool:
        return self.body == "削除" and not self.affair

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "label": self.label,
            "body": self.body,
            "affair": self.affair,
            "basis_laws": self.basis_laws,
            "field": self.field,
        }

    def to_element(self) -> etree._Element:
        root = etree.Element("AppendixRow", id=self.id, law=self.law)
        etree.SubElement(root, "Label").text = self.label
        _fill(etree.SubElement(root, "Body"), self.body, self.body_markup)
        if self.affair:
            _fill(etree.SubElement(root, "Affair"), self.affair, self.affair_markup)
        for name in self.basis_laws:
            etree.SubElement(root, "BasisLaw").text = name
        if self.field:
            etree.SubElement(root, "Field").text = self.field
        _indent(root, "", "  ")
        return root

    def to_bytes(self) -> bytes:
        return DEFAULT_PROLOG + etree.tostring(self.to_element(), encoding="UTF-8") + b"\n"

    @classmethod
    def from_document(cls, doc: Document) -> AppendixRow:
        root = doc.root
        if root.tag != "AppendixRow":
            raise HoseiError(
                f"not an appendix row (root element <{root.tag!s}>)", doc.source, root.sourceline
            )

        def text(tag: str) -> str:
            return element_text(root.find(tag))

        def markup(tag: str) -> etree._Element | None:
            el = root.find(tag)
            return copy.deepcopy(el) if el is not None and len(el) else None

        return cls(
            id=root.get("id", ""),
            label=text("Label"),
            body=text("Body"),
            affair=text("Affair"),
            law=root.get("law", MY_NUMBER_ACT),
            basis_laws=[el.text or "" for el in root.iterfind("BasisLaw")],
            field=text("Field") or None,
            source=doc.source,
            body_markup=markup("Body"),
            affair_markup=markup("Affair"),
        )


@dataclass
class AppendixFrame:
    """Everything about the table that is not a row: title, related article, layout attributes."""

    law: str
    frame: etree._Element  # an AppdxTable element whose Table has no rows
    cell_attrib: dict[str, str]
    sentence_attrib: dict[str, str]

    def to_bytes(self) -> bytes:
        root = etree.Element("AppendixTable", law=self.law)
        holder = etree.SubElement(root, "Frame")
        holder.append(copy.deepcopy(self.frame))
        etree.SubElement(root, "CellLayout", self.cell_attrib)
        etree.SubElement(root, "SentenceLayout", self.sentence_attrib)
        _indent(root, "", "  ")
        return DEFAULT_PROLOG + etree.tostring(root, encoding="UTF-8") + b"\n"

    @classmethod
    def from_document(cls, doc: Document) -> AppendixFrame:
        root = doc.root
        frame = root.find("Frame/AppdxTable")
        cell = root.find("CellLayout")
        sentence = root.find("SentenceLayout")
        if root.tag != "AppendixTable" or frame is None or cell is None or sentence is None:
            raise HoseiError("not an appendix table frame", doc.source, root.sourceline)
        frame = copy.deepcopy(frame)
        for el in frame.iter():  # layout is regenerated on assembly
            el.text = el.text if el.text and el.text.strip() else None
            el.tail = None
        return cls(root.get("law", MY_NUMBER_ACT), frame, dict(cell.attrib), dict(sentence.attrib))


def _fill(target: etree._Element, text: str, markup: etree._Element | None) -> None:
    """Give *target* the cell content: plain *text*, or the children of *markup* when it has inline elements."""
    if markup is None:
        target.text = text
        return
    target.text = markup.text
    for child in markup:
        target.append(copy.deepcopy(child))


# --- classification -------------------------------------------------------------------------------
def classify_field(affair: str, body: str = "") -> str | None:
    """社会保障 / 税 / 災害対策 / その他 from the affair's wording; None when it cannot be told."""
    text = affair.replace("労働者災害補償", "労災補償")
    if not text:
        return None
    if any(k in text for k in _DISASTER):
        return "災害対策"
    if any(k in text for k in _SOCIAL_SECURITY):
        return "社会保障"
    if any(k in text for k in _TAX):
        return "税"
    return None


def basis_laws(affair: str) -> list[str]:
    """The law the affair is based on, when the affair text starts by naming it."""
    m = _LAW_NAME_RE.match(affair)
    if not m:
        return []
    name = m.group(1)
    if name.startswith(("同法", "この法", "前号", "当該")):
        return []
    return [name]


def new_row_id(body: str, affair: str, taken: set[str]) -> str:
    """A new stable id from the row's content when first seen (later edits do not change it)."""
    import hashlib

    salt = 0
    while True:
        digest = hashlib.sha1(f"{body}\x00{affair}\x00{salt}".encode()).hexdigest()[:8]
        rid = f"r-{digest}"
        if rid not in taken:
            return rid
        salt += 1


# --- row identity across revisions ---------------------------------------------------------------
#: A reworded row keeps its id when its best match scores at least this much …
MATCH_CONFIDENT = 0.75
#: … and beats the runner-up by this margin; scores from MATCH_POSSIBLE up are reported, not taken.
MATCH_MARGIN = 0.08
MATCH_POSSIBLE = 0.6


@dataclass
class RowMatch:
    """How one new row got its id: kind is same, moved, reworded, new or uncertain (reported, new id)."""

    row: AppendixRow
    kind: str
    previous: AppendixRow | None = None
    score: float = 1.0

    def describe(self) -> str:
        p = self.previous
        if self.kind == "moved" and p:
            return f"row {p.label} → {self.row.label} ({self.row.id}): relabelled"
        if self.kind == "reworded" and p:
            return f"row {p.label} → {self.row.label} ({self.row.id}): reworded, matched with similarity {self.score:.2f}"
        if self.kind == "uncertain" and p:
            return (
                f"row {self.row.label}: no confident match; closest is {p.label} ({p.id}, similarity {self.score:.2f}); "
                f"recorded as a new row {self.row.id}"
            )
        if self.kind == "new":
            return f"row {self.row.label} ({self.row.id}): new"
        return f"row {self.row.label} ({self.row.id}): unchanged"


_BOILERPLATE_RE = re.compile(
    r"（[^（）]*?(?:法律|政令)第[^（）]*?号[^（）]*?）|であって主務省令で定めるもの$|に関する事務"
)


def _row_key(row: AppendixRow) -> str:
    """What identifies a row's meaning: body and affair without the wording every row shares
    (…に関する事務であって主務省令で定めるもの) and without law-number parentheses."""
    return row.body + "｜" + _BOILERPLATE_RE.sub("", row.affair)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def match_rows(rows: list[AppendixRow], previous: list[AppendixRow]) -> list[RowMatch]:
    """Give *rows* the ids of the *previous* rows they continue, by content, never by label.

    Exact body+affair matches first; then the best bigram similarity, taken only when it is confident and
    unambiguous (mutual best, clear margin). Anything else gets a new id and is reported as uncertain.
    """
    matches: dict[int, RowMatch] = {}
    free = {id(p): p for p in previous}
    by_content: dict[tuple[str, str], list[AppendixRow]] = {}
    for p in previous:
        by_content.setdefault((p.body, p.affair), []).append(p)
    for i, row in enumerate(rows):
        candidates = [p for p in by_content.get((row.body, row.affair), []) if id(p) in free]
        if row.is_deleted:  # 削除 rows carry no content to match on: keep the id only at the same label
            candidates = [p for p in candidates if p.label == row.label]
        if candidates:
            p = candidates[0]
            del free[id(p)]
            row.id = p.id
            matches[i] = RowMatch(row, "same" if p.label == row.label else "moved", p)
    rest = [i for i in range(len(rows)) if i not in matches and not rows[i].is_deleted]
    pool = [p for p in free.values() if not p.is_deleted]
    grams_new = {i: _bigrams(_row_key(rows[i])) for i in rest}
    grams_old = {id(p): _bigrams(_row_key(p)) for p in pool}
    scores = {
        i: sorted(((_dice(grams_new[i], grams_old[id(p)]), p) for p in pool), key=lambda t: -t[0])
        for i in rest
    }
    best_for_old: dict[int, float] = {}
    for i in rest:
        for score, p in scores[i]:
            best_for_old[id(p)] = max(best_for_old.get(id(p), 0.0), score)
    for i in rest:
        ranked = scores[i]
        row = rows[i]
        if ranked:
            score, p = ranked[0]
            second = ranked[1][0] if len(ranked) > 1 else 0.0
            mutual = best_for_old.get(id(p), 0.0) <= score
            if score >= MATCH_CONFIDENT and score - second >= MATCH_MARGIN and mutual and id(p) in free:
                del free[id(p)]
                row.id = p.id
                matches[i] = RowMatch(row, "reworded", p, score)
                continue
            if score >= MATCH_POSSIBLE:
                matches[i] = RowMatch(row, "uncertain", p, score)
                continue
        matches[i] = RowMatch(row, "new")
    taken = {r.id for r in rows if r.id}
    for i, row in enumerate(rows):
        if i not in matches:
            matches[i] = RowMatch(row, "new")
        if not row.id or matches[i].kind in ("new", "uncertain"):
            row.id = new_row_id(row.body, row.affair, taken | {p.id for p in previous})
            taken.add(row.id)
    return [matches[i] for i in range(len(rows))]


# --- split and assemble ---------------------------------------------------------------------------
def find_appendix1(root: etree._Element) -> etree._Element | None:
    """The AppdxTable that is Appendix 1: titled 別表 (single table) or 別表第一."""
    for el in root.iterfind("LawBody/AppdxTable"):
        number = appendix_table_number(_clean(element_text(el.find("AppdxTableTitle"))))
        if number in (0, 1):
            return el
    return None


_INLINE_TAGS = {"Ruby", "Rt", "Sup", "Sub"}


def _cell_markup(col: etree._Element, source: str) -> etree._Element | None:
    """The inline markup of a one-sentence cell, or None when it is plain text."""
    sentences = [s for s in col if isinstance(s.tag, str)]
    if len(sentences) > 1 or any(s.tag != "Sentence" for s in sentences):
        raise HoseiError("appendix cell with more than one sentence", source, col.sourceline)
    if not sentences or not len(sentences[0]):
        return None
    sentence = sentences[0]
    for el in sentence.iter():
        if el is not sentence and el.tag not in _INLINE_TAGS:
            raise HoseiError(
                f"appendix cell with <{el.tag!s}> markup hosei cannot keep in a row file",
                source,
                el.sourceline,
            )
    holder = etree.Element("Cell")
    holder.text = sentence.text
    for child in sentence:
        holder.append(copy.deepcopy(child))
    return holder


def _row_from_element(tr: etree._Element, source: str) -> AppendixRow:
    cols = tr.findall("TableColumn")
    if len(cols) not in (1, 2):
        raise HoseiError(f"appendix row with {len(cols)} columns (expected 2)", source, tr.sourceline)
    first = _clean(element_text(cols[0]))
    label, sep, body = first.partition("　")
    if not sep:
        raise HoseiError(f"appendix row without a label: {first[:30]}", source, tr.sourceline)
    parse_branch(label)
    affair = _clean(element_text(cols[1])) if len(cols) == 2 else ""
    body_markup = _cell_markup(cols[0], source)
    if body_markup is not None:
        prefix = f"{label}　"
        if not (body_markup.text or "").startswith(prefix):
            raise HoseiError("appendix row label inside markup", source, tr.sourceline)
        body_markup.text = (body_markup.text or "")[len(prefix) :]
    affair_markup = _cell_markup(cols[1], source) if len(cols) == 2 else None
    return AppendixRow("", label, body, affair, body_markup=body_markup, affair_markup=affair_markup)


def _read_rows(
    table: etree._Element, source: str, law_id: str
) -> tuple[list[AppendixRow], dict[str, str], dict[str, str]]:
    """The rows of Appendix 1 (without ids yet) and the cell and sentence layout every cell must share."""
    trs = table.findall("TableStruct/Table/TableRow")
    if not trs:
        raise HoseiError("the appendix table has no rows", source, table.sourceline)
    first_cols = trs[0].findall("TableColumn")
    cell_attrib = dict(first_cols[0].attrib)
    sentence_el = first_cols[0].find("Sentence")
    sentence_attrib = dict(sentence_el.attrib) if sentence_el is not None else {}
    rows = []
    for tr in trs:
        for col in tr.findall("TableColumn"):
            if dict(col.attrib) != cell_attrib or any(dict(s.attrib) != sentence_attrib for s in col):
                raise HoseiError("appendix cell layout differs from the first row's", source, col.sourceline)
        row = _row_from_element(tr, source)
        row.law = law_id
        row.basis_laws = basis_laws(row.affair)
        row.field = None if row.is_deleted else classify_field(row.affair, row.body)
        rows.append(row)
    return rows, cell_attrib, sentence_attrib


def appendix_rows(doc: Document, law_id: str = MY_NUMBER_ACT) -> tuple[str, list[AppendixRow]]:
    """The title (別表, 別表第一) and rows of a law's Appendix 1, read in place (no copy of the law, as
    :func:`split_law` makes to take the table out)."""
    table = find_appendix1(doc.root)
    if table is None:
        raise HoseiError("the law has no 別表 or 別表第一", doc.source)
    title = _clean(element_text(table.find("AppdxTableTitle")))
    return title, _read_rows(table, doc.source, law_id)[0]


@dataclass
class SplitLaw:
    """A law taken apart: the statute without Appendix 1, the table frame, the rows and how they matched."""

    statute: Document
    frame: AppendixFrame
    rows: list[AppendixRow]
    matches: list[RowMatch]

    def __iter__(self) -> Iterator[Any]:  # statute, frame, rows = split_law(...)
        return iter((self.statute, self.frame, self.rows))


def split_law(doc: Document, law_id: str, previous: Iterable[AppendixRow] = ()) -> SplitLaw:
    """Split a law into the statute without Appendix 1, the table frame and the rows.

    Ids of *previous* rows are kept for rows with the same body and affair; other rows get new ids.
    """
    tree = copy.deepcopy(doc.tree)
    root = tree.getroot()
    table = find_appendix1(root)
    if table is None:
        raise HoseiError("the law has no 別表 or 別表第一", doc.source)
    rows, cell_attrib, sentence_attrib = _read_rows(table, doc.source, law_id)
    matches = match_rows(rows, list(previous))
    # the frame: the table without rows, with layout whitespace removed
    frame = copy.deepcopy(table)
    for tr in frame.findall("TableStruct/Table/TableRow"):
        tr_parent = tr.getparent()
        assert tr_parent is not None
        tr_parent.remove(tr)
    for el in frame.iter():
        if el.text is not None and not el.text.strip():
            el.text = None
        el.tail = None
    # the statute without the table: the previous element takes over the table's tail
    parent = table.getparent()
    assert parent is not None  # find_appendix1 only returns children of LawBody
    prev = table.getprevious()
    if prev is not None:
        prev.tail = table.tail
    else:
        parent.text = table.tail
    parent.remove(table)
    statute = Document(tree=tree, source=doc.source, prolog=doc.prolog, epilog=doc.epilog)
    return SplitLaw(statute, AppendixFrame(law_id, frame, cell_attrib, sentence_attrib), rows, matches)


def sort_rows(rows: Iterable[AppendixRow]) -> list[AppendixRow]:
    """Rows in table order (一, 二, 二の二, 三 …), which is label order."""
    return sorted(rows, key=lambda r: r.number)


def build_table(frame: AppendixFrame, rows: Iterable[AppendixRow]) -> etree._Element:
    """The e-Gov AppdxTable element for *frame* and *rows* (no layout whitespace yet)."""
    table = copy.deepcopy(frame.frame)
    target = table.find("TableStruct/Table")
    if target is None:
        raise HoseiError("appendix frame has no TableStruct/Table")
    for row in sort_rows(rows):
        tr = etree.SubElement(target, "TableRow")
        col = etree.SubElement(tr, "TableColumn", frame.cell_attrib)
        sentence = etree.SubElement(col, "Sentence", frame.sentence_attrib)
        _fill(sentence, row.body, row.body_markup)
        sentence.text = f"{row.label}　{sentence.text or ''}"
        col = etree.SubElement(tr, "TableColumn", frame.cell_attrib)
        if row.affair:
            _fill(etree.SubElement(col, "Sentence", frame.sentence_attrib), row.affair, row.affair_markup)
    return table


def assemble(statute: Document, frame: AppendixFrame, rows: Iterable[AppendixRow]) -> Document:
    """Put Appendix 1 back into the statute, after the last 附則, with e-Gov's layout."""
    tree = copy.deepcopy(statute.tree)
    body = tree.getroot().find("LawBody")
    if body is None:
        raise HoseiError("law has no LawBody", statute.source)
    table = build_table(frame, rows)
    anchors = body.findall("SupplProvision") or body.findall("MainProvision")
    prev = anchors[-1]
    before = prev.getprevious()
    child_ws = (before.tail if before is not None else body.text) or ""
    if child_ws.strip():
        child_ws = ""
    if child_ws:
        indent = child_ws.rsplit("\n", 1)[-1]
        unit = _indent_unit(prev, indent)
        _indent(table, indent, unit)
    table.tail = prev.tail
    prev.tail = child_ws or prev.tail
    prev.addnext(table)
    if prev.tail != child_ws and child_ws:
        prev.tail = child_ws
    return Document(tree=tree, source=statute.source, prolog=statute.prolog, epilog=statute.epilog)


def _indent(el: etree._Element, indent: str, unit: str) -> None:
    """Lay out *el*'s element-only content one *unit* deeper per level; text content is left alone."""
    children = [c for c in el if isinstance(c.tag, str)]
    if not children or (el.text and el.text.strip()) or el.tag == "Sentence":
        return
    inner = indent + unit
    el.text = "\n" + inner
    for child in children:
        child.tail = "\n" + inner
        _indent(child, inner, unit)
    children[-1].tail = "\n" + indent


def _indent_unit(sibling: etree._Element, indent: str) -> str:
    """The indentation step below *sibling*, which sits at *indent* (e-Gov uses two spaces)."""
    inner = (sibling.text or "").rsplit("\n", 1)[-1]
    step = len(inner) - len(indent)
    return " " * step if step > 0 else "  "


# --- files ----------------------------------------------------------------------------------------
def table_path(appendix_dir: Path) -> Path:
    return appendix_dir / "table.xml"


def rows_dir(appendix_dir: Path) -> Path:
    return appendix_dir / "rows"


def write_appendix(appendix_dir: Path, frame: AppendixFrame, rows: Iterable[AppendixRow]) -> None:
    """Write table.xml and one file per row (rows/<id>.xml); rows no longer present are removed."""
    rdir = rows_dir(appendix_dir)
    rdir.mkdir(parents=True, exist_ok=True)
    write_atomic(table_path(appendix_dir), frame.to_bytes())
    keep = set()
    for row in rows:
        path = rdir / f"{row.id}.xml"
        keep.add(path.name)
        data = row.to_bytes()
        if not path.exists() or path.read_bytes() != data:
            write_atomic(path, data)
    for old in rdir.glob("*.xml"):
        if old.name not in keep:
            old.unlink()


def load_appendix(appendix_dir: Path) -> tuple[AppendixFrame, list[AppendixRow]]:
    """Read table.xml and the row files of an appendix1/ folder."""
    tpath = table_path(appendix_dir)
    if not tpath.exists():
        raise HoseiError("appendix table frame missing", str(tpath))
    frame = AppendixFrame.from_document(parse_file(tpath))
    rows = [AppendixRow.from_document(parse_file(p)) for p in sorted(rows_dir(appendix_dir).glob("*.xml"))]
    return frame, sort_rows(rows)


def load_appendix_from_bytes(
    table: bytes, rows: Iterable[tuple[str, bytes]]
) -> tuple[AppendixFrame, list[AppendixRow]]:
    """The same as :func:`load_appendix` for blobs read from git."""
    from .xmlio import parse_bytes

    frame = AppendixFrame.from_document(parse_bytes(table, "appendix1/table.xml"))
    out = [AppendixRow.from_document(parse_bytes(data, name)) for name, data in rows]
    return frame, sort_rows(out)


def check_labels(rows: list[AppendixRow]) -> None:
    """Labels must be unique; a duplicate means two files claim the same 項."""
    seen: dict[BranchNumber, AppendixRow] = {}
    for r in rows:
        if r.number in seen:
            raise HoseiError(f"two rows labelled {r.label}: {seen[r.number].id} and {r.id}", r.source)
        seen[r.number] = r


def find_row(rows: Iterable[AppendixRow], label_or_id: str) -> AppendixRow:
    """A row by stable id (r-…) or by label in kanji or Arabic digits (百十五, 115, 二の二)."""
    rows = list(rows)
    key = label_or_id.strip()
    if key.startswith("r-"):
        for r in rows:
            if r.id == key:
                return r
        raise HoseiError(f"no appendix row with id {key}")
    key = key.removesuffix("の項")
    number = parse_branch(key)
    for r in rows:
        if r.number == number:
            return r
    raise HoseiError(f"no appendix row labelled {key}")
