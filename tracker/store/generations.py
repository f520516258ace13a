"""Generations: how a store's four tables change on disk, atomically and all at once.

A store's data lives in immutable *generation* directories, `STORE/.generations/NNNNNN/`,
each a complete set of the four table directories plus `_manifest.json` (its part files,
their row counts, and every file's size and sha256) and `_index.parquet` (which article ids
each part holds). Readers and writers check a generation against its manifest before
using it (integrity.py), so damage is reported, never read or carried forward.
`STORE/.current` is a symlink to the live generation and each `STORE/<table>` a fixed
symlink to `.current/<table>`, so `pd.read_parquet(STORE / "events")` reads the live one.

Table directories are flat (no subdirectories): a reader lists one immutable directory
in one go, so the names it gets are exactly one generation's parts. Opening them later
yields the same rows (a part's name is a digest of its rows, ingested_at aside) or
FileNotFoundError if a newer generation dropped the part; never a mixture. A plain
`pd.read_parquet` of a table folder can also, rarely, come back with no files at all (no
rows, no columns) when pyarrow lists the folder while `.current` is being swapped (once
in 15 runs of a reader looping while a writer commits twelve times); like the
FileNotFoundError, it is a read to retry. Readers pinned to a snapshot
(`tracker.load_events`, `Store.table`) see neither. (Hive-style
`event_year=Y/` subdirectories would be listed one by one, each perhaps from another
generation.) Events are still split by year: each events part holds one year, named
`part-2019-<digest>.parquet`.

A commit stages the next generation under `STORE/.staging/`: parts it keeps from the base
generation are hard links (no data is copied), new parts are written and fsynced, then the
directory is renamed into `.generations/` and `.current` is swapped with one `os.replace`.
Readers therefore see the old or the new generation, never a mix; a writer killed at any
point leaves only staging debris that the next commit removes. Superseded generations are
kept for GRACE_SECONDS after they are superseded, so a reader that resolved `.current`
just before a commit can finish; their part files disappear with their last hard link.
Writers take an exclusive `flock` on `STORE/.lock`. Each commit also sweeps the temporary
symlinks (`.current.<pid>.tmp`, `events.<pid>.tmp`) a writer killed mid-swap left behind.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tracker.errors import StoreDamaged, StoreError
from tracker.store.integrity import INDEX, FileRecord, record_of, verify
from tracker.store.schema import SCHEMA_VERSION, SCHEMAS, TABLES, VOLATILE

GENERATIONS = ".generations"
STAGING = ".staging"
CURRENT = ".current"
LOCK = ".lock"
MANIFEST = "_manifest.json"
GRACE_SECONDS = 300.0
# The temporary symlinks swap_symlink makes beside `.current` and the table links.
_TEMPORARY_LINK = re.compile(rf"^({re.escape(CURRENT)}|{'|'.join(TABLES)})\.\d+\.tmp$")

_INDEX_SCHEMA = pa.schema([("part", pa.string()), ("article_id", pa.string())])


@dataclass(frozen=True)
class Snapshot:
    """One committed generation, read-only: resolve it once and every read is consistent."""

    path: Path
    number: int
    parts: dict[str, int]  # part path relative to `path` -> row count
    files: dict[str, FileRecord] | None = None  # file -> size and sha256; None before checksums

    def table_parts(self, table: str) -> list[str]:
        """The part paths of `table`, sorted."""
        return sorted(p for p in self.parts if p.split("/", 1)[0] == table)

    def verify(self, root: Path, *, checksums: bool = True) -> Snapshot:
        """This snapshot, once its files match its manifest; StoreDamaged otherwise."""
        verify(root, self.path, self.number, self.parts, self.files, checksums=checksums)
        return self

    def index(self) -> pa.Table:
        """(part, article_id) for every part of the article-keyed tables."""
        return pq.read_table(self.path / INDEX, schema=_INDEX_SCHEMA)

    def read_part(self, part: str) -> pa.Table:
        """One part file's rows, in the table's schema."""
        return pq.read_table(self.path / part).cast(SCHEMAS[part.split("/", 1)[0]])


def current(root: Path) -> Snapshot:
    """The live generation of the store at `root`, as its manifest describes it (not yet
    checked against its files: see Snapshot.verify)."""
    try:
        path = root / os.readlink(root / CURRENT)
        text = (path / MANIFEST).read_text(encoding="utf-8")
    except OSError as error:
        raise StoreError(f"{root}: cannot read the live generation ({error})") from error
    return read_manifest(root, path, text)


def read_manifest(root: Path, path: Path, text: str) -> Snapshot:
    """The snapshot a manifest's text describes; StoreDamaged when it is not a manifest."""
    try:
        manifest = json.loads(text)
        number, parts = int(manifest["generation"]), manifest["parts"]
        files = manifest.get("files")
        if not isinstance(parts, dict) or not all(isinstance(n, int) for n in parts.values()):
            raise ValueError("parts is not a map of part names to row counts")
        if files is not None and not isinstance(files, dict):
            raise ValueError("files is not a map of file names to records")
    except (ValueError, KeyError, TypeError) as error:
        raise StoreDamaged(
            f"{root}: the store is damaged: {path.name}/{MANIFEST} is unreadable ({error}); "
            f"`tracker repair --store {root}` rebuilds a readable store"
        ) from error
    if files is not None:
        files = {
            name: FileRecord.from_json(record, f"{path}/{name}") for name, record in files.items()
        }
    return Snapshot(path=path, number=number, parts=parts, files=files)


@contextmanager
def writer_lock(root: Path) -> Iterator[None]:
    """Hold the store's exclusive writer lock (released by the kernel if the process dies)."""
    fd = os.open(root / LOCK, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextmanager
def failing_writes_reported(root: Path) -> Iterator[None]:
    """Turn an operating-system failure of a write (a full disk, a read-only store, a
    permission) into a StoreError line: a commit that fails before its swap leaves the
    live generation as it was, and the next commit removes its debris."""
    try:
        yield
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise StoreError(
            f"{root}: cannot write the store: {error.strerror or error}{where}; "
            "the store keeps its last committed state (free space or fix "
            "the permissions, then rerun)"
        ) from error


def part_label(part: str) -> str | None:
    """The label in a part's name (an events part's year, or "undated"), else None."""
    pieces = part.rsplit("/", 1)[-1].split("-")
    return pieces[1] if len(pieces) == 3 else None


def part_name(table: pa.Table, label: str | None = None) -> str:
    """A part's file name from its content, so equal content always gets the same name.

    Re-ingesting the same input then rewrites the same file names (a plain reader's row
    order does not change), and two parts of one generation never collide because their
    rows are disjoint. Volatile columns (ingested_at) are left out of the digest.
    """
    kept = [c for c in table.column_names if c not in VOLATILE]
    frame = table.select(kept).to_pandas()
    for column in frame.columns:
        if pa.types.is_list(table.schema.field(column).type):
            frame[column] = frame[column].map(lambda v: "\x1f".join(v), na_action="ignore")
    digest = hashlib.sha1(",".join(kept).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    prefix = "part-" if label is None else f"part-{label}-"
    return f"{prefix}{digest.hexdigest()[:20]}.parquet"


class Commit:
    """The next generation, staged from `base` and invisible until `publish()`.

    Call only while holding `writer_lock`. Parts are added with `keep` (a hard link to a
    part of `base`) or `add` (new rows); `publish` makes the whole generation live at once.
    """

    def __init__(self, root: Path, base: Snapshot | None) -> None:
        self.root = root
        self.base = base
        self.number = 0 if base is None else base.number + 1
        self.staging = root / STAGING / f"{self.number:06d}"
        shutil.rmtree(root / STAGING, ignore_errors=True)
        self.staging.mkdir(parents=True)
        self.parts: dict[str, int] = {}
        self.files: dict[str, FileRecord] = {}
        self._kept: list[str] = []
        self._index: list[pa.Table] = []

    def keep(self, part: str) -> None:
        """Carry a part of the base generation over unchanged (a hard link)."""
        if self.base is None:
            raise StoreError(f"{self.root}: nothing to keep in the first generation ({part})")
        target = self.staging / part
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(self.base.path / part, target)
        self.parts[part] = self.base.parts[part]
        recorded = (self.base.files or {}).get(part)
        self.files[part] = recorded if recorded is not None else record_of(target)
        self._kept.append(part)

    def add(
        self, table: str, rows: pa.Table, article_ids: Iterable[str], label: str | None = None
    ) -> None:
        """Write `rows` as a new part of `table`; `label` (an events part's year) goes
        into its name."""
        part = f"{table}/{part_name(rows, label)}"
        if part in self.parts:
            raise StoreError(f"{self.root}: two parts with identical rows in one commit ({part})")
        path = self.staging / part
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(_encoded(rows), path)
        fsync(path)
        self.parts[part] = rows.num_rows
        self.files[part] = record_of(path)
        ids = sorted(set(article_ids))
        self._index.append(
            pa.table({"part": [part] * len(ids), "article_id": ids}, schema=_INDEX_SCHEMA)
        )

    def publish(self) -> Snapshot:
        """Make the staged generation live (one atomic symlink swap) and prune old ones."""
        for table in TABLES:
            if not any(p.split("/", 1)[0] == table for p in self.parts):
                self.add(table, SCHEMAS[table].empty_table(), ())
        self._write_index()
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "generation": self.number,
            "parts": dict(sorted(self.parts.items())),
            "files": {n: r.to_json() for n, r in sorted(self.files.items())},
        }
        write_durably(self.staging / MANIFEST, json.dumps(manifest, indent=1))
        for folder in {(self.staging / p).parent for p in self.parts} | {self.staging}:
            fsync(folder)  # the hard links and new parts are directory entries too
        final = self.root / GENERATIONS / self.staging.name
        final.parent.mkdir(exist_ok=True)
        shutil.rmtree(final, ignore_errors=True)  # debris of a commit killed before its swap
        os.rename(self.staging, final)
        fsync(final.parent)
        swap_symlink(self.root / CURRENT, f"{GENERATIONS}/{final.name}")
        collect_garbage(self.root, self.number)
        return Snapshot(
            path=final, number=self.number, parts=dict(self.parts), files=dict(self.files)
        )

    def _write_index(self) -> None:
        """Write `_index.parquet`: the base's rows for kept parts plus the new parts' rows."""
        pieces = list(self._index)
        if self.base is not None and self._kept:
            base = self.base.index()
            pieces.append(base.filter(pc.is_in(base["part"], pa.array(self._kept))))
        index = pa.concat_tables(pieces) if pieces else _INDEX_SCHEMA.empty_table()
        pq.write_table(index, self.staging / INDEX)
        fsync(self.staging / INDEX)
        self.files[INDEX] = record_of(self.staging / INDEX)


def _encoded(rows: pa.Table) -> pa.Table:
    """`rows` with each dictionary column re-encoded from its values, so a part's
    dictionary holds only the categories its rows use (filters keep the old dictionary)."""
    columns = []
    for field, column in zip(rows.schema, rows.columns, strict=True):
        if pa.types.is_dictionary(field.type):
            column = pc.dictionary_encode(column.cast(field.type.value_type))
            column = column.cast(field.type)
        columns.append(column.combine_chunks())
    return pa.Table.from_arrays(columns, schema=rows.schema)


def swap_symlink(link: Path, target: str) -> None:
    """Point `link` at `target` atomically (a new symlink renamed over the old one)."""
    temporary = link.with_name(f"{link.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, link)
    fsync(link.parent)


def collect_garbage(root: Path, live: int) -> None:
    """Remove staging debris, temporary symlinks of a killed swap, generations newer than
    the live one (debris of a commit killed before its swap) and generations superseded
    more than GRACE_SECONDS ago."""
    shutil.rmtree(root / STAGING, ignore_errors=True)
    sweep_temporary_links(root)
    folder = root / GENERATIONS
    numbers = sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit())
    now = time.time()
    for older, newer in zip(numbers, [*numbers[1:], None], strict=True):
        superseded = newer is not None and older < live
        stale = superseded and now - _created(folder / f"{newer:06d}") > GRACE_SECONDS
        if older > live or stale:
            shutil.rmtree(folder / f"{older:06d}", ignore_errors=True)


def temporary_links(root: Path) -> list[str]:
    """The temporary symlinks of swap_symlink in `root`: left by a writer killed mid-swap
    unless a writer is swapping right now."""
    return sorted(
        e.name for e in os.scandir(root) if _TEMPORARY_LINK.match(e.name) and e.is_symlink()
    )


def sweep_temporary_links(root: Path) -> None:
    """Remove the temporary symlinks a writer killed inside swap_symlink left (call with
    the writer lock held: no other swap is then under way)."""
    for name in temporary_links(root):
        (root / name).unlink(missing_ok=True)


def _created(generation: Path) -> float:
    """When a generation was committed (its manifest is written once, just before)."""
    try:
        return (generation / MANIFEST).stat().st_mtime
    except FileNotFoundError:
        return 0.0


def write_durably(path: Path, text: str) -> None:
    """Write a small text file and fsync it."""
    path.write_text(text, encoding="utf-8")
    fsync(path)


def fsync(path: Path) -> None:
    """Flush a file or directory to disk, so a power cut cannot undo a published commit."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
