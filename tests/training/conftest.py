"""Fixtures for the labelled set and the detector: paths to ../shared and the labels."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = (ROOT / ".." / "shared").resolve()
LABELS = ROOT / "training" / "labels"
BLIND = ROOT / "training" / "blind"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (the pool and the gold the labels point into), or a skip without it."""
    if not (SHARED / "pool" / "manifest.csv").is_file():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
