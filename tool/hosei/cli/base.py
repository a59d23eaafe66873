"""The command group every command registers on, its error handling, and the options several commands share."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class HoseiGroup(click.Group):
    """A group that turns library errors into one clean line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        from ..core.errors import HoseiError, Interrupted, InvalidDate

        try:
            return super().invoke(ctx)
        except Interrupted as exc:
            click.echo(
                ("\n" if sys.stderr.isatty() else "") + f"Error: {exc}", err=True
            )  # after a progress bar
            sys.exit(130)
        except InvalidDate as exc:  # a bad value given on the command line: a usage error, exit 2 everywhere
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)
        except HoseiError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            sys.exit(1)
        except OSError as exc:  # a place the system refused that no check before named: still one line
            where = f" ({exc.filename})" if exc.filename else ""
            click.echo(f"Error: {exc.strerror or exc}{where}", err=True)
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


def context_option(help_text: str) -> Callable[[F], F]:
    """--context of every comparison (diff, appendix diff): unchanged neighbours shown in full."""
    return click.option("--context", type=click.IntRange(min=0), default=0, show_default=True, help=help_text)


def threshold_option(help_text: str) -> Callable[[F], F]:
    """--threshold: the adoption share that makes an affair a promotion candidate (divergence, appendix propose)."""
    return click.option(
        "--threshold", type=click.FloatRange(0.0, 1.0), default=0.3, show_default=True, help=help_text
    )


def allow_gaps_option(f: F) -> F:
    """--allow-gaps: read a law as of a date even where a later recorded revision shows acts enforced in between
    (a warning on stderr instead of the error; see hosei.history.gaps). Set for the command's run only (worker
    processes inherit it through HOSEI_ALLOW_GAPS)."""

    def allow(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        if value and not os.environ.get("HOSEI_ALLOW_GAPS"):
            os.environ["HOSEI_ALLOW_GAPS"] = "1"
            ctx.call_on_close(lambda: os.environ.pop("HOSEI_ALLOW_GAPS", None))
        return value

    return click.option(
        "--allow-gaps",
        is_flag=True,
        expose_value=False,
        callback=allow,
        help="Go on with a warning where the recorded history may miss revisions before the date asked for "
        "(default: an error naming the acts in between).",
    )(f)


#: what an output file's extension says it holds
FORMAT_BY_SUFFIX = {
    ".xml": "xml",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".json": "json",
}


def output_format(given: str | None, output: str | None, default: str, choices: tuple[str, ...]) -> str:
    """The format to write: --format when given, else what -o's extension says (draft.docx → docx), else *default*;
    --format and an extension that disagree (-o draft.docx --format text) are a usage error, never a Word file of
    plain text."""
    implied = FORMAT_BY_SUFFIX.get(Path(output).suffix.lower()) if output else None
    if implied is not None and implied not in choices:
        implied = None
    if given is None:
        return implied or default
    if implied is not None and implied != given:
        raise click.UsageError(f"-o {output} is a .{implied} file name but --format says {given}")
    return given


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


#: The module of hosei.cli each command lives in: a command's module is imported only when that command runs (or
#: when the full help lists them all), so `hosei show` does not pay for the imports of `hosei divergence`.
COMMAND_MODULES = {
    "amend": "compare",
    "appendix": "appendix",
    "check": "laws",
    "corpus": "corpus",
    "diff": "compare",
    "divergence": "analysis",
    "draft": "drafting",
    "fetch": "imports",
    "impact": "analysis",
    "import": "imports",
    "init": "laws",
    "log": "laws",
    "precedent": "drafting",
    "show": "laws",
    "synth": "drafting",
    "textconv": "laws",
    "validate": "laws",
}


class MainGroup(HoseiGroup):
    """The top-level group: its commands are found through :data:`COMMAND_MODULES` and imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMAND_MODULES) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            import importlib

            importlib.import_module(f"{__package__}.{COMMAND_MODULES[cmd_name]}")  # registers its commands
        return self.commands.get(cmd_name)


@click.group(cls=MainGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hosei")
def main() -> None:
    """hosei (法制): Japanese legislative drafting over e-Gov law XML.

    \b
    Examples:
      hosei show 番号法 第九条第二項
      hosei appendix list --format json
      hosei validate statutes appendix1
    """


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
