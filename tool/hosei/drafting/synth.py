"""A synthetic national corpus of Article 9(2) ordinances with ground truth.

No complete real corpus exists, so hosei renders ordinances for real bodies from the roster and makes them vary as
real ones do (background.md, tests/data/ordinances and its published pages):

- **what they say**: title forms, headings (趣旨/目的, 定義/用語), definition styles, column labels, commas, the short
  name 番号法, with or without 責務 and the 別表第2/第3 tables, different affairs, several catch-all wordings (in a
  table row or inside the scope article), missing and extra provisions, affairs matching nothing;
- **the Act they follow**: each body last followed the Act of some year from 2015 to 2025 (its enactment or its last
  amendment, which the page's notes name), and cites the Act as it was numbered then — 法第19条第9号/第10号, the old
  paragraph numbers of 第2条, 法別表第2 — so stale citations come from history, not from a coin;
- **how they are published** (drafting.publishing): kanji and vertical numbering or Arabic and horizontal, 例規集
  pages with their menus and amendment notes, PDF text with spaced numbers and broken lines.

truth.json lists every flaggable divergence as {"source", "type", "provision"} with the same type names as the
flags, and each file's form and year in "files".
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path
from typing import Any

from ..core.lawtext import Style, render_law
from ..core.model import Law
from ..core.xmlio import output_folder, write_atomic
from .draft import Drafter, DraftOptions
from .publishing import as_pdf_text, as_web_page, law_number_lines, note, to_vertical
from .roster import Body

#: Adoption rates of the catalogue's affairs (share of bodies listing each).
ADOPTION = {
    "child-medical": 0.85,
    "single-parent-medical": 0.8,
    "disability-medical": 0.75,
    "foreign-public-assistance": 0.55,
    "municipal-housing": 0.45,
    "ryoiku-techo": 0.4,
    "school-aid": 0.35,
    "non-resident-numbers": 0.25,
    "voluntary-vaccination": 0.2,
    "health-checkup": 0.15,
    "childcare-fee": 0.1,
    "water-sewerage": 0.05,
}
RATES = {
    "catch_all": 0.06,
    "catch_all_in_article": 0.03,
    "missing": 0.06,
    "extra": 0.06,
    "unmatched": 0.07,
    "heading_mokuteki": 0.2,
    "comma": 0.05,
    "bangouhou": 0.1,
    "yougo": 0.3,
    "no_linkage_table": 0.15,
    "vertical": 0.3,
    "vertical_prefecture": 0.7,
    "web_page": 0.35,
    "pdf": 0.15,
}
#: The year whose Act each body last followed (its enactment, or its last amendment): most never amended.
LAST_FOLLOWED = {
    2015: 0.40,
    2016: 0.05,
    2017: 0.04,
    2018: 0.04,
    2019: 0.04,
    2020: 0.03,
    2021: 0.06,
    2022: 0.05,
    2023: 0.04,
    2024: 0.10,
    2025: 0.15,
}
CATCH_ALL_ROWS = [
    "前各項に掲げるもののほか、福祉、保健若しくは医療その他の社会保障、地方税又は防災に関する事務その他これらに類する事務"
    "のうち特に個人番号を利用することが必要であると{head}又は教育委員会が認めるもの",
    "上記に掲げるもののほか、{head}又は教育委員会が特に個人番号を利用する必要があると認める事務であって規則で定めるもの",
    "その他これらに類する事務であって{head}が定めるもの",
]


def act_as_of(year: int) -> dict[str, Any]:
    """How an ordinance that followed the Act of *year* cites it (background.md): the provision item of 第19条
    (第9号, 第10号 from 2017, 第11号 from 2021-09), 第2条's paragraphs (renumbered with カード代替電磁的記録, taken
    here as 2025), and 別表第2 (abolished 2024-05-27)."""
    return {
        "item19": 9 if year <= 2016 else 10 if year <= 2020 else 11,
        "old_article2": year <= 2024,
        "linkage": year <= 2023,
    }


ODD_AFFAIRS = [
    "犬の登録及び鑑札の交付に関する事務であって規則で定めるもの",
    "公民館の使用料の減免に関する事務であって規則で定めるもの",
    "コミュニティバスの運行に関する事務であって規則で定めるもの",
    "ふるさと納税の返礼品の送付に関する事務であって規則で定めるもの",
]


def _renumber_articles(lines: list[str], start: int, delta: int) -> list[str]:
    """Shift 第N条 headings (and 第N条関係) from article *start* on by *delta*."""
    out = []
    for line in lines:
        m = re.match(r"^第(\d+)条(　.*)$", line)
        if m and int(m.group(1)) >= start:
            line = f"第{int(m.group(1)) + delta}条{m.group(2)}"
        line = re.sub(
            r"（第(\d+)条関係）",
            lambda mm: (
                f"（第{int(mm.group(1)) + delta if int(mm.group(1)) >= start else int(mm.group(1))}条関係）"
            ),
            line,
        )
        out.append(line)
    return out


def _choose_year(rng: random.Random) -> int:
    r, total = rng.random(), 0.0
    for year, share in LAST_FOLLOWED.items():
        total += share
        if r < total:
            return year
    return max(LAST_FOLLOWED)


def _scope_paragraphs(lines: list[str]) -> tuple[int, int]:
    """Index of the last line of the scope article (第4条) and its last paragraph number."""
    start = next(i for i, line in enumerate(lines) if line.startswith("第4条"))
    last, number = start, 1
    for i in range(start + 1, len(lines)):
        m = re.match(r"^(\d+)　", lines[i])
        if m:
            last, number = i, int(m.group(1))
        elif lines[i].startswith(("(", "第", "　")) or not lines[i]:
            break
        else:
            last = i
    return last, number


def synthesise(drafter: Drafter, bodies: list[Body], out: Path, count: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    chosen = rng.sample(bodies, min(count, len(bodies)))
    # more ordinances than bodies (the ~2,000 rule-makers include unions): later versions of random bodies
    chosen += [rng.choice(bodies) for _ in range(max(0, count - len(bodies)))]
    seen: dict[str, int] = {}
    truth: list[dict[str, str]] = []
    files: dict[str, dict[str, Any]] = {}
    output_folder(out)  # the folder named must be writable, inside one that exists
    for body in chosen:
        seen[body.code] = seen.get(body.code, 0) + 1
        source = f"{body.code}.txt" if seen[body.code] == 1 else f"{body.code}_{seen[body.code]}.txt"
        affairs = [a for a, p in ADOPTION.items() if rng.random() < p] or ["child-medical"]
        year = _choose_year(rng)
        act = act_as_of(year)
        opts = DraftOptions(
            title_form=rng.choice(["long", "long", "short"])
            if not body.is_prefecture
            else rng.choice(["long", "prefecture"]),
            definitions=rng.choice(["reference", "enumerated"]),
            column_labels=rng.choice(["sayu", "sayu", "jouge", "numbered"]),
            linkage_table=rng.random() >= RATES["no_linkage_table"],
            provision_table=rng.random() < 0.85,
            style="horizontal",
        )
        doc = drafter.render(body, opts, affairs)
        lines = list(render_law(Law(doc), Style(horizontal=True)))
        enacted = min(year, 2015 if rng.random() < 0.9 else 2016)
        month, day, number = rng.randint(9, 12), rng.randint(1, 28), rng.randint(10, 60)
        lines[1:2] = law_number_lines(body.name, enacted, month, day, number, vertical=False)
        text = "\n".join(lines)
        head = body.head_title
        # the Act as the body last followed it
        if act["item19"] != 11:
            for line in text.split("\n"):
                if "法第19条第11号" in line and line.startswith(("第1条", "第5条")):
                    where = "第1条" if line.startswith("第1条") else "第5条第1項"
                    truth.append({"source": source, "type": "stale_citation", "provision": where})
            text = text.replace("法第19条第11号", f"法第19条第{act['item19']}号")
        if act["linkage"]:
            text = re.sub(r"\n\(5\)　特定個人番号利用事務　[^\n]*\n\(6\)　利用特定個人情報　[^\n]*", "", text)
            text = text.replace(
                f"及び{head}又は教育委員会が行う特定個人番号利用事務とする。",
                f"及び{head}又は教育委員会が行う法別表第2の第2欄に掲げる事務とする。",
            )
            text = text.replace(
                f"{head}又は教育委員会は、特定個人番号利用事務を処理するために必要な限度で、利用特定個人情報であって自らが保有するものを利用することができる。ただし、法の規定により、情報提供ネットワークシステムを使用して他の個人番号利用事務実施者から当該利用特定個人情報の提供を受けることができる場合は、この限りでない。",
                f"{head}又は教育委員会は、法別表第2の第2欄に掲げる事務を処理するために必要な限度で、同表の第4欄に掲げる特定個人情報であって自らが保有するものを利用することができる。ただし、法の規定により、情報提供ネットワークシステムを使用して他の個人番号利用事務実施者から当該特定個人情報の提供を受けることができる場合は、この限りでない。",
            )
            scope = text[text.index("\n第4条") :].split("\n(")[0]
            for hit in re.finditer(r"(?m)^(?:第4条|(\d+))　.*法別表第2", scope):
                para = hit.group(1) or "1"
                truth.append({"source": source, "type": "stale_citation", "provision": f"第4条第{para}項"})
        if opts.definitions == "enumerated" and act["old_article2"]:
            for term, old_p, new_p, item in (
                ("特定個人情報", 8, 9, 2),
                ("個人番号利用事務実施者", 12, 13, 3),
                ("情報提供ネットワークシステム", 14, 15, 4),
            ):
                text = text.replace(
                    f"法第2条第{new_p}項に規定する{term}", f"法第2条第{old_p}項に規定する{term}"
                )
                truth.append({"source": source, "type": "stale_citation", "provision": f"第2条第{item}号"})
        lines = text.split("\n")
        table1 = next(i for i, line in enumerate(lines) if line.startswith("別表第1"))
        end1 = table1 + 1
        while end1 < len(lines) and lines[end1].startswith("| "):
            end1 += 1
        if rng.random() < RATES["catch_all"]:
            wording = rng.choice(CATCH_ALL_ROWS).format(head=head)
            lines.insert(end1, f"| {head}又は教育委員会 | {wording} |")
            truth.append({"source": source, "type": "catch_all", "provision": "別表第1"})
        if rng.random() < RATES["unmatched"]:
            lines.insert(table1 + 2, f"| {head} | {rng.choice(ODD_AFFAIRS)} |")
            truth.append({"source": source, "type": "unmatched_affair", "provision": "別表第1"})
        if rng.random() < RATES["catch_all_in_article"]:
            last, para = _scope_paragraphs(lines)
            lines.insert(
                last + 1,
                f"{para + 1}　前各項に定めるもののほか、{head}又は教育委員会は、福祉、保健若しくは医療その他の社会保障、"
                "地方税又は防災に関する事務その他これらに類する事務のうち特に個人番号を利用することが必要であると認めるものに"
                "ついて、個人番号を利用することができる。",
            )
            truth.append({"source": source, "type": "catch_all", "provision": f"第4条第{para + 1}項"})
        if rng.random() < RATES["missing"]:
            start = next(i for i, line in enumerate(lines) if line.startswith("第3条"))
            del lines[start - 1 : start + 1]  # caption and article
            lines = _renumber_articles(lines, 4, -1)
            truth = [
                t
                for t in truth
                if not (t["source"] == source and t["provision"].startswith(("第4条", "第5条")))
            ] + [
                {
                    **t,
                    "provision": re.sub(r"^第(\d)条", lambda m: f"第{int(m.group(1)) - 1}条", t["provision"]),
                }
                for t in truth
                if t["source"] == source and t["provision"].startswith(("第4条", "第5条"))
            ]
            truth.append({"source": source, "type": "missing_provision", "provision": "第3条"})
        if rng.random() < RATES["extra"]:
            last = max(int(m.group(1)) for line in lines if (m := re.match(r"^第(\d+)条", line)))
            at = next(i for i, line in enumerate(lines) if line.startswith(f"第{last}条"))
            lines = (
                lines[: at - 1]
                + [
                    "(報告)",
                    f"第{last}条　{head}は、毎年度、個人番号の利用の状況を議会に報告するものとする。",
                ]
                + _renumber_articles(lines[at - 1 :], last, 1)
            )
            truth.append({"source": source, "type": "extra_provision", "provision": f"第{last}条"})
        # the 例規集's notes: the article the last amendment touched, and the 改正 line under the number
        vertical = rng.random() < (RATES["vertical_prefecture"] if body.is_prefecture else RATES["vertical"])
        if year > enacted:
            amend_no = rng.randint(1, 60)
            first = next(i for i, line in enumerate(lines) if line.startswith("第1条"))
            lines.insert(first + 1, note(year, amend_no, vertical=False))
            date = law_number_lines(body.name, year, rng.randint(1, 12), rng.randint(1, 28), amend_no, False)
            lines.insert(3, f"改正　{date[0]}{date[1]}")
        text = "\n".join(lines)
        # wording variants (measured, not flagged)
        if rng.random() < RATES["heading_mokuteki"]:
            text = text.replace("(趣旨)", "(目的)", 1)
        if opts.definitions == "reference" and rng.random() < RATES["yougo"]:
            text = text.replace("(定義)", "(用語)", 1)
        if rng.random() < RATES["bangouhou"]:
            text = (
                text.replace("以下「法」という。", "以下「番号法」という。")
                .replace("法第", "番号法第")
                .replace("番号番号法", "番号法")
                .replace("法別表", "番号法別表")
                .replace("番号番号法", "番号法")
            )
        if rng.random() < RATES["comma"]:
            text = text.replace("、", "，")
        # how it is published
        form = "vertical" if vertical else "horizontal"
        if vertical:
            text = to_vertical(text)
        if rng.random() < RATES["web_page"]:
            text, form = as_web_page(text, rng), form + "+page"
        elif not vertical and rng.random() < RATES["pdf"] / (1 - RATES["web_page"]):
            text, form = as_pdf_text(text, rng), form + "+pdf"
        files[source] = {"form": form, "last_followed": year, "affairs": affairs}
        write_atomic(out / source, (text + "\n").encode("utf-8"))
    summary = {
        "seed": seed,
        "count": len(chosen),
        "as_of": drafter.as_of.isoformat(),
        "adoption": ADOPTION,
        "rates": RATES,
        "last_followed": LAST_FOLLOWED,
        "files": files,
        "divergences": truth,
    }
    write_atomic(out / "truth.json", json.dumps(summary, ensure_ascii=False, indent=1).encode("utf-8"))
    return summary


__all__ = ["dt", "synthesise"]
