"""The `hosei` command line: a thin Click layer over the library, one module per command group.

Imports of the heavy modules happen inside the commands so that `hosei --help` starts fast. Every
:class:`~hosei.core.errors.HoseiError` becomes ``Error: <what> (<file>:<line>)`` on stderr with exit status 1;
usage errors exit 2 (Click's convention). The command modules register their commands on :data:`main` when they
are imported here.
"""

from __future__ import annotations

from . import analysis, appendix, compare, corpus, drafting, imports, laws  # noqa: F401  (they register commands)
from .base import main

__all__ = ["main"]
