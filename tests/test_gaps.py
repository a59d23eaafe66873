"""Never silently out of date: a date between two recorded revisions whose later one carries acts enforced (or
possibly enforced) in between is refused — naming the acts and the command that fetches what is missing — or, with
--allow-gaps, read with a warning; a history recorded whole refuses no date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from hosei.cli import main
from hosei.core.commencement import concerns
from hosei.history.revision import parse_revision_id
from hosei.history.versions import init_workspace, law_as_of, prepare_egov, record
from hosei.history.workspace import Workspace

from conftest import ISHO_DIR, ROOT


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, [*args, "-w", str(ROOT)])
    return r.exit_code, r.stdout, r.stderr


def test_a_draft_between_the_bundled_texts_is_refused_naming_the_acts() -> None:
    """The bundled history holds the 2015 and the 2025 text of the My Number Act: in 2018 the item was 第10号, not
    the 2015 text's 第19条第9号, and the 2025 text's 附則 list the acts in between."""
    code, out, err = _run("draft", "更別村", "--as-of", "2018-06-01")
    assert code == 1 and out == ""
    assert err.startswith(
        "Error: 行政手続における特定の個人を識別するための番号の利用等に関する法律 as of 2018-06-01: the recorded text "
        "(施行 2015-09-09) may be out of date — the next recorded revision (施行 2025-09-24) carries acts enforced in "
        "between: "
    )
    assert "平成二十八年法律第四十七号（施行 2017-04-01）" in err
    assert (
        "`hosei fetch 425AC0000000027 --all-revisions` (or pass --allow-gaps to go on with a warning)" in err
    )
    assert len(err.splitlines()) == 1


def test_allow_gaps_goes_on_with_a_warning() -> None:
    code, out, err = _run("draft", "更別村", "--as-of", "2018-06-01", "--allow-gaps")
    assert code == 0
    assert "法第19条第9号" in out
    assert err.startswith("Warning: 行政手続における") and "--allow-gaps" not in err


@pytest.mark.parametrize(
    "args",
    [
        ("show", "番号法", "第十九条", "--as-of", "2022-01-01"),
        ("diff", "番号法@2022-01-01", "番号法@2025-10-01"),
        (
            "impact",
            "番号法",
            "--from",
            "2022-01-01",
            "--to",
            "2025-10-01",
            str(ROOT / "tests" / "data" / "ordinances"),
        ),
        ("appendix", "diff", "2022-01-01", "2025-10-01"),
        ("appendix", "list", "--as-of", "2022-01-01"),
    ],
    ids=["show", "diff", "impact", "appendix-diff", "appendix-list"],
)
def test_every_command_reading_a_date_refuses(args: tuple[str, ...]) -> None:
    code, _, err = _run(*args)
    assert code == (2 if "diff" in args[:2] else 1)  # diff: 1 means the versions differ, so errors are 2
    assert "may be out of date" in err and "as of 2022-01-01" in err


def test_today_and_the_recorded_dates_themselves_are_not_refused() -> None:
    assert _run("show", "番号法", "第十九条", "--as-of", "2025-10-01")[0] == 0
    assert _run("show", "番号法", "第十九条")[0] == 0


def test_a_history_recorded_whole_refuses_no_date(tmp_path: Path) -> None:
    """意匠法's 21 e-Gov revisions recorded: no date between two of them is refused (acts the history has a revision
    of are accounted for; items naming other laws or the act's own 附則 do not count)."""
    ws = tmp_path / "ws"
    init_workspace(ws, bundled=False)
    files = sorted(ISHO_DIR.glob("*.xml"))
    record(Workspace(ws), prepare_egov(files))
    dates = sorted({d for p in files if (parsed := parse_revision_id(p.stem)) for d in [parsed[1]]})
    for a, b in zip(dates, dates[1:], strict=False):
        for day in (a, a + (b - a) / 2, b - dt.timedelta(days=1)):
            law_as_of(Workspace(ws), "334AC0000000125", day)  # raises on a gap
    # one revision left out: the dates it covered are refused
    ws2 = tmp_path / "ws2"
    init_workspace(ws2, bundled=False)
    record(
        Workspace(ws2),
        prepare_egov([f for f in files if "20210401" not in f.name and "20211001" not in f.name]),
    )
    with pytest.raises(Exception, match="may be out of date"):
        law_as_of(Workspace(ws2), "334AC0000000125", dt.date(2021, 12, 1))


@pytest.mark.parametrize(
    ("item", "title", "expected"),
    [
        ("附則第十八条及び第三十四条の規定", "意匠法", False),
        (
            "第四条中商標法第七十条第一項の改正規定、第八条中弁理士法第十五条の二第二項の改正規定及び附則第九条の規定",
            "意匠法",
            False,
        ),
        (
            "第三条中特許法第三十条第一項及び第二項の改正規定、第四条中意匠法第四条第一項及び第二項の改正規定",
            "意匠法",
            True,
        ),
        ("第二条の規定並びに附則第八条から第十条までの規定", "意匠法", True),
        ("第一条中電気事業法目次の改正規定、同法第二十六条の次に二条を加える改正規定", "意匠法", False),
    ],
)
def test_which_items_may_amend_the_law(item: str, title: str, expected: bool) -> None:
    assert concerns(item, title) is expected
