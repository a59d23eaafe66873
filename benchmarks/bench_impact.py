"""Impact benchmark: `hosei impact 番号法 --from 2016-01-01 --to 2026-01-01 --allow-gaps` over 2,000 synthetic ordinances with
`--draft` (every consequential amendment drafted, applied back, and its comparison table written), as a whole
process, next to importing the same 2,000 ordinance texts in this process (the floor any citation analysis pays).

Run: python benchmarks/run.py impact
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from hosei.analysis.impact import load_ordinance_law

from common import ROOT, Result, median_time, synth_corpus


def run(repeat: int) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        files = synth_corpus(corpus, 2000, seed=1)

        def import_all() -> None:
            for path in files:
                load_ordinance_law(path)

        n = max(3, repeat // 5)
        base = median_time(import_all, n)
        cmd = [
            sys.executable,
            "-m",
            "hosei",
            "impact",
            "番号法",
            "--from",
            "2016-01-01",
            "--to",
            "2026-01-01",
            "--allow-gaps",  # the bundled history holds the 2015 and 2025 texts only (see README)
        ]
        cmd += [
            str(corpus),
            "--draft",
            str(Path(tmp) / "drafts"),
            "--format",
            "json",
            "-o",
            str(Path(tmp) / "r"),
        ]
        cmd += ["-w", str(ROOT)]
        whole = median_time(lambda: subprocess.run(cmd, check=True, capture_output=True), n, warmup=0)
    return [
        Result(
            "impact 2015→2025, 2,000 ordinances, with drafts (process)",
            whole,
            "text import of the 2,000 ordinances",
            base,
            absolute_goal=30.0,
        )
    ]
