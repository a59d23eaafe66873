"""Shared fixtures: paths to the real e-Gov files copied into tests/data (the suite never reads ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
EGOV = DATA / "egov"
MYNUMBER_2025 = ROOT / "tool" / "hosei" / "bundled" / "425AC0000000027_as-of-2025-09-24.xml"
ISHO_DIR = EGOV / "laws" / "334AC0000000125"
GYOSEI_DIR = EGOV / "laws" / "405AC0000000088"
DENKI = EGOV / "laws" / "339AC0000000170_20250606_505AC0000000044.xml"
#: the e-Gov revision corpus of 11 laws for the 改め文 sweep (hosei corpus check); the per-file tests below keep to
#: the laws they were built on (text import and citation resolution over the corpus are known gaps: see README)
CORPUS = EGOV / "corpus"
#: e-Gov API v2 law_data responses (XML and JSON) of a real revision, in the format the published spec gives
API = EGOV / "api"
ALL_EGOV_XML = sorted(p for p in EGOV.rglob("*.xml") if CORPUS not in p.parents and API not in p.parents) + [
    MYNUMBER_2025
]


@pytest.fixture(scope="session")
def mynumber_law():  # type: ignore[no-untyped-def]
    from hosei.core.model import Law

    return Law.from_file(MYNUMBER_2025)


@pytest.fixture(scope="session")
def workspace():  # type: ignore[no-untyped-def]
    from hosei.history.workspace import Workspace

    return Workspace(ROOT)


@pytest.fixture(scope="session")
def synthetic_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic national corpus the divergence and synth tests read: 500 ordinances, seed 7, as of 2026-11-29
    (written once per session)."""
    from click.testing import CliRunner

    from hosei.cli import main

    out = tmp_path_factory.mktemp("synth") / "corpus"
    args = ["synth", "ordinances", str(out), "--count", "500", "--seed", "7", "--as-of", "2026-11-29"]
    r = CliRunner().invoke(main, [*args, "-w", str(ROOT)])
    assert r.exit_code == 0, r.output
    return out


def chromium_screenshot(page: Path, shot: Path, profile: Path, size: str = "1400,1100") -> bool:
    """Render *page* in headless Chromium (flags that keep it off the network); False when Chromium is absent."""
    import shutil
    import subprocess

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return False
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--window-size={size}",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=90,
        check=False,
    )
    return shot.exists()


def act_with_new_article19_item(path: Path, sentence: str) -> Path:
    """The 2025 My Number Act with a new item inserted after 第十九条第十号 (items 十一… move down by one), written
    to *path*: a proposal that moves the ordinance-provision item from 第十一号 to 第十二号."""
    import copy

    from hosei.core.model import Law
    from hosei.core.numerals import to_kanji
    from hosei.core.xmlio import parse_bytes

    doc = parse_bytes(MYNUMBER_2025.read_bytes(), "act")
    item10 = Law(doc).find("第十九条第十号").el
    parent = item10.getparent()
    assert parent is not None
    items = [el for el in parent if el.tag == "Item"]
    for el in reversed(items[10:]):
        n = int(el.get("Num", "0"))
        el.set("Num", str(n + 1))
        el.find("ItemTitle").text = to_kanji(n + 1)  # type: ignore[union-attr]
    new = copy.deepcopy(item10)
    new.set("Num", "11")
    new.find("ItemTitle").text = "十一"  # type: ignore[union-attr]
    new.find("ItemSentence/Sentence").text = sentence  # type: ignore[union-attr]
    item10.addnext(new)
    path.write_bytes(doc.to_bytes())
    return path
