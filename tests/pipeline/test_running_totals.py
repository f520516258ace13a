"""A running total ("has slapped more than 40 officials with sanctions") sums acts over
time and has no date of its own: it stays undated (event_date None; date_source "article",
the text gives it no date) instead of taking the story's day, while a dated act, or a
perfect with no count, keeps its date. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.pipeline.extracting import PUBLISHED, only


@pytest.mark.parametrize(
    "text",
    [
        "The United States has slapped more than 40 officials with sanctions.",
        "The EU has so far blacklisted 150 Russian officials.",
        "Washington has imposed sanctions on dozens of Venezuelan officials to date.",
        "Canada has sanctioned at least 30 Iranian officials since the crackdown.",
    ],
)
def test_a_running_total_stays_undated(text):
    total = only(text, "SANCTION_IMPOSE")
    assert total.event_date is None and total.date_precision is None
    assert total.date_source == "article"
    assert total.modality == "asserted"


@pytest.mark.parametrize(
    ("text", "date_source"),
    [
        # a total with a start takes the start (GUIDELINES: a range takes its start)
        ("Since 2014 the EU has blacklisted more than 150 Russian officials.", "explicit"),
        # one dated act with a count
        ("The United States slapped sanctions on 40 officials on Monday.", "relative"),
    ],
)
def test_a_dated_count_keeps_its_date(text, date_source):
    event = only(text, "SANCTION_IMPOSE")
    assert event.event_date is not None and event.date_source == date_source


def test_a_perfect_without_a_sum_takes_the_story_day():
    event = only(
        "The United States has imposed sanctions on Iran's central bank.", "SANCTION_IMPOSE"
    )
    assert (event.event_date, event.date_source) == (PUBLISHED, "article")


def test_an_approximate_amount_is_no_count_of_acts():
    demand = only(
        "Brussels has demanded spending cuts worth about 1 percent of GDP from Athens.", "DEMAND"
    )
    assert demand.event_date == PUBLISHED
