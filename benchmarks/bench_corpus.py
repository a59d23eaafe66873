"""Corpus sweep benchmark: the 改め文 round trip over every consecutive pair of real e-Gov revisions in
tests/data (112 pairs of 13 laws), one process, next to a bare lxml parse of both files of each pair in the same run.
It records the coverage (exact / refused / wrong / crash) with the time, so that the report in BENCHMARKS.md is the
sweep's own.

Run: python benchmarks/run.py corpus
"""

from __future__ import annotations

import statistics
import time

from lxml import etree

from hosei.amend.corpus import check_pair, consecutive_pairs, find_revisions, summary

from common import ROOT, Result

DATA = ROOT / "tests" / "data" / "egov"


def run(repeat: int) -> list[Result]:
    pairs = consecutive_pairs(
        find_revisions(
            [DATA / "corpus", DATA / "laws" / "334AC0000000125", DATA / "laws" / "405AC0000000088"]
        )
    )
    results, parse_times = [], []
    for old, new in pairs:
        started = time.perf_counter()
        etree.parse(str(old.path))
        etree.parse(str(new.path))
        parse_times.append(time.perf_counter() - started)
        results.append(check_pair(old, new))
    counts = summary(results)
    label = (
        f"corpus sweep, one pair (median of {counts['pairs']}: {counts['exact']} exact, {counts['refused']} refused, "
        f"{counts['wrong']} wrong, {counts['crash']} crash)"
    )
    return [
        Result(
            label,
            statistics.median(r.seconds for r in results),
            "lxml parse of both files",
            statistics.median(parse_times),
        ),
        Result(
            f"corpus sweep, all {counts['pairs']} pairs",
            sum(r.seconds for r in results),
            "lxml parse of all files",
            sum(parse_times),
        ),
    ]
