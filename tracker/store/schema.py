"""The store's tables as Arrow schemas, and the conversion of records into their rows.

docs/schema.md documents these columns; tests/test_schema_doc.py keeps the two in step.
Low-cardinality strings are dictionary-encoded so pandas reads them as categoricals.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from tracker.records import Article, Event

SCHEMA_VERSION = 1
TABLES = ("articles", "events", "actors", "event_actors")
UNDATED = "undated"

_CAT = pa.dictionary(pa.int32(), pa.string())
_UTC = pa.timestamp("us", tz="UTC")

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("article_id", pa.string()),
            ("url", pa.string()),
            ("outlet", _CAT),
            ("title", pa.string()),
            ("author", pa.string()),
            ("published", pa.date32()),
            ("published_text", pa.string()),
            ("published_source", _CAT),
            ("language", _CAT),
            ("text", pa.string()),
            ("source_path", pa.string()),
            ("record_index", pa.int32()),
            ("format", _CAT),
            ("content_hash", pa.string()),
            ("extractor_version", pa.string()),
            ("ingested_at", _UTC),
        ]
    ),
    "events": pa.schema(
        [
            ("event_id", pa.string()),
            ("article_id", pa.string()),
            ("event_type", _CAT),
            ("cameo_code", _CAT),
            ("plover_type", _CAT),
            ("event_date", pa.date32()),
            ("date_precision", _CAT),
            ("date_text", pa.string()),
            ("date_source", _CAT),
            ("modality", _CAT),
            ("quantity", pa.float64()),
            ("quantity_text", pa.string()),
            ("instrument", _CAT),
            ("summary", pa.string()),
            ("sentence", pa.string()),
            ("sentence_index", pa.int32()),
            ("char_start", pa.int32()),
            ("char_end", pa.int32()),
            ("trigger", pa.string()),
            ("confidence", pa.float64()),
            ("extractor_version", pa.string()),
        ]
    ),
    "actors": pa.schema(
        [
            ("actor_id", pa.string()),
            ("name", pa.string()),
            ("kind", _CAT),
            ("country", _CAT),
            ("aliases", pa.list_(pa.string())),
        ]
    ),
    "event_actors": pa.schema(
        [
            ("event_id", pa.string()),
            ("actor_id", pa.string()),
            ("role", _CAT),
            ("text", pa.string()),
        ]
    ),
}

SORT_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "events": ("event_id",),
    "actors": ("actor_id",),
    "event_actors": ("event_id", "role", "actor_id", "text"),
}

# Columns that never take part in a part's content name (they change on every re-ingest).
VOLATILE = ("ingested_at",)


def sort_rows(table: pa.Table, name: str) -> pa.Table:
    """`table` in the table's canonical row order (its id columns, compared as strings)."""
    keys = pa.table({k: table[k].cast(pa.string()) for k in SORT_KEYS[name]})
    indices = pc.sort_indices(keys, sort_keys=[(k, "ascending") for k in SORT_KEYS[name]])
    return table.take(indices)


def conform(table: pa.Table, name: str) -> pa.Table:
    """`table` with exactly the schema of table `name`: columns in order, types cast."""
    return table.select(SCHEMAS[name].names).cast(SCHEMAS[name])


def articles_table(
    articles: Sequence[Article], extractor_version: str, ingested_at: dt.datetime
) -> pa.Table:
    """Rows of the `articles` table, one per article, sorted by article_id."""
    rows = sorted(articles, key=lambda a: a.article_id)
    columns: dict[str, list[Any]] = {
        "article_id": [a.article_id for a in rows],
        "url": [a.url for a in rows],
        "outlet": [a.outlet for a in rows],
        "title": [a.title for a in rows],
        "author": [a.author for a in rows],
        "published": [a.published for a in rows],
        "published_text": [a.published_text for a in rows],
        "published_source": [a.published_source for a in rows],
        "language": [a.language for a in rows],
        "text": [a.text for a in rows],
        "source_path": [a.source_path for a in rows],
        "record_index": [a.record_index for a in rows],
        "format": [a.format or None for a in rows],
        "content_hash": [a.content_hash for a in rows],
        "extractor_version": [extractor_version] * len(rows),
        "ingested_at": [ingested_at] * len(rows),
    }
    return _table("articles", columns)


def events_table(events: Sequence[Event]) -> pa.Table:
    """Rows of the `events` table, sorted by event_id."""
    rows = sorted(events, key=lambda e: e.event_id)
    return _table("events", {n: [getattr(e, n) for e in rows] for n in SCHEMAS["events"].names})


def event_actors_table(events: Sequence[Event]) -> tuple[pa.Table, list[str]]:
    """Rows of `event_actors` in canonical order, and the article_id of each row."""
    rows = sorted(
        ((e.event_id, a.role, a.actor_id, a.text, e.article_id) for e in events for a in e.actors),
        key=lambda r: r[:4],
    )
    columns = {
        "event_id": [r[0] for r in rows],
        "actor_id": [r[2] for r in rows],
        "role": [r[1] for r in rows],
        "text": [r[3] for r in rows],
    }
    return _table("event_actors", columns), [r[4] for r in rows]


def actors_table(events: Sequence[Event]) -> pa.Table:
    """One row per actor named in `events`: aliases are the sorted surface forms seen.

    Name and kind must agree for an actor_id (it hashes them); the country is the most
    common non-null one given (ties broken alphabetically), so the result does not depend
    on the order of the events.
    """
    seen: dict[str, tuple[str, str]] = {}
    countries: dict[str, Counter[str]] = {}
    aliases: dict[str, set[str]] = {}
    for event in events:
        for actor in event.actors:
            identity = (actor.name, actor.kind)
            if seen.setdefault(actor.actor_id, identity) != identity:
                raise ValueError(
                    f"actor {actor.actor_id} is both {seen[actor.actor_id]} and {identity} "
                    f"(in event {event.event_id}); actor ids must hash name and kind"
                )
            countries.setdefault(actor.actor_id, Counter())
            if actor.country:
                countries[actor.actor_id][actor.country] += 1
            aliases.setdefault(actor.actor_id, set()).add(actor.text)
    ids = sorted(seen)
    columns: dict[str, list[Any]] = {
        "actor_id": ids,
        "name": [seen[i][0] for i in ids],
        "kind": [seen[i][1] for i in ids],
        "country": [_most_common(countries[i]) for i in ids],
        "aliases": [sorted(aliases[i]) for i in ids],
    }
    return _table("actors", columns)


def _most_common(counts: Counter[str]) -> str | None:
    """The most frequent key, the alphabetically first among equals; None when empty."""
    if not counts:
        return None
    return min(counts, key=lambda k: (-counts[k], k))


def _table(name: str, columns: dict[str, list]) -> pa.Table:
    """An Arrow table of table `name` built from Python column lists."""
    schema = SCHEMAS[name]
    return pa.table({f.name: pa.array(columns[f.name], type=f.type) for f in schema}, schema=schema)


def split_by_year(events: pa.Table) -> dict[str, pa.Table]:
    """`events` rows grouped by the year of event_date ("2019"), UNDATED for none."""
    years = pc.year(events["event_date"])
    groups = {
        str(y): events.filter(pc.equal(years, y))
        for y in sorted(pc.unique(years).drop_null().to_pylist())
    }
    undated = events.filter(pc.is_null(years))
    if undated.num_rows:
        groups[UNDATED] = undated
    return groups


def merge_actors(old: pa.Table, new: pa.Table) -> pa.Table:
    """Actors of `old` and `new` merged by actor_id: aliases are unioned, the name and kind
    come from `new`, and so does the country unless `new` has none for the actor."""
    merged = {row["actor_id"]: row for row in old.to_pylist()}
    for row in new.to_pylist():
        before = merged.get(row["actor_id"])
        if before is not None:
            row["country"] = row["country"] or before["country"]
            row["aliases"] = sorted(set(before["aliases"] or ()) | set(row["aliases"] or ()))
        merged[row["actor_id"]] = row
    rows = [merged[i] for i in sorted(merged)]
    return _table("actors", {n: [r[n] for r in rows] for n in SCHEMAS["actors"].names})
