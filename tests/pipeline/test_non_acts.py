"""What did not happen is not an act: the content of a condition and site text addressed to
the reader give no event, while the acts beside them still come through (issue 15, item 4;
GUIDELINES "What is an event"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.pipeline.extracting import events, only


def _types(text: str) -> set[str]:
    return {e.event_type for e in events(text)}


@pytest.mark.parametrize(
    ("text", "not_an_act"),
    [
        ("Russia will face sanctions if the army launches an offensive.", "MILITARY_ACTION"),
        (
            "Israel will reopen the crossing unless Hamas fires more rockets at Ashkelon.",
            "MILITARY_ACTION",
        ),
        (
            "The sanctions will stay in place unless Caracas recognizes Kosovo as a state.",
            "RECOGNIZE",
        ),
        # the duties Ankara might impose are no threat by Turkey
        (
            "Turkey will face new tariffs if Ankara imposes duties on American cars.",
            "SANCTION_THREATEN",
        ),
        (
            "Britain will freeze the talks unless Moscow sanctions the oligarchs.",
            "SANCTION_THREATEN",
        ),
    ],
)
def test_what_a_condition_asks_for_is_no_act(text, not_an_act):
    assert not_an_act not in _types(text)


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("Hamas fired rockets at Ashkelon on Tuesday.", "MILITARY_ACTION"),
        ("Minsk expelled the Lithuanian ambassador on Tuesday.", "DIPLOMATIC_CUT"),
        ("Caracas recognized Kosovo as a state on Tuesday.", "RECOGNIZE"),
    ],
)
def test_the_same_acts_told_outright_still_come_through(text, act):
    assert act in _types(text)


def test_the_act_that_hangs_on_a_condition_is_still_told():
    # the condition's content goes, the conditional act it governs stays (as a threat)
    threat = only(
        "If the talks fail, Japan will expand its sanctions on North Korea.", "SANCTION_THREATEN"
    )
    assert threat.modality == "asserted"
    offer = only(
        "The EU will lift the visa ban if Minsk recalls its ambassador from Vilnius.",
        "SANCTION_RELIEF_OFFER",
    )
    assert offer.modality == "conditional"


def test_once_told_in_the_past_is_a_time_not_a_condition():
    lifted = only(
        "Once the United Nations lifted the embargo in 2016, trade resumed.", "SANCTION_EASE"
    )
    assert lifted.modality == "asserted"
    assert lifted.event_date is not None and lifted.event_date.year == 2016


@pytest.mark.parametrize(
    "text",
    [
        "The Washington Post's Live Briefing gives you the latest on military aid to Ukraine.",
        "The Reuters Daily Briefing gives you the latest on military aid to Ukraine.",
        "The Guardian's Morning Mail gives you weapons news and aid updates from Kyiv.",
        "The BBC World Service app gives you the latest on arms sales to Taiwan.",
    ],
)
def test_a_promo_addressed_to_the_reader_is_no_act(text):
    assert events(text) == []


def test_you_inside_a_quotation_is_whom_the_speaker_addresses():
    quoted = only("“We will give you more air defence missiles,” Biden told Zelensky.", "AID")
    assert quoted.modality == "planned"
    told = only("The United States gave Ukraine more air defence missiles on Monday.", "AID")
    assert told.modality == "asserted"


def test_once_in_reported_speech_is_still_a_condition():
    # the past tense is the report's, not the act's: "would lift ... once Washington scrapped"
    offer = only(
        "The finance minister said Canada would lift the tariffs once Washington scrapped "
        "its duties on steel.",
        "SANCTION_RELIEF_OFFER",
    )
    assert offer.modality == "conditional"


@pytest.mark.parametrize(
    "text",
    [
        "Ottawa offered to ease sanctions on Havana.",
        "The EU has offered to lift its arms embargo on Beijing.",
        "Washington offered on Friday to suspend the tariffs on Mexican steel.",
    ],
)
def test_an_easing_offered_is_an_offer_not_an_easing(text):
    found = {e.event_type: e for e in events(text)}
    assert "SANCTION_EASE" not in found
    assert found["SANCTION_RELIEF_OFFER"].modality == "conditional"


def test_an_easing_done_stays_an_easing():
    eased = only("The EU lifted its arms embargo on Beijing on Friday.", "SANCTION_EASE")
    assert eased.modality == "asserted"


@pytest.mark.parametrize(
    "text",
    [
        "Venezuela will recover funds that were frozen by U.S. and European banks.",
        "Moscow plans to reclaim the assets frozen by the European Union.",
        "Libya could soon unlock billions of dollars in assets that were frozen by the "
        "United Nations.",
    ],
)
def test_a_measure_that_only_describes_what_a_future_act_is_about_is_no_act(text):
    # the freeze is the state of the funds the act is about, not an act the sentence reports
    assert "SANCTION_IMPOSE" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        # dated: the clause reports when the freeze happened
        "Venezuela will recover funds that were frozen by U.S. banks in 2017.",
        # active: the banks are told as acting
        "Iran will recover assets that South Korean banks froze last year.",
        # the freeze told outright
        "The European Union froze the assets of Russian officials on Monday.",
    ],
)
def test_a_freeze_told_as_an_act_still_comes_through(text):
    assert "SANCTION_IMPOSE" in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Treasury will vigorously enforce these sanctions.",
        "The Indian navy enforces the UN arms embargo on Somalia.",
        "Turkey has pledged to enforce the European sanctions on Syria.",
        "The State Department is enforcing the restrictions on Cuban hotels more strictly.",
    ],
)
def test_enforcing_measures_already_imposed_imposes_none(text):
    assert "SANCTION_IMPOSE" not in _types(text)


def test_a_measure_on_something_other_than_property_stays_an_act():
    # duties named under a planned challenge are still the EU's act (so the gold has them)
    assert "SANCTION_IMPOSE" in _types(
        "China plans to challenge antidumping duties imposed by the European Union on "
        "Chinese screws."
    )
