"""Appendix 1 between two versions, row by row, following rows by their stable ids.

Because a row keeps its id when it is relabelled, 八十一 → 百十五 is one "moved" record, and a reworded row is a
"modified" record with the changed wording marked, not a deletion plus an addition.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from .appendix import MY_NUMBER_ACT, AppendixRow
from .diff import Span, char_diff
from .errors import HoseiError
from .store import Store
from .workspace import Workspace


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


def _rows_at(ws: Workspace, spec: str) -> tuple[list[AppendixRow], str]:
    from .eradate import parse_date

    store = Store(ws.root)
    try:
        date = parse_date(spec)
    except HoseiError:
        date = None
    if date is not None:
        rev = store.revision_at(MY_NUMBER_ACT, date)
        commit, label = (
            rev.commit,
            f"{spec} 時点（{rev.enforced.isoformat()} 施行、{rev.amended_by or '制定時'}）",
        )
    else:
        import git

        try:
            commit = str(store.repo.git.rev_parse("--verify", f"{spec}^{{commit}}"))
        except git.GitCommandError:
            raise HoseiError(f"not a date or a git revision: {spec}") from None
        label = spec
    found = store.read_appendix(commit)
    if found is None:
        raise HoseiError(f"no appendix1/ rows in {spec}")
    return found[1], label


def appendix_diff(ws: Workspace, old_spec: str, new_spec: str) -> AppendixDiff:
    old_rows, old_label = _rows_at(ws, old_spec)
    new_rows, new_label = _rows_at(ws, new_spec)
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
    return AppendixDiff(old_label, new_label, records)


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


def to_html_rows(result: AppendixDiff) -> str:
    def seg(spans: list[Span], side: str, plain: str) -> str:
        if not spans:
            return html.escape(plain)
        out = []
        for op, text in spans:
            if op == "equal":
                out.append(html.escape(text))
            elif (op == "delete") == (side == "old"):
                out.append(f"<u>{html.escape(text)}</u>")
        return "".join(out)

    rows = []
    for r in result.records:
        if r.kind == "added" and r.new:
            new = f"<u>{html.escape(r.new.label)}　{html.escape(r.new.body)}｜{html.escape(r.new.affair)}</u>"
            old = "（新設）"
        elif r.kind == "deleted" and r.old:
            new = "（削る）"
            old = f"<u>{html.escape(r.old.label)}　{html.escape(r.old.body)}｜{html.escape(r.old.affair)}</u>"
        else:
            assert r.old and r.new
            moved = r.kind == "moved"
            nl = f"<u>{html.escape(r.new.label)}</u>" if moved else html.escape(r.new.label)
            ol = f"<u>{html.escape(r.old.label)}</u>" if moved else html.escape(r.old.label)
            new = f"{nl}　{seg(r.body_spans, 'new', r.new.body)}｜{seg(r.affair_spans, 'new', r.new.affair)}"
            old = f"{ol}　{seg(r.body_spans, 'old', r.old.body)}｜{seg(r.affair_spans, 'old', r.old.affair)}"
        rows.append(f"<tr><td>{new}</td><td>{old}</td></tr>")
    return (
        '<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8"><title>別表 新旧対照表</title><style>'
        "body{font-family:'Noto Serif CJK JP','Yu Mincho',serif;margin:24px}table{border-collapse:collapse;width:100%;"
        "table-layout:fixed}td,th{border:1px solid #000;padding:4px 8px;vertical-align:top;line-height:1.7}"
        "th{font-weight:normal;background:#f2f2f2}u{text-underline-offset:3px}</style></head><body>"
        "<h1 style='font-size:15pt;text-align:center;font-weight:normal'>別表 新旧対照表</h1>"
        f"<p>改正後：{html.escape(result.new_label)}　改正前：{html.escape(result.old_label)}</p>"
        "<p style='text-align:right'>（傍線部分は改正部分）</p><table><thead><tr><th>改正後</th><th>改正前</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>\n"
    )
