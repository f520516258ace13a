"""Figures are pure functions of the query layer's frames."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
from store_builder import SCRIPT

from dashboards import figures
from dashboards.styles import style_of
from tracker import query
from tracker.query import EventFilter


@pytest.fixture(scope="module")
def drawn(store):
    """The timeline of the whole fixture store, by country."""
    points = query.lane_points(store, EventFilter(), "country")
    counts = query.counts_over_time(store, EventFilter(), "month")
    fig = go.Figure(figures.timeline_figure(points.frame, counts, points.lanes))
    return points, counts, fig


def marks(fig: go.Figure) -> list:
    """The traces drawing events in the lanes (not spans, rings or count bars)."""
    return [t for t in fig.data if t.type == "scatter" and t.mode == "markers"
            and t.customdata is not None]


def test_one_lane_per_country_busiest_on_top(drawn):
    points, _, fig = drawn
    lanes = list(fig.layout.yaxis.categoryarray)
    assert lanes == list(reversed(points.lanes))
    assert {y for t in marks(fig) for y in t.y} == set(points.lanes)


def test_point_events_are_markers_not_timeline_bars(drawn):
    _, _, fig = drawn
    assert marks(fig)
    assert all(t.xaxis == "x" for t in marks(fig))
    assert not [t for t in fig.data if t.type == "bar" and t.yaxis == "y"]
    assert not [t for t in fig.data if t.type == "scattergl"]  # the bundle has no WebGL


def test_each_type_has_one_legend_entry_and_coarse_marks_are_faded(drawn):
    _, _, fig = drawn
    shown = [t.name for t in marks(fig) if t.showlegend is not False]
    assert len(shown) == len(set(shown)) == len({t.name for t in marks(fig)})
    for t in marks(fig):
        coarse = {"(day precision" not in text for text in t.hovertext}
        assert len(coarse) == 1  # one precision group per trace, so style is per trace
        assert (t.marker.opacity < 1) == coarse.pop()


def test_lane_labels_get_room_without_plotly_automargin(drawn):
    points, _, fig = drawn
    assert fig.layout.yaxis.automargin is False
    assert fig.layout.margin.l >= figures.label_margin(points.lanes) > 7 * max(
        len(lane) for lane in points.lanes)


def test_imposed_and_eased_sanctions_look_different(drawn):
    _, _, fig = drawn
    by_name = {t.name: t.marker for t in marks(fig)}
    imposed = by_name[style_of("SANCTION_IMPOSE").label]
    eased = by_name[style_of("SANCTION_EASE").label]
    assert imposed.symbol != eased.symbol and imposed.color != eased.color


def test_month_and_year_events_span_their_whole_period(drawn):
    _, _, fig = drawn
    spans = [t for t in fig.data if t.type == "scatter" and t.mode == "lines"]
    segments = [(pd.Timestamp(t.x[i]), pd.Timestamp(t.x[i + 1]))
                for t in spans for i in range(0, len(t.x), 3)]
    days = {(a.date().isoformat(), b.date().isoformat()) for a, b in segments}
    assert ("2014-03-01", "2014-03-31") in days
    assert ("2016-01-01", "2016-12-31") in days
    assert all(t.opacity < 1 for t in spans)


def test_hover_carries_summary_date_precision_and_source(drawn):
    _, _, fig = drawn
    hover = {i: text for t in marks(fig) for i, text in zip(t.customdata, t.hovertext,
                                                               strict=True)}
    guaido = next(text for text in hover.values()
                  if "Juan Guaidó assumes executive powers" in text)
    assert guaido == ("<b>Juan Guaidó assumes executive powers</b><br>2019-01-23 "
                      "(day precision, date explicit)")
    assert any("<br>2016 (year precision" in text for text in hover.values())
    assert "%{hovertext}" in marks(fig)[0].hovertemplate and "%{y}" in marks(fig)[0].hovertemplate


def test_each_mark_carries_its_event_id_for_clicks(drawn):
    points, _, fig = drawn
    drawn_ids = [i for t in marks(fig) for i in t.customdata]
    assert sorted(drawn_ids) == sorted(points.frame["event_id"])


def test_article_html_in_summaries_is_escaped_for_hover(drawn):
    _, _, fig = drawn
    texts = [text for t in marks(fig) for text in t.hovertext]
    assert not any(SCRIPT in s for s in texts)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in s for s in texts)


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


def test_selected_event_gets_a_ring_in_each_of_its_lanes(store):
    points = query.lane_points(store, EventFilter(), "country")
    chosen = points.frame[points.frame["event_type"] == "RECOGNIZE"]["event_id"].iloc[0]
    fig = go.Figure(figures.timeline_figure(points.frame, points.frame.iloc[0:0].assign(
        period=[], n=[]), points.lanes, selected=chosen))
    ring = next(t for t in fig.data if t.name == "Selected")
    assert set(ring.y) == {"USA", "CAN", "COL", "BRA", "VEN"}


def test_explicit_range_is_applied_to_the_shared_axis(store):
    import datetime as dt

    points = query.lane_points(store, EventFilter(), "country")
    counts = query.counts_over_time(store, EventFilter(), "month")
    fig = go.Figure(figures.timeline_figure(
        points.frame, counts, points.lanes, x_range=(dt.date(2019, 1, 1), dt.date(2019, 3, 1))))
    assert list(fig.layout.xaxis2.range) == ["2019-01-01", "2019-03-01"]


def test_empty_figure_shows_its_message_as_text():
    fig = go.Figure(figures.empty_figure("No events match <b>these</b> filters"))
    assert fig.layout.annotations[0].text == "No events match &lt;b&gt;these&lt;/b&gt; filters"
