"""A generation's files checked against its manifest: what is missing, unexpected or corrupt.

Each generation's `_manifest.json` records its parts with their row counts (`parts`) and,
for every file it holds (the parts and `_index.parquet`), its size in bytes and sha256
(`files`). `inspect` compares the files on disk with that record:

- the listing: a part the manifest names and the folder lacks is *missing*, a file in a
  table folder the manifest does not name is *unexpected* (a plain reader would read it,
  so its rows would count twice);
- the sizes, from the same listing: a part of another size is *corrupt*;
- the checksums: a part whose sha256 differs is *corrupt* (same-size damage).

Generations are immutable, so a file's checksum is computed once per process and
remembered by (device, inode, size, mtime): hard links carry a part from one generation
to the next under the same inode, so a reader or writer that has hashed it once never
hashes it again, and the listing and sizes (a few system calls) are all a later read
costs. A generation written before checksums were recorded (no `files` in its manifest)
is checked for what it has: the listing, and each part's row count read from its parquet
footer.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tracker.errors import StoreDamaged
from tracker.store.schema import TABLES

INDEX = "_index.parquet"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileRecord:
    """What a manifest records of one file: its size and content digest."""

    bytes: int
    sha256: str

    def to_json(self) -> dict:
        """The record as the manifest holds it."""
        return {"bytes": self.bytes, "sha256": self.sha256}

    @classmethod
    def from_json(cls, value: object, where: str) -> FileRecord:
        """A record read from a manifest; StoreDamaged when it is not one."""
        if (
            not isinstance(value, dict)
            or set(value) != {"bytes", "sha256"}
            or not isinstance(value["bytes"], int)
            or not isinstance(value["sha256"], str)
        ):
            raise StoreDamaged(
                f"{where}: the manifest's record of this file is malformed "
                f"({value!r}); `tracker repair` rebuilds the manifest"
            )
        return cls(value["bytes"], value["sha256"])


@dataclass(frozen=True)
class Damage:
    """One file of a generation that does not match its manifest."""

    path: str  # relative to the generation: "events/part-2019-....parquet", "_index.parquet"
    problem: str  # "missing", "unexpected (not in the manifest)", "corrupt: ..."

    @property
    def table(self) -> str | None:
        """The table the file belongs to; None for the index."""
        head = self.path.split("/", 1)[0]
        return head if head in TABLES else None

    def line(self) -> str:
        """One printable line (control characters in a stray file's name escaped)."""
        return f"{printable(self.path)}: {self.problem}"


_HASHES: dict[tuple[int, int, int, int], str] = {}
_FOOTER_ROWS: dict[tuple[int, int, int, int], int] = {}
_LOCK = threading.Lock()


def printable(text: str) -> str:
    """`text` with control and unencodable characters escaped, so it prints as one line."""
    return "".join(
        c
        if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF
        else c.encode("unicode_escape", "backslashreplace").decode("ascii")
        for c in text
    )


def _key(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def sha256_of(path: Path) -> str:
    """The file's sha256, remembered per (device, inode, size, mtime) for this process."""
    key = _key(path.stat())
    with _LOCK:
        known = _HASHES.get(key)
    if known is not None:
        return known
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    with _LOCK:
        _HASHES[key] = digest.hexdigest()
    return digest.hexdigest()


def record_of(path: Path) -> FileRecord:
    """The size and sha256 of a file, as a manifest records them."""
    return FileRecord(path.stat().st_size, sha256_of(path))


def inspect(
    generation: Path,
    parts: Mapping[str, int],
    files: Mapping[str, FileRecord] | None,
    *,
    checksums: bool = True,
) -> list[Damage]:
    """Every file of the generation at `generation` that does not match its manifest
    (`parts`: part -> rows; `files`: file -> record, None for a manifest written before
    checksums). With `checksums` false only the listing and the sizes are compared."""
    listed = _listing(generation)
    damage = [Damage(p, "missing") for p in sorted(parts.keys() - listed.keys())]
    damage += [
        Damage(p, "unexpected (not in the manifest)") for p in sorted(listed.keys() - parts.keys())
    ]
    for part in sorted(parts.keys() & listed.keys()):
        problem = (
            _row_count_problem(generation / part, parts[part])
            if files is None
            else _file_problem(generation / part, listed[part], files.get(part), checksums)
        )
        if problem:
            damage.append(Damage(part, problem))
    index_problem = _index_problem(generation, files, checksums)
    if index_problem:
        damage.append(Damage(INDEX, index_problem))
    return damage


def verify(
    root: Path,
    generation: Path,
    number: int,
    parts: Mapping[str, int],
    files: Mapping[str, FileRecord] | None,
    *,
    checksums: bool = True,
) -> None:
    """StoreDamaged naming the first problem of the generation, when it has any."""
    damage = inspect(generation, parts, files, checksums=checksums)
    if damage:
        raise StoreDamaged(damaged_message(root, number, damage))


def damaged_message(root: Path, number: int, damage: list[Damage]) -> str:
    """The one line a damaged store is reported with: the first problem, how many more,
    and the commands that list and repair them."""
    more = f" (and {len(damage) - 1} more)" if len(damage) > 1 else ""
    return (
        f"{root}: the store is damaged (generation {number}): {damage[0].line()}{more}; "
        f"`tracker check --store {root}` lists the damage, "
        f"`tracker repair --store {root}` rebuilds a readable store"
    )


@contextmanager
def unreadable_reported(root: Path) -> Iterator[None]:
    """Turn a part that parquet cannot decode into StoreDamaged. Checksums catch such a
    part before it is read; this covers a generation written before they were recorded,
    whose damage can hide from the row counts. (pyarrow reports undecodable bytes as an
    ArrowException or as an OSError without an errno; an OSError with one is the
    operating system's and is left to the caller.)"""
    try:
        yield
    except (pa.ArrowException, OSError) as error:
        if isinstance(error, OSError) and error.errno is not None:
            raise
        first = printable(str(error).splitlines()[0] if str(error) else type(error).__name__)
        raise StoreDamaged(
            f"{root}: the store is damaged: a part cannot be read ({first}); "
            f"`tracker check --store {root}` lists the damage, "
            f"`tracker repair --store {root}` rebuilds a readable store"
        ) from error


def _listing(generation: Path) -> dict[str, int]:
    """Every entry of the generation's table folders -> its size (-1 for a non-file)."""
    found: dict[str, int] = {}
    for table in TABLES:
        try:
            entries = list(os.scandir(generation / table))
        except FileNotFoundError:
            continue
        for entry in entries:
            size = (
                entry.stat(follow_symlinks=False).st_size
                if entry.is_file(follow_symlinks=False)
                else -1
            )
            found[f"{table}/{entry.name}"] = size
    return found


def _file_problem(path: Path, size: int, record: FileRecord | None, checksums: bool) -> str | None:
    """What is wrong with a part against its record, or None."""
    if record is None:
        return "corrupt: the manifest has no record of its size and checksum"
    if size != record.bytes:
        return f"corrupt: {size} bytes, the manifest says {record.bytes}"
    if checksums and sha256_of(path) != record.sha256:
        return "corrupt: checksum mismatch"
    return None


def _row_count_problem(path: Path, rows: int) -> str | None:
    """What is wrong with a part of a generation without checksums (its footer's row
    count against the manifest's), or None."""
    try:
        found = footer_rows(path)
    except (OSError, pa.ArrowException) as error:
        return f"unreadable ({printable(str(error).splitlines()[0])})"
    return None if found == rows else f"corrupt: {found} rows, the manifest says {rows}"


def _index_problem(
    generation: Path, files: Mapping[str, FileRecord] | None, checksums: bool
) -> str | None:
    """What is wrong with the generation's `_index.parquet`, or None."""
    path = generation / INDEX
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return "missing"
    if files is None:
        try:
            footer_rows(path)
        except (OSError, pa.ArrowException) as error:
            return f"unreadable ({printable(str(error).splitlines()[0])})"
        return None
    return _file_problem(path, size, files.get(INDEX), checksums)


def footer_rows(path: Path) -> int:
    """The row count in a parquet file's footer, remembered like checksums."""
    key = _key(path.stat())
    with _LOCK:
        known = _FOOTER_ROWS.get(key)
    if known is None:
        known = pq.read_metadata(path).num_rows
        with _LOCK:
            _FOOTER_ROWS[key] = known
    return known
