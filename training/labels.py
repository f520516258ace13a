"""The labelling procedure's tools (training/GUIDE.md): batches to annotate, checks of the
labels made.

    python training/labels.py batches --pool 640 --size 40   # pool batches, committed
    python training/labels.py batches --blind --size 10      # dev-gold articles, blind run
    python training/labels.py check training/labels/*.jsonl  # shape, types, evidence
    python training/labels.py stats training/labels/*.jsonl
    python training/labels.py score training/blind/*.jsonl  # blind run against the dev gold

Pool articles are chosen by the SHA-1 of their path (a fixed, content-blind order), so a
larger `--pool` keeps every earlier batch and adds new ones.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.evaluate import score as run_scorer  # noqa: E402
from tracker.jsonl import read_jsonl, write_jsonl  # noqa: E402
from tracker.labels import read_article, record_problems  # noqa: E402

BATCHES = ROOT / "training" / "batches"
RENDERED = ROOT / "training" / "rendered"  # git-ignored: rendered third-party text stays out of git
GOLD_FILES = ("dev.jsonl", "dev-modern.jsonl")


def pool_articles(shared: Path, count: int) -> list[str]:
    """The first `count` pool articles in SHA-1 order of their path."""
    with open(shared / "pool" / "manifest.csv", newline="", encoding="utf-8") as fh:
        paths = [f"pool/{row['path']}" for row in csv.DictReader(fh)]
    return sorted(paths, key=lambda p: hashlib.sha1(p.encode()).hexdigest())[:count]


def published(shared: Path, article: str) -> str:
    """The article's publication date as the tracker's reader finds it."""
    date = read_article(shared, article).published
    return date.isoformat() if date else ""


def write_batches(
    rows: list[tuple[str, str, str]], prefix: str, size: int, folder: Path
) -> list[Path]:
    """Split (article, text file, published) rows into numbered TSV batch files."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for start in range(0, len(rows), size):
        path = folder / f"{prefix}-{start // size:02d}.tsv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
            writer.writerow(("article", "text", "published"))
            writer.writerows(rows[start : start + size])
        out.append(path)
    return out


def blind_rows(shared: Path) -> list[tuple[str, str, str]]:
    """The dev gold's articles rendered to plain text under training/rendered/ (the gold's
    events are not read: only its article ids and publication dates)."""
    texts = RENDERED / "blind" / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in GOLD_FILES:
        for record in read_jsonl(shared / "gold" / name):
            article = record["article"]
            text = read_article(shared, article).text
            target = texts / (article.replace("/", "__") + ".txt")
            target.write_text(text, encoding="utf-8")
            rows.append((article, str(target.relative_to(ROOT)), record["published"]))
    return rows


def check(paths: list[Path], shared: Path) -> int:
    """Print every problem of every line; the number of lines with problems."""
    bad = 0
    for path in paths:
        for n, record in enumerate(read_jsonl(path), 1):
            problems = record_problems(record, shared)
            if "labelled_by" not in record:
                problems.append("no labelled_by")
            for problem in problems:
                print(f"{path}:{n} {record.get('article')}: {problem}")
            bad += bool(problems)
    return bad


def stats(paths: list[Path]) -> None:
    """Articles, events, required events and events per type."""
    records = [r for path in paths for r in read_jsonl(path)]
    events = [e for r in records for e in r["events"]]
    types = Counter(e["type"] for e in events)
    print(
        f"articles {len(records)}  with events {sum(bool(r['events']) for r in records)}  "
        f"events {len(events)}  required {sum(e['required'] for e in events)}"
    )
    print(json.dumps(dict(types.most_common())))


def score_blind(paths: list[Path], shared: Path) -> int:
    """Score a blind run's events, as predictions, against the dev gold of the same
    articles with the gold's own scorer; prints its output."""
    blind = {r["article"]: r for path in paths for r in read_jsonl(path)}
    gold = [
        r
        for name in GOLD_FILES
        for r in read_jsonl(shared / "gold" / name)
        if r["article"] in blind
    ]
    RENDERED.mkdir(parents=True, exist_ok=True)
    gold_file, pred_file = RENDERED / "blind-gold.jsonl", RENDERED / "blind-pred.jsonl"
    write_jsonl(gold, gold_file)
    write_jsonl([blind[r["article"]] for r in gold], pred_file)
    print(
        f"{len(gold)} articles, {sum(len(blind[r['article']]['events']) for r in gold)} "
        "events labelled blind"
    )
    print(run_scorer(gold_file, pred_file, shared / "gold" / "score.py"), end="")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("command", choices=("batches", "check", "stats", "score"))
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--pool", type=int, default=0, help="pool articles to batch")
    ap.add_argument("--blind", action="store_true", help="batch the dev gold's articles")
    ap.add_argument("--size", type=int, default=40, help="articles per batch")
    args = ap.parse_args()
    if args.command == "check":
        bad = check(args.files, args.shared)
        print(f"{bad} lines with problems")
        return 1 if bad else 0
    if args.command == "score":
        return score_blind(args.files, args.shared)
    if args.command == "stats":
        stats(args.files)
        return 0
    if args.blind:
        made = write_batches(blind_rows(args.shared), "blind", args.size, RENDERED / "blind")
    else:
        rows = [
            (a, f"../shared/{a}", published(args.shared, a))
            for a in pool_articles(args.shared, args.pool)
        ]
        made = write_batches(rows, "pool", args.size, BATCHES)
    print("\n".join(str(p.relative_to(ROOT)) for p in made))
    return 0


if __name__ == "__main__":
    sys.exit(main())
