"""Writing batches: idempotent re-ingest, replacement on re-extraction, actors merged,
partitions by event year, compaction, and what a plain reader sees."""

from __future__ import annotations

import collections

import duckdb
import pandas as pd
import pytest
import seed_batches as sb
from store_checks import assert_same_contents, contents, visible_parts

from tracker.errors import StoreError
from tracker.store import Store, load_events
from tracker.store import store as store_module


def write_batches(store: Store, starts: range, size: int = 5, version: str = "x1") -> None:
    """Write articles in batches of `size`, one batch per start."""
    for start in starts:
        articles, events = sb.batch(range(start, start + size), version)
        store.write(articles, events, extractor_version=version)


def test_rewriting_the_same_input_leaves_every_table_identical_but_ingested_at(
    store: Store, tmp_path
) -> None:
    write_batches(store, range(0, 20, 5))
    before = contents(store)
    stamps = store.table("articles")["ingested_at"]
    files = visible_parts(store)
    assert any(f.startswith("events/part-2019-") for f in files)
    write_batches(store, range(0, 20, 5))
    for name, frame in contents(store).items():
        pd.testing.assert_frame_equal(frame, before[name], obj=name)
    assert (store.table("articles")["ingested_at"] > stamps).all()
    assert visible_parts(store) == files


def test_the_same_input_in_other_batches_gives_the_same_tables(store: Store, tmp_path) -> None:
    write_batches(store, range(0, 20, 5))
    other = Store(tmp_path / "other", create=True)
    write_batches(other, range(0, 20, 10), size=10)
    assert_same_contents(store, other)


def test_re_extraction_replaces_an_articles_events_and_their_actor_links(store: Store) -> None:
    write_batches(store, range(0, 10, 5))
    articles, events = sb.batch(range(3, 6), "x2", sb.TEMPLATES[:2])
    store.write(articles, events, extractor_version="x2")
    stored = store.table("events")
    redone = {a.article_id for a in articles}
    mine = stored[stored["article_id"].isin(redone)]
    assert sorted(mine["event_id"]) == sorted(e.event_id for e in events)
    assert set(mine["extractor_version"]) == {"x2"}
    others = stored[~stored["article_id"].isin(redone)]
    assert len(others) == 7 * len(sb.TEMPLATES) and set(others["extractor_version"]) == {"x1"}
    links = store.table("event_actors")
    assert set(links["event_id"]) == set(stored["event_id"])
    assert len(links) == len(others) // len(sb.TEMPLATES) * 16 + len(articles) * 4
    known = store.known_articles()
    assert {known[a][1] for a in redone} == {"x2"}
    assert known[articles[0].article_id][0] == articles[0].content_hash


def test_actor_aliases_are_the_union_of_the_words_seen_in_every_write(store: Store) -> None:
    store.write(*sb.batch([0], "x1", sb.TEMPLATES[:1]), extractor_version="x1")
    store.write(*sb.batch([1], "x1", sb.TEMPLATES[4:5]), extractor_version="x1")
    actors = store.table("actors").set_index("name")
    assert list(actors.loc["United States", "aliases"]) == ["The United States", "Washington"]
    assert actors.loc["United States", "country"] == "USA"
    assert actors.index.is_unique


def test_each_events_part_holds_one_year_and_says_which(store: Store) -> None:
    write_batches(store, range(0, 10, 5))
    parts = list((store.root / "events").iterdir())
    labels = set()
    for part in parts:
        dates = pd.read_parquet(part)["event_date"]
        years = {"undated" if d is None else str(d.year) for d in dates}
        assert len(years) == 1 and part.name.startswith(f"part-{years.pop()}-")
        labels.add(part.name.split("-")[1])
    assert "undated" in labels and len(labels) > 2
    assert all(p.is_file() for p in parts)  # flat: one listing is one generation


def test_a_plain_pandas_read_and_duckdb_see_the_same_rows_as_the_store(store: Store) -> None:
    write_batches(store, range(0, 20, 5))
    articles, events = sb.batch(range(7, 12), "x2", sb.TEMPLATES[2:4])
    store.write(articles, events, extractor_version="x2")
    plain = pd.read_parquet(store.root / "events")
    assert plain["event_id"].is_unique
    assert sorted(plain["event_id"]) == list(store.table("events")["event_id"])
    pattern = str(store.root / "events" / "**" / "*.parquet")
    ids = duckdb.sql(
        f"SELECT event_id FROM read_parquet('{pattern}', hive_partitioning=true, "
        "union_by_name=true)"
    ).df()["event_id"]
    assert sorted(ids) == sorted(plain["event_id"])


def test_compact_merges_parts_and_keeps_the_content(store: Store, tmp_path) -> None:
    write_batches(store, range(0, 30, 5))
    store.write(*sb.batch(range(2, 4), "x2", sb.TEMPLATES[:3]), extractor_version="x2")
    before = {n: store.table(n) for n in ("articles", "events", "actors", "event_actors")}
    parts_before = len(store.snapshot().parts)
    store.compact()
    parts = store.snapshot().parts
    per_year = collections.Counter(p.rsplit("-", 1)[0] for p in parts)
    assert set(per_year.values()) == {1} and len(parts) < parts_before
    for name, frame in before.items():
        pd.testing.assert_frame_equal(store.table(name), frame, obj=name)
    store.write(*sb.batch(range(2, 4), "x2", sb.TEMPLATES[:3]), extractor_version="x2")
    pd.testing.assert_frame_equal(store.table("events"), before["events"])


def test_compact_splits_big_tables_into_bounded_parts_that_later_writes_respect(
    store: Store, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_batches(store, range(0, 30, 5))
    limits = {"articles": 4, "events": 25, "actors": 3, "event_actors": 40}
    monkeypatch.setattr(store_module, "ROWS_PER_PART", limits)
    store.compact()
    parts = store.snapshot().parts
    assert all(rows <= limits[part.split("/")[0]] for part, rows in parts.items())
    assert sum(1 for p in parts if p.startswith("event_actors/")) > 1
    redo = sb.batch(range(10, 20), "x2", sb.TEMPLATES[5:])
    store.write(*redo, extractor_version="x2")
    clean = Store(tmp_path / "clean", create=True)
    write_batches(clean, range(0, 30, 5))
    clean.write(*redo, extractor_version="x2")
    assert_same_contents(store, clean)


def test_load_events_joins_article_facts_and_actor_lists(store: Store) -> None:
    write_batches(store, range(0, 5, 5))
    flat = load_events(store.root).set_index("event_id")
    article = sb.article(1, sb.seed_text())
    recognize = next(e for e in sb.events_of(article, "x1") if e.event_type == "RECOGNIZE")
    row = flat.loc[recognize.event_id]
    assert row["published"] == article.published and row["url"] == article.url
    assert row["sources"] == ["Brazil", "Canada", "Colombia", "United States"]
    assert row["targets"] == ["Juan Guaidó"]
    assert row["countries"] == ["BRA", "CAN", "COL", "USA", "VEN"]
    assumed = next(e for e in sb.events_of(article, "x1") if e.event_type == "ASSUME_POWER")
    assert flat.loc[assumed.event_id, "targets"] == []


def test_an_empty_store_reads_as_empty_tables_with_their_columns(store: Store) -> None:
    assert load_events(store.root).empty
    assert list(pd.read_parquet(store.root / "events").columns) == list(
        store.table("events").columns
    )
    assert "event_id" in store.table("events").columns
    assert store.known_articles() == {}


def test_a_batch_that_is_not_whole_articles_is_refused(store: Store) -> None:
    articles, events = sb.batch(range(2))
    with pytest.raises(ValueError, match="not in the batch"):
        store.write(articles[:1], events, extractor_version="x1")
    with pytest.raises(ValueError, match="occurs twice"):
        store.write(articles + articles[:1], events, extractor_version="x1")
    with pytest.raises(ValueError, match="extractor_version"):
        store.write(articles, events, extractor_version="x9")
    assert store.table("events").empty


def test_opening_a_missing_store_without_create_says_so(tmp_path) -> None:
    with pytest.raises(StoreError, match="not a tracker store"):
        Store(tmp_path / "nowhere")
