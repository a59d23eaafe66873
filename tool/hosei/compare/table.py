"""The comparison table (新旧対照表) as rows of underlined text, built from the change records.

One row per provision pair in the new order: changed wording underlined (傍線), unchanged parts elided as （略）,
new provisions against （新設）, deleted ones against （削る）, moved provisions with their numbers underlined.
The HTML, Word and terminal renderers only lay these rows out, so all three say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.lawtext import HEADING_INDENT, IDEOGRAPHIC_SPACE
from ..core.model import Provision
from .chars import char_diff
from .diff import Change, DiffResult, own_content

Segment = tuple[str, bool]  # (text, underlined)
#: a segment with this text starts the next column of a table row (an appendix row: 項 | 主体 | 事務), so that the
#: comparison table shows the table's columns instead of running them together in one cell
COLUMN = "\x1f"


def split_columns(segments: list[Segment]) -> list[list[Segment]]:
    """A cell's segments as its columns (one column when it has no COLUMN marker)."""
    columns: list[list[Segment]] = [[]]
    for seg in segments:
        if seg[0] == COLUMN:
            columns.append([])
        else:
            columns[-1].append(seg)
    return columns


@dataclass
class Row:
    new: list[Segment]
    old: list[Segment]
    kind: str = "text"  # heading | text | elided
    depth: int = 0


@dataclass
class Table:
    title: str
    old_label: str
    new_label: str
    rows: list[Row] = field(default_factory=list)


def _plain(text: str) -> list[Segment]:
    return [(text, False)] if text else []


def _label(p: Provision) -> str:
    """The printed number a row starts with (a table row's label is in its first cell)."""
    return "" if p.kind == "table_row" else p.title


def _head(p: Provision, underline: bool) -> list[Segment]:
    label = _label(p)
    if not label:
        return []
    return [(label, underline), ("　", False)]


def _text_segments(p: Provision, spans: list[tuple[str, str]], side: str, moved: bool) -> list[Segment]:
    """A modified provision's line: its number (underlined when it moved) and its text with changed spans
    underlined."""
    if p.kind == "article":
        return _article_segments(p, span_segments(spans, side), moved)
    return _head(p, moved) + span_segments(spans, side)


def _article_segments(p: Provision, segments: list[Segment], moved: bool) -> list[Segment]:
    """An article's head as official tables print it: caption on its own line, then the number (underlined when
    it moved) and, for a single-paragraph article, its sentence. *segments* cover caption and sentence together
    (a modified record's spans); they are cut where the caption ends."""
    caption = p.caption or ""
    head: list[Segment] = []
    rest: list[Segment] = []
    at = 0
    for text, underlined in segments:
        cut = max(0, min(len(text), len(caption) - at))
        if cut:
            head.append((text[:cut], underlined))
        if text[cut:]:
            rest.append((text[cut:], underlined))
        at += len(text)
    out = head + [("\n", False)] if caption else []
    out.append((p.title, moved))
    return out + ([("　", False), *rest] if rest else [])


def span_segments(spans: list[tuple[str, str]], side: str) -> list[Segment]:
    """One side of a character diff, its changed wording underlined."""
    mine = "delete" if side == "old" else "insert"
    return [(text, op == mine) for op, text in spans if op in ("equal", mine)]


def _display_text(p: Provision) -> str:
    if p.kind == "article":
        kids = [k for k in p.children() if k.kind == "paragraph"]
        if len(kids) == 1:
            return own_content(kids[0])
        return ""
    return own_content(p)


class _Builder:
    def __init__(self, result: DiffResult, context: int) -> None:
        self.result = result
        self.context = context
        self.texts = result.texts
        self.by_old: dict[object, Change] = {}
        self.by_new: dict[object, Change] = {}
        for c in result.changes:
            if c.old is not None:
                self.by_old[c.old.el] = c
            if c.new is not None:
                self.by_new[c.new.el] = c
        # every changed element and all its ancestors: "is anything changed below?" is one set lookup
        self.changed_old = {
            a for c in result.changes if c.old is not None for a in (c.old.el, *c.old.el.iterancestors())
        }
        self.changed_new = {
            a for c in result.changes if c.new is not None for a in (c.new.el, *c.new.el.iterancestors())
        }

    def touched(self, o: Provision | None, n: Provision | None) -> bool:
        """Does any change lie in this pair's subtrees?"""
        return (o is not None and o.el in self.changed_old) or (n is not None and n.el in self.changed_new)

    def block(self, o: Provision | None, n: Provision | None, depth: int) -> list[Row]:
        """Rows for one aligned pair and what lies below it."""
        rows: list[Row] = []
        change = self.by_new.get(n.el) if n is not None else None
        if change is None and o is not None:
            change = self.by_old.get(o.el)
        if o is None and n is not None:
            return [Row(self._full(n), [("（新設）", False)], "text", depth)]
        if n is None and o is not None:
            return [Row([("（削る）", False)], self._full(o), "text", depth)]
        assert o is not None and n is not None
        moved = self.texts.renumbered(o, n)
        if change is not None and change.kind == "modified":
            rows.append(
                Row(
                    _text_segments(n, change.spans, "new", moved),
                    _text_segments(o, change.spans, "old", moved),
                    "heading" if n.kind in ("article", "chapter", "section", "appdx_table") else "text",
                    depth,
                )
            )
        elif moved or n.kind in ("article", "appdx_table", "suppl"):
            rows.append(
                Row(
                    self._summary(n, moved),
                    self._summary(o, moved),
                    "heading" if n.kind != "paragraph" else "text",
                    depth,
                )
            )
            lead_new, lead_old = (_display_text(n), _display_text(o)) if n.kind == "article" else ("", "")
            if lead_new and lead_old:
                # a single-paragraph article whose own sentence (the lead-in of its items) is unchanged:
                # 「第十九条　（略）」, as in the official tables (in full with --context)
                if self.context:
                    rows[-1].new = [*rows[-1].new, ("　" + lead_new, False)]
                    rows[-1].old = [*rows[-1].old, ("　" + lead_old, False)]
                else:
                    _elide_sentence(rows[-1])
        kids = self.result.aligned.get((o.el, n.el))  # as the diff aligned them, when it went below this pair
        if kids is None:
            texts = self.texts
            kids = (
                texts.align(o.children(), n.children())
                if n.kind == "appdx_table"
                else texts.align(*texts.child_lists(o, n))
            )
        kids = list(kids)
        elided: list[tuple[Provision | None, Provision | None]] = []
        if kids and rows and rows[-1].kind == "heading" and n.kind == "article":
            ko, kn = kids[0]
            if (
                ko is not None
                and kn is not None
                and ko.kind == kn.kind == "paragraph"
                and not _label(kn)
                and not _label(ko)
            ):
                # the first paragraph reads on the article's own line: 「第二十二条　（略）」, or its changed text
                if not self.touched(ko, kn):
                    if not self.context:
                        _elide_sentence(rows[-1])
                        kids = kids[1:]
                else:
                    first = self.block(ko, kn, depth + 1)
                    own = self.by_new.get(kn.el) or self.by_old.get(ko.el)
                    if own is not None and own.kind == "modified" and first:
                        sentence = first.pop(0)
                        rows[-1].new = [*rows[-1].new, ("　", False), *sentence.new]
                        rows[-1].old = [*rows[-1].old, ("　", False), *sentence.old]
                    else:  # its own sentence is unchanged, its items are not
                        _elide_sentence(rows[-1])
                    rows += first
                    kids = kids[1:]
        for ko, kn in kids:
            if self.touched(ko, kn) or (ko is not None and kn is not None and self.texts.renumbered(ko, kn)):
                rows += self._elided(elided, depth + 1)
                elided = []
                rows += self.block(ko, kn, depth + 1)
            else:
                elided.append((ko, kn))
        rows += self._elided(elided, depth + 1, trailing=True)
        return rows

    def _summary(self, p: Provision, moved: bool) -> list[Segment]:
        if p.kind == "article":
            head = [(p.caption + "\n", False)] if p.caption else []
            return head + [(p.title, moved)]
        if p.kind == "suppl":
            amend = p.el.get("AmendLawNum")
            return [(p.title + (f"（{amend}）" if amend else ""), False)]
        if p.kind == "appdx_table":
            return [(p.title, False)]
        return _head(p, moved) + [("（略）", False)]

    def _full(self, p: Provision) -> list[Segment]:
        text = "\n".join(p.text().split("\n"))
        return [(text, True)]

    def _elided(
        self, pairs: list[tuple[Provision | None, Provision | None]], depth: int, trailing: bool = False
    ) -> list[Row]:
        if not pairs:
            return []
        shown = pairs[: self.context] if self.context else []
        rows = []
        for o, n in shown:
            if o is not None and n is not None:
                rows.append(Row(_plain(n.text()), _plain(o.text()), "text", depth))
        rest = pairs[len(shown) :]
        if rest:

            def span(side: int) -> str:
                # the first and the last number on this side (the ones between are never printed)
                first = _numbered(rest, side, reverse=False)
                if first is None:
                    return "（略）"
                last = _numbered(rest, side, reverse=True) or first
                if last[0] == first[0]:
                    return elided(first[1])
                between = [p[side] for p in rest[first[0] + 1 : last[0]]]
                return elided(
                    first[1], last[1], neighbours=not any(q.title for q in between if q is not None)
                )

            rows.append(Row(_plain(span(1)), _plain(span(0)), "elided", depth))
        return rows


def _elide_sentence(row: Row) -> None:
    """「第二十二条　（略）」: the article's unchanged sentence elided after its number, on both sides."""
    row.new = [*row.new, ("　（略）", False)]
    row.old = [*row.old, ("　（略）", False)]


def elided(first: str, last: str | None = None, neighbours: bool = False) -> str:
    """Unchanged provisions left out: 「三　（略）」, two neighbours 「２・３　（略）」, a longer run 「２～７　（略）」
    (as citations write 第二条・第三条 and 第二条から第七条まで)."""
    if last is None:
        return f"{first}　（略）"
    return f"{first}{'・' if neighbours else '～'}{last}　（略）"


def _numbered(
    pairs: list[tuple[Provision | None, Provision | None]], side: int, reverse: bool
) -> tuple[int, str] | None:
    """The first (or last) provision on one side of *pairs* that has a printed number, with its index."""
    for i in range(len(pairs) - 1, -1, -1) if reverse else range(len(pairs)):
        p = pairs[i][side]
        title = p.title if p is not None else ""
        if title:
            return i, title
    return None


_DIVISION_KINDS = ("part", "chapter", "section", "subsection", "division")


def _division_row(change: Change) -> Row:
    """A renamed, renumbered, new or deleted division title (章名・節名…), indented as in the law's text; its
    articles are not repeated here (they have blocks of their own)."""
    node = change.new if change.new is not None else change.old
    assert node is not None
    indent = [(IDEOGRAPHIC_SPACE * HEADING_INDENT[node.kind], False)]
    if change.old is None:
        return Row(indent + [(node.title, True)], [("（新設）", False)], "heading")
    if change.new is None:
        return Row([("（削る）", False)], indent + [(node.title, True)], "heading")
    return Row(
        indent + span_segments(change.spans, "new"), indent + span_segments(change.spans, "old"), "heading"
    )


def _first_article(p: Provision | None) -> object | None:
    """The element a division's title row stands before: the first article inside it."""
    return next(p.el.iter("Article"), None) if p is not None else None


def build_table(result: DiffResult, old_label: str, new_label: str, context: int = 0) -> Table:
    """The comparison table of a diff: one block per changed article, 附則 block or appendix table, in document
    order; a changed division title stands where the division begins (before its first article on either side,
    whichever comes first)."""
    table = Table(result.new.title or result.old.title, old_label, new_label)
    builder = _Builder(result, context)
    division_rows: list[Row] = []
    before: dict[object, list[int]] = {}  # first article → division rows (indexes) that stand before it
    for change in result.changes:
        node = change.new if change.new is not None else change.old
        if node is not None and node.kind in _DIVISION_KINDS:
            division_rows.append(_division_row(change))
            anchors = {_first_article(change.new), _first_article(change.old)} - {None}
            for anchor in anchors or {None}:
                before.setdefault(anchor, []).append(len(division_rows) - 1)
    placed: set[int] = set()

    def place(anchor: object | None) -> None:
        for k in before.pop(anchor, []):
            if k not in placed:
                placed.add(k)
                table.rows.append(division_rows[k])

    place(None)  # a division without articles: at the top
    for o, n in result.blocks:
        for p in (n, o):
            if p is not None and p.el in before:
                place(p.el)
        if builder.touched(o, n) or (o is not None and n is not None and result.texts.renumbered(o, n)):
            table.rows += builder.block(o, n, 0)
    for anchor in list(before):
        place(anchor)
    return table


__all__ = ["Row", "Table", "build_table", "char_diff"]
