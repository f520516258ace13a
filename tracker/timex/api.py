"""The temporal resolver's public functions: text in, resolved Timex records out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import replace

from tracker.errors import InputError
from tracker.records import Timex
from tracker.timex import periods
from tracker.timex.context import Context, Resolved
from tracker.timex.grammar import Span, find_spans
from tracker.timex.resolve import resolve
from tracker.timex.tables import load_tables

TABLES = load_tables()


def find_timexes(text: str, anchor_date: dt.date | None) -> list[Timex]:
    """Every temporal expression in `text`, in order, resolved against `anchor_date`.

    `anchor_date` is the publication date (a datetime counts by its date); with None,
    relative expressions are still found but keep X's in their value and get no `date`.
    """
    if not text:
        return []
    if isinstance(anchor_date, dt.datetime):
        anchor_date = anchor_date.date()
    ctx = Context(text=text, anchor=anchor_date, tables=TABLES)
    found = []
    for span in find_spans(text, TABLES):
        resolved = _resolve(span, ctx)
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


def _resolve(span: Span, ctx: Context) -> Resolved:
    """Resolve a span; when counting from the anchor leaves the calendar that datetime can
    hold (years 1 to 9999: "900000 days ago", a weekday before an anchor of Jan. 1, 0001),
    the span keeps the value it would have with no anchor, X's and all."""
    try:
        return resolve(span, ctx)
    except (OverflowError, ValueError):
        return resolve(span, replace(ctx, anchor=None))


def _anchor(document: dict, where: str) -> dt.date | None:
    """The document's creation date ("dct"): None when absent or null, an InputError when
    it is there but not an ISO date (a time of day after the date is allowed)."""
    raw = document.get("dct")
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(str(raw)[:10])
    except ValueError as error:
        raise InputError(where, f"dct {raw!r} is not an ISO date") from error


def _checked(document: object, where: str) -> dict:
    """The record itself, once it is known to hold a doc_id and a text string."""
    if not isinstance(document, dict):
        raise InputError(where, f"expected a JSON object, got {type(document).__name__}")
    missing = [field for field in ("doc_id", "text") if field not in document]
    if missing:
        raise InputError(where, f"missing field(s) {', '.join(missing)}")
    if not isinstance(document["text"], str):
        raise InputError(where, "field 'text' is not a string")
    return document


def timex_jsonl(documents: Iterable[dict], source: str = "<jsonl>") -> Iterator[dict]:
    """TempEval-style JSONL: {"doc_id","dct","text"} in, {"doc_id","timexes":[...]} out.

    `source` names the input in error messages ("IN.jsonl:12: missing field(s) text"); a
    record without doc_id or text, or with a dct that is not a date, raises InputError.
    """
    for number, raw in enumerate(documents, 1):
        where = f"{source}:{number}"
        document = _checked(raw, where)
        timexes = find_timexes(document["text"], _anchor(document, where))
        yield {
            "doc_id": document["doc_id"],
            "timexes": [
                {"start": t.start, "end": t.end, "type": t.type, "value": t.value} for t in timexes
            ],
        }
