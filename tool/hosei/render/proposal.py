"""The proposal report as one self-contained HTML page: each proposed row with its adoption share (a bar), its
wording and place, the rows it was modelled on, and the ordinances that may drop the affair, linked to their
drafts (hosei/pages/proposal.html.j2)."""

from __future__ import annotations

from ..analysis.proposal import Proposal


def to_html(proposal: Proposal) -> str:
    from ..core.pages import render_page

    rows = []
    for p in proposal.rows:
        affair = p.candidate.affair.id
        ups = [u for u in proposal.follow_ups if affair in u.affairs]
        rows.append(
            {
                "affair": affair,
                "title": p.candidate.affair.title.replace("{self}", "市町村"),
                "share": p.candidate.share,
                "percent": round(p.candidate.share * 100, 1),
                "label": p.row.label,
                "id": p.row.id,
                "body": p.row.body,
                "wording": p.row.affair,
                "after": p.anchor.label if p.anchor else None,
                "precedents": [
                    {
                        "label": x.row.label,
                        "body": x.row.body,
                        "affair": x.row.affair,
                        "shared": "、".join(x.shared),
                    }
                    for x in p.precedents
                ],
                "ordinances": [
                    {
                        "body": u.adopter.body,
                        "title": u.title,
                        "source": u.adopter.source,
                        "tables": "、".join(u.tables),
                        "amendment": u.files.get("amendment"),
                        "table": u.files.get("table"),
                        "error": u.error,
                    }
                    for u in ups
                ],
            }
        )
    drafted = sum(1 for u in proposal.follow_ups if not u.error)
    summary = [
        ("調査した条例", proposal.ordinances),
        ("追加する項", len(proposal.rows)),
        ("繰り下げる項", len(proposal.relabelled)),
        ("改正案を作成した条例", drafted),
        ("作成できなかった条例", len(proposal.follow_ups) - drafted),
    ]
    return render_page(
        "proposal.html.j2",
        title=f"別表改正案 {proposal.branch}",
        act_title=proposal.act_title,
        branch=proposal.branch,
        commit=proposal.commit[:10],
        base=proposal.base_label,
        summary=summary,
        rows=rows,
        relabelled=proposal.relabelled,
        amendment=proposal.act_amendment,
    )
