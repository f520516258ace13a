"""Pure figure builders: DataFrames in, plotly Figures out. No Dash, no store.

The timeline is one figure of two rows sharing the time axis: lanes of event marks on
top, stacked counts per period and type below, so zooming or dragging a range on either
moves both. Day-precision events are WebGL markers; month- and year-precision events are
faded marks at mid-period over grey bars spanning the whole period, never a false exact
day.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboards.styles import style_of, type_order

RANGE_BUTTONS = (
    {"count": 1, "label": "1M", "step": "month", "stepmode": "backward"},
    {"count": 6, "label": "6M", "step": "month", "stepmode": "backward"},
    {"count": 1, "label": "1Y", "step": "year", "stepmode": "backward"},
    {"label": "All", "step": "all"},
)
HOVER = ("<b>%{customdata[1]}</b><br>%{customdata[2]} (%{customdata[3]} precision, "
         "date %{customdata[4]})<br>%{y}<extra>%{fullData.name}</extra>")
COARSE_OPACITY = 0.35
BUCKET_DAYS = {"day": 1, "week": 7, "month": 30.4, "quarter": 91.3, "year": 365.25}
BUCKET_PERIOD = {"month": "M1", "quarter": "M3", "year": "M12"}
DAY_MS = 86_400_000
LANE_HEIGHT = 26


def period_end(start: pd.Series, precision: pd.Series) -> pd.Series:
    """The last day of the period each (start, precision) names: itself for a day."""
    month_end = start + pd.offsets.MonthEnd(0)
    year_end = start + pd.offsets.YearEnd(0)
    return start.where(precision == "day", month_end.where(precision == "month", year_end))


def date_label(day: pd.Series, precision: pd.Series) -> pd.Series:
    """Dates as readable text at their own precision: '2019-01-23', 'January 2019', '2019'."""
    return day.dt.strftime("%Y-%m-%d").where(
        precision == "day",
        day.dt.strftime("%B %Y").where(precision == "month", day.dt.strftime("%Y")))


def _customdata(frame: pd.DataFrame) -> np.ndarray:
    """Per-mark data for hover and click: id, escaped summary, date, precision, source.

    A 2-D object array: plotly takes it as is, where lists of tuples are walked item by item.
    """
    days = pd.to_datetime(frame["event_date"])
    columns = [
        frame["event_id"].astype(object),
        frame["summary"].fillna("").map(html.escape),
        date_label(days, frame["date_precision"]).fillna("undated"),
        frame["date_precision"].fillna("unknown"),
        frame["date_source"].fillna("unknown"),
    ]
    return np.column_stack([c.to_numpy(dtype=object) for c in columns])


def _ordered_types(types: Sequence[str]) -> list[str]:
    """Types present, in the style table's order, unlisted ones last."""
    known = [t for t in type_order() if t in set(types)]
    return known + sorted(set(types) - set(known))


def _iso(days: pd.Series) -> np.ndarray:
    """Timestamps as ISO text (what plotly.js reads on a date axis)."""
    return days.dt.strftime("%Y-%m-%d %H:%M").to_numpy(dtype=object)


def _marks_traces(points: pd.DataFrame) -> list[dict]:
    """One WebGL marker trace per event type; month/year events faded, at mid-period.

    Everything per point is computed once for the whole frame, then sliced per type.
    """
    start = pd.to_datetime(points["event_date"])
    coarse = (points["date_precision"] != "day").to_numpy()
    x = _iso(start + (period_end(start, points["date_precision"]) - start) / 2)
    lanes = points["lane"].to_numpy(dtype=object)
    custom = _customdata(points)
    types = points["event_type"].to_numpy(dtype=object)
    traces = []
    for event_type in _ordered_types(list(points["event_type"].unique())):
        mask = types == event_type
        style = style_of(event_type)
        traces.append({
            "type": "scattergl", "x": x[mask], "y": lanes[mask], "mode": "markers",
            "name": style.label, "legendgroup": event_type, "customdata": custom[mask],
            "hovertemplate": HOVER, "xaxis": "x", "yaxis": "y",
            "marker": {"color": style.color, "symbol": style.symbol,
                       "size": np.where(coarse[mask], 9, 11),
                       "opacity": np.where(coarse[mask], 0.55, 1.0),
                       "line": {"width": 1.5, "color": style.color}},
        })
    return traces


def _spans_trace(frame: pd.DataFrame) -> dict | None:
    """One faded bar per month/year-precision event spanning its whole period."""
    coarse = frame[frame["date_precision"] != "day"]
    if coarse.empty:
        return None
    start = pd.to_datetime(coarse["event_date"])
    end = period_end(start, coarse["date_precision"]) + pd.Timedelta(hours=23)
    n = len(coarse)
    xs = np.empty(3 * n, dtype=object)
    ys = np.empty(3 * n, dtype=object)
    xs[0::3], xs[1::3] = _iso(start), _iso(end)
    ys[0::3] = ys[1::3] = coarse["lane"].to_numpy(dtype=object)
    return {
        "type": "scattergl", "x": xs, "y": ys, "mode": "lines", "xaxis": "x", "yaxis": "y",
        "name": "Month/year precision (span of the period)", "hoverinfo": "skip",
        "opacity": COARSE_OPACITY, "line": {"color": "#8c959f", "width": 9},
    }


def _selected_trace(points: pd.DataFrame, selected: str | None) -> dict | None:
    """A ring around every mark of the selected event."""
    chosen = points[points["event_id"] == selected] if selected else points.iloc[0:0]
    if chosen.empty:
        return None
    start = pd.to_datetime(chosen["event_date"])
    middle = start + (period_end(start, chosen["date_precision"]) - start) / 2
    return {
        "type": "scattergl", "x": _iso(middle), "y": chosen["lane"].to_numpy(dtype=object),
        "mode": "markers", "name": "Selected", "showlegend": False, "hoverinfo": "skip",
        "xaxis": "x", "yaxis": "y",
        "marker": {"symbol": "circle-open", "size": 24, "color": "#000",
                   "line": {"width": 3, "color": "#000"}},
    }


def _count_traces(counts: pd.DataFrame, bucket: str) -> list[dict]:
    """Stacked bars of events per period, one trace per type, on the lower panel."""
    period_ms = BUCKET_DAYS[bucket] * DAY_MS
    traces = []
    for event_type in _ordered_types(list(counts["event_type"].unique())):
        rows = counts[counts["event_type"] == event_type]
        style = style_of(event_type)
        traces.append({
            "type": "bar", "x": _iso(pd.to_datetime(rows["period"])),
            "y": rows["n"].to_numpy(), "name": style.label, "legendgroup": event_type,
            "showlegend": False, "marker": {"color": style.color}, "xaxis": "x2",
            "yaxis": "y2", "xperiod": BUCKET_PERIOD.get(bucket, period_ms),
            "xperiodalignment": "middle", "width": period_ms * 0.9,
            "hovertemplate": "%{x|%Y-%m-%d}: %{y} events<extra>" + style.label + "</extra>",
        })
    return traces


def _layout(lanes: Sequence[str], rng: list[str] | None, lane_label: str) -> dict:
    """Two panels sharing one date axis: lanes above (72%), counts below."""
    shared = {"type": "date", "showgrid": True, **({"range": rng} if rng else {})}
    return {
        "height": max(420, LANE_HEIGHT * len(lanes) + 300),
        "margin": {"l": 10, "r": 10, "t": 40, "b": 30},
        "barmode": "stack", "bargap": 0.05, "hovermode": "closest", "dragmode": "zoom",
        "legend": {"orientation": "v", "x": 1.01, "y": 1, "title": {"text": "Event type"}},
        "uirevision": f"timeline {rng}", "plot_bgcolor": "#fafafa",
        "xaxis": {**shared, "anchor": "y", "matches": "x2", "showticklabels": False,
                  "rangeselector": {"buttons": list(RANGE_BUTTONS), "x": 0, "y": 1.02,
                                    "yanchor": "bottom"}},
        "xaxis2": {**shared, "anchor": "y2"},
        "yaxis": {"domain": [0.31, 1.0], "anchor": "x", "type": "category",
                  "categoryorder": "array", "categoryarray": list(reversed(list(lanes))),
                  "fixedrange": True, "title": {"text": lane_label}, "automargin": True},
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
) -> go.Figure:
    """Lanes of event marks over counts per period, sharing one time axis.

    `points` has lane, event_id, event_type, event_date, date_precision, date_source,
    summary; `counts` has period, event_type, n per `bucket`; `lanes` lists lanes top
    to bottom. Traces are assembled as plain dicts and wrapped once without per-property
    validation (plotly's validators cost more than the queries on big selections).
    """
    traces = [t for t in [_spans_trace(points)] if t is not None]
    traces += _marks_traces(points)
    ring = _selected_trace(points, selected)
    traces += [ring] if ring is not None else []
    traces += _count_traces(counts, bucket)
    start, end = x_range
    rng = [start.isoformat(), end.isoformat()] if start and end else None
    return go.Figure(data=traces, layout=_layout(lanes, rng, lane_label), _validate=False)


def empty_figure(message: str) -> go.Figure:
    """A blank chart carrying a message (no data, nothing matches, an error)."""
    fig = go.Figure()
    fig.add_annotation(text=html.escape(message), showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper", font={"size": 16})
    fig.update_layout(height=300, xaxis={"visible": False}, yaxis={"visible": False},
                      margin={"l": 10, "r": 10, "t": 10, "b": 10}, plot_bgcolor="#fff")
    return fig
