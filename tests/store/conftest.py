"""Fixtures for the store tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty store in a fresh directory."""
    return Store(tmp_path / "store", create=True)
