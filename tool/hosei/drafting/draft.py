"""Article 9(2) ordinance drafts for any local government, correct for the Act in force on the draft date.

The template (templates/article9-2/ordinance.xml.j2, Jinja2 with StrictUndefined) never contains a citation of
the Act: it asks :class:`ActCitations` for them, and they are found in the statute as in force on the date —
the Article 19 item that allows provision between a body's organs (第九号 in 2015, 第十一号 now), the Article 2
paragraph defining each term (特定個人情報: 第八項 in 2015, 第九項 now), the name of the Act's table (別表第一 /
別表) and whether the linkage table 別表第二 still exists. What cannot be found is an error, not a gap.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from dataclasses import field as dataclass_field
from dataclasses import replace as dataclass_replace
from functools import cached_property
from pathlib import Path
from typing import Any

from lxml import etree

from ..core.eradate import era_of, format_era_date
from ..core.errors import HoseiError, Interrupted
from ..core.model import Law, Provision
from ..core.numerals import DIGITS, arabic_numbers, parse_branch, to_fullwidth, to_kanji
from ..core.validate import require_valid
from ..core.xmlio import Document, output_folder, parse_bytes
from .roster import Body

TEMPLATE_DIR = "article9-2"
MY_NUMBER_ACT = "425AC0000000027"
PROVISION_ITEM_TEXT = "地方公共団体の機関が、条例で定めるところにより、当該地方公共団体の他の機関に"
DEFINED_TERMS = ("個人番号", "特定個人情報", "個人番号利用事務実施者", "情報提供ネットワークシステム")


@dataclass(frozen=True)
class Cite:
    """A citation of the Act found in the statute: article, paragraph or item, printed in either style."""

    article: tuple[int, ...]
    paragraph: int | None = None
    item: tuple[int, ...] | None = None
    table: str | None = None

    def format(self, horizontal: bool) -> str:
        if self.table is not None:
            return "法" + (
                self.table
                if not horizontal
                else re.sub(rf"第([{DIGITS}十]+)", lambda m: f"第{parse_branch(m.group(1))[0]}", self.table)
            )

        def n(x: int) -> str:
            return str(x) if horizontal else to_kanji(x)

        out = f"法第{n(self.article[0])}条" + "".join(f"の{n(b)}" for b in self.article[1:])
        if self.paragraph is not None:
            out += f"第{n(self.paragraph)}項"
        if self.item is not None:
            out += f"第{n(self.item[0])}号" + "".join(f"の{n(b)}" for b in self.item[1:])
        return out


class ActCitations:
    """Citations of the My Number Act resolved against one version of it."""

    def __init__(self, law: Law) -> None:
        self.law = law

    def _article(self, number: int) -> Provision:
        return self.law.find(f"第{to_kanji(number)}条")

    @cached_property
    def law_number(self) -> str:
        return self.law.law_num  # 平成二十五年法律第二十七号

    @cached_property
    def article_9_2(self) -> Cite:
        self.law.find("第九条第二項")
        return Cite((9,), 2)

    @cached_property
    def article_9_2_affairs(self) -> str:
        """The affairs as Article 9(2) words them (「…その他これらに類する事務」 before 2023-06-09)."""
        text = self.law.find("第九条第二項").own_text()
        m = re.search(
            r"福祉、保健若しくは医療.*?事務(?:その他(?:これらに類する|の)事務)?(?=であって条例で定めるもの)",
            text,
        )
        if not m:
            raise HoseiError("cannot find the affairs of Article 9(2) in the Act", self.law.source)
        return re.sub(r"（[^（）]*（[^（）]*）[^（）]*）|（[^（）]*）", "", m.group(0))

    @cached_property
    def provision_item(self) -> Cite:
        """The Article 19 item that lets an organ provide data to another organ of the same body by ordinance."""
        article = self._article(19)
        for item in article.iter():
            if item.kind == "item" and PROVISION_ITEM_TEXT in item.own_text():
                return Cite((19,), None, item.citation().item)
        raise HoseiError(
            "cannot find the Article 19 item on provision between a body's organs", self.law.source
        )

    @cached_property
    def special_item(self) -> Cite | None:
        """The Article 19 item defining 特定個人番号利用事務 (from 2024), or None in older versions."""
        article = self._article(19)
        for item in article.iter():
            text = item.own_text()
            if item.kind == "item" and (
                "「特定個人番号利用事務」" in text or "特定個人番号利用事務（" in text
            ):
                return Cite((19,), None, item.citation().item)
        return None

    def term(self, term: str) -> Cite:
        """The Article 2 paragraph that defines *term* (特定個人情報 → 第二条第九項 now, 第八項 in 2015); memoised
        per Act version (divergence asks it for every definition of every ordinance)."""
        cache: dict[str, Cite | HoseiError] = self.__dict__.setdefault("_terms", {})
        if term not in cache:
            try:
                cache[term] = self._term(term)
            except HoseiError as exc:
                cache[term] = exc
        found = cache[term]
        if isinstance(found, HoseiError):
            raise found
        return found

    def _term(self, term: str) -> Cite:
        article = self._article(2)
        for para in article.children():
            if para.kind == "paragraph" and f"「{term}」とは" in para.own_text():
                number = int(para.num or "1")
                return Cite((2,), number)
        raise HoseiError(f"the Act in force does not define 「{term}」 in Article 2", self.law.source)

    @cached_property
    def table(self) -> Cite:
        """The Act's Appendix 1 by its name in this version: 別表第一, or 別表 after 2024-05-27."""
        for t in self.law.appendix_tables:
            related = "".join(t.el.findtext("RelatedArticleNum") or "")
            if "第九条" in related:
                return Cite((), table=t.title)
        raise HoseiError("cannot find the Act's appendix table for Article 9", self.law.source)

    @cached_property
    def linkage_table(self) -> Cite | None:
        """別表第二 (information linkage), abolished by 令和五年法律第四十八号; None when it no longer exists."""
        for t in self.law.appendix_tables:
            if t.title == "別表第二":
                return Cite((), table="別表第二")
        return None


class Formatter:
    """Numbers in the ordinance's style: horizontal (第1条, 2, (1)) or vertical (第一条, ２, 一)."""

    def __init__(self, horizontal: bool) -> None:
        self.horizontal = horizontal
        self.mode = "horizontal" if horizontal else "vertical"

    def article(self, n: int) -> str:
        return f"第{n}条" if self.horizontal else f"第{to_kanji(n)}条"

    def para(self, n: int) -> str:
        return str(n) if self.horizontal else to_fullwidth(n)

    def item(self, n: int) -> str:
        return f"({n})" if self.horizontal else to_kanji(n)

    def table_num(self, n: int) -> str:
        return str(n) if self.horizontal else to_kanji(n)

    def col(self, n: int) -> str:
        """A column of the Act's (vertical) table as the ordinance cites it: 第二欄 / 第2欄."""
        return f"第{n}欄" if self.horizontal else f"第{to_kanji(n)}欄"

    def bare(self, cite: Cite) -> str:
        """A citation right after the Act's name, without 法: 第9条第2項."""
        return self.num(cite)[1:]

    def num(self, cite: Cite | str | None) -> str:
        if cite is None:
            raise HoseiError("the template cites a provision the Act in force does not have")
        if isinstance(cite, Cite):
            return cite.format(self.horizontal)
        if self.horizontal:  # 平成二十五年法律第二十七号 → 平成25年法律第27号
            return arabic_numbers(cite)
        return cite


@dataclass
class AffairEntry:
    id: str
    title: str
    organ: str
    wording: str
    data: str
    keywords: list[str]
    similar: list[str]
    field: str
    default: bool
    #: the title and wording a prefecture's bodies use instead (東京都: 愛の手帳, not 療育手帳)
    variants: dict[str, tuple[str, str]] = dataclass_field(default_factory=dict)  # noqa: RUF009

    def for_body(self, body: Body) -> AffairEntry:
        title, wording = self.variants.get(body.prefecture, (self.title, self.wording))
        return AffairEntry(
            self.id,
            title.replace("{self}", body.self_word),
            self.organ,
            wording.replace("{self}", body.self_word),
            self.data,
            self.keywords,
            self.similar,
            self.field,
            self.default,
        )


def load_affairs(path: Path) -> list[AffairEntry]:
    from ..core.xmlio import parse_file

    doc = parse_file(path)
    out = []
    for el in doc.root.iterfind("Affair"):
        out.append(
            AffairEntry(
                el.get("id", ""),
                el.findtext("Title") or "",
                el.findtext("Organ") or "head",
                el.findtext("Wording") or "",
                el.findtext("Data") or "",
                (el.findtext("Keywords") or "").split(),
                [s.get("row", "") for s in el.iterfind("Similar")],
                el.get("field", ""),
                el.get("default") == "true",
                {
                    v.get("prefecture", ""): (v.findtext("Title") or "", v.findtext("Wording") or "")
                    for v in el.iterfind("Variant")
                },
            )
        )
    if not out:
        raise HoseiError("affairs catalogue is empty", str(path))
    return out


@dataclass
class DraftOptions:
    title_form: str = "long"
    definitions: str = "reference"
    column_labels: str = "sayu"
    linkage_table: bool = True
    provision_table: bool = True
    restate_article_9_2: bool = False
    style: str = "horizontal"
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: Path, overrides: dict[str, Any]) -> DraftOptions:
        spec = json.loads(path.read_text(encoding="utf-8"))["options"]
        values = {k: v["default"] for k, v in spec.items()}
        for key, value in overrides.items():
            if key not in spec:
                raise HoseiError(f"unknown template option {key} (options: {', '.join(spec)})")
            if value not in spec[key]["values"]:
                raise HoseiError(
                    f"invalid value {value!r} for {key} (allowed: {', '.join(map(str, spec[key]['values']))})"
                )
            values[key] = value
        return cls(**values)


def _columns(labels: str, count: int) -> list[str]:
    if labels == "numbered" or count > 3:
        return [f"第{i}欄" for i in range(1, count + 1)]
    if labels == "jouge":
        return ["上欄", "下欄"] if count == 2 else ["上欄", "中欄", "下欄"]
    return ["左欄", "右欄"] if count == 2 else ["左欄", "中欄", "右欄"]


class Drafter:
    """Renders drafts from one template directory against one version of the Act."""

    def __init__(self, template_dir: Path, act: Law, as_of: dt.date) -> None:
        import jinja2

        self.template_dir = template_dir
        self.act = ActCitations(act)
        self.as_of = as_of
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(template_dir)),
            undefined=jinja2.StrictUndefined,
            autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
            keep_trailing_newline=True,
        )
        try:
            self.template = self.env.get_template("ordinance.xml.j2")
        except jinja2.TemplateNotFound:
            raise HoseiError("template ordinance.xml.j2 not found", str(template_dir)) from None
        except jinja2.TemplateSyntaxError as exc:
            raise HoseiError(
                f"template error: {exc.message}", exc.filename or str(template_dir), exc.lineno
            ) from None
        self.affairs = load_affairs(template_dir / "affairs.xml")
        # resolve every citation now, so a statute without them fails once, clearly
        _ = (self.act.provision_item, self.act.table, self.act.article_9_2_affairs)

    def select_affairs(self, ids: list[str] | None) -> list[AffairEntry]:
        by_id = {a.id: a for a in self.affairs}
        if ids is None:
            return [a for a in self.affairs if a.default]
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            raise HoseiError(f"unknown affair(s): {', '.join(unknown)} (catalogue: {', '.join(by_id)})")
        return [by_id[i] for i in ids]

    def context(
        self, body: Body, options: DraftOptions, affairs: list[AffairEntry], enforce: dt.date | None
    ) -> dict[str, Any]:
        fmt = Formatter(options.style == "horizontal")
        head = body.head_title
        affairs = [a.for_body(body) for a in affairs]

        def organ(a: AffairEntry) -> str:
            return head if a.organ == "head" else a.organ

        organs = f"{head}又は教育委員会"
        tables = [
            {"article": 4, "header": ["執行機関", "事務"], "rows": [[organ(a), a.wording] for a in affairs]}
        ]
        tnames = {"use": "別表第1" if fmt.horizontal else "別表第一"}
        if options.linkage_table:
            tables.append(
                {
                    "article": 4,
                    "header": ["執行機関", "事務", "特定個人情報"],
                    "rows": [
                        [organ(a), a.title + "に関する事務であって規則で定めるもの", a.data] for a in affairs
                    ],
                }
            )
            tnames["linkage"] = "別表第2" if fmt.horizontal else "別表第二"
        # 第5条 and its table: the head, who holds 地方税関係情報 and 住民票関係情報, provides them to the board of
        # education for the affairs the board runs (就学援助, in the default set) — the direction real ordinances
        # write; with no such affair chosen there is nothing to provide, and the article and table are left out
        school = [a for a in affairs if a.organ == "教育委員会"]
        if options.provision_table and not school:
            options = dataclass_replace(options, provision_table=False)  # nothing to provide: no 第5条
        if options.provision_table:
            rows = [
                [
                    head,
                    a.title + "に関する事務であって規則で定めるもの",
                    "教育委員会",
                    "地方税関係情報又は住民票関係情報であって規則で定めるもの",
                ]
                for a in school
            ]
            n = len(tables) + 1
            tables.append(
                {
                    "article": 5,
                    "header": ["情報提供機関", "事務", "情報照会機関", "特定個人情報"],
                    "rows": rows,
                }
            )
            tnames["provision"] = f"別表第{n}" if fmt.horizontal else f"別表第{to_kanji(n)}"
        definitions = []
        if options.definitions == "enumerated":
            definitions = [(t, self.act.term(t)) for t in DEFINED_TERMS]
            if self.act.special_item is not None:
                definitions += [
                    ("特定個人番号利用事務", self.act.special_item),
                    ("利用特定個人情報", self.act.special_item),
                ]
        title = self.title(body, options)
        return {
            "law": self.law_number(body, fmt),
            "title": title,
            "body": body,
            "act": self.act,
            "fmt": fmt,
            "options": options,
            "cols": {"t1": _columns(options.column_labels, 2), "t2": _columns(options.column_labels, 3)},
            "tnames": tnames,
            "organs": organs,
            "tables": tables,
            "definitions": definitions,
            "rules_word": "規則",
            "enforce_text": format_era_date(enforce, kanji=not fmt.horizontal) if enforce else "公布の日",
        }

    def title(self, body: Body, options: DraftOptions) -> str:
        act = "行政手続における特定の個人を識別するための番号の利用等に関する法律"
        what = "個人番号の利用及び特定個人情報の提供" if options.provision_table else "個人番号の利用"
        if options.title_form == "prefecture":
            return f"{act}施行条例"
        if options.title_form == "short":
            return f"{body.name}{what}に関する条例"
        return f"{body.name}{act}に基づく{what}に関する条例"

    def law_number(self, body: Body, fmt: Formatter) -> dict[str, Any]:
        """The law number line of a draft: the year of the draft date, number still to be assigned (第○号)."""
        era = era_of(self.as_of)
        year = self.as_of.year - era.start.year + 1
        year_text = "元" if year == 1 else (str(year) if fmt.horizontal else to_kanji(year))
        kind = "県" if body.kind == "都道府県" else ""
        del kind
        return {
            "era": era.romaji,
            "year": year,
            "num": 1,
            "number_text": f"{era.name}{year_text}年{body.name}条例第○号",
        }

    def render(
        self,
        body: Body,
        options: DraftOptions,
        affair_ids: list[str] | None = None,
        enforce: dt.date | None = None,
    ) -> Document:
        import jinja2

        affairs = self.select_affairs(affair_ids)
        try:
            xml = self.template.render(**self.context(body, options, affairs, enforce))
        except jinja2.UndefinedError as exc:
            raise HoseiError(
                f"template value missing: {exc.message}", str(self.template_dir / "ordinance.xml.j2")
            ) from None
        doc = parse_bytes(xml.encode("utf-8"), f"draft:{body.code}")
        etree.indent(doc.root, space="  ")
        _tidy(doc.root)
        require_valid(doc)
        return doc


def _tidy(root: etree._Element) -> None:
    for s in root.iter("Sentence", "TableHeaderColumn"):
        if s.text is not None:
            s.text = s.text.strip()


def template_dir_for(workspace_root: Path) -> Path:
    """The workspace's templates, or those of the checkout hosei runs from."""
    own = workspace_root / "templates" / TEMPLATE_DIR
    if (own / "ordinance.xml.j2").exists():
        return own
    from ..history.workspace import _source_checkout

    checkout = _source_checkout()
    if checkout is not None and (checkout / "templates" / TEMPLATE_DIR / "ordinance.xml.j2").exists():
        return checkout / "templates" / TEMPLATE_DIR
    raise HoseiError(
        "no ordinance template (templates/article9-2/ordinance.xml.j2) in this workspace", str(workspace_root)
    )


# --- batch --------------------------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker(
    template_dir: str,
    act_bytes: bytes,
    as_of: str,
    options: dict[str, Any],
    affairs: list[str] | None,
    enforce: str | None,
) -> None:
    act = Law(parse_bytes(act_bytes, "act"), law_id=MY_NUMBER_ACT)
    _WORKER["drafter"] = Drafter(Path(template_dir), act, dt.date.fromisoformat(as_of))
    _WORKER["options"] = DraftOptions(**options)
    _WORKER["affairs"] = affairs
    _WORKER["enforce"] = dt.date.fromisoformat(enforce) if enforce else None


def _draft_one(args: tuple[Body, str]) -> str:
    from ..core.xmlio import write_atomic

    body, out_dir = args
    doc = _WORKER["drafter"].render(body, _WORKER["options"], _WORKER["affairs"], _WORKER["enforce"])
    path = Path(out_dir) / f"{body.code}.xml"
    write_atomic(path, doc.to_bytes())
    return body.code


def draft_batch(
    drafter: Drafter,
    bodies: list[Body],
    out_dir: Path,
    options: DraftOptions,
    affairs: list[str] | None,
    enforce: dt.date | None,
    jobs: int,
    progress: Any = None,
) -> int:
    """One draft per body, written atomically as OUT/<code>.xml, over *jobs* processes."""
    from dataclasses import asdict

    output_folder(out_dir)  # the folder named must be writable, inside one that exists
    init_args = (
        str(drafter.template_dir),
        drafter.act.law.doc.to_bytes(),
        drafter.as_of.isoformat(),
        {k: v for k, v in asdict(options).items() if k != "extra"},
        affairs,
        enforce.isoformat() if enforce else None,
    )
    work = [(b, str(out_dir)) for b in bodies]
    done = 0
    try:
        if jobs <= 1:
            _init_worker(*init_args)
            for item in work:
                _draft_one(item)
                done += 1
                if progress:
                    progress()
            return done
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs, initializer=_init_worker, initargs=init_args) as pool:
            for _ in pool.imap_unordered(_draft_one, work, chunksize=32):
                done += 1
                if progress:
                    progress()
        return done
    except KeyboardInterrupt:
        # workers stopped mid-write leave their temporary files (a terminated process runs no cleanup): remove
        # them, so the folder holds whole drafts only, and say how many
        for stray in out_dir.glob(".*.xml.*.tmp"):
            stray.unlink(missing_ok=True)
        whole = sum(1 for _ in out_dir.glob("*.xml"))
        raise Interrupted(
            f"interrupted: {done} of {len(work)} drafts written in this run ({whole} drafts in the folder, every one "
            "whole); run it again to write the rest",
            str(out_dir),
        ) from None
