"""Text import benchmark: the 2015 My Number Act text and 電気事業法 printed as text, next to reading the same
text and parsing the equivalent XML with lxml (measured in the same run).

Run: python benchmarks/run.py textimport
"""

from __future__ import annotations

from lxml import etree

from hosei.core.lawtext import render_law
from hosei.core.model import Law
from hosei.text.parse import parse_text

from common import ROOT, Result, median_time

TEXT_2015 = ROOT / "tests/data/egov/mynumber/425AC0000000027_2015-12-28_text.txt"
DENKI = ROOT / "tests/data/egov/laws/339AC0000000170_20250606_505AC0000000044.xml"


def run(repeat: int) -> list[Result]:
    results = []
    text_2015 = TEXT_2015.read_text(encoding="utf-8")
    xml_2015 = etree.tostring(parse_text(text_2015).document.root, encoding="UTF-8")
    denki_text = "\n".join(render_law(Law.from_file(DENKI)))
    denki_xml = DENKI.read_bytes()
    for label, text, xml in (
        ("番号法 2015 text (220 kB)", text_2015, xml_2015),
        (f"電気事業法 as text ({len(denki_text.encode()) // 1024} kB)", denki_text, denki_xml),
    ):
        t_import = median_time(lambda: parse_text(text), repeat)
        t_base = median_time(lambda: (text.splitlines(), etree.fromstring(xml)), repeat)
        results.append(Result(f"import text: {label}", t_import, "read text + lxml parse of the XML", t_base))
    return results
