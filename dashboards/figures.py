"""Pure figure builders: DataFrames in, plotly Figures out. No Dash, no store.

The timeline is one figure of two rows sharing the time axis: lanes of event marks on
top, stacked counts per period and type below, so zooming or dragging a range on either
moves both. Day-precision events are WebGL markers; month- and year-precision events are
faded bars spanning their whole period, never a false exact day.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

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


def _customdata(frame: pd.DataFrame) -> list[list[str]]:
    """Per-mark data for hover and click: id, escaped summary, date, precision, source."""
    days = pd.to_datetime(frame["event_date"])
    return list(zip(
        frame["event_id"],
        frame["summary"].fillna("").map(html.escape),
        date_label(days, frame["date_precision"]).fillna("undated"),
        frame["date_precision"].fillna("unknown"),
        frame["date_source"].fillna("unknown"),
        strict=True,
    ))


def _ordered_types(types: Sequence[str]) -> list[str]:
    """Types present, in the style table's order, unlisted ones last."""
    known = [t for t in type_order() if t in set(types)]
    return known + sorted(set(types) - set(known))


def _exact_trace(frame: pd.DataFrame, event_type: str) -> go.Scattergl:
    """Day-precision events of one type as WebGL markers."""
    style = style_of(event_type)
    return go.Scattergl(
        x=frame["event_date"], y=frame["lane"], mode="markers", name=style.label,
        legendgroup=event_type, customdata=_customdata(frame), hovertemplate=HOVER,
        marker={"color": style.color, "symbol": style.symbol, "size": 11,
                "line": {"width": 1.5, "color": style.color}},
    )


def _coarse_traces(frame: pd.DataFrame, event_type: str, legend: bool) -> list[go.Scattergl]:
    """Month/year-precision events of one type: a faded span per period plus a hover mark."""
    style = style_of(event_type)
    start = pd.to_datetime(frame["event_date"])
    end = period_end(start, frame["date_precision"]) + pd.Timedelta(hours=23)
    xs: list = []
    ys: list = []
    for s, e, lane in zip(start, end, frame["lane"], strict=True):
        xs.extend([s, e, None])
        ys.extend([lane, lane, None])
    spans = go.Scattergl(
        x=xs, y=ys, mode="lines", legendgroup=event_type, showlegend=False,
        name=f"{style.label} (month/year)", hoverinfo="skip", opacity=COARSE_OPACITY,
        line={"color": style.color, "width": 9},
    )
    middle = start + (end - start) / 2
    marks = go.Scattergl(
        x=middle, y=frame["lane"], mode="markers", legendgroup=event_type,
        showlegend=legend, name=style.label, customdata=_customdata(frame),
        hovertemplate=HOVER, opacity=0.6,
        marker={"color": style.color, "symbol": style.symbol, "size": 9},
    )
    return [spans, marks]


def _selected_trace(points: pd.DataFrame, selected: str | None) -> go.Scattergl | None:
    """A ring around every mark of the selected event."""
    chosen = points[points["event_id"] == selected] if selected else points.iloc[0:0]
    if chosen.empty:
        return None
    start = pd.to_datetime(chosen["event_date"])
    x = start + (period_end(start, chosen["date_precision"]) - start) / 2
    return go.Scattergl(
        x=x, y=chosen["lane"], mode="markers", name="Selected", showlegend=False,
        hoverinfo="skip",
        marker={"symbol": "circle-open", "size": 24, "color": "#000",
                "line": {"width": 3, "color": "#000"}},
    )


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
    to bottom.
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.03,
                        row_heights=[0.72, 0.28])
    for event_type in _ordered_types(list(points["event_type"].unique())):
        of_type = points[points["event_type"] == event_type]
        exact = of_type[of_type["date_precision"] == "day"]
        coarse = of_type[of_type["date_precision"] != "day"]
        if not exact.empty:
            fig.add_trace(_exact_trace(exact, event_type), row=1, col=1)
        if not coarse.empty:
            for trace in _coarse_traces(coarse, event_type, legend=exact.empty):
                fig.add_trace(trace, row=1, col=1)
    ring = _selected_trace(points, selected)
    if ring is not None:
        fig.add_trace(ring, row=1, col=1)
    period_ms = BUCKET_DAYS[bucket] * DAY_MS
    for event_type in _ordered_types(list(counts["event_type"].unique())):
        rows = counts[counts["event_type"] == event_type]
        style = style_of(event_type)
        fig.add_trace(go.Bar(
            x=rows["period"], y=rows["n"], name=style.label, legendgroup=event_type,
            showlegend=False, marker_color=style.color,
            xperiod=BUCKET_PERIOD.get(bucket, period_ms), xperiodalignment="middle",
            width=period_ms * 0.9,
            hovertemplate="%{x|%Y-%m-%d}: %{y} events<extra>" + style.label + "</extra>",
        ), row=2, col=1)
    start, end = x_range
    rng = [start.isoformat(), end.isoformat()] if start and end else None
    fig.update_layout(
        height=max(420, LANE_HEIGHT * len(lanes) + 300),
        margin={"l": 10, "r": 10, "t": 40, "b": 30},
        barmode="stack", bargap=0.05, hovermode="closest", dragmode="zoom",
        legend={"orientation": "v", "x": 1.01, "y": 1, "title": {"text": "Event type"}},
        uirevision="timeline", plot_bgcolor="#fafafa",
    )
    fig.update_xaxes(type="date", range=rng, autorange=rng is None, showgrid=True)
    fig.update_xaxes(rangeselector={"buttons": list(RANGE_BUTTONS), "x": 0, "y": 1.02,
                                    "yanchor": "bottom"}, row=1, col=1)
    fig.update_yaxes(type="category", categoryorder="array",
                     categoryarray=list(reversed(list(lanes))), fixedrange=True,
                     title={"text": lane_label}, automargin=True, row=1, col=1)
    fig.update_yaxes(fixedrange=True, title={"text": "Events"}, row=2, col=1)
    return fig


def empty_figure(message: str) -> go.Figure:
    """A blank chart carrying a message (no data, nothing matches, an error)."""
    fig = go.Figure()
    fig.add_annotation(text=html.escape(message), showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper", font={"size": 16})
    fig.update_layout(height=300, xaxis={"visible": False}, yaxis={"visible": False},
                      margin={"l": 10, "r": 10, "t": 10, "b": 10}, plot_bgcolor="#fff")
    return fig
