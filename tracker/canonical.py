"""One event per real act across articles: mentions of the same act grouped.

Two mentions are one act when they have the same type, share an acting country (or, for
actors with no country, a name), share a target country or name (or both name none), and
are dated alike: the same day, month or year at the same precision; a mention dated only by
its article's publication matches others within `UNDATED_DAYS`. A coarse mention ("in
2011") never joins finer ones: it could bridge two distinct acts of that year. Mentions in
articles with the same text (a wire story resent or republished) made from the same
sentence by the same acting side are one act whatever their dates (three states expelling
diplomats in one sentence are three acts). Grouping is transitive.

Matching is by hashing keys, not by comparing pairs, so a million mentions group in
seconds. This is a pure function over the flat view (`tracker.load_events`); every mention
and its evidence stay, each labelled with the act it belongs to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import pandas as pd

UNDATED_DAYS = 2
PERIOD_WIDTH = {"day": 10, "month": 7, "year": 4}


class _Groups:
    """Union-find over row positions."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _side(countries: Sequence[str], names: Sequence[str]) -> list[str]:
    """One side of an act, by country where its actors have one."""
    return sorted(set(countries)) or sorted(set(names))


def _periods(row) -> Iterator[str]:
    """The date keys a mention can share: its period, or the days around its article's
    (those the calendar has: a stored date at its very end, 9999-12-31, must not break the
    whole view, though ingestion refuses such dates)."""
    date = row.event_date
    if date is None or pd.isna(date):
        return
    if isinstance(date, dt.datetime):  # the flat view's and DuckDB's datetimes: their day
        date = date.date()
    if row.date_source == "article":
        day = date.toordinal()
        first = max(day - UNDATED_DAYS, dt.date.min.toordinal())
        for ordinal in range(first, min(day + UNDATED_DAYS, dt.date.max.toordinal()) + 1):
            yield "day:" + str(dt.date.fromordinal(ordinal))
        return
    precision = row.date_precision or "day"
    yield f"{precision}:" + str(date)[: PERIOD_WIDTH.get(precision, 10)]


def _keys(row) -> Iterator[tuple]:
    """Every (type, acting member, target member, date key) the mention stands under."""
    targets = _side(row.target_countries, row.targets) or ["*"]
    for member in _side(row.source_countries, row.sources):
        for target in targets:
            for period in _periods(row):
                yield row.event_type, member, target, period


def _outlet(row) -> str:
    """Who published the mention: the outlet, else the URL's host, else the file's folder."""
    if isinstance(row.outlet, str) and row.outlet:
        return row.outlet
    if isinstance(row.url, str) and "://" in row.url:
        return row.url.split("://", 1)[1].split("/", 1)[0]
    return str(row.source_path).split("/", 1)[0]


def canonical_events(flat: pd.DataFrame) -> pd.DataFrame:
    """`canonical_event_id` (the smallest event_id of the act), `n_articles` and `n_sources`
    (distinct outlets) for each row of the flat view, aligned with its index."""
    records = list(flat.reset_index(drop=True).itertuples(index=False))
    groups = _Groups(len(records))
    first: dict[tuple, int] = {}
    for i, row in enumerate(records):
        same_text = (
            "text",
            row.content_hash,
            row.sentence,
            row.event_type,
            *_side(row.source_countries, row.sources),
        )
        for key in (same_text, *_keys(row)):
            if key in first:
                groups.join(first[key], i)
            else:
                first[key] = i
    roots = [groups.find(i) for i in range(len(records))]
    table = pd.DataFrame(
        {
            "root": roots,
            "event_id": [r.event_id for r in records],
            "article_id": [r.article_id for r in records],
            "outlet": [_outlet(r) for r in records],
        }
    )
    per_act = table.groupby("root").agg(
        canonical_event_id=("event_id", "min"),
        n_articles=("article_id", "nunique"),
        n_sources=("outlet", "nunique"),
    )
    out = per_act.loc[roots].reset_index(drop=True)
    out.index = flat.index
    return out.astype({"n_articles": "int32", "n_sources": "int32"})
