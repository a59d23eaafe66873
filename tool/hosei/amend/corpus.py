"""The corpus sweep: every consecutive pair of e-Gov revisions of each law, diffed, written as 改め文, applied back.

The measure of the amendment code is real history, not examples: for each pair the generator writes the
sentences (it refuses what it cannot write), then the sweep applies them to the old text itself and compares with
the new one — independently of the generator's own self-check — by :func:`hosei.text.comparable.comparable` (what the law says, without
e-Gov's notation of omitted ranges and 抄 marks, which no act amends). Each pair is *exact*, *refused* (a known gap, with its reason), *wrong* (a defect: the sentences were
printed but do not give the new text, or do not read as operations for `amend --explain`) or *crash* (a defect: an exception that is not a clean refusal); a pair with a
file that cannot be read as e-Gov law XML is *unreadable* (bad input, with its file and line).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..core.errors import HoseiError
from ..core.numerals import KANJI_NUMERALS
from ..history.revision import parse_revision_id

STATUSES = ("exact", "refused", "wrong", "crash", "unreadable")
#: statuses that make the sweep fail: defects of the tool, and input it could not read
FAILING = ("wrong", "crash", "unreadable")


@dataclass(frozen=True)
class Revision:
    """One revision file, ordered by enforcement date, then by the amending act (its id orders by era, year)."""

    path: Path
    law_id: str
    enforced: dt.date
    act_id: str

    @property
    def name(self) -> str:
        return self.path.stem


@dataclass
class PairResult:
    law_id: str
    old: str
    new: str
    status: str
    reason: str = ""
    sentences: int = 0
    seconds: float = 0.0
    detail: str = field(default="", repr=False)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        if not self.detail:
            data.pop("detail")
        return data


def find_revisions(paths: Iterable[str | os.PathLike[str]]) -> dict[str, list[Revision]]:
    """The revision files under *paths* (files, or folders searched recursively — the bulk download's
    ``<revision id>/<revision id>.xml`` layout included), by law id, each law's in enforcement order. A file whose
    name is not an e-Gov revision id is an error: its place in the history would be a guess."""
    found: dict[str, dict[str, Revision]] = {}
    for raw in paths:
        root = Path(raw)
        if not root.exists():
            raise HoseiError(f"no such file or folder: {root}")
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*.xml") if p.is_file())
        for path in files:
            parsed = parse_revision_id(path.stem)
            if parsed is None:
                raise HoseiError(
                    "not named by an e-Gov revision id (<law id>_<YYYYMMDD>_<act id>.xml), so its place in the "
                    "history is unknown",
                    str(path),
                )
            law_id, enforced, act_id = parsed
            found.setdefault(law_id, {}).setdefault(path.stem, Revision(path, law_id, enforced, act_id))
    return {
        law: sorted(revs.values(), key=lambda r: (r.enforced, r.act_id != "0" * 15, r.act_id))
        for law, revs in sorted(found.items())
    }


def consecutive_pairs(revisions: dict[str, list[Revision]]) -> list[tuple[Revision, Revision]]:
    return [pair for revs in revisions.values() for pair in zip(revs, revs[1:], strict=False)]


def check_pair(old: Revision, new: Revision) -> PairResult:
    """Diff, generate, apply back, compare — one pair, never raising."""
    from ..compare.diff import diff_laws
    from ..core.model import Law
    from ..text.comparable import comparable
    from .apply import amend
    from .generate import generate
    from .reading import explain

    result = PairResult(old.law_id, old.name, new.name, "exact")
    started = time.perf_counter()
    try:
        before, after = Law.from_file(old.path), Law.from_file(new.path)
    except HoseiError as exc:  # bad input, not a gap of the generator: reported with its file and line
        result.status, result.reason = "unreadable", str(exc)
        result.seconds = time.perf_counter() - started
        return result
    try:
        text = generate(diff_laws(before, after))
        result.sentences = sum(1 for line in text.splitlines() if line.startswith("　　") and line.strip())
        amended, _ = amend(before, text)
        if comparable(amended.root) != comparable(after.root):
            result.status, result.reason = "wrong", "the applied sentences do not give the new text"
        else:
            try:  # what the generator writes, `amend --explain` must read: one grammar, not two that drift
                explain(text)
            except HoseiError as exc:
                result.status, result.reason = (
                    "wrong",
                    f"the sentences do not read as operations: {exc.message}",
                )
    except HoseiError as exc:
        result.status, result.reason = "refused", exc.message
    except Exception as exc:  # a defect to report, not to hide: the sweep goes on with the next pair
        result.status, result.reason = "crash", f"{type(exc).__name__}: {exc}"
        result.detail = traceback.format_exc(limit=-6)
    result.seconds = time.perf_counter() - started
    return result


def _check(pair: tuple[Revision, Revision]) -> PairResult:
    return check_pair(*pair)


def sweep(
    pairs: Sequence[tuple[Revision, Revision]],
    jobs: int = 1,
    progress: Callable[[PairResult], None] | None = None,
) -> list[PairResult]:
    """Check every pair (in *jobs* processes); results in the order of *pairs*."""

    def collect(checked: Iterable[PairResult]) -> list[PairResult]:
        results = []
        for res in checked:
            results.append(res)
            if progress:
                progress(res)
        return results

    if jobs <= 1 or len(pairs) < 2:
        return collect(map(_check, pairs))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return collect(pool.map(_check, pairs, chunksize=1))


_QUOTED = re.compile(r"「[^「」]*(?:「[^「」]*」[^「」]*)*」")


def reason_kind(reason: str) -> str:
    """A refusal's reason without what is particular to the pair (quotations, the sentence it was in, numbers):
    refusals of one kind group together in the report."""
    head = reason.split(" — in ")[0]
    head = re.sub(r"new text of .*?: ", "new text of …: ", head)
    head = _QUOTED.sub("「…」", head)
    head = re.sub(r"\((?:<amendment>|[^()]*\.xml):\d+\)", "", head)
    head = re.sub(r"[（(][^（）()]*[）)]", "", head)
    head = re.sub(rf"第[{KANJI_NUMERALS}]+[条項号]\S*|\d+", "N", head)
    return re.sub(r"\s+", " ", head).strip()


def summary(results: Sequence[PairResult]) -> dict[str, object]:
    counts = Counter(r.status for r in results)
    total = len(results)
    by_reason = Counter(reason_kind(r.reason) for r in results if r.status == "refused")
    return {
        "pairs": total,
        **{status: counts.get(status, 0) for status in STATUSES},
        "exact_share": round(counts.get("exact", 0) / total, 4) if total else 0.0,
        "refused_by_reason": [{"reason": k, "pairs": v} for k, v in by_reason.most_common()],
        "seconds": round(sum(r.seconds for r in results), 2),
    }


def report_text(results: Sequence[PairResult]) -> str:
    """A table a person reads: one line per pair, then the counts and the refusals by reason."""
    lines = [f"{'status':<10} {'law':<16} {'new revision':<44} {'s':>6}  reason"]
    for r in results:
        lines.append(f"{r.status:<10} {r.law_id:<16} {r.new:<44} {r.seconds:6.2f}  {r.reason[:120]}")
    s = summary(results)
    lines.append("")
    lines.append(
        f"{s['pairs']} pairs: {s['exact']} exact ({float(s['exact_share']):.1%}), {s['refused']} refused, "  # type: ignore[arg-type]
        f"{s['wrong']} wrong, {s['crash']} crash"
        + (f", {s['unreadable']} unreadable" if s["unreadable"] else "")
        + f" — {s['seconds']} s of work"
    )
    reasons = s["refused_by_reason"]
    assert isinstance(reasons, list)
    if reasons:
        lines.append("refused, by reason:")
        lines += [f"  {item['pairs']:>3}  {item['reason']}" for item in reasons]
    return "\n".join(lines) + "\n"


__all__ = [
    "FAILING",
    "PairResult",
    "Revision",
    "check_pair",
    "consecutive_pairs",
    "find_revisions",
    "reason_kind",
    "report_text",
    "summary",
    "sweep",
]
