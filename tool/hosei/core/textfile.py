"""Text files as people hand them over: UTF-8 (with or without BOM), or the Japanese legacy encodings that 例規集
exports and old Windows tools still write (Shift_JIS as CP932, EUC-JP), told apart by decoding; empty and binary
files refused with a clear error instead of a law built from nothing."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import HoseiError
from .xmlio import read_limited

#: the encodings tried after UTF-8, in order, with the name a warning gives them
LEGACY = (("cp932", "Shift_JIS (CP932)"), ("euc_jp", "EUC-JP"))
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) | {127}


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 1 % control characters in the first 8 kB: not a text anyone typed."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    return bool(head) and sum(1 for b in head if b in _CONTROL) > len(head) / 100


_NOT_XML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text XML can hold: a form feed (a PDF's page break) becomes a line break, other control characters go."""
    return _NOT_XML.sub("", text.replace("\x0c", "\n"))


def decode_text(data: bytes, source: str) -> tuple[str, str | None]:
    """The text (with what XML cannot hold taken out: :func:`xml_safe`) and, when it was not UTF-8, the name of
    the encoding it was read in (for a warning)."""
    if not data.strip(b" \t\r\n\x0c\xef\xbb\xbf"):
        raise HoseiError("empty file: there is no text to read", source)
    if looks_binary(data):
        raise HoseiError("not a text file (binary data)", source)
    try:
        return xml_safe(data.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        pass
    for codec, name in LEGACY:
        try:
            return xml_safe(data.decode(codec)), name
        except UnicodeDecodeError:
            continue
    raise HoseiError("not text in UTF-8, Shift_JIS or EUC-JP", source)


def read_text_file(path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """:func:`decode_text` of a file, with the file's own errors (missing, a folder, unreadable) as HoseiError."""
    return decode_text(read_limited(path, "a file"), str(Path(path)))
