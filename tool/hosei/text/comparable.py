"""The comparable form of a law: what plain text carries of it (C14N without layout, defaults and bookkeeping; e-Gov's
merged 削除/略 ranges split), the yardstick of every round trip — text import, 改め文 applied back, the corpus sweep."""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from ..core.errors import HoseiError
from ..core.numerals import (
    KANJI_RUN,
    branch_to_num,
    parse_branch,
    to_fullwidth,
    to_kanji,
)

#: Attributes the printed text does not carry: layout, defaults, and bulk-download bookkeeping.
LAYOUT_ATTRIBUTES = (
    "WritingMode",
    "BorderTop",
    "BorderBottom",
    "BorderLeft",
    "BorderRight",
    "Align",
    "Valign",
)

DEFAULT_ATTRIBUTES = {
    ("Delete", "false"),
    ("Hide", "false"),
    ("OldStyle", "false"),
    ("LineBreak", "false"),
    ("colspan", "1"),  # a cell one column wide, as every cell is unless it says otherwise
    ("rowspan", "1"),
}

UNPRINTED_ATTRIBUTES = {
    ("SupplProvision", "Type"),
    ("SupplProvision", "AmendLawId"),
    ("SupplProvision", "Id"),
    ("AppdxTable", "Num"),
    ("Sentence", "Num"),  # positional; bulk-download files leave it out
    ("Sentence", "Function"),  # 本文 or ただし書: e-Gov marks it in some revisions, the printed text does not
    ("Column", "Num"),
    *(
        (f"Subitem{i}", "Num") for i in range(1, 11)
    ),  # e-Gov numbers these by position or by label, inconsistently
}


def comparable(root: etree._Element) -> bytes:
    """C14N of the main provision, 附則 and appendix tables, without what plain text cannot carry.

    Item@Num is taken from the printed ItemTitle (e-Gov data has 一～三 with Num 1:4 and 一から二十五まで with
    Num 1). Removed: layout attributes (WritingMode, Border*), attributes at their default (Delete/Hide/OldStyle/
    LineBreak="false"), SupplProvision@Type/@AmendLawId/@Id and AppdxTable@Num (not printed), Sentence@Num and
    Column@Num (positional; bulk-download files omit them), the width of paragraph numbers (e-Gov writes 「１０」
    and 「10」), Subitem@Num (by position in some e-Gov files, by
    label in others; the printed title carries it), columns (one sentence with their texts joined by 　, as they
    print), the split between the sentences of one paragraph, item or cell (they print one after another),
    layout whitespace between elements, and empty placeholder
    paragraphs (an extract's omitted paragraph: no number, no text — they print nothing). Ranges that only say
    削除 or 略 are compared one by one (see :func:`split_omitted_ranges`); a 附則 is compared
    without its 抄 mark (SupplProvision@Extract: how much of that act e-Gov carries, which no amendment says).
    """
    import copy

    holder = etree.Element("Compare")
    body = root.find("LawBody")
    if body is None:
        return b""
    for el in body:
        if el.tag in ("MainProvision", "SupplProvision", "AppdxTable"):
            holder.append(copy.deepcopy(el))
    split_omitted_ranges(holder)
    for el in holder.iterfind("*"):
        # 抄 or not: how much of the main provision or of an act's 附則 e-Gov carries, not what it says
        if el.tag in ("MainProvision", "SupplProvision"):
            el.attrib.pop("Extract", None)
    for el in list(holder.iter("Paragraph")):
        if not "".join(el.itertext()).strip():
            el.getparent().remove(el)  # type: ignore[union-attr]
    for num in holder.iter("ParagraphNum"):  # 「10」 and 「１０」: e-Gov writes both; one number
        if num.text and num.text.strip().isdigit():
            num.text = to_fullwidth(int(unicodedata.normalize("NFKC", num.text.strip())))
    containers = [
        c
        for c in holder.iter()
        if c.tag == "TableColumn"
        or (isinstance(c.tag, str) and c.tag.endswith("Sentence") and c.tag != "Sentence")
    ]
    for container in containers:
        # what prints as one line: columns (term　definition) with a full-width space between them, which e-Gov
        # also stores as one sentence holding that space; sentences one after another (「…とき。」「　当該…」), a
        # cell's as the one line a text table row carries — where e-Gov splits them is not in the printed text
        columns = container.findall("Column")
        if columns:
            joined = "　".join(
                "".join("".join(x.itertext()) for x in col.iter("Sentence")) for col in columns
            )
            for col in columns:
                container.remove(col)
            etree.SubElement(container, "Sentence").text = joined
        sentences = container.findall("Sentence")
        if len(sentences) > 1 and all(len(x) == 0 for x in sentences):
            sentences[0].text = "".join(x.text or "" for x in sentences)
            for extra in sentences[1:]:
                container.remove(extra)
    for el in holder.iter("Item"):
        derived = _item_num_from_title(el.findtext("ItemTitle") or "")
        if derived:
            el.set("Num", derived)
    for el in holder.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in list(el.attrib):
            value = el.get(attr)
            if (
                attr in LAYOUT_ATTRIBUTES
                or (attr, value) in DEFAULT_ATTRIBUTES
                or (el.tag, attr) in UNPRINTED_ATTRIBUTES
            ):
                del el.attrib[attr]
        if el.text is not None and not el.text.strip(" \t\r\n" + ("　" if el.tag == "Sentence" else "")):
            el.text = None  # a blank table cell is blank however it is spaced
        if el.tail is not None and not el.tail.strip(" \t\r\n"):
            el.tail = None
        if el.text is not None and el.tag not in ("Sentence", "Rt", "Ruby"):
            el.text = _strip_layout(el.text)
    return etree.tostring(holder, method="c14n")


_OMITTED = ("削除", "略")

_RANGE_TITLE = {"Article": "ArticleTitle", "Item": "ItemTitle"}

_MARKS = " or ".join(f"contains(text(), '{mark}')" for mark in ("から", "及び", "～", "・"))
_RANGE_TITLES = etree.XPath(f"//ArticleTitle[{_MARKS}] | //ItemTitle[{_MARKS}]")


def omitted_ranges(root: etree._Element) -> list[tuple[etree._Element, int, int]]:
    """The range elements that only say 削除 or 略 (「第十一条及び第十二条　削除」, 「一～四　略」) with the numbers
    they stand for, read from the printed title (e-Gov has 一～三 with Num 1:4). Ranges of branch numbers
    (第六十条の二から第六十条の四まで) are not listed."""
    found = []
    for title in _RANGE_TITLES(
        root
    ):  # the titles that name a range, found by XPath (C), not a walk of every one
        el = title.getparent()
        if el is None or el.tag not in _RANGE_TITLE or el.find(_RANGE_TITLE[str(el.tag)]) is not title:
            continue
        printed = (
            re.sub(r"第([^条]+)条", r"\1", title.text or "") if el.tag == "Article" else title.text or ""
        )
        m = re.fullmatch(r"(\d+):(\d+)", _item_num_from_title(printed) or "")
        if not m or int(m.group(1)) >= int(m.group(2)):
            continue
        said = "".join(t for c in el if c is not title for t in c.itertext()).strip(" \t\r\n　")
        if said in _OMITTED:
            found.append((el, int(m.group(1)), int(m.group(2))))
    return found


def split_omitted_ranges(root: etree._Element) -> int:
    """「第十一条及び第十二条　削除」 → 「第十一条　削除」「第十二条　削除」; 「一～四　略」 → 「一　略」…「四　略」.

    e-Gov's consolidation merges neighbouring deleted articles and omitted items into one range element (and
    splits them again) without any act amending them, so they are compared, and amended, one by one. Returns how
    many ranges were split (see :func:`omitted_ranges`)."""
    import copy

    ranges = omitted_ranges(root)
    for el, first, last in ranges:
        title = el.find(_RANGE_TITLE[str(el.tag)])
        arabic = bool(re.search("[0-9０-９]", title.text or "")) if title is not None else False
        for n in range(first, last + 1):
            one = copy.deepcopy(el)
            one.set("Num", str(n))
            label = str(n) if arabic else to_kanji(n)
            one_title = one.find(_RANGE_TITLE[str(el.tag)])
            assert one_title is not None
            one_title.text = f"第{label}条" if el.tag == "Article" else label
            el.addprevious(one)
        el.getparent().remove(el)  # type: ignore[union-attr]
    return len(ranges)


def _item_num_from_title(title: str) -> str | None:
    """Item@Num as the printed title gives it (一 → 1, 一の二 → 1_2, 一から三まで / 一～三 / 二・三 → ranges)."""
    m = re.match(
        rf"^({KANJI_RUN}(?:の{KANJI_RUN})*)(?:(?:から|及び|～|・)({KANJI_RUN}(?:の{KANJI_RUN})*)(?:まで)?)?$",
        title.strip(),
    )
    if not m:
        return None
    try:
        num = branch_to_num(parse_branch(m.group(1)))
        if m.group(2):
            num += ":" + branch_to_num(parse_branch(m.group(2)))
        return num
    except HoseiError:
        return None


def _strip_layout(text: str) -> str:
    return re.sub(r"[ \t\r]*\n[ \t\r\n]*", "", text)
