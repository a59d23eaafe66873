"""Revision history features: import e-Gov files as revisions, text as in force on a date, logs.

A revision is one commit (see :mod:`hosei.history.store`). Importing the My Number Act splits its appendix into
appendix1/ rows and carries row ids over by content, reporting every row it could not match with
confidence. Importing a revision older than the one in the working tree records it and then restores the
newest text in a second commit, so the working tree always holds the law as currently in force.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..core.appendix import (
    MY_NUMBER_ACT,
    AppendixRow,
    RowMatch,
    find_row,
    load_appendix,
    rows_dir,
    split_law,
    table_path,
)
from ..core.errors import HoseiError
from ..core.model import Law
from ..core.validate import validate_document
from ..core.xmlio import Document
from .revision import (
    BASE_TEXT_ID,
    BASE_TEXT_LABEL,
    RevisionInfo,
    parse_act,
    parse_revision_id,
    revision_info_for,
    revision_info_from_response,
)
from .store import Revision, Store, commit_message
from .workspace import Workspace, find_workspace

WORKSPACE_README = """# hosei workspace

statutes/   e-Gov XML of statutes, one file per law (the text currently in force)
appendix1/  the My Number Act's Appendix 1, one file per row (rows/<id>.xml) and table.xml
templates/  ordinance templates

Every revision of a law is one git commit with trailers (Law-Id, Enforced, Amended-By, Promulgated, Source):
`git log` lists them, `hosei log LAW` reads them, `hosei show LAW --as-of DATE` gives the text in force.
"""


#: git shows workspace XML through `hosei textconv` once the driver is configured (GIT_DIFF_CONFIG)
GITATTRIBUTES = """statutes/*.xml diff=hosei
appendix1/**/*.xml diff=hosei
"""
#: git's hunk headers name the article a change is in (「@@ -53,16 +58,14 @@ 第四条」); alternations, not
#: bracket expressions, so the pattern means the same in any locale (a kanji is several bytes)
GIT_XFUNCNAME = (
    "^(第(一|二|三|四|五|六|七|八|九|十|百|千|[0-9])+条(の(一|二|三|四|五|六|七|八|九|十|百|[0-9])+)*)"
)
GIT_DIFF_CONFIG = (
    f"git config diff.hosei.textconv \"hosei textconv\" && git config diff.hosei.xfuncname '{GIT_XFUNCNAME}'"
)


@dataclass
class PreparedRevision:
    """A parsed file with its revision metadata, checked before anything is written."""

    info: RevisionInfo
    doc: Document
    title: str
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    info: RevisionInfo
    commit: str
    restored: str | None
    notes: list[str]
    #: the revision was recorded already (same law, enforcement date, amending act and text): nothing written
    skipped: bool = False


def egov_sources(
    paths: Iterable[str | Path], laws: Iterable[str] | None = None
) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """The e-Gov files *paths* name, each as (name, reader): files as given; folders searched recursively (the
    bulk download unpacked, any folder of revision files); the bulk download's zip read member by member (one
    folder per revision id, ``<revision id>/<revision id>.xml``), never unpacked. With *laws*, only the files of
    those law ids (by the revision id of their name)."""
    import zipfile

    wanted = set(laws) if laws else None

    def selected(name: str) -> bool:
        if not name.lower().endswith((".xml", ".json")):
            return False
        if wanted is None:
            return True
        parsed = parse_revision_id(Path(name).stem)
        return parsed is not None and parsed[0] in wanted

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file() and selected(p.name)):
                yield str(found), found.read_bytes
        elif path.suffix.lower() == ".zip" and path.is_file():
            try:
                archive = zipfile.ZipFile(path)
            except zipfile.BadZipFile:
                raise HoseiError("not a zip file (the e-Gov bulk download is one)", str(path)) from None
            with archive:
                for member in archive.infolist():
                    if member.is_dir() or not selected(member.filename):
                        continue
                    # read before the next member is asked for (the archive closes after the last)
                    yield f"{path}:{member.filename}", functools.partial(archive.read, member)
        elif wanted is None or selected(path.name):
            yield str(path), path.read_bytes if path.exists() else _missing(path)


def _missing(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        raise HoseiError("no such file", str(path))

    return read


def prepare_egov(
    paths: Iterable[str | Path],
    enforced: dt.date | None = None,
    amended_by: str | None = None,
    lenient: bool = True,
    laws: Iterable[str] | None = None,
) -> list[PreparedRevision]:
    """Parse, validate and date every file first, so a bad file stops the import before any commit. *paths*:
    files, folders and bulk-download zips (see :func:`egov_sources`)."""
    from ..core.egovdata import parse_law_bytes

    prepared = []
    for name, read in egov_sources(paths, laws):
        path = Path(name.rpartition(":")[2] if ".zip:" in name else name)
        doc = parse_law_bytes(read(), name)
        if doc.root.tag != "Law":
            raise HoseiError(
                f"not an e-Gov law document (root element <{doc.root.tag!s}>)", name, doc.root.sourceline
            )
        parsed = parse_revision_id(path.stem)
        law = Law(doc, law_id=parsed[0] if parsed else (doc.response or {}).get("law_id"))
        report = validate_document(law.doc, lenient=lenient)
        if report.errors:
            first = report.errors[0]
            raise HoseiError(f"not valid: {first.text}", first.file, first.line)
        suppl_nums = [s.el.get("AmendLawNum", "") for s in law.suppl_provisions if s.el.get("AmendLawNum")]
        attrib = {str(k): str(v) for k, v in law.root.attrib.items()}
        from_response = (
            revision_info_from_response(law.doc.response, path)
            if law.doc.response and enforced is None and amended_by is None
            else None
        )
        info = from_response or revision_info_for(path, attrib, suppl_nums, law.law_id, enforced, amended_by)
        short = law.abbreviations[-1] if law.abbreviations else law.title
        prepared.append(PreparedRevision(info, law.doc, short, [str(w) for w in report.warnings]))
    prepared.sort(key=lambda p: (p.info.enforced, p.info.amended_by.act_id if p.info.amended_by else ""))
    return prepared


def prepare_document(
    doc: Document, path: Path, enforced: dt.date | None = None, amended_by: str | None = None
) -> PreparedRevision:
    """Revision metadata for a document made by the text or HTML importer (options or file name)."""
    law = Law(doc)
    suppl_nums = [s.el.get("AmendLawNum", "") for s in law.suppl_provisions if s.el.get("AmendLawNum")]
    attrib = {str(k): str(v) for k, v in law.root.attrib.items()}
    info = revision_info_for(path, attrib, suppl_nums, law.law_id, enforced, amended_by)
    short = law.abbreviations[-1] if law.abbreviations else law.title
    return PreparedRevision(info, doc, short)


def _files_for(
    ws: Workspace, item: PreparedRevision, previous_rows: list[AppendixRow]
) -> tuple[dict[str, bytes | None], list[RowMatch]]:
    """The workspace files that hold this revision (the appendix law is split into rows)."""
    law_id = item.info.law_id
    changes: dict[str, bytes | None] = {}
    if law_id != MY_NUMBER_ACT:
        changes[f"statutes/{law_id}.xml"] = item.doc.to_bytes()
        return changes, []
    split = split_law(item.doc, law_id, previous_rows)
    changes[f"statutes/{law_id}.xml"] = split.statute.to_bytes()
    changes["appendix1/table.xml"] = split.frame.to_bytes()
    keep = set()
    for row in split.rows:
        rel = f"appendix1/rows/{row.id}.xml"
        keep.add(rel)
        changes[rel] = row.to_bytes()
    rdir = rows_dir(ws.appendix_dir)
    if rdir.exists():
        for old in rdir.glob("*.xml"):
            rel = f"appendix1/rows/{old.name}"
            if rel not in keep:
                changes[rel] = None
    return changes, split.matches


def _current_rows(ws: Workspace) -> list[AppendixRow]:
    if not table_path(ws.appendix_dir).exists():
        return []
    return load_appendix(ws.appendix_dir)[1]


def describe_matches(matches: list[RowMatch], previous: list[AppendixRow]) -> list[str]:
    """Notes for the user: relabelled and reworded rows, uncertain matches, removed rows."""
    notes = [m.describe() for m in matches if m.kind in ("moved", "reworded", "uncertain")]
    kept = {m.previous.id for m in matches if m.previous is not None and m.kind != "uncertain"}
    for p in previous:
        if p.id not in kept and not p.is_deleted:
            notes.append(f"row {p.label} ({p.id}): not in this revision")
    return notes


def record(
    ws: Workspace,
    prepared: list[PreparedRevision],
    progress: Callable[[PreparedRevision], None] | None = None,
) -> list[ImportResult]:
    """Commit each prepared revision (one commit each), under the workspace lock. Interrupted (Ctrl-C), the
    revision being written is undone (see :meth:`Store.commit_files`) and the error says how many were recorded: a
    second run skips those and records the rest."""
    from ..core.errors import Interrupted

    results: list[ImportResult] = []
    try:
        return _record(ws, prepared, progress, results)
    except KeyboardInterrupt:
        done = sum(1 for r in results if not r.skipped)
        raise Interrupted(
            f"interrupted: {done} of {len(prepared)} revisions recorded ({len(results) - done} were recorded "
            "already); run the same import again to record the rest"
        ) from None


def _record(
    ws: Workspace,
    prepared: list[PreparedRevision],
    progress: Callable[[PreparedRevision], None] | None,
    results: list[ImportResult],
) -> list[ImportResult]:
    store = Store(ws.root)
    with store.lock():
        store.check_recordable()
        for item in prepared:
            ws = Workspace(ws.root)  # re-read the working tree after each commit
            info = item.info
            store.invalidate()
            latest = store.revisions(info.law_id)
            same = _recorded(store, latest, item)
            if same is not None:  # idempotent: a revision recorded once, however often it is imported
                results.append(ImportResult(info, same.commit, None, [], skipped=True))
                if progress:
                    progress(item)
                continue
            newest = latest[-1] if latest else None
            previous_rows = _current_rows(ws) if info.law_id == MY_NUMBER_ACT else []
            changes, matches = _files_for(ws, item, previous_rows)
            notes = describe_matches(matches, previous_rows) if previous_rows else []
            entry = ws.laws.get(info.law_id)
            title = entry.abbreviations[-1] if entry is not None and entry.abbreviations else item.title
            sha = store.commit_files(changes, commit_message(info, title))
            restored = None
            if newest is not None and info.enforced < newest.enforced:
                restored = _restore_newest(store, ws, info.law_id, newest)
                notes.append(
                    f"recorded before the newest revision (施行 {newest.enforced.isoformat()}); "
                    f"the working tree keeps the newest text (commit {restored[:10]})"
                )
            results.append(ImportResult(info, sha, restored, notes))
            if progress:
                progress(item)
        store.invalidate()
    return results


def _recorded(store: Store, recorded: list[Revision], item: PreparedRevision) -> Revision | None:
    """The revision already recorded under the same key (law, enforcement date, amending act) with the same text,
    or None when there is none; the same key with another text is an error naming both."""
    from ..text.comparable import comparable

    info = item.info
    act = info.amended_by.act_id if info.amended_by else None
    for rev in recorded:
        if rev.restore or rev.enforced != info.enforced or (rev.amended_by_id or None) != act:
            continue
        kept = store.read_document(info.law_id, rev.commit)
        if kept.to_bytes() == item.doc.to_bytes() or comparable(kept.root) == comparable(item.doc.root):
            return rev
        raise HoseiError(
            f"a different text of {info.law_id} (施行 {info.enforced.isoformat()}, "
            f"{info.amended_by.number if info.amended_by else 'base text'}) is recorded already: commit "
            f"{rev.commit[:10]} from {rev.source or 'an earlier import'}; this one is {info.source}"
        )
    return None


def _restore_newest(store: Store, ws: Workspace, law_id: str, newest: Revision) -> str:
    """After back-filling an old revision, put the newest text back (a commit that is not a revision)."""
    paths = [f"statutes/{law_id}.xml"]
    if law_id == MY_NUMBER_ACT:
        paths.append("appendix1")
    store.repo.git.checkout(newest.commit, "--", *paths)
    # rows that exist only in the back-filled revision must go
    if law_id == MY_NUMBER_ACT:
        wanted = {name for name, _ in store.read_tree_blobs(newest.commit, "appendix1/rows")}
        for p in rows_dir(ws.appendix_dir).glob("*.xml"):
            if f"appendix1/rows/{p.name}" not in wanted:
                store.repo.index.remove([f"appendix1/rows/{p.name}"], working_tree=True)
    message = (
        f"{law_id}: restore the text in force (施行 {newest.enforced.isoformat()}) after recording an older revision\n\n"
        f"Law-Id: {law_id}\nHosei-Restore: {newest.commit}\n"
    )
    from .store import _actor

    actor = _actor(store.repo)
    commit = store.repo.index.commit(message, author=actor, committer=actor)
    return str(commit.hexsha)


# --- reading history ---------------------------------------------------------------------------
def law_as_of(
    ws: Workspace, name: str, date: dt.date, on_gap: Callable[[str], None] | None = None
) -> tuple[Law, Revision]:
    """The law as in force on *date*, read from the revision commit (never from a checkout). When a later recorded
    revision shows acts enforced (or possibly enforced) between the text picked and *date*, that is an error
    naming them — or, with *on_gap*, a warning passed to it (see :mod:`hosei.history.gaps`)."""
    law_id = ws.resolve_law_id(name)
    store = Store(ws.root)
    rev = store.revision_at(law_id, date)
    law = Law(store.read_document(law_id, rev.commit), law_id=law_id)
    check_gaps(store, law, rev, date, on_gap)
    return law, rev


def check_gaps(
    store: Store, law: Law, rev: Revision, date: dt.date, on_gap: Callable[[str], None] | None = None
) -> None:
    """Refuse (or, with *on_gap* or --allow-gaps, warn about) a text that later recorded revisions show may be out
    of date on *date* (see :mod:`hosei.history.gaps`)."""
    from .gaps import gap_message, missing_acts

    gap = missing_acts(store, law, rev, date)
    if gap is None or not gap[1]:
        return
    if on_gap is None and os.environ.get("HOSEI_ALLOW_GAPS"):  # --allow-gaps (the CLI sets it)
        on_gap = _warn
    message = gap_message(law.title or rev.law_id, rev.law_id, date, rev, *gap, warning=on_gap is not None)
    if on_gap is None:
        raise HoseiError(message)
    on_gap(message)


def _warn(message: str) -> None:
    print(f"Warning: {message}", file=sys.stderr)


def appendix_as_of(ws: Workspace, date: dt.date) -> tuple[list[AppendixRow], Revision]:
    store = Store(ws.root)
    rev = store.revision_at(MY_NUMBER_ACT, date)
    check_gaps(store, Law(store.read_document(MY_NUMBER_ACT, rev.commit), law_id=MY_NUMBER_ACT), rev, date)
    found = store.read_appendix(rev.commit)
    if found is None:
        raise HoseiError(f"revision {rev.commit[:10]} has no appendix1/ rows")
    return found[1], rev


@dataclass
class LogEntry:
    revision: Revision
    change: str | None = None  # for a provision: added, changed, deleted
    label: str | None = None  # for an appendix row

    def to_json(self) -> dict[str, object]:
        d = self.revision.to_json()
        if self.change is not None:
            d["change"] = self.change
        if self.label is not None or self.change is not None:
            d["label"] = self.label
        return d


def law_log(ws: Workspace, name: str, citation: str | None = None) -> list[LogEntry]:
    """Revisions of a law in force order; with *citation*, only those that changed that provision's text."""
    law_id = ws.resolve_law_id(name)
    store = Store(ws.root)
    revisions = store.revisions(law_id)
    if not revisions:
        raise HoseiError(f"no recorded revisions of {law_id} in this workspace")
    if citation is None:
        return [LogEntry(r) for r in revisions]
    from ..core.citation import parse_citation

    parsed = parse_citation(citation)
    entries = []
    before: str | None = None
    for rev in revisions:
        law = Law(store.read_document(law_id, rev.commit), law_id=law_id)
        try:
            text: str | None = law.find(parsed).text()
        except HoseiError:
            text = None
        if text != before:
            change = "added" if before is None else ("deleted" if text is None else "changed")
            entries.append(LogEntry(rev, change))
        before = text
    if not entries:  # in no recorded revision: the same answer `show` gives, not "0 revisions"
        raise HoseiError(f"no such provision in any recorded revision of {law_id}: {citation}")
    return entries


def appendix_log(ws: Workspace, label_or_id: str) -> tuple[AppendixRow, list[LogEntry]]:
    """One row followed by its id through every revision, with its label at each (None when absent)."""
    store = Store(ws.root)
    revisions = store.revisions(MY_NUMBER_ACT)
    if not revisions:
        raise HoseiError(f"no recorded revisions of {MY_NUMBER_ACT} in this workspace")
    current = _current_rows(ws)
    row = find_row(current, label_or_id)
    entries = []
    for rev in revisions:
        found = store.read_appendix(rev.commit)
        label = None
        if found is not None:
            for r in found[1]:
                if r.id == row.id:
                    label = r.label
                    break
        entries.append(LogEntry(rev, None, label))
    return row, entries


# --- workspaces --------------------------------------------------------------------------------
def bundled_revisions() -> list[dict[str, str]]:
    data = resources.files("hosei").joinpath("bundled", "revisions.json").read_text(encoding="utf-8")
    revisions: list[dict[str, str]] = json.loads(data)["revisions"]
    return revisions


def prepare_bundled(entry: dict[str, str], path: Path) -> PreparedRevision:
    """One bundled revision (e-Gov XML, or legacy HTML through the text importer), with its stated metadata."""
    enforced = dt.date.fromisoformat(entry["enforced"])
    if entry.get("format") == "html":
        from ..text.parse import import_file

        result = import_file(str(path), "html")
        report = validate_document(result.document)
        if not report.ok:
            raise HoseiError(f"bundled revision does not validate: {report.errors[0].text}", str(path))
        item = prepare_document(result.document, path, enforced, entry["amended_by"])
    else:
        item = prepare_egov([path], enforced=enforced, amended_by=entry["amended_by"], lenient=False)[0]
    info = item.info
    item.info = RevisionInfo(
        info.law_id, info.enforced, info.amended_by, info.promulgated, entry.get("source", entry["file"])
    )
    return item


def _copy_templates(target: Path) -> list[str]:
    """The ordinance templates and roster of the checkout hosei runs from, versioned in the new workspace."""
    from .workspace import _source_checkout

    checkout = _source_checkout()
    if checkout is None or not (checkout / "templates").is_dir():
        return []
    copied = []
    for path in sorted((checkout / "templates").rglob("*")):
        if path.is_file() and path.name != ".gitkeep":
            rel = path.relative_to(checkout)
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
            copied.append(rel.as_posix())
    return copied


def init_workspace(
    target: Path, progress: Callable[[PreparedRevision], None] | None = None, bundled: bool = True
) -> list[ImportResult]:
    """Create a workspace: git init, the folders, and (unless *bundled* is false) the bundled revisions
    recorded as commits."""
    import git

    if target.exists() and any(target.iterdir()):
        raise HoseiError("folder exists and is not empty", str(target))
    target.mkdir(parents=True, exist_ok=True)
    created_here = True
    try:
        repo = git.Repo.init(target, initial_branch="main")
        for d in ("statutes", "appendix1", "templates"):
            (target / d).mkdir(exist_ok=True)
            (target / d / ".gitkeep").write_bytes(b"")
        (target / "README.md").write_text(WORKSPACE_README, encoding="utf-8")
        (target / ".gitattributes").write_text(GITATTRIBUTES, encoding="utf-8")
        added = [
            "README.md",
            ".gitattributes",
            "statutes/.gitkeep",
            "appendix1/.gitkeep",
            "templates/.gitkeep",
        ]
        repo.index.add(added + _copy_templates(target))
        from .store import _actor

        actor = _actor(repo)
        repo.index.commit("hosei workspace", author=actor, committer=actor)
        ws = Workspace(target)
        files = resources.files("hosei").joinpath("bundled")
        results: list[ImportResult] = []
        for entry in bundled_revisions() if bundled else []:
            with resources.as_file(files.joinpath(entry["file"])) as path:
                item = prepare_bundled(entry, path)
                results += record(ws, [item], progress)
        return results
    except BaseException:
        if created_here:
            shutil.rmtree(target, ignore_errors=True)
        raise


__all__ = [
    "appendix_as_of",
    "appendix_log",
    "find_workspace",
    "init_workspace",
    "law_as_of",
    "law_log",
    "parse_act",
    "prepare_egov",
    "record",
]


# --- versions named on the command line --------------------------------------------------------------
@dataclass
class Version:
    """A version of a law named by the user, with a label for headers."""

    law: Law
    label: str


def _file_label(path: Path, revision_id: str | None = None) -> str:
    """A file's name; an e-Gov revision file ({LawId}_{YYYYMMDD}_{AmendLawId}.xml, or an API response naming its
    revision) says also what it is: 「…xml（2026-05-24 施行、令和四年法律第四十八号）」, as a LAW@DATE version does."""
    try:
        parts = parse_revision_id(path.stem) or (parse_revision_id(revision_id) if revision_id else None)
        if parts is None:
            return path.name
        act = BASE_TEXT_LABEL if parts[2] == BASE_TEXT_ID else parse_act(parts[2]).number
    except HoseiError:
        return path.name
    return f"{path.name}（{parts[1].isoformat()} 施行、{act}）"


def resolve_version(spec: str, workspace: str | None = None) -> Version:
    """FILE (XML — a bare <Law>, an API v2 response, a bulk-download file —, an API v2 JSON response, text or
    legacy HTML), LAW@DATE (in force on DATE in the workspace), REV:PATH (any git revision) or LAW (a law the
    workspace holds, as in force now)."""

    from ..core.eradate import parse_date

    if os.path.exists(spec):
        path = Path(spec)
        if path.suffix.lower() in (".xml", ".json"):
            law = Law.from_file(path)
            return Version(law, _file_label(path, (law.doc.response or {}).get("law_revision_id")))
        from ..text.parse import import_file

        result = import_file(spec)
        return Version(Law(result.document), path.name)
    if "@" in spec:
        name, _, date_text = spec.rpartition("@")
        ws = find_workspace(workspace)
        law, rev = law_as_of(ws, name, parse_date(date_text))
        act = rev.amended_by or BASE_TEXT_LABEL
        return Version(law, f"{date_text} 時点（{rev.enforced.isoformat()} 施行、{act}）")
    if ":" in spec:
        rev_name, _, path_text = spec.partition(":")
        ws = find_workspace(workspace)
        store = Store(ws.root)
        import git

        try:
            commit = str(store.repo.git.rev_parse("--verify", f"{rev_name}^{{commit}}"))
        except git.GitCommandError:
            raise HoseiError(f"unknown git revision: {rev_name}") from None
        doc = store.read_path_document(commit, path_text)
        law_id = Path(path_text).stem.split("_")[0]
        return Version(Law(doc, law_id=law_id if law_id[:3].isdigit() else None), f"{rev_name}:{path_text}")
    try:  # a law the workspace knows by id, title or short name (番号法): its text in force now, as `show` reads it
        ws = find_workspace(workspace)
        law_id = ws.resolve_law_id(spec)
    except HoseiError:
        raise HoseiError(f"no such file, and not LAW, LAW@DATE or REV:PATH: {spec}") from None
    return Version(ws.load_law(law_id), f"{spec}（現行）")
