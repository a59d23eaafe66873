"""The impact report as a self-contained HTML page: summary counts, the affected bodies with each citation and its
new target, then the provision map (collapsed: reviewers look at bodies first, the map only to check one)."""

from __future__ import annotations

from pathlib import Path

from ..analysis.impact import ImpactReport

KIND_LABELS = {
    "moved": "移動（新しい引用へ改正）",
    "rewritten": "書換え（法の定める用語へ改正）",
    "deleted": "削除（要対応）",
    "changed": "内容変更（要確認）",
    "unverified": "未確認（より新しい法に基づく条例のため移動せず）",
    "unchanged": "変更なし",
    "unknown": "不明",
}


def to_html(report: ImpactReport) -> str:
    """One page, no external resources, so it can be mailed to the municipalities it names
    (hosei/pages/impact.html.j2)."""
    from ..core.pages import render_page

    s = report.summary()
    summary = [("条例数", s["ordinances"]), ("影響を受ける条例", s["affected"])]
    summary += [
        (f"引用：{label}", s["citations"][kind])
        for kind, label in KIND_LABELS.items()
        if kind in s["citations"]
    ]
    summary.append(("改正案を作成", s["drafts"]))

    def link(draft: str) -> str:
        return Path(draft).as_uri() if Path(draft).is_absolute() else draft

    affected = [
        {
            "title": o.title,
            "source": o.source,
            "draft": link(o.draft) if o.draft else None,
            "citations": [
                {
                    "kind": c.kind,
                    "provision": c.provision,
                    "quote": c.quote,
                    "label": KIND_LABELS.get(c.kind, c.kind),
                    "new_quote": c.new_quote or "",
                    "reason": c.reason or "",
                }
                for c in o.citations
            ],
        }
        for o in report.ordinances
        if o.affected
    ]
    return render_page(
        "impact.html.j2",
        title=f"条ずれ影響調査 {report.law}",
        law=report.law,
        from_label=report.from_label,
        to_label=report.to_label,
        summary=summary,
        affected=affected,
        unaffected=[o for o in report.ordinances if not o.affected],
        moved=[(old, new or "（削除）") for old, new in report.moved_provisions.items()],
    )
