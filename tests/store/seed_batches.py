"""Articles and events built by hand from the seed article's sentences, for store tests.

Article `i` is the seed text republished at its own URL and date (one in seven has no
date, so its events are undated); its events are the seed's events as the annotation
guidelines read them, dated against that article's date.
Importable by the crash test's child process (it puts this directory on sys.path).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tracker.records import Article, Event, EventActor

SEED = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "raw"
    / "venezuela-sanctions-relief-2019-02-06.txt"
)
SEED_PUBLISHED = dt.date(2019, 2, 6)

US = ("United States", "country", "USA")
MILITARY = ("Venezuelan military", "military", "VEN")
GUAIDO = ("Juan Guaidó", "person", "VEN")
MADURO = ("Nicolás Maduro", "person", "VEN")
BOLTON = ("John Bolton", "person", "USA")
OFFICIALS = ("Venezuelan officials", "group", "VEN")


@dataclass(frozen=True)
class Template:
    """One seed event: where it is said and what the annotation makes of it."""

    sentence_start: str
    trigger: str
    event_type: str
    cameo_code: str | None
    plover_type: str | None
    date: str  # "article", "relative" or an explicit "Mon. D" text in the sentence
    modality: str
    summary: str
    actors: tuple[tuple[str, tuple[str, str, str], str], ...]  # role, actor, words
    instrument: str | None = None
    quantity_text: str | None = None
    quantity: float | None = None


TEMPLATES = (
    Template(
        "Washington on Wednesday",
        "offered relief",
        "SANCTION_RELIEF_OFFER",
        "085",
        "RETREAT",
        "relative",
        "conditional",
        "United States offers sanctions relief to Venezuelan military officers",
        (("source", US, "Washington"), ("target", MILITARY, "Venezuelan military officers")),
        instrument="other",
    ),
    Template(
        "In a tweet",
        "urged",
        "DEMAND",
        "10",
        "DEMAND",
        "article",
        "asserted",
        "John Bolton urges military officers to back Juan Guaidó",
        (("source", BOLTON, "John Bolton"), ("target", MILITARY, "military officers")),
    ),
    Template(
        "The offer come as",
        "assuming executive powers",
        "ASSUME_POWER",
        None,
        None,
        "Jan. 23",
        "asserted",
        "Juan Guaidó assumes executive powers",
        (("source", GUAIDO, "Guaidó"),),
    ),
    Template(
        "The offer come as",
        "offering the military amnesty",
        "AMNESTY_OFFER",
        "057",
        "AGREE",
        "article",
        "asserted",
        "Juan Guaidó offers the military amnesty",
        (("source", GUAIDO, "Guaidó"), ("target", MILITARY, "the military")),
    ),
    Template(
        "The United States has slapped",
        "slapped",
        "SANCTION_IMPOSE",
        "163",
        "SANCTION",
        "article",
        "asserted",
        "United States sanctions more than 65 Venezuelan officials",
        (("source", US, "The United States"), ("target", OFFICIALS, "Venezuelan officials")),
        instrument="designation",
        quantity_text="more than 65",
        quantity=65.0,
    ),
    Template(
        "Washington, Canada, Colombia",
        "recognize",
        "RECOGNIZE",
        "0421",
        "COOPERATE",
        "article",
        "asserted",
        "Washington, Canada, Colombia and Brazil recognize Guaidó",
        (
            ("source", US, "Washington"),
            ("source", ("Canada", "country", "CAN"), "Canada"),
            ("source", ("Colombia", "country", "COL"), "Colombia"),
            ("source", ("Brazil", "country", "BRA"), "Brazil"),
            ("target", GUAIDO, "Guaidó"),
        ),
    ),
    Template(
        "Maduro, on the other hand",
        "accuses",
        "ACCUSE",
        "112",
        "ACCUSE",
        "article",
        "asserted",
        "Nicolás Maduro accuses the United States",
        (("source", MADURO, "Maduro"), ("target", US, "the United States")),
    ),
)


# A sentence: a run of text up to ., ! or ? (closing quote included) before a capital,
# except after "U.S." ("U.S. National Security Advisor" is one sentence).
_SENTENCE = re.compile(r"\S.*?(?:(?<!U\.S)[.!?][”\"]?(?=\s+[“\"A-Z])|$)", re.MULTILINE)


def digest(*parts: object) -> str:
    """sha1 of the parts, first 16 hex digits (the store's id convention)."""
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def seed_text() -> str:
    """The seed article's text."""
    return SEED.read_text(encoding="utf-8")


def article(i: int, text: str) -> Article:
    """Article `i`: the seed at its own URL; dated 53*i days after the seed unless i % 7 == 3."""
    url = f"https://example.org/venezuela/{i}"
    published = None if i % 7 == 3 else SEED_PUBLISHED + dt.timedelta(days=53 * i)
    return Article(
        article_id=digest(url),
        source_path=f"feeds/venezuela-{i // 10}.jsonl",
        record_index=i % 10,
        text=text,
        title="U.S. offers sanctions relief to Venezuelan military who betray Maduro",
        url=url,
        outlet="Miami Herald",
        author="Jim Wyss",
        published=published,
        published_text=None if published is None else published.isoformat(),
        published_source=None if published is None else "record",
        language="en",
        content_hash=digest(text),
        format="jsonl",
    )


def events_of(art: Article, version: str, templates: Iterable[Template] = TEMPLATES) -> list[Event]:
    """The seed's events as stated in `art`, extracted by extractor `version`."""
    sentences = [(m.start(), m.group()) for m in _SENTENCE.finditer(art.text)]
    events = []
    for template in templates:
        index, (start, sentence) = next(
            (n, s) for n, s in enumerate(sentences) if s[1].startswith(template.sentence_start)
        )
        trigger_at = sentence.index(template.trigger)
        date, precision, date_text, source = _date(template, art.published)
        actors = [
            EventActor(
                actor_id=digest(name, kind),
                role=role,
                name=name,
                kind=kind,
                country=country,
                text=words,
            )
            for role, (name, kind, country), words in template.actors
        ]
        events.append(
            Event(
                event_id=digest(art.article_id, index, trigger_at, template.event_type),
                article_id=art.article_id,
                event_type=template.event_type,
                cameo_code=template.cameo_code,
                plover_type=template.plover_type,
                event_date=date,
                date_precision=precision,
                date_text=date_text,
                date_source=source,
                modality=template.modality,
                quantity=template.quantity,
                quantity_text=template.quantity_text,
                instrument=template.instrument,
                summary=template.summary,
                sentence=sentence,
                sentence_index=index,
                char_start=start,
                char_end=start + len(sentence),
                confidence=0.8,
                extractor_version=version,
                trigger=template.trigger,
                actors=actors,
            )
        )
    return events


def _date(
    template: Template, published: dt.date | None
) -> tuple[dt.date | None, str | None, str | None, str]:
    """(date, precision, date_text, date_source) of a template's event in an article."""
    if template.date == "article":
        return published, None if published is None else "day", None, "article"
    if template.date == "relative":
        return published, None if published is None else "day", "on Wednesday", "relative"
    month, day = dt.datetime.strptime(template.date.replace(".", ""), "%b %d").timetuple()[1:3]
    year = (published or SEED_PUBLISHED).year
    return dt.date(year, month, day), "day", template.date, "explicit"


def batch(
    indices: Iterable[int], version: str = "x1", templates: Iterable[Template] = TEMPLATES
) -> tuple[list[Article], list[Event]]:
    """Articles `indices` and their events, as one write's arguments."""
    text = seed_text()
    chosen = tuple(templates)
    articles = [article(i, text) for i in indices]
    return articles, [e for a in articles for e in events_of(a, version, chosen)]
