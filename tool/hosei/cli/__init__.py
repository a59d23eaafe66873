"""The `hosei` command line: a thin Click layer over the library, one module per command group.

Imports of the heavy modules happen inside the commands, and each command module is imported only when one of its
commands runs (:data:`~hosei.cli.base.COMMAND_MODULES`), so start-up pays for the command used and nothing else;
`hosei --help` itself is answered from a prepared text (:mod:`hosei.entry`). Every
:class:`~hosei.core.errors.HoseiError` becomes ``Error: <what> (<file>:<line>)`` on stderr with exit status 1;
usage errors exit 2 (Click's convention). The command modules register their commands on :data:`main` when they
are imported.
"""

from __future__ import annotations

from .base import main

__all__ = ["main"]
