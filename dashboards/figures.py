"""Pure figure builders: DataFrames in, plotly figure dicts out. No Dash, no store.

The timeline is one figure of two rows sharing the time axis: lanes of event marks on
top (with the date axis labelled above them, so dates are on the first screen), stacked
counts per period and type below, so zooming or dragging a range on either moves both.

One mark per act. Within a lane, marks are packed into rows so that none covers another:
each mark (and, for month/year-precision acts, the bar spanning its period) takes its
width in pixels at the figure's date range on a plot at least PLOT_PX wide, and goes into
the lane's first row where it fits; a lane is as tall as its rows. The y axis is numeric
(rows), its ticks carrying the lane names. Zooming in only spreads marks further apart,
and a new range is drawn anew by the callbacks.

How a mark reads: the type sets colour and shape; asserted acts are solid, planned,
conditional, hypothetical and (when shown) negated ones hollow; a date defaulted to the
article's date is faded, month/year precision is faded over a grey bar spanning the
period. Legend entries say so. Every label and hover value is HTML-escaped: plotly
renders a subset of HTML in tick labels and hover text.

Events are SVG markers (at most data.MAX_EVENTS_DRAWN of them, so no WebGL context is
needed: creating one costs more than drawing them).
"""

from __future__ import annotations

import datetime as dt
import heapq
import html
from collections.abc import Sequence

import numpy as np
import pandas as pd

from dashboards.styles import date_source_words, modality_words, style_of, type_order
from tracker.timex.tables import month_names

RANGE_BUTTONS = (
    {"count": 1, "label": "1M", "step": "month", "stepmode": "backward"},
    {"count": 6, "label": "6M", "step": "month", "stepmode": "backward"},
    {"count": 1, "label": "1Y", "step": "year", "stepmode": "backward"},
    {"label": "All", "step": "all"},
)
HOVER = "%{hovertext}<extra>%{fullData.name}</extra>"
COARSE_OPACITY = 0.35
BUCKET_DAYS = {"day": 1, "week": 7, "month": 30.4, "quarter": 91.3, "year": 365.25}
BUCKET_PERIOD = {"month": "M1", "quarter": "M3", "year": "M12"}
DAY_MS = 86_400_000
OUTLINE = 1.5
MARK_PX = 11
COARSE_MARK_PX = 9
# plotly draws some symbols (triangles, stars, crosses) up to 1.3 times their marker size
# across, outline included (measured in Chromium): a mark's footprint, for packing.
FOOTPRINT = 1.3
# Row pitch and the gap kept between marks in a row: a mark covers FOOTPRINT times its
# size, MARK_PX + OUTLINE.
ROW_PX = 18
GAP_PX = 2
LANE_PAD = 0.3  # rows of air above and below each lane's marks
# The narrowest plot area the packing assumes: on a wider plot marks are further apart,
# never closer. The figure says how wide it must be for that (`meta.min_width`: the lane
# labels, PLOT_PX and the right margin; the legend sits below the plot, not beside it),
# and the page keeps the chart at least that wide (dashboards/shell.py).
PLOT_PX = 760
RIGHT_PX = 10
# The legend below the counts' date labels: rows of entries, each entry its symbol and
# text (12 px; widths generous, so the rows reserved are never too few).
AXIS_LABEL_PX = 30
LEGEND_ROW_PX = 22
LEGEND_ENTRY_PX = 46
LEGEND_TITLE = "Marks"
COUNTS_PX = 150
PANEL_GAP_PX = 36
TOP_PX = 86  # room above the lanes for the range buttons and the date labels
ASSERTED = "asserted"
NEGATED = "negated"
DEFAULTED = "article"  # date_source of a date defaulted to the article's publication
OPACITY = {"day": 1.0, "coarse": 0.55, "defaulted": 0.4}
MISSING = np.array(None, dtype=object)  # None as np.where takes it, for missing values
KEY_COLOR = "#57606a"
# The lane labels' margin is reserved here rather than by plotly's `automargin`, which
# measures the drawn labels and then draws the whole chart a second time. Widths in px
# of 12 px sans-serif text (generous, so a label is never clipped).
CHAR_PX = 7.4
WIDE_CHAR_PX = 9.5
LABEL_PAD_PX = 44
MONTHS = np.array(month_names(), dtype=object)


def _days(column: pd.Series) -> np.ndarray:
    """A date column as numpy days (NaT where missing)."""
    return pd.to_datetime(column).to_numpy(dtype="datetime64[D]")


def period_end(start: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """The last day of the period each (start day, precision) names: itself for a day."""
    month_end = (start.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    year_end = (start.astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1
    return np.where(precision == "day", start, np.where(precision == "month", month_end, year_end))


def date_label(day: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """Dates as readable text at their own precision: '2019-01-23', 'January 2019', '2019'.

    Missing dates are None.
    """
    missing = np.isnat(day)
    safe = np.where(missing, np.datetime64("1970-01-01"), day)
    years = (safe.astype("datetime64[Y]").astype(np.int64) + 1970).astype(str).astype(object)
    months = MONTHS[safe.astype("datetime64[M]").astype(np.int64) % 12]
    full = np.datetime_as_string(safe, unit="D").astype(object)
    label = np.where(
        precision == "day", full, np.where(precision == "month", months + " " + years, years)
    )
    return np.where(missing, MISSING, label)


def escape(text: str) -> str:
    """Text made inert for plotly: `&`, `<` and `>` escaped. Quotes are left alone: plotly
    decodes only those three entities (and would show a `&quot;` as typed)."""
    return html.escape(text, quote=False)


def _escaped(values: Sequence[object]) -> np.ndarray:
    """Text values HTML-escaped for plotly (which renders a subset of HTML); '' for missing.

    Vectorised (pandas string methods): the hover text of every mark goes through here.
    """
    text = pd.Series(values, dtype=object).where(lambda v: v.map(lambda x: isinstance(x, str)), "")
    text = text.astype(str).str.replace("&", "&amp;", regex=False)
    text = text.str.replace("<", "&lt;", regex=False).str.replace(">", "&gt;", regex=False)
    return text.to_numpy(dtype=object)


def _words(values: np.ndarray, say) -> np.ndarray:
    """`say(value)` escaped, for each value (computed once per distinct value)."""
    distinct = pd.unique(pd.Series(values, dtype=object))
    said = {v: escape(say(v)) for v in distinct}
    return np.array([said[v] for v in values], dtype=object)


def hover_texts(
    frame: pd.DataFrame, days: np.ndarray, precision: np.ndarray, lane_names: np.ndarray
) -> np.ndarray:
    """Per-mark hover text, every value escaped: summary in bold, the lane, the date with
    its precision and how it was found, the modality and how many articles report it.

    One string per mark: as few values as possible travel with the figure, which the page
    parses and the renderer walks on load.
    """
    label = date_label(days, precision)
    dates = np.where(label == None, "undated", label)  # noqa: E711 (elementwise)
    precisions = np.where(pd.isna(precision), "unknown", precision)
    sources = _words(frame["date_source"].to_numpy(dtype=object), date_source_words)
    modalities = _words(frame["modality"].to_numpy(dtype=object), modality_words)
    reports = frame["n_articles"].fillna(1).astype(int).to_numpy()
    summaries = _escaped(frame["summary"].to_numpy(dtype=object))
    lanes = _words(lane_names, str)
    return np.array(
        [
            f"<b>{s}</b><br>{lane}<br>{d} ({p} precision; {src})<br>{m} · reported by {n} "
            f"article{'' if n == 1 else 's'}"
            for s, lane, d, p, src, m, n in zip(
                summaries, lanes, dates, precisions, sources, modalities, reports, strict=True
            )
        ],
        dtype=object,
    )


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
    return np.where(np.isnat(minutes), MISSING, text)


def _middle(days: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """The middle of each event's period (the day itself for day precision), in minutes."""
    start = days.astype("datetime64[m]")
    end = period_end(days, precision).astype("datetime64[m]")
    return start + (end - start) // 2


def certainty(precision: np.ndarray, date_source: np.ndarray) -> np.ndarray:
    """How sure each mark's date is: 'day', 'coarse' (month/year) or 'defaulted'."""
    return np.where(
        precision != "day", "coarse", np.where(date_source == DEFAULTED, "defaulted", "day")
    )


def hollow(modality: np.ndarray) -> np.ndarray:
    """True for acts not told as done (planned, conditional, hypothetical, negated)."""
    return np.array([m != ASSERTED for m in modality], dtype=bool)


def symbol(base: str, is_hollow: bool) -> str:
    """A type's marker shape, solid or hollow ('-open')."""
    shape = base.removesuffix("-open")
    return f"{shape}-open" if is_hollow else shape


def _extents_px(
    days: np.ndarray, precision: np.ndarray, x_range: tuple[np.datetime64, np.datetime64]
) -> tuple[np.ndarray, np.ndarray]:
    """Left and right edge in px of each mark (with its period's bar) on a PLOT_PX-wide plot."""
    lo, hi = (v.astype("datetime64[m]") for v in x_range)
    per_minute = PLOT_PX / max(float((hi - lo) / np.timedelta64(1, "m")), 1.0)

    def px(instants: np.ndarray) -> np.ndarray:
        return (instants.astype("datetime64[m]") - lo).astype(float) * per_minute

    centre = px(_middle(days, precision))
    half = FOOTPRINT * (np.where(precision == "day", MARK_PX, COARSE_MARK_PX) + OUTLINE) / 2
    start = px(days)
    end = px(period_end(days, precision).astype("datetime64[m]") + np.timedelta64(23, "h"))
    coarse = precision != "day"
    left = np.where(coarse, np.minimum(start, centre - half), centre - half)
    right = np.where(coarse, np.maximum(end, centre + half), centre + half)
    return left, right


def pack_rows(lanes: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Each mark's row within its lane: the first row whose last mark ends GAP_PX before it.

    Marks with no position (undated, NaN) stay in row 0: plotly draws nothing for them.
    A lane's marks are taken left to right, so a row free for one mark stays free for the
    next until it is used: two heaps (free rows by number, busy rows by where they free
    up) give the first free row without walking the rows.
    """
    rows = np.zeros(len(lanes), dtype=int)
    order = np.lexsort((left, lanes))
    order = order[~np.isnan(left[order])]
    lane_codes = pd.factorize(lanes[order])[0]
    lefts, rights = left.tolist(), right.tolist()
    for marks in np.split(order, np.flatnonzero(np.diff(lane_codes)) + 1):
        free: list[int] = []
        busy: list[tuple[float, int]] = []
        opened = 0
        for i in marks.tolist():
            while busy and busy[0][0] <= lefts[i]:
                heapq.heappush(free, heapq.heappop(busy)[1])
            if free:
                row = heapq.heappop(free)
            else:
                row, opened = opened, opened + 1
            rows[i] = row
            heapq.heappush(busy, (rights[i] + GAP_PX, row))
    return rows


def default_range(days: np.ndarray) -> tuple[np.datetime64, np.datetime64]:
    """The span of the dates drawn, or a year around today when there are none."""
    known = days[~np.isnat(days)]
    if not len(known):
        today = np.datetime64(dt.date.today(), "D")
        return today - 365, today
    return known.min(), known.max()


def padded(x_range: tuple[np.datetime64, np.datetime64]) -> tuple[np.datetime64, np.datetime64]:
    """A date range widened by 3% each side (at least a week), so edge marks show whole."""
    lo, hi = (v.astype("datetime64[D]") for v in x_range)
    pad = max((hi - lo) * 3 // 100, np.timedelta64(7, "D"))
    return lo - pad, hi + pad


class _Lanes:
    """Where each lane sits on the numeric y axis: a band of rows, top lane first."""

    def __init__(self, lanes: Sequence[str], rows_needed: dict[object, int]) -> None:
        self.lanes = list(lanes)
        heights = [max(rows_needed.get(lane, 1), 1) + 2 * LANE_PAD for lane in self.lanes]
        self.tops = np.concatenate([[0.0], np.cumsum(heights)])[:-1]
        self.centres = self.tops + np.array(heights) / 2
        self.total = float(sum(heights))
        self.top_of = dict(zip(self.lanes, self.tops, strict=True))

    def y(self, lanes: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The y value of each mark from its lane and row."""
        tops = np.array([self.top_of.get(lane, 0.0) for lane in lanes])
        return tops + LANE_PAD + rows + 0.5


def _mark_traces(
    points: pd.DataFrame,
    x: np.ndarray,
    y: np.ndarray,
    hover: np.ndarray,
    grade: np.ndarray,
    empty: np.ndarray,
) -> list[dict]:
    """SVG marker traces per (type, solid/hollow, date certainty), one legend entry per type.

    Scalar size, symbol and opacity per trace: per-point arrays made plotly.js work out
    every mark's colours on its own, a large part of the first draw.
    """
    event_ids = points["event_id"].to_numpy(dtype=object)
    types = points["event_type"].to_numpy(dtype=object)
    groups = (
        pd.DataFrame({"type": types, "hollow": empty, "grade": grade})
        .groupby(["type", "hollow", "grade"], sort=False)
        .indices
    )
    traces = []
    for event_type in _ordered_types(list(pd.unique(types))):
        style = style_of(event_type)
        shown = False
        for is_hollow in (False, True):
            for level in ("day", "defaulted", "coarse"):
                mask = groups.get((event_type, is_hollow, level))
                if mask is None:
                    continue
                size = COARSE_MARK_PX if level == "coarse" else MARK_PX
                traces.append(
                    {
                        "type": "scatter",
                        "x": packed(x[mask]),
                        "y": y[mask],
                        "mode": "markers",
                        "name": escape(style.label),
                        "legendgroup": event_type,
                        "showlegend": not shown,
                        "legendrank": 100,
                        "customdata": packed(event_ids[mask]),
                        "hovertext": packed(hover[mask]),
                        "hovertemplate": HOVER,
                        "xaxis": "x",
                        "yaxis": "y",
                        "marker": {
                            "color": style.color,
                            "symbol": symbol(style.symbol, is_hollow),
                            "size": size + (OUTLINE if not is_hollow else 0),
                            "opacity": OPACITY[level],
                            "line": {"width": OUTLINE if is_hollow else 0, "color": style.color},
                        },
                    }
                )
                shown = True
    return traces


def _key_traces(has_negated: bool) -> list[dict]:
    """Legend-only entries saying how marks read (solid, hollow, faded)."""
    keys = [
        ("Solid: done", "circle", 1.0),
        (
            "Hollow: planned, conditional, hypothetical" + (", negated" if has_negated else ""),
            "circle-open",
            1.0,
        ),
        ("Faded: date defaulted to article's date", "circle", OPACITY["defaulted"]),
    ]
    return [
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "name": name,
            "legendgroup": f"key-{i}",
            "legendrank": 1,
            "hoverinfo": "skip",
            "xaxis": "x",
            "yaxis": "y",
            "marker": {
                "color": KEY_COLOR,
                "symbol": shape,
                "size": MARK_PX,
                "opacity": opacity,
                "line": {"width": OUTLINE, "color": KEY_COLOR},
            },
        }
        for i, (name, shape, opacity) in enumerate(keys)
    ]


def _spans_trace(days: np.ndarray, precision: np.ndarray, y: np.ndarray) -> dict | None:
    """One faded bar per month/year-precision act spanning its whole period, on its row."""
    coarse = (precision != "day") & ~np.isnat(days)
    if not coarse.any():
        return None
    start = days[coarse]
    end = period_end(start, precision[coarse]).astype("datetime64[m]") + np.timedelta64(23, "h")
    n = int(coarse.sum())
    xs = np.empty(3 * n, dtype=object)
    ys = np.full(3 * n, None, dtype=object)
    xs[0::3], xs[1::3] = _iso(start), _iso(end)
    ys[0::3] = ys[1::3] = y[coarse]
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "xaxis": "x",
        "yaxis": "y",
        "name": "Bar: month/year precision, over the period",
        "hoverinfo": "skip",
        "legendrank": 2,
        "opacity": COARSE_OPACITY,
        "line": {"color": "#8c959f", "width": COARSE_MARK_PX},
    }


def _selected_trace(
    points: pd.DataFrame, x: np.ndarray, y: np.ndarray, selected: str | None
) -> dict | None:
    """A ring around every mark of the selected event."""
    if not selected:
        return None
    chosen = (points["event_id"] == selected).to_numpy()
    if not chosen.any():
        return None
    return {
        "type": "scatter",
        "x": x[chosen],
        "y": y[chosen],
        "mode": "markers",
        "name": "Selected",
        "showlegend": False,
        "hoverinfo": "skip",
        "xaxis": "x",
        "yaxis": "y",
        "marker": {
            "symbol": "circle-open",
            "size": 24,
            "color": "#000",
            "line": {"width": 3, "color": "#000"},
        },
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
        label = escape(style.label)
        traces.append(
            {
                "type": "bar",
                "x": periods[mask],
                "y": n[mask],
                "name": label,
                "legendgroup": event_type,
                "showlegend": False,
                "marker": {"color": style.color},
                "xaxis": "x2",
                "yaxis": "y2",
                "xperiod": BUCKET_PERIOD.get(bucket, period_ms),
                "xperiodalignment": "middle",
                "width": period_ms * 0.9,
                "hovertemplate": "%{x|%Y-%m-%d}: %{y} events<extra>" + label + "</extra>",
            }
        )
    return traces


def label_margin(lanes: Sequence[str]) -> int:
    """Left margin in px that fits the longest lane label, its ticks and the axis title."""

    def width(text: str) -> float:
        return sum(WIDE_CHAR_PX if c.isupper() or c in "mwMW@%" else CHAR_PX for c in text)

    return round(max((width(str(lane)) for lane in lanes), default=0) + LABEL_PAD_PX)


def legend_rows(entries: Sequence[str]) -> int:
    """How many rows the legend's entries (and its title) take in a PLOT_PX-wide row."""
    rows, used = 1, CHAR_PX * len(LEGEND_TITLE) + GAP_PX
    for entry in entries:
        width = LEGEND_ENTRY_PX + CHAR_PX * len(html.unescape(entry))
        if used + width > PLOT_PX and used > 0:
            rows, used = rows + 1, 0.0
        used += width
    return rows


def _layout(
    bands: _Lanes, names: Sequence[str], rng: list[str], lane_label: str, entries: Sequence[str]
) -> dict:
    """Two panels sharing one date axis, labelled above the lanes: lanes, then counts, then
    the legend (its `entries`) in rows below, so the plot keeps the width beside it.

    The lanes' panel is exactly ROW_PX per row (at least 160 px), which the packing
    relies on, so the bottom margin holds the legend's rows; `meta.lanes` lists the lanes'
    values top to bottom, for the page's scripts, and `meta.min_width` the narrowest
    figure whose plot is PLOT_PX wide.
    """
    lanes_px = max(bands.total * ROW_PX, 160)
    area = lanes_px + PANEL_GAP_PX + COUNTS_PX
    bottom = AXIS_LABEL_PX + legend_rows(entries) * LEGEND_ROW_PX
    left = label_margin(names)
    shared = {"type": "date", "showgrid": True, "range": rng}
    separators = [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": top,
            "y1": top,
            "line": {"color": "#d0d7de", "width": 1},
            "layer": "below",
        }
        for top in bands.tops[1:]
    ]
    return {
        "height": round(area + TOP_PX + bottom),
        "margin": {"l": left, "r": RIGHT_PX, "t": TOP_PX, "b": bottom},
        "barmode": "stack",
        "bargap": 0.05,
        "hovermode": "closest",
        "dragmode": "zoom",
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": -AXIS_LABEL_PX / area,
            "yanchor": "top",
            "title": {"text": LEGEND_TITLE},
            "groupclick": "toggleitem",
        },
        "uirevision": f"timeline {rng}",
        "plot_bgcolor": "#fafafa",
        "meta": {"lanes": list(bands.lanes), "min_width": left + PLOT_PX + RIGHT_PX},
        "shapes": separators,
        "xaxis": {
            **shared,
            "anchor": "y",
            "matches": "x2",
            "side": "top",
            "showticklabels": True,
            "ticks": "outside",
            "rangeselector": {
                "buttons": list(RANGE_BUTTONS),
                "x": 0,
                "y": 1 + 46 / area,
                "yanchor": "bottom",
            },
        },
        "xaxis2": {**shared, "anchor": "y2"},
        "yaxis": {
            "domain": [(COUNTS_PX + PANEL_GAP_PX) / area, 1.0],
            "anchor": "x",
            "type": "linear",
            "range": [bands.total, 0],
            "showgrid": False,
            "zeroline": False,
            "tickmode": "array",
            "tickvals": list(bands.centres),
            "ticktext": [escape(str(n)) for n in names],
            "fixedrange": True,
            "title": {"text": escape(lane_label), "standoff": 6},
            "automargin": False,
        },
        "yaxis2": {
            "domain": [0.0, COUNTS_PX / area],
            "anchor": "x2",
            "fixedrange": True,
            "title": {"text": "Events"},
        },
    }


def timeline_figure(
    points: pd.DataFrame,
    counts: pd.DataFrame,
    lanes: Sequence[str],
    *,
    labels: Sequence[str] | None = None,
    x_range: tuple[dt.date | None, dt.date | None] = (None, None),
    selected: str | None = None,
    lane_label: str = "Country",
    bucket: str = "month",
) -> dict:
    """Lanes of act marks over counts per period, sharing one time axis.

    `points` has lane, event_id, event_type, event_date, date_precision, date_source,
    modality, summary and n_articles (one row per act and lane); `counts` has period,
    event_type, n per `bucket`; `lanes` lists lanes top to bottom and `labels` their
    display names (default: the lanes). `x_range` is the date range shown (default: the
    span of the marks), widened a little so edge marks show whole. The figure is a plain
    dict of numpy arrays, as Dash sends it: wrapping it in a plotly Figure would deep-copy
    every array and cost more than the queries.
    """
    names = list(labels) if labels is not None else [str(lane) for lane in lanes]
    days = _days(points["event_date"])
    precision = points["date_precision"].to_numpy(dtype=object)
    start, end = x_range
    shown = padded(
        (np.datetime64(start), np.datetime64(end)) if start and end else default_range(days)
    )
    left, right = _extents_px(days, precision, shown)
    lane_of = points["lane"].to_numpy(dtype=object)
    rows = pack_rows(lane_of, left, right)
    needed = pd.Series(rows).groupby(lane_of).max().add(1).to_dict() if len(rows) else {}
    bands = _Lanes(lanes, needed)
    y = bands.y(lane_of, rows)
    x = _iso(_middle(days, precision))
    name_of = dict(zip(lanes, names, strict=True))
    hover = hover_texts(
        points,
        days,
        precision,
        np.array([name_of.get(lane, lane) for lane in lane_of], dtype=object),
    )
    grade = certainty(precision, points["date_source"].to_numpy(dtype=object))
    modality = points["modality"].to_numpy(dtype=object)
    traces = [t for t in [_spans_trace(days, precision, y)] if t is not None]
    traces += _mark_traces(points, x, y, hover, grade, hollow(modality))
    traces += _key_traces(bool((modality == NEGATED).any()))
    ring = _selected_trace(points, x, y, selected)
    traces += [ring] if ring is not None else []
    traces += _count_traces(counts, bucket)
    rng = [str(shown[0]), str(shown[1])]
    entries = [t["name"] for t in traces if t.get("showlegend", True)]
    return {"data": traces, "layout": _layout(bands, names, rng, lane_label, entries)}


def empty_figure(message: str) -> dict:
    """A blank chart carrying a message (no data, nothing matches, an error)."""
    return {
        "data": [],
        "layout": {
            "height": 300,
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            "plot_bgcolor": "#fff",
            "annotations": [
                {
                    "text": escape(message),
                    "showarrow": False,
                    "x": 0.5,
                    "y": 0.5,
                    "xref": "paper",
                    "yref": "paper",
                    "font": {"size": 16},
                }
            ],
        },
    }
