"""The `hosei` command line: a thin Click layer over the library.

Imports of the heavy modules happen inside the commands so that `hosei --help` starts fast. Every
:class:`~hosei.errors.HoseiError` becomes ``Error: <what> (<file>:<line>)`` on stderr with exit status 1;
usage errors exit 2 (Click's convention).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class HoseiGroup(click.Group):
    """A group that turns library errors into one clean line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        from .errors import HoseiError

        try:
            return super().invoke(ctx)
        except HoseiError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            sys.exit(1)


def workspace_option(f: F) -> F:
    return click.option(
        "--workspace",
        "-w",
        "workspace",
        envvar="HOSEI_WORKSPACE",
        type=click.Path(file_okay=False),
        default=None,
        help="Workspace folder (default: found by walking up from the current directory).",
    )(f)


@click.group(cls=HoseiGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hosei")
def main() -> None:
    """hosei (法制): Japanese legislative drafting over e-Gov law XML.

    \b
    Examples:
      hosei show 番号法 第九条第二項
      hosei appendix list --format json
      hosei validate statutes appendix1
    """


@main.command()
@click.option("--lenient", is_flag=True, help="Accept e-Gov bulk-download additions (reported as warnings).")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def validate(paths: tuple[str, ...], lenient: bool) -> None:
    """Validate law XML (schema v3) and appendix1/ files; folders are searched for *.xml.

    \b
    Example:
      hosei validate statutes appendix1
      hosei validate --lenient 334AC0000000125_20220401_503AC0000000037.xml
    """
    from .validate import iter_xml_files, validate_file

    failed = 0
    count = 0
    for path in iter_xml_files(paths):
        count += 1
        report = validate_file(path, lenient=lenient)
        for w in report.warnings:
            click.echo(f"Warning: {w}", err=True)
        for e in report.errors:
            click.echo(f"Error: {e}", err=True)
        if not report.ok:
            failed += 1
    if count == 0:
        raise click.UsageError("no XML files found in the given paths")
    click.echo(f"{count - failed} of {count} files valid")
    if failed:
        sys.exit(1)


@main.command()
@workspace_option
@click.argument("law")
@click.argument("citation", required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "xml", "json"]), default="text", show_default=True
)
def show(law: str, citation: str | None, fmt: str, workspace: str | None) -> None:
    """Print a law or one provision of it.

    LAW is a law id (425AC0000000027), an abbreviation or title from the workspace (番号法), or a path to
    an e-Gov XML file. CITATION is written as a drafter writes it: 第九条第二項, 第9条第2項, 附則第一条第五号,
    別表の百十五の項.

    \b
    Examples:
      hosei show 番号法 第九条第二項
      hosei show 425AC0000000027 第19条第11号 --format json
      hosei show path/to/law.xml --format xml
    """
    from .formats import provision_json, provision_xml
    from .textrender import render_law
    from .workspace import open_law

    law_obj = open_law(law, workspace)
    node = law_obj.find(citation) if citation else None
    if fmt == "xml":
        data = law_obj.doc.to_bytes() if node is None else provision_xml(node)
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    elif fmt == "json":
        import json

        click.echo(json.dumps(provision_json(law_obj, node), ensure_ascii=False, indent=2))
    else:
        lines = render_law(law_obj) if node is None else node.text().split("\n")
        for line in lines:
            click.echo(line)


@main.group()
def appendix() -> None:
    """The My Number Act's Appendix 1 (別表), one row per file in appendix1/."""


@appendix.command("list")
@workspace_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
def appendix_list(fmt: str, workspace: str | None) -> None:
    """List the rows of Appendix 1 in table order.

    \b
    Example:
      hosei appendix list --format json
    """
    from .formats import rows_csv, rows_json, rows_table
    from .workspace import find_workspace

    _, rows = find_workspace(workspace).load_appendix()
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

    from .appendix import find_row
    from .formats import row_text
    from .workspace import find_workspace

    _, rows = find_workspace(workspace).load_appendix()
    row = find_row(rows, label_or_id)
    if fmt == "json":
        click.echo(json.dumps(row.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "xml":
        sys.stdout.buffer.write(row.to_bytes())
    else:
        click.echo(row_text(row))


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((120, 24)).columns
