"""The view state survives a round trip through the URL; junk in the URL is dropped."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from dashboards.state import ViewState, from_query, to_query
from tracker.query import EventFilter

names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))


@st.composite
def states(draw) -> ViewState:
    """Arbitrary valid views."""
    start, end = sorted([draw(dates), draw(dates)])
    lists = {
        k: tuple(dict.fromkeys(draw(st.lists(names, max_size=3))))
        for k in ("event_types", "countries", "actors", "instruments", "modalities")
    }
    text = draw(st.one_of(st.none(), names.map(str.strip).filter(bool)))
    event = draw(st.one_of(st.none(), st.from_regex(r"[0-9a-f]{16}", fullmatch=True)))
    return ViewState(
        EventFilter(start=start, end=end, text=text, **lists),
        draw(st.sampled_from(["country", "actor"])),
        event,
        bool(event) and draw(st.booleans()),
    )


@given(states())
def test_a_view_reopens_from_its_url(state):
    assert from_query(to_query(state)) == state


@given(st.text(max_size=200))
def test_any_query_string_gives_a_valid_view(junk):
    state = from_query(junk)
    assert state.lanes in ("country", "actor")
    assert state.event is None or state.event.replace("-", "").replace("_", "").isalnum()


def test_default_view_has_an_empty_url():
    assert to_query(ViewState()) == ""


def test_malformed_values_in_the_url_are_dropped():
    state = from_query(
        "?start=yesterday&lanes=../../etc&event=../../etc/passwd&open=1&country=VEN&store=/etc"
    )
    assert state == ViewState(EventFilter(countries=("VEN",)))


def test_reversed_dates_in_the_url_are_put_in_order():
    state = from_query("?start=2019-02-06&end=2019-01-23")
    assert (state.filter.start, state.filter.end) == (dt.date(2019, 1, 23), dt.date(2019, 2, 6))
