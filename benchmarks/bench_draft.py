"""Drafting benchmark: `hosei draft --all` (1,788 bodies, --jobs 2, whole process) next to rendering and
validating one draft 1,788 times in a loop in this process (measured in the same run).

Run: python benchmarks/run.py draft
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from hosei.drafting.draft import Drafter, DraftOptions
from hosei.drafting.roster import load_roster
from hosei.history.versions import law_as_of
from hosei.history.workspace import Workspace

from common import ROOT, Result, median_time


def run(repeat: int) -> list[Result]:
    ws = Workspace(ROOT)
    date = dt.date(2026, 11, 29)
    act, _ = law_as_of(ws, "425AC0000000027", date)
    tdir = ROOT / "templates" / "article9-2"
    drafter = Drafter(tdir, act, date)
    options = DraftOptions.from_file(tdir / "options.json", {})
    bodies = load_roster(ROOT / "templates" / "roster" / "local_governments.csv")
    one = bodies[160]

    def loop() -> None:
        for _ in range(len(bodies)):
            drafter.render(one, options)

    n = max(3, repeat // 5)
    base = median_time(loop, n)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            sys.executable,
            "-m",
            "hosei",
            "draft",
            "--all",
            "--out",
            str(Path(tmp) / "out"),
            "--jobs",
            "2",
            "--as-of",
            date.isoformat(),
            "-w",
            str(ROOT),
        ]
        batch = median_time(lambda: subprocess.run(cmd, check=True, capture_output=True), n)
    return [
        Result(
            "draft --all, 1,788 bodies, --jobs 2 (process)",
            batch,
            "render + validate one draft ×1,788",
            base,
            absolute_goal=30.0,
        ),
        Result(
            f"drafts per second: {len(bodies) / batch:.0f}", batch, "render + validate one draft ×1,788", base
        ),
    ]
