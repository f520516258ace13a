"""Pure figure builders: DataFrames in, plotly figure dicts out. No Dash, no store.

The timeline is one figure of two rows sharing the time axis: lanes of event marks on
top, stacked counts per period and type below, so zooming or dragging a range on either
moves both. Events are SVG markers (at most data.MAX_EVENTS_DRAWN of them, so no WebGL
context is needed: creating one costs more than drawing them); day-precision events are
solid, month- and year-precision events are faded marks at mid-period over grey bars
spanning the whole period, never a false exact day.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

import numpy as np
import pandas as pd

from dashboards.styles import style_of, type_order

RANGE_BUTTONS = (
    {"count": 1, "label": "1M", "step": "month", "stepmode": "backward"},
    {"count": 6, "label": "6M", "step": "month", "stepmode": "backward"},
    {"count": 1, "label": "1Y", "step": "year", "stepmode": "backward"},
    {"label": "All", "step": "all"},
)
HOVER = "%{hovertext}<br>%{y}<extra>%{fullData.name}</extra>"
COARSE_OPACITY = 0.35
BUCKET_DAYS = {"day": 1, "week": 7, "month": 30.4, "quarter": 91.3, "year": 365.25}
BUCKET_PERIOD = {"month": "M1", "quarter": "M3", "year": "M12"}
DAY_MS = 86_400_000
LANE_HEIGHT = 26
OUTLINE = 1.5
# The lane labels' margin is reserved here rather than by plotly's `automargin`, which
# measures the drawn labels and then draws the whole chart a second time. Widths in px
# of 12 px sans-serif text (generous, so a label is never clipped).
CHAR_PX = 7.4
WIDE_CHAR_PX = 9.5
LABEL_PAD_PX = 44
MONTHS = np.array(["January", "February", "March", "April", "May", "June", "July",
                   "August", "September", "October", "November", "December"], dtype=object)


def _days(column: pd.Series) -> np.ndarray:
    """A date column as numpy days (NaT where missing)."""
    return pd.to_datetime(column).to_numpy(dtype="datetime64[D]")


def period_end(start: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """The last day of the period each (start day, precision) names: itself for a day."""
    month_end = (start.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    year_end = (start.astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1
    return np.where(precision == "day", start, np.where(precision == "month", month_end,
                                                         year_end))


def date_label(day: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """Dates as readable text at their own precision: '2019-01-23', 'January 2019', '2019'.

    Missing dates are None.
    """
    missing = np.isnat(day)
    safe = np.where(missing, np.datetime64("1970-01-01"), day)
    years = (safe.astype("datetime64[Y]").astype(np.int64) + 1970).astype(str).astype(object)
    months = MONTHS[safe.astype("datetime64[M]").astype(np.int64) % 12]
    full = np.datetime_as_string(safe, unit="D").astype(object)
    label = np.where(precision == "day", full,
                     np.where(precision == "month", months + " " + years, years))
    return np.where(missing, None, label)


def hover_texts(frame: pd.DataFrame, days: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """Per-mark hover text: escaped summary in bold, then date, precision and date source.

    One string per mark (the lane is added by the template): as few values as possible
    travel with the figure, which the page parses and the renderer walks on load.
    """
    label = date_label(days, precision)
    dates = np.where(label == None, "undated", label)  # noqa: E711 (elementwise)
    precisions = np.where(pd.isna(precision), "unknown", precision)
    sources = frame["date_source"].fillna("unknown").to_numpy(dtype=object)
    summaries = frame["summary"].to_numpy(dtype=object)
    return np.array([
        f"<b>{html.escape(s) if isinstance(s, str) else ''}</b><br>{d} ({p} precision, "
        f"date {html.escape(str(src))})"
        for s, d, p, src in zip(summaries, dates, precisions, sources, strict=True)
    ], dtype=object)


def _ordered_types(types: Sequence[str]) -> list[str]:
    """Types present, in the style table's order, unlisted ones last."""
    known = [t for t in type_order() if t in set(types)]
    return known + sorted(set(types) - set(known))


def packed(values: np.ndarray) -> np.ndarray:
    """Text values as a numpy string array when none is missing (else as they are).

    plotly's JSON encoder (which Dash uses) writes a string array in one go but visits
    an object array value by value (a few ms per timeline request).
    """
    if values.dtype == object and len(values) and not any(v is None for v in values):
        return values.astype(str)
    return values


def _iso(minutes: np.ndarray) -> np.ndarray:
    """Instants as ISO text (what plotly.js reads on a date axis); None where missing."""
    text = np.datetime_as_string(minutes.astype("datetime64[m]"), unit="m").astype(object)
    return np.where(np.isnat(minutes), None, text)


def _middle(days: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """The middle of each event's period (the day itself for day precision), in minutes."""
    start = days.astype("datetime64[m]")
    end = period_end(days, precision).astype("datetime64[m]")
    return start + (end - start) // 2


def _marks_traces(points: pd.DataFrame, days: np.ndarray, precision: np.ndarray) -> list[dict]:
    """SVG marker traces per event type: day events solid, month/year events faded at mid-period.

    Each type gets one trace per precision group with a scalar size and opacity (the
    legend shows one entry per type): per-point size and opacity arrays made plotly.js
    work out every mark's colours on its own, a large part of the first draw. Everything
    per point is computed once for the whole frame, then sliced.
    """
    coarse = precision != "day"
    x = _iso(_middle(days, precision))
    lanes = points["lane"].to_numpy(dtype=object)
    event_ids = points["event_id"].to_numpy(dtype=object)
    hover = hover_texts(points, days, precision)
    types = points["event_type"].to_numpy(dtype=object)
    traces = []
    for event_type in _ordered_types(list(pd.unique(types))):
        of_type = types == event_type
        style = style_of(event_type)
        shown = False
        # Open symbols are drawn by their outline; filled ones need none (the outline
        # was the same colour), which spares plotly.js a colour parse per mark.
        outline = OUTLINE if style.symbol.endswith("-open") else 0
        for faded, size, opacity in ((False, 11, 1.0), (True, 9, 0.55)):
            mask = of_type & (coarse == faded)
            if not mask.any():
                continue
            traces.append({
                "type": "scatter", "x": packed(x[mask]), "y": packed(lanes[mask]),
                "mode": "markers",
                "name": style.label, "legendgroup": event_type, "showlegend": not shown,
                "customdata": packed(event_ids[mask]), "hovertext": packed(hover[mask]),
                "hovertemplate": HOVER,
                "xaxis": "x", "yaxis": "y",
                "marker": {"color": style.color, "symbol": style.symbol,
                           "size": size + (OUTLINE - outline), "opacity": opacity,
                           "line": {"width": outline, "color": style.color}},
            })
            shown = True
    return traces


def _spans_trace(points: pd.DataFrame, days: np.ndarray, precision: np.ndarray) -> dict | None:
    """One faded bar per month/year-precision event spanning its whole period."""
    coarse = (precision != "day") & ~np.isnat(days)
    if not coarse.any():
        return None
    start = days[coarse]
    end = period_end(start, precision[coarse]).astype("datetime64[m]") + np.timedelta64(23, "h")
    n = int(coarse.sum())
    xs = np.empty(3 * n, dtype=object)
    ys = np.empty(3 * n, dtype=object)
    xs[0::3], xs[1::3] = _iso(start), _iso(end)
    ys[0::3] = ys[1::3] = points["lane"].to_numpy(dtype=object)[coarse]
    return {
        "type": "scatter", "x": xs, "y": ys, "mode": "lines", "xaxis": "x", "yaxis": "y",
        "name": "Month/year precision (span of the period)", "hoverinfo": "skip",
        "opacity": COARSE_OPACITY, "line": {"color": "#8c959f", "width": 9},
    }


def _selected_trace(points: pd.DataFrame, days: np.ndarray, precision: np.ndarray,
                    selected: str | None) -> dict | None:
    """A ring around every mark of the selected event."""
    if not selected:
        return None
    chosen = (points["event_id"] == selected).to_numpy()
    if not chosen.any():
        return None
    return {
        "type": "scatter", "x": _iso(_middle(days[chosen], precision[chosen])),
        "y": points["lane"].to_numpy(dtype=object)[chosen],
        "mode": "markers", "name": "Selected", "showlegend": False, "hoverinfo": "skip",
        "xaxis": "x", "yaxis": "y",
        "marker": {"symbol": "circle-open", "size": 24, "color": "#000",
                   "line": {"width": 3, "color": "#000"}},
    }


def _count_traces(counts: pd.DataFrame, bucket: str) -> list[dict]:
    """Stacked bars of events per period, one trace per type, on the lower panel."""
    period_ms = BUCKET_DAYS[bucket] * DAY_MS
    periods = _iso(_days(counts["period"]))
    types = counts["event_type"].to_numpy(dtype=object)
    n = counts["n"].to_numpy()
    traces = []
    for event_type in _ordered_types(list(pd.unique(types))):
        mask = types == event_type
        style = style_of(event_type)
        traces.append({
            "type": "bar", "x": periods[mask],
            "y": n[mask], "name": style.label, "legendgroup": event_type,
            "showlegend": False, "marker": {"color": style.color}, "xaxis": "x2",
            "yaxis": "y2", "xperiod": BUCKET_PERIOD.get(bucket, period_ms),
            "xperiodalignment": "middle", "width": period_ms * 0.9,
            "hovertemplate": "%{x|%Y-%m-%d}: %{y} events<extra>" + style.label + "</extra>",
        })
    return traces


def label_margin(lanes: Sequence[str]) -> int:
    """Left margin in px that fits the longest lane label, its ticks and the axis title."""
    def width(text: str) -> float:
        return sum(WIDE_CHAR_PX if c.isupper() or c in "mwMW@%" else CHAR_PX for c in text)

    return round(max((width(str(lane)) for lane in lanes), default=0) + LABEL_PAD_PX)


def _layout(lanes: Sequence[str], rng: list[str] | None, lane_label: str) -> dict:
    """Two panels sharing one date axis: lanes above (72%), counts below."""
    shared = {"type": "date", "showgrid": True, **({"range": rng} if rng else {})}
    return {
        "height": max(420, LANE_HEIGHT * len(lanes) + 300),
        "margin": {"l": label_margin(lanes), "r": 10, "t": 40, "b": 30},
        "barmode": "stack", "bargap": 0.05, "hovermode": "closest", "dragmode": "zoom",
        "legend": {"orientation": "v", "x": 1.01, "y": 1, "title": {"text": "Event type"}},
        "uirevision": f"timeline {rng}", "plot_bgcolor": "#fafafa",
        "xaxis": {**shared, "anchor": "y", "matches": "x2", "showticklabels": False,
                  "rangeselector": {"buttons": list(RANGE_BUTTONS), "x": 0, "y": 1.02,
                                    "yanchor": "bottom"}},
        "xaxis2": {**shared, "anchor": "y2"},
        "yaxis": {"domain": [0.31, 1.0], "anchor": "x", "type": "category",
                  "categoryorder": "array", "categoryarray": list(reversed(list(lanes))),
                  "fixedrange": True, "title": {"text": lane_label, "standoff": 6},
                  "automargin": False},
        "yaxis2": {"domain": [0.0, 0.28], "anchor": "x2", "fixedrange": True,
                   "title": {"text": "Events"}},
    }


def timeline_figure(
    points: pd.DataFrame,
    counts: pd.DataFrame,
    lanes: Sequence[str],
    *,
    x_range: tuple[dt.date | None, dt.date | None] = (None, None),
    selected: str | None = None,
    lane_label: str = "Country",
    bucket: str = "month",
) -> dict:
    """Lanes of event marks over counts per period, sharing one time axis.

    `points` has lane, event_id, event_type, event_date, date_precision, date_source,
    summary; `counts` has period, event_type, n per `bucket`; `lanes` lists lanes top
    to bottom. The figure is a plain dict of numpy arrays, as Dash sends it: wrapping it
    in a plotly Figure would deep-copy every array and cost more than the queries.
    """
    days = _days(points["event_date"])
    precision = points["date_precision"].to_numpy(dtype=object)
    traces = [t for t in [_spans_trace(points, days, precision)] if t is not None]
    traces += _marks_traces(points, days, precision)
    ring = _selected_trace(points, days, precision, selected)
    traces += [ring] if ring is not None else []
    traces += _count_traces(counts, bucket)
    start, end = x_range
    rng = [start.isoformat(), end.isoformat()] if start and end else None
    return {"data": traces, "layout": _layout(lanes, rng, lane_label)}


def empty_figure(message: str) -> dict:
    """A blank chart carrying a message (no data, nothing matches, an error)."""
    return {"data": [], "layout": {
        "height": 300, "xaxis": {"visible": False}, "yaxis": {"visible": False},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "plot_bgcolor": "#fff",
        "annotations": [{"text": html.escape(message), "showarrow": False, "x": 0.5,
                         "y": 0.5, "xref": "paper", "yref": "paper", "font": {"size": 16}}],
    }}
