"""Plain typed records that flow forward through the pipeline.

readers -> Article; timex -> Timex; extract + actors -> Event with EventActor roles.
Nothing here touches files; the store turns these into parquet rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

Precision = str  # "day" | "month" | "year"


@dataclass(frozen=True)
class Article:
    """One article as read from a source file (a file may hold many).

    `article_id` hashes the raw source identity (URL, else relative path + record index),
    never the cleaned text, so two wire items with identical bodies stay two articles.
    `published_text` keeps the raw value the date came from; `published_source` says where
    it came from (header, manifest, html, feed, record, filename, option) or None.
    """

    article_id: str
    source_path: str
    record_index: int
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    published_text: str | None = None
    published_source: str | None = None
    language: str | None = None
    content_hash: str = ""
    format: str = ""


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in text and resolved against an anchor date.

    `value` is a TimeML value ("2019-01-23", "2019-01", "P3M", "PAST_REF", ...).
    `date` is the first day of the period the expression names, when it names one;
    `precision` is the granularity our events use (day/month/year) or None.
    `source` is "explicit" (stated outright) or "relative" (resolved from the anchor).
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    date: dt.date | None = None
    precision: Precision | None = None
    source: str = "explicit"


@dataclass(frozen=True)
class SkippedFile:
    """A file (or record) that was not ingested, with a reason a user can act on."""

    path: str
    reason: str


@dataclass
class EventActor:
    """An actor in one role of one event."""

    actor_id: str
    role: str  # "source" | "target" | "other"
    name: str
    kind: str  # person | government | military | organisation | country | group | unknown
    country: str | None
    text: str  # the words in the sentence


@dataclass
class Event:
    """One event extracted from one sentence of one article."""

    event_id: str
    article_id: str
    event_type: str
    cameo_code: str | None
    plover_type: str | None
    event_date: dt.date | None
    date_precision: Precision | None
    date_text: str | None
    date_source: str  # explicit | relative | article
    modality: str  # asserted | planned | conditional | negated | hypothetical
    quantity: float | None
    quantity_text: str | None
    instrument: str | None
    summary: str
    sentence: str
    sentence_index: int
    char_start: int
    char_end: int
    confidence: float
    extractor_version: str
    trigger: str = ""
    actors: list[EventActor] = field(default_factory=list)
    # How well the sentence supports the reading (tracker.extract's rule score): decides
    # whether it is emitted; not stored. `confidence` is the calibrated probability.
    evidence: float = 0.0
    # Whether the trigger is the root of its sentence's parse (the main verb), not a word
    # inside a report, a condition or a relative clause: read by tracker.confidence (an
    # act told by the main verb is right more often); not stored.
    trigger_is_root: bool = False
