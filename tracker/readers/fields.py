"""The record field mapping (data/record_fields.csv) for JSON, JSONL and CSV records.

Each article field (text, title, date, url, author, outlet) lists the record keys that may
hold it, in order of preference; `records` lists the keys under which a JSON document may
hold its list of records ({"articles": [...]}).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files

from tracker.errors import DataTableError

FIELDS = ("text", "title", "date", "url", "author", "outlet", "records")


@cache
def field_keys() -> dict[str, tuple[str, ...]]:
    """Load and validate the table: article field -> record keys in order of preference."""
    text = files("tracker").joinpath("data/record_fields.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    if not rows or set(rows[0]) != {"field", "key"}:
        raise DataTableError("record_fields.csv: expected columns field,key")
    keys: dict[str, list[str]] = {name: [] for name in FIELDS}
    seen: set[tuple[str, str]] = set()
    for row in rows:
        field, key = row["field"].strip(), row["key"].strip()
        if field not in keys or not key:
            raise DataTableError(f"record_fields.csv: malformed row {row}")
        if (field, key.lower()) in seen:
            raise DataTableError(f"record_fields.csv: {field},{key} listed twice")
        seen.add((field, key.lower()))
        keys[field].append(key)
    missing = [name for name, found in keys.items() if not found]
    if missing:
        raise DataTableError(f"record_fields.csv: no keys for {', '.join(missing)}")
    return {name: tuple(found) for name, found in keys.items()}


def text_keys() -> frozenset[str]:
    """Record keys that hold an article's text (used to recognise CSV headers)."""
    return frozenset(field_keys()["text"])
