"""Shared fixtures for the reader tests: paths to the seed and to ../shared (read-only)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
SEED = REPO / "data" / "raw" / "venezuela-sanctions-relief-2019-02-06.txt"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared development corpus; tests needing it skip when it is absent."""
    if not (CORPUS / "manifest.csv").is_file():
        pytest.skip("../shared/corpus is not available")
    return CORPUS.resolve()


@pytest.fixture(scope="session")
def gold() -> Path:
    """The shared gold annotations; tests needing them skip when they are absent."""
    if not (GOLD / "dev.jsonl").is_file():
        pytest.skip("../shared/gold is not available")
    return GOLD.resolve()


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article (Miami Herald, 2019-02-06), as stored in the project."""
    return SEED.read_text("utf-8")
