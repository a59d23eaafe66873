"""Sentences that amend more than a provision's words: appendix tables and their rows (「別表中七の項を九の項とし」),
the 目次, chapters and other divisions added, renamed or replaced."""

from __future__ import annotations

import copy
import re

from lxml import etree

from ..compare.diff import row_label
from ..core.errors import HoseiError
from ..core.model import Law, Provision, appendix_table_number
from ..core.numerals import (
    KANJI_NUMERALS,
    branch_to_num,
    parse_branch,
    parse_number,
    to_kanji,
)
from ..text.parse import parse_text
from .edits import (
    _article_from_text,
    _replace_words,
)
from .sentences import (
    _N,
    _WORD_OPS,
    Sentence,
    _replacement,
    _segments,
    word_change,
)


def apply_table_sentence(law: Law, sentence: Sentence) -> bool:
    """「別表第1を次のように改める。」: an appendix table replaced whole by the printed table that follows;
    「別表第二を削る。」: a table deleted; 「別表第二の次に次の一表を加える。」／「附則の次に次の一表を加える。」: a table
    added after another, or as the first one."""
    added = re.match(rf"^(別表(?:第{_N})?|附則)の次に次の(?:一|1|１)表を加える。$", sentence.text.strip())
    if added:
        return _add_table(law, added.group(1), sentence)
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
    new = _read_table(sentence, m.group(1))
    old = tables[0]
    _keep_header_row(old, new)
    for attr in ("Num",):
        if old.get(attr) is not None:
            new.set(attr, old.get(attr, ""))
    old.addprevious(copy.deepcopy(new))
    old.getparent().remove(old)  # type: ignore[union-attr]
    return True


def _read_table(sentence: Sentence, cite: str) -> etree._Element:
    """The printed table after a sentence, read as an appendix table (a placeholder title and article to stand
    after, as a table alone would be read as a title)."""
    doc = parse_text("仮\n第1条　仮\n" + "\n".join(sentence.new_text), law_type="ordinance")
    new = doc.document.root.find("LawBody/AppdxTable")
    if new is None:
        raise HoseiError(f"the new text of {cite} is not a table", "<amendment>", sentence.line)
    return new


def _add_table(law: Law, anchor: str, sentence: Sentence) -> bool:
    body = law.root.find("LawBody")
    assert body is not None
    new = copy.deepcopy(_read_table(sentence, "the table added"))
    sibling = body.find("AppdxTable")
    if sibling is not None:
        _keep_header_row(sibling, new)  # the law's tables head their columns one way: the new one too
    if anchor == "附則":
        after = [el for el in body if el.tag in ("MainProvision", "SupplProvision")][-1]
    else:
        wanted = appendix_table_number(anchor)
        tables = [
            t
            for t in body.iterfind("AppdxTable")
            if appendix_table_number((t.findtext("AppdxTableTitle") or "").strip()) == wanted
        ]
        if not tables:
            raise HoseiError(f"no such provision: {anchor}", "<amendment>", sentence.line)
        after = tables[0]
    after.addnext(new)
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
    """「目次を次のように改める。」: the 目次 replaced by the one printed below it; 「題名の次に次の目次を付する。」: a
    law's first 目次, after its title."""
    adding = sentence.text.strip() == "題名の次に次の目次を付する。"
    if sentence.text.strip() != "目次を次のように改める。" and not adding:
        return False
    old = law.root.find("LawBody/TOC")
    lines = [line.strip(" 　") for line in sentence.new_text]
    if adding and old is None and lines:
        title = law.root.find("LawBody/LawTitle")
        if title is None:
            raise HoseiError("no title to put the 目次 after", "<amendment>", sentence.line)
        old = etree.Element("TOC")
        title.addnext(old)
    elif adding:
        raise HoseiError(
            "the law has a 目次 already, or none follows the sentence", "<amendment>", sentence.line
        )
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
