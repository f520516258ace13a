"""Fixtures for the end-to-end tests: the seed ingested once, paths to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.pipeline import ingest
from tracker.store import load_events

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "raw" / "venezuela-sanctions-relief-2019-02-06.txt"
SHARED = (ROOT / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or a skip when this checkout has none beside it."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store holding the seed article only."""
    store = tmp_path_factory.mktemp("seed") / "store"
    ingest([SEED], store)
    return store


@pytest.fixture(scope="session")
def seed_events(seed_store):
    """The seed's events, flat view."""
    return load_events(seed_store)
