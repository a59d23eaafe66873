"""`hosei fetch`: a law's revisions from e-Gov 法令API Version 2 recorded in the workspace, as `import egov` records
files — one commit each, in enforcement order, the same trailers — skipping what is recorded already (before its
text is asked for, so a second run asks nothing beyond the cached lists)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from ..core.egovdata import parse_law_bytes
from ..core.errors import HoseiError
from ..core.model import Law
from ..core.validate import validate_document
from .egovapi import ApiRevision, EgovClient
from .revision import BASE_TEXT_ID, parse_revision_id, revision_info_from_response
from .store import Store
from .versions import ImportResult, PreparedRevision, record
from .workspace import Workspace

_LAW_ID = re.compile(r"^\d{3}[A-Z][0-9A-Z]{11}$")


@dataclass
class FetchResult:
    law_id: str
    title: str
    wanted: list[ApiRevision]
    results: list[ImportResult] = field(default_factory=list)
    #: revisions recorded already, not asked for
    known: list[ApiRevision] = field(default_factory=list)
    requests: int = 0


def cache_dir(ws: Workspace) -> Path:
    return ws.root / ".git" / "hosei" / "egov-cache"


def choose(revisions: list[ApiRevision], as_of: dt.date | None, all_revisions: bool) -> list[ApiRevision]:
    """All revisions with an enforcement date (--all-revisions), the one in force on *as_of*, or the one in force
    now (CurrentEnforced)."""
    dated = [r for r in revisions if r.enforced is not None and r.status != "Repeal"]
    if all_revisions:
        return dated
    if as_of is None:
        current = [r for r in dated if r.status == "CurrentEnforced"]
        if current:
            return current[-1:]
        as_of = dt.date.today()
    in_force = [
        r for r in dated if r.enforced is not None and r.enforced <= as_of and r.status != "UnEnforced"
    ]
    if not in_force:
        raise HoseiError(f"no revision in force on {as_of.isoformat()} (the first one takes effect later)")
    return in_force[-1:]


def fetch(
    ws: Workspace,
    name: str,
    as_of: dt.date | None = None,
    all_revisions: bool = False,
    refresh: bool = False,
    progress: Callable[[int], AbstractContextManager[Callable[[], None]]] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> FetchResult:
    """Resolve *name*, list its revisions, ask for the texts not recorded yet and record them (see the module
    docstring). Nothing is recorded unless every text asked for was had and reads as law XML."""
    store = Store(ws.root)
    with store.lock():
        store.check_recordable()
    with EgovClient(cache_dir(ws), refresh=refresh, sleep=sleep or time.sleep) as client:
        law_id, title = _resolve(ws, client, name)
        wanted = choose(client.revisions(law_id), as_of, all_revisions)
        recorded = {
            (r.enforced, r.amended_by_id or BASE_TEXT_ID) for r in store.revisions(law_id) if not r.restore
        }
        result = FetchResult(law_id, title, wanted)
        todo = []
        for rev in wanted:
            parsed = parse_revision_id(rev.revision_id)
            if parsed is not None and (rev.enforced, parsed[2]) in recorded:
                result.known.append(rev)
            else:
                todo.append(rev)
        prepared = []
        with progress(len(todo)) if progress else contextlib.nullcontext(lambda: None) as advance:
            for rev in todo:
                data = client.law_data(rev.revision_id)
                prepared.append(_prepare(data, f"{client.base}/law_data/{rev.revision_id}", rev))
                advance()
        result.requests = client.requests
    if prepared:
        result.results = record(ws, prepared)
    return result


def _resolve(ws: Workspace, client: EgovClient, name: str) -> tuple[str, str]:
    if _LAW_ID.match(name):
        return name, name
    try:
        law_id = ws.resolve_law_id(name)  # a law the workspace knows by title or short name (番号法)
        entry = ws.laws.get(law_id)
        return law_id, entry.title if entry is not None else name
    except HoseiError:
        return client.resolve(name)


def _prepare(data: bytes, source: str, rev: ApiRevision) -> PreparedRevision:
    doc = parse_law_bytes(data, source)
    if doc.root.tag != "Law":
        raise HoseiError(f"the e-Gov API's law_data is not law XML (root <{doc.root.tag!s}>)", source)
    meta = dict(doc.response or {})
    meta.setdefault("law_revision_id", rev.revision_id)
    info = revision_info_from_response(meta, Path(f"{rev.revision_id}.xml"))
    if info is None:
        raise HoseiError(f"the e-Gov API's law_data names no revision: {rev.revision_id}", source)
    law = Law(doc, law_id=info.law_id)
    report = validate_document(doc, lenient=True)
    if report.errors:
        first = report.errors[0]
        raise HoseiError(f"not valid: {first.text}", source, first.line)
    short = law.abbreviations[-1] if law.abbreviations else law.title
    return PreparedRevision(info, doc, short, [str(w) for w in report.warnings])
