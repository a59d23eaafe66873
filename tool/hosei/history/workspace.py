"""A hosei workspace: a folder (a git repository) whose root holds statutes/, appendix1/ and templates/.

It is found like git finds a repository: --workspace, then HOSEI_WORKSPACE, then walking up from the
current directory, then the checkout hosei itself was installed from (this repository is a workspace).
Laws are named by id (425AC0000000027), by an abbreviation or the title (番号法), or by a file path.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..core.appendix import AppendixFrame, AppendixRow, assemble, check_labels, load_appendix
from ..core.errors import HoseiError
from ..core.model import Law
from ..core.xmlio import Document, parse_file

WORKSPACE_DIRS = ("statutes", "appendix1", "templates")
_TITLE_RE = re.compile(rb"<LawTitle([^>]*)>([^<]*)</LawTitle>")
_ABBREV_RE = re.compile(rb'Abbrev="([^"]*)"')
_LAW_ID_RE = re.compile(r"^\d{3}[A-Z][0-9A-Z]{11}$")


def is_workspace(path: Path) -> bool:
    return (path / "statutes").is_dir()


def _source_checkout() -> Path | None:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if is_workspace(parent) and (parent / "tool" / "hosei").is_dir():
            return parent
    return None


def find_workspace(explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> Workspace:
    """Locate the workspace to use, or explain how to get one."""
    if explicit is not None:
        p = Path(explicit)
        if not is_workspace(p):
            raise HoseiError("not a hosei workspace (no statutes/ folder)", str(p))
        return Workspace(p.resolve())
    env = os.environ.get("HOSEI_WORKSPACE")
    if env:
        p = Path(env)
        if not is_workspace(p):
            raise HoseiError("HOSEI_WORKSPACE is not a hosei workspace (no statutes/ folder)", str(p))
        return Workspace(p.resolve())
    cur = (start or Path.cwd()).resolve()
    for candidate in (cur, *cur.parents):
        if is_workspace(candidate):
            return Workspace(candidate)
    fallback = _source_checkout()
    if fallback is not None:
        return Workspace(fallback)
    raise HoseiError("no hosei workspace here: run `hosei init DIR`, or pass --workspace DIR")


@dataclass(frozen=True)
class LawEntry:
    """A statute file in the workspace and the names it answers to."""

    law_id: str
    path: Path
    title: str
    abbreviations: tuple[str, ...]


class Workspace:
    """The statutes, Appendix 1 rows and templates of one workspace (working tree)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def statutes_dir(self) -> Path:
        return self.root / "statutes"

    @property
    def appendix_dir(self) -> Path:
        return self.root / "appendix1"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @cached_property
    def laws(self) -> dict[str, LawEntry]:
        """Every statute in statutes/, by law id (read from the file name, title from the file head)."""
        out: dict[str, LawEntry] = {}
        for path in sorted(self.statutes_dir.glob("*.xml")):
            law_id = path.stem.split("_")[0]
            head = path.read_bytes()[:8192]
            m = _TITLE_RE.search(head)
            title = m.group(2).decode("utf-8", "replace").strip() if m else ""
            abbrevs: tuple[str, ...] = ()
            if m:
                a = _ABBREV_RE.search(m.group(1))
                if a:
                    abbrevs = tuple(x for x in a.group(1).decode("utf-8", "replace").split(",") if x)
            out[law_id] = LawEntry(law_id, path, title, abbrevs)
        return out

    def resolve_law_id(self, name: str) -> str:
        """Turn an id, title or abbreviation into a law id, or list what exists."""
        if name in self.laws:
            return name
        matches = [e.law_id for e in self.laws.values() if name == e.title or name in e.abbreviations]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise HoseiError(f"ambiguous law name: {name} (matches {', '.join(matches)})")
        known = ", ".join(
            f"{e.law_id} {e.abbreviations[-1] if e.abbreviations else e.title}" for e in self.laws.values()
        )
        raise HoseiError(f"unknown law: {name} (laws in this workspace: {known or 'none'})")

    def appendix_law_id(self) -> str | None:
        """The law whose Appendix 1 is kept as rows in appendix1/, if any."""
        table = self.appendix_dir / "table.xml"
        if not table.exists():
            return None
        return AppendixFrame.from_document(parse_file(table)).law

    def load_appendix(self) -> tuple[AppendixFrame, list[AppendixRow]]:
        frame, rows = load_appendix(self.appendix_dir)
        check_labels(rows)
        return frame, rows

    def load_document(self, law_id: str, appendix: bool = True) -> Document:
        """The law as published: the statute file, with Appendix 1 assembled from its rows when kept apart (unless
        *appendix* is False: a reader of its articles only skips reading a file per row)."""
        entry = self.laws.get(law_id)
        if entry is None:
            raise HoseiError(f"unknown law: {law_id}")
        doc = parse_file(entry.path)
        if appendix and self.appendix_law_id() == law_id:
            frame, rows = self.load_appendix()
            doc = assemble(doc, frame, rows)
        return doc

    def load_law(self, name: str, appendix: bool = True) -> Law:
        law_id = self.resolve_law_id(name)
        return Law(self.load_document(law_id, appendix), law_id=law_id)


def looks_like_path(name: str) -> bool:
    return name.endswith(".xml") or os.sep in name or "/" in name


def open_law(name: str, workspace: str | None = None, appendix: bool = True) -> Law:
    """A law by file path, or by id/title/abbreviation in the workspace (*appendix* False: without assembling
    Appendix 1 from its rows, for a reader of the articles only)."""
    if looks_like_path(name) or (Path(name).is_file() and not _LAW_ID_RE.match(name)):
        return Law.from_file(name)
    return find_workspace(workspace).load_law(name, appendix)
