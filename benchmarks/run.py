"""Run the benchmarks and print a Markdown table (paste into BENCHMARKS.md).

Usage: python benchmarks/run.py [SUITE ...] [--repeat N]
Suites: foundation, history, textimport, diff, amend, corpus, draft, divergence, impact, propose (default: all)
Every figure is a median, reported next to a baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import platform
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_amend  # noqa: E402
import bench_corpus  # noqa: E402
import bench_diff  # noqa: E402
import bench_divergence  # noqa: E402
import bench_draft  # noqa: E402
import bench_foundation  # noqa: E402
import bench_history  # noqa: E402
import bench_impact  # noqa: E402
import bench_propose  # noqa: E402
import bench_textimport  # noqa: E402

SUITES = {
    "foundation": bench_foundation.run,
    "history": bench_history.run,
    "textimport": bench_textimport.run,
    "diff": bench_diff.run,
    "amend": bench_amend.run,
    "corpus": bench_corpus.run,
    "draft": bench_draft.run,
    "divergence": bench_divergence.run,
    "impact": bench_impact.run,
    "propose": bench_propose.run,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("suites", nargs="*", default=list(SUITES))
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--update", metavar="FILE", help="also write the table between the <!-- results --> markers of FILE"
    )
    args = parser.parse_args()
    lines = [
        f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}, {date.today().isoformat()}",
        "",
        "| measurement | median | baseline | baseline median | ratio | goal |",
        "|---|---|---|---|---|---|",
    ]
    print("\n".join(lines), flush=True)
    for name in args.suites:
        for result in SUITES[name](args.repeat):
            lines.append(result.markdown_row())
            print(lines[-1], flush=True)
    if args.update:
        path = Path(args.update)
        text = path.read_text(encoding="utf-8")
        head, _, rest = text.partition("<!-- results -->")
        _, _, tail = rest.partition("<!-- /results -->")
        path.write_text(
            head + "<!-- results -->\n" + "\n".join(lines) + "\n<!-- /results -->" + tail, encoding="utf-8"
        )


if __name__ == "__main__":
    main()
