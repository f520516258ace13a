"""Comparisons the store tests make: table contents and the files a plain reader sees."""

from __future__ import annotations

import pandas as pd

from tracker.store import TABLES, Store


def contents(store: Store) -> dict[str, pd.DataFrame]:
    """Every table of `store` as Store.table reads it, without the volatile ingested_at."""
    tables = {name: store.table(name) for name in TABLES}
    tables["articles"] = tables["articles"].drop(columns="ingested_at")
    return tables


def assert_same_contents(left: Store, right: Store) -> None:
    """The two stores hold equal tables (but for ingested_at)."""
    expected = contents(right)
    for name, frame in contents(left).items():
        pd.testing.assert_frame_equal(frame, expected[name], obj=name)


def visible_parts(store: Store) -> list[str]:
    """The parquet files a plain reader of the table directories sees, sorted."""
    return sorted(
        str(p.relative_to(store.root))
        for table in TABLES
        for p in (store.root / table).glob("**/*.parquet")
    )
