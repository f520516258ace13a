"""The Store: the four parquet tables written in atomic, idempotent batches.

`write` upserts a batch of articles with their events: the articles' rows in articles,
events and event_actors are replaced (so a re-extraction drops the old events) and actors
are merged by actor_id. Each write is one commit of a new generation (see generations.py):
parts untouched by the batch are hard-linked, parts holding some of its articles are
rewritten without them, and the batch's rows become new parts, so a write costs the size
of the batch, not of the store. `compact` merges the small parts a long ingest leaves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tracker.errors import StoreError
from tracker.records import Article, Event
from tracker.store import schema
from tracker.store.generations import (
    Commit,
    Snapshot,
    current,
    failing_writes_reported,
    part_label,
    part_name,
    writer_lock,
)
from tracker.store.integrity import unreadable_reported
from tracker.store.schema import SORT_KEYS, TABLES
from tracker.store.versions import initialise, read_version, require_current

ARTICLE_KEYED = ("articles", "events", "event_actors")
# Compaction's largest part: small enough that a write touching one of its articles
# rewrites a bounded amount, large enough that a table is a handful of files.
ROWS_PER_PART = {
    "articles": 10_000,
    "events": 200_000,
    "actors": 1_000_000,
    "event_actors": 500_000,
}


class Store:
    """A store directory: open it (or create it) and read or write its tables."""

    def __init__(self, root: Path | str, *, create: bool = False) -> None:
        self.root = Path(root)
        version = read_version(self.root)
        if version is None:
            if not create:
                raise StoreError(
                    f"{self.root}: not a tracker store (no _meta.json); "
                    "point --store at an existing store, or ingest to create one"
                )
            with failing_writes_reported(self.root):
                initialise(self.root)
        else:
            require_current(self.root, version)

    def snapshot(self) -> Snapshot:
        """The live generation, checked against its manifest (StoreDamaged when a part is
        missing, unexpected or corrupt); reads through it stay consistent while writers
        commit. The listing and sizes are checked on every call, each file's checksum
        once per process (integrity.py).

        `snapshot().path / table` is a plain parquet dataset directory (for DuckDB:
        `read_parquet('<path>/<table>/*.parquet')`).
        """
        return current(self.root).verify(self.root)

    def known_articles(self) -> dict[str, tuple[str, str]]:
        """article_id -> (content_hash, extractor_version) of every stored article."""
        columns = ["article_id", "content_hash", "extractor_version"]
        with unreadable_reported(self.root):
            rows = pq.read_table(self.snapshot().path / "articles", columns=columns)
        return dict(
            zip(
                rows["article_id"].to_pylist(),
                zip(
                    rows["content_hash"].to_pylist(),
                    rows["extractor_version"].to_pylist(),
                    strict=True,
                ),
                strict=True,
            )
        )

    def table(self, name: str) -> pd.DataFrame:
        """One table as pandas, rows sorted by its ids, categories sorted."""
        return read_table(self.snapshot(), name)

    def write(
        self, articles: Sequence[Article], events: Sequence[Event], *, extractor_version: str
    ) -> None:
        """Upsert a batch atomically.

        The given articles' rows in articles, events and event_actors are replaced by
        these (re-extraction drops old events); actors are merged by actor_id (aliases
        union). Rows are sorted by their ids, so re-ingesting gives identical tables but
        for ingested_at. Raises ValueError for an inconsistent batch, StoreDamaged when the
        live generation does not match its manifest (nothing damaged is carried forward)
        and StoreError when the disk refuses the write.
        """
        batch = _Batch.build(articles, events, extractor_version)
        if batch is None:
            return
        with (
            failing_writes_reported(self.root),
            unreadable_reported(self.root),
            writer_lock(self.root),
        ):
            base = current(self.root).verify(self.root)
            commit = Commit(self.root, base)
            _replace_articles(base, commit, batch)
            _merge_actors(base, commit, batch.actors)
            commit.publish()

    def compact(self) -> None:
        """Merge each table's parts (events: per year) into parts of up to ROWS_PER_PART
        rows, sorted by ids; the content is unchanged."""
        with (
            failing_writes_reported(self.root),
            unreadable_reported(self.root),
            writer_lock(self.root),
        ):
            base = current(self.root).verify(self.root)
            groups = _groups(base)
            if all(_compact_already(base, t, parts) for (t, _), parts in groups.items()):
                return
            owners = _Owners(base)
            commit = Commit(self.root, base)
            for (table, label), parts in sorted(groups.items(), key=str):
                if _compact_already(base, table, parts):
                    commit.keep(parts[0])
                    continue
                rows = schema.sort_rows(pa.concat_tables(base.read_part(p) for p in parts), table)
                for start in range(0, rows.num_rows, ROWS_PER_PART[table]):
                    chunk = rows.slice(start, ROWS_PER_PART[table])
                    commit.add(table, chunk, owners.of(table, chunk), label)
            commit.publish()


def read_table(snapshot: Snapshot, name: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Table `name` of one generation as pandas: sorted by ids, categories sorted and
    pruned, so equal stores read equal frames whatever their part layout."""
    if name not in TABLES:
        raise ValueError(f"no table {name!r}; the store has {', '.join(TABLES)}")
    wanted = None if columns is None else list(columns)
    with unreadable_reported(snapshot.path.parent.parent):
        frame = pd.read_parquet(snapshot.path / name, columns=wanted)
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.CategoricalDtype):
            values = frame[column].cat.remove_unused_categories()
            frame[column] = values.cat.reorder_categories(values.cat.categories.sort_values())
    keys = [k for k in SORT_KEYS[name] if k in frame.columns]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True) if keys else frame


@dataclass(frozen=True)
class _Batch:
    """One write's rows, built and checked before the store is touched."""

    article_ids: pa.Array
    articles: pa.Table
    events: dict[str, pa.Table]
    event_actors: pa.Table
    event_actor_articles: list[str]
    actors: pa.Table

    @classmethod
    def build(
        cls, articles: Sequence[Article], events: Sequence[Event], extractor_version: str
    ) -> _Batch | None:
        """The batch's tables, or None when it is empty; ValueError when inconsistent."""
        ids = [a.article_id for a in articles]
        _check_unique(ids, "article_id")
        _check_unique([e.event_id for e in events], "event_id")
        known = set(ids)
        for event in events:
            if event.article_id not in known:
                raise ValueError(
                    f"event {event.event_id}: its article {event.article_id} "
                    "is not in the batch (a write replaces whole articles)"
                )
            if event.extractor_version != extractor_version:
                raise ValueError(
                    f"event {event.event_id}: extractor_version "
                    f"{event.extractor_version!r}, the write says "
                    f"{extractor_version!r}"
                )
        if not articles:
            return None
        now = dt.datetime.now(dt.UTC)
        event_actors, owners = schema.event_actors_table(events)
        return cls(
            article_ids=pa.array(sorted(known), pa.string()),
            articles=schema.articles_table(articles, extractor_version, now),
            events=schema.split_by_year(schema.events_table(events)),
            event_actors=event_actors,
            event_actor_articles=owners,
            actors=schema.actors_table(events),
        )


def _check_unique(ids: list[str], what: str) -> None:
    """ValueError naming the first id that occurs twice."""
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise ValueError(f"{what} {value} occurs twice in one batch")
        seen.add(value)


def _replace_articles(base: Snapshot, commit: Commit, batch: _Batch) -> None:
    """Stage articles, events and event_actors: the base's rows for other articles, the
    batch's rows for its own."""
    index = base.index()
    hits = index.filter(pc.is_in(index["article_id"], batch.article_ids))
    affected = set(hits["part"].to_pylist())
    replaced_events = _event_ids_of(
        base, sorted(p for p in affected if p.startswith("events/")), batch.article_ids
    )
    for table in ARTICLE_KEYED:
        for part in base.table_parts(table):
            if base.parts[part] == 0:
                continue  # the placeholder of an empty table
            if part not in affected:
                commit.keep(part)
                continue
            part_ids = index.filter(pc.equal(index["part"], part))["article_id"]
            remaining = pc.filter(part_ids, pc.invert(pc.is_in(part_ids, batch.article_ids)))
            if len(remaining):
                rows = base.read_part(part)
                gone = (
                    pc.is_in(rows["event_id"], replaced_events)
                    if table == "event_actors"
                    else pc.is_in(rows["article_id"], batch.article_ids)
                )
                commit.add(
                    table, rows.filter(pc.invert(gone)), remaining.to_pylist(), part_label(part)
                )
    if batch.articles.num_rows:
        commit.add("articles", batch.articles, batch.article_ids.to_pylist())
    for year, rows in batch.events.items():
        commit.add("events", rows, rows["article_id"].to_pylist(), year)
    if batch.event_actors.num_rows:
        commit.add("event_actors", batch.event_actors, batch.event_actor_articles)


def _event_ids_of(base: Snapshot, parts: list[str], article_ids: pa.Array) -> pa.Array:
    """The ids of the base's events (in `parts`) that belong to `article_ids`."""
    found = [pa.array([], pa.string())]
    for part in parts:
        rows = pq.read_table(base.path / part, columns=["event_id", "article_id"])
        found.append(
            rows.filter(pc.is_in(rows["article_id"], article_ids))["event_id"].combine_chunks()
        )
    return pa.concat_arrays(found)


def _merge_actors(base: Snapshot, commit: Commit, actors: pa.Table) -> None:
    """Stage the actors table: the base's actors merged with the batch's (the base's part
    is kept, not rewritten, when the batch adds nothing new)."""
    parts = [p for p in base.table_parts("actors") if base.parts[p]]
    old = (
        pa.concat_tables(base.read_part(p) for p in parts)
        if parts
        else schema.SCHEMAS["actors"].empty_table()
    )
    merged = schema.merge_actors(old, actors)
    if parts == [f"actors/{part_name(merged)}"]:
        commit.keep(parts[0])
    elif merged.num_rows:
        commit.add("actors", merged, ())


def _groups(base: Snapshot) -> dict[tuple[str, str | None], list[str]]:
    """The base's non-empty parts grouped by table and label (an events part's year)."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for table in TABLES:
        for part in base.table_parts(table):
            if base.parts[part]:
                groups.setdefault((table, part_label(part)), []).append(part)
    return groups


def _compact_already(base: Snapshot, table: str, parts: list[str]) -> bool:
    """True for a group that compaction would leave as it is: one part, not too big."""
    return len(parts) == 1 and base.parts[parts[0]] <= ROWS_PER_PART[table]


class _Owners:
    """The article ids a set of rows belongs to (event_actors rows via their events)."""

    def __init__(self, base: Snapshot) -> None:
        self._base = base
        self._event_articles: dict[str, str] | None = None

    def of(self, table: str, rows: pa.Table) -> list[str]:
        """The article ids of `rows` of `table` (none for actors)."""
        if table == "actors":
            return []
        if table != "event_actors":
            return rows["article_id"].to_pylist()
        if self._event_articles is None:
            events = pq.read_table(self._base.path / "events", columns=["event_id", "article_id"])
            self._event_articles = dict(
                zip(events["event_id"].to_pylist(), events["article_id"].to_pylist(), strict=True)
            )
        return [self._event_articles[e] for e in rows["event_id"].to_pylist()]
