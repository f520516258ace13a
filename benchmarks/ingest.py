"""Ingest throughput and memory: our ingest against spaCy's full pipeline on the same texts.

    python benchmarks/ingest.py --articles 1000 [--workers 2] [--sample 500]

The shared corpus (../shared/corpus, English articles) is read again and again, each pass
with distinct article ids, until N articles have streamed through `ingest_articles` into a
fresh store. Then the first `--sample` of those texts go through `nlp.pipe` with every
component of the model enabled. Peak RSS is taken after the ingest and before the spaCy
run (with `--workers` > 1 it is the largest of this process and its worker processes).
Memory that stays flat from 1k to 5k articles shows the ingest streams.

The machine may be shared, so both rates are given per wall-clock second and per CPU
second of this process; the last line uses CPU seconds when everything runs in this
process (`--workers 1`), wall-clock seconds otherwise (workers' CPU is not ours to count).
The last line is machine-readable:
`articles_per_s=… spacy_full_articles_per_s=… ratio=… peak_rss_mb=…`.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tracker.nlp import BATCH_SIZE, load_model, model_name
from tracker.pipeline import ingest_articles
from tracker.readers import discover, read_file
from tracker.records import Article
from tracker.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()


def one_pass(pairs: list[tuple[Path, Path]]) -> Iterator[Article]:
    """The English articles of `(file, root)` pairs, each source identity once, as the
    pipeline takes them, read from disk."""
    seen: set[str] = set()
    for path, root in pairs:
        for article in read_file(path, root).articles:
            if article.language not in (None, "en") or article.article_id in seen:
                continue
            seen.add(article.article_id)
            yield article


def corpus_stream(corpus: Path, limit: int) -> Iterator[Article]:
    """The corpus's English articles (`one_pass`), read from disk pass after pass with the
    pass number in their ids, until `limit` articles."""
    pairs = discover([corpus])
    count = 0
    for rep in itertools.count():
        empty = True
        for article in one_pass(pairs):
            empty = False
            yield dataclasses.replace(article, article_id=f"{article.article_id}-{rep}")
            count += 1
            if count >= limit:
                return
        if empty:
            raise SystemExit(f"{corpus}: no English articles")


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def spacy_full_seconds(texts: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of the model's whole pipeline over `texts`."""
    nlp = load_model()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    """Run both and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--sample", type=int, default=500, help="texts for the full-pipeline run (default 500)"
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"skipped: no corpus at {args.corpus}", file=sys.stderr)
        return 0
    load_model()  # both runs start with the model in memory
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f}, python {platform.python_version()}, {model_name()}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        store = Store(Path(tmp) / "store", create=True)
        cpu = time.process_time()
        report = ingest_articles(
            corpus_stream(args.corpus, args.articles),
            store,
            workers=args.workers,
            write_report=False,
        )
        cpu = time.process_time() - cpu
    rss = peak_rss_mb()
    n = report.articles
    print(
        f"ingest: {n} articles, {report.events} events, {len(report.skipped)} skipped, "
        f"{args.workers} worker(s): {report.seconds:.1f} s wall ({n / report.seconds:.2f} "
        f"articles/s), {cpu:.1f} s CPU here ({n / cpu:.2f} articles/CPU-s)"
    )
    sample = [a.text for a in corpus_stream(args.corpus, min(args.sample, args.articles))]
    full_wall, full_cpu = spacy_full_seconds(sample)
    m = len(sample)
    print(
        f"spacy full pipeline: {m} articles: {full_wall:.1f} s wall ({m / full_wall:.2f} "
        f"articles/s), {full_cpu:.1f} s CPU ({m / full_cpu:.2f} articles/CPU-s)"
    )
    ours, full = (
        (n / cpu, m / full_cpu) if args.workers == 1 else (n / report.seconds, m / full_wall)
    )
    print(
        f"articles_per_s={ours:.2f} spacy_full_articles_per_s={full:.2f} "
        f"ratio={ours / full:.2f} peak_rss_mb={rss:.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
