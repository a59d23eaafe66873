"""Hardened XML reading and canonical, atomic writing.

Law XML comes from outside (downloads, colleagues, pasted files), so parsing trusts nothing: no DTD is
accepted (e-Gov files never carry one, and every entity attack — XXE, billion laughs, quadratic blowup,
external DTD — needs one), no entity is resolved, nothing is fetched, and oversized files are refused
before they are read. Writing keeps the source's XML declaration and layout byte for byte, so a file
read and written back is unchanged.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import HoseiError

#: Largest XML file hosei reads (bytes). The largest e-Gov law is a few MB; HOSEI_MAX_XML_BYTES overrides.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_PROLOG = b'<?xml version="1.0" encoding="UTF-8"?>\n'

_DTD_RE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_PROLOG_ITEM_RE = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->)", re.DOTALL)


def max_bytes() -> int:
    """The size limit in force (HOSEI_MAX_XML_BYTES or the default)."""
    value = os.environ.get("HOSEI_MAX_XML_BYTES")
    if value and value.isdigit():
        return int(value)
    return DEFAULT_MAX_BYTES


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        collect_ids=False,
    )


@dataclass
class Document:
    """A parsed XML file with the raw bytes around its root element, so it can be written back unchanged."""

    tree: etree._ElementTree
    source: str
    prolog: bytes = DEFAULT_PROLOG
    epilog: bytes = b"\n"
    warnings: list[str] = field(default_factory=list)
    #: the revision metadata of an e-Gov API response the law came in (see :mod:`hosei.core.egovdata`)
    response: dict[str, str] | None = None

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    def to_bytes(self) -> bytes:
        """Serialise with the original declaration and layout."""
        return self.prolog + etree.tostring(self.root, encoding="UTF-8", with_tail=False) + self.epilog


def _split_prolog(data: bytes) -> tuple[bytes, bytes]:
    """Split *data* into the bytes before the root element and the rest."""
    pos = 0
    if data.startswith(b"\xef\xbb\xbf"):
        pos = 3
    while True:
        m = _PROLOG_ITEM_RE.match(data, pos)
        if not m:
            break
        pos = m.end()
    while pos < len(data) and data[pos : pos + 1].isspace():
        pos += 1
    return data[:pos], data[pos:]


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def parse_bytes(data: bytes, source: str = "<input>") -> Document:
    """Parse XML bytes safely; every refusal is a :class:`HoseiError` naming *source* and the line."""
    limit = max_bytes()
    if len(data) > limit:
        raise HoseiError(
            f"file too large: {len(data):,} bytes (limit {limit:,}; set HOSEI_MAX_XML_BYTES)", source
        )
    m = _DTD_RE.search(data)
    if m:
        raise HoseiError(
            "DTDs and entity declarations are not allowed in law XML", source, _line_of(data, m.start())
        )
    prolog, _ = _split_prolog(data)
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        msg = str(exc.msg if hasattr(exc, "msg") else exc)
        msg = re.sub(r",?\s*line \d+, column \d+$", "", msg)
        raise HoseiError(f"malformed XML: {msg}", source, line) from None
    except ValueError as exc:
        raise HoseiError(f"malformed XML: {exc}", source) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise HoseiError("DTDs are not allowed in law XML", source, 1)
    end = data.rstrip()
    epilog = data[len(end) :] if end.endswith(b">") else b""
    return Document(tree=tree, source=source, prolog=prolog or b"", epilog=epilog)


def read_limited(path: str | os.PathLike[str], what: str = "file") -> bytes:
    """A file's bytes, refusing a missing file, a folder and one over the size limit before reading it: the one
    reader of every law, response and text file (each refusal a HoseiError naming the file)."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise HoseiError("no such file", str(p)) from None
    except OSError as exc:
        raise HoseiError(f"cannot read file: {exc.strerror}", str(p)) from None
    if p.is_dir():
        raise HoseiError(f"is a directory, not {what}", str(p))
    limit = max_bytes()
    if size > limit:
        raise HoseiError(f"file too large: {size:,} bytes (limit {limit:,}; set HOSEI_MAX_XML_BYTES)", str(p))
    try:
        return p.read_bytes()
    except OSError as exc:
        raise HoseiError(f"cannot read file: {exc.strerror}", str(p)) from None


def parse_file(path: str | os.PathLike[str]) -> Document:
    """Read and parse an XML file safely, refusing oversized files before reading them."""
    return parse_bytes(read_limited(path, "an XML file"), str(Path(path)))


def canonical(node: etree._Element | etree._ElementTree | Document) -> bytes:
    """Canonical XML (C14N 1.0, comments kept) of a document or element, for equality checks."""
    if isinstance(node, Document):
        node = node.tree
    return etree.tostring(node, method="c14n")


def c14n_equal(
    a: etree._Element | etree._ElementTree | Document, b: etree._Element | etree._ElementTree | Document
) -> bool:
    """True when *a* and *b* are the same XML after canonicalisation."""
    return canonical(a) == canonical(b)


def _mode_for(path: Path) -> int:
    """The replaced file's mode, or 0666 less the umask for a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* so that readers see either the old file or the whole new one, never a part."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=str(p.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(p))  # mkstemp makes 0600: give the file the mode a plain write would
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_output(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a file the user named (``-o``): atomically, into a folder that must exist (a typo is not a reason to
    create folders), with every refusal a HoseiError naming the place."""
    p = Path(path)
    if p.is_dir():
        raise HoseiError("is a folder: give a file name", str(p))
    if not p.parent.is_dir():
        raise HoseiError("no such folder", str(p.parent))
    try:
        write_atomic(p, data)
    except PermissionError:
        raise HoseiError("cannot write here: permission denied", str(p)) from None
    except OSError as exc:
        raise HoseiError(f"cannot write: {exc.strerror}", str(p)) from None


def output_folder(path: str | os.PathLike[str]) -> Path:
    """A folder the user named for many outputs (``--out DIR``): made if missing, inside a folder that exists."""
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise HoseiError("is a file, not a folder", str(p))
    if not p.parent.is_dir():
        raise HoseiError("no such folder", str(p.parent))
    try:
        p.mkdir(exist_ok=True)
        import tempfile

        probe = tempfile.NamedTemporaryFile(dir=p, prefix=".hosei-probe-")
        probe.close()
    except PermissionError:
        raise HoseiError("cannot write here: permission denied", str(p)) from None
    except OSError as exc:
        raise HoseiError(f"cannot write here: {exc.strerror}", str(p)) from None
    return p


def write_document(path: str | os.PathLike[str], doc: Document) -> None:
    """Write *doc* atomically with its own declaration and layout."""
    write_atomic(path, doc.to_bytes())
