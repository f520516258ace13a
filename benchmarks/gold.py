"""Accuracy on the shared gold: dev.jsonl + dev-modern.jsonl pooled, scored by score.py.

    python benchmarks/gold.py [--shared ../shared] [--out DIR]

Prints the machine, the time taken, the scorer's output per type (its last line verbatim)
and a reliability table: how often events at each confidence are right at the full level.
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

BINS = ((0.0, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))


def reliability(gold_path: Path, pred_path: Path, scorer_dir: Path) -> list[str]:
    """Per confidence bin: events, and the share that match a gold event at the full level."""
    sys.path.insert(0, str(scorer_dir))
    import score  # the shared scorer's own matching rules

    gold = score.load(gold_path)
    pred = score.load(pred_path)
    tallies = {b: [0, 0] for b in BINS}
    for article, g in gold.items():
        events = pred.get(article, {}).get("events", [])
        published = g.get("published")
        matched = score.match(g["events"], events,
                              lambda a, b, p=published: score.meets("full", a, b, p))
        for i, ev in enumerate(events):
            for lo, hi in BINS:
                if lo <= (ev.get("confidence") or 0) < hi:
                    tallies[lo, hi][0] += 1
                    tallies[lo, hi][1] += i in matched
    lines = ["confidence   events  correct(full)"]
    for (lo, hi), (n, ok) in tallies.items():
        share = f"{ok / n:.2f}" if n else "-"
        lines.append(f"[{lo:.1f}, {min(hi, 1.0):.1f})  {n:6d}  {share}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--out", type=Path, help="keep predictions and store here")
    args = parser.parse_args()
    gold_dir = args.shared / "gold"
    out = args.out or Path(tempfile.mkdtemp(prefix="tracker-gold-"))
    started = time.perf_counter()
    report = evaluate([gold_dir / "dev.jsonl", gold_dir / "dev-modern.jsonl"],
                      args.shared / "corpus", out / "predictions.jsonl", out / "store",
                      gold_dir / "score.py")
    seconds = time.perf_counter() - started
    print(f"machine: {platform.machine()} {platform.processor() or ''} "
          f"python {platform.python_version()}, {seconds:.1f} s")
    pooled = out / "predictions.gold.jsonl"
    print("\n".join(reliability(pooled, out / "predictions.jsonl", gold_dir)))
    print(report, end="")
    lines = (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()
    n = sum(len(json.loads(line)["events"]) for line in lines)
    print(f"# {n} predicted events; predictions in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
