"""The store's on-disk versions: create a store, check its version, migrate an older one.

`STORE/_meta.json` holds `schema_version`. Version 1 is the generation layout of
generations.py. Version 0 is the layout before it: each table a plain parquet directory
written in place (no generations, no index), possibly lacking columns added since
(published_text, published_source, record_index, format, trigger). A store with no
`_meta.json` but plain table directories is taken for version 0.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds

from tracker.errors import StoreError
from tracker.store import schema
from tracker.store.generations import (
    CURRENT,
    GENERATIONS,
    Commit,
    fsync,
    swap_symlink,
    write_durably,
    writer_lock,
)
from tracker.store.schema import SCHEMA_VERSION, SCHEMAS, TABLES

META = "_meta.json"
_V0_BACKUP = ".v0"


def read_version(root: Path) -> int | None:
    """The store's schema version; None when `root` holds no store at all."""
    meta = root / META
    if meta.exists():
        try:
            return int(json.loads(meta.read_text(encoding="utf-8"))["schema_version"])
        except (ValueError, KeyError, TypeError) as error:
            raise StoreError(f"{meta}: unreadable store metadata ({error!r})") from error
    if any(_is_plain_dir(root / t) for t in TABLES) or (root / _V0_BACKUP).exists():
        return 0
    return None


def require_current(root: Path, version: int) -> None:
    """StoreError with the way out unless `version` is the one this code reads."""
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{root}: the store has schema version {version} and this tracker reads "
            f"version {SCHEMA_VERSION}; upgrade it with `tracker migrate --store {root}`"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{root}: the store has schema version {version}, newer than this tracker "
            f"(version {SCHEMA_VERSION}); upgrade the tracker to read it"
        )


def initialise(root: Path) -> None:
    """Create an empty store at `root` (idempotent; safe against concurrent creators)."""
    root.mkdir(parents=True, exist_ok=True)
    with writer_lock(root):
        if (root / META).exists():
            return
        if not (root / CURRENT).is_symlink():
            Commit(root, None).publish()
        link_tables(root)
        _write_meta(root)


def migrate(root: Path | str) -> int:
    """Upgrade the store at `root` step by step to SCHEMA_VERSION; returns the version.

    Each step is safe to rerun after a crash: it rebuilds from the old data, which it
    removes only after the new version is recorded.
    """
    root = Path(root)
    version = read_version(root)
    if version is None:
        raise StoreError(f"{root}: not a tracker store (no _meta.json, no table directories)")
    if version > SCHEMA_VERSION:
        require_current(root, version)
    while version < SCHEMA_VERSION:
        _MIGRATIONS[version](root)
        version += 1
    return version


def _migrate_0_to_1(root: Path) -> None:
    """Version 0 -> 1: read the plain table directories, write them as generation 0."""
    backup = root / _V0_BACKUP
    with writer_lock(root):
        sources = {t: backup / t if (backup / t).exists() else root / t for t in TABLES}
        tables = {t: _read_v0(sources[t], t) for t in TABLES}
        (root / CURRENT).unlink(missing_ok=True)
        shutil.rmtree(root / GENERATIONS, ignore_errors=True)
        commit = Commit(root, None)
        add_whole_tables(commit, tables)
        commit.publish()
        backup.mkdir(exist_ok=True)
        for table in TABLES:
            if _is_plain_dir(root / table):
                os.rename(root / table, backup / table)
        link_tables(root)
        _write_meta(root)
        shutil.rmtree(backup)


_MIGRATIONS: dict[int, Callable[[Path], None]] = {0: _migrate_0_to_1}


def _read_v0(path: Path, name: str) -> pa.Table:
    """A version-0 table directory conformed to the current schema: absent columns null,
    types cast; an unknown column or an uncastable one is a StoreError."""
    target = SCHEMAS[name]
    if not path.exists():
        return target.empty_table()
    files = ds.dataset(path, format="parquet")
    try:
        unified = pa.unify_schemas([f.physical_schema for f in files.get_fragments()])
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        raise StoreError(f"{path}: parts disagree on column types ({error})") from error
    rows = ds.dataset(path, format="parquet", schema=unified).to_table()
    rows = rows.drop_columns([c for c in rows.column_names if c.startswith("__index_level_")])
    unknown = sorted(set(rows.column_names) - set(target.names))
    if unknown:
        raise StoreError(f"{path}: unknown columns {unknown} for a version-0 {name} table")
    columns = []
    for field in target:
        if field.name not in rows.column_names:
            columns.append(pa.nulls(rows.num_rows, field.type))
            continue
        try:
            columns.append(rows[field.name].cast(field.type))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
            raise StoreError(
                f"{path}: column {field.name} cannot be read as {field.type} ({error})"
            ) from error
    return pa.Table.from_arrays(columns, schema=target)


def add_whole_tables(commit: Commit, tables: dict[str, pa.Table]) -> None:
    """Stage complete tables as one part each (events one per year)."""
    events = tables["events"]
    owner = dict(zip(events["event_id"].to_pylist(), events["article_id"].to_pylist(), strict=True))
    links = tables["event_actors"]
    orphans = sorted(set(links["event_id"].to_pylist()) - set(owner))
    if orphans:
        raise StoreError(
            f"{commit.root}: event_actors rows for {len(orphans)} events "
            f"missing from events (first {orphans[0]})"
        )
    if tables["articles"].num_rows:
        articles = schema.sort_rows(tables["articles"], "articles")
        commit.add("articles", articles, articles["article_id"].to_pylist())
    for year, rows in schema.split_by_year(schema.sort_rows(events, "events")).items():
        commit.add("events", rows, rows["article_id"].to_pylist(), year)
    if links.num_rows:
        links = schema.sort_rows(links, "event_actors")
        commit.add("event_actors", links, [owner[e] for e in links["event_id"].to_pylist()])
    if tables["actors"].num_rows:
        commit.add("actors", schema.sort_rows(tables["actors"], "actors"), ())


def link_tables(root: Path) -> None:
    """Create the fixed `STORE/<table>` -> `.current/<table>` symlinks that are missing or
    point elsewhere."""
    for table in broken_table_links(root):
        swap_symlink(root / table, f"{CURRENT}/{table}")


def broken_table_links(root: Path) -> list[str]:
    """The tables whose fixed `STORE/<table>` symlink is missing or points elsewhere (a
    plain reader of `STORE/<table>` would not read the live generation)."""
    return [
        t
        for t in TABLES
        if not (root / t).is_symlink() or os.readlink(root / t) != f"{CURRENT}/{t}"
    ]


def _write_meta(root: Path) -> None:
    """Record the schema version (written aside and renamed, so never half written)."""
    temporary = root / f"{META}.tmp"
    write_durably(temporary, json.dumps({"schema_version": SCHEMA_VERSION}) + "\n")
    os.replace(temporary, root / META)
    fsync(root)


def _is_plain_dir(path: Path) -> bool:
    """True for a real directory (a version-0 table), not a symlink to a generation."""
    return path.is_dir() and not path.is_symlink()
