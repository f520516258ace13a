"""Generate a synthetic store of N events with realistic shapes, for the dashboard benchmark.

    python benchmarks/make_store.py --events 1000000 --out /tmp/store-1m

Countries and actors follow a Zipf law (a few states act in most events), event types
the mix of a sanctions news feed, dates grow denser towards the present with bursts,
15% of dates are month- and 5% year-precision. The rows go through the real writer
(`tracker.store.Store.write`, in batches, then `compact`), so the store has exactly the
layout and dtypes an ingest produces.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

import numpy as np
import pandas as pd

from tracker.records import Article, Event, EventActor
from tracker.store import Store

EXTRACTOR_VERSION = "synthetic-0.1"
BATCH_ARTICLES = 25_000

COUNTRIES = (
    "USA",
    "RUS",
    "IRN",
    "VEN",
    "CHN",
    "PRK",
    "SYR",
    "CUB",
    "EUR",
    "GBR",
    "UKR",
    "TUR",
    "IRQ",
    "LBY",
    "ZAF",
    "MMR",
    "BLR",
    "SDN",
    "AFG",
    "ZWE",
    "NIC",
    "ISR",
    "SAU",
    "FRA",
    "DEU",
    "JPN",
    "CAN",
    "COL",
    "BRA",
    "IND",
    "PAK",
    "UNO",
    "ERI",
    "SOM",
    "YEM",
    "LBN",
    "MLI",
    "HTI",
    "ETH",
    "COD",
    "CAF",
    "SSD",
    "BDI",
    "GIN",
    "NER",
    "BFA",
    "TCD",
    "EGY",
    "QAT",
    "ARE",
    "AUS",
    "KOR",
)
TYPES = {
    "SANCTION_IMPOSE": 22,
    "SANCTION_THREATEN": 8,
    "SANCTION_EASE": 7,
    "SANCTION_RELIEF_OFFER": 3,
    "RECOGNIZE": 3,
    "ASSUME_POWER": 2,
    "AMNESTY_OFFER": 1,
    "DEFECT": 1,
    "ACCUSE": 15,
    "DEMAND": 12,
    "ELECTION": 3,
    "DIPLOMATIC_CUT": 2,
    "NEGOTIATE": 8,
    "MILITARY_ACTION": 6,
    "LEAVE_OFFICE": 2,
    "AID": 3,
    "OTHER_POLICY": 2,
}
VERBS = {
    "SANCTION_IMPOSE": "imposes sanctions on",
    "SANCTION_THREATEN": "threatens sanctions on",
    "SANCTION_EASE": "eases sanctions on",
    "SANCTION_RELIEF_OFFER": "offers sanctions relief to",
    "RECOGNIZE": "recognizes",
    "ASSUME_POWER": "assumes power over",
    "AMNESTY_OFFER": "offers amnesty to",
    "DEFECT": "defects from",
    "ACCUSE": "accuses",
    "DEMAND": "urges",
    "ELECTION": "holds elections in",
    "DIPLOMATIC_CUT": "expels diplomats of",
    "NEGOTIATE": "negotiates with",
    "MILITARY_ACTION": "strikes",
    "LEAVE_OFFICE": "leaves office in",
    "AID": "sends aid to",
    "OTHER_POLICY": "changes policy towards",
}
INSTRUMENTS = {
    "asset_freeze": 30,
    "travel_ban": 15,
    "arms_embargo": 5,
    "trade": 10,
    "tariff": 8,
    "financial": 12,
    "sectoral": 6,
    "export_control": 6,
    "designation": 6,
    "other": 2,
}
MODALITIES = {"asserted": 75, "planned": 10, "conditional": 5, "negated": 5, "hypothetical": 5}
OUTLETS = (
    "Reuters",
    "AP",
    "AFP",
    "BBC",
    "Miami Herald",
    "Al Jazeera",
    "The Guardian",
    "Financial Times",
    "Kyiv Independent",
    "Tehran Times",
)


def short_hash(values: pd.Series) -> pd.Series:
    """sha1, first 16 hex digits, of each value (the store's id convention)."""
    return values.map(lambda v: hashlib.sha1(str(v).encode()).hexdigest()[:16])


def _zipf_choice(rng: np.random.Generator, n_items: int, size: int, a: float = 1.1):
    """Indices 0..n_items-1 drawn with Zipf-like weights (item 0 most frequent)."""
    weights = 1.0 / np.arange(1, n_items + 1) ** a
    return rng.choice(n_items, size=size, p=weights / weights.sum())


def _weighted(rng: np.random.Generator, table: dict[str, int], size: int) -> np.ndarray:
    """Keys of `table` drawn in proportion to its weights."""
    keys = np.array(list(table))
    weights = np.array(list(table.values()), dtype=float)
    return keys[rng.choice(len(keys), size=size, p=weights / weights.sum())]


def _actors(rng: np.random.Generator, per_country: int) -> pd.DataFrame:
    """A government actor per country plus `per_country` named officials of each."""
    rows = []
    for code in COUNTRIES:
        rows.append((f"Government of {code}", "government", code))
        rows.extend((f"Official {code}-{i:03d}", "person", code) for i in range(per_country))
    frame = pd.DataFrame(rows, columns=["name", "kind", "country"])
    frame["actor_id"] = short_hash(frame["name"] + "|" + frame["kind"])
    frame["aliases"] = [[name] for name in frame["name"]]
    return frame[["actor_id", "name", "kind", "country", "aliases"]]


def _dates(rng: np.random.Generator, n: int) -> np.ndarray:
    """Event days from 1985 to 2025, denser towards the present, with a few bursts."""
    start, end = np.datetime64("1985-01-01"), np.datetime64("2025-12-31")
    span = (end - start).astype(int)
    background = span - (rng.exponential(span / 4, n)).astype(int) % span
    bursts = np.array(
        [np.datetime64(d) for d in ("2014-03-17", "2019-01-23", "2022-02-24", "2018-05-08")]
    )
    in_burst = rng.random(n) < 0.12
    burst_days = (bursts[rng.integers(0, len(bursts), n)] - start).astype(int) + rng.integers(
        0, 90, n
    )
    return start + np.where(in_burst, burst_days, background).astype("timedelta64[D]")


def generate(n_events: int, seed: int = 7) -> dict[str, pd.DataFrame]:
    """The four tables of a synthetic store with `n_events` events."""
    rng = np.random.default_rng(seed)
    actors = _actors(rng, per_country=80)
    govs = actors.index[actors["kind"] == "government"].to_numpy()
    n_articles = max(1, n_events // 3)
    article_of = np.sort(rng.integers(0, n_articles, n_events))
    days = _dates(rng, n_events)
    precision = _weighted(rng, {"day": 80, "month": 15, "year": 5}, n_events)
    as_month = days.astype("datetime64[M]").astype("datetime64[D]")
    as_year = days.astype("datetime64[Y]").astype("datetime64[D]")
    days = np.where(precision == "month", as_month, np.where(precision == "year", as_year, days))
    types = _weighted(rng, TYPES, n_events)
    src_country = _zipf_choice(rng, len(COUNTRIES), n_events)
    tgt_country = _zipf_choice(rng, len(COUNTRIES), n_events, a=0.9)
    source_idx = np.where(
        rng.random(n_events) < 0.6,
        govs[src_country],
        govs[src_country] + 1 + _zipf_choice(rng, 80, n_events, 1.2),
    )
    target_idx = govs[tgt_country]
    names = actors["name"].to_numpy()
    summary = (
        pd.Series(names[source_idx])
        + " "
        + pd.Series(types).map(VERBS)
        + " "
        + pd.Series(names[target_idx])
    )
    events = pd.DataFrame(
        {
            "article_id": pd.Series(article_of).map(lambda i: f"a{i:08d}"),
            "event_type": types,
            "event_date": days.astype("datetime64[D]").astype(object),
            "date_precision": precision,
            "date_source": _weighted(
                rng, {"explicit": 45, "relative": 25, "article": 30}, n_events
            ),
            "modality": _weighted(rng, MODALITIES, n_events),
            "summary": summary,
        }
    )
    is_sanction = events["event_type"].str.startswith("SANCTION_")
    events["instrument"] = np.where(is_sanction, _weighted(rng, INSTRUMENTS, n_events), None)
    events["quantity"] = np.where(
        rng.random(n_events) < 0.05, rng.integers(1, 200, n_events), np.nan
    )
    events["quantity_text"] = np.where(
        events["quantity"].notna(), "more than " + events["quantity"].astype(str), None
    )
    events["sentence"] = "Officials said that " + summary + " on the date reported."
    events["sentence_index"] = events.groupby("article_id").cumcount().astype("int32")
    length = events["sentence"].str.len() + 1
    events["char_end"] = (length.groupby(events["article_id"]).cumsum() - 1).astype("int32")
    events["char_start"] = (events["char_end"] - length + 1).astype("int32")
    events["event_id"] = short_hash(
        events["article_id"] + "|" + events["sentence_index"].astype(str) + "|" + types
    )
    events["cameo_code"] = None
    events["plover_type"] = None
    events["date_text"] = np.where(events["date_source"] == "article", None, "on the date")
    events["trigger"] = events["event_type"].str.lower()
    events["confidence"] = rng.uniform(0.5, 1.0, n_events).round(3)
    events["extractor_version"] = "0.1.0"

    grouped = events.groupby("article_id", sort=True)
    articles = pd.DataFrame(
        {"text": grouped["sentence"].agg(" ".join), "published": grouped["event_date"].max()}
    ).reset_index()
    n = len(articles)
    articles["published"] = (
        pd.to_datetime(articles["published"]) + pd.to_timedelta(rng.integers(0, 3, n), unit="D")
    ).dt.date
    articles["url"] = "https://news.example.org/" + articles["article_id"]
    articles["outlet"] = np.array(OUTLETS)[_zipf_choice(rng, len(OUTLETS), n)]
    articles["title"] = articles["text"].str.slice(20, 90)
    articles["author"] = None
    articles["published_text"] = articles["published"].astype(str)
    articles["published_source"] = "record"
    articles["language"] = "en"
    articles["source_path"] = "synthetic/" + articles["article_id"] + ".txt"
    articles["record_index"] = np.int32(0)
    articles["format"] = "text"
    articles["content_hash"] = short_hash(articles["text"])
    articles["extractor_version"] = "0.1.0"
    articles["ingested_at"] = pd.Timestamp.now(tz="UTC").floor("us")

    links = pd.concat(
        [
            pd.DataFrame(
                {
                    "event_id": events["event_id"],
                    "actor_id": actors["actor_id"].to_numpy()[source_idx],
                    "role": "source",
                    "text": names[source_idx],
                }
            ),
            pd.DataFrame(
                {
                    "event_id": events["event_id"],
                    "actor_id": actors["actor_id"].to_numpy()[target_idx],
                    "role": "target",
                    "text": names[target_idx],
                }
            ),
        ],
        ignore_index=True,
    ).drop_duplicates(["event_id", "actor_id", "role"])
    return {"articles": articles, "events": events, "actors": actors, "event_actors": links}


def _opt(value: object) -> object:
    """None for a missing value (pandas gives NaN), else the value."""
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value


def _records(
    tables: dict[str, pd.DataFrame], lo: int, hi: int
) -> tuple[list[Article], list[Event]]:
    """Articles lo..hi-1 (in article_id order) and their events, as pipeline records."""
    articles = tables["articles"].iloc[lo:hi]
    wanted = set(articles["article_id"])
    events = tables["events"][tables["events"]["article_id"].isin(wanted)]
    actors = tables["actors"].set_index("actor_id")
    links = tables["event_actors"]
    links = links[links["event_id"].isin(set(events["event_id"]))]
    by_event: dict[str, list[EventActor]] = {}
    for row in links.itertuples(index=False):
        actor = actors.loc[row.actor_id]
        by_event.setdefault(row.event_id, []).append(
            EventActor(
                row.actor_id, row.role, actor["name"], actor["kind"], actor["country"], row.text
            )
        )
    article_records = [
        Article(
            article_id=r.article_id,
            source_path=r.source_path,
            record_index=0,
            text=r.text,
            title=r.title,
            url=r.url,
            outlet=r.outlet,
            published=r.published,
            published_text=r.published_text,
            published_source="record",
            language="en",
            content_hash=r.content_hash,
            format="text",
        )
        for r in articles.itertuples(index=False)
    ]
    event_records = [
        Event(
            event_id=r.event_id,
            article_id=r.article_id,
            event_type=r.event_type,
            cameo_code=None,
            plover_type=None,
            event_date=r.event_date,
            date_precision=r.date_precision,
            date_text=_opt(r.date_text),
            date_source=r.date_source,
            modality=r.modality,
            quantity=_opt(r.quantity),
            quantity_text=_opt(r.quantity_text),
            instrument=_opt(r.instrument),
            summary=r.summary,
            sentence=r.sentence,
            sentence_index=int(r.sentence_index),
            char_start=int(r.char_start),
            char_end=int(r.char_end),
            confidence=r.confidence,
            extractor_version=EXTRACTOR_VERSION,
            trigger=r.trigger,
            actors=by_event.get(r.event_id, []),
        )
        for r in events.itertuples(index=False)
    ]
    return article_records, event_records


def make_store(out: Path, n_events: int, seed: int = 7) -> dict[str, int]:
    """Write a synthetic store of `n_events` events to `out`; return row counts."""
    tables = generate(n_events, seed)
    store = Store(out, create=True)
    n_articles = len(tables["articles"])
    for lo in range(0, n_articles, BATCH_ARTICLES):
        articles, events = _records(tables, lo, lo + BATCH_ARTICLES)
        store.write(articles, events, extractor_version=EXTRACTOR_VERSION)
    store.compact()
    return {name: len(frame) for name, frame in tables.items()}


def main() -> None:
    """Command line: generate a store."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    began = time.perf_counter()
    counts = make_store(args.out, args.events, args.seed)
    print(f"wrote {counts} to {args.out} in {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
