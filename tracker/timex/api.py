"""The temporal resolver's public functions: text in, resolved Timex records out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from tracker.records import Timex
from tracker.timex import periods
from tracker.timex.grammar import find_spans
from tracker.timex.resolve import Context, resolve
from tracker.timex.tables import load_tables

TABLES = load_tables()


def find_timexes(text: str, anchor_date: dt.date | None) -> list[Timex]:
    """Every temporal expression in `text`, in order, resolved against `anchor_date`.

    `anchor_date` is the publication date; with None, relative expressions are still
    found but keep X's in their value and get no `date`.
    """
    if not text:
        return []
    ctx = Context(text=text, anchor=anchor_date, tables=TABLES)
    found = []
    for span in find_spans(text, TABLES):
        resolved = resolve(span, ctx)
        if resolved is None:
            continue
        kind, value, source = resolved
        date, precision = periods.value_date(value)
        found.append(
            Timex(
                start=span.start,
                end=span.end,
                text=text[span.start : span.end],
                type=kind,
                value=value,
                date=date,
                precision=precision,
                source=source,
            )
        )
    return found


def _anchor(document: dict) -> dt.date | None:
    """The document's creation date ("dct"), or None when absent or not a date."""
    raw = document.get("dct")
    if not isinstance(raw, str):
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None


def timex_jsonl(documents: Iterable[dict]) -> Iterator[dict]:
    """TempEval-style JSONL: {"doc_id","dct","text"} in, {"doc_id","timexes":[...]} out."""
    for document in documents:
        timexes = find_timexes(document.get("text") or "", _anchor(document))
        yield {
            "doc_id": document.get("doc_id"),
            "timexes": [
                {"start": t.start, "end": t.end, "type": t.type, "value": t.value} for t in timexes
            ],
        }
