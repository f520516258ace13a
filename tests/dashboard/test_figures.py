"""Figures are pure functions of the query layer's frames."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from store_builder import BIG_ACTOR, LINK_ACTOR, SCRIPT

from dashboards import callbacks, figures
from dashboards.state import ViewState
from dashboards.styles import style_of
from tracker import query
from tracker.query import EventFilter


@pytest.fixture(scope="module")
def drawn(store):
    """The timeline of the whole fixture store, by country."""
    points = query.lane_points(store, EventFilter(), "country")
    counts = query.counts_over_time(store, EventFilter(), "month")
    fig = go.Figure(
        figures.timeline_figure(points.frame, counts, points.lanes, labels=points.labels)
    )
    return points, counts, fig


def marks(fig: go.Figure) -> list:
    """The traces drawing events in the lanes (not spans, rings, keys or count bars)."""
    return [
        t
        for t in fig.data
        if t.type == "scatter" and t.mode == "markers" and t.customdata is not None
    ]


def acts(n: int, **columns) -> pd.DataFrame:
    """A lane_points-like frame of `n` acts: one lane, one day, asserted, unless told."""
    base = {
        "lane": "USA",
        "event_id": [f"e{i:03d}" for i in range(n)],
        "canonical_event_id": [f"e{i:03d}" for i in range(n)],
        "n_articles": 1,
        "event_type": "SANCTION_IMPOSE",
        "event_date": pd.Timestamp("2017-11-08"),
        "date_precision": "day",
        "date_source": "explicit",
        "date_text": "on Wednesday",
        "modality": "asserted",
        "instrument": None,
        "summary": "US sanctions someone",
    }
    return pd.DataFrame({k: columns.get(k, v) for k, v in base.items()}, index=range(n))


NO_COUNTS = pd.DataFrame(
    {
        "period": pd.Series([], dtype="datetime64[s]"),
        "event_type": pd.Series([], dtype=str),
        "n": pd.Series([], dtype=int),
    }
)


def covered_pairs(figure: dict) -> list[tuple[str, str]]:
    """Pairs of marks whose boxes overlap on the drawn chart, in pixels.

    x: the layout's date range over figures.PLOT_PX (the narrowest plot the packing
    assumes); y: the lanes' panel height from the layout over its y range. Each mark is a
    square of figures.FOOTPRINT times its marker size (outline included), the most any
    symbol covers as Chromium draws it (tests/browser/test_analyst.py measures the drawn
    marks themselves).
    """
    layout = figure["layout"]
    lo, hi = (pd.Timestamp(v) for v in layout["xaxis"]["range"])
    x_px = figures.PLOT_PX / ((hi - lo) / pd.Timedelta(minutes=1))
    area = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    d0, d1 = layout["yaxis"]["domain"]
    top, bottom = layout["yaxis"]["range"]
    y_px = area * (d1 - d0) / abs(top - bottom)
    boxes = []
    for trace in figure["data"]:
        if trace.get("mode") != "markers" or trace.get("customdata") is None:
            continue
        size = figures.FOOTPRINT * trace["marker"]["size"]
        for event_id, x, y in zip(trace["customdata"], trace["x"], trace["y"], strict=True):
            if x is not None:
                minutes = (pd.Timestamp(x) - lo) / pd.Timedelta(minutes=1)
                boxes.append((str(event_id), minutes * x_px, y * y_px, size))
    return [
        (a[0], b[0])
        for a, b in itertools.combinations(boxes, 2)
        if abs(a[1] - b[1]) < (a[3] + b[3]) / 2 and abs(a[2] - b[2]) < (a[3] + b[3]) / 2
    ]


def test_one_lane_per_country_busiest_on_top_named_by_country(drawn):
    points, _, fig = drawn
    assert list(fig.layout.meta["lanes"]) == list(points.lanes)
    assert list(fig.layout.yaxis.ticktext) == list(points.labels)
    assert (
        "Venezuela" in fig.layout.yaxis.ticktext and "European Union" in fig.layout.yaxis.ticktext
    )
    assert list(fig.layout.yaxis.tickvals) == sorted(fig.layout.yaxis.tickvals)  # top first
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # reversed: row 0 on top


def test_point_events_are_markers_not_timeline_bars(drawn):
    _, _, fig = drawn
    assert marks(fig)
    assert all(t.xaxis == "x" for t in marks(fig))
    assert not [t for t in fig.data if t.type == "bar" and t.yaxis == "y"]
    assert not [t for t in fig.data if t.type == "scattergl"]  # the bundle has no WebGL


def test_each_type_has_one_legend_entry_by_its_label(drawn):
    _, _, fig = drawn
    shown = [t.name for t in marks(fig) if t.showlegend is not False]
    assert len(shown) == len(set(shown)) == len({t.name for t in marks(fig)})
    assert style_of("SANCTION_IMPOSE").label in shown and "SANCTION_IMPOSE" not in shown


def test_one_mark_per_act_with_how_many_articles_report_it():
    two_reports = acts(1, n_articles=2)
    fig = go.Figure(figures.timeline_figure(two_reports, NO_COUNTS, ["USA"]))
    assert [len(t.x) for t in marks(fig)] == [1]
    assert "reported by 2 articles" in marks(fig)[0].hovertext[0]


def test_sixteen_acts_on_one_lane_and_day_are_stacked_so_none_hides_another():
    frame = acts(16)
    figure = figures.timeline_figure(frame, NO_COUNTS, ["USA"])
    fig = go.Figure(figure)
    ys = [y for t in marks(fig) for y in t.y]
    assert len(set(ys)) == 16
    assert covered_pairs(figure) == []


def test_acts_days_apart_at_a_wide_range_do_not_cover_each_other():
    days = pd.to_datetime(["2017-11-01", "2017-11-03", "2017-11-20", "2019-01-01"])
    frame = acts(4, event_date=days)
    figure = figures.timeline_figure(
        frame, NO_COUNTS, ["USA"], x_range=(dt.date(2000, 1, 1), dt.date(2024, 1, 1))
    )
    assert covered_pairs(figure) == []
    rows = {round(y, 3) for t in marks(go.Figure(figure)) for y in t.y}
    assert len(rows) == 3  # the 2019 act fits beside the first, the November ones do not


def test_no_mark_covers_another_at_the_default_view(store, analyst_store):
    for source in (store, analyst_store):
        for lanes in ("country", "actor", "actor_detail"):
            figure, _, _ = callbacks.timeline_outputs(source, ViewState(lanes=lanes))
            assert covered_pairs(figure) == [], (source, lanes)


@pytest.mark.slow
def test_no_mark_covers_another_on_a_store_of_the_corpus(corpus_store):
    figure, _, _ = callbacks.timeline_outputs(corpus_store, ViewState())
    n_marks = sum(len(t["x"]) for t in figure["data"] if t.get("customdata") is not None)
    assert n_marks > 300
    assert covered_pairs(figure) == []


def test_asserted_acts_are_solid_and_the_others_hollow():
    modalities = ["asserted", "planned", "conditional", "hypothetical", "negated"]
    frame = acts(5, modality=modalities, event_id=modalities)
    fig = go.Figure(figures.timeline_figure(frame, NO_COUNTS, ["USA"]))
    symbol = {i: t.marker.symbol for t in marks(fig) for i in t.customdata}
    assert symbol["asserted"] == "triangle-up"
    assert {symbol[m] for m in modalities[1:]} == {"triangle-up-open"}
    keys = [t.name for t in fig.data if t.customdata is None and t.mode == "markers"]
    assert any(k == "Solid: done" for k in keys)
    assert any(k.startswith("Hollow: planned, conditional, hypothetical") for k in keys)


def test_threatened_sanctions_stay_solid_when_asserted():
    # the style table draws threats with an open triangle; the chart's rule is modality's
    fig = go.Figure(
        figures.timeline_figure(acts(1, event_type="SANCTION_THREATEN"), NO_COUNTS, ["USA"])
    )
    assert marks(fig)[0].marker.symbol == "triangle-up"


def test_dates_defaulted_to_the_article_are_faded_and_the_legend_says_so():
    frame = acts(
        2,
        date_source=["explicit", "article"],
        event_id=["stated", "defaulted"],
        event_date=pd.to_datetime(["2017-11-08", "2018-02-01"]),
    )
    fig = go.Figure(figures.timeline_figure(frame, NO_COUNTS, ["USA"]))
    opacity = {i: t.marker.opacity for t in marks(fig) for i in t.customdata}
    assert opacity["defaulted"] < opacity["stated"] == 1
    hover = {i: h for t in marks(fig) for i, h in zip(t.customdata, t.hovertext, strict=True)}
    assert "date defaulted to the article's date" in hover["defaulted"]
    assert any(t.name == "Faded: date defaulted to article's date" for t in fig.data)


def test_the_top_panel_carries_the_date_axis_labels(drawn):
    _, _, fig = drawn
    assert fig.layout.xaxis.showticklabels is True and fig.layout.xaxis.side == "top"
    assert fig.layout.xaxis.anchor == "y" and fig.layout.xaxis.type == "date"


def test_lane_labels_get_room_without_plotly_automargin(drawn):
    points, _, fig = drawn
    assert fig.layout.yaxis.automargin is False
    assert (
        fig.layout.margin.l
        >= figures.label_margin(points.labels)
        > 7 * max(len(lane) for lane in points.labels)
    )


def test_imposed_and_eased_sanctions_look_different(drawn):
    _, _, fig = drawn
    by_name = {t.name: t.marker for t in marks(fig)}
    imposed = by_name[style_of("SANCTION_IMPOSE").label]
    eased = by_name[style_of("SANCTION_EASE").label]
    assert imposed.symbol != eased.symbol and imposed.color != eased.color


def test_month_and_year_events_span_their_whole_period(drawn):
    _, _, fig = drawn
    spans = [t for t in fig.data if t.type == "scatter" and t.mode == "lines"]
    segments = [
        (pd.Timestamp(t.x[i]), pd.Timestamp(t.x[i + 1]))
        for t in spans
        for i in range(0, len(t.x), 3)
    ]
    days = {(a.date().isoformat(), b.date().isoformat()) for a, b in segments}
    assert ("2014-03-01", "2014-03-31") in days
    assert ("2016-01-01", "2016-12-31") in days
    assert all(t.opacity < 1 for t in spans)


def test_hover_carries_summary_lane_date_certainty_modality_and_reports(drawn):
    _, _, fig = drawn
    hover = {i: text for t in marks(fig) for i, text in zip(t.customdata, t.hovertext, strict=True)}
    guaido = next(text for text in hover.values() if "Juan Guaidó assumes executive powers" in text)
    assert guaido == (
        "<b>Juan Guaidó assumes executive powers</b><br>Venezuela<br>2019-01-23 "
        "(day precision; date stated in the text)<br>done · reported by 1 article"
    )
    assert any("<br>2016 (year precision" in text for text in hover.values())
    assert marks(fig)[0].hovertemplate == figures.HOVER and "%{y}" not in figures.HOVER


def test_each_mark_carries_its_event_id_for_clicks(drawn):
    points, _, fig = drawn
    drawn_ids = [i for t in marks(fig) for i in t.customdata]
    assert sorted(drawn_ids) == sorted(points.frame["event_id"])


def test_article_html_in_summaries_is_escaped_for_hover(drawn):
    _, _, fig = drawn
    texts = [text for t in marks(fig) for text in t.hovertext]
    assert not any(SCRIPT in s for s in texts)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in s for s in texts)


def test_actor_names_with_html_are_escaped_in_lane_labels_and_hover(analyst_store):
    points = query.lane_points(analyst_store, EventFilter(event_types=("DEMAND",)), "actor_detail")
    assert {LINK_ACTOR, BIG_ACTOR} <= set(points.lanes)
    fig = go.Figure(
        figures.timeline_figure(
            points.frame, NO_COUNTS, points.lanes, labels=points.labels, lane_label="Actor"
        )
    )
    ticks = list(fig.layout.yaxis.ticktext)
    hover = [h for t in marks(fig) for h in t.hovertext]
    for text in ticks + hover:
        assert "<a" not in text and "<span" not in text
    assert '&lt;a href="https://evil.test/phish"&gt;Click me&lt;/a&gt;' in ticks
    assert any('&lt;span style="font-size:200px"&gt;Big&lt;/span&gt;' in h for h in hover)


def test_counts_share_the_time_axis_and_stack_by_type(drawn):
    _, counts, fig = drawn
    bars = [t for t in fig.data if t.type == "bar"]
    assert {t.yaxis for t in bars} == {"y2"}
    assert fig.layout.xaxis.matches == "x2"
    assert sum(sum(t.y) for t in bars) == counts["n"].sum()
    assert fig.layout.barmode == "stack"


def test_range_selector_offers_1m_6m_1y_all(drawn):
    _, _, fig = drawn
    labels = [b.label for b in fig.layout.xaxis.rangeselector.buttons]
    assert labels == ["1M", "6M", "1Y", "All"]


def test_selected_event_gets_a_ring_on_each_of_its_marks(store):
    points = query.lane_points(store, EventFilter(), "country")
    chosen = points.frame[points.frame["event_type"] == "RECOGNIZE"]["event_id"].iloc[0]
    fig = go.Figure(figures.timeline_figure(points.frame, NO_COUNTS, points.lanes, selected=chosen))
    ring = next(t for t in fig.data if t.name == "Selected")
    at = {y for t in marks(fig) for i, y in zip(t.customdata, t.y, strict=True) if i == chosen}
    assert set(ring.y) == at and len(at) == 5  # USA, CAN, COL, BRA, VEN


def test_explicit_range_is_shown_on_the_shared_axis_with_a_margin(store):
    points = query.lane_points(store, EventFilter(), "country")
    fig = go.Figure(
        figures.timeline_figure(
            points.frame,
            NO_COUNTS,
            points.lanes,
            x_range=(dt.date(2019, 1, 1), dt.date(2019, 3, 1)),
        )
    )
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis2.range)
    assert lo <= pd.Timestamp("2019-01-01") and hi >= pd.Timestamp("2019-03-01")
    assert hi - lo < pd.Timedelta(days=90)


def test_the_default_range_leaves_a_far_outlier_out_and_the_note_offers_it(analyst_store):
    figure, note, _ = callbacks.timeline_outputs(analyst_store, ViewState())
    lo, _ = (pd.Timestamp(v) for v in figure["layout"]["xaxis"]["range"])
    assert lo.year >= 2018  # the 1948 act does not stretch the axis
    assert "2 acts are dated outside the range shown" in note[1]
    assert note[2].children == "Show all dates"


def test_empty_figure_shows_its_message_as_text():
    fig = go.Figure(figures.empty_figure("No events match <b>these</b> filters"))
    assert fig.layout.annotations[0].text == "No events match &lt;b&gt;these&lt;/b&gt; filters"


def test_packing_leaves_undated_marks_out_of_the_rows():
    rows = figures.pack_rows(
        np.array(["a", "a"], dtype=object), np.array([np.nan, 0.0]), np.array([np.nan, 10.0])
    )
    assert list(rows) == [0, 0]
