"""`hosei appendix propose`: promotion candidates → the Act's amendment on a git branch, and every ordinance's
follow-up.

The proposal is made against the workspace's last commit (never the working tree, so what is proposed is what
anyone can check out), recorded as one commit on a new branch (the drafter's branch and files are never
touched), and checked three ways before anything is written: the national 改め文 applied to the Act gives the Act
assembled from the branch's statute and rows, that Act validates against the e-Gov schema, and each municipal
amendment applied to its ordinance gives the ordinance without the affair.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.appendix import MY_NUMBER_ACT, assemble
from ..core.errors import HoseiError
from ..core.model import Law
from ..core.xmlio import Document, output_folder, parse_bytes, write_atomic
from ..drafting.draft import AffairEntry
from .promotion import Adopter, Candidate, FollowUp, ProposedRow, draft_follow_ups, propose_rows


@dataclass
class Proposal:
    branch: str
    commit: str
    base: str
    base_label: str
    rows: list[ProposedRow]
    relabelled: list[tuple[str, str, str]]  # id, old label, new label
    act_title: str
    act_amendment: str
    follow_ups: list[FollowUp]
    ordinances: int
    files: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "branch": self.branch,
            "commit": self.commit,
            "base": self.base,
            "ordinances": self.ordinances,
            "rows": [
                {
                    **p.to_json(),
                    "ordinances": [
                        u.to_json() for u in self.follow_ups if p.candidate.affair.id in u.affairs
                    ],
                }
                for p in self.rows
            ],
            "relabelled": [{"id": i, "old": o, "new": n} for i, o, n in self.relabelled],
            "act_amendment": self.act_amendment,
            "follow_ups": {
                "drafted": sum(1 for u in self.follow_ups if not u.error),
                "refused": [u.to_json() for u in self.follow_ups if u.error],
            },
            "files": self.files,
        }


# --- candidates ------------------------------------------------------------------------------------------
def _adopter(source: str, body: str, code: str | None, prefectures: set[str]) -> Adopter:
    """An ordinance that lists an affair; a prefecture's by its roster code, else by its name (…県)."""
    level = (code in prefectures) if code else body.endswith(("都", "道", "府", "県"))
    return Adopter(source, body, code, level)


def candidates_from_report(
    report: dict[str, Any],
    catalogue: list[AffairEntry],
    prefecture_codes: set[str],
    report_dir: Path,
    affairs: list[str] | None = None,
) -> list[Candidate]:
    """The candidates of a divergence report (or the *affairs* named), with the ordinances listing each."""
    try:
        bodies = report["bodies"]
        listed = [c["affair"] for c in report["candidates"]]
    except (KeyError, TypeError):
        raise HoseiError(
            "not a divergence report (hosei divergence --format json): no bodies or candidates"
        ) from None
    chosen = affairs if affairs else listed
    if not chosen:
        raise HoseiError(
            "the report has no promotion candidates above its threshold: name affairs with --affairs"
        )
    adopters = []
    for b in bodies:
        source = Path(str(b.get("source", "")))
        if not source.is_absolute() and not source.exists() and (report_dir / source).exists():
            source = report_dir / source
        adopter = _adopter(str(source), str(b.get("body", "")), b.get("code"), prefecture_codes)
        adopters.append((adopter, list(b.get("affairs", []))))
    return _candidates(chosen, adopters, catalogue, len(bodies))


def candidates_from_results(
    results: list[Any], catalogue: list[AffairEntry], prefecture_codes: set[str], affairs: list[str]
) -> list[Candidate]:
    """The named affairs with the ordinances of a fresh divergence analysis that list each."""
    adopters = [
        (_adopter(r.source, r.name, r.body.code if r.body else None, prefecture_codes), list(r.affairs))
        for r in results
    ]
    return _candidates(affairs, adopters, catalogue, len(results))


def _candidates(
    chosen: list[str], adopters: list[tuple[Adopter, list[str]]], catalogue: list[AffairEntry], total: int
) -> list[Candidate]:
    by_id = {a.id: a for a in catalogue}
    unknown = [a for a in chosen if a not in by_id]
    if unknown:
        raise HoseiError(f"no affair {unknown[0]} in the catalogue (known: {', '.join(by_id)})")
    out = []
    for affair_id in dict.fromkeys(chosen):
        listing = [a for a, ids in adopters if affair_id in ids]
        out.append(Candidate(by_id[affair_id], len(listing) / total if total else 0.0, listing))
    return out


# --- the proposal ----------------------------------------------------------------------------------------
def _checked_act_amendment(old: Document, new: Document, enforce: dt.date | None) -> str:
    """The 改め文 from *old* to *new*, with the new Act validated first (generate applies its text back and refuses
    what does not give *new*)."""
    from ..amend.generate import generate
    from ..compare.diff import diff_laws
    from ..core.validate import require_valid

    require_valid(new)
    return generate(diff_laws(Law(old), Law(new)), enforce=enforce)


def run_proposal(
    ws: Any,
    candidates: list[Candidate],
    out: Path,
    branch: str,
    catalogue: list[AffairEntry],
    placement: str = "branch",
    enforce: dt.date | None = None,
    progress: Callable[[], None] | None = None,
    ordinances: int = 0,
    jobs: int = 1,
) -> Proposal:
    from ..compare.appendix import build_table, diff_rows, table_title
    from ..compare.formats import to_docx, to_html
    from ..history.store import Store

    if not candidates:
        raise HoseiError("nothing to propose")
    store = Store(ws.root)
    store.check_new_branch(branch)  # before any drafting: the name decides where the work goes
    base = store.read_ref("HEAD")
    if base is None:
        raise HoseiError("the workspace has no commit to propose against", str(ws.root))
    found = store.read_appendix(base)
    statute_bytes = store.read_blob(base, f"statutes/{MY_NUMBER_ACT}.xml")
    if found is None or statute_bytes is None:
        raise HoseiError(
            "the workspace's last commit has no My Number Act with its appendix1/ rows", str(ws.root)
        )
    frame, rows = found
    statute = parse_bytes(statute_bytes, f"statutes/{MY_NUMBER_ACT}.xml")
    old = assemble(statute, frame, rows)
    proposals, table = propose_rows(candidates, rows, placement)
    new = assemble(statute, frame, table)
    text = _checked_act_amendment(old, new, enforce)
    act_title = Law(old).title
    old_by_id = {r.id: r for r in rows}
    relabelled = [
        (r.id, old_by_id[r.id].label, r.label)
        for r in table
        if r.id in old_by_id and old_by_id[r.id].label != r.label
    ]
    # the municipal follow-ups, each applied back (a refusal is reported, never written as a draft)
    ids_by_source: dict[str, tuple[Adopter, list[str]]] = {}
    for p in proposals:
        for a in p.candidate.adopters:
            ids_by_source.setdefault(a.source, (a, []))[1].append(p.candidate.affair.id)
    follow_ups = draft_follow_ups(list(ids_by_source.values()), catalogue, act_title, jobs, progress)
    # recorded, then everything written from what was recorded
    changes: dict[str, bytes | None] = {}
    for r in table:
        data, before = r.to_bytes(), old_by_id.get(r.id)
        if before is None or before.to_bytes() != data:
            changes[f"appendix1/rows/{r.id}.xml"] = data
    labels = "、".join(p.row.label for p in proposals)
    message = (
        f"Proposal: 別表に{labels}の項を加える（{'、'.join(p.candidate.affair.id for p in proposals)}）\n\n"
        + "\n".join(f"- {p.row.label}　{p.row.body}　{p.row.affair}" for p in proposals)
        + "\n\nHosei-Proposal: appendix\n"
    )
    commit = store.commit_to_new_branch(branch, changes, message, base=base)
    base_label = _branch_name(store) or base[:10]
    output_folder(out)
    files: dict[str, str] = {}

    def put(name: str, data: bytes) -> None:
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
        files[name] = str(path)

    title = f"{act_title}の一部を改正する法律（案）"
    put("act/amendment.txt", (f"　　　{title}\n\n{text}").encode())
    put("act/act.xml", new.to_bytes())  # what the branch holds: its statute and rows assembled
    table_ = build_table(diff_rows(rows, table, "現行", "改正案", table_title(frame)))
    put("act/taisho.html", to_html(table_, "new-old").encode())
    put("act/taisho.docx", to_docx(table_, "new-old"))
    _write_follow_ups(follow_ups, put)
    proposal = Proposal(
        branch,
        commit,
        base,
        base_label,
        proposals,
        relabelled,
        act_title,
        text,
        follow_ups,
        ordinances,
        files,
    )
    put("report.json", (json.dumps(proposal.to_json(), ensure_ascii=False, indent=1) + "\n").encode())
    return proposal


def _write_follow_ups(follow_ups: list[FollowUp], put: Callable[[str, bytes], None]) -> None:
    stems: dict[str, int] = {}
    for up in follow_ups:
        if up.error:
            continue
        stem = Path(up.adopter.source).stem
        stems[stem] = stems.get(stem, 0) + 1
        if stems[stem] > 1:
            stem = f"{stem}_{stems[stem]}"
        put(f"ordinances/{stem}.amendment.txt", up.amendment.encode())
        put(f"ordinances/{stem}.taisho.html", up.table_html.encode())
        up.files = {
            "amendment": f"ordinances/{stem}.amendment.txt",
            "table": f"ordinances/{stem}.taisho.html",
        }


def _branch_name(store: Any) -> str | None:
    repo = store.repo
    return None if repo.head.is_detached else str(repo.active_branch.name)
