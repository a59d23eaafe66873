"""`hosei amend AMENDMENT --explain`: amendment sentences read as operations without the base law — national and
municipal style, the official several-target and collective forms, every text the generator writes over the corpus —
and phrasing as the inverse of reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hosei.amend.operations import Operation, phrase
from hosei.amend.reading import explain, read_sentence
from hosei.amend.sentences import Sentence
from hosei.cli import main
from hosei.core.errors import HoseiError

from conftest import ROOT

DRAFTING = ROOT / "tests" / "data" / "drafting"


def _amendment(example: str) -> str:
    return (DRAFTING / example).read_text(encoding="utf-8").split("AMENDMENT:", 1)[1]


def _ops(sentence: str) -> list[tuple[str, tuple[str, ...], str | None, str | None, str | None]]:
    return [(op.kind, op.targets, op.old, op.new, op.to) for op in read_sentence(Sentence(sentence, 1))]


def test_same_article_and_paragraph_are_written_out_and_numbers_are_those_before_the_sentence() -> None:
    """Example 01 (令和4年法律第48号): 同条／同項 name the provision last named; 同項 after 「同項を同条第五項とし」
    is still the paragraph that was 第二項."""
    read = explain(_amendment("01.txt"))
    ops = [(op.kind, op.targets, op.to, op.by) for op in read[1].operations]
    assert ops == [
        ("renumber", ("第三十八条第七項",), "第九項", None),
        ("shift", ("第三十八条第四項から第六項まで",), None, 2),
        ("replace_words", ("第三十八条第三項",), None, None),
        ("renumber", ("第三十八条第三項",), "第三十八条第五項", None),
        ("replace_words", ("第三十八条第二項",), None, None),
        ("renumber", ("第三十八条第二項",), "第三十八条第三項", None),
        ("insert_after", ("第三十八条第二項",), None, None),
    ]
    assert read[1].operations[-1].text == tuple(read[1].operations[-1].text) and read[1].operations[-1].text


@pytest.mark.parametrize("example", sorted(p.name for p in DRAFTING.glob("*.txt") if p.name != "05.txt"))
def test_every_official_example_reads(example: str) -> None:
    assert all(r.operations for r in explain(_amendment(example)))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "第百十五条及び第百十六条中「懲役」を「拘禁刑」に改める。",
            [("replace_words", ("第百十五条", "第百十六条"), "懲役", "拘禁刑", None)],
        ),
        (
            "第二十条から第二十二条までの規定及び第二十五条中「懲役」を「拘禁刑」に改める。",
            [("replace_words", ("第二十条から第二十二条まで", "第二十五条"), "懲役", "拘禁刑", None)],
        ),
        (
            "第三条第一項第二号、第十二条第一項第四号及び第四十条第三号イ中「禁錮」を「拘禁刑」に改める。",
            [
                (
                    "replace_words",
                    ("第三条第一項第二号", "第十二条第一項第四号", "第四十条第三号イ"),
                    "禁錮",
                    "拘禁刑",
                    None,
                )
            ],
        ),
        (
            "第百十五条第一項及び同条第二項中「懲役」を「拘禁刑」に改める。",
            [("replace_words", ("第百十五条第一項", "第百十五条第二項"), "懲役", "拘禁刑", None)],
        ),
        (
            "附則第一条中第二号から第四号までを削る。",
            [("delete", ("附則第一条第二号から第四号まで",), None, None, None)],
        ),
        (
            "第四十二条第一項中第一号及び第二号を削る。",
            [("delete", ("第四十二条第一項第一号", "第四十二条第一項第二号"), None, None, None)],
        ),
        (
            "別表中九の項を十一の項とし、四の項から八の項までを二項ずつ繰り下げる。",
            [
                ("renumber", ("別表の九の項",), None, None, "十一の項"),
                ("shift", ("別表の四の項から八の項まで",), None, None, None),
            ],
        ),
        ("別表第一第五号を次のように改める。", [("replace", ("別表第一第五号",), None, None, None)]),
        (
            "第百五条の二の十一を第百五条の二の十二とし、同条の次に次の一条を加える。",
            [
                ("renumber", ("第百五条の二の十一",), None, None, "第百五条の二の十二"),
                ("insert_after", ("第百五条の二の十一",), None, None, None),
            ],
        ),
        ("第十条第三項を同条第四項とし", [("renumber", ("第十条第三項",), None, None, "第十条第四項")]),
    ],
)
def test_official_forms(sentence: str, expected: list[tuple[object, ...]]) -> None:
    assert _ops(sentence) == expected


def test_municipal_style_arabic_numbers_and_items_in_parentheses() -> None:
    """A horizontal ordinance amendment: Arabic and full-width numbers, 「の次に「…」を加え」, items (1)."""
    text = (
        "第３条第２項中「市長」を「市長等」に改め、同条に次の１項を加える。\n"
        "３　前項の規定にかかわらず、…\n"
        "第5条第1項第2号(1)中「個人番号」の次に「又は特定個人情報」を加える。\n"
    )
    read = explain(text)
    assert [(op.kind, op.targets, op.count) for op in read[0].operations] == [
        ("replace_words", ("第３条第２項",), None),
        ("append", ("第３条",), "１"),
    ]
    assert read[0].operations[1].text == ("３　前項の規定にかかわらず、…",)
    (op,) = read[1].operations
    assert (op.kind, op.targets, op.old, op.new) == (
        "add_words",
        ("第5条第1項第2号(1)",),
        "個人番号",
        "又は特定個人情報",
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("様式第1号を次のように改める。", [("replace", ("様式第1号",), None, None, None)]),
        (
            "別記様式第2号中「市長」を「市長等」に改める。",
            [("replace_words", ("別記様式第2号",), "市長", "市長等", None)],
        ),
        ("様式第3号の次に次の1様式を加える。", [("insert_after", ("様式第3号",), None, None, None)]),
        (
            "別表第1中「子ども」を「こども」に改める。",
            [("replace_words", ("別表第1",), "子ども", "こども", None)],
        ),
    ],
)
def test_municipal_forms_and_tables(sentence: str, expected: list[tuple[object, ...]]) -> None:
    """Municipal amendments of 様式 (forms) and 別表 read as operations too."""
    assert _ops(sentence) == expected


def test_the_collective_form_reads_one_operation_per_law() -> None:
    act = (
        "第百条　次に掲げる法律の規定中「懲役」を「拘禁刑」に改める。\n"
        "一　特許法（昭和三十四年法律第百二十一号）第百九十六条\n"
        "二　電気事業法（昭和三十九年法律第百七十号）第百十五条、第百十六条及び第百十七条から第百十七条の三までの規定\n"
    )
    (read,) = explain(act)
    assert [(op.law, op.targets) for op in read.operations] == [
        ("特許法（昭和三十四年法律第百二十一号）", ("第百九十六条",)),
        (
            "電気事業法（昭和三十九年法律第百七十号）",
            ("第百十五条", "第百十六条", "第百十七条から第百十七条の三まで"),
        ),
    ]


def test_an_act_of_several_laws_names_the_law_of_each_part() -> None:
    act = (
        "第一条　特許法（昭和三十四年法律第百二十一号）の一部を次のように改正する。\n"
        "　　第一条中「発明」を「発明等」に改める。\n"
        "第二条　意匠法（昭和三十四年法律第百二十五号）の一部を次のように改正する。\n"
        "　　同条…\n"
    )
    with pytest.raises(HoseiError, match="not an amendment sentence|cannot read"):
        explain(act)
    read = explain(act.replace("　　同条…\n", "　　第二条を削る。\n"))
    assert [(op.law, op.kind) for r in read for op in r.operations] == [
        ("特許法（昭和三十四年法律第百二十一号）", "replace_words"),
        ("意匠法（昭和三十四年法律第百二十五号）", "delete"),
    ]


def test_what_does_not_read_is_named() -> None:
    """A sentence with an amendment's verb but no form the grammar knows: the error quotes the part and its line."""
    with pytest.raises(HoseiError, match="cannot read 「第三条を適当に改める」") as info:
        explain("第一条中「甲」を「乙」に改める。\n第三条を適当に改める。\n")
    assert info.value.line == 2


def test_cli_text_json_and_errors(tmp_path: Path) -> None:
    act = tmp_path / "act.txt"
    act.write_text(_amendment("07.txt"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["amend", str(act), "--explain"])
    assert result.exit_code == 0, result.output
    assert "    第四十二条第二項: renumber as 第四十二条第三項" in result.output.splitlines()
    result = runner.invoke(main, ["amend", str(act), "--explain", "--format", "json"])
    data = json.loads(result.output)
    assert data[0]["operations"] == [
        {"kind": "replace_words", "targets": ["目次"], "old": "第六十一条", "new": "第六十四条"}
    ]
    bad = tmp_path / "bad.txt"
    bad.write_text("第一条中「甲」を「乙」に改める。\n第三条をどうにかする。\n", encoding="utf-8")
    result = runner.invoke(main, ["amend", str(bad), "--explain"])
    assert result.exit_code == 1
    assert result.output == f"Error: not an amendment sentence: 第三条をどうにかする。 ({bad}:2)\n"
    result = runner.invoke(main, ["amend", "a.xml", str(act), "--explain"])
    assert result.exit_code == 2
    assert "--explain takes AMENDMENT alone (no BASE)" in result.output


# --- phrasing is the inverse of reading -------------------------------------------------------------------------

_WORD = st.text(alphabet="甲乙丙丁戊市長等の規定する者及び又は、（）", min_size=1, max_size=8).filter(
    lambda w: not w.startswith("、") and "、" not in w[-1:]
)
_ARTICLE = st.sampled_from(["第三条", "第十条の二", "第百五条の二の十一", "附則第二条"])
_PARAGRAPH = st.sampled_from(["", "第二項", "第十項"])
_ITEM = st.sampled_from(["", "第一号", "第三号の二"])


@st.composite
def _place(draw: st.DrawFn) -> str:
    return draw(_ARTICLE) + draw(_PARAGRAPH) + draw(_ITEM)


@st.composite
def _operation(draw: st.DrawFn, text: tuple[str, ...]) -> Operation:
    place = draw(_place())
    kind = draw(
        st.sampled_from(
            [
                "replace_words",
                "add_words",
                "delete_words",
                "renumber",
                "delete",
                "replace",
                "insert_after",
                "append",
            ]
        )
    )
    if kind == "replace_words":
        return Operation(kind, (place,), old=draw(_WORD), new=draw(_WORD))
    if kind == "add_words":
        return Operation(kind, (place,), old=draw(_WORD), new=draw(_WORD))
    if kind == "delete_words":
        return Operation(kind, (place,), old=draw(_WORD))
    if kind == "renumber":
        return Operation(kind, (place,), to=draw(st.sampled_from(["第五項", "第四条", "第九号"])))
    if kind in ("insert_after", "append"):
        unit = draw(st.sampled_from(["条", "項", "号"]))
        return Operation(
            kind, (place,), count=draw(st.sampled_from(["一", "二", None])), unit=unit, text=text
        )
    return Operation(kind, (place,), text=text if kind == "replace" else ())


@st.composite
def _sentence_ops(draw: st.DrawFn) -> list[Operation]:
    text = ("　第三条　新しい規定",)
    ops = draw(st.lists(_operation(text), min_size=1, max_size=5))
    return [
        op
        if op.count or op.kind not in ("insert_after", "append")
        else Operation(op.kind, op.targets, text=text)
        for op in ops
    ]


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_sentence_ops())
def test_reading_a_phrased_sentence_gives_its_operations(ops: list[Operation]) -> None:
    text = phrase(ops)
    new_text = next((list(op.text) for op in ops if op.text), [])
    assert read_sentence(Sentence(text, 1, new_text)) == ops, text


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["第十条", "第十二条から第十四条まで", "第三条第一項第二号", "第四十条第三号イ"]),
        min_size=2,
        max_size=4,
        unique=True,
    ),
    _WORD,
    _WORD,
)
def test_several_targets_phrased_and_read(targets: list[str], old: str, new: str) -> None:
    ops = [Operation("replace_words", tuple(targets), old=old, new=new)]
    assert read_sentence(Sentence(phrase(ops), 1)) == ops
