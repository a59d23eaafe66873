"""From ordinance practice to Appendix 1: the Act's new rows for affairs many bodies already list, and what they
mean for every ordinance.

`hosei divergence` finds promotion candidates (catalogue affairs listed by a large share of Article 9(2)
ordinances). This module takes them the rest of the way a drafter would:

- **the row**, worded as the Act words its rows: the organ of the bodies that list the affair (市町村長,
  都道府県知事, both, or their boards of education), the ordinance wording with its numbers in kanji and its closing
  formula the one the most similar rows use (「…に関する事務であって主務省令で定めるもの」, by
  :func:`hosei.drafting.precedent.rank`);
- **its place**: after the most similar row of the same field, under a branch label (百十五の二) as the Act adds rows
  without moving others — or, on request, mid-table with the rows after it relabelled, or at the end;
- **the national amendment** (改め文) generated from the Act before and after and applied back (it must give the
  assembled Act exactly, and that Act must validate);
- **the municipal follow-ups**: each ordinance listing the affair may drop it once the row is in force, so each gets
  the amending ordinance that deletes its rows for the affair (in its use table and in its linkage tables), applied
  back before it is written.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.appendix import AppendixRow, classify_field, new_row_id, sort_rows
from ..core.errors import HoseiError
from ..core.model import Law, Provision
from ..core.numerals import (
    NUMBER_RUN,
    BranchNumber,
    format_branch,
    kanji_numbers,
    parse_number,
    to_fullwidth,
    to_kanji,
)
from ..core.xmlio import Document
from ..drafting.draft import AffairEntry
from ..drafting.precedent import Precedent, rank
from .divergence import (
    HEADER_WORDS,
    is_header_row,
    is_partial,
    is_use_table,
    match_affair,
    other_affairs,
    row_cells,
)

#: How an Act row ends when its precedents say nothing else.
DEFAULT_CLOSING = "であって主務省令で定めるもの"
_ORDINANCE_CLOSING = re.compile(r"であって(?:規則|教育委員会規則)で定めるもの$")
_CLOSING = re.compile(r"であって[^。、]{1,20}?で定めるもの$")
PLACEMENTS = ("branch", "renumber", "end")


@dataclass
class Adopter:
    """One ordinance that lists the affair."""

    source: str
    body: str
    code: str | None
    prefecture_level: bool

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "body": self.body, "code": self.code}


@dataclass
class Candidate:
    """A catalogue affair proposed for Appendix 1, with the ordinances that list it."""

    affair: AffairEntry
    share: float
    adopters: list[Adopter]


@dataclass
class ProposedRow:
    candidate: Candidate
    row: AppendixRow
    precedents: list[Precedent]
    #: the row the new one follows (its most similar row of the same field), None at the end of the table
    anchor: AppendixRow | None

    def to_json(self) -> dict[str, Any]:
        a = self.candidate.affair
        return {
            "affair": a.id,
            "title": a.title.replace("{self}", "市町村"),
            "share": round(self.candidate.share, 4),
            "bodies": len(self.candidate.adopters),
            "row": self.row.to_json(),
            "after": self.anchor.label if self.anchor else None,
            "precedents": [
                {"id": p.row.id, "label": p.row.label, "score": round(p.score, 3), "shared_terms": p.shared}
                for p in self.precedents
            ],
        }


# --- wording -------------------------------------------------------------------------------------------
def act_body(affair: AffairEntry, adopters: Iterable[Adopter]) -> str:
    """The Act's 主体 for the bodies that list the affair: 市町村長, 都道府県知事 or both; boards of education when the
    ordinances give the affair to the board (the Act counts special wards as 市町村, as its rows do)."""
    levels = {a.prefecture_level for a in adopters} or {False}
    board = "教育委員会" in affair.organ
    if levels == {True}:
        return "都道府県教育委員会" if board else "都道府県知事"
    if levels == {False}:
        return "市町村教育委員会" if board else "市町村長"
    return "都道府県教育委員会又は市町村教育委員会" if board else "都道府県知事又は市町村長"


def closing_formula(precedents: Iterable[Precedent]) -> str:
    """The closing the most similar rows share (「であって主務省令で定めるもの」 in nearly every row)."""
    found = Counter(m.group(0) for p in precedents if (m := _CLOSING.search(p.row.affair)))
    return found.most_common(1)[0][0] if found else DEFAULT_CLOSING


def act_affair(affair: AffairEntry, adopters: Iterable[Adopter], precedents: list[Precedent]) -> str:
    """The ordinance wording as the Act would word it: the bodies named for all of them, numbers in kanji
    (昭和25年法律第144号 → 昭和二十五年法律第百四十四号), and the closing formula of the precedents instead of the
    ordinance's 「であって規則で定めるもの」."""
    levels = {a.prefecture_level for a in adopters} or {False}
    wording = affair.wording
    if levels == {True, False}:  # {self}営住宅 → 都道府県営住宅又は市町村営住宅; {self}の… → 地方公共団体の…
        wording = re.sub(r"\{self\}([一-龥]+)", r"都道府県\1又は市町村\1", wording)
    own = "都道府県" if levels == {True} else "市町村" if levels == {False} else "地方公共団体"
    text = unicodedata.normalize("NFKC", wording.replace("{self}", own))
    text = text.replace("(", "（").replace(")", "）").replace(",", "、")
    text = kanji_numbers(text)
    closing = closing_formula(precedents)
    if _ORDINANCE_CLOSING.search(text):
        return _ORDINANCE_CLOSING.sub(closing, text)
    if _CLOSING.search(text):
        return text
    return (text if text.endswith("に関する事務") else text + "に関する事務") + closing


# --- placement -----------------------------------------------------------------------------------------
def anchor_for(affair: str, body: str, precedents: list[Precedent]) -> AppendixRow | None:
    """The row the new one goes after: the first precedent of the same field whose 主体 is of the same level
    (a 市町村長 row beside a row 市町村長 run), else the first of the same field, else the first."""
    field_ = classify_field(affair)
    same = [p.row for p in precedents if field_ is not None and p.row.field == field_]
    level = "市町村" if "市町村" in body else "都道府県"
    rows = [r for r in same if level in r.body] or same or [p.row for p in precedents]
    return rows[0] if rows else None


def precedents_for(affair: AffairEntry, rows: list[AppendixRow], limit: int = 3) -> list[Precedent]:
    """The rows the new row is modelled on: the catalogue's own yardstick rows first (the rows the affair is
    documented as similar to), then the best ranked by :func:`hosei.drafting.precedent.rank`."""
    ranked = rank(affair.wording, rows, limit=len(rows))
    curated = [p for rid in affair.similar for p in ranked if p.row.id == rid]
    rest = [p for p in ranked if p.row.id not in affair.similar]
    return curated + rest[: max(0, limit - len(curated))] if curated else rest[:limit]


def place(
    rows: list[AppendixRow], proposals: list[ProposedRow], placement: str = "branch"
) -> list[AppendixRow]:
    """The table with the proposed rows in it, labels given; existing rows are copies (relabelled in place for
    ``renumber``). Rows never swap: a proposal goes after its anchor's whole group (百十五, 百十五の二, …)."""
    if placement not in PLACEMENTS:
        raise HoseiError(f"unknown placement {placement} (one of {', '.join(PLACEMENTS)})")
    table = [copy.copy(r) for r in sort_rows(rows)]
    top = max((r.number[0] for r in table), default=0)
    if placement == "end":
        for k, p in enumerate(proposals, 1):
            p.anchor = table[-1] if table else None
            p.row.label = format_branch((top + k,))
        return sort_rows(table + [p.row for p in proposals])
    groups: dict[int, list[ProposedRow]] = {}
    for p in proposals:
        key = p.anchor.number[0] if p.anchor is not None else top
        groups.setdefault(key, []).append(p)
    if placement == "branch":
        for key, group in groups.items():
            used = max((r.number[1] for r in table if r.number[0] == key and len(r.number) > 1), default=1)
            for k, p in enumerate(group, 1):
                p.row.label = format_branch((key, used + k))
        return sort_rows(table + [p.row for p in proposals])
    # renumber: each group's proposals take the next whole numbers; every later row moves down by as many
    shift_at = sorted(groups)
    for r in table:
        shift = sum(len(groups[k]) for k in shift_at if k < r.number[0])
        if shift:
            r.label = format_branch(_shifted(r.number, shift))
    for key, group in groups.items():
        base = key + sum(len(groups[k]) for k in shift_at if k < key)
        for k, p in enumerate(group, 1):
            p.row.label = format_branch((base + k,))
    return sort_rows(table + [p.row for p in proposals])


def _shifted(number: BranchNumber, by: int) -> BranchNumber:
    return (number[0] + by, *number[1:])


def propose_rows(
    candidates: list[Candidate], rows: list[AppendixRow], placement: str = "branch"
) -> tuple[list[ProposedRow], list[AppendixRow]]:
    """The new rows, worded and placed, and the whole table with them."""
    taken = {r.id for r in rows}
    proposals = []
    for c in candidates:
        precedents = precedents_for(c.affair, rows)
        body = act_body(c.affair, c.adopters)
        affair = act_affair(c.affair, c.adopters, precedents)
        rid = new_row_id(body, affair, taken)
        taken.add(rid)
        row = AppendixRow(rid, "", body, affair, field=classify_field(affair, body))
        proposals.append(ProposedRow(c, row, precedents, anchor_for(affair, body, precedents)))
    table = place(rows, proposals, placement)
    return proposals, table


# --- the municipal follow-up ---------------------------------------------------------------------------------
@dataclass
class FollowUp:
    """The amending ordinance of one body that drops the promoted affairs from its tables."""

    adopter: Adopter
    affairs: list[str]
    title: str
    amendment: str = ""
    tables: list[str] = field(default_factory=list)  # the tables rows were deleted from: 「別表第1」
    #: the comparison table (新旧対照表) of the ordinance before and after, as an HTML page
    table_html: str = ""
    error: str | None = None
    files: dict[str, str] = field(default_factory=dict)  # amendment, table: paths under the output folder

    def to_json(self) -> dict[str, Any]:
        return {
            **self.adopter.to_json(),
            "affairs": self.affairs,
            "title": self.title,
            "tables": self.tables,
            "error": self.error,
            "files": self.files,
        }


#: Column names, as ordinances' tables carry them, also by position (左欄, 第2欄) or for row numbers (番号).
_HEADER_WORDS = (
    HEADER_WORDS
    | {f"第{n}欄" for n in range(1, 10)}
    | {f"第{to_kanji(n)}欄" for n in range(1, 10)}
    | {"番号", "項", "区分", "左欄", "中欄", "右欄", "欄"}
)


def drop_affairs(law: Law, affair_ids: set[str], catalogue: list[AffairEntry]) -> tuple[Law, list[str]]:
    """*law* without the table rows that list the affairs (use table and linkage tables alike), and the
    tables they were in. A table left without any affair is refused: deleting the table and the articles that
    cite it is not what this draft does."""
    root = copy.deepcopy(law.root)
    touched: list[str] = []
    for table in root.iter("Table"):
        rows = table.findall("TableRow")
        body_rows = []
        dropped = []
        for tr in rows:
            cells = row_cells(tr)
            if len(cells) < 2 or is_header_row(cells, _HEADER_WORDS):
                continue
            body_rows.append(tr)
            match = match_affair(cells[1], catalogue)
            if match is not None and match.id in affair_ids:
                others = sorted(other_affairs(cells[1], match, catalogue) - affair_ids)
                if others:
                    raise HoseiError(
                        f"a row of {_table_name(table)} lists {match.id} together with {', '.join(others)}: "
                        "rewording a row to keep part of it is not supported yet"
                    )
                dropped.append(tr)
        if not dropped:
            continue
        holder = _table_name(table)
        if len(dropped) == len(body_rows):
            appendix = next((a for a in table.iterancestors() if a.tag == "AppdxTable"), None)
            if appendix is not None and is_use_table(Provision(appendix, law)):
                raise HoseiError(
                    f"every affair of {holder} is promoted: the ordinance's own uses of the number end with the "
                    "Act's amendment, and whether to repeal or rewrite it is the drafter's call (not drafted)"
                )
            raise HoseiError(
                f"deleting the promoted affairs would leave {holder} without any affair: deleting a whole table "
                "and the provisions citing it is not supported yet"
            )
        numbers = [row_cells(tr)[0] for tr in body_rows]
        if len(numbers) > 1 and all(_ROW_NUMBER.fullmatch(n) for n in numbers):
            _renumber(
                holder, [tr for tr in body_rows if tr not in dropped], parse_number(_digits(numbers[0]))
            )
        for tr in dropped:
            parent = tr.getparent()
            assert parent is not None
            prev = tr.getprevious()
            if prev is not None:
                prev.tail = tr.tail
            parent.remove(tr)
        touched.append(holder)
    new = Law(Document(tree=root.getroottree(), source=law.source), law_id=law.law_id)
    return new, touched


_ROW_NUMBER = re.compile(f"{NUMBER_RUN}|[（(]{NUMBER_RUN}[）)]")


def _digits(label: str) -> str:
    return label.strip("（()）")


def _renumber(holder: str, rows: list[Any], start: int) -> None:
    """Rows numbered in their first column (1, 2, … or (1), 一 …) numbered again without gaps, each in the style it
    was written in, as a drafter does when a row is deleted."""
    for number, tr in enumerate(rows, start):
        cell = tr.find("TableColumn")
        label = row_cells(tr)[0]
        sentence = cell.find(".//Sentence") if cell is not None else None
        if sentence is None or len(sentence) or (sentence.text or "").strip() != label:
            raise HoseiError(
                f"a numbered row of {holder} whose number cell holds more than its number (not supported yet)"
            )
        digits = _digits(label)
        if re.fullmatch(r"[0-9]+", digits):
            written = str(number)
        elif re.fullmatch(r"[０-９]+", digits):
            written = to_fullwidth(number)
        else:
            written = to_kanji(number)
        sentence.text = (sentence.text or "").replace(digits, written, 1)


def _table_name(table: Any) -> str:
    holder = next((a for a in table.iterancestors() if a.tag in ("AppdxTable", "Article")), None)
    if holder is None:
        return "表"
    title = (
        holder.findtext("AppdxTableTitle") if holder.tag == "AppdxTable" else holder.findtext("ArticleTitle")
    )
    return unicodedata.normalize("NFKC", (title or "表").strip())


def draft_follow_up(
    adopter: Adopter, affair_ids: list[str], catalogue: list[AffairEntry], act_title: str
) -> FollowUp:
    """The body's amending ordinance, generated from its ordinance before and after (generate applies it back and
    refuses what does not give the ordinance without the affair), with its comparison table."""
    from ..amend.generate import generate
    from ..compare.diff import diff_laws
    from ..compare.formats import to_html
    from ..compare.table import build_table
    from .impact import load_ordinance

    law, _ = load_ordinance(Path(adopter.source))
    title = law.title or adopter.body
    up = FollowUp(adopter, affair_ids, title)
    try:
        if is_partial(law):
            raise HoseiError(
                "the ordinance text is an excerpt (no 附則, gaps or a cut sentence): draft from the whole text"
            )
        new, touched = drop_affairs(law, set(affair_ids), catalogue)
        if not touched:
            raise HoseiError("no table row of the ordinance reads as the affair")
        result = diff_laws(law, new)
        # in force with the Act's amendment, which has no number yet
        in_force = f"{act_title}の一部を改正する法律（令和　年法律第　号）の施行の日"
        up.amendment = generate(result, style="municipal", enforce=in_force)
    except HoseiError as exc:
        up.error = exc.message
        return up
    up.tables = touched
    up.table_html = to_html(build_table(result, f"{title}（現行）", "改正案"), "old-new")
    return up


def _draft_in_worker(args: tuple[Adopter, list[str], list[AffairEntry], str]) -> FollowUp:
    return draft_follow_up(*args)


def draft_follow_ups(
    work: list[tuple[Adopter, list[str]]],
    catalogue: list[AffairEntry],
    act_title: str,
    jobs: int = 1,
    progress: Any = None,
) -> list[FollowUp]:
    """Every body's follow-up, in order; with *jobs* > 1 in worker processes (each draft is independent, and what
    comes back is text, never a parsed law)."""
    tasks = [(a, ids, catalogue, act_title) for a, ids in work]
    out: list[FollowUp] = []
    if jobs <= 1 or len(tasks) < 2:
        for task in tasks:
            out.append(_draft_in_worker(task))
            if progress:
                progress()
        return out
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for up in pool.imap(_draft_in_worker, tasks, chunksize=8):
            out.append(up)
            if progress:
                progress()
    return out
