"""The phrases 改め文 is made of: citations of articles, items, tables and divisions as the acts write them, new text
laid out as it will read, ranges folded (「第四項から第六項までを二項ずつ繰り下げ」), sentences finished in the
continuative or final form, and the tests that decide which form a change takes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..compare.diff import number_of, row_label
from ..core.lawtext import render_provision
from ..core.model import DIVISION_TAGS, Provision
from ..core.numerals import DIGITS, KANJI_NUMERALS, num_to_branch, parse_number, to_kanji
from .quoting import quote_ops, too_big, wording_clause

_KANJI = f"{KANJI_NUMERALS}"

_COUNTERS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}


@dataclass
class _Para:
    old: Provision | None
    new: Provision | None

    @property
    def old_n(self) -> int | None:
        return int(self.old.num or 1) if self.old is not None else None

    @property
    def new_n(self) -> int | None:
        return int(self.new.num or 1) if self.new is not None else None


def _k(n: int) -> str:
    return to_kanji(n)


def _article_cite(p: Provision) -> str:
    num = num_to_branch(p.num or "1")
    return f"第{_k(num[0])}条" + "".join(f"の{_k(b)}" for b in num[1:])


_K = f"[{KANJI_NUMERALS}]+"

_PARA_MOVE = re.compile(rf"^第(?P<a>{_K})項を第(?P<b>{_K})項とし$")

_ITEM_MOVE = re.compile(rf"第(?P<a>{_K})号を第(?P<b>{_K})号とし$")

_ARTICLE_MOVE = re.compile(rf"第(?P<a>{_K})条を第(?P<b>{_K})条とし$")

_ROW_MOVE = re.compile(rf"^(?P<a>{_K})の項を(?P<b>{_K})の項とし$")


def _fold_runs(
    ops: list[str], move: re.Pattern[str], label: str, counter: str, plain: list[bool] | None = None
) -> list[str]:
    """Four or more consecutive elements moved by the same amount (drafting rules): the first stays on its own, the
    rest become one range — 「第七項を第九項とし、第四項から第六項までを二項ずつ繰り下げ」 back to front when moving
    down, 「第四項を第三項とし、第五項から第七項までを一項ずつ繰り上げ」 front to back when moving up. *move* matches
    one move (groups a and b), *label* prints a number (「第{}項」, 「{}の項」), *plain* marks the ops that may join
    a run (an article's move written after its own changes may not). A branch number never matches *move*."""
    out: list[str] = []
    i = 0
    while i < len(ops):
        m = move.search(ops[i]) if plain is None or plain[i] else None
        j = i
        if m:
            a0, b0 = parse_number(m.group("a")), parse_number(m.group("b"))
            step = -1 if b0 > a0 else 1
            while j + 1 < len(ops) and (plain is None or plain[j + 1]):
                nxt = move.search(ops[j + 1])
                if not nxt or parse_number(nxt.group("a")) != a0 + step * (j + 1 - i):
                    break
                if parse_number(nxt.group("b")) - parse_number(nxt.group("a")) != b0 - a0:
                    break
                j += 1
        if m and j - i + 1 >= 4:
            numbers = [parse_number(move.search(op).group("a")) for op in ops[i + 1 : j + 1]]  # type: ignore[union-attr]
            delta = b0 - a0
            word = _COUNTERS.get(abs(delta), _k(abs(delta)))
            ranged = (
                f"{label.format(_k(min(numbers)))}から{label.format(_k(max(numbers)))}までを"
                f"{word}{counter}ずつ繰り{'下' if delta > 0 else '上'}げ"
            )
            out += [ops[i], ranged]
            i = j + 1
            continue
        out.append(ops[i])
        i += 1
    return out


def _fold_deletions(ops: list[str], unit: str) -> list[str]:
    """Neighbouring deletions in one: 「第一号及び第二号を削り」, 「第二項から第四項までを削り」 (drafting rules:
    「第三条第五項及び第六項を削る。」)."""
    pattern = re.compile(rf"^第(?P<n>[{_KANJI}]+){unit}を削り$")
    out: list[str] = []
    i = 0
    while i < len(ops):
        m = pattern.match(ops[i])
        j = i
        if m:
            while j + 1 < len(ops):
                nxt = pattern.match(ops[j + 1])
                if not nxt or parse_number(nxt.group("n")) != parse_number(m.group("n")) + (j + 1 - i):
                    break
                j += 1
        if m and j > i:
            last = pattern.match(ops[j])
            assert last is not None
            joint = "及び" if j == i + 1 else "から"
            tail = "まで" if j > i + 1 else ""
            out.append(f"第{m.group('n')}{unit}{joint}第{last.group('n')}{unit}{tail}を削り")
            i = j + 1
            continue
        out.append(ops[i])
        i += 1
    return out


def _upward_ranges(ops: list[str]) -> list[str]:
    """Paragraphs moving up after a deletion, front to back: 「第五項から第七項までを一項ずつ繰り上げ」."""
    return _fold_runs(ops, _PARA_MOVE, "第{}項", "項")


def _item_ranges(sentence: str) -> str:
    """Four or more consecutive items moving by the same amount: 「第七号を第八号とし、第四号から第六号までを一号ずつ
    繰り下げ」 (the drafting rule for paragraphs, applied to items)."""
    from .sentences import _segments

    end = "。" if sentence.endswith("。") else ""
    return "、".join(_fold_runs(_segments(sentence.removesuffix("。")), _ITEM_MOVE, "第{}号", "号")) + end


def _items_of_kind(a: Provision, b: Provision) -> bool:
    """True when the two items differ at most in their own sentence (their subitems are equal)."""
    return [(k.num, "".join(k.el.itertext())) for k in a.children()] == [
        (k.num, "".join(k.el.itertext())) for k in b.children()
    ]


def _subitem_wording(a: Provision, b: Provision) -> list[tuple[Provision, Provision]] | None:
    """The first-level subitems (イ, ロ …) of two items whose only changes are in the subitems' own words: the
    pairs that changed; None when anything else differs (numbers, count, deeper levels, columns, a table)."""
    ka, kb = a.children(), b.children()
    if len(ka) != len(kb):
        return None
    changed = []
    for x, y in zip(ka, kb, strict=True):
        if x.kind != "subitem1" or y.kind != "subitem1" or x.title != y.title:
            return None
        if not _items_of_kind(x, y) or x.el.find(".//TableStruct") is not None:
            return None
        if (
            x.el.find("Subitem1Sentence/Column") is not None
            or y.el.find("Subitem1Sentence/Column") is not None
        ):
            return None
        if any(len(s) for s in x.el.iterfind("Subitem1Sentence/Sentence")):
            return None  # ruby or other markup in the words: the article is given whole
        if x.own_text() != y.own_text():
            changed.append((x, y))
    return changed


def _moving_zone(blocks: list[tuple[Provision | None, Provision | None]]) -> tuple[int, int] | None:
    """The article blocks written back to front: from the first article that gets a new number (and the new ones
    just before it) to the last article; None when no article moves."""

    def is_article(o: Provision | None, n: Provision | None) -> bool:
        node = n if n is not None else o
        return node is not None and node.kind == "article"

    def moves(o: Provision | None, n: Provision | None) -> bool:
        return o is not None and n is not None and number_of(o) != number_of(n)

    articles = [i for i, (o, n) in enumerate(blocks) if is_article(o, n)]
    first = next((i for i in articles if moves(*blocks[i])), None)
    if first is None:
        return None
    while first - 1 in articles and (blocks[first - 1][0] is None or blocks[first - 1][1] is None):
        first -= 1  # the articles added or deleted just before the first move belong to it
    return first, articles[-1] + 1


_ENDINGS = (
    ("改める。", "改め"),
    ("加える。", "加え"),
    ("削る。", "削り"),
    ("とする。", "とし"),
    ("繰り下げる。", "繰り下げ"),
    ("繰り上げる。", "繰り上げ"),
)


def _number_value(p: Provision) -> tuple[int, ...]:
    return tuple(num_to_branch(p.num or "0")) if p.num and ":" not in p.num else (0,)


def _continuative(sentence: str) -> str:
    """「…に改める。」 → 「…に改め」: a sentence that goes on with another operation."""
    for final, going_on in _ENDINGS:
        if sentence.endswith(final):
            return sentence[: -len(final)] + going_on
    return sentence.rstrip("。")


def _article_ranges(chain: list[tuple[str, bool]], prefix: str) -> list[str]:
    """「第四十九条から第五十三条までを三条ずつ繰り下げ」 for four or more plain moves of consecutive articles."""
    return _fold_runs(
        [op for op, _ in chain], _ARTICLE_MOVE, prefix + "第{}条", "条", [plain for _, plain in chain]
    )


_DIVISION_WORD = {"part": "編", "chapter": "章", "section": "節", "subsection": "款", "division": "目"}


def _division_cite(p: Provision) -> str:
    """「第二章第一節」: the division and the divisions around it, by their numbers."""
    parts = []
    for el in [*reversed(list(p.el.iterancestors())), p.el]:
        word = _DIVISION_WORD.get(str(Provision(el, p.law).kind))
        if word and el.get("Num"):
            number = num_to_branch(el.get("Num", "1"))
            parts.append(f"第{_k(number[0])}{word}" + "".join(f"の{_k(b)}" for b in number[1:]))
    return "".join(parts)


def _division_name_sentence(old: Provision, new: Provision) -> tuple[str, list[str]]:
    """「第四章の章名中「裁判手続」を「裁判手続等」に改める。」, or the whole name when most of it changes."""
    word = _DIVISION_WORD[old.kind]
    cite = _division_cite(old)
    number = re.compile(r"^第[^　 ]+[　 ]*")
    old_name, new_name = number.sub("", old.title), number.sub("", new.title)
    ops = quote_ops(old_name, new_name) if old_name and new_name else []
    quoted = [m.group(1) for m in (re.match(r"^「([^「」]*)」", op) for op in ops) if m is not None]
    if (
        ops
        and len(quoted) == len(ops)
        and not too_big(ops, old_name)
        and all(old.title.count(q) == 1 and q != old_name for q in quoted)
    ):
        return f"{cite}の{word}名中{wording_clause(ops, True)}。", []
    return f"{cite}の{word}名を次のように改める。", ["　　　" + new.title]


def _added_divisions(
    blocks: list[tuple[Provision | None, Provision | None]],
) -> dict[Any, list[Provision] | None]:
    """New articles that stand in divisions (章, 節 …) all of whose articles are new: a division added whole. Maps
    each such article to None, except the first article of a run of neighbouring new divisions, which maps to
    the outermost divisions of the run (added by one sentence)."""
    new_articles = {n.el for o, n in blocks if o is None and n is not None and n.kind == "article"}
    if not new_articles:
        return {}
    law = next(n.law for o, n in blocks if n is not None)

    def all_new(division: Any) -> bool:
        articles = list(division.iter("Article"))
        return bool(articles) and all(a in new_articles for a in articles)

    out: dict[Any, list[Provision] | None] = {}
    run: list[Provision] = []
    for _o, n in blocks:
        if n is None or n.el not in new_articles:
            run = []
            continue
        outer = None
        for ancestor in n.el.iterancestors(*DIVISION_TAGS):
            if all_new(ancestor):
                outer = ancestor
        if outer is None:
            run = []
            continue
        if run and run[-1].el is outer:
            out[n.el] = None
            continue
        if run and outer.getprevious() is run[-1].el:
            run.append(Provision(outer, law))
            out[n.el] = None
            continue
        run = [Provision(outer, law)]
        out[n.el] = run  # the run grows as its neighbours are met: one sentence adds them all
    return out


def _chapter_end(new: Provision, before: Provision | None) -> str | None:
    """「第四章」 when *new* ends a chapter (not inside a section) that *before* is in too."""
    parent = new.el.getparent()
    if (
        before is None
        or parent is None
        or parent.tag != "Chapter"
        or new.el.getnext() is not None
        or before.el.getparent() is not parent
        or not (parent.get("Num") or "").isdigit()
    ):
        return None
    return f"第{_k(int(parent.get('Num', '0')))}章"


def _new_text(p: Provision) -> list[str]:
    return ["　" + line for line in render_provision(p)]


def _finalise(body: str) -> str:
    """The last operation takes the final form (改める／加える／削る／とする／繰り下げる)."""
    endings = (
        ("とし", "とする"),
        ("繰り下げ", "繰り下げる"),
        ("繰り上げ", "繰り上げる"),
        ("改め", "改める"),
        ("加え", "加える"),
        ("削り", "削る"),
    )
    for short, final in endings:
        if body.endswith(short):
            return body[: -len(short)] + final + "。"
    return body + "。" if not body.endswith("。") else body


def _tables_text(p: Provision) -> list[str]:
    """The text of the tables inside a provision (a 読替え table in a paragraph), cell by cell."""
    return [re.sub(r"[ \t\r\n]", "", "｜".join(t.itertext())) for t in p.el.iter("TableStruct")]


def _sentence_texts(p: Provision) -> list[str]:
    container = p.el.find("ParagraphSentence")
    return ["".join(x.itertext()) for x in container.findall("Sentence")] if container is not None else []


def _reading_rows(p: Provision) -> list[list[str]] | None:
    """The paragraph's table as 上欄/中欄/下欄 rows when it reads as a 読替え table (None otherwise)."""
    from .edits import _READING_ROW_HEAD

    structs = p.el.findall("TableStruct")
    if len(structs) != 1:
        return None
    rows = [
        ["".join(c.itertext()).strip() for c in row.findall("TableColumn")]
        for row in structs[0].iter("TableRow")
    ]
    if not rows or any(len(r) != 3 or not r[1] or not r[2] for r in rows) or not rows[0][0]:
        return None
    if any((r[0] and not _READING_ROW_HEAD.match(r[0])) or _READING_ROW_HEAD.match(r[1]) for r in rows):
        return None
    return rows


def _later_part(old: Provision, new: Provision) -> tuple[list[str], str, list[str]] | None:
    """A 後段 added (「に後段として次のように加え」) or replaced (「後段を次のように改め」, a 読替え table printed one cell a
    line after it): the wording changes before it (quoted so as to be unique in the whole paragraph), the clause and
    the new text; None when the change is not of that shape."""
    if old.el.find("Item") is not None or new.el.find("Item") is not None:
        return None
    before, after = _sentence_texts(old), _sentence_texts(new)
    if (
        len(before) == len(after) + 1 >= 2
        and before[-1].startswith("ただし")
        and old.el.find("TableStruct") is None
        and new.el.find("TableStruct") is None
    ):  # 「第四十二条ただし書を削る。」
        head_old, head_new = "".join(before[:-1]), "".join(after)
        ops = quote_ops(head_old + before[-1], head_new + before[-1]) if head_old != head_new else []
        return ops, "ただし書を削り", []
    old_rows, new_rows = _reading_rows(old), _reading_rows(new)
    has_old_table = old.el.find("TableStruct") is not None
    if len(after) > len(before) >= 1 and not has_old_table and new.el.find("TableStruct") is None:
        added = after[len(before) :]
        head_old, head_new = "".join(before), "".join(after[: len(before)])
        ops = quote_ops(head_old, head_new) if head_old != head_new else []
        if added[0].startswith("ただし"):  # 「第四十四条第二項に次のただし書を加える。」
            if len(added) != 1 or any(x.startswith("ただし") for x in before):
                return None
            return ops, "に次のただし書を加え", ["　　　" + added[0]]
        return ops, "に後段として次のように加え", ["　　　" + "".join(added)]
    if (
        len(before) >= 2
        and len(after) == 2
        and new_rows is not None
        and (old_rows is None and not has_old_table)
    ):
        rest = "".join(before[1:])
        ops = quote_ops(before[0] + rest, after[0] + rest) if before[0] != after[0] else []
        cells = [cell for row in new_rows for cell in row if cell]
        return ops, "後段を次のように改め", ["　　　" + after[1], *cells]
    return None


def _single_later_part(o: Provision, n: Provision) -> bool:
    po = [k for k in o.children() if k.kind == "paragraph"]
    pn = [k for k in n.children() if k.kind == "paragraph"]
    return len(po) == len(pn) == 1 and _later_part(po[0], pn[0]) is not None


def _heading_clause(old: str, new: str) -> str:
    """「の見出し中「裁判書」を「電子裁判書」に改め」 for a word or two, 「の見出しを「（…）」に改め」 otherwise."""
    inner_old, inner_new = old.strip("（）"), new.strip("（）")
    if inner_old and inner_new and old.startswith("（") and new.startswith("（"):
        ops = quote_ops(inner_old, inner_new)
        matches = [re.match(r"^「([^「」]*)」", op) for op in ops]
        quoted = sum(len(m.group(1)) for m in matches if m is not None)
        if len(ops) == 1 and quoted * 3 < len(inner_old):
            return f"の見出し中{wording_clause(ops, False)}"
    return f"の見出しを「{new}」に改め"


def _row_text(p: Provision, label: str | None = None) -> str:
    """A table row's cells, each as its sentences read, joined by 「｜」 (a quotation must stay inside one cell);
    with *label*, the row's own label written as that one (the new row compared under its old label)."""
    from ..core.lawtext import sentences_text

    cells = [sentences_text(cell) for cell in p.el.findall("TableColumn")]
    own = row_label(p)
    if label is not None and own and cells:
        if cells[0].strip() == own:
            cells[0] = cells[0].replace(own, label, 1)
        elif cells[0].startswith(own + "　"):
            cells[0] = label + cells[0][len(own) :]
    return "｜".join(cells)


def _row_ranges(ops: list[str]) -> list[str]:
    """Four or more consecutive rows relabelled by the same amount (「九の項を十一の項とし、四の項から八の項までを
    二項ずつ繰り下げ」)."""
    return _fold_runs(ops, _ROW_MOVE, "{}の項", "項")


def _own(p: Provision) -> str:
    from ..core.lawtext import sentences_text

    tag = {"paragraph": "ParagraphSentence", "item": "ItemSentence"}.get(p.kind, "")
    return sentences_text(p.el.find(tag)) if tag else p.own_text()


def _item_cite(p: Provision) -> str:
    num = num_to_branch(p.num or "1")
    return f"第{_k(num[0])}号" + "".join(f"の{_k(b)}" for b in num[1:])


def _table_cite(p: Provision) -> str:
    """「別表第一」 as the table's title prints it (its first word: 別表, 別表第1, 別表第二)."""
    title = (p.el.findtext("AppdxTableTitle") or "").strip()
    m = re.match(rf"別表(?:第[{DIGITS}十0-9０-９]+)?", title)
    return m.group(0) if m else p.citation_text()


_CITE_OUTSIDE_QUOTES = re.compile(
    rf"「[^「」]*(?:「[^「」]*」[^「」]*)*」|第[{KANJI_NUMERALS}]+(?:条|項|号)(?:の[{KANJI_NUMERALS}]+)*"
    rf"|(?<=次の)[{KANJI_NUMERALS}]+(?=条|項|号|表)|別表第[{KANJI_NUMERALS}]+"  # 次の1表を, 別表第2 in a horizontal text
)
