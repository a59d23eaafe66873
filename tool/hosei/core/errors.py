"""The one exception type the CLI turns into ``Error: <what> (<file>:<line>)``.

Every layer raises :class:`HoseiError` for bad input so that the CLI never shows a traceback and the
message always says where the problem is.
"""

from __future__ import annotations


class HoseiError(Exception):
    """Bad input or an impossible request, with the place it was found when known."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        if self.file is None:
            return self.message
        if self.line is None:
            return f"{self.message} ({self.file})"
        return f"{self.message} ({self.file}:{self.line})"


class InvalidDate(HoseiError):
    """A date hosei cannot read (2016-13-01, 令和99年1月1日): a bad value on the command line, so the CLI exits 2
    for it, as for any usage error, in every command (the diff-like commands keep 1 for "the versions differ")."""


class Interrupted(HoseiError):
    """Batch work stopped by the user (Ctrl-C) after cleaning up: what was written is whole, nothing is half-written,
    and the message says how much there is. The CLI exits 130, as a shell does for SIGINT."""
