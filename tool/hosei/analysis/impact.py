"""Impact of a statute amendment on ordinances: the 条ずれ report and consequential amendment drafts.

From two versions of the Act (dates, git revisions such as a proposal branch, or files) the provision map says
where every old provision went (old citation → new citation, deleted, or text changed); every citation of the Act
in each ordinance — written with the short name the ordinance defines (法, 番号法) — is then classified as
unchanged, moved (with the new citation), deleted or changed (needs review). For each ordinance with moved
citations, a consequential amending ordinance is drafted (municipal-style sentences, comparison table, 附則)
and checked by applying it back with :func:`hosei.amend.apply.amend`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..compare.diff import TextCache, own_content
from ..core.citation import parse_citation
from ..core.eradate import era_by_name, to_gregorian_year
from ..core.errors import HoseiError
from ..core.lawnum import act_key, cited_by_year
from ..core.lawtext import sentences_text
from ..core.model import Law, Provision
from ..core.numerals import DIGITS, KANJI_NUMERALS, arabic_numbers, parse_number
from ..core.xmlio import output_folder
from ..drafting.draft import ActCitations

_NUM = f"[0-9０-９{KANJI_NUMERALS}]+"
_KANJI = "一-龥々"


@dataclass
class MapEntry:
    new: str | None  # the new citation, None when deleted
    changed: bool  # the provision's own text changed


def provision_map(old: Law, new: Law) -> dict[str, MapEntry]:
    """Where every article, paragraph and item of *old* went in *new* (citations in kanji form)."""
    out: dict[str, MapEntry] = {}
    texts = TextCache()
    old_articles = [Provision(el, old) for el in old.main.el.iter("Article")]
    new_articles = [Provision(el, new) for el in new.main.el.iter("Article")]

    def walk(o: Provision | None, n: Provision | None) -> None:
        if o is None:
            return
        if n is None:
            out[o.citation_text()] = MapEntry(None, True)
            for el in o.el.iter("Paragraph", "Item"):
                out.setdefault(Provision(el, old).citation_text(), MapEntry(None, True))
            return
        out[o.citation_text()] = MapEntry(n.citation_text(), own_content(o) != own_content(n))
        if o.kind in ("article", "paragraph", "item"):
            ok, nk = texts.child_lists(o, n) if o.kind == "article" else (o.children(), n.children())
            for a, b in texts.align(ok, nk):
                walk(a, b)

    for a, b in texts.align(old_articles, new_articles):
        walk(a, b)
    out.update(appendix_row_map(old, new))
    return out


def appendix_row_map(old: Law, new: Law) -> dict[str, MapEntry]:
    """Where every row of Appendix 1 went (「別表の百三十三の項」 → 「別表の百三十四の項」), rows followed by their
    content as the appendix history follows them (a row inserted mid-table relabels the rows after it)."""
    from ..core.appendix import appendix_rows, match_rows

    try:
        old_title, before = appendix_rows(old.doc)
        new_title, after = appendix_rows(new.doc)
    except HoseiError:  # a law without Appendix 1, or one whose table hosei cannot keep as rows
        return {}
    match_rows(before, [])  # ids for the old rows, then the new rows take the ids of the rows they continue
    match_rows(after, before)
    by_id = {r.id: r for r in after}
    out: dict[str, MapEntry] = {}
    for row in before:
        moved = by_id.get(row.id)
        key = f"{old_title}の{row.label}の項"
        if moved is None:
            out[key] = MapEntry(None, True)
        else:
            changed = (moved.body, moved.affair) != (row.body, row.affair)
            out[key] = MapEntry(f"{new_title}の{moved.label}の項", changed)
    return out


@dataclass
class Found:
    """One citation of the Act in an ordinance."""

    provision: str  # where in the ordinance (第1条, 第2条第2号 …)
    quote: str  # as written: 法第19条第9号
    cited: str  # normalised: 第十九条第九号
    kind: str  # unchanged | moved | deleted | changed | unverified | unknown
    new: str | None = None  # the new citation (kanji)
    new_quote: str | None = None  # as the ordinance would write it: 法第19条第11号
    reason: str | None = None  # why a move was not made (unverified), or what a rewritten phrase follows
    written: str = ""  # where, as the ordinance writes its own citations (第一条第二号 in a kanji ordinance)

    def to_json(self) -> dict[str, Any]:
        return {
            "provision": self.provision,
            "quote": self.quote,
            "cited": self.cited,
            "kind": self.kind,
            "new": self.new,
            "new_quote": self.new_quote,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class WrittenAgainst:
    """The latest act that wrote the ordinance — its own number, an amendment note of its 例規集 page, the
    AmendLawNum of one of its 附則 — and that act's year: the ordinance follows the Act of that year or later."""

    act: str
    year: int


@dataclass
class OrdinanceImpact:
    source: str
    title: str
    short_name: str
    citations: list[Found] = field(default_factory=list)
    draft: str | None = None
    written: WrittenAgainst | None = None

    @property
    def affected(self) -> bool:
        return any(c.kind in ("moved", "rewritten", "deleted", "changed") for c in self.citations)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "short_name": self.short_name,
            "affected": self.affected,
            "citations": [c.to_json() for c in self.citations],
            "draft": self.draft,
            "written_against": {"act": self.written.act, "year": self.written.year} if self.written else None,
        }


def written_against(law: Law, notes: list[str] | None = None) -> WrittenAgainst | None:
    """The latest of the ordinance's own number, its 附則's amending acts and its page's amendment notes."""
    numbers = [law.law_num, *(notes or [])]
    numbers += [sp.el.get("AmendLawNum") or "" for sp in law.suppl_provisions]
    dated = [
        (to_gregorian_year(era_by_name(key[0]), key[1]), key[3], n) for n in numbers if (key := act_key(n))
    ]
    if not dated:
        return None
    year, _, act = max(dated, key=lambda d: d[:2])  # the same year: the later number is the later act
    return WrittenAgainst(act, year)


def short_name(law: Law) -> str:
    """The name the ordinance gives the Act: 「以下「法」という」 or 「以下「番号法」という」."""
    text = "".join(law.main.el.itertext())
    m = re.search(r"以下「(番号法|法|番号利用法|マイナンバー法)」という", text)
    return m.group(1) if m else "法"


def _pattern(name: str) -> re.Pattern[str]:
    guard = rf"(?<![{_KANJI}ァ-ヴ])" if name == "法" else ""
    n = rf" ?{_NUM} ?"  # PDF copies put spaces around numbers: 法第 19 条第9号
    return re.compile(
        rf"{guard}{re.escape(name)}(?P<cite>第{n}条(?:の{n})*(?:第{n}項)?(?:第{n}号(?:の{n})*)?"
        rf"|別表(?:第{n})?の{n}(?:の{n})*の項)"
    )


_TERM_AFTER = re.compile(r"^に規定する(?P<term>[^\s　をのにはがで、。()（）]+?)(?:\(|（|を|に|、|。)")


class Intent:
    """What a citation means by its words, found again in the new Act: a defined term (「…」とは / 「…」という /
    …（…をいう。）) or the item on provision between a body's organs. A citation read by meaning is right even
    when the ordinance was already updated before the from-version."""

    def __init__(self, law: Law) -> None:
        self.law = law
        self._terms: dict[str, str | None] = {}

    def term(self, term: str) -> str | None:
        if term not in self._terms:
            self._terms[term] = self._find_term(term)
        return self._terms[term]

    def _find_term(self, term: str) -> str | None:
        for number in ("二", "十九"):
            try:
                article = self.law.find(f"第{number}条")
            except HoseiError:
                continue
            for p in article.iter():
                if p.kind not in ("paragraph", "item"):
                    continue
                text = p.own_text()
                if (
                    f"「{term}」とは" in text
                    or f"「{term}」という" in text
                    or re.search(rf"(?<![{_KANJI}]){re.escape(term)}（[^）]*をいう", text)
                ):
                    return p.citation_text()
        return None

    @cached_property
    def provision_item(self) -> str | None:
        """The item on provision between a body's organs (found as drafting finds it), as 第十九条第十一号."""
        try:
            return ActCitations(self.law).provision_item.format(horizontal=False).removeprefix("法")
        except HoseiError:
            return None


def _intended(text: str, end: int, cited: str, intent: Intent | None) -> str | None:
    """The provision the citation means in the new Act, when its words say it; None to use the map."""
    if intent is None:
        return None
    after = text[end : end + 40]
    m = _TERM_AFTER.match(after)
    if m:
        return intent.term(m.group("term"))
    if cited.startswith("第十九条第") and (
        "特定個人情報の提供" in after[:30] or "条例で定めるところ" in after[:30]
    ):
        return intent.provision_item
    return None


def analyse(
    law: Law,
    source: str,
    mapping: dict[str, MapEntry],
    intent: Intent | None = None,
    written: WrittenAgainst | None = None,
    from_enforced: dt.date | None = None,
    tables: TableChange | None = None,
) -> OrdinanceImpact:
    """Each citation of the Act read against the provision map. A citation that says what it means (a defined
    term, the provision item) is mapped by its meaning. Any other citation is moved only when the ordinance was
    written against the from-version: one written or amended in a later year (`written`) may already follow a
    later Act, so a move it would get is reported as unverified, with the reason, and never drafted."""
    name = short_name(law)
    pattern = _pattern(name)
    result = OrdinanceImpact(source, law.title, name, written=written)
    later = written is not None and from_enforced is not None and written.year > from_enforced.year
    first_title = law.main.el.findtext(".//ArticleTitle") or ""
    arabic_law = bool(re.search(r"[0-9０-９]", first_title))
    for p in law.main.iter():
        if p.kind not in ("paragraph", "item"):
            continue
        tag = "ParagraphSentence" if p.kind == "paragraph" else "ItemSentence"
        text = sentences_text(p.el.find(tag))
        written_as = p.citation_text(arabic=arabic_law)
        if tables is not None:
            for found in tables.read(text, name):
                found.provision, found.written = p.citation_text(arabic=True), written_as
                result.citations.append(found)
        for m in pattern.finditer(text):
            raw = m.group("cite").replace(" ", "")
            try:
                cited = parse_citation(raw).format()
            except HoseiError:
                continue
            horizontal = bool(re.search(r"[0-9０-９]", raw))
            entry = mapping.get(cited)
            meant = _intended(text, m.end(), cited, intent)
            if meant is not None:
                entry = MapEntry(meant, entry.changed if entry is not None and entry.new == meant else False)
            where = p.citation_text(arabic=True)
            if entry is None:
                result.citations.append(Found(where, m.group(0), cited, "unknown"))
            elif later and meant is None and entry.new != cited:
                assert written is not None and from_enforced is not None
                result.citations.append(
                    Found(
                        where,
                        m.group(0),
                        cited,
                        "unverified",
                        entry.new,
                        reason=f"{written.year}年の法に基づく条例（{written.act}）で、比較元の法（{from_enforced.isoformat()}"
                        "施行）より新しいため、引用はすでに現行のものである可能性があります",
                    )
                )
            elif entry.new is None:
                result.citations.append(Found(where, m.group(0), cited, "deleted"))
            elif entry.new != cited:
                new_quote = name + (arabic_numbers(entry.new) if horizontal else entry.new)
                result.citations.append(Found(where, m.group(0), cited, "moved", entry.new, new_quote))
            elif entry.changed:
                result.citations.append(Found(where, m.group(0), cited, "changed", entry.new))
            else:
                result.citations.append(Found(where, m.group(0), cited, "unchanged", entry.new))
            result.citations[-1].written = written_as
    return result


DRAFTED = ("moved", "rewritten")


class TableChange:
    """What became of the Act's appendix tables between two versions, and how an ordinance's sentences that cite
    them are rewritten: when the linkage table (別表第二) is gone and the new Act names its columns by defined
    terms instead (第十九条第八号: 「特定個人番号利用事務」 for the affairs of its 第二欄, 「利用特定個人情報」 for the
    information of its 第四欄), the phrase that cites the column is replaced by the term, as the Act's own
    amendment did and the model amending ordinances do; 「当該特定個人情報」 in the same sentence follows. A
    citation of the table that no such phrase covers is reported as deleted (the sentence needs redrafting).
    When 別表第一 became 別表, 「法別表第1」 becomes 「法別表」."""

    def __init__(self, old: Law, new: Law, intent: Intent) -> None:
        before, after = ActCitations(old), ActCitations(new)
        self.linkage_gone = before.linkage_table is not None and after.linkage_table is None
        self.affairs_term = "特定個人番号利用事務" if intent.term("特定個人番号利用事務") else None
        self.info_term = "利用特定個人情報" if intent.term("利用特定個人情報") else None
        self.renamed = before.table.table != after.table.table and after.table.table == "別表"

    @property
    def active(self) -> bool:
        return self.linkage_gone or self.renamed

    def read(self, text: str, name: str) -> list[Found]:
        """The table citations of one provision's text, in order. 「同表」 means the table named last (the Act's
        or the ordinance's own 別表第N). Every citation of the abolished table in the provision is rewritten, or
        none is: a sentence half rewritten would cite nothing (「同表の第3欄」 has no term), so then each is
        reported as deleted, for a drafter to redraft."""
        found: list[Found] = []
        if self.linkage_gone:
            found += self._linkage(text, name)
        if self.renamed:
            for m in re.finditer(rf"{re.escape(name)}別表第(?:1|１|一)(?![0-9０-９{DIGITS}十の])", text):
                found.append(self._rewrite(m.group(0), f"{name}別表", "法別表第一は別表となりました"))
        return found

    def _linkage(self, text: str, name: str) -> list[Found]:
        def col(k: int) -> str:
            return rf"(?:の|に掲げる)?第(?P<col{k}>[0-9０-９{DIGITS[1:6]}]+)欄に掲げる(?P<what{k}>事務|特定個人情報)"

        ref = re.compile(
            rf"(?P<act>{re.escape(name)}別表第(?:2|２|二))(?:{col(1)})?"
            rf"|(?P<own>(?<!{re.escape(name)})別表(?:第[0-9０-９{DIGITS}十]+)?)"
            rf"|(?P<same>同表)(?:{col(2)})?"
        )
        current = None
        rewrites: list[Found] = []
        unresolved: list[str] = []
        for m in ref.finditer(text):
            if m.group("own"):
                current = "own"
                continue
            if m.group("act"):
                current = "act"
            elif current != "act":
                continue
            k = 1 if m.group("act") else 2
            column = parse_number(m.group(f"col{k}")) if m.group(f"col{k}") else None
            what = m.group(f"what{k}")
            term = None
            if column == 2 and what == "事務":
                term = self.affairs_term
            elif column == 4 and what == "特定個人情報":
                term = self.info_term
            if term is None:
                unresolved.append(
                    m.group(0) if m.group("act") or column else text[m.start() : m.start() + 12]
                )
            else:
                rewrites.append(self._rewrite(m.group(0), term))
        if unresolved or not rewrites:
            quotes = unresolved or [f"{name}別表第二"]
            return (
                [
                    Found(
                        "",
                        q,
                        "別表第二",
                        "deleted",
                        reason="法別表第二は廃止され、この引用に当たる法の用語がありません（文の書き直しが必要です）",
                    )
                    for q in quotes
                ]
                if re.search(rf"{re.escape(name)}別表第(?:2|２|二)", text)
                else []
            )
        if self.info_term and any(f.new_quote == self.info_term for f in rewrites):
            first = text.find(next(f.quote for f in rewrites if f.new_quote == self.info_term))
            if "当該特定個人情報" in text[first:]:
                if "当該特定個人情報" in text[:first]:
                    unresolved.append("当該特定個人情報")  # one before the table's: it means something else
                rewrites.append(self._rewrite("当該特定個人情報", "当該" + self.info_term))
        # 「X」を「Y」に改める changes every X in the provision: each quote must mean the Act's table everywhere
        counts = Counter(f.quote for f in rewrites)
        unresolved += [q for q, n in counts.items() if text.count(q) != n and q != "当該特定個人情報"]
        if unresolved:
            return [
                Found(
                    "",
                    q,
                    "別表第二",
                    "deleted",
                    reason="法別表第二は廃止され、この文には一つの書換えでは正しくならない引用があります"
                    "（文の書き直しが必要です）",
                )
                for q in dict.fromkeys(unresolved)
            ]
        return rewrites

    @staticmethod
    def _rewrite(quote: str, new: str, reason: str | None = None) -> Found:
        return Found(
            "",
            quote,
            "別表第二" if reason is None else "別表第一",
            "rewritten",
            new_quote=new,
            reason=reason or "法別表第二は廃止され、その欄は法の定める用語となりました",
        )


_ARTICLE_PART = re.compile(r"^((?:附則)?第[^条]+条(?:の[^第]+)?)(.*)$")


def consequential_amendment(law: Law, impact: OrdinanceImpact) -> str:
    """The amending ordinance that follows the Act (municipal style): each moved citation to its new number, each
    phrase around an abolished table rewritten, in the ordinance's own numerals, quoting its text exactly, the
    changes in one article in one sentence with 同条 (「第2条第2号中「…」を「…」に改め、同条第3号中…改める。」)."""
    by_provision: dict[str, list[Found]] = {}
    for c in impact.citations:
        if c.kind in DRAFTED and c.new_quote:
            by_provision.setdefault(c.written or c.provision, []).append(c)
    if not by_provision:
        raise HoseiError(f"nothing to amend in {impact.source}")
    number = f"（{cited_by_year(law.law_num)}）" if law.law_num else ""
    lines = [
        f"　　　{law.title}の一部を改正する条例",
        "",
        f"　{law.title}{number}の一部を次のように改正する。",
    ]
    sentence: list[str] = []
    article = None
    for provision, found in by_provision.items():
        pairs = list(dict.fromkeys((c.quote, c.new_quote) for c in found))
        ops = "、".join(f"「{a}」を「{b}」に" for a, b in pairs)
        m = _ARTICLE_PART.match(provision)
        here, rest = (m.group(1), m.group(2)) if m else (provision, "")
        if sentence and here == article and rest:
            sentence.append(f"同条{rest}中{ops}改め")
            continue
        if sentence:
            lines.append("　" + "、".join(sentence) + "る。")
        sentence = [f"{provision}中{ops}改め"]
        article = here
    lines.append("　" + "、".join(sentence) + "る。")
    lines += ["", "　　　附　則", "この条例は、公布の日から施行する。"]
    return "\n".join(lines) + "\n"


def load_ordinance_law(path: Path) -> Law:
    return load_ordinance(path)[0]


def load_ordinance(path: Path) -> tuple[Law, list[str]]:
    """The ordinance and the acts its page's amendment notes name (none for XML, whose 附則 say it)."""
    if path.suffix.lower() == ".xml":
        return Law.from_file(path), []
    from ..text.parse import import_file

    result = import_file(str(path), law_type="ordinance")
    return Law(result.document), [a.number for n in result.notes for a in n.acts]


def resolve_act(workspace: Any, law_name: str, spec: str) -> tuple[Law, dt.date | None]:
    """A version of the Act: a date (in force then), a git revision (a proposal branch), or an XML file; with the
    enforcement date of the revision in force, when a date names it."""
    import git

    from ..core.eradate import parse_date
    from ..history.store import Store
    from ..history.versions import law_as_of

    if Path(spec).is_file():
        return Law.from_file(spec), None
    law_id = workspace.resolve_law_id(law_name)
    date_error = None
    try:
        law, rev = law_as_of(workspace, law_name, parse_date(spec))
        return law, rev.enforced
    except HoseiError as exc:
        if not exc.message.startswith("invalid date"):
            raise
        date_error = exc
    store = Store(workspace.root)
    try:
        commit = str(store.repo.git.rev_parse("--verify", f"{spec}^{{commit}}"))
    except git.GitCommandError:
        if re.match(r"^\d{4}-\d{1,2}-\d{1,2}$|^(明治|大正|昭和|平成|令和)", spec):
            raise date_error from None  # it was meant as a date: say what is wrong with it
        raise HoseiError(f"not a date, git revision or file: {spec}") from None
    return Law(store.read_document(law_id, commit), law_id=law_id), None


@dataclass
class ImpactReport:
    law: str
    from_label: str
    to_label: str
    ordinances: list[OrdinanceImpact]
    moved_provisions: dict[str, str | None]

    def summary(self) -> dict[str, Any]:
        from collections import Counter

        kinds = Counter(c.kind for o in self.ordinances for c in o.citations)
        return {
            "ordinances": len(self.ordinances),
            "affected": sum(1 for o in self.ordinances if o.affected),
            "citations": dict(sorted(kinds.items())),
            "drafts": sum(1 for o in self.ordinances if o.draft),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "law": self.law,
            "from": self.from_label,
            "to": self.to_label,
            "summary": self.summary(),
            "provision_map": self.moved_provisions,
            "ordinances": [o.to_json() for o in self.ordinances],
        }


def run_impact(
    workspace: Any,
    law_name: str,
    from_spec: str,
    to_spec: str,
    paths: list[str],
    draft_dir: Path | None = None,
    progress: Any = None,
) -> ImpactReport:
    from ..amend.apply import amend
    from ..compare.diff import diff_laws
    from ..compare.formats import to_html
    from ..compare.table import build_table
    from ..core.xmlio import write_atomic
    from .divergence import corpus_files

    old, from_enforced = resolve_act(workspace, law_name, from_spec)
    new, _ = resolve_act(workspace, law_name, to_spec)
    mapping = provision_map(old, new)
    intent = Intent(new)
    tables = TableChange(old, new, intent)
    moved = {k: v.new for k, v in mapping.items() if v.new != k}
    results = []
    drafted = 0
    for path in corpus_files(paths):
        law, notes = load_ordinance(path)
        impact = analyse(
            law,
            str(path),
            mapping,
            intent,
            written_against(law, notes),
            from_enforced,
            tables if tables.active else None,
        )
        if draft_dir is not None and any(c.kind in DRAFTED for c in impact.citations):
            text = consequential_amendment(law, impact)
            amended, _ = amend(law, text)  # the draft must apply: a failure here is a bug, not a draft
            if not drafted:
                output_folder(draft_dir)  # checked (and made) once, when the first draft is written
            drafted += 1
            stem = path.stem
            write_atomic(draft_dir / f"{stem}.amendment.txt", text.encode())
            write_atomic(draft_dir / f"{stem}.new.xml", amended.to_bytes())
            table = build_table(
                diff_laws(law, Law(amended)),
                f"{law.title}（現行）",
                f"{law.title}の一部を改正する条例（案）による改正後",
            )
            write_atomic(draft_dir / f"{stem}.taisho.html", to_html(table, "old-new").encode())
            impact.draft = str(draft_dir / f"{stem}.amendment.txt")
        results.append(impact)
        if progress:
            progress()
    return ImpactReport(law_name, from_spec, to_spec, results, moved)
