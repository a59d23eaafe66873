"""Never silently out of date: whether the text recorded for a date may have been amended before that date.

The revision in force on a date is the latest recorded one not after it. When a later revision is recorded, its
附則 list the amending acts it carries; an act that the earlier text does not carry, promulgated by the date, whose
施行期日 puts any part that amends a law (an item naming only the act's own 附則 does not) between the two — or
leaves the date to a 政令, so that it may fall between — means the text picked was possibly no longer in force on
that date. An act the history has a revision of is
accounted for where its 施行期日 leaves the date open (its revision is recorded; a history fetched whole has one per
date an act took effect). The commands that read a law as of a date then refuse, naming those acts and the command
that fetches the revisions in between, unless told to go on with a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.commencement import concerns, date_of, schedule
from ..core.lawnum import act_key, formal_number
from ..core.lawtext import render_provision
from ..core.model import Law
from .revision import promulgation_date
from .store import Revision, Store


@dataclass(frozen=True)
class MissingAct:
    """An act that took effect (or may have) between the recorded text and the date asked for."""

    number: str  # 平成二十八年法律第五十一号
    when: str  # 2017-05-30, or the phrase the act gives (…政令で定める日)
    certain: bool


def missing_acts(
    store: Store, law: Law, rev: Revision, date: dt.date
) -> tuple[Revision, list[MissingAct]] | None:
    """The next recorded revision after *date* and the acts between *rev* (in force on *date*) and it, or None
    when no later revision is recorded (nothing tells of amendments after the latest text)."""
    later = sorted(
        (r for r in store.revisions(rev.law_id) if r.enforced > date and not r.restore),
        key=lambda r: (r.enforced, r.seq),
    )
    if not later:
        return None
    following = later[0]
    # acts the history has a revision of: a date their 施行期日 leaves open is the date of that revision
    recorded = {act_key(r.amended_by) for r in store.revisions(rev.law_id) if r.amended_by and not r.restore}
    known = {act_key(s.el.get("AmendLawNum", "")) for s in law.suppl_provisions if s.el.get("AmendLawNum")}
    nxt = Law(store.read_document(rev.law_id, following.commit), law_id=rev.law_id)
    found: list[MissingAct] = []
    for block in nxt.suppl_provisions:
        number = block.el.get("AmendLawNum", "")
        key = act_key(number) if number else None
        if key is None or key in known:
            continue
        promulgated = promulgation_date(number)
        if promulgated is None or promulgated > date:
            continue
        plan = schedule("　　　附　則\n" + "\n".join(list(render_provision(block))[1:]))
        if plan is None:
            found.append(MissingAct(formal_number(key), "its 施行期日 is not in the text", False))
            continue
        for phrase in [plan.main, *(w for what, w in plan.items if concerns(what, law.title or ""))]:
            when = date_of(phrase, promulgated)
            if when is None and key in recorded:
                continue  # recorded: the revision it made is in the history, not between
            if when is None:
                found.append(MissingAct(formal_number(key), phrase, False))
                break
            if rev.enforced < when <= date:
                found.append(MissingAct(formal_number(key), when.isoformat(), True))
                break
    return following, found


def gap_message(
    law_name: str,
    law_id: str,
    date: dt.date,
    rev: Revision,
    following: Revision,
    acts: list[MissingAct],
    warning: bool = False,
) -> str:
    """What a refusal (or, told to go on, a warning) says."""
    shown = "、".join(
        f"{a.number}（施行 {a.when}）"
        if a.certain
        else f"{a.number}（施行期日 「{a.when}」: possibly before）"
        for a in acts[:6]
    )
    more = f" and {len(acts) - 6} more" if len(acts) > 6 else ""
    return (
        f"{law_name} as of {date.isoformat()}: the recorded text (施行 {rev.enforced.isoformat()}) may be out of date — "
        f"the next recorded revision (施行 {following.enforced.isoformat()}) carries acts enforced in between: "
        f"{shown}{more}; record the revisions in between with `hosei fetch {law_id} --all-revisions`"
        + ("" if warning else " (or pass --allow-gaps to go on with a warning)")
    )
