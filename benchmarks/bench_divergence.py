"""Divergence benchmark: 1,000 and 2,000 synthetic ordinances, `hosei divergence --jobs 2` as a whole process,
median wall time, the ratio between them (linear scaling keeps it near 2), and peak memory (max RSS of the run);
then the cost of the analysis itself: CPU time (user + system) of `hosei divergence --jobs 1` on the 2,000 files
against a plain `import text` of the same files in one process, measured in the same run (goal ≤ 2×).

Run: python benchmarks/run.py divergence
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, Result, median_time, synth_corpus


def _child_usage(cmd: list[str]) -> tuple[int, float]:
    """Max RSS (kB) and user + system CPU seconds of one run of *cmd* and its workers, read in a fresh probe
    process (so earlier suites do not count)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(u.ru_maxrss, u.ru_utime + u.ru_stime)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True, text=True)
    rss, cpu = out.stdout.split()
    return int(rss), float(cpu)


def _peak_rss_kb(cmd: list[str]) -> int:
    return _child_usage(cmd)[0]


def _cpu_seconds(cmd: list[str]) -> float:
    return _child_usage(cmd)[1]


_IMPORT_ALL = (
    "import sys; from pathlib import Path; from hosei.text.parse import import_file\n"
    "for p in sorted(Path(sys.argv[1]).glob('*.txt')): import_file(str(p), law_type='ordinance')"
)


def _median_cpu(cmd: list[str], repeat: int) -> float:
    import statistics

    return statistics.median(_cpu_seconds(cmd) for _ in range(repeat))


def _accuracy(corpus: Path, report: Path) -> str:
    """The lowest precision and recall over the flag types, against the corpus's truth.json."""
    import json

    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    flags = json.loads(report.read_text(encoding="utf-8"))["flags"]
    expected = {(t["source"], t["type"], t["provision"]) for t in truth["divergences"]}
    got = {(Path(f["source"]).name, f["type"], f["provision"]) for f in flags}
    precision, recall = [], []
    for kind in {k[1] for k in expected}:
        e = {k for k in expected if k[1] == kind}
        g = {k for k in got if k[1] == kind}
        precision.append(len(e & g) / len(g) if g else 0.0)
        recall.append(len(e & g) / len(e))
    return f"precision ≥ {min(precision):.3f}, recall ≥ {min(recall):.3f} on every flag type"


def run(repeat: int) -> list[Result]:
    results = []
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in (1000, 2000):
            corpus = Path(tmp) / f"c{count}"
            synth_corpus(corpus, count, seed=1, as_of="2026-11-29")
            cmd = [
                sys.executable,
                "-m",
                "hosei",
                "divergence",
                str(corpus),
                "--jobs",
                "2",
                "--as-of",
                "2026-11-29",
                "--format",
                "json",
                "-o",
                str(Path(tmp) / "r.json"),
                "-w",
                str(ROOT),
            ]
            times[count] = median_time(
                lambda: subprocess.run(cmd, check=True, capture_output=True), max(3, repeat // 5), warmup=0
            )
            peak = _peak_rss_kb(cmd)
            accuracy = _accuracy(corpus, Path(tmp) / "r.json")
            results.append(
                Result(
                    f"divergence, {count} ordinances, --jobs 2 (peak RSS {peak // 1024} MB; {accuracy})",
                    times[count],
                    "1,000-ordinance run" if count == 2000 else "itself",
                    times[1000],
                    absolute_goal=20.0 if count == 2000 else None,
                )
            )
        corpus = Path(tmp) / "c2000"
        n = max(3, repeat // 5)
        imported = _median_cpu([sys.executable, "-c", _IMPORT_ALL, str(corpus)], n)
        for fmt in ("json", "html"):
            cmd = [
                sys.executable,
                "-m",
                "hosei",
                "divergence",
                str(corpus),
                "--as-of",
                "2026-11-29",
                "--format",
                fmt,
            ]
            cmd += ["-o", str(Path(tmp) / f"r.{fmt}"), "-w", str(ROOT)]
            results.append(
                Result(
                    f"divergence CPU, 2,000 ordinances, --jobs 1 --format {fmt}",
                    _median_cpu(cmd, n),
                    "import text of the same files (CPU)",
                    imported,
                    goal=2.0 if fmt == "json" else None,
                )
            )
    results.append(
        Result("divergence 2,000 vs 1,000 ordinances", times[2000], "1,000 ordinances", times[1000], goal=2.2)
    )
    return results
