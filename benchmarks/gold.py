"""Accuracy on the shared gold: dev.jsonl + dev-modern.jsonl pooled, scored by score.py.

IN SAMPLE: the trigger rules were tuned on these 50 articles and the shipped detector is
trained on them too, so these figures are a regression check, not the accuracy. With
`--crossval` it goes on to the out-of-sample figures of benchmarks/crossval.py.

    python benchmarks/gold.py [--shared ../shared] [--out DIR] [--crossval]

Prints the machine, the time taken, a reliability table (how often events at each
confidence are right at the full level), how often the events right at the full level carry
the gold's modality, and the scorer's output per type (its last line verbatim).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.evaluate import evaluate  # noqa: E402

BINS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def matched_events(
    gold_path: Path, pred_path: Path, scorer_dir: Path
) -> list[tuple[str, dict, dict | None]]:
    """Every predicted event as (article, event, the gold event it matches at the full
    level or None), by the shared scorer's own matching (one gold event credits at most
    one prediction)."""
    sys.path.insert(0, str(scorer_dir))
    import score

    gold = score.load(gold_path)
    pred = score.load(pred_path)
    out = []
    for article, g in gold.items():
        events = pred.get(article, {}).get("events", [])
        published = g.get("published")
        matched = score.match(
            g["events"], events, lambda a, b, p=published: score.meets("full", a, b, p)
        )
        out.extend(
            (article, event, g["events"][matched[i]] if i in matched else None)
            for i, event in enumerate(events)
        )
    return out


def labelled_events(
    gold_path: Path, pred_path: Path, scorer_dir: Path
) -> list[tuple[str, dict, bool]]:
    """Every predicted event as (article, event, right): whether it matches a gold event at
    the full level."""
    return [
        (article, event, found is not None)
        for article, event, found in matched_events(gold_path, pred_path, scorer_dir)
    ]


def modality_agreement(matched: list[tuple[str, dict, dict | None]]) -> str:
    """One line: of the events right at the full level, how many carry the gold's modality
    (the scorer does not compare it)."""
    pairs = [(event["modality"], found["modality"]) for _, event, found in matched if found]
    same = sum(ours == theirs for ours, theirs in pairs)
    return (
        f"modality: {same} of {len(pairs)} events right at the full level carry the gold's modality"
    )


def reliability(confidences: list[float], correct: list[bool]) -> list[str]:
    """Per confidence bin: events, their mean confidence, and the share that are right."""
    lines = ["confidence   events  mean  correct(full)"]
    for lo, hi in BINS:
        inside = [(c, ok) for c, ok in zip(confidences, correct, strict=True) if lo <= c < hi]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            share = sum(ok for _, ok in inside) / len(inside)
            bounds = f"[{lo:.1f}, {min(hi, 1.0):.1f})"
            lines.append(f"{bounds}  {len(inside):6d}  {mean:.2f}  {share:.2f}")
    return lines


def run_gold(shared: Path, out: Path) -> tuple[str, float]:
    """Ingest the pooled dev gold's articles and score them; the scorer's output and the
    seconds it took. Predictions land in out/predictions.jsonl."""
    gold_dir = shared / "gold"
    started = time.perf_counter()
    report = evaluate(
        [gold_dir / "dev.jsonl", gold_dir / "dev-modern.jsonl"],
        shared / "corpus",
        out / "predictions.jsonl",
        out / "store",
        gold_dir / "score.py",
    )
    return report, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--out", type=Path, help="keep predictions and store here")
    parser.add_argument(
        "--crossval",
        action="store_true",
        help="then the out-of-sample figures: benchmarks/crossval.py (~12 min)",
    )
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="tracker-gold-"))
    report, seconds = run_gold(args.shared, out)
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} "
        f"python {platform.python_version()}, {seconds:.1f} s"
    )
    print(
        "IN SAMPLE (rules tuned and detector trained on these articles; "
        "out of sample: benchmarks/crossval.py)"
    )
    matched = matched_events(
        out / "predictions.gold.jsonl", out / "predictions.jsonl", args.shared / "gold"
    )
    print(
        "\n".join(
            reliability(
                [e.get("confidence") or 0.0 for _, e, _ in matched],
                [found is not None for _, _, found in matched],
            )
        )
    )
    print(modality_agreement(matched))
    print(report, end="")
    lines = (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()
    n = sum(len(json.loads(line)["events"]) for line in lines)
    print(f"# {n} predicted events; predictions in {out}", file=sys.stderr)
    if args.crossval:
        from crossval import main as crossval

        crossval(["--shared", str(args.shared)])


if __name__ == "__main__":
    main()
