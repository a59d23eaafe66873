"""The appendix group: Appendix 1 rows listed, shown, logged and compared."""

from __future__ import annotations

import sys

import click

from .base import _terminal_width, allow_gaps_option, columns_option, main, workspace_option


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
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Unchanged rows shown in full after a change.",
)
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
