"""Sweeps over real corpora: how much of real history the tool handles exactly."""

from __future__ import annotations

import sys

import click

from .base import main, progress_bar


@main.group()
def corpus() -> None:
    """Sweeps over real corpora: how much of real history the tool handles exactly."""


@corpus.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Processes.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the report here (atomically) instead of stdout.",
)
def corpus_check(paths: tuple[str, ...], fmt: str, jobs: int, output: str | None) -> None:
    """Round-trip every consecutive pair of e-Gov revisions of each law under PATHS (files or folders, named by
    revision id): diff, write the 改め文, apply them back, compare with the new text. Each pair is exact, refused
    (with the reason: a known gap), wrong or crash (defects), or unreadable (a file that is not e-Gov law XML). Exit 0
    when nothing is wrong, crashed or unreadable, 1 otherwise.

    \b
    Example:
      hosei corpus check tests/data/egov/corpus --jobs 2
      hosei corpus check tests/data/egov/corpus/339AC0000000170 --format json -o sweep.json
    """
    import json

    from ..amend.corpus import FAILING, consecutive_pairs, find_revisions, report_text, summary, sweep

    pairs = consecutive_pairs(find_revisions(paths))
    if not pairs:
        raise click.UsageError("no law has two revisions under the paths given")
    with progress_bar(len(pairs), "round-tripping") as advance:
        results = sweep(pairs, jobs, lambda _r: advance())
    if fmt == "json":
        text = json.dumps(
            {"summary": summary(results), "pairs": [r.to_json() for r in results]},
            ensure_ascii=False,
            indent=1,
        )
        text += "\n"
    else:
        text = report_text(results)
    if output:
        from ..core.xmlio import write_output

        write_output(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    failing = [r for r in results if r.status in FAILING]
    if failing:
        click.echo(
            f"Error: {len(failing)} of {len(results)} pairs wrong, crashed or unreadable; first: {failing[0].reason}",
            err=True,
        )
        sys.exit(1)
