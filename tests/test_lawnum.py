"""Law numbers in e-Gov's spelling and in a citation's, and act titles found in the texts."""

from __future__ import annotations

from hosei.core.lawnum import act_key, act_title, formal_number
from hosei.core.model import Law

from conftest import ISHO_DIR


def test_both_spellings_give_one_key() -> None:
    assert act_key("平成三〇年五月三〇日法律第三三号") == ("平成", 30, "法律", 33)
    assert act_key("特許法等の一部を改正する法律（平成三十年法律第三十三号）") == ("平成", 30, "法律", 33)
    assert act_key("令和元年五月一七日法律第三号") == ("令和", 1, "法律", 3)
    assert act_key("令和元年政令第十号") == ("令和", 1, "政令", 10)
    assert act_key("附則") is None


def test_formal_number() -> None:
    assert formal_number(("平成", 30, "法律", 33)) == "平成三十年法律第三十三号"
    assert formal_number(("令和", 1, "法律", 3)) == "令和元年法律第三号"


def test_title_as_a_later_text_cites_it() -> None:
    law = Law.from_file(sorted(ISHO_DIR.glob("*.xml"))[-1])
    assert act_title([law.root], ("平成", 8, "法律", 68)) == "商標法等の一部を改正する法律"
    assert act_title([law.root], ("令和", 9, "法律", 1)) is None
