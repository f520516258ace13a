"""An event's confidence is a calibrated probability: fitted on labelled events, read from a
checked table, higher where the evidence is better (told as done and dated by its sentence,
a sanction, in the lead, told twice)."""

from __future__ import annotations

import math
import random

import pytest

from tracker import confidence
from tracker.errors import DataTableError

NONE = dict.fromkeys(confidence.FEATURES, 0.0)


def _row(**on: float) -> dict[str, float]:
    return {**NONE, **on}


def test_a_fit_without_informative_features_predicts_the_base_rate():
    rows = [_row()] * 50
    correct = [i < 15 for i in range(50)]
    model = confidence.fit(rows, correct, l2=3.0)
    assert confidence.probability(_row(), model) == pytest.approx(0.30, abs=1e-6)


def test_a_fit_ranks_events_dated_by_their_sentence_above_undated_ones():
    rng = random.Random(1)
    rows, correct = [], []
    for _ in range(400):
        dated = rng.random() < 0.5
        rows.append(_row(dated_done=float(dated)))
        correct.append(rng.random() < (0.85 if dated else 0.45))
    model = confidence.fit(rows, correct, l2=1.0)
    assert confidence.probability(_row(dated_done=1.0), model) == pytest.approx(0.85, abs=0.06)
    assert confidence.probability(_row(), model) == pytest.approx(0.45, abs=0.06)


def test_the_shipped_weights_are_finite_and_reward_a_dated_lead():
    model = confidence.weights()
    assert all(math.isfinite(v) for v in model.values())
    best = confidence.features("SANCTION_IMPOSE", "asserted", "explicit", 0, 2, 2, 0.9)
    worst = confidence.features("DEMAND", "planned", "article", 40, 1, 1, 0.05)
    assert 0.0 < confidence.probability(worst, model) < confidence.probability(best, model) < 1.0


def test_a_weights_table_missing_a_feature_is_refused_by_name(monkeypatch):
    monkeypatch.setattr(
        confidence, "read_toml", lambda name: {"weights": {"bias": 0.1, "lede": 0.2}}
    )
    with pytest.raises(DataTableError, match="confidence.toml.*dated_done"):
        confidence.weights.__wrapped__()


def test_a_weights_table_with_a_non_number_is_refused(monkeypatch):
    table = {"weights": {**dict.fromkeys(confidence.FEATURES, 0.1), "bias": "high"}}
    monkeypatch.setattr(confidence, "read_toml", lambda name: table)
    with pytest.raises(DataTableError, match="bias"):
        confidence.weights.__wrapped__()


def test_seed_events_carry_probabilities_that_tell_them_apart(seed_events):
    assert seed_events["confidence"].between(0.01, 0.99).all()
    assert seed_events["confidence"].nunique() > 1


@pytest.mark.parametrize(
    ("event_type", "modality", "date_source", "dated", "kind"),
    [
        (
            "SANCTION_IMPOSE",
            "asserted",
            "explicit",
            1.0,
            "sanction",
        ),  # "imposed sanctions on Jan. 28"
        ("SANCTION_EASE", "asserted", "relative", 1.0, "sanction"),  # "lifted sanctions on Friday"
        ("SANCTION_IMPOSE", "planned", "explicit", 0.0, None),  # "will impose tariffs Sept. 1"
        ("SANCTION_IMPOSE", "asserted", "article", 0.0, None),  # dated only by the story
        ("DEMAND", "asserted", "relative", 1.0, "speech"),  # "urged on Monday"
        ("ACCUSE", "asserted", "article", 0.0, None),  # "accused", no date of its own
        ("MILITARY_ACTION", "asserted", "explicit", 1.0, None),  # "struck on Oct. 31"
    ],
)
def test_only_an_act_told_as_done_and_dated_by_its_sentence_counts_as_dated(
    event_type, modality, date_source, dated, kind
):
    values = confidence.features(event_type, modality, date_source, 5, 1, 1, 0.5)
    assert values["dated_done"] == dated
    assert values["dated_sanction_done"] == float(kind == "sanction")
    assert values["dated_speech_done"] == float(kind == "speech")


def test_the_detectors_probability_enters_the_model_as_it_is():
    values = confidence.features("AID", "asserted", "article", 3, 1, 0, 0.37)
    assert values["detected"] == 0.37
