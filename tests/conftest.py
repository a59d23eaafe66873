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
ALL_EGOV_XML = sorted(EGOV.rglob("*.xml")) + [MYNUMBER_2025]


@pytest.fixture(scope="session")
def mynumber_law():  # type: ignore[no-untyped-def]
    from hosei.model import Law

    return Law.from_file(MYNUMBER_2025)


@pytest.fixture(scope="session")
def workspace():  # type: ignore[no-untyped-def]
    from hosei.workspace import Workspace

    return Workspace(ROOT)


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
