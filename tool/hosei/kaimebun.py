"""Amendment sentences (改め文): generated from a diff (see the amendment-sentence issue)."""

from __future__ import annotations

import datetime as dt

from .diff import DiffResult
from .errors import HoseiError


def generate(result: DiffResult, style: str = "national", enforce: dt.date | None = None) -> str:
    raise HoseiError("amendment sentences (--format kaimebun) are not implemented yet")
