"""Schema versions: an older store is refused with the way out and migrates; a newer one
asks for a newer tracker; junk metadata is a StoreError; old generations are pruned."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import seed_batches as sb
from hypothesis import given, settings
from hypothesis import strategies as st
from store_checks import contents

from tracker.errors import StoreError
from tracker.store import SCHEMA_VERSION, TABLES, Store, generations, migrate
from tracker.store.versions import read_version

ADDED_SINCE_V0 = {
    "articles": ["published_text", "published_source", "record_index", "format"],
    "events": ["trigger"],
}


def version0_store(source: Store, root: Path, *, meta: bool = True) -> None:
    """Write `source`'s tables the way a version-0 store held them: plain directories,
    no generations, without the columns added since."""
    for table in TABLES:
        frame = source.table(table).drop(columns=ADDED_SINCE_V0.get(table, []))
        (root / table).mkdir(parents=True)
        frame.to_parquet(root / table / "part-0.parquet", index=False)
    if meta:
        (root / "_meta.json").write_text(json.dumps({"schema_version": 0}))


@pytest.mark.parametrize("meta", [True, False], ids=["meta-says-0", "no-meta"])
def test_a_version_0_store_is_refused_then_migrates_keeping_its_rows(
    store: Store, tmp_path: Path, meta: bool
) -> None:
    store.write(*sb.batch(range(10)), extractor_version="x1")
    old = tmp_path / "old"
    version0_store(store, old, meta=meta)
    for create in (False, True):
        with pytest.raises(StoreError, match=r"schema version 0.*tracker migrate --store"):
            Store(old, create=create)
    assert migrate(old) == SCHEMA_VERSION
    migrated, original = contents(Store(old)), contents(store)
    for table, frame in original.items():
        added = ADDED_SINCE_V0.get(table, [])
        assert migrated[table][added].isna().all().all()
        pd.testing.assert_frame_equal(
            migrated[table].drop(columns=added), frame.drop(columns=added), obj=table
        )
    assert pd.read_parquet(old / "events")["event_id"].is_unique
    assert not (old / ".v0").exists()


def test_a_store_with_an_unknown_column_is_not_migrated(store: Store, tmp_path: Path) -> None:
    store.write(*sb.batch(range(2)), extractor_version="x1")
    old = tmp_path / "old"
    version0_store(store, old)
    pd.DataFrame({"event_id": ["e"], "colour": ["red"]}).to_parquet(
        old / "event_actors" / "part-1.parquet"
    )
    with pytest.raises(StoreError, match="unknown columns.*colour"):
        migrate(old)


def test_a_store_from_a_newer_tracker_asks_for_an_upgrade(store: Store) -> None:
    (store.root / "_meta.json").write_text(json.dumps({"schema_version": SCHEMA_VERSION + 1}))
    with pytest.raises(StoreError, match="upgrade the tracker"):
        Store(store.root)


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=40),
        st.text(max_size=40).map(str.encode),
        st.dictionaries(
            st.sampled_from(["schema_version", "version", ""]),
            st.one_of(st.integers(), st.text(max_size=3), st.none()),
        ).map(lambda d: json.dumps(d).encode()),
    )
)
def test_junk_metadata_is_a_store_error_or_a_version(tmp_path_factory, junk: bytes) -> None:
    root = tmp_path_factory.mktemp("junk")
    (root / "_meta.json").write_bytes(junk)
    try:
        assert isinstance(read_version(root), int)
    except StoreError as error:
        assert "_meta.json" in str(error)


def test_a_reader_pinned_to_a_generation_reads_it_after_later_commits(store: Store) -> None:
    store.write(*sb.batch(range(4)), extractor_version="x1")
    pinned = store.snapshot()
    store.write(*sb.batch(range(4), "x2", sb.TEMPLATES[:1]), extractor_version="x2")
    store.compact()
    assert set(pd.read_parquet(pinned.path / "events")["extractor_version"]) == {"x1"}
    assert set(store.table("events")["extractor_version"]) == {"x2"}


def test_superseded_generations_are_pruned_after_the_grace_period(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for start in range(0, 6, 2):
        store.write(*sb.batch(range(start, start + 2)), extractor_version="x1")
    kept = sorted(p.name for p in (store.root / generations.GENERATIONS).iterdir())
    assert len(kept) == 4  # within the grace period, a reader may still be on any of them
    monkeypatch.setattr(generations, "GRACE_SECONDS", -1.0)
    store.write(*sb.batch(range(6, 8)), extractor_version="x1")
    assert [p.name for p in (store.root / generations.GENERATIONS).iterdir()] == ["000004"]
    assert len(store.table("articles")) == 8
