"""The text of an amending act read as sentences: the part that amends BASE (one law's part of an act of several,
the item of a collective 「次に掲げる法律の規定中…」 sentence), each sentence with the new text it brings, and the
wording operations a sentence names (「A」を「B」に改め／「A」の下に「B」を加え／「A」を削り)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

from ..core.errors import HoseiError
from ..core.lawnum import act_key, key_from_law_id
from ..core.model import Law
from ..core.numerals import (
    KANJI_NUMERALS,
)
from ..text.parse import parse_text

_N = f"[{KANJI_NUMERALS}0-9０-９]+"

_VERBS = ("改める。", "加える。", "削る。", "とする。", "繰り下げる。", "繰り上げる。", "付する。")


@dataclass
class Sentence:
    text: str
    line: int
    new_text: list[str] = field(default_factory=list)
    #: the opening line of an earlier act this sentence amends (its 附則 as the law carries it), None for the law
    scope: str | None = None


def split_amendment(text: str, law_title: str | None = None) -> tuple[str | None, list[Sentence]]:
    """The opening line (「…の一部を次のように改正する。」) and the sentences with their new-text blocks."""
    lines = text.replace("\r\n", "\n").split("\n")
    opening = None
    sentences: list[Sentence] = []
    instr_indent: int | None = None
    collecting = False
    scope: str | None = None
    for no, raw in enumerate(lines, start=1):
        stripped = raw.strip(" 　\t")
        if not stripped:
            continue
        indent = len(raw) - len(raw.lstrip(" 　\t"))
        heading = re.fullmatch(r"附[ 　]*則(?:[ 　]*（[^）]*）)?(?:[ 　]*抄)?", stripped)
        if (
            stripped == "附則"
            and collecting
            and sentences[-1].text.startswith(("目次を", "題名の次に次の目次を"))
            and indent != instr_indent
        ):
            sentences[-1].new_text.append(stripped)  # the 附則 entry of a new 目次, not the act's own 附則
            continue
        if heading and (not collecting or re.fullmatch(r"附[ 　]*則", stripped)):
            break  # the amending act's own 附則 (施行期日 …) is not an amendment of the base
        if re.match(r"^附[ 　]*則[ 　]*（[^）]+号）", stripped):
            break  # 附則（令和三年五月二一日法律第四二号）: the act's 附則 to attach (own_suppl_provisions)
        if stripped.endswith("の一部を次のように改正する。"):
            if opening is None:
                opening = stripped
            elif _law_named(stripped) in (_law_named(opening), law_title):
                scope = None  # the same law again (an act amending it in stages: 第一条 …, 第二条 電気事業法の一部…)
            else:
                scope = stripped  # an earlier amending act: the sentences below amend its 附則
            collecting = False
            continue
        if opening is None and re.search(r"の一部を改正する(?:条例|法律|規則|政令|省令)$", stripped):
            continue  # the amending act's title
        if opening is None and re.match(r"^（.*）$", stripped):
            continue  # the amending act's caption （借地借家法の一部改正）
        if (
            opening is None
            and re.search(r"(?:法律|条例|規則|政令|省令)(?:（案）|案)?$", stripped)
            and not stripped.endswith(_VERBS)
        ):
            continue  # the amending act's title (…の整備に関する法律)
        is_instruction = stripped.endswith(_VERBS) and (
            instr_indent is None or indent == instr_indent or not collecting
        )
        if collecting and instr_indent is not None and indent != instr_indent:
            sentences[-1].new_text.append(stripped)
            continue
        if is_instruction:
            instr_indent = indent
            sentences.append(Sentence(stripped, no, scope=scope))
            collecting = (
                "次の" in stripped or "次に掲げる" in stripped
            )  # new text, or the laws a collective names
            continue
        if sentences and collecting:
            sentences[-1].new_text.append(stripped)
            continue
        raise HoseiError(f"not an amendment sentence: {stripped[:40]}", "<amendment>", no)
    if opening is None and not sentences:
        raise HoseiError("no amendment sentences found")
    return opening, sentences


def _law_named(opening: str) -> str:
    """「第二条　電気事業法（昭和三十九年法律第百七十号）の一部を次のように改正する。」 → 電気事業法."""
    return re.sub(r"（[^（）]*）$", "", _law_cited(opening))


def _law_cited(opening: str) -> str:
    """「第二条　電気事業法（昭和三十九年法律第百七十号）の一部を次のように改正する。」 → 電気事業法（昭和三十九年法律第百七十号）."""
    return re.sub(
        r"^第[^　 ]+条[　 ]+", "", opening.strip(" 　\t").removesuffix("の一部を次のように改正する。")
    )


def _segments(body: str) -> list[str]:
    """Split at 「、」 outside quotes."""
    out: list[str] = []
    depth = 0
    cur: list[str] = []
    for ch in body:
        if ch == "「":
            depth += 1
        elif ch == "」":
            depth -= 1
        if ch == "、" and depth == 0:
            out.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur))
    return [s for s in out if s]


_WORD_OPS = re.compile(
    r"「(?P<a>.+?)」(?:を「(?P<b>.*?)」に(?:改め(?:る)?)?|の(?:下|次)に「(?P<c>.+?)」を加え(?:る)?|を削(?:り|る))$"
)


def _replacement(w: re.Match[str]) -> str:
    """What the quoted words become under a match of :data:`_WORD_OPS`: 「B」, 「A」+「C」 (の下に…を加え), or nothing."""
    if w.group("b") is not None:
        return str(w.group("b"))
    if w.group("c") is not None:
        return str(w.group("a")) + str(w.group("c"))
    return ""


def word_change(segment: str) -> tuple[str, str] | None:
    """「A」を「B」に(改め) / 「A」の下に「B」を加え / 「A」を削り read as (A, what A becomes); None for another form."""
    w = _WORD_OPS.match(segment)
    return (w.group("a"), _replacement(w)) if w else None


def own_suppl_provisions(amendment: str) -> list[etree._Element]:
    """The amending act's 附則 printed with its act number (「附　則（令和三年五月二一日法律第四二号）抄」): e-Gov's
    consolidated text carries it after the law's other 附則, so applying attaches it the same way."""
    lines = amendment.replace("\r\n", "\n").split("\n")
    starts = [i for i, line in enumerate(lines) if re.match(r"^[ 　]*附[ 　]*則[ 　]*（[^）]+号）", line)]
    if not starts:
        return []
    doc = parse_text("仮\n第一条　仮\n" + "\n".join(lines[starts[0] :]))  # an act's 附則: vertical numbering
    return [copy.deepcopy(el) for el in doc.document.root.iterfind("LawBody/SupplProvision")]


_OPENING = "の一部を次のように改正する。"

_COLLECTIVE = re.compile(r"^(?:第[^　 ]+条[　 ]+)?次に掲げる(?:法律|政令|規則|条例)の規定中(?P<ops>.+)。$")

_COLLECTIVE_ITEM = re.compile(
    rf"^(?P<label>[{KANJI_NUMERALS}]+(?:の[{KANJI_NUMERALS}]+)*)[　 ]+(?P<title>[^（）]+?)（(?P<num>[^（）]*第[^（）]+号)）"
    r"(?P<targets>\S.*?)$"
)


def expand_collective(base: Law, amendment: str, law: str | None = None) -> str:
    """The collective form of acts that change one word in many laws — 「次に掲げる法律の規定中「懲役」を「拘禁刑」に
    改める。」 followed by items naming each law and its provisions (「三　電気事業法（昭和三十九年法律第百七十号）第百十五条
    及び第百十六条」) — as the part for BASE's law: its item becomes 「…の一部を次のように改正する。」 and the
    sentence 「第百十五条及び第百十六条中「懲役」を「拘禁刑」に改める。」 in place (line for line, so errors keep their
    lines); the other items are blanked. An act without the form is returned unchanged."""
    lines = amendment.replace("\r\n", "\n").split("\n")
    if not any(_COLLECTIVE.match(line.strip(" 　\t")) for line in lines):
        return amendment
    wanted_key = key_from_law_id(law) if law else act_key(base.law_num or "")
    wanted_title = law if law and wanted_key is None else base.title
    out = list(lines)
    i = 0
    while i < len(lines):
        m = _COLLECTIVE.match(lines[i].strip(" 　\t"))
        if not m:
            i += 1
            continue
        j = i + 1
        found = None
        while j < len(lines) and (item := _COLLECTIVE_ITEM.match(lines[j].strip(" 　\t"))):
            key = act_key(item.group("num"))
            if (key is not None and key == wanted_key) or (
                wanted_title and item.group("title") == wanted_title
            ):
                found = (j, item)
            out[j] = ""
            j += 1
        if j == i + 1:
            raise HoseiError(
                "「次に掲げる…の規定中」 with no items naming the laws after it", "<amendment>", i + 1
            )
        if found is None:
            out[i] = ""
        else:
            at, item = found
            out[i] = f"{item.group('title')}（{item.group('num')}）{_OPENING}"
            out[at] = f"　　{item.group('targets')}中{m.group('ops')}。"
        i = j
    return "\n".join(out)


def part_for(base: Law, amendment: str, law: str | None = None) -> str:
    """The part of an amending act that amends BASE (or the law *law* names: an e-Gov id or a title), the other
    laws' parts blanked line for line so that errors keep their line numbers. Parts that amend an earlier act whose
    附則 BASE carries stay: they change BASE's consolidated text too."""
    lines = amendment.replace("\r\n", "\n").split("\n")
    openings = [i for i, line in enumerate(lines) if line.strip(" 　\t").endswith(_OPENING)]
    if len(openings) <= 1 and law is None:
        return amendment
    wanted_key = key_from_law_id(law) if law else act_key(base.law_num or "")
    wanted_title = law if law and wanted_key is None else base.title
    if wanted_key is None and not wanted_title:
        raise HoseiError("the amendment amends several laws and BASE has no title or law number: give --law")

    def names_base(line: str) -> bool:
        head = line.strip(" 　\t").removesuffix(_OPENING)
        key = act_key(head)
        title = re.sub(r"^第[^　 ]+条[　 ]+", "", head.split("（")[0])
        return (key is not None and key == wanted_key) or bool(wanted_title and title == wanted_title)

    keep = [names_base(lines[i]) or base.suppl_of(lines[i]) is not None for i in openings]
    if not any(names_base(lines[i]) for i in openings):
        names = "、".join(lines[i].strip(" 　")[:30] for i in openings)
        raise HoseiError(f"the amendment is for another law: {names}")
    out = list(lines)
    for k, start in enumerate(openings):
        if keep[k]:
            continue
        end = openings[k + 1] if k + 1 < len(openings) else len(lines)
        for i in range(start, end):
            if re.fullmatch(r"[ 　]*附[ 　]*則(?:[ 　]*（[^）]*）)?(?:[ 　]*抄)?[ 　]*", lines[i]):
                break  # the amending act's own 附則 (its heading) closes the last part
            out[i] = ""
        if start > 0 and re.fullmatch(r"[ 　]*（[^）]*）[ 　]*", lines[start - 1]):
            out[start - 1] = ""  # its caption (「（意匠法の一部改正）」)
    for k, start in enumerate(openings):  # a kept part's caption stays only if it is the base's own
        if keep[k] and start > 0 and re.fullmatch(r"[ 　]*（[^）]*）[ 　]*", lines[start - 1]) and k > 0:
            out[start - 1] = ""
    return "\n".join(out)
