"""A synthetic national corpus of Article 9(2) ordinances with ground truth.

No complete real corpus exists, so hosei renders ordinances for real bodies from the roster and injects the
divergences seen in real ones (background.md, tests/data/ordinances) at realistic rates: title forms, headings,
definition styles, column labels, commas, the short name 番号法, different affairs — and the flaggable ones: stale
citations of each kind, catch-all rows, missing and extra provisions, affairs matching nothing. truth.json lists
every flaggable divergence as {"source", "type", "provision"} with the same type names as the flags.
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
from ..core.xmlio import write_atomic
from .draft import Drafter, DraftOptions
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
    "stale_19": 0.12,
    "stale_2": 0.10,
    "stale_linkage": 0.08,
    "catch_all": 0.08,
    "missing": 0.06,
    "extra": 0.06,
    "unmatched": 0.07,
    "heading_mokuteki": 0.2,
    "comma": 0.05,
    "bangouhou": 0.1,
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


def synthesise(drafter: Drafter, bodies: list[Body], out: Path, count: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    chosen = rng.sample(bodies, min(count, len(bodies)))
    # more ordinances than bodies (the ~2,000 rule-makers include unions): later versions of random bodies
    chosen += [rng.choice(bodies) for _ in range(max(0, count - len(bodies)))]
    seen: dict[str, int] = {}
    truth: list[dict[str, str]] = []
    out.mkdir(parents=True, exist_ok=True)
    for body in chosen:
        seen[body.code] = seen.get(body.code, 0) + 1
        source = f"{body.code}.txt" if seen[body.code] == 1 else f"{body.code}_{seen[body.code]}.txt"
        affairs = [a for a, p in ADOPTION.items() if rng.random() < p] or ["child-medical"]
        opts = DraftOptions(
            title_form=rng.choice(["long", "long", "short"])
            if not body.is_prefecture
            else rng.choice(["long", "prefecture"]),
            definitions=rng.choice(["reference", "enumerated"]),
            column_labels=rng.choice(["sayu", "sayu", "jouge", "numbered"]),
            linkage_table=True,
            provision_table=rng.random() < 0.85,
            style="horizontal",
        )
        doc = drafter.render(body, opts, affairs)
        lines = list(render_law(Law(doc), Style(horizontal=True)))
        text = "\n".join(lines)
        head = body.head_title
        # flaggable divergences
        if opts.provision_table and rng.random() < RATES["stale_19"]:
            old = rng.choice(["9", "10"])
            text = text.replace("法第19条第11号", f"法第19条第{old}号")
            truth.append({"source": source, "type": "stale_citation", "provision": "第1条"})
            truth.append({"source": source, "type": "stale_citation", "provision": "第5条第1項"})
        if opts.definitions == "enumerated" and rng.random() < RATES["stale_2"] * 2:
            for term, old_p, new_p, item in (
                ("特定個人情報", 8, 9, 2),
                ("個人番号利用事務実施者", 12, 13, 3),
                ("情報提供ネットワークシステム", 14, 15, 4),
            ):
                text = text.replace(
                    f"法第2条第{new_p}項に規定する{term}", f"法第2条第{old_p}項に規定する{term}"
                )
                truth.append({"source": source, "type": "stale_citation", "provision": f"第2条第{item}号"})
        if rng.random() < RATES["stale_linkage"]:
            text = text.replace(
                f"{head}又は教育委員会は、特定個人番号利用事務を処理するために必要な限度で、利用特定個人情報であって自らが保有するものを利用することができる。",
                f"{head}又は教育委員会は、法別表第2の第2欄に掲げる事務を処理するために必要な限度で、同表の第4欄に掲げる特定個人情報であって自らが保有するものを利用することができる。",
            )
            truth.append({"source": source, "type": "stale_citation", "provision": "第4条第4項"})
        lines = text.split("\n")
        table1 = next(i for i, line in enumerate(lines) if line.startswith("別表第1"))
        end1 = table1 + 1
        while end1 < len(lines) and lines[end1].startswith("| "):
            end1 += 1
        if rng.random() < RATES["catch_all"]:
            lines.insert(
                end1,
                f"| {head}又は教育委員会 | 前各項に掲げるもののほか、福祉、保健若しくは医療その他の社会保障、地方税又は防災に関する事務その他これらに類する事務のうち特に個人番号を利用することが必要であると{head}又は教育委員会が認めるもの |",
            )
            truth.append({"source": source, "type": "catch_all", "provision": "別表第1"})
        if rng.random() < RATES["unmatched"]:
            lines.insert(table1 + 2, f"| {head} | {rng.choice(ODD_AFFAIRS)} |")
            truth.append({"source": source, "type": "unmatched_affair", "provision": "別表第1"})
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
        text = "\n".join(lines)
        # wording variants (measured, not flagged)
        if rng.random() < RATES["heading_mokuteki"]:
            text = text.replace("(趣旨)", "(目的)", 1)
        if rng.random() < RATES["bangouhou"]:
            text = (
                text.replace("以下「法」という。", "以下「番号法」という。")
                .replace("法第", "番号法第")
                .replace("番号番号法", "番号法")
            )
        if rng.random() < RATES["comma"]:
            text = text.replace("、", "，")
        write_atomic(out / source, (text + "\n").encode("utf-8"))
    summary = {
        "seed": seed,
        "count": len(chosen),
        "as_of": drafter.as_of.isoformat(),
        "adoption": ADOPTION,
        "rates": RATES,
        "divergences": truth,
    }
    write_atomic(out / "truth.json", json.dumps(summary, ensure_ascii=False, indent=1).encode("utf-8"))
    return summary


__all__ = ["dt", "synthesise"]
