"""Damage done to a store on purpose: a part deleted, a stray part added, a part corrupted.

Importable by the repair kill test's child process (it puts this directory on sys.path).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tracker.store.generations import CURRENT, MANIFEST


def live(root: Path) -> Path:
    """The live generation's directory."""
    return root / os.readlink(root / CURRENT)


def biggest_events_part(root: Path) -> str:
    """The events part with the most bytes (relative to the generation), one with rows."""
    parts = (live(root) / "events").iterdir()
    return f"events/{max(parts, key=lambda p: (p.stat().st_size, p.name)).name}"


def delete_part(root: Path) -> str:
    """Delete an events part; returns it."""
    part = biggest_events_part(root)
    (live(root) / part).unlink()
    return part


def add_stray_part(root: Path) -> str:
    """Copy an events part under a name the manifest does not know; returns the copy."""
    part = biggest_events_part(root)
    stray = "events/part-2019-0000000000stray0000.parquet"
    shutil.copyfile(live(root) / part, live(root) / stray)
    return stray


def corrupt_part(root: Path) -> str:
    """Flip one byte in the middle of an events part (its size unchanged); returns it."""
    part = biggest_events_part(root)
    path = live(root) / part
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.unlink()  # the other generations' hard links keep the intact bytes
    path.write_bytes(bytes(data))
    return part


def corrupt_first_page(root: Path) -> str:
    """Overwrite the first page header of an events part (its size and footer intact, so
    only a checksum or a read finds it); returns the part."""
    part = biggest_events_part(root)
    path = live(root) / part
    data = bytearray(path.read_bytes())
    data[4:24] = b"\xff" * 20
    path.unlink()
    path.write_bytes(bytes(data))
    return part


def corrupt_file(path: Path) -> None:
    """Overwrite a file of the live generation with garbage (its hard links elsewhere kept)."""
    path.unlink()
    path.write_bytes(b"not a parquet file")


def drop_checksums(root: Path) -> None:
    """Rewrite the live manifest the way a tracker before checksums wrote it (no `files`)."""
    manifest = live(root) / MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    del data["files"]
    manifest.write_text(json.dumps(data), encoding="utf-8")


DAMAGE = {
    "deleted": (delete_part, "missing"),
    "extra": (add_stray_part, "unexpected"),
    "corrupt": (corrupt_part, "checksum mismatch"),
}
