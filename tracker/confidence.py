"""How likely an extracted event is right: the number stored as its `confidence`.

An event's confidence is the probability that it matches a hand-annotated event at the
gold's full level (same type, date right at its precision, both sides right). It comes
from a logistic model over what the extraction knows of the event: whether the act is told
as done and dated by its own sentence (explicitly or relative to the story) rather than by
the story's date, whether such an act is a sanction (imposed, threatened, eased or offered
relief, the acts the rules were built for: more often right) or a demand or accusation
(acts in words: less often right), whether it opens the article, and whether it names
more than one acting party or more than one target (most often because the article
states the act more than once and its mentions were merged). The weights live in
data/confidence.toml; they are fitted on the dev gold by `benchmarks/calibrate.py`, which
prints the reliability table in sample and by held-out articles, and rewrites the table
with `--write`. The features were chosen by held-out log loss; splitting explicit from
relative dates, and whether the target could be placed in a country, lowered it.

The rule's own score (tracker.extract, "evidence") decides whether a reading is emitted
at all; this model only says how far to trust what was emitted.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence

import numpy as np

from .detect import detector
from .errors import DataTableError
from .records import Event
from .tables import read_toml

FEATURES = (
    "dated_done",
    "dated_sanction_done",
    "dated_speech_done",
    "lede",
    "several_sources",
    "several_targets",
    "detected",
)
# Date sources that are the sentence's own words, not the story's date standing in.
SENTENCE_DATED = {"explicit", "relative"}
# The taxonomy names the sanction family by this prefix (SANCTION_IMPOSE, SANCTION_EASE ...).
SANCTION_PREFIX = "SANCTION_"
# Acts done in words: a dated report of a demand or an accusation is right less often than
# another dated act, most often for a side taken from the wrong clause of the report.
SPEECH_TYPES = frozenset({"DEMAND", "ACCUSE"})
# Sentences 0 and 1 of an article: the headline-like lead states its main act.
LEDE_SENTENCES = 2
_TABLE = "confidence.toml"


def features(
    event_type: str,
    modality: str,
    date_source: str,
    sentence_index: int,
    sources: int,
    targets: int,
    detected: float,
) -> dict[str, float]:
    """The model's inputs from an event's stored fields (so that the calibration can
    compute them from stored or predicted events alike): six 0/1 facts, `sources` and
    `targets` counting the actors in each role, and `detected`, the learned detector's
    probability that the event's sentence states an act of its type."""
    dated_done = date_source in SENTENCE_DATED and modality == "asserted"
    return {
        "dated_done": float(dated_done),
        "dated_sanction_done": float(dated_done and event_type.startswith(SANCTION_PREFIX)),
        "dated_speech_done": float(dated_done and event_type in SPEECH_TYPES),
        "lede": float(sentence_index < LEDE_SENTENCES),
        "several_sources": float(sources > 1),
        "several_targets": float(targets > 1),
        "detected": float(detected),
    }


@functools.cache
def weights() -> dict[str, float]:
    """data/confidence.toml's [weights]: a `bias` and one weight per feature, all finite."""
    raw = read_toml(_TABLE).get("weights")
    expected = {"bias", *FEATURES}
    if not isinstance(raw, dict) or set(raw) != expected:
        found = sorted(raw) if isinstance(raw, dict) else None
        raise DataTableError(
            f"tracker/data/{_TABLE}: [weights] must have exactly {sorted(expected)}, found {found}"
        )
    bad = [
        k
        for k, v in raw.items()
        if not isinstance(v, int | float) or isinstance(v, bool) or not math.isfinite(v)
    ]
    if bad:
        raise DataTableError(f"tracker/data/{_TABLE}: weights {bad} are not finite numbers")
    return {k: float(v) for k, v in raw.items()}


def probability(values: Mapping[str, float], model: Mapping[str, float]) -> float:
    """The logistic model's probability for one row of feature values."""
    score = model["bias"] + sum(model[name] * values[name] for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-score))


def confidence(event: Event) -> float:
    """The event's calibrated confidence, rounded to two places."""
    named = {
        role: {a.name for a in event.actors if a.role == role} for role in ("source", "target")
    }  # as the flat view lists them: by name
    detected = detector().scores(event.sentence).get(event.event_type, 0.0)
    values = features(
        event.event_type,
        event.modality,
        event.date_source,
        event.sentence_index,
        len(named["source"]),
        len(named["target"]),
        detected,
    )
    return round(probability(values, weights()), 2)


def fit(
    rows: Sequence[Mapping[str, float]], correct: Sequence[bool], l2: float
) -> dict[str, float]:
    """Weights that maximise the L2-penalised likelihood of `correct` given `rows`.

    scikit-learn's LogisticRegression, whose objective C·(log loss) + ½‖w‖² is the
    penalised likelihood with C = 1/l2; its lbfgs solver leaves the bias unpenalised, so
    with no informative feature the model predicts the base rate.
    """
    from sklearn.linear_model import LogisticRegression

    x = np.array([[row[name] for name in FEATURES] for row in rows])
    model = LogisticRegression(C=1.0 / l2, solver="lbfgs", tol=1e-10, max_iter=1000)
    model.fit(x, np.asarray(correct, dtype=bool))
    values = (model.intercept_[0], *model.coef_[0])
    return dict(zip(("bias", *FEATURES), (float(v) for v in values), strict=True))
