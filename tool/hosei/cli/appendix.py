"""The appendix group: Appendix 1 rows listed, shown, logged and compared."""

from __future__ import annotations

import sys

import click

from .base import (
    _terminal_width,
    allow_gaps_option,
    columns_option,
    context_option,
    main,
    progress_bar,
    threshold_option,
    workspace_option,
)


@main.group()
def appendix() -> None:
    """The My Number Act's Appendix 1 (別表), one row per file in appendix1/."""


@appendix.command("list")
@workspace_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.option("--as-of", "as_of", metavar="DATE", help="The rows in force on DATE.")
@allow_gaps_option
def appendix_list(fmt: str, workspace: str | None, as_of: str | None) -> None:
    """List the rows of Appendix 1 in table order.

    \b
    Examples:
      hosei appendix list --format json
      hosei appendix list --as-of 2016-01-01
    """
    from ..history.workspace import find_workspace
    from ..render.appendix import rows_csv, rows_json, rows_table

    ws = find_workspace(workspace)
    if as_of is not None:
        from ..core.eradate import parse_date
        from ..history.versions import appendix_as_of

        rows, _ = appendix_as_of(ws, parse_date(as_of))
    else:
        _, rows = ws.load_appendix()
    if fmt == "json":
        click.echo(rows_json(rows))
    elif fmt == "csv":
        click.echo(rows_csv(rows), nl=False)
    else:
        click.echo(rows_table(rows, width=_terminal_width()))


@appendix.command("show")
@workspace_option
@click.argument("label_or_id")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "xml"]), default="text", show_default=True
)
def appendix_show(label_or_id: str, fmt: str, workspace: str | None) -> None:
    """Show one row by label (百十五, 115, 二の二) or stable id (r-6a5e9635).

    \b
    Example:
      hosei appendix show 百十五
    """
    import json

    from ..core.appendix import find_row
    from ..history.workspace import find_workspace
    from ..render.appendix import row_text

    _, rows = find_workspace(workspace).load_appendix()
    row = find_row(rows, label_or_id)
    if fmt == "json":
        click.echo(json.dumps(row.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "xml":
        sys.stdout.buffer.write(row.to_bytes())
    else:
        click.echo(row_text(row))


@appendix.command("log")
@workspace_option
@click.argument("label_or_id")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def appendix_log_cmd(label_or_id: str, fmt: str, workspace: str | None) -> None:
    """Follow one row across revisions and renumbering, with its label at each revision.

    \b
    Example:
      hosei appendix log 百十五
    """
    import json

    from ..history.versions import appendix_log
    from ..history.workspace import find_workspace
    from ..render.appendix import log_table

    row, entries = appendix_log(find_workspace(workspace), label_or_id)
    if fmt == "json":
        click.echo(
            json.dumps(
                {"id": row.id, "revisions": [e.to_json() for e in entries]}, ensure_ascii=False, indent=2
            )
        )
    else:
        click.echo(f"{row.id}  {row.body}")
        click.echo(log_table(entries, with_label=True))


@appendix.command("diff")
@workspace_option
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html", "docx", "unified"]),
    default="text",
    show_default=True,
    help="text: one line per changed row with its id; html/docx: the comparison table (新旧対照表).",
)
@columns_option
@context_option("Unchanged rows shown in full after a change.")
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@allow_gaps_option
def appendix_diff_cmd(
    old: str, new: str, fmt: str, columns: str, context: int, output: str | None, workspace: str | None
) -> None:
    """Compare Appendix 1 between two dates or revisions: rows added, removed, relabelled, reworded.

    OLD and NEW are dates (2016-01-01, 令和7年10月1日) or git revisions. Rows are followed by their ids, so a
    row relabelled 八十一 → 百十五 is one move. Exit status 0 with no differences, 1 with differences, 2 on error.

    \b
    Example:
      hosei appendix diff 2016-01-01 2025-10-01
      hosei appendix diff 2016-01-01 2025-10-01 --format docx -o beppyo.docx
    """
    from ..compare.appendix import appendix_diff, build_table, to_text_rows, to_unified
    from ..compare.formats import to_docx, to_html
    from ..core.errors import HoseiError
    from ..history.workspace import find_workspace

    if fmt == "docx" and not output:
        raise click.UsageError("--format docx needs -o FILE")
    try:
        ws = find_workspace(workspace)
        result = appendix_diff(ws, old, new)
        data: bytes
        if fmt == "json":
            import json

            data = (
                json.dumps([r.to_json() for r in result.records], ensure_ascii=False, indent=2) + "\n"
            ).encode()
        elif fmt == "html":
            data = to_html(build_table(result, context), columns).encode()
        elif fmt == "docx":
            data = to_docx(build_table(result, context), columns)
        elif fmt == "unified":
            data = to_unified(result).encode()
        else:
            data = to_text_rows(result).encode()
        if output:
            from ..core.xmlio import write_output

            write_output(output, data)
        else:
            click.echo(data.decode(), nl=False)
    except HoseiError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    sys.exit(1 if result.records else 0)


@appendix.command("propose")
@workspace_option
@click.argument("corpus", nargs=-1)
@click.option(
    "--from",
    "report_path",
    type=click.Path(dir_okay=False),
    help="A divergence report (hosei divergence --format json): its candidates and the ordinances listing them.",
)
@click.option(
    "--affairs", metavar="ID,…", help="Catalogue affairs to propose (default: the report's candidates)."
)
@click.option(
    "-o", "--out", "out", type=click.Path(file_okay=False), required=True, help="Folder for the drafts."
)
@click.option(
    "--branch",
    default="appendix-proposal",
    show_default=True,
    help="The new git branch the proposal is committed on (never the current one; it must not exist).",
)
@click.option(
    "--placement",
    type=click.Choice(["branch", "renumber", "end"]),
    default="branch",
    show_default=True,
    help="branch: after the most similar row under a branch label (百十五の二); renumber: after it, relabelling "
    "the rows below; end: at the end of the table.",
)
@click.option("--enforce", metavar="DATE", help="The amending act's 附則: in force on DATE.")
@click.option(
    "--as-of", "as_of", metavar="DATE", help="With CORPUS: read the ordinances against the Act of DATE."
)
@threshold_option("With CORPUS and no --affairs: the adoption share that makes a candidate.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes for reading and drafting.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@allow_gaps_option
def appendix_propose(
    corpus: tuple[str, ...],
    report_path: str | None,
    affairs: str | None,
    out: str,
    branch: str,
    placement: str,
    enforce: str | None,
    as_of: str | None,
    threshold: float,
    jobs: int,
    fmt: str,
    workspace: str | None,
) -> None:
    """Propose Appendix 1 rows for affairs many ordinances list, and draft every ordinance's follow-up.

    Takes the candidates of a divergence report (--from REPORT.json) or a CORPUS of ordinances, or the affairs
    named with --affairs. For each: the new row worded as the Act words its rows and placed beside the most
    similar one; the Act's amendment (改め文) applied back and its 新旧対照表 (HTML, Word); the proposal committed
    on a new git branch; and, for each ordinance that lists the affair, the amending ordinance deleting it (in
    force with the Act's amendment), applied back. The report is OUT/report.html and OUT/report.json.

    \b
    Examples:
      hosei divergence corpus --format json -o report.json
      hosei appendix propose --from report.json -o proposal --branch proposal/2027
      hosei appendix diff main proposal/2027
      hosei appendix propose corpus --affairs child-medical -o proposal --placement renumber
    """
    import json
    from pathlib import Path

    from ..analysis.proposal import candidates_from_report, candidates_from_results, run_proposal
    from ..core.eradate import parse_date
    from ..core.errors import HoseiError
    from ..core.xmlio import read_limited
    from ..drafting.draft import load_affairs, template_dir_for
    from ..drafting.roster import load_roster, roster_path
    from ..history.workspace import find_workspace
    from ..render.proposal import to_html

    if bool(report_path) == bool(corpus):
        raise click.UsageError("give a divergence report (--from REPORT.json) or a CORPUS of ordinances")
    named = [a.strip() for a in affairs.split(",") if a.strip()] if affairs else None
    if affairs is not None and not named:
        raise click.UsageError("--affairs names no affair")
    enforce_date = parse_date(enforce) if enforce else None
    ws = find_workspace(workspace)
    from ..history.store import Store

    repo = Store(ws.root).repo
    if any(repo.is_dirty(untracked_files=False, path=folder) for folder in ("appendix1", "statutes")):
        click.echo(
            "Warning: appendix1/ or statutes/ has uncommitted changes; the proposal is made against the last commit, "
            "without them",
            err=True,
        )
    tdir = template_dir_for(ws.root)
    catalogue = load_affairs(tdir / "affairs.xml")
    prefectures = {b.code for b in load_roster(roster_path(tdir)) if b.is_prefecture}
    if report_path:
        try:
            report = json.loads(read_limited(report_path).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise HoseiError(f"not a JSON divergence report ({exc})", report_path) from None
        candidates = candidates_from_report(report, catalogue, prefectures, Path(report_path).parent, named)
        ordinances = len(report.get("bodies", []))
    else:
        import datetime as dt

        from ..analysis.divergence import corpus_files, run

        date = (parse_date(as_of) if as_of else dt.date.today()).isoformat()
        with progress_bar(len(corpus_files(corpus)), "analysing") as advance:
            analysed = run(ws.root, list(corpus), date, None, jobs, threshold, advance)
        chosen = named or [c["affair"] for c in analysed.candidates]
        if not chosen:
            raise HoseiError(
                f"no affair is listed by {threshold:.0%} of the ordinances: name affairs with --affairs"
            )
        candidates = candidates_from_results(analysed.bodies, catalogue, prefectures, chosen)
        ordinances = len(analysed.bodies)
    for c in candidates:
        if not c.adopters:
            click.echo(
                f"Warning: no ordinance of the corpus lists {c.affair.id}; its row is worded for 市町村 alone",
                err=True,
            )
    total = len({a.source for c in candidates for a in c.adopters})
    with progress_bar(total, "drafting") as advance:
        proposal = run_proposal(
            ws, candidates, Path(out), branch, catalogue, placement, enforce_date, advance, ordinances, jobs
        )
    from ..core.xmlio import write_atomic

    page = Path(out) / "report.html"
    write_atomic(page, to_html(proposal).encode())
    if fmt == "json":
        click.echo(json.dumps({**proposal.to_json(), "report": str(page)}, ensure_ascii=False, indent=1))
        return
    click.echo(
        f"proposal committed on branch {proposal.branch} ({proposal.commit[:10]}, from {proposal.base_label})"
    )
    for p in proposal.rows:
        where = f"after {p.anchor.label}" if p.anchor else "at the end"
        click.echo(
            f"  {p.row.label}の項 ({where}; {p.candidate.affair.id}, {p.candidate.share:.0%} of ordinances): "
            f"{p.row.body}｜{p.row.affair}"
        )
    if proposal.relabelled:
        click.echo(f"  {len(proposal.relabelled)} rows relabelled")
    drafted = [u for u in proposal.follow_ups if not u.error]
    click.echo(
        f"ordinances listing the affairs: {len(proposal.follow_ups)}; amendments drafted: {len(drafted)}"
    )
    for u in proposal.follow_ups:
        if u.error:
            click.echo(f"  not drafted: {u.adopter.source}: {u.error}")
    click.echo(f"report: {page}")
