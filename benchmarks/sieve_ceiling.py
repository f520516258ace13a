"""How fast could ingest be with a perfect sentence filter? The ceiling of the sieve approach.

    python benchmarks/sieve_ceiling.py [--corpus ../shared/corpus]

The ingest is faster than spaCy's full pipeline because the learned detector
(`tracker.detect.must_parse`) lets only the sentences that may hold an event reach the
model. This script asks how far that approach
can go on the shared corpus (each English article once). It runs the ingest three ways over
the same articles, all in this process, and gives CPU seconds for each:

- with the sieve as it is;
- with an oracle in its place that keeps only the sentences in which the extractor, given
  a full parse, finds an event (before repeats are merged), plus the sentences that name
  someone by title (later sentences need them to resolve "he" or a surname): no sentence
  filter that keeps every event can parse less;
- spaCy's full pipeline over the same texts (the baseline of benchmarks/ingest.py).

It also prints the share of the text (in characters) that each filter lets through and, of
the text the sieve keeps, why the extractor finds no event there. The oracle is measured,
not assumed: its ratio is the most a sentence filter can give with this model and these
articles. Last line: `sieve_ratio=… oracle_ratio=…`.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ingest import CORPUS, one_pass, spacy_full_seconds

import tracker.detect as detect_module
import tracker.extract as extract_module
from tracker import sieve as sieve_module
from tracker.extract.detection import rule_for, trigger_lemma
from tracker.nlp import load_model, model_name, paragraphs, sentencizer
from tracker.pipeline import ingest_articles, process_articles
from tracker.readers import discover
from tracker.records import Article
from tracker.rules import lexicon
from tracker.store import Store


def first_pass(corpus: Path) -> list[Article]:
    """Each English article of the corpus once (the benchmark's first pass)."""
    return list(one_pass(discover([corpus])))


def event_sentences(articles: list[Article]) -> tuple[set[str], Counter]:
    """The sentences (stripped text) in which the extractor finds an event, and the
    characters of parsed text by what became of them."""
    bearing: set[str] = set()
    outcome: Counter = Counter()
    original = extract_module.sentence_events
    lex = lexicon()

    def watched(sent, *args, **kwargs):
        events = original(sent, *args, **kwargs)
        if sent.doc.has_annotation("DEP"):
            outcome[_outcome(sent, events, lex)] += len(sent.text)
        if events:
            bearing.add(sent.text.strip())
        return events

    extract_module.sentence_events = watched
    try:
        process_articles(articles)
    finally:
        extract_module.sentence_events = original
    return bearing, outcome


def _outcome(sent, events: list, lex) -> str:
    """Why a parsed sentence does or does not yield an event."""
    if events:
        return "states an event"
    if any(rule_for(t, lex) is not None for t in sent):
        return "a rule fits a trigger, but its roles or mood rule the event out"
    if any(trigger_lemma(t) in lex.verbs.keys() | lex.nouns.keys() for t in sent):
        return "a trigger word, but its part of speech or its complements fit no rule"
    return "no trigger word (parsed beside one, or names someone by title)"


def ingest_cpu(articles: list[Article], must_parse: Callable[[str], bool]) -> float:
    """CPU seconds of an ingest into a fresh store with `must_parse` as the sieve's test."""
    keep = detect_module.must_parse
    detect_module.must_parse = must_parse
    try:
        with tempfile.TemporaryDirectory(prefix="bench-ceiling-") as tmp:
            began = time.process_time()
            ingest_articles(
                iter(articles), Store(Path(tmp) / "store", create=True), write_report=False
            )
            return time.process_time() - began
    finally:
        detect_module.must_parse = keep


def share(texts: list[str], keep: Callable[[str], bool]) -> float:
    """The share of characters of `texts` (sentences) that `keep` lets through."""
    total = sum(map(len, texts))
    return sum(len(t) for t in texts if keep(t)) / total if total else 0.0


def sentences(text: str) -> list:
    """The rule-based sentences of each paragraph, as the sieve sees them."""
    return [
        s
        for start, end in paragraphs(text)
        for s in sentencizer()(text[start:end].replace("\n", " ")).sents
    ]


def main(argv: list[str] | None = None) -> int:
    """Measure the three ingests and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"skipped: no corpus at {args.corpus}", file=sys.stderr)
        return 0
    load_model()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f}, python {platform.python_version()}, {model_name()}"
    )
    articles = first_pass(args.corpus)
    bearing, outcome = event_sentences(articles)

    def oracle(text: str) -> bool:
        return sieve_module.introduces_person(text) or any(
            b in text or text.strip() in b for b in bearing
        )

    texts = [s.text for a in articles for s in sentences(a.text)]
    print(
        f"{len(articles)} articles, {len(texts)} sentences; text let through: sieve "
        f"{share(texts, detect_module.must_parse):.1%}, oracle {share(texts, oracle):.1%}"
    )
    parsed = sum(outcome.values())
    print("text the sieve lets through, by what the extractor makes of it:")
    for reason, chars in outcome.most_common():
        print(f"  {chars / parsed:6.1%}  {reason}")
    ours = ingest_cpu(articles, detect_module.must_parse)
    best = ingest_cpu(articles, oracle)
    full = spacy_full_seconds([a.text for a in articles])[1]
    print(
        f"CPU seconds: ingest with the sieve {ours:.1f}, with the oracle {best:.1f}, "
        f"spaCy full pipeline {full:.1f}"
    )
    print(f"sieve_ratio={full / ours:.2f} oracle_ratio={full / best:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
