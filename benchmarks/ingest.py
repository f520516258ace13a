"""Ingest throughput and memory: our ingest against spaCy's full pipeline on the same texts.

    python benchmarks/ingest.py --articles 1000 [--workers 2] [--sample 500]

The shared corpus (../shared/corpus, English articles) is read again and again, each pass
with distinct article ids, until N articles have streamed through `ingest_articles` into a
fresh store. Then the first `--sample` of those texts go through `nlp.pipe` with every
component of the model enabled. Peak RSS is taken after the ingest and before the spaCy
run (with `--workers` > 1 it is the largest of this process and its worker processes).
Memory that stays flat from 1k to 5k articles shows the ingest streams.
The last line is machine-readable:
`articles_per_s=… spacy_full_articles_per_s=… ratio=… peak_rss_mb=…`.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tracker.nlp import BATCH_SIZE, load_model
from tracker.pipeline import ingest_articles
from tracker.readers import discover, read_file
from tracker.records import Article
from tracker.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()


def corpus_stream(corpus: Path, limit: int) -> Iterator[Article]:
    """The corpus's English articles (each source identity once, as the pipeline takes
    them), read from disk pass after pass with the pass number in their ids, until
    `limit` articles."""
    pairs = discover([corpus])
    count = 0
    for rep in itertools.count():
        seen: set[str] = set()
        for path, root in pairs:
            for article in read_file(path, root).articles:
                if article.language not in (None, "en") or article.article_id in seen:
                    continue
                seen.add(article.article_id)
                yield dataclasses.replace(article, article_id=f"{article.article_id}-{rep}")
                count += 1
                if count >= limit:
                    return
        if not seen:
            raise SystemExit(f"{corpus}: no English articles")


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def spacy_full_rate(texts: list[str]) -> float:
    """Articles per second of the model's whole pipeline over `texts`."""
    nlp = load_model()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return len(texts) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    """Run both and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--sample", type=int, default=500,
                        help="texts for the full-pipeline run (default 500)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"skipped: no corpus at {args.corpus}", file=sys.stderr)
        return 0
    load_model()  # both runs start with the model in memory
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        store = Store(Path(tmp) / "store", create=True)
        report = ingest_articles(corpus_stream(args.corpus, args.articles), store,
                                 workers=args.workers, write_report=False)
    rss = peak_rss_mb()
    ours = report.articles / report.seconds
    print(f"ingest: {report.articles} articles, {report.events} events, "
          f"{len(report.skipped)} skipped in {report.seconds:.1f} s with "
          f"{args.workers} worker(s): {ours:.2f} articles/s")
    sample = [a.text for a in corpus_stream(args.corpus, min(args.sample, args.articles))]
    full = spacy_full_rate(sample)
    print(f"spacy full pipeline: {len(sample)} articles: {full:.2f} articles/s")
    print(f"articles_per_s={ours:.2f} spacy_full_articles_per_s={full:.2f} "
          f"ratio={ours / full:.2f} peak_rss_mb={rss:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
