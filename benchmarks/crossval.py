"""Out-of-sample accuracy of the extractor with its learned detector.

    python benchmarks/crossval.py [--folds 5] [--shared ../shared] [--grid]

Prints, each scored by the gold's own score.py (its last line verbatim):
1. k-fold cross-validation by article over the dev gold + the project's labels
   (training/labels/): the detector of each fold is trained without that fold;
2. the dev gold scored by a detector trained on the pool labels only;
3. the rules alone (the detector neither adds nor drops) on the same folds, for comparison.
With `--grid`, every (overrule, sure) setting of the grid on the cross-validated folds.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.crossval import (  # noqa: E402
    ParseCache,
    cross_validate,
    parse,
    predict,
    score,
    train_on,
)
from tracker.detect import DEFAULT_THRESHOLDS, use  # noqa: E402
from tracker.jsonl import write_jsonl  # noqa: E402
from tracker.labels import read_labels  # noqa: E402

GOLD = ("dev.jsonl", "dev-modern.jsonl")
# the detector's sieve only: it never adds, drops, overrules or vouches
RULES_ONLY = {**DEFAULT_THRESHOLDS, "add": 2.0, "keep": 0.0, "overrule": 2.0, "sure": 2.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--labels", type=Path, default=ROOT / "training" / "labels")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--grid", action="store_true")
    ap.add_argument(
        "--out",
        type=Path,
        help="write the pooled gold and the out-of-fold "
        "predictions here (gold.jsonl, predictions.jsonl) for calibrate.py",
    )
    ap.add_argument(
        "--cache",
        type=Path,
        help="remember parses in this folder across runs (an experiment that leaves the "
        "detector alone then parses nothing again)",
    )
    args = ap.parse_args(argv)
    cache = ParseCache(args.cache) if args.cache else None
    scorer = args.shared / "gold" / "score.py"
    gold = list(read_labels(args.shared / "gold" / g for g in GOLD))
    pool = list(read_labels(sorted(args.labels.glob("*.jsonl"))))
    both = gold + pool
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} python "
        f"{platform.python_version()}; labelled: {len(gold)} dev-gold + {len(pool)} pool "
        f"articles, {sum(len(a.events) for a in both)} events"
    )
    settings = [dict(DEFAULT_THRESHOLDS), RULES_ONLY]
    if args.grid:
        settings += [
            {**DEFAULT_THRESHOLDS, "overrule": o, "sure": s}
            for o, s in ((0.6, 0.5), (0.75, 0.65), (0.9, 0.9), (2.0, 2.0))
        ]
    start = time.perf_counter()
    results = cross_validate(both, args.shared, args.folds, settings, cache)
    print(
        f"\n== {args.folds}-fold cross-validation by article, detector "
        f"{DEFAULT_THRESHOLDS} ({time.perf_counter() - start:.0f} s)"
    )
    out, _ = score(both, results[0], scorer)
    print(out.rstrip())
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        write_jsonl(
            [{"article": a.article, "published": a.published, "events": a.events} for a in both],
            args.out / "gold.jsonl",
        )
        write_jsonl(results[0], args.out / "predictions.jsonl")
    print("\n== the same folds, rules alone (the detector's sieve, no adding or dropping)")
    out, _ = score(both, results[1], scorer)
    print(out.rstrip().splitlines()[-1])
    for setting, predicted in zip(settings[2:], results[2:], strict=True):
        _, figures = score(both, predicted, scorer)
        print(f"grid {setting}: {figures}")
    print("\n== dev gold, detector trained on the pool labels only")
    model = train_on(pool, args.shared, dict(DEFAULT_THRESHOLDS))
    with use(model):
        out, _ = score(gold, predict(parse(gold, args.shared, cache)), scorer)
    print(out.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
