"""Drafting: ordinance drafts, precedents among Appendix rows, the synthetic corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .base import FORMAT_BY_SUFFIX, allow_gaps_option, main, output_format, progress_bar, workspace_option


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
    "--format",
    "fmt",
    type=click.Choice(["xml", "text", "html", "docx"]),
    default=None,
    help="Default: what -o's extension says (.xml, .txt, .html, .docx), else text.",
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
@click.option(
    "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Processes for batch drafting."
)
@click.option(
    "--amend-from",
    "amend_from",
    metavar="OLD.xml",
    help="Draft the amending ordinance from OLD to the new draft.",
)
@allow_gaps_option
def draft(
    names: tuple[str, ...],
    as_of: str | None,
    affairs: str | None,
    fmt: str | None,
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
    from ..drafting.roster import find_body, load_roster, roster_path
    from ..history.versions import law_as_of
    from ..history.workspace import find_workspace

    fmt = output_format(fmt, output, "text", ("xml", "text", "html", "docx"))
    if amend_from and fmt == "xml":
        raise click.UsageError("--amend-from writes the amending ordinance as text, html or docx, not xml")
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
    roster_file = Path(roster) if roster else roster_path(tdir)
    bodies = load_roster(roster_file)
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
        raise click.UsageError("-o writes one draft; give one name, or use --out DIR")
    if output and out_dir:
        raise click.UsageError("give -o FILE or --out DIR, not both")
    suffix = next(ext for ext, kind in FORMAT_BY_SUFFIX.items() if kind == fmt)
    for name in names:
        body = find_body(bodies, name)
        doc = drafter.render(body, options, affair_ids, enforce_date)
        if amend_from:
            from ..drafting.amendordinance import amendment_ordinance

            data = amendment_ordinance(amend_from, doc, body, enforce_date, fmt, workspace)
        else:
            data = _draft_output(doc, fmt, options.style == "horizontal")
        if out_dir:  # named bodies into a folder: one file each, as --all writes them
            from ..core.xmlio import output_folder, write_output

            target = output_folder(out_dir) / f"{body.code}{suffix}"
            write_output(target, data)
            click.echo(f"wrote {target}: draft for {body.prefecture} {body.name} ({body.code})", err=True)
            continue
        if output:
            from ..core.xmlio import write_output

            write_output(output, data)
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
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def precedent(affair: str, limit: int, fmt: str, workspace: str | None) -> None:
    """Rank Appendix 1 rows by similarity to a proposed affair, with the reasons (for 類する事務 arguments).

    \b
    Example:
      hosei precedent "大学生に対する奨学金の貸与に関する事務"
    """
    from ..drafting.precedent import rank
    from ..history.workspace import find_workspace

    if not affair.strip():
        raise click.BadParameter(
            "give the affair's wording (an empty text matches nothing)", param_hint="AFFAIR"
        )
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


@main.group()
def synth() -> None:
    """Synthetic corpora with ground truth, for testing and benchmarks."""


@synth.command("ordinances")
@workspace_option
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--count", type=click.IntRange(min=1), default=2000, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--as-of", "as_of", metavar="DATE", help="Draft against the Act in force on DATE (default: today)."
)
@allow_gaps_option
def synth_ordinances(out: str, count: int, seed: int, as_of: str | None, workspace: str | None) -> None:
    """Render COUNT ordinances for real bodies with realistic divergences, and truth.json listing them.

    \b
    Example:
      hosei synth ordinances corpus --count 2000 --seed 1
    """
    import datetime as dt

    from ..core.eradate import parse_date
    from ..drafting.draft import Drafter, template_dir_for
    from ..drafting.roster import load_roster, roster_path
    from ..drafting.synth import synthesise
    from ..history.versions import law_as_of
    from ..history.workspace import find_workspace

    ws = find_workspace(workspace)
    date = parse_date(as_of) if as_of else dt.date.today()
    tdir = template_dir_for(ws.root)
    act, _ = law_as_of(ws, "425AC0000000027", date)
    drafter = Drafter(tdir, act, date)
    bodies = load_roster(roster_path(tdir))
    summary = synthesise(drafter, bodies, Path(out), count, seed)
    click.echo(
        f"{summary['count']} ordinances and truth.json ({len(summary['divergences'])} divergences) in {out}"
    )
