"""Appendix 1 between two versions, row by row, following rows by their stable ids.

Because a row keeps its id when it is relabelled, 八十一 → 百十五 is one "moved" record, and a reworded row is a
"modified" record with the changed wording marked, not a deletion plus an addition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..core.appendix import MY_NUMBER_ACT, AppendixFrame, AppendixRow
from ..core.errors import HoseiError
from ..history.revision import BASE_TEXT_LABEL
from ..history.store import Store
from ..history.workspace import Workspace
from .chars import Span, char_diff
from .diff import in_new_order
from .table import COLUMN, Row, Table, elided, span_segments


@dataclass
class RowRecord:
    kind: str  # added | deleted | modified | moved
    old: AppendixRow | None
    new: AppendixRow | None
    body_spans: list[Span] = field(default_factory=list)
    affair_spans: list[Span] = field(default_factory=list)

    @property
    def reworded(self) -> bool:
        return bool(
            self.old and self.new and (self.old.body != self.new.body or self.old.affair != self.new.affair)
        )

    def to_json(self) -> dict[str, Any]:
        row = self.new or self.old
        assert row is not None
        return {
            "kind": self.kind,
            "id": row.id,
            "old": f"{self.old.label}の項" if self.old else None,
            "new": f"{self.new.label}の項" if self.new else None,
            "old_label": self.old.label if self.old else None,
            "new_label": self.new.label if self.new else None,
            "reworded": self.reworded,
            "old_text": f"{self.old.body}｜{self.old.affair}" if self.old else None,
            "new_text": f"{self.new.body}｜{self.new.affair}" if self.new else None,
            "spans": [{"op": op, "text": t} for op, t in self.affair_spans],
        }


@dataclass
class AppendixDiff:
    old_label: str
    new_label: str
    records: list[RowRecord]
    #: every row in the new order, each deleted row where it stood: the comparison table's sequence
    pairs: list[tuple[AppendixRow | None, AppendixRow | None]] = field(default_factory=list)
    #: the table's title in the new version (別表（第九条関係）)
    title: str = "別表"


def _rows_at(ws: Workspace, spec: str) -> tuple[list[AppendixRow], str, str]:
    from ..core.eradate import parse_date

    store = Store(ws.root)
    try:
        date = parse_date(spec)
    except HoseiError:
        date = None
    if date is not None:
        from ..core.model import Law
        from ..history.versions import check_gaps

        rev = store.revision_at(MY_NUMBER_ACT, date)
        check_gaps(
            store, Law(store.read_document(MY_NUMBER_ACT, rev.commit), law_id=MY_NUMBER_ACT), rev, date
        )
        commit, label = (
            rev.commit,
            f"{spec} 時点（{rev.enforced.isoformat()} 施行、{rev.amended_by or BASE_TEXT_LABEL}）",
        )
    else:
        import git

        try:
            commit = str(store.repo.git.rev_parse("--verify", f"{spec}^{{commit}}"))
        except git.GitCommandError:
            if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}|.*[年月日].*", spec):
                parse_date(spec)  # written as a date: say what is wrong with it
            raise HoseiError(f"not a date or a git revision: {spec}") from None
        label = spec
    found = store.read_appendix(commit)
    if found is None:
        raise HoseiError(f"no appendix1/ rows in {spec}")
    return found[1], label, table_title(found[0])


def table_title(frame: AppendixFrame) -> str:
    """The table's heading as a comparison table prints it: 別表（第九条関係）."""
    title = "".join(
        "".join(el.itertext()).strip()
        for el in (frame.frame.find("AppdxTableTitle"), frame.frame.find("RelatedArticleNum"))
        if el is not None
    )
    return title or "別表"


def appendix_diff(ws: Workspace, old_spec: str, new_spec: str) -> AppendixDiff:
    old_rows, old_label, _ = _rows_at(ws, old_spec)
    new_rows, new_label, title = _rows_at(ws, new_spec)
    return diff_rows(old_rows, new_rows, old_label, new_label, title)


def diff_rows(
    old_rows: list[AppendixRow], new_rows: list[AppendixRow], old_label: str, new_label: str, title: str
) -> AppendixDiff:
    """Two versions of the rows compared by id: added, deleted, moved (relabelled), modified."""
    old_by_id = {r.id: r for r in old_rows}
    new_ids = {r.id for r in new_rows}
    records: list[RowRecord] = []
    for r in new_rows:
        o = old_by_id.get(r.id)
        if o is None:
            records.append(RowRecord("added", None, r))
            continue
        moved = o.label != r.label
        reworded = o.body != r.body or o.affair != r.affair
        if moved or reworded:
            records.append(
                RowRecord(
                    "moved" if moved else "modified",
                    o,
                    r,
                    char_diff(o.body, r.body) if o.body != r.body else [],
                    char_diff(o.affair, r.affair) if o.affair != r.affair else [],
                )
            )
    for o in old_rows:
        if o.id not in new_ids:
            records.append(RowRecord("deleted", o, None))
    return AppendixDiff(old_label, new_label, records, _in_table_order(old_rows, new_rows), title)


def _in_table_order(
    old_rows: list[AppendixRow], new_rows: list[AppendixRow]
) -> list[tuple[AppendixRow | None, AppendixRow | None]]:
    """All rows paired by id in the new order; a deleted row stands between the kept rows around it."""
    where_new = {r.id: j for j, r in enumerate(new_rows)}
    kept = [(i, where_new[r.id]) for i, r in enumerate(old_rows) if r.id in where_new]
    # ids keep their relative order (rows are relabelled, never swapped): the pairs are monotone
    return [
        (old_rows[i] if i is not None else None, new_rows[j] if j is not None else None)
        for i, j in in_new_order(dict(kept), len(old_rows), len(new_rows))
    ]


def to_text_rows(result: AppendixDiff) -> str:
    lines = [f"改正前：{result.old_label}", f"改正後：{result.new_label}", ""]
    for r in result.records:
        if r.kind == "added":
            assert r.new is not None
            lines.append(f"+ {r.new.label}の項（新設） {r.new.body}｜{r.new.affair}")
        elif r.kind == "deleted":
            assert r.old is not None
            lines.append(f"- {r.old.label}の項（削る） {r.old.body}｜{r.old.affair}")
        else:
            assert r.old is not None and r.new is not None
            move = f"{r.old.label}の項 → {r.new.label}の項" if r.kind == "moved" else f"{r.new.label}の項"
            lines.append(f"~ {move}{'（字句改正）' if r.reworded else ''} [{r.new.id}] {r.new.body}")
    counts = {
        k: sum(1 for r in result.records if r.kind == k) for k in ("added", "deleted", "moved", "modified")
    }
    lines.append("")
    lines.append(
        f"{counts['added']} added, {counts['deleted']} deleted, {counts['moved']} relabelled, "
        f"{counts['modified']} reworded in place ({sum(1 for r in result.records if r.reworded)} reworded in all)"
    )
    return "\n".join(lines) + "\n"


def build_table(result: AppendixDiff, context: int = 0) -> Table:
    """The appendix as a comparison table (新旧対照表), laid out by the same renderers as `hosei diff`: changed
    rows with their wording underlined (a relabelled row's label too), （新設）/（削る）, unchanged rows elided as
    「三～六　（略）」 (or shown in full, *context* of them after each change)."""
    table = Table(result.title, result.old_label, result.new_label)
    by_id = {_row_id(r): r for r in result.records}
    unchanged: list[AppendixRow] = []

    def flush() -> None:
        shown = unchanged[:context]
        for row in shown:
            line = _plain_row(row, False)
            table.rows.append(Row(line, line))
        rest = unchanged[len(shown) :]
        if rest:
            label = (
                elided(rest[0].label)
                if len(rest) == 1
                else elided(rest[0].label, rest[-1].label, len(rest) == 2)
            )
            table.rows.append(Row([(label, False)], [(label, False)], "elided"))
        unchanged.clear()

    for o, n in result.pairs:
        here = n if n is not None else o
        if here is None:
            continue
        record = by_id.get(here.id)
        if record is None and n is not None:
            unchanged.append(n)
            continue
        flush()
        if n is None and o is not None:
            table.rows.append(Row([("（削る）", False)], _plain_row(o, True)))
        elif o is None and n is not None:
            table.rows.append(Row(_plain_row(n, True), [("（新設）", False)]))
        elif o is not None and n is not None and record is not None:
            moved = record.kind == "moved"
            table.rows.append(
                Row(_row_segments(n, record, "new", moved), _row_segments(o, record, "old", moved))
            )
    flush()
    return table


def _row_id(record: RowRecord) -> str:
    row = record.new if record.new is not None else record.old
    return row.id if row is not None else ""


def _row_segments(row: AppendixRow, record: RowRecord, side: str, moved: bool) -> list[tuple[str, bool]]:
    """「百十五　独立行政法人日本学生支援機構｜…」 with the label underlined when it changed and the changed wording
    of each cell underlined."""

    def cell(spans: list[Span], plain: str) -> list[tuple[str, bool]]:
        return span_segments(spans, side) if spans else [(plain, False)]

    return [
        (row.label, moved),
        (COLUMN, False),
        *cell(record.body_spans, row.body),
        (COLUMN, False),
        *cell(record.affair_spans, row.affair),
    ]


def _plain_row(row: AppendixRow, underlined: bool) -> list[tuple[str, bool]]:
    """A row as its three columns (項, 主体, 事務), all underlined or none."""
    return [
        (row.label, underlined),
        (COLUMN, False),
        (row.body, underlined),
        (COLUMN, False),
        (row.affair, underlined),
    ]


def to_unified(result: AppendixDiff) -> str:
    """A unified diff of the rows, one line each (「label　body｜affair」), for git tools."""
    import difflib

    def lines(rows: list[AppendixRow | None]) -> list[str]:
        return [f"{r.label}　{r.body}｜{r.affair}" for r in rows if r is not None]

    old = lines([o for o, _ in result.pairs])
    new = lines([n for _, n in result.pairs])
    return "".join(
        line + "\n"
        for line in difflib.unified_diff(
            old, new, fromfile=result.old_label, tofile=result.new_label, lineterm=""
        )
    )
