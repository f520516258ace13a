"""The extractor run on a text read as a whole article: the helpers of the extraction
tests (`test_extract.py`) and of the dev-gold regression table (`test_gold_regression.py`)."""

from __future__ import annotations

import datetime as dt

from tracker.pipeline import process_articles
from tracker.records import Article, Event

PUBLISHED = dt.date(2019, 2, 6)  # a Wednesday


def events(text: str, published: dt.date | None = PUBLISHED, *, sieve: bool = False) -> list[Event]:
    """The events of `text` read as a whole article. Every sentence is parsed unless
    `sieve`: these tests specify extraction, and the sieve is tested apart."""
    article = Article(
        article_id="t", source_path="t.txt", record_index=0, text=text, published=published
    )
    [outcome] = process_articles([article], sieve=sieve)
    assert outcome.error is None, outcome.error
    return outcome.events


def only(text: str, event_type: str, published: dt.date | None = PUBLISHED) -> Event:
    """The one event of `event_type` in `text` (fails when there are none or several)."""
    found = [e for e in events(text, published) if e.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.trigger) for e in events(text, published)]
    return found[0]


def countries(event: Event, role: str) -> set[str | None]:
    """The countries of the event's actors in `role` ("source" or "target")."""
    return {a.country for a in event.actors if a.role == role}
