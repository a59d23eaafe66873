"""The 1,788 local governments (MIC codes with check digit) and the wording their kind calls for.

The roster is versioned with the templates (templates/roster/local_governments.csv, MIC 全国地方公共団体コード).
A bad row is an error with its line number, found before anything is drafted.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import HoseiError

KINDS = ("都道府県", "市", "町", "村", "特別区")
COLUMNS = ("code", "prefecture", "name", "kana", "kind", "designated_city")


def check_digit(first5: str) -> int:
    """The MIC code check digit: weights 6,5,4,3,2; 11 minus the remainder mod 11, last digit kept."""
    total = sum(int(d) * w for d, w in zip(first5, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


@dataclass(frozen=True)
class Body:
    """One local government."""

    code: str
    prefecture: str
    name: str
    kana: str
    kind: str
    designated_city: bool
    line: int = 0

    @property
    def head_title(self) -> str:
        """The executive: 知事, 市長, 町長, 村長, 区長."""
        return {"都道府県": "知事", "市": "市長", "町": "町長", "村": "村長", "特別区": "区長"}[self.kind]

    @property
    def self_word(self) -> str:
        """How the ordinance names the body itself: 県, 都, 道, 府, 市, 町, 村, 区 (「市は、…」)."""
        if self.kind == "都道府県":
            return self.name[-1]
        return {"市": "市", "町": "町", "村": "村", "特別区": "区"}[self.kind]

    @property
    def is_prefecture(self) -> bool:
        return self.kind == "都道府県"

    @property
    def qualified_name(self) -> str:
        return self.name if self.is_prefecture else f"{self.prefecture}{self.name}"

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "prefecture": self.prefecture, "name": self.name, "kind": self.kind}


def parse_roster(text: str, source: str) -> list[Body]:
    """Read and check a roster CSV: every row needs a valid code (check digit), a name and a known kind."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _parse_rows(reader, source)
    except csv.Error as exc:  # malformed CSV (a stray quote, a bare carriage return): one line, where it was
        raise HoseiError(f"not a roster CSV: {exc}", source, reader.line_num or None) from None


def _parse_rows(reader: csv.DictReader[str], source: str) -> list[Body]:
    missing = [c for c in COLUMNS[:5] if c not in (reader.fieldnames or [])]
    if missing:
        raise HoseiError(f"roster without column(s) {', '.join(missing)}", source, 1)
    bodies = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        code = (row.get("code") or "").strip()
        if len(code) != 6 or not code.isdigit():
            raise HoseiError(f"bad code {code!r} (six digits expected)", source, line)
        if check_digit(code[:5]) != int(code[5]):
            raise HoseiError(
                f"bad check digit in code {code} (expected {code[:5]}{check_digit(code[:5])})", source, line
            )
        name = (row.get("name") or "").strip()
        if not name:
            raise HoseiError(f"missing name for code {code}", source, line)
        kind = (row.get("kind") or "").strip()
        if kind not in KINDS:
            raise HoseiError(
                f"unknown kind {kind!r} for {name} (expected one of {', '.join(KINDS)})", source, line
            )
        if code in seen:
            raise HoseiError(f"code {code} appears twice (also line {seen[code]})", source, line)
        seen[code] = line
        bodies.append(
            Body(
                code,
                (row.get("prefecture") or "").strip(),
                name,
                (row.get("kana") or "").strip(),
                kind,
                (row.get("designated_city") or "0").strip() == "1",
                line,
            )
        )
    if not bodies:
        raise HoseiError("roster has no rows", source)
    return bodies


def roster_path(template_dir: Path) -> Path:
    """The roster kept with the templates: templates/roster/local_governments.csv beside templates/article9-2/."""
    return template_dir.parent / "roster" / "local_governments.csv"


def load_roster(path: Path) -> list[Body]:
    """The roster CSV: UTF-8 (with or without BOM) or, as spreadsheets on Japanese Windows save it, Shift_JIS."""
    from ..core.textfile import read_text_file

    text, _encoding = read_text_file(path)
    return parse_roster(text, str(path))


def find_body(bodies: list[Body], query: str) -> Body:
    """A body by code (016390), name (更別村), or prefecture + name (東京都府中市); errors list the options."""
    q = query.strip()
    if q.isdigit():
        for b in bodies:
            if b.code == q or (len(q) == 5 and b.code[:5] == q):
                return b
        raise HoseiError(f"no local government with code {q}")
    exact = [b for b in bodies if b.name == q or b.qualified_name == q]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        options = ", ".join(f"{b.prefecture}{b.name} ({b.code})" for b in exact)
        raise HoseiError(
            f"ambiguous name {q}: {options}; write the prefecture too (e.g. {exact[0].qualified_name}) or the code"
        )
    names = sorted({b.name for b in bodies} | {b.qualified_name for b in bodies})
    close = [n for n in names if n.startswith(q)][:5] or difflib.get_close_matches(q, names, n=5, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise HoseiError(f"unknown local government: {q}{hint}")
