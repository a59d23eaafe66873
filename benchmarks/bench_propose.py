"""Proposal benchmark: `hosei appendix propose --from REPORT` over 2,000 synthetic ordinances (every candidate's
Act row worded, placed, the Act's 改め文 generated and applied back, the branch recorded, and each listing
ordinance's follow-up drafted and applied back), as a whole process, next to the `hosei divergence` run that
wrote the report (the analysis a proposal starts from).

Run: python benchmarks/run.py propose
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from common import Result, median_time, synth_corpus


def run(repeat: int) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        hosei = [sys.executable, "-m", "hosei"]
        subprocess.run([*hosei, "init", str(ws)], check=True, capture_output=True)
        corpus = Path(tmp) / "corpus"
        synth_corpus(corpus, 2000, seed=1)
        report = Path(tmp) / "report.json"
        divergence = [*hosei, "divergence", str(corpus), "--jobs", "2", "--format", "json", "-o", str(report)]
        n = max(3, repeat // 5)
        base = median_time(
            lambda: subprocess.run([*divergence, "-w", str(ws)], check=True, capture_output=True), n
        )
        branches = itertools.count()
        last: dict[str, object] = {}

        def propose() -> None:
            k = next(branches)
            out = subprocess.run(
                [*hosei, "appendix", "propose", "--from", str(report), "-o", str(Path(tmp) / f"p{k}")]
                + ["--branch", f"bench/{k}", "--format", "json", "--jobs", "2", "-w", str(ws)],
                check=True,
                capture_output=True,
            ).stdout
            last.update(json.loads(out))

        took = median_time(propose, n)
        drafted = last["follow_ups"]["drafted"]  # type: ignore[index]
        rows = len(last["rows"])  # type: ignore[arg-type]
    return [
        Result(
            f"appendix propose --jobs 2, 2,000 ordinances ({rows} rows; {drafted} follow-ups drafted, applied back) (process)",
            took,
            "divergence --jobs 2 writing the report",
            base,
            absolute_goal=30.0,
        )
    ]
