"""The learned detector: it trains deterministically from labels, its model file round
trips, and the shipped one reads acts the trigger lexicon has no word for while leaving
market and company news unparsed. Sentences here are written for the tests, not taken from
any labelled article."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tracker.detect import ANY, detector, read
from tracker.labels import read_labels
from tracker.train import fit, training_examples, wordnet_classes

from .conftest import LABELS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample(shared):
    """A small labelled sample: the first 30 articles of the first two label files."""
    articles = list(read_labels(sorted(LABELS.glob("*.jsonl"))[:2]))[:30]
    examples, lost = training_examples(articles, shared)
    assert lost == 0
    return examples


def test_training_on_a_sample_is_deterministic_and_the_model_file_round_trips(
    sample, tmp_path
) -> None:
    first, second = fit(sample, wordnet_classes()), fit(sample, wordnet_classes())
    assert np.array_equal(first.coef, second.coef)
    first.save(tmp_path / "m.npz")
    again = read(tmp_path / "m.npz")
    text = "The European Union imposed sanctions on Iran's central bank on Monday."
    assert again.scores(text) == pytest.approx(first.scores(text), abs=1e-3)  # half floats


def test_wordnet_classes_carry_a_word_the_labels_never_used(sample) -> None:
    classes = wordnet_classes()
    assert "trade_barrier.n.01" in classes["embargo"]
    assert set(classes["relax"]) & set(classes["loosen"])


@pytest.mark.parametrize(
    "text",
    [
        "Washington relaxed sanctions on two Burmese lenders on Friday.",
        "The bloc banned imports of Syrian crude last month.",
        "The State Department blacklisted 39 Russian defence firms under the new law.",
        "Beijing summoned the Japanese ambassador to protest against the visit.",
        "Parliament voted to strip the prime minister of his powers.",
    ],
)
def test_the_shipped_detector_sends_acts_without_a_lexicon_word_to_the_parser(text) -> None:
    assert detector().wants_parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "Shares of the carmaker rose 3 percent in early trading on Friday.",
        "The company reported a quarterly profit of $1.2 billion, beating forecasts.",
        "Brent crude futures settled at $112 a barrel.",
    ],
)
def test_the_shipped_detector_leaves_market_news_unparsed(text) -> None:
    assert not detector().wants_parse(text)


@pytest.mark.parametrize(
    ("text", "head", "word"),
    [
        ("The bloc banned imports of Syrian crude last month.", "SANCTION_IMPOSE", "banned"),
        ("Opposition leaders accused the government of rigging the vote.", "ACCUSE", "accused"),
        ("The minister resigned on Tuesday after the scandal.", "LEAVE_OFFICE", "resigned"),
    ],
)
def test_the_detectors_weights_point_at_the_word_that_states_the_act(text, head, word) -> None:
    det = detector()
    scores = {w: det.word_score(w, head) for w in text.rstrip(".").split()}
    assert max(scores, key=scores.get) == word
    assert det.scores(text)[ANY] > det.scores("Brent crude futures settled at $112.")[ANY]


@pytest.mark.slow
def test_tracker_train_reproduces_the_shipped_model(shared, tmp_path) -> None:
    # in a fresh process, as a user runs it: a library loaded by other tests can change the
    # floating-point mode of this one, and with it the last bits of a fit
    out = tmp_path / "d.npz"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tracker",
            "train",
            "--shared",
            str(shared),
            "--labels",
            str(LABELS),
            "--gold",
            str(shared / "gold" / "dev.jsonl"),
            "--gold",
            str(shared / "gold" / "dev-modern.jsonl"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    model, shipped = read(out), detector()
    assert model.heads == shipped.heads and model.vocabulary == shipped.vocabulary
    assert model.lexical == shipped.lexical and model.thresholds == shipped.thresholds
    assert np.array_equal(model.coef, shipped.coef)
