"""Knock-on references (ハネ漏れ): paragraph references left pointing at the wrong place after an amendment.

When paragraphs are inserted or moved, a 「前項」 or 「第三項」 written before the amendment may now point at a
different paragraph. The check applies the amendment to a copy of the old law in which every paragraph carries its
origin, then reads each reference twice: in the old text against the old numbering, and in the new text against the
new numbering. A reference whose target is no longer the same paragraph (or no longer exists) is flagged, with the
amendment sentence that would fix it (numbered as before the amendment, as amendment sentences are).

`check_law` runs the checks that need only one version: references to paragraphs that do not exist and article,
paragraph and item numbers that skip (第二条 → 第四条).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from lxml import etree

from ..core.model import Law
from ..core.numerals import KANJI_NUMERALS, format_branch, num_to_branch, parse_number, to_kanji
from .operations import ReadSentence
from .placement import place_of_fix
from .reading import explain

_K = f"[{KANJI_NUMERALS}]+"
_ORIGIN = "hoseiOrigin"
# every token that can start or continue a chain of citations: 前項 / 前二項 / 前各項 / 次項 / 前条 / 次条 / 同条 /
# 第三十八条(の二)(第二項) / 第三項
_REF = re.compile(
    rf"(?P<prev>前(?P<pn>{_K})?項)|(?P<all>前各項)|(?P<next>次項)|(?P<rel>前条|次条|同条)"
    rf"|(?P<art>第(?P<an>{_K})条(?P<abr>(?:の{_K})*))|(?P<abs>第(?P<n>{_K})項)"
)
# what may stand between two citations of one chain (第七条第一項及び第二項, 第一項から第五項まで及び第七項)
_JOIN = re.compile(
    rf"^(?:第{_K}号(?:の{_K})*|各号|本文|ただし書|前段|後段|及び|並びに|若しくは|又は|から|まで|、|・|（[^（）]*(?:（[^（）]*）[^（）]*)*）)*（?$"
)
_OTHER_LAW_END = ("）", "法", "令", "則", "規程", "同法")


@dataclass
class Ref:
    """A reference in one paragraph: its printed text, position and the paragraphs it means (article, number)."""

    text: str
    start: int
    targets: tuple[tuple[str, int], ...]


@dataclass
class KnockOn:
    """One reference whose target changed, with the sentence that fixes it."""

    article: str  # 第三十八条
    paragraph_before: int  # its number before the amendment (amendment sentences cite it)
    paragraph_after: int
    quote: str
    proposed: str
    reason: str
    sentence: str  # standalone: 第三十八条第三項中「前項」を「第三項」に改める。
    clause: str  # inside the article's sentence, before its moves: 同条第三項中「前項」を「第三項」に改め
    article_after: str = ""  # the article's title after the amendment (第六十条 when 第五十七条 moved)
    #: where *sentence* goes: before the amendment's sentence on this line (None: after its last sentence) — the
    #: first that acts on the article, so that the fix reads the numbers it was written with
    before_line: int | None = None
    before: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _article_key(article: etree._Element) -> str:
    return article.get("Num", "")


def _paragraphs(law: Law) -> dict[str, list[etree._Element]]:
    out: dict[str, list[etree._Element]] = {}
    for art in law.main.el.iter("Article"):
        out[_article_key(art)] = art.findall("Paragraph")
    return out


def _num(p: etree._Element) -> int:
    try:
        return int(num_to_branch(p.get("Num") or "1")[0])
    except (ValueError, IndexError):
        return 1


def _text(p: etree._Element) -> str:
    """The paragraph's words with its items, without its number and without tables (読み替え tables quote other
    laws)."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.tag in ("ParagraphNum", "TableStruct", "Table", "FigStruct", "Rt"):
            if el.tail and el.getparent() is not None and el is not p:
                parts.append(el.tail)
            return
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if el.tail and el is not p:
            parts.append(el.tail)

    walk(p)
    return re.sub(r"[ \t\r\n]+", "", "".join(parts))  # layout whitespace of the XML, not words


def _after_parenthesis(text: str, start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "（":
            depth += 1
        elif text[i] == "）":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == "「":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "」" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i))
    return spans


def references(p: etree._Element, article: str, count: int) -> list[Ref]:
    """The paragraph references in paragraph *p* of *article* (which has *count* paragraphs).

    Citations are read as chains: in 「第七条第一項及び第二項」 the 第二項 is 第七条's, in 「厚生年金保険法（…）第二十七条、
    第二十九条第三項」 both are another law's and are left alone."""
    text = _text(p)
    me = _num(p)
    refs: list[Ref] = []
    chain_article: str | None = article  # the article a bare 第N項 continuing the chain belongs to
    chain_other = False  # the chain cites another law
    named_article: str | None = None  # what 同条 means: the article cited last by name
    last_end = -1
    quoted = _quoted_spans(text)
    pos = 0
    while True:
        if pos == last_end and text[pos : pos + 1] == "（":
            pos = _after_parenthesis(text, pos)  # a remark on the citation before it does not break the chain
        m = _REF.search(text, pos)
        if m is None:
            break
        pos = m.end()
        if any(a <= m.start() < b for a, b in quoted):
            continue  # words quoted by a 読み替え sentence are another text's
        joined = last_end >= 0 and bool(_JOIN.match(text[last_end : m.start()]))
        last_end = m.end()
        before = text[: m.start()]
        if m.group("art"):
            other = before.endswith(_OTHER_LAW_END) or (joined and chain_other)
            chain_other = other
            named_article = chain_article = (
                None
                if other
                else str(parse_number(m.group("an")))
                + "".join(f"_{parse_number(b)}" for b in m.group("abr").split("の")[1:])
            )
            named_article = chain_article
            following = _REF.match(text, m.end())
            if following and following.group("abs") and chain_article is not None:
                refs.append(
                    Ref(
                        m.group(0) + following.group(0),
                        m.start(),
                        ((chain_article, parse_number(following.group("n"))),),
                    )
                )
            if following and following.group("abs"):
                last_end = pos = following.end()
            continue
        if m.group("rel"):
            # 同条 continues the chain's article; 前条/次条 name an article this check does not follow
            # 同条 is the article named last (第X条, 前条, 次条), not the paragraph's own
            chain_article = named_article if m.group("rel") == "同条" else None
            named_article = chain_article
            chain_other = chain_other if m.group("rel") == "同条" else False
            following = _REF.match(text, m.end())
            if following and following.group("abs"):
                last_end = pos = following.end()  # 前条第一項 / 同条第二項: not a paragraph of this article
            continue
        if m.group("abs"):
            if text[m.end() : m.end() + 1] == "号":
                continue
            if joined:
                if chain_other or chain_article is None:
                    continue
                target_article = chain_article
            else:
                if before.endswith(_OTHER_LAW_END):
                    chain_other, chain_article = True, None
                    continue
                target_article = article
            chain_other, chain_article = False, target_article
            refs.append(Ref(m.group(0), m.start(), ((target_article, parse_number(m.group("n"))),)))
            continue
        chain_other, chain_article = False, article
        if m.group("prev"):
            n = parse_number(m.group("pn")) if m.group("pn") else 1
            targets = tuple((article, k) for k in range(me - n, me))
        elif m.group("all"):
            targets = tuple((article, k) for k in range(1, me))
        else:
            targets = ((article, me + 1),)
        refs.append(Ref(m.group(0), m.start(), targets))
    return refs


def _ref_text(targets: list[int], me: int, article: str, own: str, absolute: bool) -> str:
    """How to write a reference to *targets* (new numbers) from paragraph *me* of *own*."""
    if absolute or article != own:
        prefix = _article_title(article) if article != own else ""
        return prefix + f"第{to_kanji(targets[0])}項"
    if len(targets) == 1:
        return "前項" if targets[0] == me - 1 else f"第{to_kanji(targets[0])}項"
    if targets == list(range(me - len(targets), me)):
        return f"前{to_kanji(len(targets))}項"
    if targets == list(range(targets[0], targets[-1] + 1)):
        return f"第{to_kanji(targets[0])}項から第{to_kanji(targets[-1])}項まで"
    return "、".join(f"第{to_kanji(t)}項" for t in targets)


def _unique_quote(text: str, ref: Ref) -> str:
    """The reference widened to the right until it occurs once in the paragraph (so the sentence is exact)."""
    end = ref.start + len(ref.text)
    while text.count(text[ref.start : end]) > 1 and end < len(text):
        end += 1
    return text[ref.start : end]


def _mark(law: Law) -> None:
    for art_key, paras in _paragraphs(law).items():
        for p in paras:
            p.set(_ORIGIN, f"{art_key}:{_num(p)}")


def knock_on(old: Law, amendment: str) -> list[KnockOn]:
    """Apply *amendment* to *old* and report every reference in a surviving paragraph whose target changed."""
    return knock_on_and_result(old, amendment)[0]


def knock_on_and_result(old: Law, amendment: str) -> tuple[list[KnockOn], Law]:
    """:func:`knock_on`, and the amended law it read (its paragraphs carry origin marks, which no text shows), so
    that a caller checking other laws against the same amendment does not apply it twice."""
    import copy

    from .apply import amend

    marked = Law(copy.deepcopy(old.doc), law_id=old.law_id)
    _mark(marked)
    new_doc, _ = amend(marked, amendment)
    new = Law(new_doc, law_id=old.law_id)
    old_paras = _paragraphs(marked)
    new_paras = _paragraphs(new)
    old_by_origin = {p.get(_ORIGIN): (a, p) for a, ps in old_paras.items() for p in ps}
    # where each old paragraph is now: origin → (article, new number)
    now: dict[str, tuple[str, int]] = {}
    for a, ps in new_paras.items():
        for p in ps:
            if p.get(_ORIGIN):
                now[p.get(_ORIGIN, "")] = (a, _num(p))
    found: list[KnockOn] = []
    sentences: list[ReadSentence] | None = None
    for a, ps in new_paras.items():
        for p in ps:
            origin = p.get(_ORIGIN)
            if not origin or origin not in old_by_origin:
                continue  # a new paragraph is drafted whole: its references are the drafter's
            old_art, old_p = old_by_origin[origin]
            old_refs = references(old_p, old_art, len(old_paras[old_art]))
            new_refs = references(p, a, len(ps))
            if len(old_refs) != len(new_refs):
                continue
            for o_ref, n_ref in zip(old_refs, new_refs, strict=True):
                meant = [f"{art}:{k}" for art, k in o_ref.targets]
                if any(m not in old_by_origin for m in meant):
                    continue  # already dangling before the amendment: `hosei check` reports it
                if o_ref.text != n_ref.text:
                    continue  # the amendment rewrote this citation itself: the drafter's, not a knock-on
                got = []
                for art, k in n_ref.targets:
                    target = next((q for q in new_paras.get(art, []) if _num(q) == k), None)
                    got.append(target.get(_ORIGIN) if target is not None else None)
                if got == meant:
                    continue
                moved = [now.get(m) for m in meant]
                if any(m is None for m in moved):
                    reason = f"{o_ref.text} meant a paragraph that the amendment deletes"
                    proposed = ""
                else:
                    arts = {m[0] for m in moved if m}
                    numbers = [m[1] for m in moved if m]
                    proposed = _ref_text(
                        numbers,
                        _num(p),
                        arts.pop(),
                        a,
                        n_ref.text.startswith("第") and "条" not in n_ref.text,
                    )
                    reason = f"「{n_ref.text}」 now means {', '.join(_cite(t) for t in n_ref.targets)}; before the amendment it meant what is now {', '.join(_cite(m) for m in moved if m)}"
                text = _text(p)
                quote = _unique_quote(text, n_ref)
                new_quote = proposed + quote[len(n_ref.text) :]
                art_title = _article_title(old_art)
                old_n = int(origin.split(":")[1])
                para = f"第{to_kanji(old_n)}項" if len(old_paras[old_art]) > 1 else ""
                sentence = f"{art_title}{para}中「{quote}」を「{new_quote}」に改める。" if proposed else ""
                clause = f"同条{para}中「{quote}」を「{new_quote}」に改め" if proposed else ""
                if proposed and sentences is None:
                    sentences = explain(amendment)  # read once, for every fix's place
                where = place_of_fix(sentences, art_title) if proposed and sentences is not None else None
                found.append(
                    KnockOn(
                        art_title,
                        old_n,
                        _num(p),
                        quote,
                        new_quote if proposed else "",
                        reason,
                        sentence,
                        clause,
                        _article_title(a),
                        where.line if where else None,
                        where.before if where else "",
                    )
                )
    return found, new


def _article_title(article: str) -> str:
    """第二十九条の二 for the article key "29_2" (e-Gov's Article@Num; a range "11:12" by its first article)."""
    return f"第{format_branch(num_to_branch(article))}条"


def _cite(target: tuple[str, int]) -> str:
    art, k = target
    return f"{_article_title(art)}第{to_kanji(k)}項"


@dataclass
class Problem:
    """A reference to a paragraph that does not exist, or a numbering that skips."""

    where: str
    kind: str  # dangling | numbering
    message: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def check_law(law: Law) -> list[Problem]:
    """Dangling paragraph references and numbering gaps in one version of a law."""
    problems: list[Problem] = []
    paras = _paragraphs(law)
    numbers = {a: {_num(p) for p in ps} for a, ps in paras.items()}
    for a, ps in paras.items():
        title = _article_title(a)
        nums = [_num(p) for p in ps]
        if len(nums) > 1 and nums != list(range(1, len(nums) + 1)):
            problems.append(Problem(title, "numbering", f"paragraph numbers {nums} are not 1…{len(nums)}"))
        for p in ps:
            for ref in references(p, a, len(ps)):
                for art, k in ref.targets:
                    if art not in numbers:
                        continue  # another law's article, or an article this check cannot see
                    if k not in numbers[art] and not (len(numbers[art]) == 1 and k == 1):
                        problems.append(
                            Problem(
                                f"{title}第{to_kanji(_num(p))}項",
                                "dangling",
                                f"「{ref.text}」 refers to {_cite((art, k))}, which does not exist",
                            )
                        )
    last = 0
    for article in law.main.el.iter("Article"):
        num = article.get("Num", "")
        first = int(num.split(":")[0].split("_")[0]) if num and num[0].isdigit() else None
        if first is None:
            continue
        branch = "_" in num.split(":")[0]
        if not branch and last and first not in (last, last + 1):
            problems.append(
                Problem(
                    article.findtext("ArticleTitle") or num,
                    "numbering",
                    f"article numbers skip from 第{to_kanji(last)}条 to 第{to_kanji(first)}条",
                )
            )
        last = int(num.split(":")[-1].split("_")[0]) if ":" in num else first
    return problems
