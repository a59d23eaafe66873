"""Analysis of many ordinances: divergence and the impact of an amendment of the Act."""

from __future__ import annotations

from pathlib import Path

import click

from .base import allow_gaps_option, main, progress_bar, threshold_option, workspace_option


@main.command()
@workspace_option
@click.argument("corpus", nargs=-1, required=True)
@click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False),
    help="Compare with this XML instead of the template.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="Check citations against the Act in force on DATE (default: today).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["html", "json", "csv"]), default="html", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write here (atomically) instead of stdout."
)
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True)
@threshold_option("Adoption share for promotion candidates.")
@allow_gaps_option
def divergence(
    corpus: tuple[str, ...],
    model_path: str | None,
    as_of: str | None,
    fmt: str,
    output: str | None,
    jobs: int,
    threshold: float,
    workspace: str | None,
) -> None:
    """Measure how far Article 9(2) ordinances drift apart, flag what is wrong, find affairs to promote.

    CORPUS: folders or files of ordinances (XML or text; text goes through the importer).

    \b
    Examples:
      hosei divergence tests/data/ordinances --format json
      hosei synth ordinances corpus --count 2000 --seed 1 && hosei divergence corpus --jobs 2 -o report.html
    """
    import datetime as dt
    import json

    from ..analysis.divergence import run, to_csv
    from ..core.eradate import parse_date
    from ..history.workspace import find_workspace

    ws = find_workspace(workspace)
    date = (parse_date(as_of) if as_of else dt.date.today()).isoformat()
    from ..analysis.divergence import corpus_files

    total = len(corpus_files(corpus))
    with progress_bar(total, "analysing") as advance:
        report = run(ws.root, list(corpus), date, model_path, jobs, threshold, advance)
    if fmt == "json":
        data = json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "csv":
        data = to_csv(report)
    else:
        from ..render.divergence import to_html

        data = to_html(report)
    if output:
        from ..core.xmlio import write_output

        write_output(output, data.encode())
        counts = {
            t: sum(1 for f in report.flags if f.type == t) for t in sorted({f.type for f in report.flags})
        }
        click.echo(
            f"{len(report.bodies)} ordinances, {len(report.flags)} flags {counts}; wrote {output}", err=True
        )
    else:
        click.echo(data, nl=False)


@main.command()
@workspace_option
@click.argument("law")
@click.argument("ordinances", nargs=-1, required=True)
@click.option(
    "--from",
    "from_spec",
    required=True,
    metavar="DATE|REV|FILE",
    help="The Act before: a date, a git revision or a file.",
)
@click.option(
    "--to", "to_spec", required=True, metavar="DATE|REV|FILE", help="The Act after (a proposal branch works)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "html"]), default="json", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@click.option(
    "--draft", "draft_dir", type=click.Path(file_okay=False), help="Write consequential amendments here."
)
@allow_gaps_option
def impact(
    law: str,
    ordinances: tuple[str, ...],
    from_spec: str,
    to_spec: str,
    fmt: str,
    output: str | None,
    draft_dir: str | None,
    workspace: str | None,
) -> None:
    """Which ordinances an amendment of the Act breaks (条ずれ), and the consequential amendments.

    Every citation of LAW in the ORDINANCES (files or folders; the short name each defines: 法, 番号法) is
    classified against the provision map from --from to --to: unchanged, moved (with the new citation),
    rewritten (a phrase citing a table the Act abolished, replaced by the term the Act now defines), deleted,
    changed (needs review), unverified (the ordinance was written or amended later than the from-version, by its
    number, 附則 or 例規集 notes, and its citation does not say what it means: not moved). --draft writes, per
    affected ordinance, the amending sentences (in the ordinance's numerals, 同条 grouping), the amended
    ordinance and a comparison table; each draft is applied back before it is written.

    \b
    Examples:
      hosei impact 番号法 --from 2016-01-01 --to 2026-01-01 tests/data/ordinances --draft drafts
      hosei impact 番号法 --from main --to proposal ordinances/ --format csv
    """
    import csv
    import io
    import json

    from ..analysis.impact import run_impact
    from ..history.workspace import find_workspace

    ws = find_workspace(workspace)
    report = run_impact(ws, law, from_spec, to_spec, list(ordinances), Path(draft_dir) if draft_dir else None)
    if fmt == "json":
        data = json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["source", "title", "provision", "quote", "kind", "new_quote"])
        for o in report.ordinances:
            for c in o.citations:
                w.writerow([o.source, o.title, c.provision, c.quote, c.kind, c.new_quote or ""])
        data = buf.getvalue()
    else:
        from ..render.impact import to_html

        data = to_html(report)
    if output:
        from ..core.xmlio import write_output

        write_output(output, data.encode())
    else:
        click.echo(data, nl=False)
    summary = report.summary()
    click.echo(
        f"{summary['affected']} of {summary['ordinances']} ordinances affected; citations: "
        + ", ".join(f"{n} {kind}" for kind, n in summary["citations"].items())
        + (f"; {summary['drafts']} drafts" if draft_dir else ""),
        err=True,
    )
