"""Amendment sentences read as operations (:mod:`hosei.amend.operations`), without the law they amend.

`hosei amend --explain` prints what each sentence of an amendment does, so a reviewer sees it without the base
text at hand, and the grammar can be measured on real amendments whose bases are not here: national and municipal
style alike (kanji, Arabic and full-width numbers, items (1)(2), 「の次に」, 別表 rows). A sentence is split at the
「、」 outside quotations; each part names a place (or keeps the one before it) and an action. 同条／同項／同号／同表
are written out from the places named before, so the operations say which provision each one acts on.

The grammar is stated with regular expressions composed from :mod:`hosei.core.numerals` rather than a parser
generator: the places and actions are a few dozen fixed phrases with no nesting beyond quotations (which
:func:`hosei.amend.sentences._segments` already balances), and the applier matches the same phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..core.errors import HoseiError
from ..core.numerals import IROHA, KANJI_NUMERALS, parse_number
from ..core.targets import MULTI
from .operations import Operation, ReadSentence
from .sentences import (
    _COLLECTIVE,
    _COLLECTIVE_ITEM,
    _OPENING,
    _WORD_OPS,
    Sentence,
    _law_cited,
    _segments,
    split_amendment,
)

_N = f"[{KANJI_NUMERALS}0-9０-９]+"
_NX = rf"{_N}(?:の{_N})*"
_LABEL = rf"{_NX}"
_PAREN = rf"(?:\({_N}\)|（{_N}）)"
_LEVELS = (
    rf"(?:第{_N}[編章節款目](?:の{_N})*)*(?:第{_N}条(?:の{_N})*|同条)?(?:第{_N}項|同項)?(?:第{_N}号(?:の{_N})*|同号)?"
    rf"(?:[{IROHA}](?:の{_N})*)?{_PAREN}*"
)
_SUFFIX = r"(?:の見出し|の[編章節款目]名|ただし書|後段|前段|各号列記以外の部分)?"
_ROW = rf"{_LABEL}の項"
_TABLE = rf"(?:別表(?:第{_N})?|同表)(?:の?{_ROW}|第{_N}号(?:の{_N})*)?"
#: a form (様式): 「様式第1号」, 「別記様式第2号の2」, 「別記様式」
_FORM = rf"(?:別記)?様式(?:第{_N}号?(?:の{_N})*)?"
_PLACE = rf"(?:目次|本則|題名|前文|{_ROW}|{_FORM}|(?:附則)?(?:{_TABLE}|{_LEVELS}){_SUFFIX})"
_HEAD = re.compile(rf"^(?P<place>{_PLACE})(?P<in>中)?")
_UNIT = r"(?:編|章|節|款|目|条|項|号|表|様式)"
_WORDING = ("replace_words", "add_words", "delete_words")
_COUNT = rf"(?:{_N}|各)"

_ACTIONS: list[tuple[str, re.Pattern[str]]] = [
    ("renumber", re.compile(rf"^を(?P<to>{_PLACE})と(?:し|する)$")),
    (
        "shift",
        re.compile(
            rf"^から(?P<end>{_PLACE})までを(?P<k>{_N})(?P<unit>{_UNIT})ずつ繰り(?P<dir>下|上)げ(?:る)?$"
        ),
    ),
    (
        "insert_after",
        re.compile(rf"^の次に次の(?:(?P<count>{_COUNT})(?P<unit>{_UNIT})|ように)を?加え(?:る)?$"),
    ),
    ("insert_before", re.compile(rf"^の前に次の(?P<count>{_COUNT})(?P<unit>{_UNIT})を加え(?:る)?$")),
    (
        "insert_as",
        re.compile(rf"^に(?P<to>第{_N}{_UNIT})として次の(?P<count>{_COUNT})(?P<unit>{_UNIT})を加え(?:る)?$"),
    ),
    ("add_later_part", re.compile(r"^に後段として次のように加え(?:る)?$")),
    ("add_proviso", re.compile(r"^に次のただし書を加え(?:る)?$")),
    ("append", re.compile(rf"^に次の(?:(?P<count>{_COUNT})(?P<unit>{_UNIT})|ように)を?加え(?:る)?$")),
    ("replace", re.compile(r"^を次のように改め(?:る)?$")),
    ("delete", re.compile(rf"^(?:(?P<range>から|及び)(?P<end>{_PLACE})(?:まで)?)?を削(?:り|る)$")),
    ("set_heading", re.compile(r"^を「(?P<new>[^「」]*)」に改め(?:る)?$")),
]


@dataclass
class Where:
    """The provisions named so far, as citation text: what 同条／同項／同号／同表 stand for."""

    article: str | None = None  # 第九条 (附則第三条, 第二章第一節第三条 as written)
    paragraph: str | None = None  # 第二項
    item: str | None = None  # 第三号
    table: str | None = None  # 別表第一
    row: str | None = None  # 別表第一の五の項, while a row is what was named last (同項 then means it)

    def resolve(self, place: str, line: int, remember: bool = True) -> str:
        """*place* with 同条／同項／同号／同表 written out, and (unless it is the number a provision takes) the levels it
        names remembered: numbers in a sentence are those of the text before it."""

        def need(value: str | None, word: str) -> str:
            if value is None:
                raise HoseiError(f"{word} with no provision named before it", "<amendment>", line)
            return value

        if place.startswith("同号"):
            place = need(self.article, "同号") + (self.paragraph or "") + need(self.item, "同号") + place[2:]
        elif place.startswith("同項") and self.row is not None:
            place = self.row + place[2:]  # 「五の項中…に改め、同項を七の項とし」
        elif place.startswith("同項"):
            place = need(self.article, "同項") + need(self.paragraph, "同項") + place[2:]
        elif place.startswith("同条"):
            place = need(self.article, "同条") + place[2:]
        elif place.startswith("同表"):
            place = need(self.table, "同表") + place[2:]
        place = re.sub(
            r"(条(?:の" + _N + r")*)同項", lambda m: m.group(1) + need(self.paragraph, "同項"), place
        )
        if remember:
            self.remember(place)
        return place

    def remember(self, place: str) -> None:
        table = re.match(rf"^(?:附則)?(別表(?:第{_N})?)", place)
        if table:
            self.table = table.group(1)
            self.row = place if place.endswith("の項") else None
            return
        self.row = None
        own = re.match(rf"^附則(?P<para>第{_N}項)(?P<item>第{_N}号(?:の{_N})*)?", place)
        if own:  # a 附則 of paragraphs: 附則第十二項を第九項とし、同項の次に…
            self.article, self.paragraph, self.item = "附則", own.group("para"), own.group("item")
            return
        m = re.match(
            rf"^(?P<art>(?:附則)?(?:第{_N}[編章節款目](?:の{_N})*)*第{_N}条(?:の{_N})*)(?P<para>第{_N}項)?"
            rf"(?P<item>第{_N}号(?:の{_N})*)?",
            place,
        )
        if m:
            if m.group("art") != self.article:
                self.paragraph = self.item = None
            self.article = m.group("art")
            if m.group("para"):
                self.paragraph, self.item = m.group("para"), None
            if m.group("item"):
                self.item = m.group("item")


def _join(scope: str | None, place: str) -> str:
    """A place named inside the one before 「中」: 第三十八条 + 第七項, 別表 + 七の項 (→ 別表の七の項)."""
    if scope is None or not re.match(rf"^(?:第{_N}[項号]|[{IROHA}]|{_PAREN}|{_ROW}$)", place):
        return place
    if re.fullmatch(_ROW, place):
        return f"{scope}の{place}"
    if re.match(rf"^第{_N}号", place):
        scope = re.sub(rf"第{_NX}号.*$", "", scope)  # 同項中第五号: the item inside the paragraph named
    return scope + place


def _action(rest: str, line: int, text: tuple[str, ...]) -> Operation | None:
    """The action of one part (its place cut off), with the targets left empty (a deletion's second target,
    「及び第二号を削る」／「から第四号までを削る」, is read by :func:`_deleted`)."""
    w = _WORD_OPS.match(rest)
    if w:
        if w.group("b") is not None:
            return Operation("replace_words", (), old=w.group("a"), new=w.group("b"))
        if w.group("c") is not None:
            return Operation("add_words", (), old=w.group("a"), new=w.group("c"))
        return Operation("delete_words", (), old=w.group("a"))
    for kind, pattern in _ACTIONS:
        m = pattern.match(rest)
        if m is None:
            continue
        groups = m.groupdict()
        by = None
        if kind == "shift":
            by = parse_number(groups["k"]) * (1 if groups["dir"] == "下" else -1)
        return Operation(
            kind,
            (),
            new=groups.get("new"),
            to=groups.get("to"),
            by=by,
            count=groups.get("count"),
            unit=groups.get("unit"),
            text=text if kind not in ("renumber", "shift", "delete", "set_heading") else (),
        )
    return None


def read_sentence(sentence: Sentence, where: Where | None = None, law: str | None = None) -> list[Operation]:
    """The operations of one sentence (see :mod:`hosei.amend.operations`), or an error naming the part that does
    not read."""
    where = where if where is not None else Where()
    text = sentence.text.strip().rstrip("。")
    new_text = tuple(sentence.new_text)
    if sentence.text.count("「") != sentence.text.count("」"):
        raise HoseiError(f"unbalanced 「」 in 「{sentence.text[:40]}」", "<amendment>", sentence.line)
    if text == "題名の次に次の目次を付する":
        return [Operation("add_toc", ("題名",), text=new_text, law=law)]
    several = MULTI.match(text)
    if several and not _HEAD.fullmatch(several.group("targets")):
        return _read_several(sentence, several, where, law)
    ops = []
    scope: str | None = None
    targets: tuple[str, ...] = ()
    for seg in _segments(text):
        rest = seg
        head = _HEAD.match(rest)
        if head and head.group("place"):
            place = where.resolve(_join(scope, head.group("place")), sentence.line)
            rest = rest[head.end() :]
            if head.group("in"):
                scope = place
                inner = _HEAD.match(rest)
                if inner and inner.group("place"):  # 別表中十の項中…: the place inside the one named
                    place = where.resolve(_join(scope, inner.group("place")), sentence.line)
                    rest = rest[inner.end() :]
            targets = (place,)
        elif rest.startswith("中"):
            rest = rest[1:]
        if not targets:
            raise HoseiError(
                f"cannot read 「{seg}」: it names no provision — in 「{sentence.text[:40]}」",
                "<amendment>",
                sentence.line,
            )
        op = _action(rest, sentence.line, new_text)
        if op is not None and not (head and head.group("place")) and op.kind not in _WORDING:
            op = None  # only wording goes on in the place named before (「…に改め、「C」を「D」に改め」)
        if op is None:
            raise HoseiError(
                f"cannot read 「{seg}」 — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
            )
        if op.kind == "shift":
            end = rest[len("から") : rest.index("までを")]
            targets = (f"{targets[0]}から{end}まで",)
        elif op.kind == "delete":
            targets = _deleted(targets[0], rest)
        if op.kind == "renumber" and op.to is not None and op.to.startswith("同"):
            op = replace(op, to=where.resolve(op.to, sentence.line, remember=False))
        ops.append(replace(op, targets=targets, law=law))
    return ops


def _read_several(
    sentence: Sentence, several: re.Match[str], where: Where, law: str | None
) -> list[Operation]:
    """「第十条及び第十一条中「懲役」を「拘禁刑」に改める」: the same wording operations on every target."""
    targets = _several(several.group("targets"), where, sentence.line)
    ops = []
    for seg in _segments(several.group("ops")):
        op = _action(seg, sentence.line, tuple(sentence.new_text))
        if op is None or op.kind not in ("replace_words", "add_words", "delete_words"):
            raise HoseiError(
                f"cannot read 「{seg}」 — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
            )
        ops.append(replace(op, targets=targets, law=law))
    return ops


def _deleted(first: str, rest: str) -> tuple[str, ...]:
    """What 「…を削る」 deletes: the place named, 「第一号及び第二号」 (two) or 「第四十条から第四十二条まで」 (a range)."""
    m = re.match(rf"^(?P<joint>から|及び)(?P<end>{_PLACE})", rest)
    if m is None:
        return (first,)
    if m.group("joint") == "から":
        return (f"{first}から{m.group('end')}まで",)
    parent = re.sub(rf"第{_N}[条項号](?:の{_N})*$", "", first)
    return (first, _join(parent or None, m.group("end")))


def _several(text: str, where: Where, line: int) -> tuple[str, ...]:
    """「第十条及び第十一条」, 「第二十条から第二十二条までの規定及び第二十五条」, 「第三条第一項第二号、同条第三項」:
    each target with 同条／同項 written out (a range stays one target)."""
    out = []
    for piece in re.split(r"、|及び|並びに", text):
        piece = piece.removesuffix("の規定").removesuffix("の各規定")
        if not piece:
            continue
        if "から" in piece:
            start, _, end = piece.partition("から")
            start = where.resolve(start, line)
            out.append(f"{start}から{end.removesuffix('まで')}まで")
            continue
        head = _HEAD.fullmatch(piece)
        if head is None:
            raise HoseiError(f"cannot read the provision 「{piece}」", "<amendment>", line)
        previous = where.article
        place = piece
        if (
            re.match(rf"^第{_N}[項号]", piece) and previous
        ):  # 第三条第一項、第二項: inside the article named before
            place = previous + piece
        out.append(where.resolve(place, line))
    return tuple(out)


def explain(amendment: str) -> list[ReadSentence]:
    """Every sentence of *amendment* with the operations it reads as; the first sentence that does not read is an
    error naming it (file ``<amendment>``, its line). An act of several laws is read part by part, each operation
    naming the law its part amends; the collective 「次に掲げる法律の規定中…」 reads as one operation per law named."""
    lines = amendment.replace("\r\n", "\n").split("\n")
    read: list[ReadSentence] = []
    opening, sentences = split_amendment(amendment)
    laws = {
        i + 1: line.strip(" 　\t").removesuffix(_OPENING)
        for i, line in enumerate(lines)
        if line.strip(" 　\t").endswith(_OPENING)
    }
    law = _law_cited(opening) if opening else None
    where = Where()
    for sentence in sentences:
        current = max((no for no in laws if no < sentence.line), default=None)
        if current is not None and _law_cited(laws[current]) != law:
            law, where = _law_cited(laws[current]), Where()
        collective = _COLLECTIVE.match(sentence.text.strip())
        if collective:
            read.append(
                ReadSentence(
                    sentence.line, sentence.text, tuple(_collective(sentence, collective.group("ops")))
                )
            )
            continue
        ops = read_sentence(sentence, where, law if len(laws) > 1 else None)
        read.append(ReadSentence(sentence.line, sentence.text, tuple(ops)))
    return read


def _collective(sentence: Sentence, ops_text: str) -> list[Operation]:
    """「次に掲げる法律の規定中「懲役」を「拘禁刑」に改める。」: its wording operations for every law item after it."""
    ops: list[Operation] = []
    for offset, line in enumerate(sentence.new_text, start=1):
        item = _COLLECTIVE_ITEM.match(line.strip(" 　\t"))
        if item is None:
            raise HoseiError(f"cannot read the item 「{line[:40]}」", "<amendment>", sentence.line + offset)
        inner = Sentence(f"{item.group('targets')}中{ops_text}。", sentence.line + offset)
        law = f"{item.group('title')}（{item.group('num')}）"
        ops += read_sentence(inner, Where(), law)
    return ops
