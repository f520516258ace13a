"""Out-of-sample accuracy: the detector trained without the articles it is scored on.

Articles are dealt into folds by the SHA-1 of their id (a fixed deal, blind to content);
for each fold a detector is trained on the other folds, the fold's articles go through the
whole pipeline (sieve, parse, dates, rules, detector) and the pooled predictions are scored
by the gold's own `score.py`. The same harness scores the dev gold with a detector trained
on the pool labels only.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .detect import Detector, detector, use
from .evaluate import score as run_scorer
from .extract import extract
from .jsonl import write_jsonl
from .labels import LabelledArticle, read_article
from .nlp import load_model, model_name, parse_articles
from .nlp import parse as parse_texts
from .records import Article, Event
from .timex import find_timexes
from .train import fit, training_examples, wordnet_classes

LAST_LINE = re.compile(r"full_f1=(\S+) date_f1=(\S+) type_f1=(\S+) strict_f1=(\S+)")


@dataclass
class Parsed:
    """A labelled article read and parsed under one detector's sieve."""

    labelled: LabelledArticle
    article: Article
    docs: list
    timexes: list


def fold_of(article: str, folds: int) -> int:
    """The fold an article is dealt to."""
    return int(hashlib.sha1(article.encode()).hexdigest(), 16) % folds


class ParseCache:
    """Parses remembered on disk across evaluation runs, one file per parsed text, keyed
    by the text and the model's name and version. A parse is a pure function of the two,
    so a run whose sieve picks the same sentences as an earlier one parses nothing again:
    an experiment that changes the rules but not the detector costs no parsing."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def _path(self, text: str) -> Path:
        key = hashlib.sha1(f"{model_name()}\x1f{text}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.doc"

    def parse(self, texts: list[str]) -> Iterator:
        """spaCy Docs of the texts, in order: remembered ones read, the rest parsed (in
        one batch) and remembered."""
        from spacy.tokens import Doc

        vocab = load_model().vocab
        found: dict[int, Doc] = {}
        missing = []
        for n, text in enumerate(texts):
            path = self._path(text)
            if path.is_file():
                found[n] = Doc(vocab).from_bytes(path.read_bytes())
            else:
                missing.append(n)
        for n, doc in zip(missing, parse_texts(texts[n] for n in missing), strict=True):
            path = self._path(texts[n])
            path.parent.mkdir(exist_ok=True)
            part = path.with_suffix(f".{os.getpid()}.tmp")
            part.write_bytes(doc.to_bytes(exclude=["tensor"]))
            part.replace(path)  # atomic: runs sharing the folder never read half a file
            found[n] = doc
        return iter(found[n] for n in range(len(texts)))


def parse(
    labelled: Sequence[LabelledArticle], shared: Path, cache: ParseCache | None = None
) -> list[Parsed]:
    """Read and parse articles under the detector in use (its sieve picks the sentences)."""
    articles = [read_article(shared, item.article) for item in labelled]
    parser = cache.parse if cache else parse_texts
    out = []
    for item, article, docs in zip(
        labelled, articles, parse_articles((a.text for a in articles), parser=parser), strict=True
    ):
        out.append(Parsed(item, article, docs, find_timexes(article.text, article.published)))
    return out


def event_record(event: Event) -> dict:
    """One extracted event in the gold JSONL shape."""

    def side(role: str, attr: str) -> list[str]:
        values = [getattr(a, attr) for a in event.actors if a.role == role]
        return list(dict.fromkeys(v for v in values if v))

    return {
        "type": event.event_type,
        "date": event.event_date.isoformat() if event.event_date else None,
        "precision": event.date_precision,
        "date_source": event.date_source,
        "sources": side("source", "name"),
        "source_countries": side("source", "country"),
        "targets": side("target", "name"),
        "target_countries": side("target", "country"),
        "modality": event.modality,
        "evidence": event.sentence,
        "sentence_index": event.sentence_index,
        "trigger": event.trigger,
        "trigger_is_root": event.trigger_is_root,
        "confidence": event.confidence,
        # the detector in use (a fold's, in cross-validation) on the event's sentence
        "detected": detector().scores(event.sentence).get(event.event_type, 0.0),
    }


def predict(parsed: Sequence[Parsed]) -> list[dict]:
    """Extract every parsed article under the detector in use; gold-shaped records."""
    out = []
    for item in parsed:
        events = extract(item.article, item.docs, item.timexes)
        out.append(
            {
                "article": item.labelled.article,
                "published": item.labelled.published,
                "events": [event_record(e) for e in events],
            }
        )
    return out


def score(
    gold: Sequence[LabelledArticle], predicted: Sequence[dict], scorer: Path
) -> tuple[str, dict[str, float]]:
    """The scorer's output and its last line's four F1 figures."""
    with tempfile.TemporaryDirectory() as tmp:
        gold_file, pred_file = Path(tmp, "gold.jsonl"), Path(tmp, "pred.jsonl")
        write_jsonl(
            [{"article": g.article, "published": g.published, "events": g.events} for g in gold],
            gold_file,
        )
        write_jsonl(predicted, pred_file)
        output = run_scorer(gold_file, pred_file, scorer)
    found = LAST_LINE.search(output)
    figures = (
        dict(zip(("full", "date", "type", "strict"), map(float, found.groups()), strict=True))
        if found
        else {}
    )
    return output, figures


def train_on(
    labelled: Sequence[LabelledArticle], shared: Path, thresholds: dict[str, float]
) -> Detector:
    """A detector fitted on these articles."""
    examples, _ = training_examples(labelled, shared)
    return fit(examples, wordnet_classes(), thresholds)


def cross_validate(
    labelled: Sequence[LabelledArticle],
    shared: Path,
    folds: int,
    settings: Sequence[dict[str, float]],
    cache: ParseCache | None = None,
) -> list[list[dict]]:
    """For each fold, train on the others, parse the fold once (sieve at the first
    setting's threshold) and extract it under every setting; predictions per setting."""
    per_setting: list[list[dict]] = [[] for _ in settings]
    for fold in range(folds):
        held = [a for a in labelled if fold_of(a.article, folds) == fold]
        train = [a for a in labelled if fold_of(a.article, folds) != fold]
        model = train_on(train, shared, settings[0])
        with use(model):
            parsed = parse(held, shared, cache)
        for n, setting in enumerate(settings):
            with use(replace(model, thresholds=dict(setting))):
                per_setting[n].extend(predict(parsed))
    return per_setting
