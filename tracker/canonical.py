"""One event per real act across articles: mentions of the same act grouped.

Two mentions are one act when they have the same type, share an acting country (or, for
actors with no country, a name), share a target country or name (or both name none), and
are dated alike: the same day, month or year at the same precision; a mention dated only by
its article's publication matches others within `UNDATED_DAYS`. A coarse mention ("in
2011") never joins finer ones: it could bridge two distinct acts of that year. Mentions in
articles with the same text (a wire story resent or republished) made from the same
sentence by the same acting side are one act whatever their dates (three states expelling
diplomats in one sentence are three acts). Grouping is transitive.

Matching is by keys, not by comparing pairs: every mention is exploded into the keys it
stands under, mentions sharing a key are joined, and the acts are the connected components
of that graph (scipy), so a million mentions group in seconds. This is a pure function
over the flat view (`tracker.load_events`); every mention and its evidence stay, each
labelled with the act it belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

UNDATED_DAYS = 2
PERIOD_WIDTH = {"day": 10, "month": 7, "year": 4}
SEP = "\x1f"  # joins the parts of a key; no name or code holds it


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A column as a numpy array of Python objects: walking pandas' Arrow-backed string
    columns value by value is several times slower."""
    return frame[name].to_numpy(dtype=object)


def _side(countries: Sequence[str], names: Sequence[str]) -> list[str]:
    """One side of an act, by country where its actors have one."""
    return sorted(set(countries)) or sorted(set(names))


def _days(dates: pd.Series) -> np.ndarray:
    """The mentions' dates as numpy days (NaT when undated), whatever they came as: date
    objects, or the flat view's and DuckDB's datetimes. Days run far past pandas'
    nanosecond range, so a stored 9999-12-31 is still a day."""
    if pd.api.types.is_datetime64_any_dtype(dates.dtype):
        return dates.to_numpy().astype("datetime64[D]")
    return np.array(
        [np.datetime64("NaT") if d is None or pd.isna(d) else np.datetime64(d, "D") for d in dates],
        dtype="datetime64[D]",
    )


def _periods(flat: pd.DataFrame) -> pd.DataFrame:
    """(row, date key) pairs: each mention's period at its precision, or, for a mention
    dated only by its article, every day within UNDATED_DAYS of that date."""
    days = _days(flat["event_date"])
    dated = ~np.isnat(days)
    defaulted = dated & flat["date_source"].eq("article").fillna(False).to_numpy(dtype=bool)
    rows = np.arange(len(flat))
    shifts = np.arange(-UNDATED_DAYS, UNDATED_DAYS + 1)
    around = (days[defaulted][:, None] + shifts).ravel()
    near = pd.DataFrame(
        {
            "row": np.repeat(rows[defaulted], len(shifts)),
            "period": [f"day:{day}" for day in np.datetime_as_string(around, unit="D")],
        }
    )
    own = dated & ~defaulted
    precisions = [
        p if isinstance(p, str) and p else "day"
        for p in flat["date_precision"].to_numpy(dtype=object)[own]
    ]
    stated = pd.DataFrame(
        {
            "row": rows[own],
            "period": [
                f"{p}:{day[: PERIOD_WIDTH.get(p, 10)]}"
                for p, day in zip(
                    precisions, np.datetime_as_string(days[own], unit="D"), strict=True
                )
            ],
        }
    )
    return pd.concat([near, stated], ignore_index=True)


def _keys(flat: pd.DataFrame) -> pd.Series:
    """Every key a mention stands under, indexed by its row: (type, acting member, target
    member, date key) for each pair of members, and (content hash, sentence, type, acting
    side) for resent stories' copies of one sentence."""
    acting = [
        _side(c, n)
        for c, n in zip(_column(flat, "source_countries"), _column(flat, "sources"), strict=True)
    ]
    target = [
        _side(c, n) or ["*"]
        for c, n in zip(_column(flat, "target_countries"), _column(flat, "targets"), strict=True)
    ]
    kinds = flat["event_type"].astype(str).to_numpy()
    sides = pd.DataFrame({"row": np.arange(len(flat)), "type": kinds, "a": acting, "g": target})
    sides = sides.explode("a").explode("g").dropna(subset=["a"])
    dated = sides.merge(_periods(flat), on="row")
    by_date = [
        SEP.join(parts)
        for parts in zip(dated["type"], dated["a"], dated["g"], dated["period"], strict=True)
    ]
    same_text = pd.Series(
        [
            SEP.join(["text", str(h), str(s), k, *a])
            for h, s, k, a in zip(
                _column(flat, "content_hash"), _column(flat, "sentence"), kinds, acting, strict=True
            )
        ]
    )
    return pd.concat([pd.Series(by_date, index=dated["row"].to_numpy(), dtype=object), same_text])


def _outlet(outlet: object, url: object, source_path: object) -> str:
    """Who published the mention: the outlet, else the URL's host, else the file's folder."""
    if isinstance(outlet, str) and outlet:
        return outlet
    if isinstance(url, str) and "://" in url:
        return url.split("://", 1)[1].split("/", 1)[0]
    return str(source_path).split("/", 1)[0]


def canonical_events(flat: pd.DataFrame) -> pd.DataFrame:
    """`canonical_event_id` (the smallest event_id of the act), `n_articles` and `n_sources`
    (distinct outlets) for each row of the flat view, aligned with its index."""
    rows = flat.reset_index(drop=True)
    n = len(rows)
    keys = _keys(rows)
    codes = pd.factorize(keys.to_numpy())[0]
    members = keys.index.to_numpy()
    first = pd.Series(members).groupby(codes).transform("min").to_numpy()
    graph = coo_matrix((np.ones(len(members)), (members, first)), shape=(n, n))
    _, act = connected_components(graph, directed=False)
    table = pd.DataFrame(
        {
            "act": act,
            "event_id": rows["event_id"].to_numpy(),
            "article_id": rows["article_id"].to_numpy(),
            "outlet": [
                _outlet(o, u, p)
                for o, u, p in zip(
                    _column(rows, "outlet"),
                    _column(rows, "url"),
                    _column(rows, "source_path"),
                    strict=True,
                )
            ],
        }
    )
    per_act = table.groupby("act").agg(
        canonical_event_id=("event_id", "min"),
        n_articles=("article_id", "nunique"),
        n_sources=("outlet", "nunique"),
    )
    out = per_act.loc[act].reset_index(drop=True)
    out.index = flat.index
    return out.astype({"n_articles": "int32", "n_sources": "int32"})
