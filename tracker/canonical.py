"""One event per real act across articles: mentions of the same act grouped.

Two mentions are one act when they have the same type, their acting sides share a country
(or, for actors with no country, a name), their targets share one (or either names none),
and their dates agree: an explicitly dated mention matches within its period at the coarser
precision of the two; a mention dated only by its article's publication matches within
`UNDATED_DAYS`. Mentions in articles with the same text (a wire story resent or republished)
made from the same sentence are one act whatever their dates. Grouping is transitive.

This is a pure function over the flat view (`tracker.load_events`); every mention and its
evidence stay, each labelled with the act it belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

UNDATED_DAYS = 2
PERIOD_DAYS = {"day": 0, "month": 31, "year": 366}


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


def _side(countries: Sequence[str], names: Sequence[str]) -> frozenset[str]:
    """One side of an act, by country where its actors have one."""
    return frozenset(countries) or frozenset(names)


def _dates_agree(a, b) -> bool:
    """Dates at the coarser precision, or within UNDATED_DAYS for article-dated mentions."""
    gap = abs((a.event_date - b.event_date).days)
    if "article" in (a.date_source, b.date_source):
        return gap <= UNDATED_DAYS
    width = {"year": 4, "month": 7}.get(_coarser(a.date_precision, b.date_precision), 10)
    return str(a.event_date)[:width] == str(b.event_date)[:width]


def _coarser(p: str | None, q: str | None) -> str:
    """The coarser of two precisions."""
    order = ("day", "month", "year")
    return max((p or "day", q or "day"), key=order.index)


def _same_act(a, b) -> bool:
    """Same type, a shared acting side, compatible targets and dates (rows of the view)."""
    if a.event_type != b.event_type:
        return False
    if not _side(a.source_countries, a.sources) & _side(b.source_countries, b.sources):
        return False
    ta, tb = _side(a.target_countries, a.targets), _side(b.target_countries, b.targets)
    if ta and tb and not ta & tb:
        return False
    return _dates_agree(a, b)


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
    n = len(flat)
    groups = _Groups(n)
    rows = flat.reset_index(drop=True)
    for _, same_text in rows.groupby(["content_hash", "sentence", "event_type"],
                                     dropna=True).groups.items():
        members = list(same_text)
        for other in members[1:]:
            groups.join(members[0], other)
    records = list(rows.itertuples(index=False))
    for _, block in rows.groupby("event_type", observed=True).groups.items():
        dated = sorted((i for i in block if pd.notna(records[i].event_date)),
                       key=lambda i: records[i].event_date)
        for k, i in enumerate(dated):
            a = records[i]
            for j in dated[k + 1:]:
                b = records[j]
                reach = max(UNDATED_DAYS, PERIOD_DAYS.get(a.date_precision, 0),
                            PERIOD_DAYS.get(b.date_precision, 0))
                if (b.event_date - a.event_date).days > reach:
                    break
                if _same_act(a, b):
                    groups.join(i, j)
    roots = [groups.find(i) for i in range(n)]
    table = pd.DataFrame({"root": roots, "event_id": rows["event_id"],
                          "article_id": rows["article_id"],
                          "outlet": [_outlet(r) for r in records]})
    per_act = table.groupby("root").agg(canonical_event_id=("event_id", "min"),
                                        n_articles=("article_id", "nunique"),
                                        n_sources=("outlet", "nunique"))
    out = per_act.loc[roots].reset_index(drop=True)
    out.index = flat.index
    return out.astype({"n_articles": "int32", "n_sources": "int32"})
