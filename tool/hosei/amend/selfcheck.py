"""The generator's self-check, provision by provision: which articles the applied sentences do not reproduce.

Generated 改め文 are applied back before they are printed; the whole law must come out equal to the new text. When
it does not, the generator needs to know *where*, so that it can write those articles another way (whole, 「第N条を
次のように改める。」) and so that a refusal names the provisions it could not write. Units are compared in their
canonical form (:func:`hosei.text.comparable.comparable`): articles of the main provision by number, the articles and
paragraphs of each 附則 block by the act it belongs to, appendix tables by position.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

from lxml import etree

from ..core.model import DIVISION_TAGS
from ..core.numerals import format_branch, num_to_branch

UnitKey = tuple[str, ...]
#: what a block's own text is compared without: its articles, paragraphs and divisions are units of their own
_STRUCTURE = ("Article", "Paragraph", *DIVISION_TAGS)


def _units(holder: etree._Element) -> Iterator[tuple[UnitKey, etree._Element]]:
    """(key, element) for every division (章, 節 …), article (or paragraph of a provision without articles) and
    appendix table under *holder* (a LawBody, or the holder :func:`hosei.text.comparable.comparable` prints)."""
    seen: dict[str, int] = {}
    tables = 0
    for block in holder:
        if block.tag == "MainProvision":
            base: UnitKey = ("main",)
        elif block.tag == "SupplProvision":
            act = block.get("AmendLawNum", "")
            seen[act] = seen.get(act, 0) + 1
            base = ("suppl", act, str(seen[act]))
        elif block.tag == "AppdxTable":
            tables += 1
            yield ("appdx", str(tables)), block
            continue
        else:
            continue
        for division in block.iter(*DIVISION_TAGS):
            path = [
                f"{str(el.tag)}{el.get('Num', '')}" for el in [*division.iterancestors(*DIVISION_TAGS)][::-1]
            ]
            yield (
                (*base, "division", "/".join([*path, f"{str(division.tag)}{division.get('Num', '')}"])),
                division,
            )
        articles = list(block.iter("Article"))
        for article in articles:
            yield (*base, "article", article.get("Num", "")), article
        if not articles:
            for paragraph in block.iterfind("Paragraph"):
                yield (*base, "paragraph", paragraph.get("Num", "")), paragraph
        rest = [el for el in block if el.tag not in _STRUCTURE]
        if rest or not articles:
            yield (*base, "block"), block


def _canonical_units(canonical: bytes) -> dict[UnitKey, bytes]:
    """Each unit's canonical bytes, from a law's :func:`comparable` form."""
    holder = etree.fromstring(canonical)
    out: dict[UnitKey, bytes] = {}
    for key, el in _units(holder):
        if key[-2] == "division":
            # a division's own title and which articles and divisions stand directly in it
            title = el.find(f"{str(el.tag)}Title")
            layout = ",".join(f"{str(k.tag)}{k.get('Num', '')}" for k in el if k.tag != f"{str(el.tag)}Title")
            out[key] = (etree.tostring(title, method="c14n") if title is not None else b"") + layout.encode()
        elif key[-1] == "block":
            shallow = etree.Element(el.tag, dict(el.attrib))
            for child in el:
                if child.tag not in _STRUCTURE:
                    shallow.append(child)  # moved out of this throwaway copy: its units were read above
            out[key] = etree.tostring(shallow, method="c14n")
        else:
            out[key] = etree.tostring(el, method="c14n")
    return out


def mismatched(amended: bytes, wanted: bytes, new: etree._Element) -> dict[UnitKey, etree._Element | None]:
    """The units whose text differs between *amended* and *wanted* (the :func:`comparable` forms of the amended
    law and of NEW, whose root is *new*), each with its element in *new* (None where NEW has no such unit: the
    sentences produced one too many)."""
    a, b = _canonical_units(amended), _canonical_units(wanted)
    body = new.find("LawBody")
    elements = dict(_units(body)) if body is not None else {}
    return {key: elements.get(key) for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)}


def describe(keys: list[UnitKey]) -> str:
    """「第十条」, 「附則（平成二九年…）第三条」, 「別表 1」: the units for an error message."""

    def article(num: str) -> str:
        first, _, branch = format_branch(num_to_branch(num)).partition("の")
        return f"第{first}条" + (f"の{branch}" if branch else "")

    names = []
    for key in keys:
        if key[0] == "appdx":
            names.append(f"appendix table {key[1]}")
            continue
        where = "" if key[0] == "main" else ("附則" + (f"（{key[1]}）" if key[1] else ""))
        if key[-2] == "division":
            names.append(where + "division " + key[-1])
        elif key[-2] == "article":
            names.append(where + article(key[-1]))
        elif key[-2] == "paragraph":
            names.append(f"{where}第{key[-1]}項")
        else:
            names.append(where or "本則")
    shown = names[:6]
    return "、".join(shown) + (f" and {len(names) - len(shown)} more" if len(names) > len(shown) else "")


def _leaf(key: UnitKey) -> bool:
    return key[0] == "appdx" or key[-2] in ("article", "paragraph")


def _masked(body: etree._Element, units: list[etree._Element]) -> bytes:
    """*body* serialised (UTF-8) with *units* stood in for by empty placeholders, which are swapped back after —
    *body* may be the caller's document, and is left as it was."""
    swapped: list[tuple[etree._Element, etree._Element]] = []
    try:
        for i, el in enumerate(units):
            parent = el.getparent()
            if parent is None:
                continue
            stand_in = etree.Element("HoseiUnit", n=str(i))
            parent.replace(el, stand_in)  # the unit leaves with its tail: both sides lose the same
            swapped.append((stand_in, el))
        return etree.tostring(body, encoding="utf-8")
    finally:
        for stand_in, el in reversed(swapped):
            parent = stand_in.getparent()
            if parent is not None:
                parent.replace(stand_in, el)


def reproduced_where_changed(
    old: etree._Element, amended: etree._Element, new: etree._Element, changed: list[etree._Element]
) -> bool | None:
    """The self-check in proportion to the change: True when the units the diff changed (*changed*: elements of OLD
    and NEW) read as NEW's in :func:`comparable` form and every other unit of the amended law is still OLD's, byte
    for byte (the diff found it unchanged); False when a changed unit differs (the full check then says which);
    None when the units themselves differ in number or order (articles added, moved, divisions changed), which only
    the full check can judge."""
    from ..text.comparable import comparable

    bodies = [root.find("LawBody") for root in (old, amended, new)]
    if any(body is None for body in bodies):
        return None
    o_units, a_units, n_units = (dict(_units(body)) for body in bodies if body is not None)
    if list(a_units) != list(n_units) or list(a_units) != list(o_units):
        return None
    key_of = {el: key for units in (o_units, n_units) for key, el in units.items() if _leaf(key)}
    touched: set[UnitKey] = set()
    for el in changed:
        unit = next((key_of[x] for x in (el, *el.iterancestors()) if x in key_of), None)
        if unit is None:
            return None  # a change of a division, a block or the 目次: the full check
        touched.add(unit)
    order = [key for key in a_units if key in touched]
    pairs = [(a_units[key], n_units[key]) for key in order]
    # everything but the changed units, OLD against the amended law: two serialisations of the bodies with those
    # units stood in for, not one per unit — a difference means the sentences changed what the diff did not
    o_body, a_body = bodies[0], bodies[1]
    assert o_body is not None and a_body is not None
    if _masked(o_body, [o_units[k] for k in order]) != _masked(a_body, [a_units[k] for k in order]):
        return None

    def holder(elements: list[etree._Element]) -> etree._Element:
        law = etree.Element("Law")
        main = etree.SubElement(etree.SubElement(law, "LawBody"), "MainProvision")
        for el in elements:
            one = copy.deepcopy(el)
            one.tail = None
            main.append(one)
        return law

    return comparable(holder([a for a, _ in pairs])) == comparable(holder([n for _, n in pairs]))


__all__ = ["describe", "mismatched", "reproduced_where_changed"]
