"""What each panel needs from the store, for one view: thin calls into tracker.query.

Every function takes the store path and a ViewState and queries with the state's
`query_filter()` (negated acts left out unless shown); errors reading the store surface
as tracker StoreError for the callbacks to turn into a message.

The timeline's data and the table's rows are remembered per store generation and filter
(and lane mode): selecting an event, opening its evidence or switching lanes back
redraws the panels from the same query results, and every analyst looking at the same
view shares them. A new generation (an ingest) is a new key.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pycountry

from dashboards.state import ViewState
from dashboards.styles import date_source_words, modality_words, style_of
from tracker import query
from tracker.errors import StoreError
from tracker.query import DateWindow, EventFilter, LanePoints, StoreSummary

TABLE_ROWS = 500
GRID_FIELDS = (
    "event_id",
    "event_date",
    "date_precision",
    "event_type",
    "summary",
    "countries",
    "sources",
    "targets",
    "modality",
    "instrument",
    "date_source",
    "confidence",
    "outlet",
    "published",
    "url",
    "n_articles",
)
MAX_EVENTS_DRAWN = 1500
MAX_LANES = 25
REMEMBERED_VIEWS = 64
# A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_failure(log: logging.Logger, what: str, error: Exception) -> str:
    """Log a failed read of the store (call it inside the `except`) and return the message
    the page shows in its place.

    A StoreError (no store, a damaged one) is expected and the user can act on it, so it is
    one line with its message; anything else (duckdb.Error) is unexpected and logged with
    its traceback.
    """
    if isinstance(error, StoreError):
        log.error("%s failed: %s", what, error)
    else:
        log.exception("%s failed", what)
    return f"Cannot read the store: {error}"


@dataclass(frozen=True)
class TimelineData:
    """The marks, the counts and the time window of one view.

    `x_range` is the date range shown: the filter's dates, else where most acts lie
    (`window`, whose `before`/`after` count the acts left outside it).
    """

    points: LanePoints
    counts: pd.DataFrame
    bucket: str
    x_range: tuple[dt.date | None, dt.date | None]
    window: DateWindow | None = None

    @property
    def outside(self) -> int:
        """How many acts the default range leaves out (0 when the dates were chosen)."""
        return self.window.before + self.window.after if self.window else 0


def summary(store: Path) -> StoreSummary | None:
    """The store's summary, or None when it holds no events yet (or does not exist yet).

    A directory that exists but is not a readable store raises StoreError.
    """
    root = Path(store)
    if not root.is_dir() or not any(root.iterdir()):
        return None
    found = query.summarize(root)
    return found if found.n_events else None


def timeline(store: Path, state: ViewState) -> TimelineData:
    """Sampled marks in the busiest lanes and full counts per period and type.

    Without chosen dates the chart opens where the acts are: the 1st to 99th percentile
    of their dates (query.date_window), so one act decades away does not squeeze the
    rest. The count bucket follows the span shown.
    """
    return _timeline(query.snapshot_dir(store), Path(store), state.query_filter(), state.lanes)


@lru_cache(maxsize=REMEMBERED_VIEWS)
def _timeline(_generation: Path, store: Path, f: EventFilter, lanes: str) -> TimelineData:
    """timeline, remembered per generation, filter and lane mode."""
    points = query.lane_points(store, f, lanes, MAX_EVENTS_DRAWN, MAX_LANES)
    window = None
    x_range = (f.start, f.end)
    if f.start is None or f.end is None:
        window = query.date_window(store, f)
        x_range = (f.start or window.low, f.end or window.high)
    bucket = query.choose_bucket(*x_range)
    counts = query.counts_over_time(store, f, bucket)
    return TimelineData(points, counts, bucket, x_range, window)


def table(store: Path, state: ViewState) -> tuple[list[dict], int]:
    """The newest acts of the selection as grid records (one row per act, as the chart
    draws them), and how many acts match."""
    return _table(query.snapshot_dir(store), Path(store), state.query_filter())


@lru_cache(maxsize=REMEMBERED_VIEWS)
def _table(_generation: Path, store: Path, f: EventFilter) -> tuple[list[dict], int]:
    """table, remembered per generation and filter."""
    frame = query.selection(store, f, TABLE_ROWS, acts=True)
    return grid_records(frame[list(GRID_FIELDS)]), query.count_acts(store, f)


def safe_url(url: object) -> str | None:
    """The URL when it is an absolute http(s) link, else None (no javascript: links)."""
    if not isinstance(url, str):
        return None
    parts = urlparse(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def link_markdown(url: object) -> str:
    """A markdown link to an http(s) article URL, '' for anything else.

    The grid renders the cell as markdown (no raw HTML); the URL is percent-encoded where
    markdown would end the link early.
    """
    safe = safe_url(url)
    if safe is None:
        return ""
    quoted = safe.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"[article]({quoted})"


def grid_records(frame: pd.DataFrame) -> list[dict]:
    """Flat rows as JSON-able records: dates as ISO text, lists joined with '; ', who → whom
    in one field, types by their labels, date sources in short words (`date_source_words`
    and `modality_words` say them in full, for tooltips), the URL as a markdown link."""
    out = frame.copy()
    for column in ("event_date", "published"):
        out[column] = pd.to_datetime(out[column]).dt.strftime("%Y-%m-%d")
    for column in ("sources", "targets", "countries"):
        out[column] = out[column].map(lambda v: "; ".join(v) if v is not None else "")
    out["who_whom"] = [
        f"{who or '?'} → {whom or '—'}"
        for who, whom in zip(out["sources"], out["targets"], strict=True)
    ]
    out["event_type"] = out["event_type"].map(lambda t: style_of(t).label)
    out["date_source_words"] = out["date_source"].map(date_source_words)
    out["date_source"] = out["date_source"].map(lambda v: date_source_words(v, short=True))
    out["modality_words"] = out["modality"].map(modality_words)
    out["url"] = out["url"].map(link_markdown)
    columns = [_plain(out[name]) for name in out.columns]
    return [dict(zip(out.columns, row, strict=True)) for row in zip(*columns, strict=True)]


def _plain(column: pd.Series) -> list:
    """A column's values as plain Python objects, None where missing (what
    `astype(object).where(notna(), None)` gives, without its slow path over Arrow text)."""
    values = column.to_numpy(dtype=object, copy=True)
    values[column.isna().to_numpy()] = None
    return values.tolist()


def country_label(code: str) -> str:
    """A country as the filters show it: 'Venezuela (VEN)'; the EU, the UN and other
    codes that are not ISO 3166 by their name alone ('European Union')."""
    name = query.lane_label(code, "country")
    return f"{name} ({code})" if pycountry.countries.get(alpha_3=code) else name


def country_options(codes: tuple[str, ...]) -> list[dict]:
    """Dropdown options for country codes, searchable by name or code, sorted by name."""
    options = [
        {"label": country_label(c), "value": c, "search": f"{country_label(c)} {c}"} for c in codes
    ]
    return sorted(options, key=lambda o: o["label"].casefold())


def export_frame(store: Path, state: ViewState) -> pd.DataFrame:
    """Every event of the selection, with the flat view's columns."""
    return query.selection(store, state.query_filter(), limit=None)


def neutralise_cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, prefixed with a single quote
    (OWASP's rule for CSV injection); every other value unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> str:
    """The selection as CSV text (lists joined with '; '), safe to open in a spreadsheet:
    article text such as a headline `=HYPERLINK(...)` is never read as a formula. Rows end
    in CRLF (RFC 4180), so a cell holding a lone CR is quoted rather than splitting its row."""
    out = frame.copy()
    for column in ("sources", "targets", "countries"):
        out[column] = out[column].map(lambda v: "; ".join(v) if v is not None else "")
    text = out.select_dtypes(include=["object", "string"]).columns
    out[text] = out[text].map(neutralise_cell)
    return out.to_csv(index=False, lineterminator="\r\n")


def storyline(store: Path, state: ViewState, limit: int) -> tuple[pd.DataFrame, int]:
    """The selection's acts, oldest first: at most `limit` of them, and how many match.

    One row per act (docs/schema.md: canonical_event_id), the mention of the selection
    that dates it best (stated before defaulted, finer precision, then the most
    confident), with the act's n_articles. Undated acts come last. Remembered per store
    generation and filter, so selecting an event or switching lanes recomputes nothing.
    """
    return _storyline(query.snapshot_dir(store), Path(store), state.query_filter(), limit)


@lru_cache(maxsize=16)
def _storyline(
    _generation: Path, store: Path, filt: EventFilter, limit: int
) -> tuple[pd.DataFrame, int]:
    """storyline, computed (a new generation is a new key)."""
    return query.best_dated_acts(store, filt, limit)


def to_parquet(frame: pd.DataFrame) -> bytes:
    """The selection as parquet bytes (lists kept as lists)."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def detail(store: Path, event_id: str) -> dict | None:
    """One event with its article text and actors, or None when the id is unknown."""
    return query.event_detail(store, event_id)


def neighbour(store: Path, state: ViewState, step: int) -> str | None:
    """The event `step` places along the selected event's lane, or the first drawn event."""
    f = state.query_filter()
    if state.event:
        return query.neighbour_event(store, f, state.lanes, state.event, step)
    points = query.lane_points(store, f, state.lanes, MAX_EVENTS_DRAWN, MAX_LANES)
    if points.frame.empty:
        return None
    first_lane = points.frame[points.frame["lane"] == points.lanes[0]]
    return str(first_lane.sort_values(["event_date", "event_id"])["event_id"].iloc[0])
