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
import datetime as dt
import re

from lxml import etree

from ..core.errors import HoseiError
from ..core.lawnum import act_key, formal_number
from ..core.model import Law
from ..core.numerals import (
    parse_branch,
    parse_number,
    to_kanji,
)
from ..core.targets import resolve
from ..core.xmlio import Document
from ..text.parse import parse_text
from ..text.units import add_sentences
from .edits import (
    _article_from_text,
    _articles_from_text,
    _insert_old_style,
    _items_from_text,
    _old_style,
    _paragraph_from_text,
    _reading_table,
    _renumber_article,
    _replace_words,
    _set_item_number,
    _set_paragraph_number,
)
from .operations import Operation
from .reading import Where, read_sentence
from .sentences import (
    _N,
    _WORD_OPS,
    Sentence,
    _segments,
    expand_collective,
    own_suppl_provisions,
    part_for,
    split_amendment,
    word_change,
)
from .structure import (
    _change_words_once,
    apply_chapter_sentence,
    apply_division_name_sentence,
    apply_division_sentence,
    apply_row_sentence,
    apply_table_sentence,
    apply_toc_sentence,
)


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


def _located(law: Law, citation: str, sentence: Sentence) -> etree._Element:
    """The provision a citation names, or an error naming the sentence."""
    try:
        return law.find(citation).el
    except HoseiError as exc:
        raise HoseiError(
            f"{exc.message} — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
        ) from None


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


def _item_holder(ctx: _Context, target: etree._Element | None) -> etree._Element | None:
    """The paragraph whose items 「第五号を第六号とし」 speaks of."""
    if target is not None and target.tag in ("Paragraph", "AppdxTable"):
        return target
    if target is not None and target.tag == "Item":
        return target.getparent()
    article = target if target is not None and target.tag == "Article" else ctx.article
    if article is not None:
        paragraphs = article.findall("Paragraph")
        return paragraphs[0] if len(paragraphs) == 1 else ctx.last
    return None


def apply_sentence(law: Law, ctx: _Context, sentence: Sentence) -> None:
    if sentence.text.count("「") != sentence.text.count("」"):
        raise HoseiError(f"unbalanced 「」 in 「{sentence.text[:40]}」", "<amendment>", sentence.line)
    text = sentence.text.rstrip("。")
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
        m_table = re.match(rf"^別表(?:第{_N})?(?=第{_N}号|中第)", s)
        if m_table:  # a table that is a list of items: 別表第一第五号中… / 別表第一中第五号を第六号とし
            target = _located(law, m_table.group(0), sentence)
            s = s[m_table.end() :]
            m_item = re.match(rf"^第(?P<item>{_N})号(?P<ibr>(?:の{_N})*)(?=中|を|の次)", s)
            if m_item:
                target = _item(target, m_item.group("item") + m_item.group("ibr"), sentence)
                ctx.last_item = target
                s = s[m_item.end() :]
        elif s.startswith("目次中"):
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


#: a target the operations name by citation alone (an article, paragraph, item, subitem, or a range of them):
#: not 目次, 別表, 附則, 様式 or a part of a provision (見出し, 後段, ただし書), which the phrase matchers handle
_PROVISION_TARGET = re.compile(rf"^第{_N}条[^見後前た各]*$")


def _apply_operations(law: Law, sentence: Sentence, ops: list[Operation]) -> bool:
    """Carry out a sentence from what it reads as (:mod:`hosei.amend.reading`) where it is one of the forms the
    operations carry: wording operations (「A」を「B」に改め／「A」の下に「B」を加え／「A」を削り) in provisions named by
    citation — 同条／同項 already written out, several targets and ranges as listed —, or one deletion or whole
    article (see :func:`_apply_whole`). False, with nothing done, for any other sentence (the phrase matchers below
    carry those out)."""
    if not ops or any(not _PROVISION_TARGET.match(t) for op in ops for t in op.targets):
        return False
    if len(ops) == 1 and ops[0].kind in ("delete", "replace"):
        return _apply_whole(law, sentence, ops[0])
    if any(op.kind not in ("replace_words", "add_words", "delete_words") for op in ops):
        return False
    for op in ops:
        if op.kind == "replace_words":
            new = op.new or ""
        elif op.kind == "add_words":  # 「A」の下に「B」を加え: A becomes AB
            new = (op.old or "") + (op.new or "")
        else:
            new = ""
        for target in op.targets:
            for el in _resolved(law, sentence, target):
                _replace_words(el, op.old or "", new, sentence)
    return True


def _resolved(law: Law, sentence: Sentence, target: str) -> list[etree._Element]:
    try:
        return resolve(law, target)
    except HoseiError as exc:
        raise HoseiError(
            f"{exc.message} — in 「{sentence.text[:40]}」", "<amendment>", sentence.line
        ) from None


def _apply_whole(law: Law, sentence: Sentence, op: Operation) -> bool:
    """A sentence that deletes provisions (「第十条を削る。」, 「第五条から第八条までを削る。」, 「第一号及び第二号を
    削る。」) or gives an article whole (「第十条を次のように改める。」), carried out from its operation: every target
    resolved first (numbers as they stood before the sentence), then changed."""
    elements = [el for target in op.targets for el in _resolved(law, sentence, target)]
    if op.kind == "delete":
        for el in elements:
            parent = el.getparent()
            assert parent is not None
            parent.remove(el)
        return True
    if len(elements) != 1 or elements[0].tag != "Article" or not op.text:
        return False  # a paragraph or item given whole: the phrase matchers read its new text
    old = elements[0]
    new = _article_from_text(list(op.text))
    new.set("Num", old.get("Num", ""))
    old.addprevious(new)
    old.getparent().remove(old)  # type: ignore[union-attr]
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
    m = re.match(
        rf"^(?:第(?P<a>{_N})項|同項)を(?:同条|附則)?第(?P<b>{_N})項と(?:し|する)$", s
    )  # 附則: of paragraphs
    if m:
        el = _paragraph(ctx, parse_number(m.group("a")), sentence) if m.group("a") else ctx.last
        if el is None:
            raise HoseiError("同項 with no paragraph named before it", "<amendment>", sentence.line)
        _set_paragraph_number(el, parse_number(m.group("b")))
        ctx.last = el
        return True
    if s.startswith("を") and target is not None and target is ctx.last:
        m2 = re.match(rf"^を(?:同条|附則)?第(?P<b>{_N})項と(?:し|する)$", s)
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
    if s == "を次のように改める" and target is not None and target.tag == "Item" and sentence.new_text:
        items = _items_from_text(sentence.new_text)  # 「第五号を次のように改める。　五　削除」
        if len(items) != 1 or items[0].get("Num") != target.get("Num"):
            raise HoseiError(
                f"the new text is not one item numbered as the one it replaces — in 「{sentence.text[:40]}」",
                "<amendment>",
                sentence.line,
            )
        target.addprevious(items[0])
        target.getparent().remove(target)  # type: ignore[union-attr]
        ctx.last_item = items[0]
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


def amend(
    base: Law,
    amendment: str,
    law: str | None = None,
    enforced: dt.date | None = None,
    promulgated: dt.date | None = None,
) -> tuple[Document, list[str]]:
    """Apply *amendment* to a copy of *base* (an amending act of several laws: the part for BASE's law, or for
    *law*); returns the new document and notes. With *enforced*, only the sentences in force on that date by the
    act's 施行期日 (see :mod:`hosei.amend.enforcement`; *promulgated* fixes 「公布の日」)."""
    if enforced is not None:
        from .enforcement import in_force

        amendment = in_force(amendment, base.title, enforced, promulgated)
    amendment = part_for(base, expand_collective(base, amendment, law), law)
    doc = copy.deepcopy(base.doc)
    law_ = Law(doc, law_id=base.law_id)
    opening, sentences = split_amendment(amendment, base.title)
    notes: list[str] = []
    if opening and base.title and base.title not in opening:
        raise HoseiError(f"the amendment is for another law: {opening[:40]}")
    # every sentence is read as operations first (the grammar `amend --explain` prints): a sentence that grammar
    # does not read is refused before anything is applied, so the applier never accepts a form the operations
    # cannot state
    where, scope = Where(), None
    operations = []
    for sentence in sentences:
        if sentence.scope != scope:
            where, scope = Where(), sentence.scope
        operations.append(read_sentence(sentence, where))
    for sentence, ops in zip(sentences, operations, strict=True):
        if sentence.scope is None and _apply_operations(law_, sentence, ops):
            continue  # carried out from its operations
        if sentence.scope is not None:
            apply_sentence(law_, _scoped_context(law_, sentence), sentence)
            continue
        if sentence.text.startswith("附則") and not sentence.text.startswith("附則中"):
            apply_sentence(law_, _own_suppl_context(law_, sentence), sentence)
            continue
        if sentence.text == "本則を次のように改める。":
            _replace_main(law_, sentence)
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


def _replace_main(law: Law, sentence: Sentence) -> None:
    """「本則を次のように改める。」: the main provision replaced by the new text after it, read as a law's body is
    read (chapters, captions, articles, paragraphs, items, tables)."""
    from ..text.parse import parse_text

    if not sentence.new_text:
        raise HoseiError("「本則を次のように改める。」 with no text after it", "<amendment>", sentence.line)
    parsed = parse_text("仮\n" + "\n".join(sentence.new_text), style="vertical")
    new_main = parsed.document.root.find("LawBody/MainProvision")
    old_main = law.root.find("LawBody/MainProvision")
    if new_main is None or old_main is None or not len(new_main):
        raise HoseiError("the new main provision could not be read", "<amendment>", sentence.line)
    new_main.attrib.clear()
    new_main.attrib.update(old_main.attrib)
    old_main.getparent().replace(old_main, new_main)  # type: ignore[union-attr]


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
