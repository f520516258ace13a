"""How likely an extracted event is right: the number stored as its `confidence`.

An event's confidence is the probability that it matches a hand-annotated event at the
gold's full level (same type, date right at its precision, both sides right). It comes
from a logistic model over what the extraction knows of the event (`Facts`):

- the learned detector's probability that the event's sentence states an act of its type,
  entered as log-odds (dropping it raises the held-out log loss most);
- whether the trigger is the sentence's main verb (the root of its parse) rather than a
  word inside a report, a condition or a relative clause: it raises it;
- how the act is told: as done (asserted) raises it; as hypothetical, conditional or
  denied lowers it (planned acts sit between);
- a sanction told as done and dated by its own sentence (explicitly or relative to the
  story), the acts the rules were built for, raises it; a date known only to the year
  lowers it;
- a change of leadership (leaving or assuming office, an election) raises it: its sides
  are the person and the office, most often named in the sentence;
- the sides: a source or a target placed in a country raises it, and so does more than
  one source or target (most often because the article states the act more than once and
  its mentions were merged);
- opening the article (its first two sentences) raises it.

The weights live in data/confidence.toml. `benchmarks/calibrate.py --predictions DIR`
fits them on the out-of-fold predictions of `benchmarks/crossval.py --out DIR` (every
labelled article scored by a detector trained without it), prints the reliability table
for weights fitted without each article, and rewrites the table with `--write`. The
features were chosen by that held-out log loss; whether the trigger word came from the
detector or from a lexicon rule, whether it is a noun, explicit against relative dates, and
the type's family beyond the two above did not lower it.

The rule's own score (tracker.extract, "evidence") decides whether a reading is emitted
at all; this model only says how far to trust what was emitted.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .detect import detector
from .errors import DataTableError
from .records import Event
from .tables import read_toml

FEATURES = (
    "detected",
    "root_trigger",
    "asserted",
    "unreal",
    "dated_sanction_done",
    "year_only",
    "leadership",
    "source_placed",
    "target_placed",
    "several_sources",
    "several_targets",
    "lede",
)
# Date sources that are the sentence's own words, not the story's date standing in.
SENTENCE_DATED = frozenset({"explicit", "relative"})
# Modalities of an act that did not happen and may not: it is rarely annotated as an event.
UNREAL = frozenset({"hypothetical", "conditional", "negated"})
# The taxonomy names the sanction family by this prefix (SANCTION_IMPOSE, SANCTION_EASE ...).
SANCTION_PREFIX = "SANCTION_"
LEADERSHIP_TYPES = frozenset({"LEAVE_OFFICE", "ASSUME_POWER", "ELECTION"})
# Sentences 0 and 1 of an article: the headline-like lead states its main act.
LEDE_SENTENCES = 2
# The detector's probability is clipped to this distance from 0 and 1 before its log-odds
# are taken, so that a certain detector does not make a certain event.
DETECTED_CLIP = 0.001
_TABLE = "confidence.toml"


@dataclass(frozen=True)
class Facts:
    """What the model reads of one event: the stored fields it depends on, and the
    detector's probability for the event's type on its sentence."""

    event_type: str
    modality: str
    date_source: str
    date_precision: str | None
    sentence_index: int
    sources: int  # distinct names on the acting side
    targets: int
    source_placed: bool  # some source has a country
    target_placed: bool
    trigger_is_root: bool  # the trigger is its sentence's main verb
    detected: float


def facts(event: Event) -> Facts:
    """An extracted event's facts, its sides counted by name as the flat view lists them;
    the detector in use scores its sentence."""

    def side(role: str, attr: str) -> set[str]:
        return {v for a in event.actors if a.role == role and (v := getattr(a, attr))}

    return Facts(
        event_type=event.event_type,
        modality=event.modality,
        date_source=event.date_source,
        date_precision=event.date_precision,
        sentence_index=event.sentence_index,
        sources=len(side("source", "name")),
        targets=len(side("target", "name")),
        source_placed=bool(side("source", "country")),
        target_placed=bool(side("target", "country")),
        trigger_is_root=event.trigger_is_root,
        detected=detector().scores(event.sentence).get(event.event_type, 0.0),
    )


def features(f: Facts) -> dict[str, float]:
    """The model's inputs: the detector's log-odds, and 0/1 facts."""
    p = min(max(f.detected, DETECTED_CLIP), 1.0 - DETECTED_CLIP)
    done = f.modality == "asserted"
    return {
        "detected": math.log(p / (1.0 - p)),
        "root_trigger": float(f.trigger_is_root),
        "asserted": float(done),
        "unreal": float(f.modality in UNREAL),
        "dated_sanction_done": float(
            done and f.date_source in SENTENCE_DATED and f.event_type.startswith(SANCTION_PREFIX)
        ),
        "year_only": float(f.date_precision == "year"),
        "leadership": float(f.event_type in LEADERSHIP_TYPES),
        "source_placed": float(f.source_placed),
        "target_placed": float(f.target_placed),
        "several_sources": float(f.sources > 1),
        "several_targets": float(f.targets > 1),
        "lede": float(f.sentence_index < LEDE_SENTENCES),
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
    return round(probability(features(facts(event)), weights()), 2)


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
