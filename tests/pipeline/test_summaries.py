"""A summary follows the event's modality: an act refused, planned, weighed or threatened is
never told as done, and the words that make it so come from the sentence where it has them
("refuses to", "drops plans to", "considers", "could"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.pipeline.extracting import only


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # the verb that governs the act
        (
            "Russia refused to lift its ban on Polish meat.",
            "SANCTION_EASE",
            "Russia refuses to lift its ban on Polish meat",
        ),
        (
            "Britain is considering imposing sanctions on Chinese officials.",
            "SANCTION_IMPOSE",
            "United Kingdom considers imposing sanctions on Chinese officials",
        ),
        (
            "The EU is expected to extend sanctions on Russia.",
            "SANCTION_IMPOSE",
            "European Union is expected to extend sanctions on Russia",
        ),
        # the plan the act completes, and the verb that undoes the plan
        (
            "The Treasury dropped plans to impose sanctions on the bank.",
            "SANCTION_IMPOSE",
            "US Treasury drops plans to impose sanctions",
        ),
        (
            "China vetoed a resolution to impose sanctions on Syria.",
            "SANCTION_IMPOSE",
            "China vetoes resolution to impose sanctions on Syria",
        ),
        # a trigger that itself weighs or undoes the act says so with its own object
        (
            "Britain is considering sanctions on Chinese officials.",
            "SANCTION_IMPOSE",
            "United Kingdom considers sanctions on Chinese officials",
        ),
        (
            "Congress blocked the sale of arms to Riyadh.",
            "AID",
            "US Congress blocks sale of arms to Riyadh",
        ),
    ],
)
def test_a_summary_says_what_the_sentence_says_of_the_act(text, event_type, expected):
    assert only(text, event_type).summary == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Japan said it would impose tariffs on Korean chips.",
            "Japan threatens to impose tariffs",
        ),
        (
            "The EU could impose sanctions on Turkey.",
            "European Union threatens to impose sanctions",
        ),
        (
            "Washington will impose tariffs unless Beijing cuts its subsidies to steelmakers.",
            "United States threatens to impose tariffs",
        ),
    ],
)
def test_a_threat_read_from_an_imposition_is_told_as_a_threat(text, expected):
    threat = only(text, "SANCTION_THREATEN")
    assert threat.summary == expected


def test_an_easing_offered_on_a_condition_is_told_as_offered():
    offer = only(
        "The EU will lift the visa ban if Minsk recalls its ambassador from Vilnius.",
        "SANCTION_RELIEF_OFFER",
    )
    assert offer.summary == "European Union offers to lift visa ban"


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        (
            "The United States imposed sanctions on Iran's central bank on Monday.",
            "SANCTION_IMPOSE",
            "United States imposes sanctions on Iran's central bank",
        ),
        (
            "Minsk expelled the Lithuanian ambassador on Tuesday.",
            "DIPLOMATIC_CUT",
            "Belarus expels Lithuanian ambassador",
        ),
    ],
)
def test_an_act_that_happened_is_told_as_done(text, event_type, expected):
    assert only(text, event_type).summary == expected


def test_a_perfect_governor_is_not_read_as_a_passive():
    planned = only("Turkey has pledged to impose tariffs on American cars.", "SANCTION_IMPOSE")
    assert planned.summary.startswith("Turkey pledges to impose tariffs")
