"""Hardened parsing (every attack refused fast, nothing expanded) and byte-exact canonical writing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from hosei.cli import main
from hosei.core.errors import HoseiError
from hosei.core.xmlio import _parser, c14n_equal, parse_bytes, parse_file, write_atomic, write_document

from conftest import ALL_EGOV_XML, MYNUMBER_2025

XXE_FILE = b"""<?xml version="1.0"?>
<!DOCTYPE Law [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Law><LawNum>&xxe;</LawNum></Law>
"""
XXE_URL = b"""<?xml version="1.0"?>
<!DOCTYPE Law [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/evil">]>
<Law><LawNum>&xxe;</LawNum></Law>
"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Law>&lol9;</Law>
"""
QUADRATIC = (
    b'<?xml version="1.0"?>\n<!DOCTYPE Law [<!ENTITY a "'
    + b"x" * 100_000
    + b'">]>\n<Law>'
    + b"&a;" * 20_000
    + b"</Law>\n"
)
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE Law SYSTEM "http://127.0.0.1:9/law.dtd">
<Law/>
"""
LOWERCASE_DOCTYPE = b"""<?xml version="1.0"?>
<!doctype Law [<!entity x "y">]><Law>&x;</Law>
"""

MALICIOUS = {
    "xxe-file": (XXE_FILE, "DTDs and entity declarations are not allowed"),
    "xxe-url": (XXE_URL, "DTDs and entity declarations are not allowed"),
    "billion-laughs": (BILLION_LAUGHS, "DTDs and entity declarations are not allowed"),
    "quadratic-blowup": (QUADRATIC, "DTDs and entity declarations are not allowed"),
    "external-dtd": (EXTERNAL_DTD, "DTDs and entity declarations are not allowed"),
    "lowercase-doctype": (LOWERCASE_DOCTYPE, "DTDs and entity declarations are not allowed"),
}


@pytest.mark.parametrize("name", sorted(MALICIOUS))
def test_malicious_input_refused_fast(tmp_path: Path, name: str) -> None:
    data, message = MALICIOUS[name]
    path = tmp_path / f"{name}.xml"
    path.write_bytes(data)
    start = time.perf_counter()
    with pytest.raises(HoseiError, match=message) as info:
        parse_file(path)
    assert time.perf_counter() - start < 2.0
    assert info.value.file == str(path)
    assert info.value.line == 2


@pytest.mark.parametrize("name", sorted(MALICIOUS))
def test_malicious_input_cli_error(tmp_path: Path, name: str) -> None:
    data, message = MALICIOUS[name]
    path = tmp_path / f"{name}.xml"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["show", str(path)])
    assert result.exit_code == 1
    assert result.output == f"Error: {message} in law XML ({path}:2)\n"


def test_parser_itself_never_expands_or_fetches() -> None:
    """Defence in depth: even without the DTD check, the lxml parser resolves nothing."""
    root = etree.fromstring(XXE_FILE, parser=_parser())
    text = "".join(root.itertext())
    assert "root:" not in text
    try:
        root = etree.fromstring(BILLION_LAUGHS, parser=_parser())
    except etree.XMLSyntaxError as exc:  # libxml2's own amplification guard may stop it first
        assert "amplification" in str(exc)
    else:
        assert len(etree.tostring(root)) < 1000


def test_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "truncated.xml"
    data = MYNUMBER_2025.read_bytes()
    path.write_bytes(data[: data.index(b"\n", 5000)])
    start = time.perf_counter()
    with pytest.raises(HoseiError, match="malformed XML") as info:
        parse_file(path)
    assert time.perf_counter() - start < 2.0
    assert info.value.file == str(path)
    assert info.value.line is not None and info.value.line >= 75


def test_fifty_megabyte_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    with path.open("wb") as fh:
        fh.write(b'<?xml version="1.0"?>\n<Law>')
        chunk = b"<!-- padding -->" * 65536
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
        fh.write(b"</Law>\n")
    start = time.perf_counter()
    with pytest.raises(HoseiError, match="file too large"):
        parse_file(path)
    assert time.perf_counter() - start < 2.0
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert "file too large" in result.output


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(HoseiError, match="no such file"):
        parse_file(tmp_path / "nope.xml")
    with pytest.raises(HoseiError, match="is a directory"):
        parse_file(tmp_path)


@pytest.mark.parametrize("path", ALL_EGOV_XML, ids=lambda p: p.name)
def test_read_write_back_unchanged(path: Path, tmp_path: Path) -> None:
    doc = parse_file(path)
    out = tmp_path / path.name
    write_document(out, doc)
    assert out.read_bytes() == path.read_bytes()
    assert c14n_equal(parse_file(out), doc)


def test_write_atomic_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.xml"
    target.write_bytes(b"old")

    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xml"]


def test_parse_bytes_keeps_declaration() -> None:
    doc = parse_bytes(b'<?xml version="1.0" encoding="UTF-8" standalone="no"?><Law/>')
    assert doc.to_bytes() == b'<?xml version="1.0" encoding="UTF-8" standalone="no"?><Law/>'


def test_atomic_write_gives_the_usual_file_mode(tmp_path: Path) -> None:
    """A new file is readable as a plain write would make it (mkstemp's 0600 is not kept); a replaced file keeps
    its mode."""
    import os
    import stat

    from hosei.core.xmlio import write_atomic

    umask = os.umask(0o022)
    try:
        new = tmp_path / "new.txt"
        write_atomic(new, b"x")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        new.chmod(0o600)
        write_atomic(new, b"y")
        assert stat.S_IMODE(new.stat().st_mode) == 0o600
    finally:
        os.umask(umask)
