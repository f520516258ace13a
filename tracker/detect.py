"""Event detection, learned: which sentences state an event, and of which of our types.

A linear model over what a sentence's words are, before any parse: the words, their word
pairs, their lemmas (lemminflect) and WordNet's classes for those lemmas (lexicographer
file and hypernyms, derived from WordNet at training time and shipped in the model file).
The WordNet classes are what carry the model past the words it was trained on: a verb no
label used still brings the classes it shares with verbs the labels did use ("blacklist"
shares `verb.social` with "ban" and "sanction"). Which trigger rules could fire is a
feature too. (The kinds of actor the gazetteer finds were tried as features and left out:
no gain, 0.492 against 0.489 sentence-level type F1 over three folds.)

Because it needs no parse, the same model is the sieve (which sentences spaCy parses,
`wants_parse`) and, after the parse, the detector the extractor consults (`scores`,
`word_score`). It is trained by `tracker.train` from labelled articles and loaded once per
process from `tracker/data/detector.npz`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from .errors import ModelError
from .sieve import introduces_person, sieve
from .tables import WORD

ANY = "ANY"  # the head that says whether a sentence states any event at all
MODEL_FILE = "detector.npz"
RECENT = 4096  # sentences whose scores are kept
# Chosen by `benchmarks/crossval.py --grid` and the dev gold scored by a pool-trained
# detector (docs/accuracy.md): the detector adds a type the lexicon has no word for at
# 0.2, overrules the rules at 0.75 and vouches for a reading at 0.8 (lower, 0.6 and 0.5,
# gain ~0.02 type F1 out of fold but take the dev gold's type F1 below 0.80), and drops no
# rule event (dropping below 0.02 gained 0.015 full F1 on the pool but cost 0.07 on the
# dev-gold articles).
DEFAULT_THRESHOLDS = {"sieve": 0.05, "add": 0.2, "keep": 0.0, "overrule": 0.75, "sure": 0.8}


@functools.cache
def _lemmas(word: str) -> tuple[str, ...]:
    """Verb and noun lemmas of a lower-cased word (lemminflect's tables, no parse)."""
    from lemminflect import getAllLemmas

    found = getAllLemmas(word, upos="VERB").get("VERB", ()) + getAllLemmas(word, upos="NOUN").get(
        "NOUN", ()
    )
    return tuple(dict.fromkeys(found))


def word_features(word: str, lexical: dict[str, tuple[str, ...]]) -> list[str]:
    """The features one word brings: itself, its lemmas and their WordNet classes."""
    out = [f"w:{word}"]
    for lemma in _lemmas(word):
        out.append(f"l:{lemma}")
        out.extend(f"wn:{c}" for c in lexical.get(lemma, ()))
    return out


def words(text: str) -> list[str]:
    """The lower-cased words of a sentence."""
    return [w.lower() for w in WORD.findall(text)]


def sentence_features(text: str, lexical: dict[str, tuple[str, ...]]) -> list[str]:
    """Every feature of a sentence: its words' features, its word pairs, and the types
    whose trigger rules could fire in it (the rules' opinion, as one input among many)."""
    ws = words(text)
    out = [f for w in ws for f in word_features(w, lexical)]
    out.extend(f"b:{a}_{b}" for a, b in zip(ws, ws[1:], strict=False))
    fireable = sieve().fireable_types(text)
    out.extend(f"r:{t}" for t in sorted(fireable))
    if fireable:
        out.append("r:any")
    return out


def must_parse(text: str) -> bool:
    """Whether ingestion parses this sentence: the detector says it may state an event, or
    it names someone by title whom later sentences may call by surname or pronoun."""
    return detector().wants_parse(text) or introduces_person(text)


@dataclass
class Detector:
    """A trained detector: one logistic head per event type plus the ANY head.

    `coef` is (heads, features); `lexical` maps a lemma to its WordNet classes;
    `thresholds` holds the decision points chosen by cross-validation (`sieve`: parse a
    sentence when some head reaches it; `add`: an event type the lexicon has no word for
    is added when its probability reaches it; `overrule`: the same when the lexicon has a
    word of the type's family that the rules turned down; `keep`: a rule event whose type
    the detector gives less than this is dropped; `sure`: a reading of a type the detector
    gives at least this needs less evidence to be emitted)."""

    heads: tuple[str, ...]
    vocabulary: dict[str, int]
    coef: np.ndarray
    intercept: np.ndarray
    lexical: dict[str, tuple[str, ...]]
    thresholds: dict[str, float]
    meta: dict = field(default_factory=dict)
    # a sentence is scored by the sieve, again once parsed, and by each of its events'
    # confidence: the last sentences' scores are kept
    _recent: dict[str, dict[str, float]] = field(default_factory=dict, repr=False, compare=False)

    def _columns(self, features: Iterable[str]) -> np.ndarray:
        cols = [self.vocabulary[f] for f in features if f in self.vocabulary]
        return np.asarray(sorted(set(cols)), dtype=np.int64)

    def scores(self, text: str) -> dict[str, float]:
        """P(the sentence states an event of each type), and of any (`ANY`)."""
        found = self._recent.get(text)
        if found is None:
            cols = self._columns(sentence_features(text, self.lexical))
            z = self.intercept + (self.coef[:, cols].sum(axis=1) if len(cols) else 0.0)
            p = 1.0 / (1.0 + np.exp(-z))
            found = dict(zip(self.heads, p.tolist(), strict=True))
            if len(self._recent) >= RECENT:
                self._recent.clear()
            self._recent[text] = found
        return dict(found)

    def wants_parse(self, text: str) -> bool:
        """Whether the sieve sends this sentence to the parser: some head (any event, or
        one type) reaches the sieve threshold. A short sentence with one act scores low on
        "any event" but high on its type."""
        return max(self.scores(text).values()) >= self.thresholds["sieve"]

    def word_score(self, word: str, head: str) -> float:
        """How much one word pushes a sentence towards `head`: the sum of its features'
        weights (how the detector points at the word that states the act)."""
        row = self.heads.index(head)
        cols = self._columns(word_features(word.lower(), self.lexical))
        return float(self.coef[row, cols].sum()) if len(cols) else 0.0

    def save(self, path: Path) -> None:
        """Write the model as one compressed npz (arrays plus a JSON header)."""
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        header = {
            "heads": list(self.heads),
            "features": names,
            "lexical": {k: list(v) for k, v in sorted(self.lexical.items())},
            "thresholds": self.thresholds,
            "meta": self.meta,
        }
        # half precision: the weights' third significant digit moves no decision, and the
        # file is half the size
        np.savez_compressed(
            path,
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
            header=np.frombuffer(json.dumps(header, sort_keys=True).encode(), dtype=np.uint8),
        )


def read(path: Path) -> Detector:
    """Read a model written by `Detector.save`."""
    try:
        with np.load(path) as data:
            header = json.loads(data["header"].tobytes().decode())
            coef, intercept = data["coef"].astype(np.float32), data["intercept"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{path}: not a detector model ({exc})") from exc
    features = header["features"]
    if coef.shape != (len(header["heads"]), len(features)):
        raise ModelError(f"{path}: weights of shape {coef.shape} do not fit the header")
    if set(header["thresholds"]) != set(DEFAULT_THRESHOLDS):
        raise ModelError(
            f"{path}: thresholds {sorted(header['thresholds'])}, expected "
            f"{sorted(DEFAULT_THRESHOLDS)}; retrain it with `tracker train`"
        )
    return Detector(
        tuple(header["heads"]),
        {f: n for n, f in enumerate(features)},
        coef,
        intercept,
        {k: tuple(v) for k, v in header["lexical"].items()},
        header["thresholds"],
        header.get("meta", {}),
    )


_override: list[Detector] = []


@functools.cache
def _shipped() -> Detector:
    path = resources.files("tracker").joinpath("data", MODEL_FILE)
    with resources.as_file(path) as real:
        if not real.is_file():
            raise ModelError(f"tracker/data/{MODEL_FILE}: missing; run `tracker train`")
        return read(real)


def detector() -> Detector:
    """The detector in use: the shipped one, loaded once per process, unless an
    evaluation has put another in its place (`use`)."""
    return _override[-1] if _override else _shipped()


class use:  # noqa: N801 - a context manager read as a verb: `with use(model): ...`
    """Run the pipeline with another detector (cross-validation trains one per fold)."""

    def __init__(self, model: Detector) -> None:
        self.model = model

    def __enter__(self) -> Detector:
        _override.append(self.model)
        return self.model

    def __exit__(self, *exc: object) -> None:
        _override.pop()
