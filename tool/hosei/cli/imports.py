"""The import group: e-Gov XML, plain text and legacy HTML into the workspace or to XML."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from .base import F, main, progress_bar, workspace_option


@main.group("import")
def import_group() -> None:
    """Record revisions from outside sources (e-Gov XML)."""


@import_group.command("egov")
@workspace_option
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--enforced", metavar="DATE", help="Enforcement date (施行日) when the file name does not carry it."
)
@click.option(
    "--amended-by",
    "amended_by",
    metavar="ACT",
    help="Amending act: 503AC0000000037, 令和三年法律第三十七号 or 'base'.",
)
@click.option(
    "--law",
    "laws",
    multiple=True,
    metavar="ID",
    help="Only the revisions of this law (e-Gov law id; repeat for several): for the bulk download.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse files that are not strictly valid (default: lenient for bulk downloads).",
)
def import_egov(
    files: tuple[str, ...],
    enforced: str | None,
    amended_by: str | None,
    laws: tuple[str, ...],
    strict: bool,
    workspace: str | None,
) -> None:
    """Record e-Gov XML as revisions, one commit each, in enforcement order; a revision recorded already is skipped.

    FILES are e-Gov XML files, API v2 law_data responses (XML or JSON), folders of them (searched recursively) and
    the bulk download as published (its zip, read member by member, or its unpacked folder). The enforcement date
    and amending act come from the response, from the revision id in the file name
    (334AC0000000125_20220401_503AC0000000037.xml), from bulk-download attributes, or from the options. Importing
    the same revision again records nothing (same law, enforcement date, amending act and text); the same key with
    another text is an error naming both.

    \b
    Examples:
      hosei import egov ../egov/334AC0000000125/*.xml
      hosei import egov all_xml.zip --law 425AC0000000027
    """
    from ..core.eradate import parse_date
    from ..history.store import Store
    from ..history.versions import prepare_egov, record
    from ..history.workspace import find_workspace

    date = parse_date(enforced) if enforced else None  # a bad value is said before anything is looked at
    ws = find_workspace(workspace)
    store = Store(ws.root)
    with (
        store.lock()
    ):  # fail fast (another recorder may be mid-commit: wait for it); checked again in record()
        store.check_recordable()
    prepared = prepare_egov(files, date, amended_by, lenient=not strict, laws=laws or None)
    if not prepared:
        raise click.ClickException("no e-Gov files found" + (f" for {', '.join(laws)}" if laws else ""))
    for item in prepared:
        if item.warnings:
            click.echo(
                f"Warning: {item.info.source}: {len(item.warnings)} attributes outside the e-Gov schema "
                f"(bulk-download file, accepted leniently; first: {item.warnings[0]})",
                err=True,
            )
    with progress_bar(len(prepared), "recording") as advance:
        results = record(ws, prepared, progress=lambda _item: advance())
    for r in results:
        act = r.info.amended_by.number if r.info.amended_by else "base text"
        what = "recorded already" if r.skipped else ""
        click.echo(
            f"{r.commit[:10]}  {r.info.law_id}  施行 {r.info.enforced.isoformat()}  {act}  {what}".rstrip()
        )
        for note in r.notes:
            click.echo(f"  note: {note}", err=True)
    skipped = sum(1 for r in results if r.skipped)
    click.echo(f"{len(results) - skipped} revisions recorded, {skipped} recorded already (skipped)")


def _import_text_command(fmt_name: str) -> Callable[..., None]:
    def command(
        file: str,
        style: str,
        law_type: str,
        output: str | None,
        strict: bool,
        record_it: bool,
        enforced: str | None,
        amended_by: str | None,
        workspace: str | None,
    ) -> None:
        from ..core.validate import validate_document
        from ..text.parse import import_file

        result = import_file(file, fmt_name, style, law_type, strict)
        for w in result.warnings:
            click.echo(f"Warning: {w.message} ({file}:{w.line})", err=True)
        report = validate_document(result.document)
        for e in report.errors:
            click.echo(f"Warning: the XML does not validate: {e.text}", err=True)
        if record_it:
            from ..core.eradate import parse_date
            from ..history.store import Store
            from ..history.versions import prepare_document, record
            from ..history.workspace import find_workspace

            if not report.ok:
                raise click.ClickException("refusing to record XML that does not validate")
            ws = find_workspace(workspace)
            store = Store(ws.root)
            with store.lock():
                store.check_recordable()
            item = prepare_document(
                result.document, Path(file), parse_date(enforced) if enforced else None, amended_by
            )
            for r in record(ws, [item]):
                act = r.info.amended_by.number if r.info.amended_by else "base text"
                click.echo(f"{r.commit[:10]}  {r.info.law_id}  施行 {r.info.enforced.isoformat()}  {act}")
                for note in r.notes:
                    click.echo(f"  note: {note}", err=True)
            return
        data = result.document.to_bytes()
        if output:
            from ..core.xmlio import write_output

            write_output(output, data)
            amended = f"; last amended by {result.last_amended_by}" if result.last_amended_by else ""
            click.echo(f"wrote {output} ({len(result.warnings)} warnings{amended})", err=True)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()

    return command


def _import_text_options(f: F) -> F:
    f = workspace_option(f)
    f = click.option(
        "--amended-by", "amended_by", metavar="ACT", help="With --record: the amending act (or 'base')."
    )(f)
    f = click.option("--enforced", metavar="DATE", help="With --record: the enforcement date.")(f)
    f = click.option(
        "--record", "record_it", is_flag=True, help="Record the result as a revision in the workspace."
    )(f)
    f = click.option("--strict", is_flag=True, help="Make every warning an error.")(f)
    f = click.option(
        "-o", "--output", type=click.Path(dir_okay=False), help="Write the XML here (atomically)."
    )(f)
    f = click.option(
        "--law-type",
        type=click.Choice(["act", "ordinance", "rule", "cabinet-order"]),
        default="act",
        show_default=True,
    )(f)
    f = click.option(
        "--style",
        type=click.Choice(["auto", "vertical", "horizontal"]),
        default="auto",
        show_default=True,
        help="Numbering style: vertical (第一条, ２, 一, イ) or horizontal (第1条, 2, (1), ア).",
    )(f)
    f = click.argument("file", type=click.Path())(f)
    return f


import_text = import_group.command(
    "text",
    help="""Parse plain statute or ordinance text into e-Gov XML (warnings name each line that could not be placed).

    \b
    Examples:
      hosei import text ordinance.txt --law-type ordinance -o ordinance.xml
      hosei import text law.txt --record --enforced 2015-09-09 --amended-by 427AC0000000065
    """,
)(_import_text_options(_import_text_command("auto")))

import_html = import_group.command(
    "html",
    help="""Parse a legacy e-Gov HTML law page (pre-2017) into e-Gov XML, keeping its tables.

    \b
    Example:
      hosei import html 425AC0000000027_2015-12-27_egov-legacy.html -o mynumber-2015.xml
    """,
)(_import_text_options(_import_text_command("html")))


@main.command("fetch")
@workspace_option
@click.argument("law")
@click.option(
    "--as-of", "as_of", metavar="DATE", help="The revision in force on this date (default: today's)."
)
@click.option(
    "--all-revisions", is_flag=True, help="Every revision the API lists (with an enforcement date)."
)
@click.option(
    "--refresh", is_flag=True, help="Ask the API for the law list and history again (texts stay cached)."
)
def fetch_command(
    law: str, as_of: str | None, all_revisions: bool, refresh: bool, workspace: str | None
) -> None:
    """Fetch a law's revisions from e-Gov 法令API Version 2 and record them, as `import egov` does.

    LAW is an e-Gov law id (334AC0000000125), a title (意匠法), a law number (昭和三十四年法律第百二十五号) or a
    name the workspace knows (番号法). Revisions already recorded are skipped before their text is asked for;
    responses are cached in the workspace (.git/hosei/egov-cache), so a second run asks nothing. The API is
    https://laws.e-gov.go.jp/api/2 unless HOSEI_EGOV_API says otherwise; 429 and 5xx answers are retried with
    backoff, an unreachable API is an error and nothing is recorded.

    \b
    Examples:
      hosei fetch 意匠法 --all-revisions
      hosei fetch 番号法 --as-of 2018-06-01
    """
    from ..core.eradate import parse_date
    from ..history.fetch import fetch
    from ..history.workspace import find_workspace

    if as_of and all_revisions:
        raise click.UsageError("--as-of and --all-revisions exclude each other")
    date = parse_date(as_of) if as_of else None
    ws = find_workspace(workspace)
    result = fetch(
        ws, law, date, all_revisions, refresh, progress=lambda total: progress_bar(total, "fetching")
    )
    for rev in result.known:
        click.echo(
            f"{'':10}  {result.law_id}  施行 {rev.enforced}  {rev.amendment_law_num or 'base text'}  recorded already"
        )
    for r in result.results:
        act = r.info.amended_by.number if r.info.amended_by else "base text"
        what = "recorded already" if r.skipped else ""
        click.echo(
            f"{r.commit[:10]}  {r.info.law_id}  施行 {r.info.enforced.isoformat()}  {act}  {what}".rstrip()
        )
    recorded = sum(1 for r in result.results if not r.skipped)
    click.echo(
        f"{result.title}: {recorded} revisions recorded, {len(result.wanted) - recorded} recorded already "
        f"({result.requests} requests to the API)"
    )
