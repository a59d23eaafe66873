"""Foundation benchmark: parse + model vs a bare lxml parse of the same bytes, and CLI start-up time.

Run: python benchmarks/run.py foundation
"""

from __future__ import annotations

import os
import subprocess
import sys

from lxml import etree

from hosei.core.model import Law
from hosei.core.xmlio import parse_bytes

from common import ROOT, Result, median_time

FILES = {
    "電気事業法 (1.2 MB)": ROOT / "tests/data/egov/laws/339AC0000000170_20250606_505AC0000000044.xml",
    "番号法 (0.7 MB)": ROOT / "tool/hosei/bundled/425AC0000000027_as-of-2025-09-24.xml",
}


def walk_model(data: bytes, name: str) -> int:
    """Safe parse, wrap as a Law and visit every provision (kind and number)."""
    law = Law(parse_bytes(data, name))
    count = 0
    for p in law.iter_provisions():
        _ = (p.kind, p.num)
        count += 1
    return count


def walk_headings(data: bytes, name: str) -> int:
    """As walk_model, and read every provision's heading (第九条, ２, 一, 別表 row labels …)."""
    law = Law(parse_bytes(data, name))
    return sum(1 for p in law.iter_provisions() if p.title is not None)


def run(repeat: int) -> list[Result]:
    results = []
    for label, path in FILES.items():
        data = path.read_bytes()
        base = median_time(lambda: etree.fromstring(data), repeat)
        model = median_time(lambda: walk_model(data, str(path)), repeat)
        results.append(Result(f"parse + model {label}", model, "bare lxml parse", base, goal=2.0))
        heads = median_time(lambda: walk_headings(data, str(path)), repeat)
        results.append(Result(f"parse + model + every heading {label}", heads, "bare lxml parse", base))
    # processes start as a user's do: with their bytecode cached (pip compiles it on install; a machine that sets
    # PYTHONDONTWRITEBYTECODE would otherwise recompile every module on every start), after one warm-up run
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for argv in (["--help"], ["show", "番号法", "第九条第二項"], ["appendix", "show", "百十五"]):
        subprocess.run(
            [sys.executable, "-m", "hosei", *argv], env=env, capture_output=True, cwd=ROOT, check=False
        )
    python = median_time(
        lambda: subprocess.run([sys.executable, "-c", "pass"], check=True, env=env), max(5, repeat // 2)
    )
    helptime = median_time(
        lambda: subprocess.run(
            [sys.executable, "-m", "hosei", "--help"], check=True, capture_output=True, env=env
        ),
        max(5, repeat // 2),
    )
    clicktime = median_time(
        lambda: subprocess.run([sys.executable, "-c", "import click"], check=True, env=env),
        max(5, repeat // 2),
    )
    results.append(
        Result("hosei --help (process)", helptime, "python -c pass", python, goal=None, absolute_goal=0.3)
    )
    # start-up ratios (issue 17): --help within 3×, show and appendix show within 5× a bare interpreter
    results.append(Result("hosei --help (process), ratio", helptime, "python -c pass", python, goal=3.0))
    for label, argv in (
        ("hosei show 番号法 第九条第二項 (process)", ["show", "番号法", "第九条第二項"]),
        ("hosei appendix show 百十五 (process)", ["appendix", "show", "百十五"]),
    ):
        took = median_time(
            lambda argv=argv: subprocess.run(  # type: ignore[misc]
                [sys.executable, "-m", "hosei", *argv, "-w", str(ROOT)],
                check=True,
                capture_output=True,
                env=env,
            ),
            max(5, repeat // 2),
        )
        results.append(Result(label, took, "python -c pass", python, goal=5.0))
    # what no command can go below: the interpreter plus Click's own import (the CLI library the project uses)
    results.append(Result("python -c 'import click' (process)", clicktime, "python -c pass", python))
    return results


if __name__ == "__main__":
    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else 15):
        print(r.markdown_row())
