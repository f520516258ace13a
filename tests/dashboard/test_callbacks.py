"""Callbacks as plain functions: state transitions and the panels they draw."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import logging

import duckdb
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html, no_update
from store_builder import SCRIPT

from dashboards import app as app_module
from dashboards import callbacks, data, ids, layout, panels
from dashboards.state import ViewState, from_data, from_query, to_query
from tracker import query
from tracker.errors import StoreDamaged
from tracker.query import EventFilter


def texts(component) -> list[str]:
    """Every plain string in a component tree (what React renders as text)."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, (list, tuple)):
        return [t for c in component for t in texts(c)]
    children = getattr(component, "children", None)
    return texts(children) if children is not None else []


def find(component, kind) -> list:
    """Every component of a type in a tree."""
    found = [component] if isinstance(component, kind) else []
    children = (
        component if isinstance(component, (list, tuple)) else getattr(component, "children", None)
    )
    if isinstance(children, (list, tuple)):
        found += [f for c in children for f in find(c, kind)]
    elif children is not None and not isinstance(children, str):
        found += find(children, kind)
    return found


def event_of(store, event_type: str) -> str:
    """The id of the fixture's event of a type (first, newest)."""
    return query.selection(store, EventFilter(event_types=(event_type,)))["event_id"][0]


def test_dragging_a_range_filters_dates_and_reset_clears_it():
    state = callbacks.apply_relayout(
        ViewState(), {"xaxis2.range[0]": "2019-01-20 06:00:00", "xaxis2.range[1]": "2019-02-10"}
    )
    assert (state.filter.start, state.filter.end) == (dt.date(2019, 1, 20), dt.date(2019, 2, 10))
    assert callbacks.apply_relayout(state, {"xaxis.autorange": True}).filter.start is None
    assert callbacks.apply_relayout(state, {"autosize": True}) == state


def test_range_buttons_send_a_list_range():
    state = callbacks.apply_relayout(ViewState(), {"xaxis.range": ["2019-02-06", "2018-08-06"]})
    assert (state.filter.start, state.filter.end) == (dt.date(2018, 8, 6), dt.date(2019, 2, 6))


def test_clicking_a_mark_selects_and_opens_its_event():
    click = {"points": [{"customdata": "abc123", "hovertext": "<b>s</b>"}]}
    assert callbacks.apply_click(ViewState(), click) == ViewState(event="abc123", open=True)
    older = {"points": [{"customdata": ["abc123", "s", "2019-01-23", "day", "explicit"]}]}
    assert callbacks.apply_click(ViewState(), older) == ViewState(event="abc123", open=True)
    assert callbacks.apply_click(ViewState(), {"points": [{"x": 1}]}) == ViewState()


def test_clicking_a_table_row_selects_and_opens_its_event():
    state = callbacks.apply_row_click(ViewState(), {"rowId": "abc123", "colId": "summary"})
    assert state == ViewState(event="abc123", open=True)


def test_removing_a_chip_drops_only_that_value():
    state = ViewState(
        EventFilter(countries=("VEN", "USA"), text="sanctions", start=dt.date(2019, 1, 1))
    )
    assert callbacks.remove_chip(state, "countries", "VEN").filter.countries == ("USA",)
    assert callbacks.remove_chip(state, "text", "").filter.text is None
    assert callbacks.remove_chip(state, "range", "").filter.start is None


def test_chips_name_every_active_filter(store):
    state = ViewState(EventFilter(countries=("VEN",), event_types=("SANCTION_EASE",)))
    labels = [" ".join(texts(c)) for c in panels.chips(state)]
    assert labels == ["Type: Sanctions eased / lifted  ×", "Country: Venezuela (VEN)  ×"]


def test_controls_show_the_state_they_came_from():
    state = callbacks.state_from_controls(
        ViewState(event="e1"), ("2019-01-01", None), {"countries": ["VEN"]}, " relief ", "actor"
    )
    assert state == ViewState(
        EventFilter(start=dt.date(2019, 1, 1), countries=("VEN",), text="relief"), "actor", "e1"
    )
    assert callbacks.control_values(state) == (
        "2019-01-01",
        None,
        [],
        ["VEN"],
        [],
        [],
        [],
        [],
        [],
        "relief",
        "actor",
        "any",
        [],
        None,
    )


def test_a_control_the_user_set_is_not_written_back_but_a_url_sets_every_control():
    # a late answer to "country = USA" must not undo the lane switch made meanwhile
    state = ViewState(EventFilter(countries=("USA",)), "country")
    assert all(v is no_update for v in callbacks.control_outputs(state, ids.COUNTRY))
    assert all(v is no_update for v in callbacks.control_outputs(state, ids.LANES))
    assert callbacks.control_outputs(state, ids.URL) == callbacks.control_values(state)
    chip = {"type": ids.CHIP, "field": "countries", "value": "VEN"}
    assert callbacks.control_outputs(state, chip) == callbacks.control_values(state)


def controls(countries=(), event_types=(), search="") -> dict:
    """The arguments the state callback receives: what each input shows."""
    return {
        "search": search,
        "dates": (None, None),
        "text": "",
        "lanes": "country",
        "lists": {"countries": list(countries), "event_types": list(event_types)},
        "click": None,
        "relayout": None,
        "cell": None,
        "keys": None,
    }


def test_a_filter_picked_while_another_trigger_runs_is_kept(store):
    # Dash drops the request for "type = RECOGNIZE" when the chips of the country just
    # picked are drawn meanwhile: the newer request carries the type only as a value
    stored = ViewState(EventFilter(countries=("VEN",)))
    shown = controls(countries=["VEN"], event_types=["RECOGNIZE"])
    drawn_chip = {"type": ids.CHIP, "field": "countries", "value": "VEN"}
    for trigger, fired in [
        (drawn_chip, False),
        (ids.CLOSE_DETAIL, False),
        (ids.RANGE, True),
        (ids.KEYS, True),
    ]:
        new = callbacks.next_state(store, stored, trigger, fired, shown)
        assert new.filter.event_types == ("RECOGNIZE",), trigger
        assert new.filter.countries == ("VEN",), trigger
    removed = callbacks.next_state(store, stored, drawn_chip, True, shown)
    assert removed.filter == EventFilter(event_types=("RECOGNIZE",))


def test_a_clicked_grid_row_reaches_the_state_through_its_own_store(store):
    # the grid's cellClicked is filtered in the browser (a grid just mounted reports an
    # empty click, whose request would drop a key press's); the state reads the store
    shown = {**controls(countries=["VEN"]), "cell": {"rowId": "abc123", "colId": "summary"}}
    new = callbacks.next_state(
        store, ViewState(EventFilter(countries=("VEN",))), ids.ROW, True, shown
    )
    assert (new.event, new.open) == ("abc123", True)


def test_a_url_sets_the_whole_view_whatever_the_controls_show(store):
    shown = controls(countries=["USA"], search="?country=VEN&type=RECOGNIZE")
    for trigger in (ids.URL, None):
        new = callbacks.next_state(store, ViewState(), trigger, True, shown)
        assert new.filter == EventFilter(countries=("VEN",), event_types=("RECOGNIZE",))


def test_arrow_keys_walk_the_lane_and_enter_opens(store):
    start = ViewState(EventFilter(countries=("EUR",)))
    first = callbacks.apply_key(start, "ArrowRight", store)
    assert first.event is not None and not first.open
    second = callbacks.apply_key(first, "ArrowRight", store)
    assert second.event != first.event
    assert callbacks.apply_key(second, "ArrowLeft", store).event == first.event
    opened = callbacks.apply_key(second, "Enter", store)
    assert opened.open and callbacks.apply_key(opened, "Escape", store).open is False


def test_nothing_matching_says_how_to_widen_the_view(store):
    state = ViewState(EventFilter(countries=("VEN",), event_types=("SANCTION_EASE",)))
    fig, note, _ = callbacks.timeline_outputs(store, state)
    fig = go.Figure(fig)
    assert "Remove a filter chip" in note[0]
    assert "Remove a filter chip" in fig.layout.annotations[0].text


def test_timeline_and_table_show_the_same_selection(store):
    state = ViewState(EventFilter(countries=("VEN",)))
    fig, note, _ = callbacks.timeline_outputs(store, state)
    fig = go.Figure(fig)
    rows, caption, _ = callbacks.table_outputs(store, state)
    drawn = {i for t in fig.data if t.customdata is not None for i in t.customdata}
    assert drawn == {r["event_id"] for r in rows}
    assert note[0].startswith(f"{len(rows)} acts match") and caption == f"{len(rows):,} acts."


def test_evidence_panel_highlights_the_sentence_in_its_paragraph(store):
    state = ViewState(event=event_of(store, "ASSUME_POWER"), open=True)
    panel = callbacks.detail_outputs(store, state)
    marked = find(panel, html.Mark)
    assert texts(marked) == [query.event_detail(store, state.event)["sentence"]]
    words = " ".join(texts(panel))
    assert "Juan Guaidó assumes executive powers" in words
    assert "source: Juan Guaidó (VEN)" in words
    assert "2019-01-23 (day precision)" in words
    assert "date stated in the text: “on Jan. 23”" in words and "Reported by 1 article" in words
    assert "Miami Herald" in words and "2019-02-06" in words
    link = find(panel, html.A)[0]
    assert link.href.startswith("https://www.miamiherald.com/")


def test_evidence_panel_and_table_say_how_far_to_trust_the_event(store):
    state = ViewState(event=event_of(store, "ASSUME_POWER"), open=True)
    words = " ".join(texts(callbacks.detail_outputs(store, state)))
    assert "0.90: about 90 in 100 events like this one are right" in words
    rows, _ = data.table(store, ViewState())
    assert {row["confidence"] for row in rows} == {0.9}


def test_article_html_renders_as_inert_text_and_javascript_links_are_dropped(store):
    state = ViewState(event=event_of(store, "SANCTION_IMPOSE"), open=True)
    assert "Belarus" in " ".join(texts(callbacks.detail_outputs(store, state)))
    panel = callbacks.detail_outputs(store, state)
    assert any(SCRIPT in t for t in texts(panel))
    assert not find(panel, html.A)


def test_unknown_event_from_a_link_says_so(store):
    panel = callbacks.detail_outputs(store, ViewState(event="ffffffffffffffff", open=True))
    assert "not in this store" in texts(panel)[0]


def test_empty_store_page_names_the_ingest_command(tmp_path):
    page = layout.build(tmp_path / "nothing-here")
    words = " ".join(texts(page))
    assert "No events yet" in words and "tracker ingest" in words


def test_unreadable_store_page_says_what_to_check(tmp_path):
    (tmp_path / "events").mkdir()
    words = " ".join(texts(layout.build(tmp_path)))
    assert "cannot be read" in words and "--store" in words


def test_as_of_line_names_latest_article_and_extractor(store):
    line = panels.as_of_line(query.summarize(store))
    assert "2021-06-22" in line and "test-0.1" in line and "9 events from 3 articles" in line


def test_app_factory_reads_nothing_and_serves_localhost_by_default(tmp_path):
    app = app_module.create_app(tmp_path / "not-created-yet")
    assert not (tmp_path / "not-created-yet").exists()
    assert app.server is not None
    assert inspect.signature(app_module.serve).parameters["host"].default == "127.0.0.1"


def test_exports_hold_every_event_of_the_selection(store):
    state = ViewState(EventFilter(countries=("USA",)))
    frame = data.export_frame(store, state)
    expected = set(query.selection(store, state.filter, limit=None)["event_id"])
    from_csv = pd.read_csv(io.StringIO(data.to_csv(frame)))
    from_parquet = pd.read_parquet(io.BytesIO(data.to_parquet(frame)))
    assert set(from_csv["event_id"]) == set(from_parquet["event_id"]) == expected
    assert all("USA" in c for c in from_csv["countries"])
    assert all("USA" in list(c) for c in from_parquet["countries"])


def test_the_page_comes_with_the_view_and_timeline_its_url_names(store):
    app = app_module.create_app(store)
    url = "http://127.0.0.1:8050/?country=VEN&lanes=actor&event=ffffffffffffffff"
    with app.server.test_request_context("/_dash-layout", headers={"Referer": url}):
        page = layout.build(store)
    expected = ViewState(EventFilter(countries=("VEN",)), "actor", "ffffffffffffffff")
    saved = next(c for c in find(page, dcc.Store) if c.id == ids.STATE)
    assert from_data(saved.data) == expected
    graph = next(c for c in find(page, dcc.Graph) if c.id == ids.TIMELINE)
    drawn, _, _ = callbacks.timeline_outputs(store, expected)
    assert graph.figure["layout"]["meta"] == drawn["layout"]["meta"]
    country = next(c for c in find(page, dcc.Dropdown) if c.id == ids.COUNTRY)
    assert country.value == ["VEN"]
    grid = callbacks.grid_panel(store, expected)  # mounts after the first draw
    listed = query.selection(store, expected.filter)["event_id"]
    assert [r["event_id"] for r in grid.rowData] == list(listed)


def test_without_a_referer_the_page_opens_the_default_view(store):
    page = layout.build(store)
    saved = next(c for c in find(page, dcc.Store) if c.id == ids.STATE)
    assert from_data(saved.data) == ViewState()


# ---- names, who -> whom, negated acts and dates (the analyst's store) ---------------------


def test_countries_are_offered_by_name_and_code_and_the_eu_by_its_name(analyst_store):
    options = data.country_options(query.summarize(analyst_store).options["country"])
    labels = {o["value"]: o["label"] for o in options}
    assert labels["VEN"] == "Venezuela (VEN)" and labels["EUR"] == "European Union"
    typed = [o["value"] for o in options if "venez" in o["search"].lower()]
    assert typed == ["VEN"]
    assert [o["value"] for o in options if "ven" in o["search"].lower().split()] == ["VEN"]


def test_the_table_names_types_says_where_dates_came_from_and_links_the_article(analyst_store):
    us_on_venezuela = EventFilter(
        source_countries=("USA",),
        target_countries=("VEN",),
        start=dt.date(2019, 1, 1),
        end=dt.date(2019, 12, 31),
    )
    rows, total = data.table(analyst_store, ViewState(us_on_venezuela))
    assert total == len(rows) == 3
    assert {r["event_type"] for r in rows} == {"Sanctions imposed"}
    by_date = {r["event_date"]: r for r in rows}
    assert by_date["2019-03-22"]["date_source"] == "article's date"
    assert by_date["2019-03-22"]["date_source_words"] == "date defaulted to the article's date"
    assert by_date["2019-01-28"]["date_source"] == "stated"
    assert by_date["2019-01-28"]["n_articles"] == 2
    assert all(r["url"].startswith("[article](https://news.example.org/") for r in rows)
    assert by_date["2019-08-05"]["who_whom"] == "Donald Trump → Venezuelan government"
    fields = [c[0] for c in panels.GRID_COLUMNS]
    assert {"date_source", "url", "n_articles", "who_whom"} <= set(fields)


def test_a_javascript_url_gets_no_link_in_the_table():
    assert data.link_markdown("javascript:alert(3)") == ""
    assert data.link_markdown("https://a.test/x (1)") == "[article](https://a.test/x%20%281%29)"


def test_negated_acts_are_hidden_until_shown(analyst_store):
    f = EventFilter(source_countries=("USA",), target_countries=("VEN",))
    hidden, _ = data.table(analyst_store, ViewState(f))
    shown, _ = data.table(analyst_store, ViewState(f, negated=True))
    assert "negated" not in {r["modality"] for r in hidden}
    assert len(shown) == len(hidden) + 1
    state = callbacks.state_from_controls(
        ViewState(), (None, None), {}, "", "country", "any", ["show"]
    )
    assert state.negated and "negated=1" in to_query(state)
    assert [" ".join(texts(c)) for c in panels.chips(state)] == ["Negated acts shown  ×"]


def test_a_year_preset_sets_the_dates_to_that_year_and_shows_in_the_control():
    state = callbacks.apply_year(ViewState(), "2019")
    assert (state.filter.start, state.filter.end) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert callbacks.control_values(state)[-1] == "2019"
    assert callbacks.apply_year(state, None).filter.start is None


def test_show_all_dates_widens_the_range_to_every_act(analyst_store):
    state = callbacks.show_all_dates(ViewState(), analyst_store)
    assert (state.filter.start, state.filter.end) == (dt.date(1948, 1, 1), dt.date(2020, 1, 15))
    _, note, _ = callbacks.timeline_outputs(analyst_store, state)
    assert len(note) == 1  # nothing outside any more


def test_who_whom_role_and_negated_travel_in_the_url():
    state = ViewState(
        EventFilter(
            source_countries=("USA",),
            target_countries=("VEN",),
            actors=("United States",),
            actor_role="source",
        ),
        negated=True,
    )
    query_string = to_query(state)
    assert "source=USA" in query_string and "target=VEN" in query_string
    assert "role=source" in query_string
    assert from_query(query_string) == state


def test_the_evidence_panel_says_a_date_was_defaulted(analyst_store):
    event = query.selection(analyst_store, EventFilter(actors=("U.S. Treasury",)))["event_id"][0]
    words = " ".join(
        texts(callbacks.detail_outputs(analyst_store, ViewState(event=event, open=True)))
    )
    assert "date defaulted to the article's date" in words


def test_a_damaged_store_is_one_logged_line_and_a_visible_message(caplog):
    damaged = StoreDamaged("part events/0001.parquet is corrupt; run tracker check")
    with caplog.at_level(logging.ERROR):
        try:
            raise damaged
        except StoreDamaged as error:
            shown = data.read_failure(logging.getLogger("test"), "timeline query", error)
    assert shown == f"Cannot read the store: {damaged}"
    assert [r.getMessage() for r in caplog.records] == [f"timeline query failed: {damaged}"]
    assert all(r.exc_info is None for r in caplog.records)


def test_an_unexpected_query_error_is_logged_with_its_traceback(caplog):
    with caplog.at_level(logging.ERROR):
        try:
            raise duckdb.Error("binder error")
        except duckdb.Error as error:
            shown = data.read_failure(logging.getLogger("test"), "table query", error)
    assert shown == "Cannot read the store: binder error"
    assert [r.exc_info is not None for r in caplog.records] == [True]
