"""The DuckDB query layer answers the dashboard's questions from the store."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from store_builder import (
    SCRIPT,
    build_store,
    fixture_records,
    measures_article,
    write_records,
)

from tracker import query
from tracker.errors import StoreError
from tracker.query import EventFilter


def all_events() -> pd.DataFrame:
    """The fixture's events as written, for comparing against."""
    rows = [
        {
            "event_id": e.event_id,
            "event_type": e.event_type,
            "event_date": e.event_date,
            "countries": {a.country for a in e.actors},
            "names": {a.name for a in e.actors},
        }
        for _, events in fixture_records()
        for e in events
    ]
    return pd.DataFrame(rows)


def test_unfiltered_selection_holds_every_event_newest_first(store):
    rows = query.selection(store, EventFilter())
    assert set(rows["event_id"]) == set(all_events()["event_id"])
    assert rows["event_date"].is_monotonic_decreasing


def test_country_filter_keeps_events_with_an_actor_of_that_country(store):
    expected = {r.event_id for r in all_events().itertuples() if "VEN" in r.countries}
    rows = query.selection(store, EventFilter(countries=("VEN",)))
    assert set(rows["event_id"]) == expected
    assert all("VEN" in c for c in rows["countries"])


def test_filters_combine_and_dates_are_inclusive(store):
    f = EventFilter(
        start=dt.date(2019, 1, 23),
        end=dt.date(2019, 2, 6),
        event_types=("SANCTION_IMPOSE", "ASSUME_POWER"),
    )
    rows = query.selection(store, f)
    assert sorted(rows["event_type"]) == ["ASSUME_POWER", "SANCTION_IMPOSE"]


def test_text_filter_matches_sentence_words_case_insensitively(store):
    rows = query.selection(store, EventFilter(text="FRAUDULENT ELECTIONS"))
    assert list(rows["event_type"]) == ["RECOGNIZE"]


def test_actor_filter_matches_sources_and_targets(store):
    rows = query.selection(store, EventFilter(actors=("Juan Guaidó",)))
    assert set(rows["event_type"]) == {"ASSUME_POWER", "RECOGNIZE"}


def test_country_lanes_put_an_event_in_each_of_its_countries(store):
    points = query.lane_points(store, EventFilter(event_types=("RECOGNIZE",)), "country")
    assert set(points.frame["lane"]) == {"USA", "CAN", "COL", "BRA", "VEN"}
    assert points.total == points.shown == 1


def test_actor_lanes_roll_people_up_to_their_country_busiest_first(store):
    points = query.lane_points(store, EventFilter(), "actor")
    assert points.lanes[0] == "United States"
    assert "Juan Guaidó" not in points.lanes and "Venezuela" in points.lanes
    assert "European Union" in points.lanes  # an organisation stays itself


def test_actor_detail_lanes_keep_every_actor_apart(store):
    points = query.lane_points(store, EventFilter(), "actor_detail")
    assert {"Juan Guaidó", "John Bolton", "United States"} <= set(points.lanes)


def test_marks_are_capped_by_a_stable_sample_and_lanes_by_count(store):
    first = query.lane_points(store, EventFilter(), "country", max_events=3, max_lanes=2)
    again = query.lane_points(store, EventFilter(), "country", max_events=3, max_lanes=2)
    assert first.total == len(all_events()) and first.shown <= 3
    assert first.frame.equals(again.frame)
    assert len(first.lanes) == 2 and first.hidden_lanes == 9 - 2
    assert set(first.frame["lane"]) <= set(first.lanes)


def test_counts_over_time_count_every_matching_event(store):
    counts = query.counts_over_time(store, EventFilter(), "year")
    assert counts["n"].sum() == len(all_events())
    by_year = counts.groupby(counts["period"].dt.year)["n"].sum().to_dict()
    assert by_year[2019] == 6


def test_bucket_follows_the_span_shown():
    assert query.choose_bucket(dt.date(2019, 1, 1), dt.date(2019, 2, 1)) == "day"
    assert query.choose_bucket(dt.date(2015, 1, 1), dt.date(2019, 2, 1)) == "month"
    assert query.choose_bucket(dt.date(1950, 1, 1), dt.date(2019, 2, 1)) == "year"


def test_event_detail_indexes_its_sentence_in_the_article_text(store):
    event_id = query.selection(store, EventFilter(event_types=("ASSUME_POWER",)))["event_id"][0]
    detail = query.event_detail(store, event_id)
    assert detail["text"][detail["char_start"] : detail["char_end"]] == detail["sentence"]
    assert {(a["role"], a["name"]) for a in detail["actors"]} == {("source", "Juan Guaidó")}


def test_event_detail_of_unknown_id_is_none(store):
    assert query.event_detail(store, "0000000000000000") is None


def test_neighbour_walks_a_lane_in_date_order(store):
    eu = query.selection(store, EventFilter(countries=("EUR",))).sort_values("event_date")
    ids = list(eu["event_id"])
    f = EventFilter()
    assert query.neighbour_event(store, f, "country", ids[0], 1) == ids[1]
    assert query.neighbour_event(store, f, "country", ids[1], -1) == ids[0]
    assert query.neighbour_event(store, f, "country", ids[-1], 1) is None


def test_a_new_ingest_is_seen_by_the_next_query(tmp_path):
    root = write_records(tmp_path / "s", fixture_records()[:1])
    before = query.summarize(root).n_events
    build_store(root)
    assert query.summarize(root).n_events > before
    assert query.summarize(root).latest_published == dt.date(2021, 6, 22)


def test_summary_lists_filter_choices_and_as_of_facts(store):
    found = query.summarize(store)
    assert found.latest_published == dt.date(2021, 6, 22)
    assert "VEN" in found.options["country"]
    assert found.extractor_versions == ("test-0.1",)
    assert measures_article().published < found.latest_published


def test_query_values_are_parameters_not_sql(store):
    rows = query.selection(store, EventFilter(text="'; DROP TABLE ev; --", countries=("x'y",)))
    assert rows.empty
    assert query.selection(store, EventFilter(text=SCRIPT))["event_type"].tolist() == [
        "SANCTION_IMPOSE"
    ]


def test_a_directory_that_is_not_a_store_raises_store_error(tmp_path):
    (tmp_path / "events").mkdir()
    with pytest.raises(StoreError):
        query.summarize(tmp_path)


# ---- who -> whom, rolled-up actors, acts (the analyst's store) ----------------------------

US_ON_VEN_2019 = EventFilter(
    source_countries=("USA",),
    target_countries=("VEN",),
    event_types=("SANCTION_IMPOSE",),
    start=dt.date(2019, 1, 1),
    end=dt.date(2019, 12, 31),
)


def test_acting_and_target_countries_combine_with_and(analyst_store):
    rows = query.selection(analyst_store, US_ON_VEN_2019, acts=True)
    assert all("USA" in list(s) for s in rows["source_countries"])
    assert all("VEN" in list(t) for t in rows["target_countries"])
    assert not rows["summary"].str.contains("Venezuela imposed|on Russia|European Union").any()
    either = query.selection(analyst_store, EventFilter(countries=("USA", "VEN")), acts=True)
    assert len(either) > len(rows)  # "any side" stays an OR


def test_one_row_per_act_reported_by_two_articles(analyst_store):
    rows = query.selection(analyst_store, US_ON_VEN_2019, acts=True)
    mentions = query.selection(analyst_store, US_ON_VEN_2019)
    assert len(mentions) == len(rows) + 1
    pdvsa = rows[rows["event_date"] == pd.Timestamp("2019-01-28")]
    assert list(pdvsa["n_articles"]) == [2]
    assert query.count_acts(analyst_store, US_ON_VEN_2019) == len(rows)


def test_the_united_states_finds_the_acts_of_its_people_and_offices(analyst_store):
    rows = query.selection(
        analyst_store, EventFilter(actors=("United States",), actor_role="source"), acts=True
    )
    sources = {name for names in rows["sources"] for name in names}
    assert {"Donald Trump", "U.S. Treasury", "United States"} <= sources
    assert "Venezuela" not in sources  # Venezuela's act on the US has the US as target


def test_actor_role_target_finds_acts_done_to_the_actor(analyst_store):
    rows = query.selection(
        analyst_store, EventFilter(actors=("United States",), actor_role="target"), acts=True
    )
    assert set(rows["summary"]) >= {"Venezuela imposed sanctions on U.S. diplomats on 1 May 2019"}
    assert all("USA" in list(t) for t in rows["target_countries"])


def test_organisations_stay_themselves_when_actors_roll_up(analyst_store):
    names = query.summarize(analyst_store).options["actor"]
    assert "United States" in names and "European Union" in names
    rows = query.selection(analyst_store, EventFilter(actors=("European Union",)), acts=True)
    assert list(rows["sources"].map(list)) == [["European Union"]]


def test_negated_acts_can_be_left_out(analyst_store):
    shown = query.selection(analyst_store, US_ON_VEN_2019)
    kept = query.selection(
        analyst_store,
        EventFilter(
            **{
                **{
                    f: getattr(US_ON_VEN_2019, f)
                    for f in ("source_countries", "target_countries", "event_types", "start", "end")
                },
                "without_modalities": ("negated",),
            }
        ),
    )
    assert "negated" in set(shown["modality"]) and "negated" not in set(kept["modality"])


def test_the_date_window_leaves_a_far_outlier_out_and_counts_it(analyst_store):
    window = query.date_window(analyst_store, EventFilter())
    assert window.first == dt.date(1948, 1, 1) and window.low > dt.date(2018, 1, 1)
    assert window.before == 1 and window.low <= dt.date(2018, 11, 1)
    assert window.high >= dt.date(2019, 8, 5)


def test_country_lanes_are_named_by_the_gazetteer(analyst_store):
    points = query.lane_points(analyst_store, EventFilter(), "country")
    named = dict(zip(points.lanes, points.labels, strict=True))
    assert named["VEN"] == "Venezuela" and named["EUR"] == "European Union"
