"""Commands that read laws in the workspace: show, log, check, validate, init, and the git textconv driver."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .base import allow_gaps_option, main, workspace_option


@main.command()
@click.option("--lenient", is_flag=True, help="Accept e-Gov bulk-download additions (reported as warnings).")
@click.option("--quiet", "-q", is_flag=True, help="No warning lines: errors and the summary only.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def validate(paths: tuple[str, ...], lenient: bool, quiet: bool, fmt: str) -> None:
    """Validate law XML (schema v3) and appendix1/ files; folders are searched for *.xml.

    With --lenient, the attributes the bulk download adds are set aside and counted as warnings (one line each;
    --quiet leaves them out and says how many there were). --format json: one object per file (file, valid,
    errors, warnings) for scripts.

    \b
    Example:
      hosei validate statutes appendix1
      hosei validate --lenient --quiet 334AC0000000125_20220401_503AC0000000037.xml
    """
    import json

    from ..core.validate import iter_xml_files, validate_file

    failed = 0
    count = 0
    warned = 0
    reports = []
    for path in iter_xml_files(paths):
        count += 1
        report = validate_file(path, lenient=lenient)
        warned += len(report.warnings)
        if fmt == "json":
            reports.append(
                {
                    "file": str(path),
                    "valid": report.ok,
                    "errors": [str(e) for e in report.errors],
                    "warnings": [str(w) for w in report.warnings],
                }
            )
        else:
            for w in [] if quiet else report.warnings:
                click.echo(f"Warning: {w}", err=True)
            for e in report.errors:
                click.echo(f"Error: {e}", err=True)
        if not report.ok:
            failed += 1
    if count == 0:
        raise click.UsageError("no XML files found in the given paths")
    if fmt == "json":
        click.echo(json.dumps(reports, ensure_ascii=False, indent=2))
    else:
        note = f" ({warned} warnings)" if warned and quiet else ""
        click.echo(f"{count - failed} of {count} files valid{note}")
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
@allow_gaps_option
def show(
    law: str, citation: str | None, fmt: str, workspace: str | None, as_of: str | None, style: str
) -> None:
    """Print a law or one provision of it.

    LAW is a law id (425AC0000000027), an abbreviation or title from the workspace (番号法), a file (e-Gov XML,
    an API v2 response), LAW@DATE or REV:PATH — the ways every command takes a law. CITATION is written as a drafter writes it: 第九条第二項, 第9条第2項, 附則第一条第五号,
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
    elif not Path(law).exists() and ("@" in law or ":" in law):
        from ..history.versions import resolve_version  # LAW@DATE, REV:PATH: as diff and amend take them

        law_obj = resolve_version(law, workspace).law
    else:
        # an article's text does not need Appendix 1 assembled from its 177 row files
        law_obj = open_law(law, workspace, appendix=citation is None or citation.lstrip().startswith("別表"))
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


@main.command(hidden=True)
@click.argument("file", type=click.Path())
def textconv(file: str) -> None:
    """git diff driver: print a workspace XML file as text, so git diff shows provisions, not markup."""
    from ..core.appendix import AppendixRow
    from ..core.egovdata import parse_law_file
    from ..core.lawtext import render_law
    from ..core.model import Law
    from ..render.appendix import row_text

    doc = parse_law_file(file)  # a bare law, an API v2 response (XML or JSON), an appendix row
    if doc.root.tag == "AppendixRow":
        click.echo(row_text(AppendixRow.from_document(doc)))
    elif doc.root.tag == "Law":
        for line in render_law(Law(doc)):
            click.echo(line)
    else:
        sys.stdout.buffer.write(doc.to_bytes())


@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
def init(directory: str) -> None:
    """Create a workspace: a git repository with statutes/, appendix1/, templates/ and the bundled revisions.

    \b
    Example:
      hosei init my-workspace && cd my-workspace && hosei log 番号法
    """

    from ..history.versions import init_workspace

    results = init_workspace(Path(directory))
    for r in results:
        act = r.info.amended_by.number if r.info.amended_by else "base text"
        click.echo(f"recorded {r.info.law_id} 施行 {r.info.enforced.isoformat()} ({act}) as {r.commit[:10]}")
    from ..history.versions import GIT_DIFF_CONFIG

    click.echo(f"workspace ready: {directory}")
    click.echo(f"for provision-level git diffs, run in it once: {GIT_DIFF_CONFIG}")


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
@click.option(
    "--write-fixed",
    type=click.Path(dir_okay=False),
    help="With --amendment: write the amendment with every proposed knock-on fix put where it goes (atomically).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(
    base: str,
    amendment: str | None,
    other_laws: str | None,
    write_fixed: str | None,
    fmt: str,
    workspace: str | None,
) -> None:
    """Check references: dangling ones and numbering gaps in BASE, and with --amendment the knock-on fixes it needs.

    BASE is a file (XML or text), LAW@DATE or REV:PATH. A knock-on reference is a 「前項」, 「前二項」, 「第三項」 or
    「第三十八条第二項」 in a paragraph the amendment keeps, which pointed at one paragraph before and points at
    another (or at nothing) after; each comes with the amendment sentence that fixes it and where that sentence goes
    (before the first sentence that acts on the article, whose numbers it is written with). A citation the
    amendment rewrites itself is the drafter's, never a finding. Exit 0 when nothing is found, 1 when something is.

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
    if write_fixed and not amendment:
        raise click.UsageError("--write-fixed needs --amendment")
    if amendment:
        from .compare import _read_amendment

        text = _read_amendment(amendment)
        try:
            knock, amended = knock_on_and_result(version.law, text)
            if other_laws:
                from ..analysis.otherlaws import load_other_laws, other_law_references

                others = other_law_references(version.law, amended, load_other_laws(other_laws))
        except HoseiError as exc:
            if exc.file == "<amendment>":
                raise HoseiError(exc.message, amendment, exc.line) from None
            raise
        if write_fixed:
            from ..amend.placement import with_fixes
            from ..core.xmlio import write_output

            fixed = with_fixes(text, [(k.article, k.sentence) for k in knock if k.sentence])
            write_output(write_fixed, fixed.encode())
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
                where = (
                    f"before line {k.before_line} (「{k.before[:30]}…」)" if k.before_line else "at the end"
                )
                click.echo(f"          proposed: {k.sentence}")
                click.echo(
                    f"          goes {where}; or in the article's sentence, before its moves: 「{k.clause}」"
                )
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
