"""Timing helpers shared by the benchmarks: medians, and results reported as ratios to a baseline."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def synth_corpus(folder: Path, count: int, seed: int = 1, as_of: str | None = None) -> list[Path]:
    """A synthetic national corpus written by `hosei synth ordinances` (the same for every suite that needs one)."""
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "hosei", "synth", "ordinances", str(folder), "--count", str(count)]
    cmd += ["--seed", str(seed), "-w", str(ROOT)] + (["--as-of", as_of] if as_of else [])
    subprocess.run(cmd, check=True, capture_output=True)
    return sorted(folder.glob("*.txt"))


def median_time(fn: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    """Median wall time of *fn* over *repeat* runs, after *warmup* runs."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


@dataclass
class Result:
    """One measurement next to its baseline from the same run."""

    name: str
    seconds: float
    baseline_name: str
    baseline_seconds: float
    goal: float | None = None  # ratio goal
    absolute_goal: float | None = None  # seconds

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline_seconds if self.baseline_seconds else float("inf")

    @property
    def verdict(self) -> str:
        if self.goal is not None:
            return "meets goal" if self.ratio <= self.goal else "MISSES goal"
        if self.absolute_goal is not None:
            return "meets goal" if self.seconds <= self.absolute_goal else "MISSES goal"
        return ""

    def markdown_row(self) -> str:
        goal = (
            f"≤ {self.goal}×"
            if self.goal is not None
            else (f"≤ {self.absolute_goal} s" if self.absolute_goal else "")
        )
        return (
            f"| {self.name} | {self.seconds * 1000:.1f} ms | {self.baseline_name} | "
            f"{self.baseline_seconds * 1000:.1f} ms | {self.ratio:.2f}× | {goal} {self.verdict} |"
        )
