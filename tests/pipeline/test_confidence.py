"""An event's confidence is a calibrated probability: fitted on labelled events, read from a
checked table, higher where the evidence is better (the detector reads the sentence as
such an act, told as done, a dated sanction, sides placed in countries, in the lead) and
computed at run time from the same facts the fit reads from out-of-fold predictions."""

from __future__ import annotations

import dataclasses
import importlib.util
import math
import random
import sys
from pathlib import Path

import pytest

from tracker import confidence
from tracker.crossval import event_record
from tracker.errors import DataTableError

from .extracting import events, only

ROOT = Path(__file__).resolve().parents[2]
NONE = dict.fromkeys(confidence.FEATURES, 0.0)
# A well-told act: asserted, a sanction dated by its sentence, both sides placed, in the lead.
GOOD = confidence.Facts(
    event_type="SANCTION_IMPOSE",
    modality="asserted",
    date_source="explicit",
    date_precision="day",
    sentence_index=0,
    sources=1,
    targets=1,
    source_placed=True,
    target_placed=True,
    trigger_is_root=True,
    detected=0.9,
)


def _row(**on: float) -> dict[str, float]:
    return {**NONE, **on}


def _calibrate():
    """benchmarks/calibrate.py as a module (it imports benchmarks/gold.py beside it)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("calibrate", ROOT / "benchmarks" / "calibrate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _p(facts: confidence.Facts) -> float:
    return confidence.probability(confidence.features(facts), confidence.weights())


def test_a_fit_without_informative_features_predicts_the_base_rate():
    rows = [_row()] * 50
    correct = [i < 15 for i in range(50)]
    model = confidence.fit(rows, correct, l2=3.0)
    assert confidence.probability(_row(), model) == pytest.approx(0.30, abs=1e-6)


def test_a_fit_recovers_the_right_rates_of_an_informative_fact():
    rng = random.Random(1)
    rows, correct = [], []
    for _ in range(400):
        told_as_done = rng.random() < 0.5
        rows.append(_row(asserted=float(told_as_done)))
        correct.append(rng.random() < (0.85 if told_as_done else 0.45))
    model = confidence.fit(rows, correct, l2=1.0)
    assert confidence.probability(_row(asserted=1.0), model) == pytest.approx(0.85, abs=0.06)
    assert confidence.probability(_row(), model) == pytest.approx(0.45, abs=0.06)


def test_the_shipped_weights_are_finite_probabilities_strictly_inside_zero_and_one():
    assert all(math.isfinite(v) for v in confidence.weights().values())
    worst = dataclasses.replace(
        GOOD,
        event_type="DEMAND",
        modality="hypothetical",
        date_source="article",
        date_precision="year",
        sentence_index=40,
        source_placed=False,
        target_placed=False,
        detected=0.0,
    )
    assert 0.0 < _p(worst) < _p(GOOD) < 1.0


def test_the_more_sure_the_detector_the_more_confident_but_never_certain():
    ladder = [_p(dataclasses.replace(GOOD, detected=d)) for d in (0.0, 0.1, 0.5, 0.9, 1.0)]
    assert ladder == sorted(ladder)
    assert ladder[0] < ladder[-1] < 0.99


@pytest.mark.parametrize("modality", ["hypothetical", "conditional", "negated"])
def test_an_act_that_did_not_happen_is_trusted_less_than_one_told_as_done(modality):
    assert _p(dataclasses.replace(GOOD, modality=modality)) < _p(GOOD)


def test_an_act_told_by_the_sentences_main_verb_is_trusted_more():
    assert _p(dataclasses.replace(GOOD, trigger_is_root=False)) < _p(GOOD)


@pytest.mark.parametrize(
    ("text", "main_verb"),
    [
        ("The European Union imposed sanctions on Belarus on Monday.", True),
        ("Britain said on Monday that the European Union imposed sanctions on Belarus.", False),
        (
            "The European Union, which imposed sanctions on Belarus on Monday, met in Brussels "
            "on Tuesday.",
            False,
        ),
    ],
)
def test_an_event_knows_whether_its_trigger_is_the_main_verb(text, main_verb):
    event = only(text, "SANCTION_IMPOSE")
    assert confidence.facts(event).trigger_is_root is main_verb


def test_a_side_placed_in_no_country_lowers_confidence():
    assert _p(dataclasses.replace(GOOD, target_placed=False)) < _p(GOOD)
    assert _p(dataclasses.replace(GOOD, source_placed=False)) < _p(GOOD)


@pytest.mark.parametrize(
    ("event_type", "modality", "date_source", "counts"),
    [
        ("SANCTION_IMPOSE", "asserted", "explicit", True),  # "imposed sanctions on Jan. 28"
        ("SANCTION_EASE", "asserted", "relative", True),  # "lifted sanctions on Friday"
        ("SANCTION_IMPOSE", "planned", "explicit", False),  # "will impose tariffs Sept. 1"
        ("SANCTION_IMPOSE", "asserted", "article", False),  # dated only by the story
        ("DEMAND", "asserted", "relative", False),  # "urged on Monday": not a sanction
    ],
)
def test_only_a_sanction_told_as_done_and_dated_by_its_sentence_counts_as_one(
    event_type, modality, date_source, counts
):
    facts = dataclasses.replace(
        GOOD, event_type=event_type, modality=modality, date_source=date_source
    )
    assert confidence.features(facts)["dated_sanction_done"] == float(counts)


def test_a_planned_act_is_neither_told_as_done_nor_unreal():
    values = confidence.features(dataclasses.replace(GOOD, modality="planned"))
    assert (values["asserted"], values["unreal"]) == (0.0, 0.0)


def test_a_weights_table_missing_a_feature_is_refused_by_name(monkeypatch):
    monkeypatch.setattr(
        confidence, "read_toml", lambda name: {"weights": {"bias": 0.1, "lede": 0.2}}
    )
    with pytest.raises(DataTableError, match="confidence.toml.*asserted"):
        confidence.weights.__wrapped__()


def test_a_weights_table_with_a_non_number_is_refused(monkeypatch):
    table = {"weights": {**dict.fromkeys(confidence.FEATURES, 0.1), "bias": "high"}}
    monkeypatch.setattr(confidence, "read_toml", lambda name: table)
    with pytest.raises(DataTableError, match="bias"):
        confidence.weights.__wrapped__()


def test_seed_events_carry_probabilities_that_tell_them_apart(seed_events):
    assert seed_events["confidence"].between(0.01, 0.99).all()
    assert seed_events["confidence"].nunique() > 1


def test_a_sanction_imposed_in_the_lead_is_trusted_more_than_one_that_only_might_be():
    done = only("The European Union imposed sanctions on Belarus on Monday.", "SANCTION_IMPOSE")
    story = (
        "Belarus held a parade in Minsk on Sunday. Its army marched past the president. "
        "Crowds watched from the pavements. The United States might impose sanctions on "
        "Belarus, an official said."
    )
    [maybe] = [e for e in events(story) if e.event_type.startswith("SANCTION_")]
    assert maybe.modality == "hypothetical"
    assert maybe.confidence < done.confidence


def test_an_events_sides_are_counted_by_name_and_placed_by_country():
    event = only(
        "The United States and Canada imposed sanctions on Russia on Monday.", "SANCTION_IMPOSE"
    )
    facts = confidence.facts(event)
    assert (facts.sources, facts.targets) == (2, 1)
    assert facts.source_placed and facts.target_placed


@pytest.mark.parametrize(
    "text",
    [
        "The European Union imposed sanctions on Belarus on Monday.",
        "Russia will face sanctions if its army launches an offensive, Britain said.",
        "Washington relaxed sanctions on two Burmese lenders on Friday.",
    ],
)
def test_the_fit_reads_an_out_of_fold_record_as_run_time_reads_the_event(text):
    calibrate = _calibrate()
    for event in events(text):
        assert calibrate.event_features(event_record(event)) == confidence.features(
            confidence.facts(event)
        )
