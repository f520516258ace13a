"""DuckDB over the parquet store: the filters and time aggregations the dashboard draws.

Every public function takes a store path and, where it filters, an `EventFilter`, and
returns a small pandas DataFrame (or a dataclass). The heavy lifting stays in DuckDB:
joins of events, articles, event_actors and actors, sampling and bucketing happen in SQL,
so a store of a million events never crosses into pandas whole (the one exception: the
grouping of mentions into acts, `tracker.canonical`, runs once per generation over the
few columns it reads).

Actors are *rolled up* for filtering and for the actor lanes: a person, a government body,
a military or a country placed in country X stands for X under X's name ("Donald Trump",
"U.S. Treasury" and "State Department" all roll up to "United States"), so the actor filter
"United States" finds their acts; an organisation, a group or an actor of unknown kind (or
with no country) stays itself. The `actor_detail` lane mode keeps every actor apart.

The four tables are read once per store *generation* (each commit makes a new one, see
tracker.store) into an in-memory DuckDB database holding only the columns the dashboard
filters and draws on, in a pseudo-random order that makes sampling cheap; after an ingest
the next call sees the new generation. Article text is never cached: `event_detail` reads
it for one article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from tracker import gazetteer
from tracker.canonical import canonical_events
from tracker.errors import StoreError
from tracker.store import TABLES, Store

LANE_MODES = ("country", "actor", "actor_detail")
ROLES = ("source", "target")
ROLLED_UP_KINDS = ("person", "government", "military", "country")
_ROLLED_UP_SQL = ", ".join(f"'{kind}'" for kind in ROLLED_UP_KINDS)
BUCKETS = ("day", "week", "month", "quarter", "year")
NO_LANE = "(none)"
MAX_SELECTIONS = 64


@dataclass(frozen=True)
class EventFilter:
    """What the analyst asked for; empty tuples and None mean "no restriction".

    `start`/`end` bound `event_date` (inclusive). `countries` matches any actor's
    country (source or target); `source_countries` the acting side's and
    `target_countries` the target's, and the two combine with AND (USA -> VEN: the US
    acts on Venezuela). `actors` matches actor names or the names they roll up to (see
    the module's docstring), in the role `actor_role` ("source" or "target") when given.
    `without_modalities` drops acts of those modalities (the dashboard hides negated acts
    this way). `text` is a case-insensitive substring of the summary or the sentence.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    text: str | None = None
    source_countries: tuple[str, ...] = ()
    target_countries: tuple[str, ...] = ()
    actor_role: str | None = None
    without_modalities: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """True when nothing is restricted."""
        return all(not getattr(self, f.name) for f in fields(self))


@dataclass(frozen=True)
class StoreSummary:
    """What the store holds: sizes, the 'as of' facts and the choices the filters offer."""

    n_events: int
    n_articles: int
    first_date: dt.date | None
    last_date: dt.date | None
    latest_published: dt.date | None
    extractor_versions: tuple[str, ...]
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class LanePoints:
    """Acts to draw as marks: at most `limit` mentions' worth, in the `lanes` with most acts.

    One row per act and lane: the act's mention with the smallest event_id among those
    matching, with `n_articles` reporting it. `total` is how many acts match the filter;
    `shown` how many distinct acts `frame` holds (an act with several lanes has a row in
    each); `hidden_lanes` how many lanes were left out to keep the chart readable;
    `labels` the lanes' display names (country names in country mode).
    """

    frame: pd.DataFrame
    lanes: tuple[str, ...]
    total: int
    shown: int
    hidden_lanes: int
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateWindow:
    """Where a selection's dates lie: the whole span and the span holding most of them.

    `low`/`high` are the `share`-central quantiles of event_date (the 1st and 99th
    percentiles by default); `before`/`after` count the acts dated outside them.
    """

    first: dt.date | None
    last: dt.date | None
    low: dt.date | None
    high: dt.date | None
    before: int
    after: int


def parquet_glob(tables_dir: Path | str, table: str) -> str:
    """The read_parquet pattern of one table under a generation directory."""
    return str(Path(tables_dir) / table / "**" / "*.parquet")


def snapshot_dir(store: Path | str) -> Path:
    """The directory of the store's live generation (StoreError when not a store).

    Everything one call reads comes from this one generation, so a commit landing
    meanwhile never mixes two states; a new generation is a new cache key. The generation
    is checked against its manifest on every call (Store.snapshot: the listing and sizes,
    checksums once per process), so a damaged store raises StoreDamaged, never a partial
    answer.
    """
    return Store(Path(store)).snapshot().path.resolve()


_LOAD_SQL = """
CREATE TABLE ea AS
SELECT x.event_id, CAST(x.role AS VARCHAR) AS role, c.name,
       CAST(c.kind AS VARCHAR) AS kind, CAST(c.country AS VARCHAR) AS country,
       CASE WHEN CAST(c.kind AS VARCHAR) IN ({rolled_up}) AND n.name IS NOT NULL
            THEN n.name ELSE c.name END AS rollup
FROM {event_actors} x JOIN {actors} c USING (actor_id)
LEFT JOIN country_names n ON n.code = CAST(c.country AS VARCHAR);
CREATE TABLE roles AS
SELECT event_id,
       list_sort(list_distinct(list(name) FILTER (WHERE role = 'source'))) AS sources,
       list_sort(list_distinct(list(name) FILTER (WHERE role = 'target'))) AS targets,
       list_sort(list_distinct(list(name))) AS names,
       list_sort(list_distinct(list(rollup))) AS rollups,
       list_sort(list_distinct(list(country) FILTER (WHERE country IS NOT NULL))) AS countries,
       list_sort(list_distinct(list(country) FILTER (WHERE country IS NOT NULL
                                                     AND role = 'source'))) AS source_countries,
       list_sort(list_distinct(list(country) FILTER (WHERE country IS NOT NULL
                                                     AND role = 'target'))) AS target_countries
FROM ea GROUP BY event_id;
CREATE TABLE ev_base AS
SELECT e.event_id, e.article_id, CAST(e.event_type AS VARCHAR) AS event_type,
       e.event_date, CAST(e.date_precision AS VARCHAR) AS date_precision,
       e.date_text, CAST(e.date_source AS VARCHAR) AS date_source,
       CAST(e.modality AS VARCHAR) AS modality, CAST(e.instrument AS VARCHAR) AS instrument,
       e.summary, e.sentence, e.confidence, e.extractor_version,
       coalesce(r.sources, []) AS sources, coalesce(r.targets, []) AS targets,
       coalesce(r.countries, []) AS countries, coalesce(r.names, []) AS names,
       coalesce(r.source_countries, []) AS source_countries,
       coalesce(r.target_countries, []) AS target_countries,
       CASE WHEN len(coalesce(r.countries, [])) = 0 THEN ['{no_lane}']
            ELSE r.countries END AS lanes_country,
       CASE WHEN len(coalesce(r.rollups, [])) = 0 THEN ['{no_lane}']
            ELSE r.rollups END AS lanes_actor,
       CASE WHEN len(coalesce(r.names, [])) = 0 THEN ['{no_lane}']
            ELSE r.names END AS lanes_actor_detail,
       lower(concat_ws(' ', e.summary, e.sentence)) AS search,
       hash(e.event_id) AS h,
       a.published, CAST(a.outlet AS VARCHAR) AS outlet, a.title, a.url
FROM {events} e LEFT JOIN {articles} a USING (article_id)
LEFT JOIN roles r USING (event_id);
DROP TABLE roles;
"""

_ACTS_SQL = """
CREATE TABLE ev AS
SELECT b.*, c.canonical_event_id, c.n_articles, hash(c.canonical_event_id) AS act,
       count(*) OVER (PARTITION BY hash(c.canonical_event_id)) > 1 AS shared
FROM ev_base b JOIN acts c USING (event_id)
ORDER BY b.h;
DROP TABLE ev_base;
CREATE TABLE ev_country AS
SELECT c, r FROM (SELECT rowid AS r, unnest(countries) AS c FROM ev) ORDER BY c, r;
CREATE TABLE ev_side AS
SELECT DISTINCT ea.country AS c, ea.role, ev.rowid AS r
FROM ea JOIN ev USING (event_id) WHERE ea.country IS NOT NULL ORDER BY c, r;
CREATE TABLE ev_actor AS
SELECT DISTINCT a, role, r FROM (
    SELECT ev.rowid AS r, ea.role, unnest([ea.name, ea.rollup]) AS a
    FROM ea JOIN ev USING (event_id))
ORDER BY a, r;
CREATE TABLE art AS
SELECT article_id, published, extractor_version FROM {articles};
"""

# What tracker.canonical reads of each mention to group mentions into acts.
_ACT_INPUTS_SQL = """
SELECT b.event_id, b.article_id, b.event_type, b.event_date, b.date_source,
       b.date_precision, b.sentence, b.sources, b.targets, b.source_countries,
       b.target_countries, b.outlet, b.url, a.content_hash, a.source_path
FROM ev_base b LEFT JOIN {articles} a USING (article_id)
"""


def country_names() -> pd.DataFrame:
    """Every country code the gazetteer knows with its display name (EUR: European Union)."""
    codes = sorted(gazetteer.known_codes())
    names: list[str | None] = []
    for code in codes:
        try:
            names.append(gazetteer.country_name(code))
        except KeyError:
            names.append(None)
    frame = pd.DataFrame({"code": codes, "name": names})
    return frame.dropna(ignore_index=True)


def _reader(tables_dir: Path, table: str) -> str:
    """SQL for reading one table of a generation directory."""
    pattern = parquet_glob(tables_dir, table).replace("'", "''")
    return f"read_parquet('{pattern}', hive_partitioning=true, union_by_name=true)"


class _Cache:
    """One in-memory DuckDB database per store path, rebuilt when the store version moves.

    Beside the database each entry keeps a memo dict for results that depend only on the
    store's contents (the summary), dropped with it when the store changes.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[Path, tuple[Path, duckdb.DuckDBPyConnection, dict]] = {}

    def _entry(self, store: Path | str) -> tuple[Path, duckdb.DuckDBPyConnection, dict]:
        """The entry of the store's live generation, loading it when new."""
        root = Path(store).resolve()
        generation = snapshot_dir(root)
        with self._lock:
            cached = self._entries.get(root)
            if cached is None or cached[0] != generation:
                cached = (generation, self._load(generation), {})
                self._entries[root] = cached
        return cached

    def generation(self, store: Path | str) -> Path:
        """The generation directory the cached database was read from."""
        return self._entry(store)[0]

    def cursor(self, store: Path | str) -> duckdb.DuckDBPyConnection:
        """A cursor of its own (safe in one thread) on the cached database of `store`."""
        return self._entry(store)[1].cursor()

    def memo(self, store: Path | str) -> dict:
        """The memo dict of the store's current version."""
        return self._entry(store)[2]

    @staticmethod
    def _load(generation: Path) -> duckdb.DuckDBPyConnection:
        """Read the columns the dashboard needs into a fresh in-memory database."""
        con = duckdb.connect(":memory:", config={"threads": 2})
        readers = {t: _reader(generation, t) for t in TABLES}
        try:
            con.register("country_names_view", country_names())
            con.execute("CREATE TABLE country_names AS SELECT * FROM country_names_view")
            con.unregister("country_names_view")
            con.execute(_LOAD_SQL.format(no_lane=NO_LANE, rolled_up=_ROLLED_UP_SQL, **readers))
            mentions = con.execute(_ACT_INPUTS_SQL.format(**readers)).df()
            con.register("acts_view", _acts(mentions))
            con.execute("CREATE TABLE acts AS SELECT * FROM acts_view")
            con.unregister("acts_view")
            con.execute(_ACTS_SQL.format(**readers))
            con.execute("DROP TABLE acts")
        except duckdb.Error as error:
            raise StoreError(f"{generation}: cannot read the store ({error})") from error
        return con


def _acts(mentions: pd.DataFrame) -> pd.DataFrame:
    """event_id, canonical_event_id and n_articles of every mention (tracker.canonical)."""
    if mentions.empty:
        return pd.DataFrame(
            {
                "event_id": pd.Series([], dtype=str),
                "canonical_event_id": pd.Series([], dtype=str),
                "n_articles": pd.Series([], dtype="int32"),
            }
        )
    acts = canonical_events(mentions)
    return pd.DataFrame(
        {
            "event_id": mentions["event_id"].to_numpy(),
            "canonical_event_id": acts["canonical_event_id"].to_numpy(),
            "n_articles": acts["n_articles"].to_numpy(),
        }
    )


_CACHE = _Cache()
_SELECTIONS_LOCK = threading.Lock()


def _placeholders(values: Sequence[object]) -> str:
    """One `?` per value, for an IN list: DuckDB compares a column with an IN list of
    constants as it scans, several times faster than list_contains over a list parameter."""
    return ", ".join("?" * len(values))


def _where(filt: EventFilter) -> tuple[str, list]:
    """The WHERE clause (over table alias `ev`) and its parameters for a filter."""
    clauses: list[str] = []
    params: list = []
    if filt.start is not None:
        clauses.append("ev.event_date >= ?")
        params.append(filt.start)
    if filt.end is not None:
        clauses.append("ev.event_date <= ?")
        params.append(filt.end)
    for column, values in (
        ("event_type", filt.event_types),
        ("instrument", filt.instruments),
        ("modality", filt.modalities),
    ):
        if values:
            clauses.append(f"ev.{column} IN ({_placeholders(values)})")
            params += list(values)
    if filt.without_modalities:
        placeholders = _placeholders(filt.without_modalities)
        clauses.append(f"(ev.modality IS NULL OR ev.modality NOT IN ({placeholders}))")
        params += list(filt.without_modalities)
    if filt.countries:
        clauses.append("ev.rowid IN (SELECT r FROM ev_country WHERE c IN (SELECT unnest(?)))")
        params.append(list(filt.countries))
    for role, values in (("source", filt.source_countries), ("target", filt.target_countries)):
        if values:
            clauses.append(
                "ev.rowid IN (SELECT r FROM ev_side WHERE role = ? AND c IN (SELECT unnest(?)))"
            )
            params += [role, list(values)]
    if filt.actors:
        role = "AND role = ?" if filt.actor_role in ROLES else ""
        clauses.append(f"ev.rowid IN (SELECT r FROM ev_actor WHERE a IN (SELECT unnest(?)) {role})")
        params += [list(filt.actors), *([filt.actor_role] if role else [])]
    if filt.text:
        clauses.append("contains(ev.search, ?)")
        params.append(filt.text.lower())
    return (" AND ".join(clauses) or "TRUE"), params


def _filtered(store: Path | str, filt: EventFilter) -> tuple[str, str, list]:
    """What to select `filt`'s rows from (`ev`, as the alias its columns are read under),
    a WHERE clause and its parameters, with the costly part (text, countries, actors)
    precomputed.

    Whether each row matches a costly filter is kept in a table of the cached database
    (one boolean per row of `ev`, in its order), shared by every query and every panel
    that asks for the same filter, so the text scan or the country lookup runs once per
    filter instead of once per query. Queries read it beside `ev` with a POSITIONAL JOIN,
    which walks both tables together: a semi-join on row ids hashed every matching row id
    again in each query (three times slower over the 380,000 rows of a common word).
    """
    costly = EventFilter(
        countries=filt.countries,
        actors=filt.actors,
        text=filt.text,
        source_countries=filt.source_countries,
        target_countries=filt.target_countries,
        actor_role=filt.actor_role if filt.actors else None,
    )
    if costly.is_empty():
        return ("ev", *_where(filt))
    memo = _CACHE.memo(store)
    with _SELECTIONS_LOCK:
        tables = memo.setdefault("selections", {})
        name = tables.get(costly)
        if name is None:
            con = _CACHE.cursor(store)
            if len(tables) >= MAX_SELECTIONS:
                for old in tables.values():
                    con.execute(f"DROP TABLE IF EXISTS {old}")
                tables.clear()
            name = "hits_" + hashlib.sha1(repr(costly).encode("utf-8")).hexdigest()[:16]
            _write_hits(con, name, costly)
            tables[costly] = name
    rest = EventFilter(
        start=filt.start,
        end=filt.end,
        event_types=filt.event_types,
        instruments=filt.instruments,
        modalities=filt.modalities,
        without_modalities=filt.without_modalities,
    )
    where, params = _where(rest)
    return f"ev POSITIONAL JOIN {name}", f"{where} AND {name}.hit", params


def _write_hits(con: duckdb.DuckDBPyConnection, name: str, costly: EventFilter) -> None:
    """Table `name`: one boolean `hit` per row of ev, in its order, true where `costly`
    matches. The matching row ids are found in SQL (the side tables make a country or an
    actor a lookup) and set in a numpy mask: deriving the boolean in SQL over every row
    costs a join and a sort of the million rows back into order."""
    where, params = _where(costly)
    found = con.execute(f"SELECT rowid AS r FROM ev WHERE {where}", params).fetchnumpy()["r"]
    hit = np.zeros(con.execute("SELECT count(*) FROM ev").fetchall()[0][0], dtype=bool)
    hit[found] = True
    view = f"{name}_view"
    con.register(view, pd.DataFrame({"hit": hit}))
    try:
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT hit FROM {view}")
    finally:
        con.unregister(view)


def _lane_column(lane_mode: str) -> str:
    """The cached list column holding each event's lanes in a lane mode."""
    if lane_mode not in LANE_MODES:
        raise ValueError(f"lane mode must be one of {LANE_MODES}, not {lane_mode!r}")
    return f"lanes_{lane_mode}"


def _row(result: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """The one row of an aggregate query (one without GROUP BY always returns a row)."""
    row = result.fetchone()
    assert row is not None, "an aggregate query returned no row"
    return row


# One row per act among the rows matching `{where}` costs a hash of every act; most acts
# have one mention (`shared` is false), and such a row is its act's only one, so only the
# shared rows are grouped.
_COUNT_EVENTS_SQL = "SELECT count(*) FROM {source} WHERE {where}"
_ACTS_OF_M = (
    "SELECT (SELECT count(*) FROM m WHERE NOT shared) "
    "+ (SELECT count(DISTINCT act) FROM m WHERE shared)"
)
_COUNT_ACTS_SQL = (
    "WITH m AS MATERIALIZED (SELECT act, shared FROM {source} WHERE {where}) " + _ACTS_OF_M
)


def _count(store: Path | str, filt: EventFilter, sql: str) -> int:
    """The count `sql` gives over the filter's rows (`{where}` in it, as often as it
    needs), remembered per store generation and filter (the memo is dropped wholesale
    past 2,000 entries)."""
    memo = _CACHE.memo(store)
    key = (sql, filt)
    if key not in memo:
        if len(memo) > 2000:
            memo.clear()
        source, where, params = _filtered(store, filt)
        con = _CACHE.cursor(store)
        text = sql.format(source=source, where=where)
        memo[key] = _row(con.execute(text, params * sql.count("{where}")))[0]
    return memo[key]


def count_events(store: Path | str, filt: EventFilter) -> int:
    """How many events match the filter (remembered per store generation and filter)."""
    return _count(store, filt, _COUNT_EVENTS_SQL)


def count_acts(store: Path | str, filt: EventFilter) -> int:
    """How many acts (mentions grouped by canonical_event_id) match the filter, remembered."""
    return _count(store, filt, _COUNT_ACTS_SQL)


def summarize(store: Path | str, top_actors: int = 500) -> StoreSummary:
    """Sizes, 'as of' facts and filter choices (actors: the `top_actors` most frequent).

    Computed once per store version.
    """
    memo = _CACHE.memo(store)
    key = ("summary", top_actors)
    if key not in memo:
        memo[key] = _summarize(_CACHE.cursor(store), top_actors)
    return memo[key]


def _summarize(con: duckdb.DuckDBPyConnection, top_actors: int) -> StoreSummary:
    """The summary, computed."""
    n_events, first, last = _row(
        con.execute("SELECT count(*), min(event_date), max(event_date) FROM ev")
    )
    n_articles, latest = _row(con.execute("SELECT count(*), max(published) FROM art"))
    versions = tuple(
        r[0]
        for r in con.execute(
            "SELECT DISTINCT extractor_version FROM art WHERE extractor_version IS NOT NULL "
            "ORDER BY 1"
        ).fetchall()
    )
    options = {
        column: tuple(
            r[0]
            for r in con.execute(
                f"SELECT {column} FROM ev WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY 1"
            ).fetchall()
        )
        for column in ("event_type", "instrument", "modality")
    }
    options["country"] = tuple(
        r[0]
        for r in con.execute(
            "SELECT country FROM ea WHERE country IS NOT NULL GROUP BY 1 ORDER BY 1"
        ).fetchall()
    )
    options["actor"] = tuple(
        r[0]
        for r in con.execute(
            "SELECT a FROM ev_actor GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ?", [top_actors]
        ).fetchall()
    )
    options["year"] = tuple(
        str(r[0])
        for r in con.execute(
            "SELECT year(event_date) FROM ev WHERE event_date IS NOT NULL GROUP BY 1 ORDER BY 1"
        ).fetchall()
    )
    return StoreSummary(n_events, n_articles, first, last, latest, versions, options)


_MARK_COLUMNS = (
    "event_id",
    "canonical_event_id",
    "n_articles",
    "event_type",
    "event_date",
    "date_precision",
    "date_source",
    "date_text",
    "modality",
    "instrument",
    "summary",
)


def lane_points(
    store: Path | str,
    filt: EventFilter,
    lane_mode: str = "country",
    max_events: int = 3000,
    max_lanes: int = 25,
) -> LanePoints:
    """Acts to draw in lanes: one mark per act, from at most `max_events` matching mentions,
    in the `max_lanes` busiest lanes (by mentions, which costs less to count than acts).

    When more mentions match, a deterministic sample is drawn: the cached table is stored
    in the order of a hash of event_id, so the first matching rows are a fixed
    pseudo-random sample and the scan stops as soon as it has them. The same filter always
    shows the same marks; the counts panel still counts every event. An act stands for
    all its mentions by its smallest matching event_id, with `n_articles` reporting it.
    """
    source, where, params = _filtered(store, filt)
    lanes = _lane_column(lane_mode)
    con = _CACHE.cursor(store)
    ranked = con.execute(
        f"""
        WITH m AS MATERIALIZED (SELECT {lanes} AS l, act, shared FROM {source} WHERE {where})
        SELECT lane, count(*) AS n, ({_ACTS_OF_M}) AS total
        FROM (SELECT unnest(l) AS lane FROM m) GROUP BY lane ORDER BY n DESC, lane
        """,
        params,
    ).fetchall()
    total = ranked[0][2] if ranked else 0
    _CACHE.memo(store)[(_COUNT_ACTS_SQL, filt)] = total  # count_acts' answer, remembered
    kept = [row[0] for row in ranked[:max_lanes]]
    frame = con.execute(
        f"""
        SELECT lane, {", ".join(_MARK_COLUMNS)}
        FROM (SELECT unnest({lanes}) AS lane, * FROM (
                  SELECT * FROM (SELECT {lanes}, {", ".join(_MARK_COLUMNS)}, act
                                 FROM {source} WHERE {where} LIMIT ?)
                  QUALIFY row_number() OVER (PARTITION BY act ORDER BY event_id) = 1))
        WHERE list_contains(?, lane)
        """,
        [*params, max_events, kept],
    ).df()
    frame = frame.sort_values(["lane", "event_date", "event_id"], ignore_index=True)
    shown = frame["event_id"].nunique()
    labels = tuple(lane_label(lane, lane_mode) for lane in kept)
    return LanePoints(frame, tuple(kept), total, shown, max(0, len(ranked) - max_lanes), labels)


def lane_label(lane: str, lane_mode: str) -> str:
    """A lane's display name: a country's name in country mode, else the lane itself."""
    if lane_mode != "country" or lane == NO_LANE:
        return lane
    try:
        return gazetteer.country_name(lane)
    except KeyError:
        return lane


def date_window(
    store: Path | str, filt: EventFilter, share: float = 0.98, fence: float = 3.0
) -> DateWindow:
    """The selection's date span and the span where its events' dates lie (remembered per
    store generation and filter).

    That span runs from the (1 - share)/2 to the (1 + share)/2 quantile of the dates
    (1st to 99th percentile), narrowed to Tukey's far-out fences (`fence` times the
    interquartile range beyond the quartiles), so that one event dated decades away is
    left out even among a few dozen. The quantiles are over mentions (one scan, no
    grouping); `before`/`after` count the acts outside. The dashboard opens on the span;
    the note offers the acts outside.
    """
    memo = _CACHE.memo(store)
    key = ("window", filt, share, fence)
    if key not in memo:
        memo[key] = _date_window(store, filt, share, fence)
    return memo[key]


def _date_window(store: Path | str, filt: EventFilter, share: float, fence: float) -> DateWindow:
    """date_window, computed."""
    source, where, params = _filtered(store, filt)
    low_q, high_q = (1 - share) / 2, 1 - (1 - share) / 2
    con = _CACHE.cursor(store)
    first, last, quantiles = _row(
        con.execute(
            f"SELECT min(event_date), max(event_date), "
            f"quantile_disc(event_date, [{low_q}, 0.25, 0.75, {high_q}]) "
            f"FROM {source} WHERE {where}",
            params,
        )
    )
    if first is None:
        return DateWindow(None, None, None, None, 0, 0)
    low, q1, q3, high = quantiles
    spread = dt.timedelta(days=fence * (q3 - q1).days)
    if spread:
        low, high = max(low, q1 - spread), min(high, q3 + spread)
    if low == first and high == last:
        return DateWindow(first, last, low, high, 0, 0)
    before, after = _row(
        con.execute(
            f"SELECT count(DISTINCT act) FILTER (WHERE event_date < ?), "
            f"count(DISTINCT act) FILTER (WHERE event_date > ?) FROM {source} WHERE {where} "
            "AND (event_date < ? OR event_date > ?)",
            [low, high, *params, low, high],
        )
    )
    return DateWindow(first, last, low, high, before, after)


def choose_bucket(start: dt.date | None, end: dt.date | None) -> str:
    """A time bucket giving a readable number of bars (about 30 to 400) for a span."""
    if start is None or end is None:
        return "month"
    days = (end - start).days
    if days <= 120:
        return "day"
    if days <= 3 * 365:
        return "week"
    if days <= 40 * 365:
        return "month"
    return "year"


def counts_over_time(store: Path | str, filt: EventFilter, bucket: str) -> pd.DataFrame:
    """Events per period and type: columns period (date), event_type, n."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {BUCKETS}, not {bucket!r}")
    source, where, params = _filtered(store, filt)
    con = _CACHE.cursor(store)
    return con.execute(
        f"""
        SELECT CAST(date_trunc('{bucket}', event_date) AS DATE) AS period, event_type,
               count(*) AS n
        FROM {source} WHERE {where} AND event_date IS NOT NULL
        GROUP BY ALL ORDER BY period, event_type
        """,
        params,
    ).df()


FLAT_COLUMNS = (
    "event_id",
    "event_date",
    "date_precision",
    "date_source",
    "date_text",
    "event_type",
    "modality",
    "instrument",
    "summary",
    "sources",
    "targets",
    "countries",
    "source_countries",
    "target_countries",
    "outlet",
    "published",
    "title",
    "url",
    "sentence",
    "confidence",
    "extractor_version",
    "canonical_event_id",
    "n_articles",
)


def selection(
    store: Path | str, filt: EventFilter, limit: int | None = 1000, acts: bool = False
) -> pd.DataFrame:
    """The flat rows of the selection, newest first (`limit` None: every row, for export).

    With `acts`, one row per act: its matching mention with the smallest event_id (the
    one the chart draws), `n_articles` saying how many articles report it.
    """
    source, where, params = _filtered(store, filt)
    limit_sql = "" if limit is None else f"LIMIT {int(limit)}"
    matched = (
        "SELECT r, event_date, event_id FROM m WHERE NOT shared "
        "UNION ALL SELECT arg_min(r, event_id) AS r, arg_min(event_date, event_id) AS "
        "event_date, min(event_id) AS event_id FROM m WHERE shared GROUP BY act"
        if acts
        else "SELECT r, event_date, event_id FROM m"
    )
    con = _CACHE.cursor(store)
    order = "ORDER BY event_date DESC NULLS LAST, event_id"
    return con.execute(
        f"WITH m AS MATERIALIZED (SELECT ev.rowid AS r, event_date, event_id, act, shared "
        f"FROM {source} WHERE {where}), matched AS ({matched}), "
        f"picked AS (SELECT r FROM matched {order} {limit_sql}) "
        f"SELECT {', '.join(FLAT_COLUMNS)} FROM ev WHERE rowid IN (SELECT r FROM picked) "
        f"{order}",
        params,
    ).df()


def best_dated_acts(store: Path | str, filt: EventFilter, limit: int) -> tuple[pd.DataFrame, int]:
    """The selection's acts oldest first, each by the mention that dates it best: at most
    `limit` of them (flat rows, FLAT_COLUMNS), and how many acts match.

    The best mention of an act is a stated date before one defaulted to the article's,
    then the finer precision (day, month, year, unknown), then the most confident, then
    the smallest event_id; undated acts come last. Picked in SQL, so only `limit` rows
    leave the database whatever the selection's size.
    """
    source, where, params = _filtered(store, filt)
    con = _CACHE.cursor(store)
    frame = con.execute(
        f"""
        WITH m AS MATERIALIZED (
            SELECT ev.rowid AS r, event_date, event_id, act, shared, date_source,
                   date_precision, confidence
            FROM {source} WHERE {where}),
        best AS (
            SELECT r, event_date, event_id FROM m WHERE NOT shared
            UNION ALL
            SELECT r, event_date, event_id FROM m WHERE shared
            QUALIFY row_number() OVER (
                PARTITION BY act
                ORDER BY coalesce(date_source = 'article', false),
                         CASE date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1
                                             WHEN 'year' THEN 2 ELSE 3 END,
                         confidence DESC NULLS LAST, event_id) = 1),
        picked AS (SELECT r FROM best ORDER BY event_date NULLS LAST, event_id LIMIT ?)
        SELECT {", ".join(FLAT_COLUMNS)} FROM ev WHERE rowid IN (SELECT r FROM picked)
        ORDER BY event_date NULLS LAST, event_id
        """,
        [*params, int(limit)],
    ).df()
    return frame, count_acts(store, filt)


def event_detail(store: Path | str, event_id: str) -> dict | None:
    """One event with its article text and actors in roles, or None when unknown."""
    con = _CACHE.cursor(store)
    row = con.execute("SELECT * FROM ev WHERE event_id = ?", [event_id]).df()
    if row.empty:
        return None
    detail = row.iloc[0].to_dict()
    generation = _CACHE.generation(store)
    events = _reader(generation, "events")
    articles = _reader(generation, "articles")
    span = con.execute(
        f"SELECT char_start, char_end, quantity, quantity_text FROM {events} WHERE event_id = ?",
        [event_id],
    ).fetchone()
    detail.update(
        dict(
            zip(
                ("char_start", "char_end", "quantity", "quantity_text"),
                span or (None,) * 4,
                strict=True,
            )
        )
    )
    text = con.execute(
        f"SELECT text FROM {articles} WHERE article_id = ?", [detail["article_id"]]
    ).fetchone()
    detail["text"] = text[0] if text else None
    detail["actors"] = (
        con.execute(
            "SELECT role, name, country FROM ea WHERE event_id = ? ORDER BY role, name", [event_id]
        )
        .df()
        .to_dict("records")
    )
    return detail


def neighbour_event(
    store: Path | str, filt: EventFilter, lane_mode: str, event_id: str, step: int
) -> str | None:
    """The event `step` places after (or before, when negative) `event_id` in its lane.

    The lane is the event's first lane under `lane_mode`; acts (one mention each, as
    drawn) are ordered by date then id. None at either end of the lane.
    """
    source, where, params = _filtered(store, filt)
    lanes = _lane_column(lane_mode)
    con = _CACHE.cursor(store)
    found = con.execute(
        f"""
        WITH mine AS (SELECT {lanes}[1] AS lane FROM ev WHERE event_id = ?),
        acts AS (
            SELECT event_id, event_date FROM {source}
            WHERE list_contains({lanes}, (SELECT lane FROM mine)) AND {where}
            QUALIFY row_number() OVER (PARTITION BY act ORDER BY event_id) = 1),
        ordered AS (
            SELECT event_id, row_number() OVER (ORDER BY event_date, event_id) AS k
            FROM acts)
        SELECT o.event_id FROM ordered o
        WHERE o.k = (SELECT k FROM ordered WHERE event_id = ?) + ?
        """,
        [event_id, *params, event_id, step],
    ).fetchone()
    return found[0] if found else None


def as_filter(values: dict[str, Sequence[str] | str | None]) -> EventFilter:
    """Build an EventFilter from plain values (ISO date strings, lists of names)."""

    def day(value: object) -> dt.date | None:
        return dt.date.fromisoformat(str(value)[:10]) if value else None

    text, role = values.get("text"), values.get("actor_role")

    return EventFilter(
        start=day(values.get("start")),
        end=day(values.get("end")),
        event_types=tuple(values.get("event_types") or ()),
        countries=tuple(values.get("countries") or ()),
        actors=tuple(values.get("actors") or ()),
        instruments=tuple(values.get("instruments") or ()),
        modalities=tuple(values.get("modalities") or ()),
        text=text if isinstance(text, str) and text else None,
        source_countries=tuple(values.get("source_countries") or ()),
        target_countries=tuple(values.get("target_countries") or ()),
        actor_role=role if isinstance(role, str) and role in ROLES else None,
        without_modalities=tuple(values.get("without_modalities") or ()),
    )
