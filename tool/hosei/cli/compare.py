"""Comparing versions and amending them: diff (新旧対照表, 改め文 …) and amend."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from typing import Any

import click

from .base import allow_gaps_option, columns_option, context_option, main, output_format, workspace_option

DIFF_FORMATS = ["html", "docx", "text", "json", "unified", "kaimebun"]


@main.command()
@workspace_option
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DIFF_FORMATS),
    default=None,
    help="Default: what -o's extension says (.html, .docx, .json, .txt), else text.",
)
@columns_option
@context_option("Unchanged sibling provisions shown in full.")
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
@allow_gaps_option
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

    options["fmt"] = output_format(options["fmt"], options["output"], "text", tuple(DIFF_FORMATS))
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
        from ..core.xmlio import write_output

        write_output(opts.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return bool(result)


@main.command()
@workspace_option
@click.argument("base", required=False)
@click.argument("amendment", required=False, type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the amended law here (atomically)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xml", "text", "json"]),
    default=None,
    help="xml (default) or text for the amended law; text (default) or json with --explain.",
)
@click.option(
    "--law",
    help="In an amending act of several laws, the part for this law (e-Gov id such as 403AC0000000090, or its "
    "title); default: BASE's own law.",
)
@click.option(
    "--enforced",
    help="Apply only the sentences in force on this date (YYYY-MM-DD or 令和8年4月1日), by the act's 附則 "
    "(施行期日).",
)
@click.option("--promulgated", help="With --enforced: the act's promulgation date (for 「公布の日」).")
@click.option(
    "--explain",
    is_flag=True,
    help="Print the operations each sentence of AMENDMENT reads as (no BASE needed), or the first sentence that "
    "does not read.",
)
def amend(
    base: str | None,
    amendment: str | None,
    output: str | None,
    fmt: str | None,
    law: str | None,
    enforced: str | None,
    promulgated: str | None,
    explain: bool,
    workspace: str | None,
) -> None:
    """Apply amendment sentences (改め文) to BASE and print the consolidated new version (溶け込み).

    BASE is a file (XML or text), LAW@DATE or REV:PATH. AMENDMENT may be a whole amending act of several laws
    (第一条　…法の一部を次のように改正する。 第二条　…): the part for BASE's law is applied, with any part that
    amends an earlier act whose 附則 BASE carries. Errors name the sentence (its line in AMENDMENT) and what was
    wrong; nothing is written then. With --explain, AMENDMENT alone: what each sentence does (the provisions it
    acts on, with 同条／同項 written out, and the operation), for a reviewer or a script (--format json).

    \b
    Example:
      hosei amend old.xml amendment.txt -o new.xml
      hosei amend 借地借家法@2026-05-21 act.txt --law 403AC0000000090
      hosei amend 電気事業法@2026-01-01 act.txt --enforced 2026-04-01
      hosei amend act.txt --explain
    """
    if explain:
        if base is None or (amendment is not None):
            raise click.UsageError("--explain takes AMENDMENT alone (no BASE)")
        _explain(base, fmt or "text", output)
        return
    if base is None or amendment is None:
        raise click.UsageError("Missing argument 'BASE' or 'AMENDMENT'")
    if fmt == "json":
        raise click.UsageError("--format json is for --explain; the amended law is xml or text")
    fmt = fmt or "xml"
    from ..amend.apply import amend as apply_amendment
    from ..core.eradate import parse_date
    from ..core.errors import HoseiError
    from ..core.lawtext import render_law
    from ..core.model import Law
    from ..history.versions import resolve_version

    if promulgated and not enforced:
        raise click.UsageError("--promulgated needs --enforced")
    on = parse_date(enforced) if enforced else None
    promulgation = parse_date(promulgated) if promulgated else None
    version = resolve_version(base, workspace)
    text = _read_amendment(amendment)
    try:
        doc, _ = apply_amendment(version.law, text, law, on, promulgation)
    except HoseiError as exc:
        if exc.file == "<amendment>":
            raise HoseiError(exc.message, amendment, exc.line) from None
        raise
    data = doc.to_bytes() if fmt == "xml" else ("\n".join(render_law(Law(doc))) + "\n").encode()
    if output:
        from ..core.xmlio import write_output

        write_output(output, data)
    else:
        sys.stdout.buffer.write(data)


def _read_amendment(path: str) -> str:
    """The amendment's text: UTF-8, or Shift_JIS / EUC-JP with a warning saying so; empty or binary is an error."""
    from ..core.textfile import read_text_file

    text, encoding = read_text_file(path)
    if encoding is not None:
        click.echo(f"Warning: {path} read as {encoding}, not UTF-8", err=True)
    return text


def _explain(amendment: str, fmt: str, output: str | None) -> None:
    """`hosei amend AMENDMENT --explain`: the operations of every sentence, as text or JSON."""
    import json

    from ..amend.reading import explain
    from ..core.errors import HoseiError

    if fmt == "xml":
        raise click.UsageError("--explain prints text or json")
    try:
        read = explain(_read_amendment(amendment))
    except HoseiError as exc:
        if exc.file == "<amendment>":
            raise HoseiError(exc.message, amendment, exc.line) from None
        raise
    if fmt == "json":
        data = json.dumps([r.to_json() for r in read], ensure_ascii=False, indent=2) + "\n"
    else:
        lines = []
        for r in read:
            lines.append(f"{r.line}: {r.text}")
            lines += [f"    {op.describe()}" for op in r.operations]
        count = sum(len(r.operations) for r in read)
        lines.append(f"{len(read)} sentences, {count} operations")
        data = "\n".join(lines) + "\n"
    if output:
        from ..core.xmlio import write_output

        write_output(output, data.encode())
    else:
        click.echo(data, nl=False)
