"""JSON Lines in and out: one object per line, errors naming the file and line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError


def read_jsonl(path: Path) -> list[dict]:
    """The objects of a JSONL file; blank lines are skipped."""
    if not path.is_file():
        raise InputError(str(path), "file does not exist")
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}", f"not JSON: {exc.msg}") from exc
    return records


def write_jsonl(records: Iterable[dict], path: Path) -> int:
    """Write one JSON object per line (UTF-8); returns how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            count += 1
    return count
