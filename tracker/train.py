"""Training the event detector (`tracker.detect`) from labelled articles.

Each labelled article is split into sentences exactly as ingestion splits it (paragraphs,
then the rule-based sentencizer); a sentence is labelled with the types of the events whose
evidence falls in it, and every other sentence is a negative. One L2 logistic head per type,
plus one for "any event", is fitted with scikit-learn (liblinear, deterministic).

WordNet (read by nltk from Debian's `wordnet-base`, see training/wordnet.py) is read only
here: every single-word verb and noun lemma gets its classes (its first senses, their
hypernyms two levels up, their lexicographer files), and the model file keeps the classes of
the lemmas whose classes the model weighs, so no WordNet is needed at run time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .detect import ANY, DEFAULT_THRESHOLDS, Detector, sentence_features
from .errors import ModelError
from .labels import LabelledArticle, article_text, squash
from .nlp import sentence_spans
from .rules import event_types

SENSES = 3  # senses of a lemma whose classes count (WordNet orders senses by frequency)
MIN_COUNT = 2  # a feature must occur in this many training sentences
C = 0.5  # inverse L2 strength
PRUNE = 0.02  # a feature no head weighs this much is left out of the shipped model


@dataclass(frozen=True)
class Example:
    """One training sentence: where it is from, its text, the types it states."""

    article: str
    text: str
    types: frozenset[str]


@functools.cache
def wordnet_classes() -> dict[str, tuple[str, ...]]:
    """lemma -> its WordNet classes (synsets, hypernyms up to two levels, lexicographer
    files) over its first senses as verb and as noun. Needs nltk's WordNet data."""
    try:
        from nltk.corpus import wordnet as wn

        wn.ensure_loaded()
    except (LookupError, ImportError, OSError) as exc:
        raise ModelError(f"WordNet is not installed for nltk ({exc}); run `make wordnet`") from exc
    out: dict[str, tuple[str, ...]] = {}
    for pos in ("v", "n"):
        for lemma in wn.all_lemma_names(pos=pos):
            if not lemma.isalpha() or not lemma.islower():
                continue
            classes: list[str] = []
            for synset in wn.synsets(lemma, pos=pos)[:SENSES]:
                classes.append(synset.lexname())
                classes.append(synset.name())
                for hyper in sorted(synset.hypernyms()):  # nltk gives them in set order
                    classes.append(hyper.name())
                    classes.extend(h.name() for h in sorted(hyper.hypernyms()))
            out[lemma] = tuple(dict.fromkeys(out.get(lemma, ()) + tuple(classes)))
    return out


def _squashed_offsets(text: str) -> tuple[str, list[int]]:
    """The white-space-folded text and, for each original character, its folded index."""
    out, index, last_space = [], [], True
    for ch in text:
        if ch.isspace():
            if not last_space:
                out.append(" ")
            last_space = True
        else:
            out.append(ch)
            last_space = False
        index.append(max(len(out) - 1, 0))
    return "".join(out), index


def examples(article: LabelledArticle, shared: Path) -> tuple[list[Example], int]:
    """The article's sentences with the types each states, and how many events' evidence
    could not be found in the text (told, never dropped silently)."""
    text = article_text(shared, article.article)
    folded, index = _squashed_offsets(text)
    lowered = folded.casefold()
    spans = sentence_spans(text)
    types: list[set[str]] = [set() for _ in spans]
    lost = 0
    for event in article.events:
        evidence = squash(event.get("evidence") or "").casefold()
        at = lowered.find(evidence) if evidence else -1
        if at < 0:
            lost += 1
            continue
        for n, (start, end) in enumerate(spans):
            if index[start] < at + len(evidence) and index[max(end - 1, start)] >= at:
                types[n].add(event["type"])
    return [
        Example(article.article, text[s:e], frozenset(t))
        for (s, e), t in zip(spans, types, strict=True)
    ], lost


def fit(
    train: Sequence[Example],
    lexical: dict[str, tuple[str, ...]],
    thresholds: dict[str, float] | None = None,
    c: float = C,
) -> Detector:
    """Fit one logistic head per type and one for any event."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    feats = [sorted(set(sentence_features(ex.text, lexical))) for ex in train]
    counts: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    vocab = {f: n for n, f in enumerate(names)}
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for f in fs:
            if f in vocab:
                rows.append(r)
                cols.append(vocab[f])
    x = csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(train), len(names))
    )
    heads = (ANY, *[t for t in event_types() if any(t in ex.types for ex in train)])
    coef = np.zeros((len(heads), len(names)), dtype=np.float32)
    intercept = np.zeros(len(heads), dtype=np.float32)
    # one BLAS thread: the thread count changes the last bits of the fit, and a weight near
    # the pruning threshold with them, so `tracker train` gives the same model anywhere
    with threadpool_limits(limits=1):
        for h, head in enumerate(heads):
            y = np.array([bool(ex.types) if head == ANY else head in ex.types for ex in train])
            model = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
            model.fit(x, y)
            coef[h], intercept[h] = model.coef_[0], model.intercept_[0]
    keep = np.abs(coef).max(axis=0) >= PRUNE
    names = [f for f, k in zip(names, keep, strict=True) if k]
    vocab = {f: n for n, f in enumerate(names)}
    coef = coef[:, keep]
    used = {f[3:] for f in names if f.startswith("wn:")}
    kept_lexical = {
        lemma: tuple(c for c in classes if c in used) for lemma, classes in lexical.items()
    }
    kept_lexical = {k: v for k, v in kept_lexical.items() if v}
    return Detector(
        heads,
        vocab,
        coef,
        intercept,
        kept_lexical,
        dict(thresholds or DEFAULT_THRESHOLDS),
        {
            "sentences": len(train),
            "events_sentences": sum(bool(e.types) for e in train),
            "C": c,
            "min_count": MIN_COUNT,
            "senses": SENSES,
            "prune": PRUNE,
        },
    )


def training_examples(
    articles: Iterable[LabelledArticle], shared: Path
) -> tuple[list[Example], int]:
    """All sentences of all labelled articles, and the evidence strings not found."""
    out: list[Example] = []
    lost = 0
    for article in articles:
        found, missing = examples(article, shared)
        out.extend(found)
        lost += missing
    return out, lost


def train(label_files: Sequence[Path], shared: Path, out: Path) -> tuple[Detector, int]:
    """Fit the detector on every labelled article of `label_files` (gold or the project's
    labels) and write it to `out`; returns it and how many evidence strings were not found
    in their articles."""
    from .labels import read_labels

    found, lost = training_examples(read_labels(label_files), shared)
    if not any(ex.types for ex in found):
        raise ModelError("no labelled event found in the training articles")
    model = fit(found, wordnet_classes())
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    return model, lost
