"""`manifest.csv`: metadata for the files beside it (columns path, url, published, title,
source; any may be empty). The manifest nearest to a file, from its folder up to the
ingest root, that lists it is the one used; its paths are relative to its own folder.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MANIFEST_NAME = "manifest.csv"


@dataclass(frozen=True)
class ManifestRow:
    """One file's metadata from a manifest; empty cells are None."""

    manifest: str
    url: str | None = None
    published: str | None = None
    title: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Manifest:
    """A parsed manifest: rows by path relative to its folder, and what was wrong with it."""

    rows: dict[str, ManifestRow]
    warnings: tuple[str, ...]


def _cell(row: dict[str, str | None], column: str) -> str | None:
    """A stripped cell value, None when missing or empty."""
    value = (row.get(column) or "").strip()
    return value or None


@lru_cache(maxsize=64)
def _load(path: str, mtime_ns: int, size: int) -> Manifest:
    """Parse a manifest; cached per file version (path, modification time, size)."""
    try:
        text = Path(path).read_text("utf-8-sig")
        reader = csv.DictReader(text.splitlines())
        rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return Manifest({}, (f"{path}: unreadable manifest ({error}); ignored",))
    if "path" not in (reader.fieldnames or []):
        return Manifest({}, (f"{path}: manifest has no 'path' column; ignored",))
    found: dict[str, ManifestRow] = {}
    warnings = []
    for number, row in enumerate(rows, start=2):
        key = (_cell(row, "path") or "").removeprefix("./")
        if not key:
            warnings.append(f"{path}: line {number} has no path; ignored")
            continue
        if key in found:
            warnings.append(f"{path}: {key} listed twice; the first row is used")
            continue
        found[key] = ManifestRow(
            manifest=path,
            url=_cell(row, "url"),
            published=_cell(row, "published"),
            title=_cell(row, "title"),
            source=_cell(row, "source"),
        )
    return Manifest(found, tuple(warnings))


def manifest_row(file: Path, root: Path) -> tuple[ManifestRow | None, list[str]]:
    """The manifest row for `file` (nearest manifest listing it), and manifest warnings."""
    folder = file.parent
    warnings: list[str] = []
    while True:
        candidate = folder / MANIFEST_NAME
        if candidate.is_file():
            stat = candidate.stat()
            manifest = _load(str(candidate), stat.st_mtime_ns, stat.st_size)
            warnings.extend(manifest.warnings)
            row = manifest.rows.get(file.relative_to(folder).as_posix())
            if row is not None:
                return row, warnings
        if folder == root or folder == folder.parent or root not in folder.parents:
            return None, warnings
        folder = folder.parent
