"""Amending ordinances (一部改正条例) drafted from an old ordinance and the new draft."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errors import HoseiError
from .roster import Body
from .xmlio import Document


def amendment_ordinance(old_path: Path, new: Document, body: Body, enforce: dt.date | None, fmt: str) -> str:
    raise HoseiError(
        "amending ordinances (--amend-from) need amendment sentences, which are not implemented yet"
    )
