"""The flat view: one row per event with its article's facts and its actors as lists.

For pandas users who want one table: `tracker.load_events(store)`. All four tables are
read from one generation, so the view is consistent even while an ingest commits.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tracker.canonical import canonical_events
from tracker.store.store import Store, read_table

ARTICLE_COLUMNS = ("published", "title", "url", "outlet", "source_path", "content_hash")
ROLE_LISTS = (
    ("sources", "source", "name"),
    ("targets", "target", "name"),
    ("source_countries", "source", "country"),
    ("target_countries", "target", "country"),
)


def load_events(store: Path | str) -> pd.DataFrame:
    """Every events column, plus published/title/url/outlet/source_path/content_hash of the
    article, plus sources/targets (actor names), source_countries/target_countries (codes)
    and countries (their union), each a sorted list, plus the act each mention belongs to
    (canonical_event_id, n_articles, n_sources); rows sorted by event_id. `event_date` is a
    datetime64 column (midnight of the day, NaT when unknown)."""
    snapshot = Store(store).snapshot()
    events = read_table(snapshot, "events")
    articles = read_table(snapshot, "articles", columns=["article_id", *ARTICLE_COLUMNS])
    actors = read_table(snapshot, "actors", columns=["actor_id", "name", "country"])
    links = read_table(snapshot, "event_actors", columns=["event_id", "actor_id", "role"])
    flat = events.merge(articles, on="article_id", how="left", validate="many_to_one")
    links = links.merge(actors, on="actor_id", how="left", validate="many_to_one")
    for column, role, value in ROLE_LISTS:
        flat[column] = _lists(flat["event_id"], links, role, value)
    flat["countries"] = [
        sorted(set(s) | set(t))
        for s, t in zip(flat["source_countries"], flat["target_countries"], strict=True)
    ]
    flat = flat.join(canonical_events(flat))
    # A pandas datetime (midnight of the day) so that .resample() and .dt work on it.
    flat["event_date"] = pd.to_datetime(flat["event_date"]).astype("datetime64[s]")
    return flat


def _lists(event_ids: pd.Series, links: pd.DataFrame, role: str, value: str) -> list[list[str]]:
    """For each event id, the sorted distinct non-null `value`s of its actors in `role`."""
    chosen = links.loc[links["role"] == role, ["event_id", value]].dropna()
    chosen = chosen.astype({value: str}).drop_duplicates().sort_values(["event_id", value])
    grouped: dict[str, list[str]] = {}
    for event_id, item in zip(chosen["event_id"], chosen[value], strict=True):
        grouped.setdefault(event_id, []).append(item)
    return [grouped.get(e, []) for e in event_ids]
