"""Git as the store of revisions: one commit per revision of one law, with structured trailers.

Reading never checks anything out: blobs are read from commits through GitPython's object database,
revision lists are kept in a small index under .git/hosei/ (extended incrementally as HEAD moves), and
parsed revisions are cached in the process. Recording takes a lock, refuses a dirty workspace or a
detached HEAD, commits each revision whole, and on any failure puts the working tree back as it was.
History is only ever appended to.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import fcntl
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.errors import HoseiError
from ..core.xmlio import Document, parse_bytes
from .revision import BASE_TEXT_LABEL, RevisionInfo

TRAILER_KEYS = ("Law-Id", "Enforced", "Amended-By", "Promulgated", "Source")
INDEX_VERSION = 2
LOCK_TIMEOUT = 30.0


@dataclass(frozen=True)
class Revision:
    """A revision commit as recorded in its trailers."""

    commit: str
    law_id: str
    enforced: dt.date
    amended_by: str | None  # 令和三年法律第三十七号; None for the base text
    amended_by_id: str | None  # 503AC0000000037
    promulgated: dt.date | None
    source: str | None
    seq: int  # recording order: later recordings win on the same enforcement date
    restore: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "law_id": self.law_id,
            "enforced": self.enforced.isoformat(),
            "amended_by": self.amended_by,
            "amended_by_id": self.amended_by_id,
            "promulgated": self.promulgated.isoformat() if self.promulgated else None,
            "source": self.source,
        }


def commit_message(info: RevisionInfo, title: str) -> str:
    """A message that reads well in plain `git log`, with the trailers hosei reads back."""
    what = f"{info.amended_by.number}による改正" if info.amended_by else f"{BASE_TEXT_LABEL} (base text)"
    lines = [f"{title}: {what}, 施行 {info.enforced.isoformat()}", ""]
    lines.append(f"Law-Id: {info.law_id}")
    lines.append(f"Enforced: {info.enforced.isoformat()}")
    if info.amended_by:
        lines.append(f"Amended-By: {info.amended_by.number} ({info.amended_by.act_id})")
    else:
        lines.append("Amended-By: base")
    if info.promulgated:
        lines.append(f"Promulgated: {info.promulgated.isoformat()}")
    if info.source:
        lines.append(f"Source: {info.source}")
    return "\n".join(lines) + "\n"


def parse_trailers(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(": ")
        if sep and key in (*TRAILER_KEYS, "Hosei-Restore"):
            out[key] = value.strip()
    return out


def _revision_from(commit: str, trailers: dict[str, str], seq: int) -> Revision | None:
    if "Law-Id" not in trailers or "Enforced" not in trailers:
        return None
    try:
        enforced = dt.date.fromisoformat(trailers["Enforced"])
        promulgated = dt.date.fromisoformat(trailers["Promulgated"]) if trailers.get("Promulgated") else None
    except ValueError:
        return None
    amended = trailers.get("Amended-By", "")
    number: str | None = None
    act_id: str | None = None
    if amended and amended != "base":
        number, _, rest = amended.partition(" (")
        act_id = rest.rstrip(")") or None
    return Revision(
        commit,
        trailers["Law-Id"],
        enforced,
        number,
        act_id,
        promulgated,
        trailers.get("Source"),
        seq,
        restore="Hosei-Restore" in trailers,
    )


class Store:
    """The revision history of a workspace's git repository."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._repo: Any = None
        self._raw: list[list[Any]] | None = None

    # --- git access -----------------------------------------------------------------------------
    @property
    def repo(self) -> Any:
        if self._repo is None:
            import git

            try:
                self._repo = git.Repo(self.root)
            except (git.InvalidGitRepositoryError, git.NoSuchPathError):
                raise HoseiError(
                    "the workspace is not a git repository (run `hosei init DIR`)", str(self.root)
                ) from None
        return self._repo

    def head_commit(self) -> str | None:
        """HEAD's commit id, read from the refs alone (no object lookup)."""
        from git.refs.symbolic import SymbolicReference

        try:
            return str(SymbolicReference.dereference_recursive(self.repo, "HEAD"))
        except ValueError:  # no commits yet
            return None

    @property
    def _index_path(self) -> Path:
        return Path(self.repo.git_dir) / "hosei" / "revisions.json"

    # --- the revision index ---------------------------------------------------------------------
    def _scan(self, rev_range: str | None, start_seq: int) -> list[Revision]:
        args = ["--reverse", "--format=%H%x1f%(trailers:only=true,unfold=true)%x1e"]
        if rev_range:
            args.append(rev_range)
        out = self.repo.git.log(*args)
        revisions = []
        seq = start_seq
        for record in out.split("\x1e"):
            record = record.strip("\n")
            if not record:
                continue
            sha, _, trailers = record.partition("\x1f")
            rev = _revision_from(sha.strip(), parse_trailers(trailers), seq)
            seq += 1
            if rev is not None:
                revisions.append(rev)
        return revisions

    def _load_index(self) -> list[list[Any]]:
        """Raw index rows (see :func:`_revision_to_row`), from .git/hosei/revisions.json when it is current."""
        head = self.head_commit()
        if head is None:
            return []
        path = self._index_path
        cached: dict[str, Any] | None = None
        if path.exists():
            try:
                cached = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                cached = None
        usable = bool(cached) and cached is not None and cached.get("version") == INDEX_VERSION
        if usable and cached is not None and cached.get("head") == head:
            rows: list[list[Any]] = cached["rows"]
            return rows
        if usable and cached is not None and self._is_ancestor(cached.get("head", ""), head):
            rows = cached["rows"]
            start_seq = int(cached.get("next_seq", 0))
            rows += [_revision_to_row(r) for r in self._scan(f"{cached['head']}..{head}", start_seq)]
            next_seq = start_seq + int(self.repo.git.rev_list("--count", f"{cached['head']}..{head}"))
        else:
            rows = [_revision_to_row(r) for r in self._scan(None, 0)]
            next_seq = int(self.repo.git.rev_list("--count", head))
        self._write_index(head, rows, next_seq)
        return rows

    def _is_ancestor(self, old: str, new: str) -> bool:
        if not old:
            return False
        import git

        try:
            self.repo.git.merge_base("--is-ancestor", old, new)
            return True
        except git.GitCommandError:
            return False

    def _write_index(self, head: str, rows: list[list[Any]], next_seq: int) -> None:
        from ..core.xmlio import write_atomic

        data = {"version": INDEX_VERSION, "head": head, "next_seq": next_seq, "rows": rows}
        with contextlib.suppress(OSError):
            write_atomic(self._index_path, json.dumps(data, ensure_ascii=False).encode())

    def _rows(self) -> list[list[Any]]:
        if self._raw is None:
            self._raw = self._load_index()
        return self._raw

    def all_revisions(self) -> list[Revision]:
        return [_revision_from_row(r) for r in self._rows()]

    def revisions(self, law_id: str) -> list[Revision]:
        """The revisions of one law in force order: by enforcement date, then recording order."""
        return [_revision_from_row(r) for r in self._law_rows(law_id)]

    def _law_rows(self, law_id: str) -> list[list[Any]]:
        rows = [r for r in self._rows() if r[1] == law_id and not r[8]]
        rows.sort(key=lambda r: (r[2], r[7]))  # ISO dates sort as strings
        return rows

    def revision_at(self, law_id: str, date: dt.date) -> Revision:
        """The revision in force on *date* (the latest one enforced on or before it); O(log n) once indexed."""
        rows = self._law_rows(law_id)
        if not rows:
            raise HoseiError(
                f"no recorded revisions of {law_id} in this workspace (import some with `hosei import egov`)"
            )
        i = bisect.bisect_right([r[2] for r in rows], date.isoformat())
        if i == 0:
            raise HoseiError(
                f"{law_id} has no revision in force on {date.isoformat()} (the first recorded one is in force from {rows[0][2]})"
            )
        return _revision_from_row(rows[i - 1])

    # --- reading revisions ----------------------------------------------------------------------
    def read_blob(self, commit: str, path: str) -> bytes | None:
        """One round trip to git's persistent `cat-file --batch` process, by `commit:path`."""
        try:
            _sha, kind, _size, data = self.repo.git.get_object_data(f"{commit}:{path}")
        except ValueError:  # git answers "missing"
            return None
        return bytes(data) if kind == b"blob" or kind == "blob" else None

    def read_tree_blobs(self, commit: str, folder: str) -> list[tuple[str, bytes]]:
        tree = self.repo.commit(commit).tree
        try:
            sub = tree / folder
        except KeyError:
            return []
        return [
            (f"{folder}/{b.name}", bytes(b.data_stream.read())) for b in sub.blobs if b.name.endswith(".xml")
        ]

    def read_document(self, law_id: str, commit: str) -> Document:
        return _read_document_cached(self, law_id, commit)

    def read_path_document(self, commit: str, path: str) -> Document:
        """Any XML file at a commit; a statute whose Appendix 1 is kept as rows comes back assembled."""
        data = self.read_blob(commit, path)
        if data is None:
            raise HoseiError(f"no file {path} in revision {commit[:10]}")
        stem = Path(path).stem
        if path.startswith("statutes/") and stem[:3].isdigit():
            return self.read_document(stem, commit)
        return parse_bytes(data, f"{commit[:10]}:{path}")

    def read_appendix(self, commit: str) -> tuple[Any, list[Any]] | None:
        """Appendix 1 frame and rows at *commit*, or None when the commit has none."""
        from ..core.appendix import load_appendix_from_bytes

        table = self.read_blob(commit, "appendix1/table.xml")
        if table is None:
            return None
        return load_appendix_from_bytes(table, self.read_tree_blobs(commit, "appendix1/rows"))

    # --- recording ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """An exclusive lock on recording, so two hosei processes cannot interleave commits."""
        path = Path(self.repo.git_dir) / "hosei.lock"
        fh = open(path, "a+")  # noqa: SIM115 - held for the duration of the context
        deadline = time.monotonic() + LOCK_TIMEOUT
        try:
            while True:
                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise HoseiError(
                            "another hosei process is recording in this workspace", str(path)
                        ) from None
                    time.sleep(0.05)
            yield
        finally:
            with contextlib.suppress(OSError):
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
            fh.close()

    def check_recordable(self) -> None:
        """Refuse a detached HEAD or uncommitted changes: recording must never mix with other work (what a killed
        recording left behind is undone first: see :meth:`recover_interrupted`)."""
        repo = self.repo
        self.recover_interrupted()
        if repo.head.is_detached:
            raise HoseiError(
                "HEAD is detached: check out a branch before recording revisions", str(self.root)
            )
        if self.head_commit() is None:
            return
        if repo.is_dirty(index=True, working_tree=True, untracked_files=False):
            raise HoseiError(
                "the workspace has uncommitted changes: commit or stash them first", str(self.root)
            )
        untracked = [
            p for p in repo.untracked_files if p.split("/", 1)[0] in ("statutes", "appendix1", "templates")
        ]
        if untracked:
            raise HoseiError(
                f"the workspace has untracked files ({untracked[0]}): commit or remove them first",
                str(self.root),
            )

    def commit_files(self, changes: dict[str, bytes | None], message: str, allow_empty: bool = True) -> str:
        """Write *changes* (None deletes) and commit them as one commit; on failure restore HEAD's state."""

        from ..core.xmlio import write_atomic

        repo = self.repo
        created: list[Path] = []
        self._mark_recording(sorted(changes))
        try:
            added: list[str] = []
            removed: list[str] = []
            for rel, data in sorted(changes.items()):
                path = self.root / rel
                if data is None:
                    if path.exists():
                        path.unlink()
                        removed.append(rel)
                    continue
                if not path.exists():
                    created.append(path)
                elif path.read_bytes() == data:
                    continue
                write_atomic(path, data)
                added.append(rel)
            if added:
                repo.index.add(added)
            if removed:
                repo.index.remove(removed)
            if not (added or removed) and not allow_empty:
                raise HoseiError("nothing to record")
            actor = _actor(repo)
            commit = repo.index.commit(message, author=actor, committer=actor)
            self._recording_marker.unlink(missing_ok=True)
            return str(commit.hexsha)
        except BaseException:
            self._restore(created)
            self._recording_marker.unlink(missing_ok=True)
            raise

    def commit_to_new_branch(
        self, branch: str, changes: dict[str, bytes | None], message: str, base: str = "HEAD"
    ) -> str:
        """Commit *changes* (None deletes) on top of *base* as the first commit of a new *branch*.

        A proposal must never land on the branch a drafter works on, nor touch their working tree: the commit is
        built from git objects alone (a private index file, ``write-tree``, ``commit-tree``) and the branch is
        created only if it does not exist yet (``update-ref`` with an empty old value), so nothing is overwritten.
        """
        import io
        import tempfile

        import git
        from gitdb import IStream  # type: ignore[import-untyped]

        repo = self.repo
        self.check_new_branch(branch)
        parent = self.read_ref(base)
        if parent is None:
            raise HoseiError(f"no revision {base} to propose against")
        fd, index = tempfile.mkstemp(prefix="hosei-index-", dir=repo.git_dir)
        os.close(fd)
        env = {"GIT_INDEX_FILE": index}
        try:
            repo.git.read_tree(parent, env=env)
            for rel, data in sorted(changes.items()):
                if data is None:
                    repo.git.update_index("--force-remove", "--", rel, env=env)
                    continue
                stored = repo.odb.store(IStream(git.Blob.type, len(data), io.BytesIO(data)))
                sha = stored.hexsha.decode() if isinstance(stored.hexsha, bytes) else str(stored.hexsha)
                repo.git.update_index("--add", "--cacheinfo", f"100644,{sha},{rel}", env=env)
            tree = repo.git.write_tree(env=env)
        finally:
            Path(index).unlink(missing_ok=True)
        actor = _actor(repo)
        ident = {
            "GIT_AUTHOR_NAME": actor.name,
            "GIT_AUTHOR_EMAIL": actor.email,
            "GIT_COMMITTER_NAME": actor.name,
            "GIT_COMMITTER_EMAIL": actor.email,
        }
        commit = str(repo.git.commit_tree(tree, "-p", parent, "-m", message, env=ident))
        try:
            repo.git.update_ref(f"refs/heads/{branch}", commit, "", "-m", "hosei: proposal")
        except git.GitCommandError:  # made by someone else in the meantime: theirs stands
            raise HoseiError(f"branch {branch} exists already: name another with --branch") from None
        return commit

    def check_new_branch(self, branch: str) -> None:
        """Refuse a name git would not take as a branch, or a branch that exists."""
        import git

        try:
            self.repo.git.check_ref_format("--branch", branch)
        except git.GitCommandError:
            raise HoseiError(f"not a valid branch name: {branch}") from None
        if self.read_ref(f"refs/heads/{branch}") is not None:
            raise HoseiError(f"branch {branch} exists already: name another with --branch")

    def read_ref(self, ref: str) -> str | None:
        """The commit *ref* names, or None."""
        import git

        try:
            return str(self.repo.git.rev_parse("--verify", "--quiet", f"{ref}^{{commit}}"))
        except git.GitCommandError:
            return None

    @property
    def _recording_marker(self) -> Path:
        """Written before a revision's files are, removed once they are committed: if it is there when recording
        starts, a recording was killed half-way (the working tree holds part of a revision nobody committed)."""
        return Path(self.repo.git_dir) / "hosei" / "recording.json"

    def _mark_recording(self, paths: list[str]) -> None:
        from ..core.xmlio import write_atomic

        marker = self._recording_marker
        marker.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(marker, json.dumps({"head": self.head_commit(), "paths": paths}).encode())

    def recover_interrupted(self) -> str | None:
        """Undo what a killed recording left behind: the files it was writing are put back as HEAD has them (a
        revision is whole or absent — never half-recorded); a note saying so, or None when nothing was left."""
        marker = self._recording_marker
        if not marker.exists():
            return None
        try:
            state = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {"head": None, "paths": []}
        head = self.head_commit()
        if state.get("head") != head:
            marker.unlink(missing_ok=True)  # the commit was made; only the marker was left
            return None
        paths = [p for p in state.get("paths", []) if isinstance(p, str)]
        for rel in paths:
            path = self.root / rel
            if head is not None and self.read_blob(head, rel) is not None:
                self.repo.git.checkout("HEAD", "--", rel)
            elif path.exists() and not self._tracked(path):
                path.unlink()
            elif self._tracked(path):
                self.repo.git.rm("--cached", "--quiet", "--", rel)
                path.unlink(missing_ok=True)
        marker.unlink(missing_ok=True)
        return f"a recording was interrupted; the {len(paths)} files it was writing are as the last revision has them"

    def _restore(self, created: list[Path]) -> None:
        """Put the working tree and index back to HEAD (safe: recording starts only from a clean tree)."""
        with contextlib.suppress(Exception):
            if self.head_commit() is not None:
                self.repo.git.reset("--hard", "HEAD")
            else:
                self.repo.git.rm("-r", "--cached", "--quiet", "--ignore-unmatch", ".")
        for path in created:
            with contextlib.suppress(OSError):
                if path.exists() and not self._tracked(path):
                    path.unlink()

    def _tracked(self, path: Path) -> bool:
        rel = path.relative_to(self.root).as_posix()
        try:
            self.repo.git.ls_files("--error-unmatch", rel)
            return True
        except Exception:
            return False

    def invalidate(self) -> None:
        self._raw = None


def _actor(repo: Any) -> Any:
    from git import Actor

    reader = repo.config_reader()
    name = reader.get_value("user", "name", default="") if reader.has_section("user") else ""
    email = reader.get_value("user", "email", default="") if reader.has_section("user") else ""
    name = os.environ.get("GIT_AUTHOR_NAME") or name or "hosei"
    email = os.environ.get("GIT_AUTHOR_EMAIL") or email or "hosei@localhost"
    return Actor(str(name), str(email))


def _revision_to_row(r: Revision) -> list[Any]:
    """A compact index row: commit, law, enforced, amended_by, amended_by_id, promulgated, source, seq, restore."""
    return [
        r.commit,
        r.law_id,
        r.enforced.isoformat(),
        r.amended_by,
        r.amended_by_id,
        r.promulgated.isoformat() if r.promulgated else None,
        r.source,
        r.seq,
        r.restore,
    ]


def _revision_from_row(row: list[Any]) -> Revision:
    return Revision(
        row[0],
        row[1],
        dt.date.fromisoformat(row[2]),
        row[3],
        row[4],
        dt.date.fromisoformat(row[5]) if row[5] else None,
        row[6],
        int(row[7]),
        bool(row[8]),
    )


@lru_cache(maxsize=64)
def _read_document_cached(store: Store, law_id: str, commit: str) -> Document:
    from ..core.appendix import MY_NUMBER_ACT, assemble
    from ..core.xmlio import Document as _Doc

    rel = f"statutes/{law_id}.xml"
    data = store.read_blob(commit, rel)
    if data is None:
        raise HoseiError(f"{law_id} is not in revision {commit[:10]}")
    doc = parse_bytes(data, f"{commit[:10]}:{rel}")
    appendix = store.read_appendix(commit) if law_id == MY_NUMBER_ACT else None
    if appendix is not None and appendix[0].law == law_id:
        frame, rows = appendix
        doc = assemble(doc, frame, rows)
    assert isinstance(doc, _Doc)
    return doc
