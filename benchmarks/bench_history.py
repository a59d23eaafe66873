"""History benchmark: as-of lookups and logs on the 21 意匠法 revisions and on a generated 500-revision
workspace, next to a bare `git show REV:PATH` + lxml parse measured in the same run.

Run: python benchmarks/run.py history
"""

from __future__ import annotations

import datetime as dt
import random
import re
import subprocess
import tempfile
from pathlib import Path

from lxml import etree

from hosei.history import store as store_module
from hosei.history.revision import AmendingAct, RevisionInfo
from hosei.history.store import Store, commit_message
from hosei.history.versions import init_workspace, law_log, prepare_egov, record
from hosei.history.workspace import Workspace

from common import ROOT, Result, median_time

ISHO = sorted((ROOT / "tests/data/egov/laws/334AC0000000125").glob("*.xml"))
GYOSEI = ROOT / "tests/data/egov/laws/405AC0000000088/405AC0000000088_20240401_504AC0100000052.xml"


def _workspace(path: Path) -> Path:
    init_workspace(path, bundled=False)
    return path


def isho_workspace(base: Path) -> Path:
    ws = _workspace(base / "isho")
    record(Workspace(ws), prepare_egov(ISHO))
    return ws


def generated_workspace(base: Path, count: int) -> Path:
    """*count* revisions of 行政手続法, one wording change each, recorded through hosei's store."""
    ws = _workspace(base / f"gen{count}")
    store = Store(ws)
    data = GYOSEI.read_text(encoding="utf-8")
    start = dt.date(2000, 1, 1)
    for i in range(count):
        text = re.sub(r"この法律は、", f"この法律は、（改正{i}）", data, count=1)
        info = RevisionInfo(
            "405AC0000000088",
            start + dt.timedelta(days=30 * i),
            AmendingAct(f"5{i % 99 + 1:02d}AC{i + 1:010d}", f"第{i}号"),
        )
        store.commit_files(
            {"statutes/405AC0000000088.xml": text.encode("utf-8")}, commit_message(info, "行政手続法")
        )
    return ws


def lookup(ws: Path, law_id: str, date: dt.date) -> int:
    """An as-of lookup as a new process does it: revision index (cached on disk), blob, parse."""
    store_module._read_document_cached.cache_clear()
    store = Store(ws)
    rev = store.revision_at(law_id, date)
    return len(store.read_document(law_id, rev.commit).root)


def git_show_parse(ws: Path, rev: str, path: str) -> int:
    data = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=ws, capture_output=True, check=True).stdout
    return len(etree.fromstring(data))


def run(repeat: int) -> list[Result]:
    results = []
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        cases = [
            ("21 revisions (意匠法)", isho_workspace(base), "334AC0000000125"),
            ("500 revisions (generated)", generated_workspace(base, 500), "405AC0000000088"),
        ]
        lookups = {}
        for label, ws, law_id in cases:
            revs = Store(ws).revisions(law_id)
            Store(ws).all_revisions()  # warm the on-disk index
            dates = [rng.choice(revs).enforced + dt.timedelta(days=rng.randint(0, 20)) for _ in range(repeat)]
            it = iter(dates * 3)
            t_lookup = median_time(lambda: lookup(ws, law_id, next(it)), repeat)
            mid = revs[len(revs) // 2].commit
            t_base = median_time(lambda: git_show_parse(ws, mid, f"statutes/{law_id}.xml"), repeat)
            results.append(
                Result(f"as-of lookup, {label}", t_lookup, "git show REV:PATH + parse", t_base, goal=2.0)
            )
            lookups[label] = t_lookup
            t_log = median_time(lambda: Store(ws).revisions(law_id), repeat)
            results.append(
                Result(f"log (revision list), {label}", t_log, "git show REV:PATH + parse", t_base)
            )
            if len(revs) < 100:
                t_plog = median_time(
                    lambda: law_log(Workspace(ws), law_id, "第六十九条"), max(3, repeat // 5)
                )
                results.append(
                    Result(
                        f"log 第六十九条 (reads every revision), {label}",
                        t_plog,
                        "git show REV:PATH + parse",
                        t_base,
                    )
                )
        small, large = lookups.values()
        results.append(Result("as-of lookup growth 500 vs 21 revisions", large, "21-revision lookup", small))
    return results
