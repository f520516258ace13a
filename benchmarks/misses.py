"""Where the out-of-sample misses are: in the extraction, or already in the detector.

    python benchmarks/crossval.py --out DIR         # out-of-fold predictions and their gold
    python benchmarks/misses.py --predictions DIR [--sentences]

For every required gold event of the pool articles, looks in the out-of-fold predictions
for an event stated by the same sentence (evidence strings overlapping), and counts the
three cases: an event of the same type there, only events of other types, nothing.
With --sentences it also scores the detector alone, sentence by sentence, out of fold
(three folds by article, each detector trained on the other two): a type is predicted for
a sentence when its head gives at least the add threshold. That is the ceiling of anything
built on the detector's reading of a sentence.
"""

from __future__ import annotations

import argparse
import collections
import json
import platform
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.crossval import fold_of  # noqa: E402
from tracker.detect import DEFAULT_THRESHOLDS  # noqa: E402
from tracker.labels import read_labels  # noqa: E402
from tracker.train import fit, training_examples, wordnet_classes  # noqa: E402

PREFIX = 60  # characters of evidence compared: labels and predictions cut sentences alike


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _same_sentence(gold: str, predicted: str) -> bool:
    return bool(gold) and (gold[:PREFIX] in predicted or predicted[:PREFIX] in gold)


def _by_article(path: Path) -> dict[str, dict]:
    """A JSONL file of articles (the scorer's shape), keyed by article path."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {item["article"]: item for item in map(json.loads, lines)}


def sentence_cases(predictions: Path) -> tuple[collections.Counter, dict]:
    """Counts of the three cases over required pool events, in all and by type."""
    gold = _by_article(predictions / "gold.jsonl")
    pred = _by_article(predictions / "predictions.jsonl")
    cases: collections.Counter = collections.Counter()
    by_type: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for article, labelled in gold.items():
        if not article.startswith("pool/"):
            continue
        predicted = pred.get(article, {}).get("events", [])
        for event in labelled["events"]:
            if not event.get("required", True):
                continue
            evidence = _norm(event.get("evidence"))
            there = [p for p in predicted if _same_sentence(evidence, _norm(p.get("evidence")))]
            if any(p["type"] == event["type"] for p in there):
                case = "an event of its type in its sentence"
            elif there:
                case = "only other types in its sentence"
            else:
                case = "nothing in its sentence"
            cases[case] += 1
            by_type[event["type"]][case] += 1
    return cases, by_type


def detector_by_sentence(shared: Path, labels: Path, folds: int = 3) -> tuple[float, float]:
    """Precision and recall of the detector's types per sentence, out of fold."""
    files = [shared / "gold" / "dev.jsonl", shared / "gold" / "dev-modern.jsonl"]
    articles = list(read_labels(files + sorted(labels.glob("*.jsonl"))))
    examples, _ = training_examples(articles, shared)
    lexical = wordnet_classes()
    add = DEFAULT_THRESHOLDS["add"]
    tp = fp = fn = 0
    for k in range(folds):
        model = fit([e for e in examples if fold_of(e.article, folds) != k], lexical)
        for example in examples:
            if fold_of(example.article, folds) != k or not example.article.startswith("pool/"):
                continue
            scores = model.scores(example.text)
            found = {t for t, p in scores.items() if t != "ANY" and p >= add}
            tp += len(found & example.types)
            fp += len(found - example.types)
            fn += len(example.types - found)
        print(f"  fold {k + 1} of {folds} done", flush=True)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--predictions", type=Path, required=True, help="crossval.py --out DIR")
    ap.add_argument("--sentences", action="store_true", help="also score the detector alone")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--labels", type=Path, default=ROOT / "training" / "labels")
    args = ap.parse_args()
    print(f"machine: {platform.machine()}  python {platform.python_version()}")
    cases, by_type = sentence_cases(args.predictions)
    total = sum(cases.values())
    print(f"required pool events: {total}")
    for case, count in cases.most_common():
        print(f"  {case:40s} {count:5d}  {count / total:.0%}")
    print("by type (nothing / other type / its type):")
    for kind, counts in sorted(by_type.items(), key=lambda item: -sum(item[1].values())):
        print(
            f"  {kind:22s} {counts['nothing in its sentence']:4d} "
            f"{counts['only other types in its sentence']:4d} "
            f"{counts['an event of its type in its sentence']:4d}"
        )
    if args.sentences:
        precision, recall = detector_by_sentence(args.shared, args.labels)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        print(
            f"detector alone, per sentence, out of fold: P {precision:.3f} R {recall:.3f}", end=""
        )
        print(f" F1 {f1:.3f}")


if __name__ == "__main__":
    main()
