"""Builds small, realistic stores for the dashboard tests, through the real store writer.

`build_store` writes, with `tracker.store.Store.write`: the seed article with its events as
the annotation guidelines read them (Guaidó assumes power on 23 January; the United States
offers relief, sanctions officials; four states recognise Guaidó; Maduro accuses the United
States; Bolton urges officers), an article about EU and US measures with month- and
year-precision dates, and an article whose text and summary carry `<script>` and HTML and
whose URL is a javascript: link. No spaCy: fast and exact, for unit tests.
`ingest_store` runs the real pipeline over files (for the browser tests).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path

from tracker.records import Article, Event, EventActor
from tracker.store import Store

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "raw" / "venezuela-sanctions-relief-2019-02-06.txt"
EXTRACTOR = "test-0.1"

USA = ("United States", "country", "USA")
EU = ("European Union", "organisation", "EUR")
GUAIDO = ("Juan Guaidó", "person", "VEN")
MADURO = ("Nicolás Maduro", "person", "VEN")
OFFICERS = ("Venezuelan military officers", "military", "VEN")

SEED_EVENTS = [
    {
        "sentence": "Washington on Wednesday offered relief from punishing sanctions to Venezuelan "
        "military officers who betray Nicolás Maduro.",
        "event_type": "SANCTION_RELIEF_OFFER",
        "date": "2019-02-06",
        "precision": "day",
        "date_text": "on Wednesday",
        "date_source": "relative",
        "modality": "conditional",
        "summary": "United States offers sanctions relief to Venezuelan military officers",
        "trigger": "offered relief",
        "sources": [(USA, "Washington")],
        "targets": [(OFFICERS, "Venezuelan military officers")],
    },
    {
        "sentence": "In a tweet, U.S. National Security Advisor John Bolton urged military "
        "officers to back interim President Juan Guaidó or suffer the consequences.",
        "event_type": "DEMAND",
        "date": "2019-02-06",
        "precision": "day",
        "date_text": None,
        "date_source": "article",
        "modality": "asserted",
        "trigger": "urged",
        "summary": "John Bolton urges Venezuelan military officers to back Juan Guaidó",
        "sources": [(("John Bolton", "person", "USA"), "John Bolton")],
        "targets": [(OFFICERS, "military officers")],
    },
    {
        "sentence": "The offer come as Guaidó – who began assuming executive powers on Jan. 23 in "
        "defiance of Maduro – has been offering the military amnesty for past crimes "
        "in return for their support.",
        "event_type": "ASSUME_POWER",
        "date": "2019-01-23",
        "precision": "day",
        "date_text": "on Jan. 23",
        "date_source": "explicit",
        "modality": "asserted",
        "summary": "Juan Guaidó assumes executive powers",
        "trigger": "assuming executive powers",
        "sources": [(GUAIDO, "Guaidó")],
        "targets": [],
    },
    {
        "sentence": "The United States has slapped more than 65 current and former Venezuelan "
        "officials with sanctions, including many of the military’s high command.",
        "event_type": "SANCTION_IMPOSE",
        "date": "2019-02-06",
        "precision": "day",
        "date_text": None,
        "date_source": "article",
        "modality": "asserted",
        "quantity": 65.0,
        "quantity_text": "more than 65",
        "trigger": "slapped",
        "summary": "United States sanctions more than 65 Venezuelan officials",
        "sources": [(USA, "The United States")],
        "targets": [(("Venezuelan officials", "government", "VEN"), "Venezuelan officials")],
    },
    {
        "sentence": "Washington, Canada, Colombia, Brazil and dozens of other nations recognize "
        "Guaidó as the country’s legitimate president, arguing that Maduro is holding "
        "onto power through fraudulent elections.",
        "event_type": "RECOGNIZE",
        "date": "2019-02-06",
        "precision": "day",
        "date_text": None,
        "date_source": "article",
        "modality": "asserted",
        "trigger": "recognize",
        "summary": "United States, Canada, Colombia and Brazil recognize Juan Guaidó",
        "sources": [
            (USA, "Washington"),
            (("Canada", "country", "CAN"), "Canada"),
            (("Colombia", "country", "COL"), "Colombia"),
            (("Brazil", "country", "BRA"), "Brazil"),
        ],
        "targets": [(GUAIDO, "Guaidó")],
    },
    {
        "sentence": "Maduro, on the other hand, accuses the United States of trying to topple his "
        "administration.",
        "event_type": "ACCUSE",
        "date": "2019-02-06",
        "precision": "day",
        "date_text": None,
        "date_source": "article",
        "modality": "asserted",
        "trigger": "accuses",
        "summary": "Nicolás Maduro accuses the United States of trying to topple him",
        "sources": [(MADURO, "Maduro")],
        "targets": [(USA, "the United States")],
    },
]

MEASURES_TEXT = (
    "Brussels and Washington have used sanctions against Moscow and Tehran for years.\n\n"
    "In March 2014, the European Union imposed travel bans and asset freezes on Russian "
    "officials over the annexation of Crimea.\n\n"
    "The United States and the European Union lifted nuclear-related sanctions on Iran in 2016."
)
MEASURES_EVENTS = [
    {
        "sentence": "In March 2014, the European Union imposed travel bans and asset freezes on "
        "Russian officials over the annexation of Crimea.",
        "event_type": "SANCTION_IMPOSE",
        "date": "2014-03-01",
        "precision": "month",
        "date_text": "In March 2014",
        "date_source": "explicit",
        "modality": "asserted",
        "instrument": "travel_ban",
        "trigger": "imposed",
        "summary": "European Union imposes travel bans and asset freezes on Russian officials",
        "sources": [(EU, "the European Union")],
        "targets": [(("Russian officials", "government", "RUS"), "Russian officials")],
    },
    {
        "sentence": "The United States and the European Union lifted nuclear-related sanctions on "
        "Iran in 2016.",
        "event_type": "SANCTION_EASE",
        "date": "2016-01-01",
        "precision": "year",
        "date_text": "in 2016",
        "date_source": "explicit",
        "modality": "asserted",
        "instrument": "sectoral",
        "trigger": "lifted",
        "summary": "United States and European Union lift nuclear-related sanctions on Iran",
        "sources": [(USA, "The United States"), (EU, "the European Union")],
        "targets": [(("Iran", "country", "IRN"), "Iran")],
    },
]

SCRIPT = "<script>alert(1)</script>"
HOSTILE_TEXT = (
    f"A post on the ministry site read {SCRIPT} before it was taken down.\n\n"
    f"The European Union froze the assets of officials named in {SCRIPT} on 21 June 2021, "
    "citing <b>repression</b> in Belarus.\n\n<img src=x onerror=alert(2)>"
)
HOSTILE_EVENTS = [
    {
        "sentence": f"The European Union froze the assets of officials named in {SCRIPT} on "
        "21 June 2021, citing <b>repression</b> in Belarus.",
        "event_type": "SANCTION_IMPOSE",
        "date": "2021-06-21",
        "precision": "day",
        "date_text": "on 21 June 2021",
        "date_source": "explicit",
        "modality": "asserted",
        "instrument": "asset_freeze",
        "trigger": "froze",
        "summary": f"European Union freezes assets of Belarusian officials {SCRIPT}",
        "sources": [(EU, "The European Union")],
        "targets": [(("Belarusian officials", "government", "BLR"), "officials")],
    },
]


def short_hash(value: str) -> str:
    """The store's id convention: sha1, first 16 hex digits."""
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:16]


def _article(
    source_path: str, text: str, published: str, title: str, outlet: str, url: str | None
) -> Article:
    """One article record."""
    return Article(
        article_id=short_hash(url or f"{source_path}#0"),
        source_path=source_path,
        record_index=0,
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        published=dt.date.fromisoformat(published),
        published_text=published,
        published_source="manifest",
        language="en",
        content_hash=short_hash(text),
        format="text",
    )


def _actor(entry: tuple[tuple[str, str, str], str], role: str) -> EventActor:
    """One actor in a role, from ((name, kind, country), words)."""
    (name, kind, country), words = entry
    return EventActor(short_hash(f"{name}|{kind}"), role, name, kind, country, words)


def _events(article: Article, specs: Sequence[dict]) -> list[Event]:
    """Event records for the specs; a spec whose sentence is not in the text is an error."""
    events = []
    for index, spec in enumerate(specs):
        start = article.text.index(spec["sentence"])
        events.append(
            Event(
                event_id=short_hash(
                    f"{article.article_id}|{index}|{spec['trigger']}|{spec['event_type']}"
                ),
                article_id=article.article_id,
                event_type=spec["event_type"],
                cameo_code=None,
                plover_type=None,
                event_date=dt.date.fromisoformat(spec["date"]),
                date_precision=spec["precision"],
                date_text=spec["date_text"],
                date_source=spec["date_source"],
                modality=spec["modality"],
                quantity=spec.get("quantity"),
                quantity_text=spec.get("quantity_text"),
                instrument=spec.get("instrument"),
                summary=spec["summary"],
                sentence=spec["sentence"],
                sentence_index=index,
                char_start=start,
                char_end=start + len(spec["sentence"]),
                confidence=0.9,
                extractor_version=EXTRACTOR,
                trigger=spec["trigger"],
                actors=[_actor(a, "source") for a in spec["sources"]]
                + [_actor(a, "target") for a in spec["targets"]],
            )
        )
    return events


def seed_article() -> Article:
    """The seed article, as its text file reads."""
    return _article(
        "venezuela-sanctions-relief-2019-02-06.txt",
        SEED.read_text(encoding="utf-8"),
        "2019-02-06",
        "U.S. offers sanctions relief to Venezuelan military who betray Maduro",
        "Miami Herald",
        "https://www.miamiherald.com/news/nation-world/world/"
        "americas/venezuela/article225648845.html",
    )


def hostile_article() -> Article:
    """An article carrying <script>, HTML and a javascript: URL."""
    return _article(
        "hostile.html",
        HOSTILE_TEXT,
        "2021-06-22",
        f"Assets frozen {SCRIPT}",
        "Test Wire",
        "javascript:alert(3)",
    )


def measures_article() -> Article:
    """An article with month- and year-precision sanctions dates."""
    return _article(
        "measures.txt",
        MEASURES_TEXT,
        "2016-02-01",
        "Years of sanctions on Moscow and Tehran",
        "Test Wire",
        "https://example.org/measures",
    )


def fixture_records() -> list[tuple[Article, list[Event]]]:
    """Every hand-built article of the fixture store with its events."""
    return [
        (a, _events(a, specs))
        for a, specs in (
            (seed_article(), SEED_EVENTS),
            (measures_article(), MEASURES_EVENTS),
            (hostile_article(), HOSTILE_EVENTS),
        )
    ]


def write_records(store: Path, records: Sequence[tuple[Article, list[Event]]]) -> Path:
    """Write articles with their events into the store at `store` (created if needed)."""
    Store(store, create=True).write(
        [a for a, _ in records], [e for _, evs in records for e in evs], extractor_version=EXTRACTOR
    )
    return store


def build_store(store: Path) -> Path:
    """The hand-built fixture store (seed, measures, hostile article) at `store`."""
    return write_records(store, fixture_records())


def ingest_store(store: Path, paths: Sequence[Path]) -> Path:
    """A store made by the real pipeline from files, plus the hostile article on top."""
    from tracker.pipeline import ingest

    ingest(list(paths), store)
    return write_records(store, [(hostile_article(), _events(hostile_article(), HOSTILE_EVENTS))])


# ---- the analyst's store: who did what to whom in 2019, with decoys ----------------------

TREASURY = ("U.S. Treasury", "government", "USA")
TRUMP = ("Donald Trump", "person", "USA")
VENEZUELA = ("Venezuela", "country", "VEN")
VEN_GOVERNMENT = ("Venezuelan government", "government", "VEN")
LINK_ACTOR = '<a href="https://evil.test/phish">Click me</a>'
BIG_ACTOR = '<span style="font-size:200px">Big</span>'


def _act(
    sentence: str,
    event_type: str,
    date: str,
    sources: list,
    targets: list,
    *,
    date_source: str = "explicit",
    modality: str = "asserted",
    precision: str = "day",
    date_text: str | None = "on that day",
) -> dict:
    """One event spec, its summary the sentence itself."""
    return {
        "sentence": sentence,
        "event_type": event_type,
        "date": date,
        "precision": precision,
        "date_text": None if date_source == "article" else date_text,
        "date_source": date_source,
        "modality": modality,
        "summary": sentence.rstrip("."),
        "trigger": event_type.lower(),
        "sources": sources,
        "targets": targets,
    }


# (article date, URL slug, event specs); each article's text is its sentences.
ANALYST_ARTICLES = [
    (
        "2019-01-29",
        "pdvsa",
        [
            _act(
                "The United States imposed sanctions on Venezuela's state oil company on 28 "
                "January 2019.",
                "SANCTION_IMPOSE",
                "2019-01-28",
                [(USA, "The United States")],
                [(VENEZUELA, "Venezuela")],
            )
        ],
    ),
    (
        "2019-01-30",
        "pdvsa-again",
        [
            _act(
                "Washington imposed sanctions on the Venezuelan oil company on 28 January 2019.",
                "SANCTION_IMPOSE",
                "2019-01-28",
                [(USA, "Washington")],
                [(VENEZUELA, "Venezuelan")],
            )
        ],
    ),
    (
        "2019-03-22",
        "central-bank",
        [
            _act(
                "The U.S. Treasury sanctioned Venezuela's central bank.",
                "SANCTION_IMPOSE",
                "2019-03-22",
                [(TREASURY, "The U.S. Treasury")],
                [(VENEZUELA, "Venezuela")],
                date_source="article",
            )
        ],
    ),
    (
        "2019-08-06",
        "assets",
        [
            _act(
                "Donald Trump froze all Venezuelan government assets on 5 August 2019.",
                "SANCTION_IMPOSE",
                "2019-08-05",
                [(TRUMP, "Donald Trump")],
                [(VEN_GOVERNMENT, "Venezuelan government")],
            )
        ],
    ),
    (
        "2019-05-02",
        "reverse",
        [
            _act(
                "Venezuela imposed sanctions on U.S. diplomats on 1 May 2019.",
                "SANCTION_IMPOSE",
                "2019-05-01",
                [(VENEZUELA, "Venezuela")],
                [(USA, "U.S.")],
            )
        ],
    ),
    (
        "2019-04-04",
        "russia",
        [
            _act(
                "The United States imposed sanctions on Russia on 3 April 2019.",
                "SANCTION_IMPOSE",
                "2019-04-03",
                [(USA, "The United States")],
                [(("Russia", "country", "RUS"), "Russia")],
            )
        ],
    ),
    (
        "2019-06-11",
        "eu",
        [
            _act(
                "The European Union imposed sanctions on Venezuelan officials on 10 June 2019.",
                "SANCTION_IMPOSE",
                "2019-06-10",
                [(EU, "The European Union")],
                [(VEN_GOVERNMENT, "Venezuelan officials")],
            )
        ],
    ),
    (
        "2019-02-11",
        "refused",
        [
            _act(
                "The United States refused to impose sanctions on Venezuela's oil buyers on 10 "
                "February 2019.",
                "SANCTION_IMPOSE",
                "2019-02-10",
                [(USA, "The United States")],
                [(VENEZUELA, "Venezuela")],
                modality="negated",
            )
        ],
    ),
    (
        "2020-01-15",
        "gold",
        [
            _act(
                "The United States plans to impose sanctions on Venezuela's gold sector.",
                "SANCTION_IMPOSE",
                "2020-01-15",
                [(USA, "The United States")],
                [(VENEZUELA, "Venezuela")],
                modality="planned",
                date_source="article",
            )
        ],
    ),
    (
        "2018-11-02",
        "earlier",
        [
            _act(
                "The United States imposed sanctions on Venezuelan gold exports on 1 "
                "November 2018.",
                "SANCTION_IMPOSE",
                "2018-11-01",
                [(USA, "The United States")],
                [(VENEZUELA, "Venezuela")],
            )
        ],
    ),
    (
        "1998-05-14",
        "long-ago",
        [
            _act(
                "In 1948 the United States recognized Israel.",
                "RECOGNIZE",
                "1948-01-01",
                [(USA, "the United States")],
                [(("Israel", "country", "ISR"), "Israel")],
                precision="year",
                date_text="In 1948",
            )
        ],
    ),
    (
        "2019-04-18",
        "one-day",
        [
            _act(
                f"The United States imposed sanctions on {name} on 17 April 2019.",
                "SANCTION_IMPOSE",
                "2019-04-17",
                [(USA, "The United States")],
                [((name, "country", code), name)],
            )
            for name, code in (
                ("Cuba", "CUB"),
                ("Nicaragua", "NIC"),
                ("Iran", "IRN"),
                ("Syria", "SYR"),
                ("North Korea", "PRK"),
                ("Belarus", "BLR"),
            )
        ],
    ),
    (
        "2019-06-02",
        "hostile-names",
        [
            _act(
                "A group demanded an end to sanctions on 1 June 2019.",
                "DEMAND",
                "2019-06-01",
                [((LINK_ACTOR, "organisation", None), "A group")],
                [(USA, "sanctions")],
            ),
            _act(
                "Another group demanded talks on 1 June 2019.",
                "DEMAND",
                "2019-06-01",
                [((BIG_ACTOR, "group", None), "Another group")],
                [(USA, "talks")],
            ),
        ],
    ),
]


def analyst_article_url(slug: str) -> str:
    """The article URL of one of the analyst store's articles."""
    return f"https://news.example.org/2019/{slug}"


def analyst_records() -> list[tuple[Article, list[Event]]]:
    """The analyst store's articles with their events."""
    records = []
    for published, slug, specs in ANALYST_ARTICLES:
        text = "\n\n".join(spec["sentence"] for spec in specs)
        article = _article(
            f"{slug}.txt",
            text,
            published,
            f"Sanctions news: {slug}",
            "Example News",
            analyst_article_url(slug),
        )
        records.append((article, _events(article, specs)))
    return records


def build_analyst_store(store: Path) -> Path:
    """The analyst's hand-built store at `store`: US acts on Venezuela in 2019 (one told by
    two articles, one dated only by its article), with decoys of the other direction,
    other targets, other actors, other years, a negated and a planned act, six US acts on
    one day, a 1948 act far from the rest and two actors named with HTML."""
    return write_records(store, analyst_records())
