"""The `hosei` command line: a thin Click layer over the library.

Imports of the heavy modules happen inside the commands so that `hosei --help` starts fast. Every
:class:`~hosei.core.errors.HoseiError` becomes ``Error: <what> (<file>:<line>)`` on stderr with exit status 1;
usage errors exit 2 (Click's convention).
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class HoseiGroup(click.Group):
    """A group that turns library errors into one clean line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        from ..core.errors import HoseiError

        try:
            return super().invoke(ctx)
        except HoseiError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            sys.exit(1)


def columns_option(f: F) -> F:
    """--columns of every comparison table (diff, appendix diff)."""
    return click.option(
        "--columns",
        type=click.Choice(["new-old", "old-new"]),
        default="new-old",
        show_default=True,
        help="Column order of the comparison table (national tables put 改正後 first).",
    )(f)


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
    from ..core.validate import iter_xml_files, validate_file

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
@click.option(
    "--as-of", "as_of", metavar="DATE", help="The text in force on DATE (2016-01-01 or 令和3年11月29日)."
)
@click.option(
    "--style",
    type=click.Choice(["vertical", "horizontal"]),
    default="vertical",
    show_default=True,
    help="Text layout: vertical (national, kanji numbers) or horizontal (municipal, Arabic numbers).",
)
def show(
    law: str, citation: str | None, fmt: str, workspace: str | None, as_of: str | None, style: str
) -> None:
    """Print a law or one provision of it.

    LAW is a law id (425AC0000000027), an abbreviation or title from the workspace (番号法), or a path to
    an e-Gov XML file. CITATION is written as a drafter writes it: 第九条第二項, 第9条第2項, 附則第一条第五号,
    別表の百十五の項.

    \b
    Examples:
      hosei show 番号法 第九条第二項
      hosei show 425AC0000000027 第19条第11号 --format json
      hosei show path/to/law.xml --format xml
      hosei show 334AC0000000125 第六十九条 --as-of 令和4年4月1日
    """
    from ..core.lawtext import render_law
    from ..history.workspace import find_workspace, open_law
    from ..render.appendix import provision_json, provision_xml

    if as_of is not None:
        from ..core.eradate import parse_date
        from ..history.versions import law_as_of

        law_obj, _ = law_as_of(find_workspace(workspace), law, parse_date(as_of))
    else:
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
        from ..core.lawtext import Style, render_provision

        text_style = Style(horizontal=style == "horizontal")
        lines = render_law(law_obj, text_style) if node is None else render_provision(node, text_style)
        for line in lines:
            click.echo(line)


DIFF_FORMATS = ["html", "docx", "text", "json", "unified", "kaimebun"]


@main.command()
@workspace_option
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS), default="text", show_default=True)
@columns_option
@click.option(
    "--context", type=int, default=0, show_default=True, help="Unchanged sibling provisions shown in full."
)
@click.option("--citation", help="Limit the diff to one provision, e.g. 第九条.")
@click.option(
    "--style",
    type=click.Choice(["national", "municipal"]),
    default="national",
    show_default=True,
    help="Amendment-sentence style for --format kaimebun.",
)
@click.option(
    "--enforce", metavar="DATE", help="With --format kaimebun: add the 附則 with this enforcement date."
)
@click.option(
    "--side-by-side",
    is_flag=True,
    help="With --format text: the two columns side by side, as wide as the terminal (else stacked).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write here (atomically) instead of stdout."
)
def diff(old: str, new: str, **options: Any) -> None:
    """Compare two versions of a law: a comparison table (新旧対照表), a change list or a unified diff.

    OLD and NEW are files (XML, text or legacy HTML), LAW@DATE (番号法@2016-01-01) or REV:PATH
    (main:statutes/425AC0000000027.xml). Exit status 0 with no differences, 1 with differences, 2 on error.

    \b
    Examples:
      hosei diff 番号法@2016-01-01 番号法@2025-10-01 --citation 第十九条 --format html -o taisho.html
      hosei diff old.xml new.xml --format json
    """
    from ..core.errors import HoseiError

    try:
        changed = _run_diff(old, new, _DiffOptions(**options))
    except HoseiError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    sys.exit(1 if changed else 0)


@dataclass
class _DiffOptions:
    """The options of `hosei diff`, as Click passes them."""

    fmt: str
    columns: str
    context: int
    citation: str | None
    style: str
    enforce: str | None
    side_by_side: bool
    output: str | None
    workspace: str | None


def _run_diff(old: str, new: str, opts: _DiffOptions) -> bool:
    from ..compare.diff import diff_laws
    from ..compare.formats import to_docx, to_html, to_json, to_text, to_unified
    from ..compare.table import build_table
    from ..history.versions import resolve_version

    a = resolve_version(old, opts.workspace)
    b = resolve_version(new, opts.workspace)
    result = diff_laws(a.law, b.law, opts.citation)
    data: bytes
    if opts.fmt == "json":
        data = (to_json(result) + "\n").encode()
    elif opts.fmt == "unified":
        data = to_unified(result, a.label, b.label).encode()
    elif opts.fmt == "kaimebun":
        from ..amend.generate import generate
        from ..core.eradate import parse_date

        enforce = parse_date(opts.enforce) if opts.enforce else None
        data = generate(result, style=opts.style, enforce=enforce).encode()
    else:
        table = build_table(result, a.label, b.label, opts.context)
        if opts.fmt == "html":
            data = to_html(table, opts.columns).encode()
        elif opts.fmt == "docx":
            if not opts.output:
                raise click.UsageError("--format docx needs -o FILE")
            data = to_docx(table, opts.columns)
        else:
            color = opts.output is None and sys.stdout.isatty()
            width = shutil.get_terminal_size((160, 24)).columns if opts.side_by_side else None
            data = to_text(table, opts.columns, color=color, width=width).encode()
    if opts.output:
        from ..core.xmlio import write_atomic

        write_atomic(opts.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return bool(result)


@main.command(hidden=True)
@click.argument("file", type=click.Path())
def textconv(file: str) -> None:
    """git diff driver: print a workspace XML file as text, so git diff shows provisions, not markup."""
    from ..core.appendix import AppendixRow
    from ..core.lawtext import render_law
    from ..core.model import Law
    from ..core.xmlio import parse_file
    from ..render.appendix import row_text

    doc = parse_file(file)
    if doc.root.tag == "AppendixRow":
        click.echo(row_text(AppendixRow.from_document(doc)))
    elif doc.root.tag == "Law":
        for line in render_law(Law(doc)):
            click.echo(line)
    else:
        sys.stdout.buffer.write(doc.to_bytes())


@main.group()
def appendix() -> None:
    """The My Number Act's Appendix 1 (別表), one row per file in appendix1/."""


@appendix.command("list")
@workspace_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.option("--as-of", "as_of", metavar="DATE", help="The rows in force on DATE.")
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


@contextlib.contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for long batch work; silent when stderr is not a terminal."""
    if not sys.stderr.isatty() or total < 2:
        yield lambda: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True) as bar:
        yield lambda: bar.update(1)


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((120, 24)).columns


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


@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
def init(directory: str) -> None:
    """Create a workspace: a git repository with statutes/, appendix1/, templates/ and the bundled revisions.

    \b
    Example:
      hosei init my-workspace && cd my-workspace && hosei log 番号法
    """
    from pathlib import Path

    from ..history.versions import init_workspace

    results = init_workspace(Path(directory))
    for r in results:
        act = r.info.amended_by.number if r.info.amended_by else "base text"
        click.echo(f"recorded {r.info.law_id} 施行 {r.info.enforced.isoformat()} ({act}) as {r.commit[:10]}")
    from ..history.versions import GIT_DIFF_CONFIG

    click.echo(f"workspace ready: {directory}")
    click.echo(f"for provision-level git diffs, run in it once: {GIT_DIFF_CONFIG}")


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
    "--strict",
    is_flag=True,
    help="Refuse files that are not strictly valid (default: lenient for bulk downloads).",
)
def import_egov(
    files: tuple[str, ...], enforced: str | None, amended_by: str | None, strict: bool, workspace: str | None
) -> None:
    """Record e-Gov XML files as revisions, one commit each, in enforcement order.

    The enforcement date and amending act come from the e-Gov revision id in the file name
    (334AC0000000125_20220401_503AC0000000037.xml), from bulk-download attributes, or from the options.

    \b
    Example:
      hosei import egov ../egov/334AC0000000125/*.xml
    """
    from ..core.eradate import parse_date
    from ..history.store import Store
    from ..history.versions import prepare_egov, record
    from ..history.workspace import find_workspace

    ws = find_workspace(workspace)
    store = Store(ws.root)
    with (
        store.lock()
    ):  # fail fast (another recorder may be mid-commit: wait for it); checked again in record()
        store.check_recordable()
    date = parse_date(enforced) if enforced else None
    prepared = prepare_egov(files, date, amended_by, lenient=not strict)
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
        click.echo(f"{r.commit[:10]}  {r.info.law_id}  施行 {r.info.enforced.isoformat()}  {act}")
        for note in r.notes:
            click.echo(f"  note: {note}", err=True)
    click.echo(f"{len(results)} revisions recorded")


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
            from ..core.xmlio import write_atomic

            write_atomic(output, data)
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


@main.command()
@workspace_option
@click.argument("law")
@click.argument("citation", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def log(law: str, citation: str | None, fmt: str, workspace: str | None) -> None:
    """List the revisions of a law, or only those that changed one provision.

    \b
    Examples:
      hosei log 334AC0000000125
      hosei log 334AC0000000125 第六十九条 --format json
    """
    import json

    from ..history.versions import law_log
    from ..history.workspace import find_workspace
    from ..render.appendix import log_table

    entries = law_log(find_workspace(workspace), law, citation)
    if fmt == "json":
        click.echo(json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2))
    else:
        click.echo(log_table(entries))


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
    "--context", type=int, default=0, show_default=True, help="Unchanged rows shown in full after a change."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False))
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
            from ..core.xmlio import write_atomic

            write_atomic(output, data)
        else:
            click.echo(data.decode(), nl=False)
    except HoseiError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    sys.exit(1 if result.records else 0)


@main.command()
@workspace_option
@click.argument("names", nargs=-1)
@click.option("--as-of", "as_of", metavar="DATE", help="Draft for the Act in force on DATE (default: today).")
@click.option(
    "--affairs",
    metavar="ID,…",
    help="Affairs from templates/article9-2/affairs.xml (default: the common set).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["xml", "text", "html", "docx"]), default="text", show_default=True
)
@click.option(
    "--option",
    "opts",
    multiple=True,
    metavar="KEY=VALUE",
    help="Template option (see templates/article9-2/options.json), e.g. definitions=enumerated.",
)
@click.option("--enforce", metavar="DATE", help="Enforcement date for the 附則 (default: 公布の日).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write one draft here (atomically).")
@click.option(
    "--all", "all_bodies", is_flag=True, help="Draft for all 1,788 local governments (needs --out)."
)
@click.option(
    "--roster", type=click.Path(dir_okay=False), help="Draft for the bodies of this roster CSV (needs --out)."
)
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False), help="Batch output folder: one <code>.xml per body."
)
@click.option("--jobs", type=int, default=1, show_default=True, help="Processes for batch drafting.")
@click.option(
    "--amend-from",
    "amend_from",
    metavar="OLD.xml",
    help="Draft the amending ordinance from OLD to the new draft.",
)
def draft(
    names: tuple[str, ...],
    as_of: str | None,
    affairs: str | None,
    fmt: str,
    opts: tuple[str, ...],
    enforce: str | None,
    output: str | None,
    all_bodies: bool,
    roster: str | None,
    out_dir: str | None,
    jobs: int,
    amend_from: str | None,
    workspace: str | None,
) -> None:
    """Draft the Article 9(2) ordinance (個人番号の利用…に関する条例) for a local government.

    NAMES are names (更別村, 千代田区, 北海道), prefecture + name (東京都府中市) or MIC codes (016390). Citations of
    the Act (第十九条第十一号, 第二条第九項, 別表 …) are resolved from the Act in force on --as-of.

    \b
    Examples:
      hosei draft 更別村 --format html -o draft.html
      hosei draft 016390 --as-of 2016-01-01 --option definitions=enumerated
      hosei draft --all --out drafts --jobs 2
    """
    import datetime as dt
    import json

    from ..core.eradate import parse_date
    from ..drafting.draft import Drafter, DraftOptions, draft_batch, template_dir_for
    from ..drafting.roster import find_body, load_roster
    from ..history.versions import law_as_of
    from ..history.workspace import find_workspace

    ws = find_workspace(workspace)
    tdir = template_dir_for(ws.root)
    date = parse_date(as_of) if as_of else dt.date.today()
    enforce_date = parse_date(enforce) if enforce else None
    overrides: dict[str, object] = {}
    for item in opts:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--option needs KEY=VALUE, got {item}")
        overrides[key] = {"true": True, "false": False}.get(value, value)
    options = DraftOptions.from_file(tdir / "options.json", overrides)
    affair_ids = [a for a in affairs.split(",") if a] if affairs else None
    roster_path = Path(roster) if roster else tdir.parent / "roster" / "local_governments.csv"
    bodies = load_roster(roster_path)
    act, rev = law_as_of(ws, "425AC0000000027", date)
    drafter = Drafter(tdir, act, date)
    if all_bodies or roster:
        if names:
            raise click.UsageError("give NAMES or --all/--roster, not both")
        if not out_dir:
            raise click.UsageError("--all and --roster need --out DIR")
        import time

        start = time.perf_counter()
        drafter.select_affairs(affair_ids)
        drafter.render(bodies[0], options, affair_ids, enforce_date)  # fail fast, before writing anything
        with progress_bar(len(bodies), "drafting") as advance:
            count = draft_batch(
                drafter, bodies, Path(out_dir), options, affair_ids, enforce_date, jobs, advance
            )
        took = time.perf_counter() - start
        click.echo(
            f"{count} drafts written to {out_dir} in {took:.1f} s ({count / took:.0f}/s), "
            f"Act as in force on {date.isoformat()} (revision 施行 {rev.enforced.isoformat()})"
        )
        return
    if not names:
        raise click.UsageError("name a local government (or use --all / --roster with --out)")
    if len(names) > 1 and output:
        raise click.UsageError("-o writes one draft; give one name, or use --roster and --out")
    for name in names:
        body = find_body(bodies, name)
        doc = drafter.render(body, options, affair_ids, enforce_date)
        if amend_from:
            from ..drafting.amendordinance import amendment_ordinance

            data = amendment_ordinance(amend_from, doc, body, enforce_date, fmt, workspace)
        else:
            data = _draft_output(doc, fmt, options.style == "horizontal")
        if output:
            from ..core.xmlio import write_atomic

            write_atomic(output, data)
            click.echo(
                f"wrote {output}: draft for {body.prefecture} {body.name} ({body.code}), Act as in force on {date.isoformat()}",
                err=True,
            )
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
    del json


def _draft_output(doc: object, fmt: str, horizontal: bool) -> bytes:
    from ..core.lawtext import Style, render_law
    from ..core.model import Law
    from ..core.xmlio import Document

    assert isinstance(doc, Document)
    if fmt == "xml":
        return doc.to_bytes()
    lines = list(render_law(Law(doc), Style(horizontal=horizontal)))
    if fmt == "text":
        return ("\n".join(lines) + "\n").encode()
    if fmt == "html":
        from ..render.appendix import draft_html

        return draft_html(lines).encode()
    from ..render.appendix import draft_docx

    return draft_docx(lines)


@main.command()
@workspace_option
@click.argument("affair")
@click.option("--limit", type=int, default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def precedent(affair: str, limit: int, fmt: str, workspace: str | None) -> None:
    """Rank Appendix 1 rows by similarity to a proposed affair, with the reasons (for 類する事務 arguments).

    \b
    Example:
      hosei precedent "大学生に対する奨学金の貸与に関する事務"
    """
    from ..drafting.precedent import rank
    from ..history.workspace import find_workspace

    _, rows = find_workspace(workspace).load_appendix()
    ranked = rank(affair, rows, limit)
    if fmt == "json":
        import json

        click.echo(json.dumps([p.to_json() for p in ranked], ensure_ascii=False, indent=2))
        return
    for i, p in enumerate(ranked, 1):
        click.echo(f"{i}. 別表の{p.row.label}の項 ({p.row.id})  score {p.score:.2f}")
        click.echo(f"   {p.row.body}｜{p.row.affair}")
        click.echo(f"   {p.explain()}")


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
@click.option("--jobs", type=int, default=1, show_default=True)
@click.option(
    "--threshold", type=float, default=0.3, show_default=True, help="Adoption share for promotion candidates."
)
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
        from ..core.xmlio import write_atomic

        write_atomic(output, data.encode())
        counts = {
            t: sum(1 for f in report.flags if f.type == t) for t in sorted({f.type for f in report.flags})
        }
        click.echo(
            f"{len(report.bodies)} ordinances, {len(report.flags)} flags {counts}; wrote {output}", err=True
        )
    else:
        click.echo(data, nl=False)


@main.group()
def synth() -> None:
    """Synthetic corpora with ground truth, for testing and benchmarks."""


@synth.command("ordinances")
@workspace_option
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--count", type=int, default=2000, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--as-of", "as_of", metavar="DATE", help="Draft against the Act in force on DATE (default: today)."
)
def synth_ordinances(out: str, count: int, seed: int, as_of: str | None, workspace: str | None) -> None:
    """Render COUNT ordinances for real bodies with realistic divergences, and truth.json listing them.

    \b
    Example:
      hosei synth ordinances corpus --count 2000 --seed 1
    """
    import datetime as dt

    from ..core.eradate import parse_date
    from ..drafting.draft import Drafter, template_dir_for
    from ..drafting.roster import load_roster
    from ..drafting.synth import synthesise
    from ..history.versions import law_as_of
    from ..history.workspace import find_workspace

    ws = find_workspace(workspace)
    date = parse_date(as_of) if as_of else dt.date.today()
    tdir = template_dir_for(ws.root)
    act, _ = law_as_of(ws, "425AC0000000027", date)
    drafter = Drafter(tdir, act, date)
    bodies = load_roster(tdir.parent / "roster" / "local_governments.csv")
    summary = synthesise(drafter, bodies, Path(out), count, seed)
    click.echo(
        f"{summary['count']} ordinances and truth.json ({len(summary['divergences'])} divergences) in {out}"
    )


@main.command()
@workspace_option
@click.argument("base")
@click.argument("amendment", type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the amended law here (atomically)."
)
@click.option("--format", "fmt", type=click.Choice(["xml", "text"]), default="xml", show_default=True)
@click.option(
    "--law",
    help="In an amending act of several laws, the part for this law (e-Gov id such as 403AC0000000090, or its "
    "title); default: BASE's own law.",
)
def amend(
    base: str, amendment: str, output: str | None, fmt: str, law: str | None, workspace: str | None
) -> None:
    """Apply amendment sentences (改め文) to BASE and print the consolidated new version (溶け込み).

    BASE is a file (XML or text), LAW@DATE or REV:PATH. AMENDMENT may be a whole amending act of several laws
    (第一条　…法の一部を次のように改正する。 第二条　…): the part for BASE's law is applied, with any part that
    amends an earlier act whose 附則 BASE carries. Errors name the sentence (its line in AMENDMENT) and what was
    wrong; nothing is written then.

    \b
    Example:
      hosei amend old.xml amendment.txt -o new.xml
      hosei amend 借地借家法@2026-05-21 act.txt --law 403AC0000000090
    """
    from ..amend.apply import amend as apply_amendment
    from ..core.errors import HoseiError
    from ..core.lawtext import render_law
    from ..core.model import Law
    from ..history.versions import resolve_version

    version = resolve_version(base, workspace)
    try:
        text = Path(amendment).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HoseiError("no such file", amendment) from None
    try:
        doc, _ = apply_amendment(version.law, text, law)
    except HoseiError as exc:
        if exc.file == "<amendment>":
            raise HoseiError(exc.message, amendment, exc.line) from None
        raise
    data = doc.to_bytes() if fmt == "xml" else ("\n".join(render_law(Law(doc))) + "\n").encode()
    if output:
        from ..core.xmlio import write_atomic

        write_atomic(output, data)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@workspace_option
@click.argument("base")
@click.option(
    "--amendment",
    type=click.Path(dir_okay=False),
    help="Also apply these amendment sentences and report knock-on references they leave (ハネ漏れ).",
)
@click.option(
    "--other-laws",
    type=click.Path(file_okay=False),
    help="With --amendment: also report citations of BASE in the law XML files of this folder whose provision "
    "the amendment moves or deletes, each with the sentence that fixes it.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(base: str, amendment: str | None, other_laws: str | None, fmt: str, workspace: str | None) -> None:
    """Check references: dangling ones and numbering gaps in BASE, and with --amendment the knock-on fixes it needs.

    BASE is a file (XML or text), LAW@DATE or REV:PATH. A knock-on reference is a 「前項」, 「前二項」, 「第三項」 or
    「第三十八条第二項」 in a paragraph the amendment keeps, which pointed at one paragraph before and points at
    another (or at nothing) after; each comes with the amendment sentence that fixes it. Exit 0 when nothing is
    found, 1 when something is.

    \b
    Examples:
      hosei check old.xml --amendment amendment.txt
      hosei check 番号法@2026-01-01 --format json
    """
    import json

    from ..amend.knockon import check_law, knock_on_and_result
    from ..core.errors import HoseiError
    from ..core.numerals import to_kanji
    from ..history.versions import resolve_version

    version = resolve_version(base, workspace)
    problems = check_law(version.law)
    knock: list[Any] = []
    others: list[Any] = []
    if other_laws and not amendment:
        raise click.UsageError("--other-laws needs --amendment")
    if amendment:
        try:
            text = Path(amendment).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise HoseiError("no such file", amendment) from None
        try:
            knock, amended = knock_on_and_result(version.law, text)
            if other_laws:
                from ..analysis.otherlaws import load_other_laws, other_law_references

                others = other_law_references(version.law, amended, load_other_laws(other_laws))
        except HoseiError as exc:
            if exc.file == "<amendment>":
                raise HoseiError(exc.message, amendment, exc.line) from None
            raise
    if fmt == "json":
        data = {
            "problems": [p.to_json() for p in problems],
            "knock_on": [k.to_json() for k in knock],
            "other_laws": [r.to_json() for r in others],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for k in knock:
            click.echo(
                f"knock-on  {k.article}第{to_kanji(k.paragraph_before)}項"
                f" (now {k.article_after or k.article}第{to_kanji(k.paragraph_after)}項): {k.reason}"
            )
            if k.sentence:
                click.echo(f"          proposed: {k.sentence}")
                click.echo(f"          (in the article's sentence, before its moves: 「{k.clause}」)")
        for r in others:
            target = f"now means 「{r.now}」" if r.now else "cites a provision the amendment deletes"
            click.echo(f"other law {r.law} {r.where}: 「{r.quote}」 {target} ({r.file})")
            if r.sentence:
                click.echo(f"          proposed: {r.sentence}")
        for p in problems:
            click.echo(f"{p.kind:<9} {p.where}: {p.message}")
        in_others = f"{len(others)} in other laws, " if other_laws else ""
        click.echo(
            f"{len(knock)} knock-on reference(s), {in_others}{len(problems)} other problem(s)", err=True
        )
    if knock or problems or others:
        sys.exit(1)


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
        from ..core.xmlio import write_atomic

        write_atomic(output, data.encode())
    else:
        click.echo(data, nl=False)
    summary = report.summary()
    click.echo(
        f"{summary['affected']} of {summary['ordinances']} ordinances affected; citations: "
        + ", ".join(f"{n} {kind}" for kind, n in summary["citations"].items())
        + (f"; {summary['drafts']} drafts" if draft_dir else ""),
        err=True,
    )


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
        from ..core.xmlio import write_atomic

        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    failing = [r for r in results if r.status in FAILING]
    if failing:
        click.echo(
            f"Error: {len(failing)} of {len(results)} pairs wrong, crashed or unreadable; first: {failing[0].reason}",
            err=True,
        )
        sys.exit(1)
