"""The `hosei` console script: `hosei --help` from a prepared text, everything else through the Click CLI.

Importing Click alone takes longer than starting the interpreter, and `hosei --help` is what a new user runs
first. The top-level help is therefore kept as text next to the CLI (cli/main-help.txt, exactly what Click prints
in a terminal 80 columns wide or wider; a test renders it with Click and compares), and printed without importing
anything but what the interpreter has already loaded. Narrower terminals, and every other invocation, go to Click.
"""

from __future__ import annotations

import os
import sys

HELP_FILE = os.path.join(os.path.dirname(__file__), "cli", "main-help.txt")


def _columns() -> int:
    """The terminal width as Click finds it (COLUMNS, then the terminal, else 80)."""
    try:
        given = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        given = 0
    if given > 0:
        return given
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def run() -> None:
    if sys.argv[1:] in (["--help"], ["-h"]) and _columns() >= 80 and os.path.exists(HELP_FILE):
        with open(HELP_FILE, encoding="utf-8") as fh:
            sys.stdout.write(fh.read())
        return
    from .cli import main

    main()
