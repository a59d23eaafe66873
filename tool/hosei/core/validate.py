"""Schema validation: e-Gov law XML against the official schema v3, hosei's own files against theirs.

Strict by default. Lenient mode exists for e-Gov bulk-download files, which add bookkeeping attributes
(Law@LawId, @Status, SupplProvision@AmendLawId …) that the published schema does not allow: each one
becomes a warning with file:line, the attributes are set aside, and the rest must still validate.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from lxml import etree

from .errors import HoseiError
from .xmlio import Document

EGOV_XSD = "XMLSchemaForJapaneseLaw_v3.xsd"
APPENDIX_RNG = "appendix1.rng"

_NOT_ALLOWED_RE = re.compile(
    r"^Element '(\w+)', attribute '([\w:]+)': The attribute '[\w:]+' is not allowed\.$"
)
#: Value quirks of bulk-download files accepted in lenient mode: (element, attribute, value).
_LENIENT_VALUES = {("AppdxTable", "Num", "0")}
_BAD_VALUE_RE = re.compile(r"^Element '(\w+)', attribute '(\w+)': '([^']*)' is not a valid value")


@dataclass
class Message:
    """One validation finding."""

    file: str
    line: int | None
    text: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{self.text} ({where})"


@dataclass
class Report:
    """Validation outcome of one file."""

    file: str
    errors: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _schema_bytes(name: str) -> bytes:
    return resources.files("hosei").joinpath("schemas", name).read_bytes()


@functools.cache
def egov_schema() -> etree.XMLSchema:
    """The official e-Gov law schema, shipped inside the package (parsed once per process)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.fromstring(_schema_bytes(EGOV_XSD), parser=parser))


@functools.cache
def appendix_schema() -> etree.RelaxNG:
    """hosei's RelaxNG schema for appendix1/ files."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.RelaxNG(etree.fromstring(_schema_bytes(APPENDIX_RNG), parser=parser))


def _validate_egov(doc: Document, lenient: bool) -> Report:
    report = Report(doc.source)
    schema = egov_schema()
    if schema.validate(doc.tree):
        return report
    if not lenient:
        report.errors = [Message(doc.source, e.line, e.message) for e in schema.error_log]
        return report
    # Lenient: set aside the bulk-download additions, report them, and validate what is left.
    stripped = copy.deepcopy(doc.tree)
    by_line: dict[int, list[etree._Element]] = {}
    for el in stripped.iter():
        if isinstance(el.tag, str) and el.sourceline is not None:
            by_line.setdefault(el.sourceline, []).append(el)
    for e in schema.error_log:
        m = _NOT_ALLOWED_RE.match(e.message)
        v = _BAD_VALUE_RE.match(e.message)
        if m:
            tag, attr = m.groups()
            # a document built from an API JSON response has no source lines: any such element will do
            for el in by_line.get(e.line) or [x for x in stripped.iter(tag) if attr in x.attrib]:
                if el.tag == tag and attr in el.attrib:
                    del el.attrib[attr]
                    report.warnings.append(
                        Message(doc.source, e.line, f"attribute {tag}@{attr} is not in the e-Gov schema")
                    )
                    break
        elif v and (v.group(1), v.group(2), v.group(3)) in _LENIENT_VALUES:
            tag, attr, value = v.groups()
            for el in by_line.get(e.line) or [x for x in stripped.iter(tag) if x.get(attr) == value]:
                if el.tag == tag and el.get(attr) == value:
                    del el.attrib[attr]
                    report.warnings.append(
                        Message(
                            doc.source, e.line, f'{tag}@{attr}="{value}" is not valid in the e-Gov schema'
                        )
                    )
                    break
    if not schema.validate(stripped):
        report.errors = [Message(doc.source, e.line, e.message) for e in schema.error_log]
    return report


def validate_document(doc: Document, lenient: bool = False) -> Report:
    """Validate a parsed document against the schema its root element calls for."""
    tag = doc.root.tag
    if tag == "Law":
        return _validate_egov(doc, lenient)
    if tag in ("AppendixRow", "AppendixTable"):
        schema = appendix_schema()
        report = Report(doc.source)
        if not schema.validate(doc.tree):
            report.errors = [Message(doc.source, e.line, e.message) for e in schema.error_log]
        return report
    report = Report(doc.source)
    report.errors.append(
        Message(
            doc.source,
            doc.root.sourceline,
            f"unknown document type <{tag!s}> (expected <Law>, <AppendixRow> or <AppendixTable>)",
        )
    )
    return report


def validate_file(path: str | Path, lenient: bool = False) -> Report:
    """Parse and validate one file; parse errors become the report's error."""
    from .egovdata import parse_law_file

    try:
        doc = parse_law_file(path)  # an API v2 response is validated as the <Law> it carries
    except HoseiError as exc:
        return Report(str(path), errors=[Message(exc.file or str(path), exc.line, exc.message)])
    return validate_document(doc, lenient)


def iter_xml_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders into the XML files under them (sorted); missing paths raise."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(x for x in p.rglob("*.xml") if x.is_file())
        elif p.exists():
            yield p
        else:
            raise HoseiError("no such file or directory", str(p))


def require_valid(doc: Document, lenient: bool = False) -> None:
    """Raise the first validation error of *doc*, if any."""
    report = validate_document(doc, lenient)
    if report.errors:
        first = report.errors[0]
        more = f" (+{len(report.errors) - 1} more)" if len(report.errors) > 1 else ""
        raise HoseiError(f"not valid: {first.text}{more}", first.file, first.line)
