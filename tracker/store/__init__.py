"""The parquet store: four tables written atomically and idempotently (docs/schema.md)."""

from __future__ import annotations

from tracker.store.flat import load_events
from tracker.store.generations import Snapshot
from tracker.store.schema import SCHEMA_VERSION, TABLES
from tracker.store.store import Store
from tracker.store.versions import migrate

__all__ = ["SCHEMA_VERSION", "TABLES", "Snapshot", "Store", "load_events", "migrate"]
