"""Fixtures: the hand-built store (seed, EU/US measures, hostile article) built once."""

from __future__ import annotations

import pytest
from store_builder import build_store


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    """A store holding the fixture articles and their nine events."""
    return build_store(tmp_path_factory.mktemp("store") / "store")
