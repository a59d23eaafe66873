"""What an amendment sentence does, as data: the operations a reviewer checks and `hosei amend --explain` prints.

A sentence (「第九条第二項中「A」を「B」に改め、同条を第十条とする。」) is a list of :class:`Operation`: the provisions it
acts on (*targets*, as citations with 同条／同項／同号 written out), what it does (*kind*), and the words, numbers and
new text that go with it. :func:`phrase` writes operations back as the sentence a drafter would print; reading
(:mod:`hosei.amend.reading`) is its inverse — a property test holds ``read(phrase(ops)) == ops``.

The kinds, with the form each is read from:

========================  ==========================================================================================
``replace_words``         「A」を「B」に改め
``add_words``             「A」の下に「B」を加え (municipal: の次に)
``delete_words``          「A」を削り
``renumber``              第七項を第九項とし／同条を第六十三条とし／九の項を十一の項とし (*to*)
``shift``                 第四項から第六項までを二項ずつ繰り下げ (*by*: +2; 繰り上げ −)
``insert_after``          第三号の次に次の一号を加え／…の項の次に次のように加え (*count*, *unit*, *text*)
``insert_before``         第三条の前に次の一条を加え
``append``                第五条に次の一項を加え／別表に次のように加え
``insert_as``             同条に第一項として次の一項を加え (*to*: the number it takes)
``replace``               第十条を次のように改め (*text*)
``delete``                第十条を削り
``set_heading``           第四十六条の見出しを「（…）」に改め (*new*)
``delete_proviso``        同項ただし書を削り
``replace_later_part``    同条後段を次のように改め
``add_later_part``        同項に後段として次のように加え
``add_proviso``           同項に次のただし書を加え
``add_toc``               題名の次に次の目次を付する
========================  ==========================================================================================
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ..core.numerals import to_kanji

#: the counter words of the units a sentence adds, moves and shifts
UNITS = ("編", "章", "節", "款", "目", "条", "項", "号", "表", "様式")


@dataclass(frozen=True)
class Operation:
    """One thing a sentence does to the text before it (numbers are those of the old text, as acts write them)."""

    kind: str
    #: the provisions acted on, as citations (「第九条第二項」, 「別表第一の五の項」, 「目次」, 「本則」, ranges
    #: 「第二十条から第二十二条まで」); several for 「第十条及び第十一条中…」
    targets: tuple[str, ...]
    old: str | None = None  # the quoted words (replace_words, add_words: the anchor; delete_words)
    new: str | None = None  # what they become (replace_words), the words added (add_words), a heading
    to: str | None = None  # the number a provision takes (renumber: 「第九項」; insert_as: 「第一項」)
    by: int | None = None  # shift: + down (繰り下げ), − up (繰り上げ)
    count: str | None = None  # 一, 二, 各 … (insert, append), None for 「次のように」
    unit: str | None = None  # 条, 項, 号 … (insert, append, shift)
    #: the new text the sentence brings (its lines as printed below it), shared by the operations of a sentence
    text: tuple[str, ...] = field(default=())
    #: the law the operation amends when the act names it (an item of 「次に掲げる法律の規定中…」, a further
    #: 「…の一部を次のように改正する。」 part)
    law: str | None = None

    def to_json(self) -> dict[str, object]:
        """The operation for ``--format json``: fields that are not set are left out."""
        data = asdict(self)
        data["targets"] = list(self.targets)
        data["text"] = list(self.text)
        return {k: v for k, v in data.items() if v not in (None, [])}

    def describe(self) -> str:
        """One line a reviewer reads: 「第九条第二項: replace 「A」 with 「B」」."""
        where = "、".join(self.targets)
        law = f"[{self.law}] " if self.law else ""
        if self.kind == "replace_words":
            what = f"replace 「{self.old}」 with 「{self.new}」"
        elif self.kind == "add_words":
            what = f"add 「{self.new}」 after 「{self.old}」"
        elif self.kind == "delete_words":
            what = f"delete 「{self.old}」"
        elif self.kind == "renumber":
            what = f"renumber as {self.to}"
        elif self.kind == "shift":
            assert self.by is not None
            what = f"move {'down' if self.by > 0 else 'up'} by {abs(self.by)} {self.unit}"
        elif self.kind in ("insert_after", "insert_before", "append", "insert_as"):
            how = {"insert_after": "after it", "insert_before": "before it", "append": "at its end"}.get(
                self.kind, f"as {self.to}"
            )
            what = f"add {self.count or 'what follows'}{self.unit or ''} {how} ({len(self.text)} lines)"
        elif self.kind == "replace":
            what = f"replace with the new text ({len(self.text)} lines)"
        elif self.kind == "set_heading":
            what = f"heading becomes 「{self.new}」"
        else:
            what = self.kind.replace("_", " ") + (f" ({len(self.text)} lines)" if self.text else "")
        return f"{law}{where}: {what}"


@dataclass(frozen=True)
class ReadSentence:
    """A sentence of the amendment with the operations it reads as."""

    line: int
    text: str
    operations: tuple[Operation, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "line": self.line,
            "sentence": self.text,
            "operations": [op.to_json() for op in self.operations],
        }


_WORD_KINDS = ("replace_words", "add_words", "delete_words")


def _words(op: Operation) -> str:
    if op.kind == "replace_words":
        return f"「{op.old}」を「{op.new}」に改め"
    if op.kind == "add_words":
        return f"「{op.old}」の下に「{op.new}」を加え"
    return f"「{op.old}」を削り"


def _article_of(place: str) -> str | None:
    m = re.match(
        r"^(?:附則)?(?:第[^条章節款目編]+[編章節款目](?:の[^第条]+)*)*第[^条]+条(?:の[^第中をのか]+)*", place
    )
    return m.group(0) if m else None


def _list(targets: tuple[str, ...]) -> str:
    """「第十条及び第十一条」, 「第三条、第五条及び第二十条から第二十二条までの規定」."""
    named = [t + ("の規定" if "から" in t and t.endswith("条まで") else "") for t in targets]
    return named[0] if len(named) == 1 else "、".join(named[:-1]) + "及び" + named[-1]


def phrase(ops: list[Operation]) -> str:
    """The sentence a list of operations is printed as (the inverse of :func:`hosei.amend.reading.read_sentence`):
    each operation names its place (「同条」 for the article just named), wording operations on the same place share
    one 「…中」, and the last takes the final form."""
    from .phrasing import _finalise

    if not ops:
        raise ValueError("no operations")
    if len(ops[0].targets) > 1:
        if any(op.kind not in _WORD_KINDS or op.targets != ops[0].targets for op in ops):
            raise ValueError("several targets take wording operations only, the same for all")
        return _finalise(f"{_list(ops[0].targets)}中{'、'.join(_words(op) for op in ops)}")
    parts: list[str] = []
    previous: Operation | None = None
    article: str | None = None
    for op in ops:
        (place,) = op.targets
        same = _article_of(place)
        written = place
        if same is not None and same == article and previous is not None:
            written = "同条" + place[len(same) :]
        if same is not None:
            article = same
        if op.kind in _WORD_KINDS:
            shared = previous is not None and previous.kind in _WORD_KINDS and previous.targets == op.targets
            parts.append(_words(op) if shared else f"{written}中{_words(op)}")
        else:
            parts.append(_structural(op, written))
        previous = op
    return _finalise("、".join(parts))


#: how each kind of operation ends after its place: {count} is 「一条」「二項」 or 「ように」, {to} and {new} the
#: operation's own (renumber, shift and delete are written below)
_PHRASES = {
    "insert_after": "の次に次の{count}を加え",
    "insert_before": "の前に次の{count}を加え",
    "append": "に次の{count}を加え",
    "insert_as": "に{to}として次の{count}を加え",
    "replace": "を次のように改め",
    "set_heading": "を「{new}」に改め",
    "add_later_part": "に後段として次のように加え",
    "add_proviso": "に次のただし書を加え",
}


def _structural(op: Operation, written: str) -> str:
    if op.kind == "renumber":
        to = op.to or ""
        own = _article_of(written.replace("同条", _article_of(op.targets[0]) or "同条", 1))
        if own is not None and _article_of(to) == own and to != own:
            to = "同条" + to[len(own) :]  # 「同項を同条第五項とし」
        return f"{written}を{to}とし"
    if op.kind == "shift":
        assert op.by is not None
        first, _, end = written.partition("から")
        k = to_kanji(abs(op.by))
        return f"{first}から{end}を{k}{op.unit}ずつ繰り{'下' if op.by > 0 else '上'}げ"
    if op.kind == "delete":
        return f"{written}を削り"
    if op.kind == "add_toc":
        return "題名の次に次の目次を付する"
    if op.kind not in _PHRASES:
        raise ValueError(f"no phrase for {op.kind}")
    count = f"{op.count}{op.unit}" if op.count else "ように"
    return written + _PHRASES[op.kind].format(count=count, to=op.to, new=op.new)
