"""Divergence across Article 9(2) ordinances: the "2,000 rules" check.

Each ordinance is aligned to the model (the bundled template rendered for the same body) provision by provision,
by what the provision does (its caption class: 趣旨/目的, 定義, 責務, 利用範囲, 提供, 委任) and then by similarity,
so renumbering and 目的-for-趣旨 do not count as divergence. Texts are normalised before comparing (the body's own
name and kind, numerals, widths, commas, column labels, 法/番号法), then measured: variants per provision with a
fragmentation index (normalised entropy), each body's distance from the model and from the consensus, clusters of
bodies sharing variants, and the adoption of each independent-use affair. Flags say what is wrong or risky, each
with severity, provision, the quoted text, the reason and the fix. Everything is linear in the number of bodies:
no all-pairs comparison.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..compare.chars import similarity
from ..core.errors import HoseiError
from ..core.lawtext import _clean, sentences_text
from ..core.model import Law, Provision
from ..core.numerals import parse_number
from ..drafting.draft import ActCitations, AffairEntry
from ..drafting.roster import Body
from ..text.published import repair_number_spacing
from .reading import (
    _KNUM,
    CLASSES,
    _arabic,
    _article_body_text,
    normalise,
    personal,
    provision_class,
)

FLAG_TYPES = ("stale_citation", "catch_all", "missing_provision", "extra_provision", "unmatched_affair")
SEVERITY = {
    "stale_citation": "high",
    "catch_all": "high",
    "missing_provision": "medium",
    "extra_provision": "low",
    "unmatched_affair": "medium",
}
#: What every Article 9(2) ordinance needs; 特定個人情報の提供 (第5条) is optional (青森市 has none).
REQUIRED = ("purpose", "definitions", "duty", "scope", "delegation")
HEADER_WORDS = {
    "執行機関",
    "機関",
    "事務",
    "特定個人情報",
    "情報提供機関",
    "情報照会機関",
    "提供する機関",
    "提供を受ける機関",
}


def row_cells(row: Any) -> list[str]:
    """The text of each cell of a table row."""
    return ["".join(c.itertext()).strip() for c in row.findall("TableColumn")]


def is_header_row(cells: list[str], words: set[str] | frozenset[str] = frozenset(HEADER_WORDS)) -> bool:
    """A row of column names (執行機関 | 事務 | 特定個人情報), which tables carry as their first row."""
    return all(len(c) < 12 and unicodedata.normalize("NFKC", c) in words for c in cells)


# --- the data ---------------------------------------------------------------------------------------
@dataclass
class Flag:
    source: str
    body: str
    type: str
    provision: str
    quote: str
    reason: str
    fix: str = ""

    @property
    def severity(self) -> str:
        return SEVERITY[self.type]

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "body": self.body,
            "type": self.type,
            "severity": self.severity,
            "provision": self.provision,
            "quote": self.quote,
            "reason": self.reason,
            "fix": self.fix,
        }


@dataclass
class BodyResult:
    source: str
    body: Body | None
    name: str
    texts: dict[str, str]  # model provision key → normalised text (missing: absent)
    raw: dict[str, str]
    flags: list[Flag]
    affairs: list[str]  # catalogue ids adopted
    partial: bool
    distance: float | None = (
        0.0  # None: nothing of the ordinance could be compared (an excerpt of other parts)
    )
    consensus_distance: float | None = 0.0
    cluster: int = 0


@dataclass
class Report:
    model: str
    as_of: str
    bodies: list[BodyResult]
    provisions: list[dict[str, Any]]
    candidates: list[dict[str, Any]]
    #: source → the model's provisions as they would read for that body, where the body's differ from them.
    model_display: dict[str, dict[str, str]] = field(default_factory=dict)
    threshold: float = 0.3

    @property
    def flags(self) -> list[Flag]:
        return [f for b in self.bodies for f in b.flags]

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "as_of": self.as_of,
            "bodies": [
                {
                    "source": b.source,
                    "body": b.name,
                    "code": b.body.code if b.body else None,
                    "prefecture": b.body.prefecture if b.body else None,
                    "distance": None if b.distance is None else round(b.distance, 4),
                    "consensus_distance": None
                    if b.consensus_distance is None
                    else round(b.consensus_distance, 4),
                    "cluster": b.cluster,
                    "partial": b.partial,
                    "affairs": b.affairs,
                }
                for b in self.bodies
            ],
            "provisions": self.provisions,
            "flags": [f.to_json() for f in self.flags],
            "candidates": self.candidates,
        }


# --- reading one ordinance --------------------------------------------------------------------------
def load_ordinance(path: Path) -> tuple[Law, bool, list[str]]:
    """An ordinance from XML or text; returns the law, whether it is a partial excerpt, and import warnings."""
    if path.suffix.lower() == ".xml":
        return Law.from_file(path), False, []
    from ..text.parse import import_file

    result = import_file(str(path), law_type="ordinance")
    law = Law(result.document)
    gaps = any("missing" in w.message or "truncated" in w.message for w in result.warnings)
    return law, gaps or is_partial(law), [str(w) for w in result.warnings]


def is_partial(law: Law) -> bool:
    """An excerpt, by its structure: no 附則 (every enacted ordinance has one, for its 施行期日), articles that do
    not run from 第1条 without gaps, or a last provision that stops mid-sentence."""
    if not law.suppl_provisions:
        return True
    numbers = [int(el.get("Num", "0").split("_")[0]) for el in law.main.el.iter("Article")]
    if numbers and (numbers[0] != 1 or any(b - a > 1 for a, b in zip(numbers, numbers[1:], strict=False))):
        return True
    sentences = list(law.main.el.iter("ParagraphSentence", "ItemSentence"))
    tail = _clean("".join(sentences[-1].itertext())).rstrip() if sentences else ""
    return bool(tail) and not tail.endswith(("。", "）", ")", "もの", "事務"))


def identify_body(law: Law, path: Path, bodies_by_code: dict[str, Body], bodies: list[Body]) -> Body | None:
    """The body an ordinance belongs to: the file name when it is a MIC code, else the longest roster name
    found in the title, the law number, or the first lines of the file."""
    stem = path.stem.split("_")[0]
    if stem.isdigit() and stem in bodies_by_code:
        return bodies_by_code[stem]
    head = ""
    if path.suffix.lower() != ".xml":
        head = path.read_text(encoding="utf-8", errors="replace")[:1500]
    for text in (law.title, law.law_num, head):
        found = [b for b in bodies if b.name in text]
        if found:
            found.sort(key=lambda b: (-len(b.name), text.index(b.name)))
            return found[0]
    return None


def _articles(law: Law) -> list[Provision]:
    return [Provision(el, law) for el in law.main.el.iter("Article")]


def _article_key(p: Provision) -> str:
    cls = provision_class(p)
    return cls or f"article:{p.num}"


# --- flags -------------------------------------------------------------------------------------------
_CITE_19 = re.compile(r"法第(?P<n>[0-9０-９" + _KNUM + r"]+)条第(?P<item>[0-9０-９" + _KNUM + r"]+)号")
_CITE_2 = re.compile(
    r"法第(?:2|２|二)条第(?P<para>[0-9０-９"
    + _KNUM
    + r"]+)項に規定する(?P<term>[^\s　をのにはがで、。()（）]+?)(?:\(|（|を|に|、|。)"
)
_LINKAGE = re.compile(r"法別表第(?:2|２|二)")
_TABLE1 = re.compile(r"法別表第(?:1|１|一)(?P<row>の[0-9０-９" + _KNUM + r"の]+の項)?")
#: An open-ended affair: a row that reaches beyond the ones listed (「上記に掲げるもののほか」), the Act's own
#: 「その他これらに類する事務」, or the body deciding case by case (「…必要があると…認める」).
_CATCH_ALL = re.compile(
    r"その他これらに類する事務|(?:前各項|前各号|上記|前記)に掲げる(?:もの|事務)のほか"
    r"|個人番号を利用する(?:ことが)?必要(?:がある|である)と.{0,20}認める"
)
_CATCH_ALL_HINT = re.compile("類する|のほか|認め")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(",", "、")


#: The same inside an article: the Act's words alone are a quotation there, so only the body deciding counts.
_CATCH_ALL_IN_TEXT = re.compile(
    r"その他これらに類する事務(?:のうち|であって.{0,20}認める)|個人番号を利用する(?:ことが)?必要(?:がある|である)と.{0,20}認める"
)


def citation_flags(
    p: Provision,
    source: str,
    name: str,
    act: ActCitations,
    provision: str | None = None,
    own: str | None = None,
) -> list[Flag]:
    """Stale citations of the Act in one provision's own text (the body's own tables are never the Act's).
    *provision* (its citation) and *own* (its text) are computed here when the caller does not have them."""
    text = repair_number_spacing(
        own if own is not None else _own_with_columns(p)
    )  # 「法第 19 条」 as a PDF prints it
    flags: list[Flag] = []
    if "法" not in text:
        return flags

    def stale(quote: str, reason: str, fix: str) -> None:
        flags.append(
            Flag(
                source, name, "stale_citation", provision or p.citation_text(arabic=True), quote, reason, fix
            )
        )

    current_item = act.provision_item.item[0] if act.provision_item.item else None
    for m in _CITE_19.finditer(text):
        if parse_number(m.group("n")) != 19:
            continue
        item = parse_number(m.group("item"))
        context = text[m.end() : m.end() + 30]
        if ("特定個人情報の提供" in context or "条例で定めるところ" in context) and item != current_item:
            stale(
                m.group(0),
                f"法第19条第{item}号は、現行法では条例で定める特定個人情報の提供の号ではありません"
                f"（現行は第{current_item}号）",
                f"法第19条第{current_item}号",
            )
    for m in _CITE_2.finditer(text):
        para = parse_number(m.group("para"))
        term = m.group("term")
        try:
            right = act.term(term).paragraph
        except HoseiError:
            continue
        if right != para:
            stale(
                m.group(0)[:-1],
                f"法第2条第{para}項は、現行法では{term}を定義していません（現行は第{right}項）",
                f"法第2条第{right}項",
            )
    if "別表第" in text:
        flags += linkage_flags(text, source, name, act, provision or p.citation_text(arabic=True))
    if act.table.table == "別表":
        for m in _TABLE1.finditer(text):
            stale(
                m.group(0),
                "法別表第一は別表となりました（項の番号も改められています）",
                "法別表" + (m.group("row") or ""),
            )
    return flags


def linkage_flags(text: str, source: str, name: str, act: ActCitations, provision: str) -> list[Flag]:
    """法別表第2 after the Act's linkage table was abolished."""
    if act.linkage_table is not None:
        return []
    reason = "法別表第二は廃止されました（令和五年法律第四十八号）"
    return [
        Flag(source, name, "stale_citation", provision, m.group(0), reason, "特定個人番号利用事務")
        for m in _LINKAGE.finditer(text)
    ]


def _own_with_columns(p: Provision) -> str:

    tag = {"paragraph": "ParagraphSentence", "item": "ItemSentence"}.get(p.kind)
    if tag is None:
        return p.own_text()
    return sentences_text(p.el.find(tag))


@functools.lru_cache(maxsize=4096)
def _normalised_wording(wording: str) -> str:
    return unicodedata.normalize("NFKC", wording)


#: How well a row must read as an affair to be taken as it.
AFFAIR_MATCH = 0.45


def _affair_scores(text: str, catalogue: list[AffairEntry]) -> list[tuple[float, AffairEntry]]:
    norm = unicodedata.normalize("NFKC", text)
    scored = []
    for a in catalogue:
        hits = sum(1 for k in a.keywords if k in norm)
        if hits:
            scored.append(
                (hits / max(len(a.keywords), 1) + similarity(norm, _normalised_wording(a.wording)), a)
            )
    return scored


def match_affair(text: str, catalogue: list[AffairEntry]) -> AffairEntry | None:
    """The catalogue affair a table row means (by keywords and wording similarity, not exact string)."""
    best, best_score = None, 0.0
    for score, a in _affair_scores(text, catalogue):
        if score > best_score:
            best, best_score = a, score
    return best if best_score >= AFFAIR_MATCH else None


def other_affairs(text: str, matched: AffairEntry, catalogue: list[AffairEntry]) -> set[str]:
    """The other catalogue affairs a row read as *matched* lists too: one row may list several (「障がい者、子ども及び
    ひとり親家庭に対する医療費の助成に関する事務」). An affair is listed when one of its own keywords — one *matched*
    does not have and its wording does not use (ひとり親, 障がい者) — is in the row."""
    norm = unicodedata.normalize("NFKC", text)
    own = _normalised_wording(matched.wording)
    return {
        a.id
        for a in catalogue
        if a.id != matched.id
        and any(k in norm for k in a.keywords if k not in matched.keywords and k not in own)
    }


# --- the analysis ------------------------------------------------------------------------------------
@dataclass
class _Model:
    """The model ordinance rendered for one body of a kind: its provisions by function, as text and normalised."""

    rendered_for: Body | None
    units: dict[str, Provision]
    raw: dict[str, str]
    normalised: dict[str, str]


class Analyzer:
    def __init__(
        self, act: ActCitations, catalogue: list[AffairEntry], appendix_rows: list[Any], model_for: Any
    ) -> None:
        self.act = act
        self.catalogue = catalogue
        self.appendix_rows = appendix_rows
        self.model_for = model_for  # Body | None → Law (the rendered template)
        #: kind of body → (the body it was rendered for, its provisions by function, their texts): the model is
        #: rendered (and validated) once per kind; what differs between bodies of a kind is their name, head and
        #: self-word, which normalise() takes out and personal() puts back.
        self._model_cache: dict[str, _Model] = {}
        self._like_cache: dict[str, bool] = {}
        self._match_cache: dict[str, AffairEntry | None] = {}

    def _model(self, body: Body | None) -> _Model:
        key = body.kind if body else "none"
        if key not in self._model_cache:
            units = {_article_key(a): a for a in _articles(self.model_for(body))}
            raw = {k: _article_body_text(a) for k, a in units.items()}
            norm = {k: normalise(v, body) for k, v in raw.items()}
            self._model_cache[key] = _Model(body, units, raw, norm)
        return self._model_cache[key]

    def model_units(self, body: Body | None) -> dict[str, Provision]:
        return self._model(body).units

    def model_texts(self, body: Body | None) -> dict[str, str]:
        """The model's provisions normalised (the same for every body of a kind)."""
        return self._model(body).normalised

    def model_raw(self, body: Body | None) -> dict[str, str]:
        """The model's provisions as they would read for *body* (its name, head and self-word)."""
        model = self._model(body)
        return {k: personal(v, model.rendered_for, body) for k, v in model.raw.items()}

    def analyse(self, path: Path, body: Body | None, law: Law, partial: bool) -> BodyResult:
        name = body.name if body else law.title[:20]
        source = str(path)
        model = self.model_units(body)
        mine = _articles(law)
        texts: dict[str, str] = {}
        raw: dict[str, str] = {}
        flags: list[Flag] = []
        matched_model: set[str] = set()
        for art in mine:
            key = _article_key(art)
            if key in model and key not in matched_model:
                matched_model.add(key)
                full = _article_body_text(art)
                texts[key] = normalise(full, body)
                raw[key] = full
            elif not partial:
                flags.append(
                    Flag(
                        source,
                        name,
                        "extra_provision",
                        art.citation_text(arabic=True),
                        (art.caption or "") + art.title,
                        "モデル条例にない規定です",
                        "法第9条第2項に照らして要否を確認してください",
                    )
                )
            for p in art.iter():
                if p.kind in ("paragraph", "item"):
                    own = _own_with_columns(p)
                    flags += citation_flags(p, source, name, self.act, own=own)
                    if "認め" in own and _CATCH_ALL_IN_TEXT.search(own := _nfkc(own)):
                        flags.append(
                            Flag(
                                source,
                                name,
                                "catch_all",
                                p.citation_text(arabic=True),
                                own[:120],
                                "包括的な事務の定めです（対象となる事務を条例で列挙する必要があります）",
                                "事務を列挙してください",
                            )
                        )
        if not partial:
            for key, p in model.items():
                if key not in matched_model and key in REQUIRED:
                    flags.append(
                        Flag(
                            source,
                            name,
                            "missing_provision",
                            p.citation_text(arabic=True),
                            "",
                            f"モデル条例の{p.caption or p.title}に当たる規定がありません",
                            "規定を追加してください",
                        )
                    )
        # tables: affairs, catch-alls, citations in cells
        adopted: list[str] = []
        inline = [
            Provision(parent, law)
            for ts in law.main.el.iter("TableStruct")
            if (parent := ts.getparent()) is not None
        ]
        for table in law.appendix_tables + inline:
            where = table.citation_text(arabic=True)
            use_table = table.kind == "appdx_table" and is_use_table(table)
            for row in table.el.iter("TableRow"):
                cells = row_cells(row)
                if len(cells) < 2 or is_header_row(cells):
                    continue
                affair = cells[1] if len(cells) >= 2 else cells[0]
                if _CATCH_ALL_HINT.search(affair) and _CATCH_ALL.search(_nfkc(affair)):
                    flags.append(
                        Flag(
                            source,
                            name,
                            "catch_all",
                            where,
                            affair[:120],
                            "包括的な事務の定めです（対象となる事務を条例で列挙する必要があります）",
                            "事務を列挙してください",
                        )
                    )
                    continue
                flags += linkage_flags(" ".join(cells), source, name, self.act, where)
                if not use_table:
                    continue
                if affair not in self._match_cache:  # thousands of bodies list the same few wordings
                    self._match_cache[affair] = match_affair(affair, self.catalogue)
                match = self._match_cache[affair]
                if match is not None:
                    if match.id not in adopted:
                        adopted.append(match.id)
                elif not self._like_appendix(affair):
                    flags.append(
                        Flag(
                            source,
                            name,
                            "unmatched_affair",
                            where,
                            affair[:120],
                            "事務の一覧にも法別表の項にも当たらない事務です（法第9条第2項に照らして確認してください）",
                            "hosei precedent で類似する法別表の項と比べてください",
                        )
                    )
        return BodyResult(source, body, name, texts, raw, _once(flags), adopted, partial)

    def _like_appendix(self, affair: str) -> bool:
        if affair not in self._like_cache:
            from ..drafting.precedent import rank

            best = rank(affair, self.appendix_rows, 1)
            self._like_cache[affair] = bool(best) and best[0].score >= 2.5
        return self._like_cache[affair]


def _once(flags: list[Flag]) -> list[Flag]:
    """Each finding once: the same quote flagged for the same reason in the same provision is one flag."""
    seen: set[tuple[str, str, str, str]] = set()
    out = []
    for f in flags:
        key = (f.type, f.provision, f.quote, f.reason)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def is_use_table(table: Provision) -> bool:
    """The independent-use table (別表第1: organ | affair), by position or header."""
    title = unicodedata.normalize("NFKC", table.title)
    header = [
        unicodedata.normalize("NFKC", "".join(c.itertext())) for c in table.el.iter("TableHeaderColumn")
    ]
    if header:
        return len(header) == 2
    title = re.sub(rf"[{_KNUM}]+", _arabic, title)  # 別表第一 in a kanji ordinance
    return title in ("別表第1", "別表")


def entropy(counts: Iterable[int]) -> float:
    values = [c for c in counts if c]
    total = sum(values)
    if total <= 1 or len(values) <= 1:
        return 0.0
    h = -sum(c / total * math.log(c / total) for c in values)
    return h / math.log(total)


def summarise(
    results: list[BodyResult], model_texts_for: Any, catalogue: list[AffairEntry], threshold: float
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per-provision variants and fragmentation, per-body distances and clusters, promotion candidates."""
    keys = list(CLASSES)
    variants: dict[str, Counter[str]] = {k: Counter() for k in keys}
    for r in results:
        for k in keys:
            if k in r.texts:
                variants[k][r.texts[k]] += 1
    provisions = []
    consensus = {}
    for k in keys:
        counter = variants[k]
        if not counter:
            continue
        consensus[k] = counter.most_common(1)[0][0]
        provisions.append(
            {
                "provision": k,
                "variants": len(counter),
                "bodies": sum(counter.values()),
                "fragmentation": round(entropy(counter.values()), 4),
                "top_share": round(counter.most_common(1)[0][1] / sum(counter.values()), 4),
            }
        )
    signatures: dict[tuple[int, ...], int] = {}
    variant_ids = {k: {t: i for i, (t, _) in enumerate(variants[k].most_common())} for k in keys}
    for r in results:
        model = model_texts_for(r.body)
        dists, cdists = [], []
        for k in keys:
            if k not in model:
                continue
            mine = r.texts.get(k)
            if mine is None:
                if not r.partial:
                    dists.append(1.0)
                    cdists.append(1.0)
                continue
            dists.append(1 - similarity(mine, model[k]))
            cdists.append(1 - similarity(mine, consensus.get(k, mine)))
        r.distance = sum(dists) / len(dists) if dists else None
        r.consensus_distance = sum(cdists) / len(cdists) if cdists else None
        sig = tuple(variant_ids[k].get(r.texts.get(k, ""), -1) for k in keys)
        r.cluster = signatures.setdefault(sig, len(signatures))
    n = len(results)
    adoption: Counter[str] = Counter(a for r in results for a in r.affairs)
    by_id = {a.id: a for a in catalogue}
    candidates = []
    for affair_id, count in adoption.most_common():
        share = count / n if n else 0.0
        if share >= threshold and affair_id in by_id:
            a = by_id[affair_id]
            candidates.append(
                {
                    "affair": affair_id,
                    "title": a.title.replace("{self}", "市町村"),
                    "share": round(share, 4),
                    "bodies": count,
                    "appendix_rows": a.similar,
                }
            )
    return provisions, candidates


# --- running it ------------------------------------------------------------------------------------
_STATE: dict[str, Any] = {}


def _setup(workspace_root: str, as_of: str, model_path: str | None) -> None:
    import datetime as dt

    from ..drafting.draft import Drafter, DraftOptions, load_affairs, template_dir_for
    from ..drafting.roster import load_roster, roster_path
    from ..history.versions import law_as_of
    from ..history.workspace import Workspace

    ws = Workspace(Path(workspace_root))
    date = dt.date.fromisoformat(as_of)
    act, _ = law_as_of(ws, "425AC0000000027", date)
    tdir = template_dir_for(ws.root)
    drafter = Drafter(tdir, act, date)
    options = DraftOptions.from_file(tdir / "options.json", {})
    bodies = load_roster(roster_path(tdir))
    generic = next(b for b in bodies if b.kind == "市")
    fixed_model = Law.from_file(model_path) if model_path else None

    def model_for(body: Body | None) -> Law:
        if fixed_model is not None:
            return fixed_model
        return Law(drafter.render(body or generic, options))

    _, rows = ws.load_appendix()
    analyzer = Analyzer(ActCitations(act), load_affairs(tdir / "affairs.xml"), rows, model_for)
    _STATE.update(
        analyzer=analyzer,
        bodies=bodies,
        by_code={b.code: b for b in bodies},
        model_for=model_for,
        catalogue=analyzer.catalogue,
    )


def _analyse_path(path: str) -> BodyResult:
    p = Path(path)
    law, partial, _warnings = load_ordinance(p)
    body = identify_body(law, p, _STATE["by_code"], _STATE["bodies"])
    result: BodyResult = _STATE["analyzer"].analyse(p, body, law, partial)
    return result


def corpus_files(paths: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(x for x in p.rglob("*") if x.suffix.lower() in (".xml", ".txt") and x.is_file())
        elif p.is_file():
            out.append(p)
        else:
            raise HoseiError("no such file or directory", str(p))
    return [p for p in out if p.name != "truth.json"]


def run(
    workspace_root: Path,
    paths: list[str],
    as_of: str,
    model_path: str | None = None,
    jobs: int = 1,
    threshold: float = 0.3,
    progress: Any = None,
) -> Report:
    files = corpus_files(paths)
    if not files:
        raise HoseiError("no ordinances (.xml or .txt) in the corpus")
    init = (str(workspace_root), as_of, model_path)
    _setup(*init)
    results: list[BodyResult] = []
    if jobs <= 1:
        for f in files:
            results.append(_analyse_path(str(f)))
            if progress:
                progress()
    else:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs, initializer=_setup, initargs=init) as pool:
            for r in pool.imap(_analyse_path, [str(f) for f in files], chunksize=16):
                results.append(r)
                if progress:
                    progress()
    analyzer: Analyzer = _STATE["analyzer"]
    provisions, candidates = summarise(results, analyzer.model_texts, _STATE["catalogue"], threshold)
    labels = {row.id: row.label for row in analyzer.appendix_rows}
    for c in candidates:
        c["appendix_labels"] = [labels.get(i, i) for i in c["appendix_rows"]]
    display = {}
    for r in results:  # only the provisions that differ from the model: the report marks those
        norm = analyzer.model_texts(r.body)
        differ = [k for k, v in r.texts.items() if k in norm and v != norm[k]]
        if differ:
            raw = analyzer.model_raw(r.body)
            display[r.source] = {k: raw[k] for k in differ}
    return Report(
        model_path or "templates/article9-2（団体の種類ごとに描画）",
        as_of,
        results,
        provisions,
        candidates,
        display,
        threshold,
    )


def to_csv(report: Report) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["source", "body", "type", "severity", "provision", "quote", "reason", "fix"])
    for f in report.flags:
        w.writerow([f.source, f.body, f.type, f.severity, f.provision, f.quote, f.reason, f.fix])
    return buf.getvalue()
