"""Amending ordinances (一部改正条例) drafted from an ordinance in force and the new draft for the same body.

The amending text is generated from the diff (municipal style: title, opening, one sentence per line, tables
replaced whole, 附則) and applied back to the old ordinance before anything is returned: the consolidated result must
equal the new draft, so a municipality never receives an amendment that does not produce the ordinance it wants."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..compare.diff import DiffResult
from ..core.errors import HoseiError
from ..core.model import Law
from ..core.xmlio import Document
from .roster import Body


@dataclass
class AmendmentOrdinance:
    """The amending text and the diff it was generated from (old and new ordinance, for the comparison table)."""

    text: str
    diff: DiffResult


def draft_amendment(old: Law, new: Document, enforce: dt.date | None = None) -> AmendmentOrdinance:
    """Generate the municipal-style amendment from *old* to *new* (checked by applying it back, in
    :func:`hosei.amend.generate.generate`)."""
    import copy

    from ..amend.generate import generate
    from ..compare.diff import diff_laws

    new_law = Law(copy.deepcopy(new))
    # the ordinance's own 附則 (its enactment) is not amended: the amending ordinance carries its own 附則
    body = new_law.root.find("LawBody")
    old_body = old.root.find("LawBody")
    if body is not None and old_body is not None:
        for el in body.findall("SupplProvision"):
            body.remove(el)
        tables = body.findall("AppdxTable")
        for el in old_body.findall("SupplProvision"):
            if tables:
                tables[0].addprevious(copy.deepcopy(el))
            else:
                body.append(copy.deepcopy(el))
    result = diff_laws(old, new_law)
    if not result.changes:
        raise HoseiError("the ordinance in force already reads as the new draft: nothing to amend")
    return AmendmentOrdinance(generate(result, style="municipal", enforce=enforce), result)


def amendment_ordinance(
    old_spec: str, new: Document, body: Body, enforce: dt.date | None, fmt: str, workspace: str | None = None
) -> bytes:
    """The amending ordinance for *body* in *fmt*: text (the ordinance), html or docx (its comparison table)."""
    from ..history.versions import resolve_version

    old = resolve_version(old_spec, workspace).law
    if old.title and body.name not in old.title:
        raise HoseiError(f"{old_spec} is not an ordinance of {body.name}: {old.title}")
    drafted = draft_amendment(old, new, enforce)
    if fmt in ("html", "docx"):
        from ..compare.formats import to_docx, to_html
        from ..compare.table import build_table

        table = build_table(
            drafted.diff, f"{old.title}（現行）", f"{old.title}の一部を改正する条例（案）による改正後"
        )
        if fmt == "docx":
            return to_docx(table, "new-old")
        return to_html(table, "new-old").encode()
    return drafted.text.encode()
