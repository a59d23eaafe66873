"""Structural diff of two versions of a law: change records a reviewer (and a machine) can use.

Siblings (articles, paragraphs, items, subitems, appendix rows, 附則 blocks) are aligned by content first, so that
paragraphs 4–7 becoming 6–9 are four *moves*, not four rewrites, and an Appendix row relabelled 八十一 → 百十五 is a
move. Inside a changed sentence the character diff of diff-match-patch (with semantic cleanup) is widened to units
a drafter would quote: whole numbers with their unit and whole citations (第十九条第十一号).

The change records (after xmldiff's actions + formatters) are the single source for every output format: the
comparison table in HTML and Word, the terminal view, JSON, and amendment sentences.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..core.errors import HoseiError
from ..core.lawtext import _clean, element_text, inline_text, render_provision, sentences_text
from ..core.model import Law, Provision
from .chars import _KANJI_NUM, Span, _bigrams, char_diff, similarity


@dataclass
class Change:
    """One difference between the versions, at the smallest provision that changed."""

    kind: str  # added | deleted | modified | moved
    old: Provision | None
    new: Provision | None
    spans: list[Span] = field(default_factory=list)
    moved: bool = False  # a modified provision that also got a new number
    #: the two texts the spans were computed from (a single-paragraph article: caption and sentence)
    texts: tuple[str, str] | None = None

    @property
    def old_citation(self) -> str | None:
        return self.old.citation_text() if self.old is not None else None

    @property
    def new_citation(self) -> str | None:
        return self.new.citation_text() if self.new is not None else None

    @property
    def old_text(self) -> str | None:
        if self.texts is not None:
            return self.texts[0]
        return _record_text(self.old) if self.old is not None else None

    @property
    def new_text(self) -> str | None:
        if self.texts is not None:
            return self.texts[1]
        return _record_text(self.new) if self.new is not None else None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "old": self.old_citation,
            "new": self.new_citation,
            "old_text": self.old_text if self.kind != "added" else None,
            "new_text": self.new_text if self.kind != "deleted" else None,
            "moved": self.moved or self.kind == "moved",
            "level": (self.new or self.old).kind if (self.new or self.old) is not None else None,  # type: ignore[union-attr]
            "spans": [{"op": op, "text": text} for op, text in self.spans],
        }


def _record_text(p: Provision) -> str:
    """What an added, deleted or moved provision says, as printed (numbers, sub-provisions and all); a division
    its title only, since its articles have records of their own."""
    if p.kind in ("part", "chapter", "section", "subsection", "division"):
        return p.title
    return "\n".join(render_provision(p))


@dataclass
class DiffResult:
    old: Law
    new: Law
    changes: list[Change]
    #: the aligned top-level blocks (articles, 附則 blocks, appendix tables) in document order
    blocks: list[tuple[Provision | None, Provision | None]] = field(default_factory=list)
    #: how the children of each compared pair (keyed by their two elements) were aligned
    aligned: dict[tuple[Any, Any], list[tuple[Provision | None, Provision | None]]] = field(
        default_factory=dict
    )
    #: the provision the diff is limited to (``--citation``), if any
    citation: str | None = None
    #: what the diff read from both documents, for the table and the sentences built from it
    texts: TextCache = field(default_factory=lambda: TextCache())
    #: both versions merge their 削除/略 ranges the same way (or have none): compared as they are
    same_ranges: bool = False

    def __bool__(self) -> bool:
        return bool(self.changes)


# --- what a node says ------------------------------------------------------------------------------
_OWN_SENTENCE = {
    "Paragraph": "ParagraphSentence",
    "Item": "ItemSentence",
    **{f"Subitem{i}": f"Subitem{i}Sentence" for i in range(1, 11)},
}


def own_content(p: Provision) -> str:
    """The words a provision says itself (caption and sentences; tables as rows), without its number."""
    el = p.el
    tag = str(el.tag)
    if tag == "Article":
        return p.caption or ""
    if tag in ("Chapter", "Section", "Subsection", "Division", "Part"):
        return _strip_number(p.title)
    if tag == "TableRow":
        cells = [inline_text(c).strip(" 　") for c in el.findall("TableColumn")]
        if cells and _is_label(cells[0]):
            cells = cells[1:]  # the label has a cell of its own
        elif cells:
            cells[0] = _strip_row_label(cells[0])
        return "｜".join(cells)
    if tag == "SupplProvision":
        return ""
    if tag == "AppdxTable":
        return p.title + _clean(element_text(el.find("RelatedArticleNum")))
    if tag not in _OWN_SENTENCE:
        return p.caption or ""
    sentence = el.find(_OWN_SENTENCE[tag])
    text = sentences_text(sentence) if sentence is not None else ""
    caption = p.caption or ""
    tables = "".join(
        "｜".join(inline_text(c) for c in row.findall("TableColumn"))
        for row in el.iterfind("TableStruct/Table/TableRow")
    )
    return caption + text + (("\n" + tables) if tables else "")


def _strip_number(title: str) -> str:
    return re.sub(r"^第[^　 ]+[編章節款目](?:の[^　 ]+)*[　 ]*", "", title)


def _is_label(cell: str) -> bool:
    return bool(re.fullmatch(rf"[{_KANJI_NUM}]+(?:の[{_KANJI_NUM}]+)*", cell))


def row_label(p: Provision) -> str:
    """A table row's printed label: its own first cell (三) or the head of the first cell (一　厚生労働大臣)."""
    first = p.el.find("TableColumn")
    if first is None:
        return ""
    cell = inline_text(first).strip(" 　")
    if _is_label(cell):
        return cell
    head, sep, _ = cell.partition("　")
    return head if sep and _is_label(head) else ""


def _strip_row_label(cell: str) -> str:
    head, sep, rest = cell.partition("　")
    return rest if sep and re.fullmatch(rf"[{_KANJI_NUM}]+(?:の[{_KANJI_NUM}]+)*", head) else cell


def number_of(p: Provision) -> str:
    """The printed number (title or label): e-Gov's Num attributes are not always consistent with it."""
    if p.kind == "table_row":
        return row_label(p)
    if p.kind == "suppl":
        return p.el.get("AmendLawNum") or ""
    # e-Gov writes a paragraph number ≥ 10 now 「１０」, now 「10」: one number, whatever the width
    return unicodedata.normalize("NFKC", p.title or p.num or "")


_NUMBER_TAGS = {
    "Article": "ArticleTitle",
    "Paragraph": "ParagraphNum",
    "Item": "ItemTitle",
    **{f"Subitem{i}": f"Subitem{i}Title" for i in range(1, 11)},
    "Chapter": "ChapterTitle",
    "Section": "SectionTitle",
    "Subsection": "SubsectionTitle",
    "Division": "DivisionTitle",
    "Part": "PartTitle",
}
_LAYOUT = str.maketrans("", "", " \t\r\n")
_PROVISION_TAGS = {
    "Article",
    "Paragraph",
    "Item",
    *(f"Subitem{i}" for i in range(1, 11)),
    "Part",
    "Chapter",
    "Section",
    "Subsection",
    "Division",
}


def _subtree_key(p: Provision) -> str:
    """All text below the provision except its own number, read at C speed (layout whitespace dropped).

    Each direct child is serialised as text by lxml in one call, so a key costs one pass over the subtree in C;
    keys are computed lazily, so only the levels that are actually aligned (inside changed provisions) pay."""
    el = p.el
    if el.tag == "TableRow":
        return own_content(p)
    skip = _NUMBER_TAGS.get(str(el.tag))
    text = "\u241e".join(
        etree.tostring(child, method="text", encoding=str, with_tail=False)
        for child in el
        if child.tag != skip and isinstance(child.tag, str)
    )
    return _drop_layout(text)


def _drop_layout(text: str) -> str:
    """Layout whitespace out (str.replace is memchr-fast where translate maps every character)."""
    for ch in " \n\t\r":
        if ch in text:
            text = text.replace(ch, "")
    return text


# --- alignment -------------------------------------------------------------------------------------
class TextCache:
    """What alignment reads from a pair of documents, each read once: an element's whole text (one C
    serialisation), its content key, its number element's text. One per diff (``DiffResult.texts``, which the
    comparison table and the amendment sentences reuse); a caller that aligns outside a diff makes its own, and it
    goes with it — no state outlives the documents it was read from."""

    def __init__(self) -> None:
        self._raw: dict[Any, str] = {}
        self._keys: dict[Any, str] = {}
        self._numbers: dict[Any, str | None] = {}

    def raw_text(self, p: Provision) -> str:
        """All the element's text as it stands, its own number included: equal texts mean the same provision with
        the same number, so most of a law is settled without building content keys."""
        raw = self._raw.get(p.el)
        if raw is None:
            raw = self._raw[p.el] = etree.tostring(p.el, method="text", encoding=str, with_tail=False)
        return raw

    def subtree_key(self, p: Provision) -> str:
        """Everything a provision says, numbers of its own level excluded, for content matching."""
        key = self._keys.get(p.el)
        if key is None:
            key = self._keys[p.el] = _subtree_key(p)
        return key

    def number_text(self, el: Any) -> str | None:
        """The raw text of an element's own number element, None when it has markup."""
        if el in self._numbers:
            return self._numbers[el]
        tag = _NUMBER_TAGS.get(str(el.tag))
        found = el.find(tag) if tag is not None else None
        text = (found.text or "") if found is not None and not len(found) else None
        self._numbers[el] = text
        return text

    def renumbered(self, o: Provision, n: Provision) -> bool:
        """Whether the pair got a new printed number; the raw number elements are compared first, the normalised
        numbers only where those differ."""
        if o.el.tag == n.el.tag:
            a = self.number_text(o.el)
            if a is not None and a == self.number_text(n.el):
                return False
        return number_of(o) != number_of(n)

    def is_empty(self, p: Provision) -> bool:
        """A paragraph with neither number nor text (its number is text inside it too)."""
        return p.el.tag == "Paragraph" and not self.raw_text(p).strip()

    def children_for_diff(self, p: Provision) -> list[Provision]:
        """The sub-provisions aligned at the next level (a single paragraph is its article). Empty placeholders
        (an extract's omitted paragraph: no number, no text) say nothing and are left out."""
        kids = [k for k in p.children() if not self.is_empty(k)]
        if p.kind == "article" and len(kids) == 1 and kids[0].kind == "paragraph":
            return kids[0].children() or []
        return kids

    def child_lists(self, o: Provision, n: Provision) -> tuple[list[Provision], list[Provision]]:
        """Children of a pair at the same level: an article that gained or lost paragraphs compares paragraphs."""
        if o.kind == "article" and n.kind == "article":
            op = [k for k in o.children() if not self.is_empty(k)]
            np_ = [k for k in n.children() if not self.is_empty(k)]
            if len(op) == 1 and len(np_) == 1:
                return op[0].children(), np_[0].children()
            return op, np_
        return self.children_for_diff(o), self.children_for_diff(n)

    def align(
        self, old: list[Provision], new: list[Provision]
    ) -> list[tuple[Provision | None, Provision | None]]:
        """Pair siblings: text-identical ones first, then (between those) identical content, then similar text
        (the same printed number helps); the rest are deleted or added. The result follows the new order,
        deletions placed where they stood."""
        raw_text = self.raw_text
        if len(old) == len(new) and not any(
            raw_text(o) != raw_text(n) and self.renumbered(o, n) for o, n in zip(old, new, strict=True)
        ):
            # the same numbers in the same places: edited in place (the common case inside a changed article)
            return list(zip(old, new, strict=True))
        exact = _identical_runs([raw_text(p) for p in old], [raw_text(p) for p in new])
        if len(exact) == len(old) == len(new):
            return list(zip(old, new, strict=True))
        result: list[tuple[Provision | None, Provision | None]] = []
        anchors = [(-1, -1), *exact, (len(old), len(new))]
        for (a0, b0), (a1, b1) in zip(anchors, anchors[1:], strict=False):
            if a0 >= 0:
                result.append((old[a0], new[b0]))
            if a1 - a0 > 1 or b1 - b0 > 1:
                result.extend(self._align_by_content(old[a0 + 1 : a1], new[b0 + 1 : b1]))
        return result

    def _align_by_content(
        self, old: list[Provision], new: list[Provision]
    ) -> list[tuple[Provision | None, Provision | None]]:
        """The content alignment of a run of siblings that are not text-identical."""
        old_keys = [self.subtree_key(p) for p in old]
        new_keys = [self.subtree_key(p) for p in new]
        runs = _identical_runs(old_keys, new_keys)
        pairs = dict(runs)  # old index → new index
        # the gaps between identical runs: the order-keeping pairing with the greatest total similarity
        anchors = [(-1, -1), *runs, (len(old), len(new))]
        numbers_old = _LazyNumbers(old)
        numbers_new = _LazyNumbers(new)
        for (a0, b0), (a1, b1) in zip(anchors, anchors[1:], strict=False):
            gap_old = list(range(a0 + 1, a1))
            gap_new = list(range(b0 + 1, b1))
            if (
                gap_old
                and len(gap_old) == len(gap_new)
                and all(numbers_old[i] == numbers_new[j] for i, j in zip(gap_old, gap_new, strict=True))
            ):
                for i, j in zip(gap_old, gap_new, strict=True):  # edited in place: same numbers, same count
                    pairs[i] = j
            elif gap_old and gap_new:
                for i, j in _best_pairing(gap_old, gap_new, old_keys, new_keys, numbers_old, numbers_new):
                    pairs[i] = j
        # one sequence in new order; a deletion stands between the kept elements around it
        return [
            (old[i] if i is not None else None, new[j] if j is not None else None)
            for i, j in in_new_order(pairs, len(old), len(new))
        ]


class _LazyNumbers:
    """Printed numbers of a sibling list, read only where a gap needs them (most siblings are identical)."""

    def __init__(self, provisions: list[Provision]) -> None:
        self._provisions = provisions
        self._numbers: dict[int, str] = {}

    def __getitem__(self, i: int) -> str:
        number = self._numbers.get(i)
        if number is None:
            number = self._numbers[i] = number_of(self._provisions[i])
        return number


def _identical_runs(old_keys: Sequence[Hashable], new_keys: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Pairs of identical siblings, in order: patience diff (keys unique on both sides, longest increasing
    run), then identical neighbours of those anchors. Linear-ish where SequenceMatcher is quadratic."""
    from collections import Counter

    count_old, count_new = Counter(old_keys), Counter(new_keys)
    where_new = {k: j for j, k in enumerate(new_keys) if count_new[k] == 1}
    candidates = [(i, where_new[k]) for i, k in enumerate(old_keys) if count_old[k] == 1 and k in where_new]
    # longest increasing subsequence of new indexes (patience sorting)
    tails: list[int] = []
    tails_idx: list[int] = []
    prev: list[int] = [-1] * len(candidates)
    for n, (_, j) in enumerate(candidates):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tails_idx.append(n)
        else:
            tails[k] = j
            tails_idx[k] = n
        prev[n] = tails_idx[k - 1] if k > 0 else -1
    chain: list[tuple[int, int]] = []
    n = tails_idx[-1] if tails_idx else -1
    while n >= 0:
        chain.append(candidates[n])
        n = prev[n]
    chain.reverse()
    # grow each anchor over identical neighbours (repeated keys such as 「削除」 articles)
    taken_old = {i for i, _ in chain}
    taken_new = {j for _, j in chain}
    out = set(chain)
    bounds = [(-1, -1), *chain, (len(old_keys), len(new_keys))]
    for (a0, b0), (a1, b1) in zip(bounds, bounds[1:], strict=False):
        i, j = a0 + 1, b0 + 1
        while i < a1 and j < b1 and old_keys[i] == new_keys[j] and i not in taken_old and j not in taken_new:
            out.add((i, j))
            taken_old.add(i)
            taken_new.add(j)
            i, j = i + 1, j + 1
        i, j = a1 - 1, b1 - 1
        while i > a0 and j > b0 and old_keys[i] == new_keys[j] and i not in taken_old and j not in taken_new:
            out.add((i, j))
            taken_old.add(i)
            taken_new.add(j)
            i, j = i - 1, j - 1
    return sorted(out)


MIN_SIMILARITY = 0.3
SAME_NUMBER_BONUS = 0.15


def _best_pairing(
    gap_old: list[int],
    gap_new: list[int],
    old_keys: list[str],
    new_keys: list[str],
    numbers_old: _LazyNumbers,
    numbers_new: _LazyNumbers,
) -> list[tuple[int, int]]:
    """Needleman–Wunsch over one gap: pairs in order maximising similarity (the same printed number adds a
    bonus); a pair below MIN_SIMILARITY is never made, so unrelated provisions stay added/deleted."""
    m, n = len(gap_old), len(gap_new)
    score = [[0.0] * (n + 1) for _ in range(m + 1)]
    move = [[0] * (n + 1) for _ in range(m + 1)]  # 1 = pair, 2 = skip old, 3 = skip new
    for x in range(1, m + 1):
        i = gap_old[x - 1]
        for y in range(1, n + 1):
            j = gap_new[y - 1]
            best, how = score[x - 1][y], 2
            if score[x][y - 1] > best:
                best, how = score[x][y - 1], 3
            sim = similarity(old_keys[i], new_keys[j])
            if sim >= MIN_SIMILARITY:
                value = (
                    score[x - 1][y - 1]
                    + sim
                    + (SAME_NUMBER_BONUS if numbers_old[i] == numbers_new[j] else 0.0)
                )
                if value > best:
                    best, how = value, 1
            score[x][y], move[x][y] = best, how
    out = []
    x, y = m, n
    while x > 0 and y > 0:
        how = move[x][y]
        if how == 1:
            out.append((gap_old[x - 1], gap_new[y - 1]))
            x, y = x - 1, y - 1
        elif how == 2:
            x -= 1
        else:
            y -= 1
    return out[::-1]


# --- the diff --------------------------------------------------------------------------------------
def diff_laws(old: Law, new: Law, citation: str | None = None) -> DiffResult:
    """Change records between two versions of a law (or of the provision *citation* in each).

    e-Gov merges 削除 and 略 ranges one way in one revision and another way in the next (「第五十五条から第六十三条
    まで　削除」 / nine 「第N条　削除」; 「一及び二　略」 / 「一・二　略」): notation, not law. When the two versions
    merge differently, both are compared with their ranges split (copies; see
    :func:`hosei.text.parse.split_omitted_ranges`), so no diff format reports a change nothing made."""
    old, new, same_ranges = _same_notation(old, new)
    _bigrams.cache_clear()  # each diff measured (and sized) from cold
    run = _Run()
    blocks: list[tuple[Provision | None, Provision | None]] = []
    if citation:
        o, n = _find_either(old, new, citation)
        if o is not None and n is not None:
            run.pair(o, n)
        else:
            run.changes.append(Change("added", None, n) if o is None else Change("deleted", o, None))
        return DiffResult(old, new, run.changes, [(o, n)], run.aligned, citation, run.texts, same_ranges)
    _diff_headings(old, new, run.changes)
    run.siblings(_articles_and_blocks(old.main), _articles_and_blocks(new.main), blocks=blocks)
    run.siblings(
        old.suppl_provisions, new.suppl_provisions, key=lambda p: p.el.get("AmendLawNum") or "", blocks=blocks
    )
    run.siblings(old.appendix_tables, new.appendix_tables, key=_table_key(old, new), blocks=blocks)
    return DiffResult(old, new, run.changes, blocks, run.aligned, None, run.texts, same_ranges)


def _same_notation(old: Law, new: Law) -> tuple[Law, Law, bool]:
    import copy

    from ..text.comparable import omitted_ranges, split_omitted_ranges

    def merged(law: Law) -> list[tuple[str, int, int]]:  # which numbers each merged range stands for
        return [(str(el.tag), a, b) for el, a, b in omitted_ranges(law.root)]

    if merged(old) == merged(new):
        return old, new, True  # the common case: the same ranges (or none) on both sides, no copies
    old_doc, new_doc = copy.deepcopy(old.doc), copy.deepcopy(new.doc)
    split_omitted_ranges(old_doc.root)
    split_omitted_ranges(new_doc.root)
    if _omitted(old_doc.root) != _omitted(new_doc.root):
        return old, new, False  # what is 削除 or 略 changed, not only how it is written: the diff reports it
    return Law(old_doc, law_id=old.law_id), Law(new_doc, law_id=new.law_id), False


def _omitted(root: Any) -> set[tuple[str, str]]:
    """The articles and items that only say 削除 or 略, by their number."""
    found = set()
    for el in root.iter("Article", "Item"):
        said = "".join("".join(s.itertext()) for s in el.iter("Sentence")).strip()
        if said in ("削除", "略"):
            path = [el, *el.iterancestors("Article", "Paragraph", "Item", "SupplProvision")]
            key = "/".join(f"{a.tag}:{a.get('Num') or a.get('AmendLawNum') or ''}" for a in reversed(path))
            found.add((str(el.tag), key))
    return found


def _find_either(old: Law, new: Law, citation: str) -> tuple[Provision | None, Provision | None]:
    """The cited provision in each version; one that exists on one side only was added (or deleted). A citation
    found in neither is an error (naming the old file), as is one that cannot be read."""
    from ..core.citation import parse_citation

    parsed = parse_citation(citation)
    found: list[Provision | None] = []
    for law in (old, new):
        try:
            found.append(law.find(parsed))
        except HoseiError:
            found.append(None)
    if found[0] is None and found[1] is None:
        old.find(parsed)  # raises the error for the old version
    return found[0], found[1]


def _table_key(old: Law, new: Law) -> Any:
    """Tables pair by number; a single 別表 pairs with 別表第一 (the 2023 My Number Act renaming)."""
    from ..core.model import appendix_table_number

    def key(p: Provision) -> str:
        number = appendix_table_number(p.title)
        return "1" if number in (0, 1) else str(number if number is not None else p.title)

    return key


def _articles_and_blocks(main: Provision) -> list[Provision]:
    """The article sequence of a main provision (chapters are compared separately by their titles)."""
    articles = [Provision(el, main.law) for el in main.el.iter("Article")]
    if articles:
        return articles
    return [c for c in main.children() if c.kind == "paragraph"]


_HEADING_TAGS = ("Part", "Chapter", "Section", "Subsection", "Division")


def _heading_path(el: Any) -> str:
    """「Chapter:5/Section:1」: where a division sits. Sections are numbered afresh in every chapter, so a
    division is known by its whole path, never by its own number alone."""
    chain = [*reversed(list(el.iterancestors(*_HEADING_TAGS))), el]
    return "/".join(f"{e.tag}:{e.get('Num')}" for e in chain)


def _diff_headings(old: Law, new: Law, changes: list[Change]) -> None:
    """Division titles (編・章・節・款・目) aligned in document order: identical ones (same place, same title)
    settle first; in each gap a division pairs with one of the same level and name (renumbered: its number
    changes), then with the one in the same place (renamed); the rest are deleted or added."""
    ho = [Provision(el, old) for el in old.main.el.iter(*_HEADING_TAGS)]
    hn = [Provision(el, new) for el in new.main.el.iter(*_HEADING_TAGS)]
    path_o, path_n = [_heading_path(p.el) for p in ho], [_heading_path(p.el) for p in hn]
    exact = _identical_runs(
        [f"{path}|{p.title}" for path, p in zip(path_o, ho, strict=True)],
        [f"{path}|{p.title}" for path, p in zip(path_n, hn, strict=True)],
    )
    pairs = dict(exact)
    for gap_o, gap_n in _gaps(exact, len(ho), len(hn)):
        named = [
            (gap_o[i], gap_n[j])
            for i, j in _identical_runs(
                [f"{ho[i].el.tag!s}|{_strip_number(ho[i].title)}" for i in gap_o],
                [f"{hn[j].el.tag!s}|{_strip_number(hn[j].title)}" for j in gap_n],
            )
        ]
        pairs.update(named)
        for sub_o, sub_n in _gaps(
            named, len(ho), len(hn), gap_o[0] - 1, gap_n[0] - 1, gap_o[-1] + 1, gap_n[-1] + 1
        ):
            pairs.update(
                (sub_o[i], sub_n[j])
                for i, j in _identical_runs([path_o[i] for i in sub_o], [path_n[j] for j in sub_n])
            )
    for i, j in in_new_order(pairs, len(ho), len(hn)):
        o = ho[i] if i is not None else None
        n = hn[j] if j is not None else None
        if o is not None and n is not None:
            if o.title != n.title:
                changes.append(
                    Change("modified", o, n, char_diff(o.title, n.title), texts=(o.title, n.title))
                )
        elif o is not None:
            changes.append(Change("deleted", o, None))
        elif n is not None:
            changes.append(Change("added", None, n))


def _gaps(
    anchors: list[tuple[int, int]],
    len_old: int,
    len_new: int,
    start_old: int = -1,
    start_new: int = -1,
    end_old: int | None = None,
    end_new: int | None = None,
) -> Iterator[tuple[list[int], list[int]]]:
    """The stretches between paired indexes (within start…end, exclusive) that are unpaired on both sides."""
    bounds = [(start_old, start_new), *anchors]
    bounds.append((len_old if end_old is None else end_old, len_new if end_new is None else end_new))
    for (a0, b0), (a1, b1) in zip(bounds, bounds[1:], strict=False):
        if a1 - a0 > 1 and b1 - b0 > 1:
            yield list(range(a0 + 1, a1)), list(range(b0 + 1, b1))


def in_new_order(pairs: dict[int, int], len_old: int, len_new: int) -> list[tuple[int | None, int | None]]:
    """Monotone pairs (old index → new index) as one sequence in the new order; an unpaired old index stands
    between the pairs around it (after any unpaired new indexes there), an unpaired new index where it is."""
    result: list[tuple[int | None, int | None]] = []
    inverse = {j: i for i, j in pairs.items()}
    pending_deleted = [i for i in range(len_old) if i not in pairs]
    k = 0
    for j in range(len_new):
        i = inverse.get(j)
        if i is not None:
            while k < len(pending_deleted) and pending_deleted[k] < i:
                result.append((pending_deleted[k], None))
                k += 1
            result.append((i, j))
        else:
            result.append((None, j))
    result.extend((i, None) for i in pending_deleted[k:])
    return result


class _Run:
    """One diff under way: the change records so far, and how the children of each compared pair were aligned
    (the comparison table lays its rows out from the same alignment instead of computing it again)."""

    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.aligned: dict[tuple[Any, Any], list[tuple[Provision | None, Provision | None]]] = {}
        self.texts = TextCache()

    def siblings(
        self,
        old: list[Provision],
        new: list[Provision],
        key: Any = None,
        blocks: list[tuple[Provision | None, Provision | None]] | None = None,
        parent: tuple[Any, Any] | None = None,
    ) -> None:
        """Compare two sibling lists: paired by *key* (附則 by amending act, tables by title) or aligned."""
        if key is not None:
            ko = {key(p): p for p in old}
            kn = {key(p): p for p in new}
            pairs = [(ko.get(k), kn.get(k)) for k in dict.fromkeys([*ko, *kn])]
        else:
            pairs = self.texts.align(old, new)
            if parent is not None:
                self.aligned[parent] = pairs
        for o, n in pairs:
            if blocks is not None:
                blocks.append((o, n))
            if o is None and n is not None:
                self.changes.append(Change("added", None, n))
            elif n is None and o is not None:
                self.changes.append(Change("deleted", o, None))
            elif o is not None and n is not None:
                self.pair(o, n)

    def pair(self, o: Provision, n: Provision) -> None:
        """Compare a pair: nothing when the texts are equal, a move, or the changes of its own words and below."""
        changes, texts = self.changes, self.texts
        if texts.raw_text(o) == texts.raw_text(n):
            return
        renumbered_ = texts.renumbered(o, n)
        if renumbered_ and texts.subtree_key(o) == texts.subtree_key(n):
            changes.append(Change("moved", o, n))
            return
        # not renumbered: the texts differ, so something below changed (or only layout, which the sentences ignore)
        oc, nc = own_content(o), own_content(n)
        ok = [k for k in o.children() if not texts.is_empty(k)]
        nk = [k for k in n.children() if not texts.is_empty(k)]
        if o.kind == "article" and len(ok) == 1 and len(nk) == 1 and ok[0].kind == nk[0].kind == "paragraph":  # noqa: SIM102
            # a single-paragraph article: its sentence is the article's own text
            oc = oc + own_content(ok[0])
            nc = nc + own_content(nk[0])
        if oc != nc:
            changes.append(Change("modified", o, n, char_diff(oc, nc), moved=renumbered_, texts=(oc, nc)))
        elif renumbered_:
            changes.append(Change("moved", o, n))
        parent = (o.el, n.el)
        if o.kind == "appdx_table":
            self.siblings(o.children(), n.children(), parent=parent)
        elif o.kind == "article" and n.kind == "article":  # child_lists, reusing the lists above
            lists = (ok[0].children(), nk[0].children()) if len(ok) == len(nk) == 1 else (ok, nk)
            self.siblings(*lists, parent=parent)
        else:
            self.siblings(*texts.child_lists(o, n), parent=parent)


def top_article(p: Provision) -> Provision:
    """The article (or 附則 block / table) a provision belongs to, for grouping in the comparison table."""
    el = p.el
    for anc in (el, *el.iterancestors()):
        if anc.tag in ("Article", "AppdxTable"):
            return Provision(anc, p.law)
        if anc.tag == "SupplProvision":
            return Provision(anc, p.law)
    return p


__all__ = [
    "Change",
    "DiffResult",
    "TextCache",
    "char_diff",
    "diff_laws",
    "element_text",
    "own_content",
    "_clean",
]
