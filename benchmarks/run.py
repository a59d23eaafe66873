"""Run the benchmarks and print a Markdown table (paste into BENCHMARKS.md).

Usage: python benchmarks/run.py [SUITE ...] [--repeat N]
Suites: foundation, history (default: all)
Every figure is a median, reported next to a baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_foundation  # noqa: E402
import bench_history  # noqa: E402

SUITES = {"foundation": bench_foundation.run, "history": bench_history.run}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("suites", nargs="*", default=list(SUITES))
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    print()
    print("| measurement | median | baseline | baseline median | ratio | goal |")
    print("|---|---|---|---|---|---|")
    for name in args.suites:
        for result in SUITES[name](args.repeat):
            print(result.markdown_row())


if __name__ == "__main__":
    main()
