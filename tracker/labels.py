"""Labelled articles: the project's labels (training/labels/) and the shared gold, read,
checked against GUIDELINES and tied to their article texts.

A label line has the gold JSONL shape (shared/gold/GUIDELINES.md) plus `labelled_by`, the
procedure that made it. Its `article` names a file under the shared folder: `pool/...` for
the unannotated pool, otherwise a path under `corpus/` as the dev gold writes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import InputError
from .gazetteer import known_codes
from .jsonl import read_jsonl
from .readers import read_file
from .records import Article
from .rules import INSTRUMENTS, MODALITIES, event_types

PRECISION_WIDTH = {"day": 10, "month": 7, "year": 4}
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class LabelledArticle:
    """One article with its events, as a labelled set holds it."""

    article: str
    published: str | None
    events: list[dict]


def shared_path(article: str) -> str:
    """Where an article id lies under the shared folder: pool ids as they are, gold ids
    under `corpus/`."""
    return article if article.startswith("pool/") else f"corpus/{article}"


@cache
def read_article(shared: Path, article: str) -> Article:
    """The labelled article as ingestion reads it, from its folder under the shared one
    (whose manifest applies), read once per process."""
    relative = shared_path(article)
    path = shared / relative
    if not path.is_file():
        raise InputError(str(path), "labelled article not found")
    result = read_file(path, shared / relative.split("/")[0])
    if not result.articles:
        reason = result.skipped[0].reason if result.skipped else "no article read"
        raise InputError(str(path), reason)
    return result.articles[0]


def article_text(shared: Path, article: str) -> str:
    """The article's text as the tracker's readers give it (the text labels quote)."""
    return read_article(shared, article).text


def squash(text: str) -> str:
    """White space folded, so evidence matches across line wraps (GUIDELINES: loosely)."""
    return _SPACE.sub(" ", text).strip()


def event_problems(
    event: dict, valid_types: frozenset[str], valid_countries: frozenset[str]
) -> list[str]:
    """What is wrong with one labelled event under GUIDELINES (empty when nothing)."""
    problems = []
    if event.get("type") not in valid_types:
        problems.append(f"unknown type {event.get('type')!r}")
    date, precision = event.get("date"), event.get("precision")
    if date is None:
        if precision is not None:
            problems.append("precision without a date")
    elif not isinstance(date, str) or not _DATE.fullmatch(date):
        problems.append(f"date {date!r} is not YYYY[-MM[-DD]]")
    elif precision is None or PRECISION_WIDTH.get(precision) != len(date):
        problems.append(f"precision {precision!r} does not fit date {date}")
    if event.get("modality") not in MODALITIES:
        problems.append(f"unknown modality {event.get('modality')!r}")
    instrument = event.get("instrument")
    if instrument is not None and instrument not in INSTRUMENTS:
        problems.append(f"unknown instrument {instrument!r}")
    for key in ("sources", "targets", "source_countries", "target_countries"):
        if not isinstance(event.get(key), list):
            problems.append(f"{key} is not a list")
    for key in ("source_countries", "target_countries"):
        bad = [c for c in event.get(key) or [] if c not in valid_countries]
        if bad:
            problems.append(f"{key} not ISO alpha-3 (or EUR/UNO): {bad}")
    if not isinstance(event.get("required"), bool):
        problems.append("required is not true/false")
    if not isinstance(event.get("evidence"), str) or not event["evidence"].strip():
        problems.append("no evidence")
    return problems


def record_problems(record: dict, shared: Path) -> list[str]:
    """What is wrong with one label line: its shape, each event, and whether each evidence
    string is a verbatim (white-space-folded) substring of the article."""
    for key in ("article", "events"):
        if key not in record:
            return [f"no {key!r}"]
    valid_types = frozenset(event_types())
    valid_countries = known_codes()
    try:
        text = squash(article_text(shared, record["article"]))
    except InputError as error:
        return [str(error)]
    problems: list[str] = []
    for n, event in enumerate(record["events"]):
        where = f"event {n} ({event.get('type')})"
        problems.extend(
            f"{where}: {p}" for p in event_problems(event, valid_types, valid_countries)
        )
        evidence = event.get("evidence")
        if isinstance(evidence, str) and squash(evidence) not in text:
            problems.append(f"{where}: evidence not in the article: {evidence[:60]!r}")
    return problems


def read_labels(paths: Iterable[Path]) -> Iterator[LabelledArticle]:
    """Labelled articles from JSONL files (gold or the project's labels), in file order."""
    for path in paths:
        for record in read_jsonl(path):
            yield LabelledArticle(record["article"], record.get("published"), record["events"])
