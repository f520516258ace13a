"""The learned detector overrules the trigger rules where it is sure: a policy act told
with words the lexicon reads as something else ("approved", "passed", "unveiled" are
sanction verbs there, and their rules decline a stimulus, a bill or a subsidy) comes
through as the type the detector reads, placed with its actor. With the detector's
`overrule` and `sure` thresholds off, the same sentences give nothing. Sentences written
for this test."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tracker.detect import DEFAULT_THRESHOLDS, detector, use

from .extracting import countries, events

POLICY_ACTS = [
    ("The Japanese cabinet approved a 3 trillion yen stimulus package on Tuesday.", "JPN"),
    ("The Polish senate passed a pension reform bill on Friday.", "POL"),
    ("Peru's government unveiled a new mining tax bill on Tuesday.", "PER"),
]


@pytest.mark.parametrize(("sentence", "country"), POLICY_ACTS)
def test_a_policy_act_the_rules_decline_comes_through_where_the_detector_is_sure(
    sentence: str, country: str
) -> None:
    found = [e for e in events(sentence) if e.event_type == "OTHER_POLICY"]
    assert len(found) == 1
    assert countries(found[0], "source") == {country}
    assert found[0].event_date is not None and found[0].date_source != "article"


@pytest.mark.parametrize(("sentence", "country"), POLICY_ACTS)
def test_without_the_detectors_say_the_rules_alone_give_nothing(
    sentence: str, country: str
) -> None:
    rules_alone = {**DEFAULT_THRESHOLDS, "overrule": 2.0, "sure": 2.0}
    with use(replace(detector(), thresholds=rules_alone)):
        assert events(sentence) == []
