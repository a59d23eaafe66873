"""Applying amendment sentences (改め文) to a base text: the consolidated new version (溶け込み).

Supported (national style, as in the real amendments in tests/data/drafting): wording changes inside a provision
(「A」を「B」に改め, 「A」の下に「B」を加え, 「A」を削り; several in one sentence, 目次中 too), renumbering
(第七項を第九項とし, 第四項から第六項までを二項ずつ繰り下げ, 同項を同条第五項とし), additions
(第N条に次の一項を加える, 同項の次に次の一項を加える, 第N章に次の一条を加える), replacement (第N条を次のように
改める) and deletion (第N条を削る, 第N項を削る), chapter (section, …) names (第四章の章名中「A」を「B」に改める,
第二章第一節の節名を次のように改める), a new first paragraph (同条に第一項として次の一項を加える), appendix
rows (別表の五の項中「A」を「B」に改める, 別表中七の項を九の項とし、四の項から六の項までを二項ずつ繰り下げ、三の項の次に
次のように加える, 別表中三の項を削り), and the 附則 of earlier amending acts: sentences after a further opening line
(「…法律（平成三十年法律第三十三号）の一部を次のように改正する。」) speak of that act's 附則 as the law carries it.
Numbers in a sentence mean the state before the sentence; 同条/同項 mean the provision last named, wherever it has
moved. Every failure names the sentence and says what was wrong.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

from ..compare.diff import row_label
from ..core.errors import HoseiError
from ..core.lawnum import act_key, formal_number, key_from_law_id
from ..core.model import TOC_ENTRY_TAGS, Law, Provision, appendix_table_number
from ..core.numerals import (
    IROHA,
    KANJI_NUMERALS,
    branch_to_num,
    parse_branch,
    parse_number,
    to_fullwidth,
    to_kanji,
)
from ..core.targets import MULTI, resolve
from ..core.xmlio import Document
from ..text.parse import add_sentences, parse_text, split_sentences

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
            and sentences[-1].text.startswith("目次を")
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
            and re.search(r"(?:法律|条例|規則|政令|省令)$", stripped)
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
            collecting = "次の" in stripped or "次のように" in stripped
            continue
        if sentences and collecting:
            sentences[-1].new_text.append(stripped)
            continue
        raise HoseiError(f"not an amendment sentence: {stripped[:40]}", "<amendment>", no)
    if opening is None and not sentences:
        raise HoseiError("no amendment sentences found")
    return opening, sentences


class _Context:
    """What 同条 / 同項 refer to, and the article's paragraphs as they stood before the sentence."""

    def __init__(self, law: Law, scope: etree._Element | None = None) -> None:
        self.law = law
        #: an earlier act's SupplProvision the sentence amends (its 附則第…), None for the law itself
        self.scope = scope
        self.article: etree._Element | None = None
        self.last: etree._Element | None = None
        self.last_item: etree._Element | None = None  # what 同号 refers to
        self.snapshot: dict[int, etree._Element] = {}

    def set_article(self, el: etree._Element) -> None:
        self.article = el
        self.snapshot = {int(p.get("Num", "0")): p for p in el.findall("Paragraph")}


def _article(
    law: Law, number: str, sentence: Sentence, scope: etree._Element | None = None
) -> etree._Element:
    if scope is not None:
        wanted = parse_branch(number.replace("条", ""))  # 四十九条の二 → (49, 2)
        for el in scope.iter("Article"):
            if el.get("Num") and parse_branch(el.get("Num", "").replace("_", "の")) == wanted:
                return el
        raise HoseiError(
            f"no such provision: 附則第{number} — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
        )
    try:
        node = law.find(f"第{number}")
    except HoseiError as exc:
        raise HoseiError(
            f"{exc.message} — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
        ) from None
    return node.el


def _paragraph(ctx: _Context, n: int, sentence: Sentence) -> etree._Element:
    if n not in ctx.snapshot:
        raise HoseiError(
            f"no paragraph {n} in that article — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
        )
    return ctx.snapshot[n]


def _item(paragraph: etree._Element | None, label: str, sentence: Sentence) -> etree._Element:
    """An item by its number (一 / 1, branch 一の二) inside a paragraph."""
    number = "_".join(str(x) for x in parse_branch(label))
    if paragraph is not None:
        for item in paragraph.findall("Item"):
            if item.get("Num") == number:
                return item
    raise HoseiError(f"no item {label} there — in 「{sentence.text[:40]}」", "<amendment>", sentence.line)


def _set_item_number(item: etree._Element, n: int) -> None:
    item.set("Num", str(n))
    title = item.find("ItemTitle")
    if title is not None:
        title.text = str(n) if re.search("[0-9]", title.text or "") else to_kanji(n)


def _items_from_text(lines: list[str]) -> list[etree._Element]:
    """New items from their printed lines (「三　…」)."""
    stripped = [line.strip(" 　") for line in lines]
    m = re.match(rf"^({_N})(?:の{_N})*[ 　]", stripped[0]) if stripped else None
    first = parse_number(m.group(1)) if m else 1
    # items must run from 一 for the text parser to read them as items: placeholders before the first, dropped
    filler = [f"{to_kanji(k)}　仮" for k in range(1, first)]
    doc = parse_text("\n".join(["第一条　仮", *filler, *stripped]))
    items = doc.document.root.findall(".//Article/Paragraph/Item")[len(filler) :]
    if not items:
        raise HoseiError("the new text has no item")
    return [copy.deepcopy(i) for i in items]


def _item_holder(ctx: _Context, target: etree._Element | None) -> etree._Element | None:
    """The paragraph whose items 「第五号を第六号とし」 speaks of."""
    if target is not None and target.tag == "Paragraph":
        return target
    if target is not None and target.tag == "Item":
        return target.getparent()
    article = target if target is not None and target.tag == "Article" else ctx.article
    if article is not None:
        paragraphs = article.findall("Paragraph")
        return paragraphs[0] if len(paragraphs) == 1 else ctx.last
    return None


def _set_paragraph_number(p: etree._Element, n: int) -> None:
    p.set("Num", str(n))
    num = p.find("ParagraphNum")
    if num is not None and (num.text or "").strip():
        num.text = to_fullwidth(n)
    elif num is not None and n > 1:
        num.text = to_fullwidth(n)


def _sentences(el: etree._Element) -> list[etree._Element]:
    if el.tag == "TOC":
        return [x for x in el.iter() if x.tag in TOC_ENTRY_TAGS]
    if el.tag == "Article":
        paragraphs = el.findall("Paragraph")
        if len(paragraphs) == 1:
            el = paragraphs[0]
    own = {"Paragraph": "ParagraphSentence", "Item": "ItemSentence"}.get(str(el.tag))
    container = el.find(own) if own else el
    return list(container.iter("Sentence")) if container is not None else []


def _resplit(sentence: etree._Element) -> None:
    """Split the sentences of *sentence*'s container again at 「。」 (outside brackets)."""
    container = sentence.getparent()
    if container is None or container.tag not in ("ParagraphSentence", "ItemSentence"):
        return
    own = [s for s in container if s.tag == "Sentence"]
    if len(own) != len(container):
        return  # columns: leave the layout alone
    if split_sentences("".join(s.text or "" for s in own)) != [s.text or "" for s in own]:
        _redistribute(container, own, "".join(s.text or "" for s in own))


def _redistribute(container: etree._Element, own: list[etree._Element], joined: str) -> None:
    """*joined* split at 「。」 into *container*'s sentences; the same count keeps their attributes (Function …)."""
    parts = split_sentences(joined)
    if len(parts) == len(own):
        for el, part in zip(own, parts, strict=True):
            el.text = part
        return
    mode = own[0].get("WritingMode", "vertical")
    for s in own:
        container.remove(s)
    add_sentences(container, joined, mode)


def _replace_across_sentences(target: etree._Element, old: str, new: str) -> bool:
    """A quotation over a sentence boundary (「ない。ただし」): change the joined text and split it again at 「。」,
    as the sentences were split in the first place."""
    sentences = _sentences(target)
    containers: dict[int, etree._Element] = {}
    for s in sentences:
        parent = s.getparent()
        if parent is not None:
            containers[id(parent)] = parent
    for container in containers.values():
        if str(container.tag) not in ("ParagraphSentence", "ItemSentence"):
            continue
        own = [s for s in container if s.tag == "Sentence"]
        if len(own) != len(container) or len(own) < 2:
            continue
        joined = "".join(s.text or "" for s in own)
        if old not in joined:
            continue
        _redistribute(container, own, joined.replace(old, new))
        return True
    return False


def _replace_words(target: etree._Element, old: str, new: str, sentence: Sentence) -> None:
    hits = 0
    for s in _sentences(target):
        if len(s):
            raise HoseiError(
                "cannot change wording inside ruby or other markup", "<amendment>", sentence.line
            )
        text = s.text or ""
        count = text.count(old)
        if count:
            hits += count
            s.text = text.replace(old, new)
            _resplit(s)  # a 「。」 added or removed moves the sentence boundaries, as they would be printed
    if hits == 0 and _replace_across_sentences(target, old, new):
        return
    if hits == 0:
        raise HoseiError(
            f"「{old}」 not found in the provision — in 「{sentence.text[:40]}」",
            "<amendment>",
            sentence.line,
        )


def _old_style(anchor: etree._Element) -> bool:
    """An article of an old law without official paragraph numbers (②③ are editorial, OldStyle)."""
    parent = anchor.getparent()
    return parent is not None and any(p.get("OldStyle") == "true" for p in parent.findall("Paragraph"))


def _insert_old_style(anchor: etree._Element, paragraphs: list[etree._Element]) -> None:
    """Unnumbered paragraphs inserted after *anchor*: the following ones move down by themselves (no sentence
    renumbers them, as the law has no official numbers), and every editorial number is written again."""
    from ..text.parse import circled

    for p in reversed(paragraphs):
        anchor.addnext(p)
    parent = anchor.getparent()
    assert parent is not None
    for n, p in enumerate(parent.findall("Paragraph"), start=1):
        p.set("Num", str(n))
        if n > 1:
            p.set("OldStyle", "true")
            num = p.find("ParagraphNum")
            if num is None:
                num = etree.Element("ParagraphNum")
                p.insert(1 if p.find("ParagraphCaption") is not None else 0, num)
            num.text = circled(n)


def _paragraph_from_text(lines: list[str], writing_mode: str) -> list[etree._Element]:
    """New paragraphs from their printed lines (「２　…」, items 「一　…」 below them)."""
    m = re.match(r"^[ 　]*([0-9０-９]+)[ 　]", lines[0]) if lines else None
    first = parse_number(m.group(1)) if m else 2
    # paragraphs must run from ２ for the text parser: placeholders before the first, dropped
    filler = [f"{to_fullwidth(k)}　仮" for k in range(2, first)]
    doc = parse_text("\n".join(["第一条　仮", *filler, *lines]))
    art = doc.document.root.find(".//Article")
    assert art is not None
    paragraphs = [copy.deepcopy(p) for p in art.findall("Paragraph")[1 + len(filler) :]]
    if not paragraphs:  # a paragraph printed without a number (old laws)
        p = etree.Element("Paragraph", Num="0")
        etree.SubElement(p, "ParagraphNum")
        add_sentences(etree.SubElement(p, "ParagraphSentence"), "".join(lines), writing_mode)
        paragraphs = [p]
    return paragraphs


def _article_from_text(lines: list[str]) -> etree._Element:
    return _articles_from_text(lines)[0]


def _articles_from_text(lines: list[str]) -> list[etree._Element]:
    doc = parse_text(
        "\n".join(line.strip(" 　") if line.lstrip(" 　").startswith("（") else line for line in lines)
    )
    articles = [copy.deepcopy(a) for a in doc.document.root.iter("Article")]
    if not articles:
        raise HoseiError("the new article text has no article")
    return articles


def _renumber_article(article: etree._Element, number: str) -> None:
    """第四十七条 → 第四十九条: Num and the printed title (kanji, or Arabic in a horizontal text)."""
    branch = parse_branch(number)
    article.set("Num", "_".join(str(x) for x in branch))
    title = article.find("ArticleTitle")
    if title is not None:
        arabic = bool(re.search("[0-9０-９]", title.text or ""))
        parts = [str(x) if arabic else to_kanji(x) for x in branch]
        title.text = f"第{parts[0]}条" + "".join(f"の{x}" for x in parts[1:])


#: the cell that starts a row of a 読替え table: the provisions read differently (第百三十三条の二第一項及び第三項…)
_READING_ROW_HEAD = re.compile(
    rf"^第{_N}条(?:の{_N})*(?:第{_N}[項号](?:の{_N})*)*(?:(?:及び|並びに|、)第{_N}条(?:の{_N})*(?:第{_N}[項号](?:の{_N})*)*|(?:及び|並びに|、)第{_N}[項号])*$"
)


def _reading_table(lines: list[str], writing_mode: str) -> etree._Element:
    """A 読替え table printed one cell per line (上欄 provisions, 中欄 words, 下欄 replacements): a line naming
    provisions starts a row, the lines after it pair up into 中欄/下欄, and each further pair is a row of its own
    under the same provisions (an empty 上欄, as e-Gov keeps it)."""
    rows: list[tuple[str, str, str]] = []
    head: str | None = None
    pending: list[str] = []
    for line in (ln.strip(" 　") for ln in lines):
        if not line:
            continue
        if _READING_ROW_HEAD.match(line) and not pending:
            head = line
            continue
        if head is None:
            raise HoseiError(f"a 読替え table row without its provisions: {line[:30]}")
        pending.append(line)
        if len(pending) == 2:
            rows.append((head, pending[0], pending[1]))
            head, pending = "", []
    if pending or not rows:
        raise HoseiError("a 読替え table whose cells do not pair up (上欄, 中欄, 下欄)")
    doc = parse_text("\n".join(["第一条　仮", *(f"| {a} | {b} | {c} |" for a, b, c in rows)]))
    struct = doc.document.root.find(".//TableStruct")
    assert struct is not None
    for sentence in struct.iter("Sentence"):
        sentence.set("WritingMode", writing_mode)
    return copy.deepcopy(struct)


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


def apply_sentence(law: Law, ctx: _Context, sentence: Sentence) -> None:
    if sentence.text.count("「") != sentence.text.count("」"):
        raise HoseiError(f"unbalanced 「」 in 「{sentence.text[:40]}」", "<amendment>", sentence.line)
    text = sentence.text.rstrip("。")
    if ctx.scope is None and _apply_to_several(law, ctx, sentence, text):
        return
    segments = _segments(text)
    target: etree._Element | None = None
    for seg in segments:
        s = seg
        if ctx.scope is not None and s.startswith("附則"):
            s = s[len("附則") :]  # 附則第二条…: the earlier act's 附則 is the scope already
            if not s.startswith("第"):  # 附則に次の一項を加える / 附則中…
                target = ctx.scope
        if ctx.article is not None and _apply_structural(law, ctx, sentence, s, None):
            continue  # 第七項を第九項とし, 第四項から第六項までを…繰り下げ, 同項を同条第五項とし, 同項の次に…
        # location prefix
        m = re.match(
            rf"^(?:第(?P<art>{_N})条(?P<br>(?:の{_N})*)|同条)(?:第(?P<para>{_N})項)?(?:第(?P<item>{_N})号(?P<ibr>(?:の{_N})*))?",
            s,
        )
        m_para = re.match(rf"^(?:同項|第(?P<para>{_N})項)", s)
        if s.startswith("目次中"):
            toc = law.root.find("LawBody/TOC")
            if toc is None:
                raise HoseiError("the law has no 目次", "<amendment>", sentence.line)
            target = toc
            s = s[len("目次中") :]
        elif m and (m.group("art") or s.startswith("同条")):
            if m.group("art"):
                ctx.set_article(_article(law, m.group("art") + "条" + m.group("br"), sentence, ctx.scope))
            if ctx.article is None:
                raise HoseiError("同条 with no article named before it", "<amendment>", sentence.line)
            target = ctx.article
            if m.group("para"):
                target = _paragraph(ctx, parse_number(m.group("para")), sentence)
                ctx.last = target
            if m.group("item"):
                holder = (
                    target
                    if target is not None and target.tag == "Paragraph"
                    else ctx.article.find("Paragraph")
                )
                target = _item(holder, m.group("item") + m.group("ibr"), sentence)
                ctx.last_item = target
            s = s[m.end() :]
        elif m_para and ctx.article is not None:
            target = (
                ctx.last
                if s.startswith("同項")
                else _paragraph(ctx, parse_number(m_para.group("para") or "0"), sentence)
            )
            ctx.last = target
            s = s[m_para.end() :]
            m_item = re.match(rf"^第(?P<item>{_N})号(?P<ibr>(?:の{_N})*)(?=中|を|の次)", s)
            if m_item:  # 同項第四号中「…」 / 同項第四号を…
                target = _item(target, m_item.group("item") + m_item.group("ibr"), sentence)
                ctx.last_item = target
                s = s[m_item.end() :]
        if s.startswith("中"):
            s = s[1:]
        if _apply_structural(law, ctx, sentence, s, target):
            continue
        change = word_change(s)
        if change and target is not None:
            _replace_words(target, *change, sentence)
            continue
        raise HoseiError(f"cannot read 「{seg}」 — in 「{sentence.text[:40]}」", "<amendment>", sentence.line)


#: One target down to a subitem (「第九十七条第一項第六号イ中…」), read as the targets of several are.
_SUBITEM_TARGET = re.compile(
    rf"^(?P<targets>第[^「」中をと、]*?号[{IROHA}](?:[^「」中をと、]*?))中(?P<ops>「.*)$"
)


def _apply_to_several(law: Law, ctx: _Context, sentence: Sentence, text: str) -> bool:
    """「第十条及び第十一条中「懲役」を「拘禁刑」に改める」, 「第二十条から第二十二条までの規定及び第二十五条中…」,
    「第三条第一項第二号、第十二条第一項第四号及び第四十条第三号イ中…」: the same wording changes in every provision
    named (see :mod:`hosei.core.targets`)."""
    m = MULTI.match(text) or _SUBITEM_TARGET.match(text)
    if m is None:
        return False
    try:
        targets = resolve(law, m.group("targets"))
    except HoseiError as exc:
        raise HoseiError(
            f"{exc.message} — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
        ) from None
    changes = []
    for seg in _segments(m.group("ops")):
        change = word_change(seg)
        if change is None:
            raise HoseiError(
                f"cannot read 「{seg}」 — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
            )
        changes.append(change)
    for target in targets:
        for old, new in changes:
            _replace_words(target, old, new, sentence)
    last = targets[-1]
    article = last if last.tag == "Article" else next(last.iterancestors("Article"), None)
    if article is not None:
        ctx.set_article(article)
    return True


def _numbers(m: re.Match[str]) -> list[int]:
    """第一号 / 第一号及び第二号 / 第一号から第三号まで: the numbers named (groups a, b, c)."""
    first = parse_number(m.group("a"))
    if m.group("b"):
        return [first, parse_number(m.group("b"))]
    if m.group("c"):
        return list(range(first, parse_number(m.group("c")) + 1))
    return [first]


def _apply_structural(
    law: Law, ctx: _Context, sentence: Sentence, s: str, target: etree._Element | None
) -> bool:
    mode = "vertical"
    # 第七項を第九項とし / 同項を同条第五項とし
    m = re.match(rf"^(?:第(?P<a>{_N})項|同項)を(?:同条)?第(?P<b>{_N})項と(?:し|する)$", s)
    if m:
        el = _paragraph(ctx, parse_number(m.group("a")), sentence) if m.group("a") else ctx.last
        if el is None:
            raise HoseiError("同項 with no paragraph named before it", "<amendment>", sentence.line)
        _set_paragraph_number(el, parse_number(m.group("b")))
        ctx.last = el
        return True
    if s.startswith("を") and target is not None and target is ctx.last:
        m2 = re.match(rf"^を(?:同条)?第(?P<b>{_N})項と(?:し|する)$", s)
        if m2:
            _set_paragraph_number(target, parse_number(m2.group("b")))
            return True
    # items: 第五号を第六号とし / 第二号の次に次の一号を加える / (第三項第二号)の次に次の一号を加える
    m = re.match(rf"^第(?P<a>{_N})号を第(?P<b>{_N})号と(?:し|する)$", s)
    if m:
        holder = _item_holder(ctx, target)
        ctx.last_item = _item(holder, m.group("a"), sentence)
        _set_item_number(ctx.last_item, parse_number(m.group("b")))
        return True
    m = re.match(
        rf"^第(?P<a>{_N})項(?:(?P<and>及び)第(?P<b>{_N})項|から第(?P<c>{_N})項まで)?を削(?:り|る)$", s
    )
    if m and ctx.article is not None:
        for n in _numbers(m):
            ctx.article.remove(_paragraph(ctx, n, sentence))
        return True
    m = re.match(rf"^同号を(?:同項|同条)?第(?P<b>{_N})号と(?:し|する)$", s)
    if m:
        if ctx.last_item is None:
            raise HoseiError("同号 with no item named before it", "<amendment>", sentence.line)
        _set_item_number(ctx.last_item, parse_number(m.group("b")))
        return True
    m = re.match(
        rf"^第(?P<a>{_N})号(?:(?P<and>及び)第(?P<b>{_N})号|から第(?P<c>{_N})号まで)?を削(?:り|る)$", s
    )
    if m:
        holder = _item_holder(ctx, target)
        for item in [_item(holder, to_kanji(n), sentence) for n in _numbers(m)]:
            parent = item.getparent()
            assert parent is not None
            parent.remove(item)
        return True
    m = re.match(
        rf"^第(?P<a>{_N})号から第(?P<b>{_N})号までを(?P<k>{_N})号ずつ繰り(?P<dir>下|上)げ(?:る)?$", s
    )
    if m:
        holder = _item_holder(ctx, target)
        a, b, k = parse_number(m.group("a")), parse_number(m.group("b")), parse_number(m.group("k"))
        k = k if m.group("dir") == "下" else -k
        for item in [_item(holder, to_kanji(n), sentence) for n in range(a, b + 1)]:
            _set_item_number(item, int(item.get("Num", "0").split("_")[0]) + k)
        return True
    m = re.match(rf"^(?:第(?P<a>{_N})号|(?P<same>同号))?の次に次の(?P<k>{_N})号を加える$", s)
    if m and sentence.new_text:
        if m.group("same"):
            anchor_item = ctx.last_item
        elif m.group("a"):
            anchor_item = _item(_item_holder(ctx, target), m.group("a"), sentence)
        elif target is not None and target.tag == "Item":
            anchor_item = target
        else:
            anchor_item = None
        if anchor_item is not None:
            for item in reversed(_items_from_text(sentence.new_text)):
                anchor_item.addnext(item)
            return True
    m = re.match(rf"^に次の(?P<k>{_N}|各)号を加える$", s)
    if m and target is not None and target.tag == "Article" and len(target.findall("Paragraph")) == 1:
        target = target.find("Paragraph")  # 「第一条に次の一号を加える」: the article's only paragraph
    if m and sentence.new_text and target is not None and target.tag == "Paragraph":
        items = target.findall("Item")
        new_items = _items_from_text(sentence.new_text)
        if m.group("k") == "各" and (items or len(new_items) < 2):
            raise HoseiError(
                "「次の各号を加える」 gives a provision its items: it has some already, or one is new_items",
                "<amendment>",
                sentence.line,
            )
        if not items:  # a provision without items gets its first ones: 「附則第一項に次の各号を加える」
            target.extend(new_items)
            return True
        for item in reversed(new_items):
            items[-1].addnext(item)
        return True
    m = re.match(
        rf"^第(?P<a>{_N})項から第(?P<b>{_N})項までを(?P<k>{_N})項ずつ繰り(?P<dir>下|上)げ(?:る)?$", s
    )
    if m:
        a, b, k = parse_number(m.group("a")), parse_number(m.group("b")), parse_number(m.group("k"))
        k = k if m.group("dir") == "下" else -k
        for n in range(a, b + 1):
            _set_paragraph_number(_paragraph(ctx, n, sentence), n + k)
        return True
    m = re.match(rf"^(?:同項|第(?P<a>[^項]+)項)?の次に次の{_N}項を加える$", s)
    if m and sentence.new_text:
        anchor = (
            ctx.last
            if m.group("a") is None and target is None
            else (target if target is not None and target.tag == "Paragraph" else ctx.last)
        )
        if m.group("a"):
            anchor = _paragraph(ctx, parse_number(m.group("a")), sentence)
        if anchor is None:
            raise HoseiError("同項 with no paragraph named before it", "<amendment>", sentence.line)
        new_paragraphs = _paragraph_from_text(sentence.new_text, mode)
        if _old_style(anchor):
            _insert_old_style(anchor, new_paragraphs)
            return True
        for p in reversed(new_paragraphs):
            if p.get("Num") == "0":
                p.set("Num", str(int(anchor.get("Num", "1")) + 1))
            anchor.addnext(p)
        return True
    m = re.match(rf"^(?:同条)?に第(?P<n>{_N})項として次の(?P<k>{_N})項を加え(?:る)?$", s)
    if m and sentence.new_text:
        article = (
            target if target is not None and target.tag in ("Article", "SupplProvision") else ctx.article
        )
        if article is None:
            raise HoseiError("同条 with no article named before it", "<amendment>", sentence.line)
        first = parse_number(m.group("n"))
        if first == 1:  # the first paragraph prints no number: read it as an article's opening paragraph
            doc = parse_text(
                "\n".join(["第一条　" + sentence.new_text[0].strip(" 　"), *sentence.new_text[1:]])
            )
            parsed = doc.document.root.find(".//Article")
            new_paragraphs = (
                [copy.deepcopy(p) for p in parsed.findall("Paragraph")] if parsed is not None else []
            )
        else:
            new_paragraphs = _paragraph_from_text(sentence.new_text, mode)
        existing = article.findall("Paragraph")
        for offset, p in enumerate(new_paragraphs):
            p.set("Num", str(first + offset))
            if existing:
                existing[0].addprevious(p)
            else:
                article.append(p)
        return True
    m = re.match(rf"^の次に次の(?P<k>{_N})条を加える$", s)
    if m and target is not None and target.tag == "Article" and sentence.new_text:
        articles = _articles_from_text(sentence.new_text)
        if len(articles) != parse_number(m.group("k")):
            raise HoseiError(
                f"{len(articles)} articles follow where the sentence adds {m.group('k')} — in 「{sentence.text[:40]}」",
                "<amendment>",
                sentence.line,
            )
        for new in reversed(articles):
            target.addnext(new)
        ctx.article = articles[-1]
        return True
    # 第六十一条を第六十四条とする / 同条を第六十三条とし
    m = re.match(rf"^を第(?P<b>{_N})条(?P<br>(?:の{_N})*)と(?:し|する)$", s)
    if m and target is not None and target.tag == "Article":
        _renumber_article(target, m.group("b") + m.group("br"))
        return True
    # 第四十九条から第五十三条までを三条ずつ繰り下げ
    m = re.match(rf"^から第(?P<b>{_N})条までを(?P<k>{_N})条ずつ繰り(?P<d>下|上)げ(?:る)?$", s)
    if m and target is not None and target.tag == "Article":
        lo = int(target.get("Num", "0").split("_")[0])
        hi, k = parse_number(m.group("b")), parse_number(m.group("k"))
        k = k if m.group("d") == "下" else -k
        moving = [_article(law, f"{to_kanji(n)}条", sentence, ctx.scope) for n in range(lo, hi + 1)]
        for article in moving:
            _renumber_article(article, to_kanji(int(article.get("Num", "0")) + k))
        return True
    # 見出し: 第四十六条の見出しを「（…）」に改め / 第五十五条の見出し中「裁判書」を「電子裁判書」に改め
    m = re.match(r"^の見出し(?:を「(?P<new>[^「」]*)」に改め(?:る)?|中(?P<ops>「.*))$", s)
    if m and target is not None and target.tag == "Article":
        caption = target.find("ArticleCaption")
        if m.group("new") is not None:
            if caption is None:
                caption = etree.Element("ArticleCaption")
                target.insert(0, caption)
            caption.text = m.group("new")
            return True
        w = _WORD_OPS.match(m.group("ops"))
        if caption is None or w is None:
            raise HoseiError(
                f"no heading to change — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
            )
        _change_words_once(caption, w, sentence, "the heading")
        return True
    # 後段: 同条後段を次のように改める (a 読替え table may follow, one cell per line) / 同項に後段として次のように加える
    m = re.match(r"^ただし書を削(?:り|る)$", s)
    if m and target is not None:
        paragraph = target
        if target.tag == "Article" and len(target.findall("Paragraph")) == 1:
            paragraph = target.findall("Paragraph")[0]
        container = paragraph.find("ParagraphSentence")
        own = container.findall("Sentence") if container is not None else []
        if container is None or len(own) < 2 or not (own[-1].text or "").startswith("ただし"):
            raise HoseiError(f"no ただし書 there — in 「{sentence.text[:40]}」", "<amendment>", sentence.line)
        mode = own[0].get("WritingMode", "vertical")
        kept = "".join(x.text or "" for x in own[:-1])
        for x in own:
            container.remove(x)
        add_sentences(container, kept, mode)
        return True
    m = re.match(r"^(?:後段を次のように改め|に後段として次のように加え|に次のただし書を加え)(?:る)?$", s)
    if m and target is not None and sentence.new_text:
        paragraph = target
        if target.tag == "Article":
            paragraphs = target.findall("Paragraph")
            if len(paragraphs) != 1:
                raise HoseiError(
                    f"後段 of an article of several paragraphs — in 「{sentence.text[:40]}」",
                    "<amendment>",
                    sentence.line,
                )
            paragraph = paragraphs[0]
        container = paragraph.find("ParagraphSentence")
        if container is None:
            raise HoseiError(
                f"no sentence to add a 後段 to — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
            )
        own = container.findall("Sentence")
        mode = own[0].get("WritingMode", "vertical") if own else "vertical"
        if s.startswith("後段"):
            if len(own) < 2:
                raise HoseiError(
                    f"the provision has no 後段 — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
                )
            for old_sentence in own[1:]:
                container.remove(old_sentence)
        added = sentence.new_text[0].strip(" 　")
        kept = "".join(x.text or "" for x in container.findall("Sentence"))
        for x in container.findall("Sentence"):
            container.remove(x)
        add_sentences(container, kept + added, mode)
        if len(sentence.new_text) > 1:
            for old_table in paragraph.findall("TableStruct"):
                paragraph.remove(old_table)
            struct = _reading_table(sentence.new_text[1:], mode)
            first_item = paragraph.find("Item")
            if first_item is not None:
                first_item.addprevious(struct)
            else:
                paragraph.append(struct)
        return True
    if re.fullmatch(rf"に次の{_N}項を加える", s) and target is not None and sentence.new_text:
        article = target if target.tag == "Article" else ctx.article
        assert article is not None
        for p in _paragraph_from_text(sentence.new_text, mode):
            last = article.findall("Paragraph")[-1]
            if p.get("Num") == "0":
                p.set("Num", str(int(last.get("Num", "1")) + 1))
            last.addnext(p)
        return True
    if s == "を次のように改める" and target is not None and target.tag == "Article" and sentence.new_text:
        new = _article_from_text(sentence.new_text)
        new.set("Num", target.get("Num", ""))
        target.addprevious(new)
        target.getparent().remove(target)  # type: ignore[union-attr]
        ctx.article = new
        return True
    if s in ("を削る", "を削り") and target is not None:
        parent = target.getparent()
        assert parent is not None
        parent.remove(target)
        return True
    # 第三条及び第四条を削る / 第五条から第八条までを削る (target is the first article named)
    m = re.match(rf"^(?:及び第(?P<b>{_N})条|から第(?P<c>{_N})条まで)を削(?:り|る)$", s)
    if m and target is not None and target.tag == "Article":
        lo = int(target.get("Num", "0").split("_")[0])
        hi = parse_number(m.group("b") or m.group("c"))
        numbers = [hi] if m.group("b") else list(range(lo + 1, hi + 1))
        doomed = [target] + [_article(law, f"{to_kanji(k)}条", sentence, ctx.scope) for k in numbers]
        for article in doomed:
            article.getparent().remove(article)  # type: ignore[union-attr]
        return True
    return False


def apply_table_sentence(law: Law, sentence: Sentence) -> bool:
    """「別表第1を次のように改める。」: an appendix table replaced whole by the printed table that follows;
    「別表第二を削る。」: a table deleted."""
    m = re.match(rf"^(別表(?:第{_N})?)を(次のように改める|削る)。$", sentence.text.strip())
    if not m:
        return False
    wanted = appendix_table_number(m.group(1))
    tables = [
        t
        for t in law.root.iterfind("LawBody/AppdxTable")
        if appendix_table_number((t.findtext("AppdxTableTitle") or "").strip()) == wanted
    ]
    if not tables:
        raise HoseiError(f"no such provision: {m.group(1)}", "<amendment>", sentence.line)
    if m.group(2) == "削る":
        tables[0].getparent().remove(tables[0])  # type: ignore[union-attr]
        return True
    # the table alone would be read as a title: give it a placeholder title and article to stand after
    doc = parse_text("仮\n第1条　仮\n" + "\n".join(sentence.new_text), law_type="ordinance")
    new = doc.document.root.find("LawBody/AppdxTable")
    if new is None:
        raise HoseiError(f"the new text of {m.group(1)} is not a table", "<amendment>", sentence.line)
    old = tables[0]
    _keep_header_row(old, new)
    for attr in ("Num",):
        if old.get(attr) is not None:
            new.set(attr, old.get(attr, ""))
    old.addprevious(copy.deepcopy(new))
    old.getparent().remove(old)  # type: ignore[union-attr]
    return True


_LABEL = f"[{KANJI_NUMERALS}0-9０-９]+(?:の[{KANJI_NUMERALS}0-9０-９]+)*"


def apply_row_sentence(law: Law, sentence: Sentence) -> bool:
    """Rows of an appendix table: 「別表の五の項中「A」を「B」に改める。」, 「別表中九の項を十一の項とし、四の項から
    八の項までを二項ずつ繰り下げ、三の項の次に次のように加える。」 (rows follow, printed 「| 四 | … |」),
    「別表中三の項を削り、…」, 「別表に次のように加える。」, 「別表の十の項を次のように改める。」."""
    text = sentence.text.strip().rstrip("。")
    m = re.match(rf"^(?P<cite>別表(?:第{_N})?)(?P<rest>(?:中|の{_LABEL}の項|に次のように).*)$", text)
    if not m:
        return False
    wanted = appendix_table_number(m.group("cite"))
    tables = [
        t
        for t in law.root.iterfind("LawBody/AppdxTable")
        if appendix_table_number((t.findtext("AppdxTableTitle") or "").strip()) == wanted
    ]
    if not tables:
        raise HoseiError(f"no such provision: {m.group('cite')}", "<amendment>", sentence.line)
    table = tables[0]

    def where(msg: str) -> HoseiError:
        return HoseiError(f"{msg} — in 「{sentence.text[:40]}」", "<amendment>", sentence.line)

    # labels mean the rows as they stood before the sentence
    rows = {row_label(Provision(r, law)): r for r in table.iter("TableRow")}
    rows.pop("", None)

    def row(label: str) -> etree._Element:
        if label not in rows:
            raise where(f"no row {label}の項 in {m.group('cite')}")
        return rows[label]

    rest = m.group("rest")
    current: etree._Element | None = None
    if rest.startswith("中"):
        rest = rest[1:]
    elif rest.startswith("の"):
        head = re.match(rf"^の(?P<l>{_LABEL})の項(?P<joint>中)?", rest)
        assert head is not None
        current = row(head.group("l"))
        rest = rest[head.end() :] if head.group("joint") else head.group("l") + "の項" + rest[head.end() :]
    for seg in _segments(rest):
        op = re.match(rf"^(?P<l>{_LABEL})の項中(?P<w>「.*)$", seg)
        if op:
            current, seg = row(op.group("l")), op.group("w")
        change = word_change(seg)
        if change and current is not None:
            _replace_words(current, *change, sentence)
            continue
        op = re.match(rf"^(?P<a>{_LABEL})の項を(?P<b>{_LABEL})の項と(?:し|する)$", seg)
        if op:
            _relabel(row(op.group("a")), op.group("a"), op.group("b"))
            continue
        op = re.match(rf"^同項を(?P<b>{_LABEL})の項と(?:し|する)$", seg)
        if op and current is not None:
            _relabel(current, row_label(Provision(current, law)), op.group("b"))
            continue
        op = re.match(
            rf"^(?P<a>{_LABEL})の項から(?P<b>{_LABEL})の項までを(?P<k>{_N})項ずつ繰り(?P<d>下|上)げ(?:る)?$",
            seg,
        )
        if op:
            lo, hi, k = (parse_number(op.group(x)) for x in ("a", "b", "k"))
            k = k if op.group("d") == "下" else -k
            arabic = bool(re.search("[0-9]", op.group("a")))
            for n in range(lo, hi + 1):
                label = str(n) if arabic else to_kanji(n)
                _relabel(row(label), label, str(n + k) if arabic else to_kanji(n + k))
            continue
        op = re.match(rf"^(?P<a>{_LABEL})の項を削(?:り|る)$", seg)
        if op:
            target = row(op.group("a"))
            target.getparent().remove(target)  # type: ignore[union-attr]
            continue
        op = re.match(rf"^(?:(?P<a>{_LABEL})の項の次に|に)次のように加え(?:る)?$", seg)
        if op and sentence.new_text:
            anchor = row(op.group("a")) if op.group("a") else list(table.iter("TableRow"))[-1]
            for new_row in reversed(_rows_from_text(anchor, sentence)):
                anchor.addnext(new_row)
            continue
        op = re.match(rf"^(?P<a>{_LABEL})の項を次のように改め(?:る)?$", seg)
        if op and sentence.new_text:
            target = row(op.group("a"))
            new_rows = _rows_from_text(target, sentence)
            for new_row in new_rows:
                target.addprevious(new_row)
            target.getparent().remove(target)  # type: ignore[union-attr]
            continue
        raise where(f"cannot read 「{seg}」")
    return True


def _relabel(row: etree._Element, old: str, new: str) -> None:
    """The label is the first cell (三) or the head of it (三　厚生労働大臣)."""
    first = row.find("TableColumn")
    sentence = first.find(".//Sentence") if first is not None else None
    if sentence is None or sentence.text is None:
        raise HoseiError(f"row {old}の項 has no label to change")
    if sentence.text.strip() == old:
        sentence.text = sentence.text.replace(old, new, 1)
    elif sentence.text.startswith(old + "　"):
        sentence.text = new + sentence.text[len(old) :]
    else:
        raise HoseiError(f"row {old}の項 has no label to change")


def _rows_from_text(template: etree._Element, sentence: Sentence) -> list[etree._Element]:
    """New rows printed 「| 四 | … | … |」, built on the layout of a neighbouring row (its cells and attributes)."""
    out = []
    for line in sentence.new_text:
        if not (line.startswith("|") and line.endswith("|")):
            raise HoseiError(f"not a table row: {line[:40]}", "<amendment>", sentence.line)
        cells = [c.strip() for c in line[1:-1].split("|")]
        row = copy.deepcopy(template)
        columns = row.findall("TableColumn")
        if len(columns) != len(cells):
            raise HoseiError(
                f"{len(cells)} cells where the table has {len(columns)}: {line[:40]}",
                "<amendment>",
                sentence.line,
            )
        for column, cell in zip(columns, cells, strict=True):
            sentences = column.findall("Sentence")
            if len(sentences) != 1 or len(sentences[0]) or "｜" in cell:
                raise HoseiError(
                    f"a new row with cells of several sentences or ruby is not supported yet: {line[:40]}",
                    "<amendment>",
                    sentence.line,
                )
            sentences[0].text = cell or None
        row.tail = template.tail
        out.append(row)
    return out


def _keep_header_row(old: etree._Element, new: etree._Element) -> None:
    """Printed text does not tell a header row from a row: when the old table had a TableHeaderRow, the new
    table's first row is one too (a table amended whole keeps its kind of heading)."""
    if old.find(".//TableHeaderRow") is None or new.find(".//TableHeaderRow") is not None:
        return
    first = new.find(".//Table/TableRow")
    if first is None:
        return
    header = etree.Element("TableHeaderRow")
    for col in first.findall("TableColumn"):
        etree.SubElement(header, "TableHeaderColumn").text = "".join(col.itertext()).strip()
    first.addprevious(header)
    first.getparent().remove(first)  # type: ignore[union-attr]


def apply_toc_sentence(law: Law, sentence: Sentence) -> bool:
    """「目次を次のように改める。」: the 目次 replaced by the one printed below it."""
    if sentence.text.strip() != "目次を次のように改める。":
        return False
    old = law.root.find("LawBody/TOC")
    lines = [line.strip(" 　") for line in sentence.new_text]
    if old is None or not lines:
        raise HoseiError(
            "no 目次 to replace, or no new 目次 below the sentence", "<amendment>", sentence.line
        )
    if lines[0] not in ("目次", "目　次"):
        lines.insert(0, "目次")
    doc = parse_text("\n".join(["仮", *lines, "第一条　仮"]))
    new = doc.document.root.find("LawBody/TOC")
    if new is None:
        raise HoseiError("the new 目次 could not be read", "<amendment>", sentence.line)
    old.addprevious(copy.deepcopy(new))
    old.getparent().remove(old)  # type: ignore[union-attr]
    return True


def apply_chapter_sentence(law: Law, sentence: Sentence) -> bool:
    """「第四章に次の一条を加える。」: a new article at the end of a chapter."""
    m = re.match(rf"^第(?P<n>{_N})章に次の一条を加える。$", sentence.text)
    if not m:
        return False
    number = parse_number(m.group("n"))
    chapters = [c for c in law.main.el.iter("Chapter") if c.get("Num") == str(number)]
    if not chapters:
        raise HoseiError(f"no such provision: 第{m.group('n')}章", "<amendment>", sentence.line)
    article = _article_from_text(sentence.new_text)
    chapters[0].append(article)
    return True


_DIVISION_TAG = {"編": "Part", "章": "Chapter", "節": "Section", "款": "Subsection", "目": "Division"}
#: a division as sentences cite it: 第四章, 第二章第一節, 第三章の二
_DIVISION_CITE = rf"(?P<cite>(?:第{_N}[編章節款目](?:の{_N})*)+)"


def _division(law: Law, cite: str, sentence: Sentence) -> etree._Element:
    """The division a citation such as 第二章第一節 names, in the main provision."""
    node = law.main.el
    for number, word, branch in re.findall(rf"第({_N})([編章節款目])((?:の{_N})*)", cite):
        wanted = branch_to_num(parse_branch(number + branch))
        found = next((el for el in node.iter(_DIVISION_TAG[word]) if el.get("Num") == wanted), None)
        if found is None:
            raise HoseiError(
                f"no such provision: {cite} — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
            )
        node = found
    return node


def apply_division_sentence(law: Law, sentence: Sentence) -> bool:
    """「第六章の次に次の三章を加える。」 / 「第二章第三節の次に次の一節を加える。」: whole divisions, their articles
    printed under their titles, added after the one named."""
    m = re.match(
        rf"^{_DIVISION_CITE}の次に次の(?P<k>{_N})(?P<word>[編章節款目])を加える。$",
        sentence.text.strip(),
    )
    if not m:
        return False
    anchor = _division(law, m.group("cite"), sentence)
    tag = _DIVISION_TAG[m.group("word")]
    parsed = parse_text("\n".join(sentence.new_text)).document.root.find(".//MainProvision")
    added = [] if parsed is None else [copy.deepcopy(el) for el in parsed.iter(tag)]
    added = [el for el in added if not any(a.tag == tag for a in el.iterancestors())]
    if len(added) != parse_number(m.group("k")):
        raise HoseiError(
            f"{len(added)} {m.group('word')} follow where the sentence adds {m.group('k')} — in "
            f"「{sentence.text[:40]}」",
            "<amendment>",
            sentence.line,
        )
    for el in reversed(added):
        anchor.addnext(el)
    return True


def apply_division_name_sentence(law: Law, sentence: Sentence) -> bool:
    """「第四章の章名中「A」を「B」に改める。」 / 「第二章第一節の節名を次のように改める。」 (the new name follows)."""
    m = re.match(
        rf"^{_DIVISION_CITE}の(?P<word>[編章節款目])名(?:中(?P<ops>「.*)|を次のように改める)。$",
        sentence.text.strip(),
    )
    if not m:
        return False
    node = _division(law, m.group("cite"), sentence)
    title = node.find(f"{node.tag!s}Title")
    if title is None:
        raise HoseiError(
            f"{m.group('cite')} has no name — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
        )
    if m.group("ops") is None:
        if not sentence.new_text:
            raise HoseiError(
                f"the new name is missing — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
            )
        title.text = sentence.new_text[0].strip(" 　")
        return True
    for seg in _segments(m.group("ops").removesuffix("改める").removesuffix("改め")):
        w = _WORD_OPS.match(seg)
        if w is None:
            raise HoseiError(
                f"cannot read 「{seg}」 — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
            )
        _change_words_once(title, w, sentence, "the name")
    return True


def _change_words_once(el: etree._Element, w: re.Match[str], sentence: Sentence, what: str) -> None:
    """「A」を「B」に改め / 「A」の下に「B」を加え / 「A」を削り inside one heading or name, where A occurs once."""
    old_words, new_words = w.group("a"), _replacement(w)
    if (el.text or "").count(old_words) != 1:
        raise HoseiError(
            f"「{old_words}」 not found once in {what} — in 「{sentence.text[:40]}」",
            "<amendment>",
            sentence.line,
        )
    el.text = (el.text or "").replace(old_words, new_words)


def _promulgated(suppl: etree._Element) -> tuple[int, ...]:
    """The amending act's promulgation date and number, from 「令和三年五月一九日法律第三七号」 (the order e-Gov keeps)."""
    from ..core.eradate import parse_date

    m = re.match(r"^(.+?日)(?:.*?第(.+)号)?$", suppl.get("AmendLawNum") or "")
    if not m:
        return (0,)
    try:
        date = parse_date(m.group(1))
        number = parse_number(m.group(2)) if m.group(2) else 0
    except HoseiError:
        return (0,)
    return (date.year, date.month, date.day, number)


def _attach_suppl(body: etree._Element, suppl: etree._Element, main: etree._Element) -> None:
    """After the 附則 of earlier acts and before those of later ones."""
    existing = body.findall("SupplProvision")
    key = _promulgated(suppl)
    later = [el for el in existing if el.get("AmendLawNum") and _promulgated(el) > key]
    if later:
        later[0].addprevious(suppl)
    else:
        (existing[-1] if existing else main).addnext(suppl)


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


def amend(base: Law, amendment: str, law: str | None = None) -> tuple[Document, list[str]]:
    """Apply *amendment* to a copy of *base* (an amending act of several laws: the part for BASE's law, or for
    *law*); returns the new document and notes."""
    amendment = part_for(base, expand_collective(base, amendment, law), law)
    doc = copy.deepcopy(base.doc)
    law_ = Law(doc, law_id=base.law_id)
    opening, sentences = split_amendment(amendment, base.title)
    notes: list[str] = []
    if opening and base.title and base.title not in opening:
        raise HoseiError(f"the amendment is for another law: {opening[:40]}")
    for sentence in sentences:
        if sentence.scope is not None:
            apply_sentence(law_, _scoped_context(law_, sentence), sentence)
            continue
        if sentence.text.startswith("附則") and not sentence.text.startswith("附則中"):
            apply_sentence(law_, _own_suppl_context(law_, sentence), sentence)
            continue
        ctx = _Context(law_)
        if (
            apply_chapter_sentence(law_, sentence)
            or apply_division_sentence(law_, sentence)
            or apply_toc_sentence(law_, sentence)
            or apply_division_name_sentence(law_, sentence)
            or apply_table_sentence(law_, sentence)
            or apply_row_sentence(law_, sentence)
        ):
            continue
        apply_sentence(law_, ctx, sentence)
    body = law_.root.find("LawBody")
    for suppl in own_suppl_provisions(amendment):
        assert body is not None
        _attach_suppl(body, suppl, law_.main.el)
    _renumber_check(law_)
    return doc, notes


def _scoped_context(law: Law, sentence: Sentence) -> _Context:
    """The context for a sentence under 「…法律（平成三十年法律第三十三号）の一部を次のように改正する。」: that act's
    附則 block as this law carries it (a 附則 of paragraphs only is addressed like an article's paragraphs)."""
    assert sentence.scope is not None
    key = act_key(sentence.scope)
    if key is None:
        raise HoseiError(f"no act number in 「{sentence.scope[:40]}」", "<amendment>", sentence.line)
    block = law.suppl_of(sentence.scope)
    if block is not None:
        ctx = _Context(law, scope=block.el)
        if block.el.find("Article") is None:
            ctx.set_article(block.el)
        return ctx
    raise HoseiError(
        f"the law carries no 附則 of {formal_number(key)} — in 「{sentence.text[:40]}」",
        "<amendment>",
        sentence.line,
    )


def _own_suppl_context(law: Law, sentence: Sentence) -> _Context:
    """The context for 「附則第三条中…」 in the law's own amendment: the 附則 the law was enacted with (the one
    that names no amending act), addressed like an earlier act's."""
    body = law.root.find("LawBody")
    blocks = (
        [] if body is None else [el for el in body.iterfind("SupplProvision") if not el.get("AmendLawNum")]
    )
    if len(blocks) != 1:
        raise HoseiError(
            f"{'no' if not blocks else 'more than one'} 附則 of the law as enacted — in 「{sentence.text[:40]}」",
            "<amendment>",
            sentence.line,
        )
    ctx = _Context(law, scope=blocks[0])
    if blocks[0].find("Article") is None:
        ctx.set_article(blocks[0])
    return ctx


def _renumber_check(law: Law) -> None:
    """Paragraph elements must end up in number order (an impossible order of sentences shows here)."""
    for art in law.main.el.iter("Article"):
        nums = [int(p.get("Num", "0")) for p in art.findall("Paragraph")]
        if nums != sorted(nums) or len(set(nums)) != len(nums):
            title = art.findtext("ArticleTitle") or "?"
            raise HoseiError(f"paragraph numbers of {title} out of order after amending: {nums}")


__all__ = ["amend", "parse_branch", "split_amendment"]
