"""Gazetteer matching: the hand normaliser's scan against spaCy's PhraseMatcher.

    PYTHONPATH=$PWD python benchmarks/gazetteer_swap.py [--limit N] [--examples N]

Issue 18 asks whether spaCy's PhraseMatcher can replace the gazetteer's hand matching. The
tracker finds a gazetteer name in running text by trying every token window up to the
longest alias with `gazetteer.lookup` on the window's text less a leading "the" and a
trailing "'s" (`actors._gazetteer_match`). This script runs that scan and PhraseMatcher
versions over every sentence of the shared corpus and pool (read through tracker's readers,
split by tracker's paragraphs and the blank English sentencizer, whose tokenizer is the
model's), and counts the (start, end, actor) hits found by one and not the other:

- `lower`: the plain library matcher. Aliases in capitals ("US", "WHO") on attr ORTH, the
  rest on attr LOWER, patterns made by the tokenizer from the tables' aliases; a hit needs a
  capital letter (the tables' rule) and may take in a "the" before and a "'s" after.
- `norm`: one matcher on attr NORM, with each token's norm set to the gazetteer's own
  normalised form (quotes straightened, dots dropped, accents folded) and the patterns
  made in every hyphen/space spelling, capitals checked after the match: the hand
  normaliser feeding the library matcher.

Both give every hit, not only the longest, so any policy on top (longest first, skip
ambiguous names) gives the same result when the hit sets are equal. The times are CPU
seconds for the matching alone, over the same tokenised sentences, in this one run.
It then asks both for whole strings, as the resolver asks `gazetteer.lookup` of an entity's
text: the text of every hit less end punctuation, and of every capitalised token, each
once (a matcher's answer is a hit covering the whole string).
Last line: `<attr>_diff=… <attr>_ratio=… <attr>_lookup_diff=… <attr>_lookup_ratio=…` per
matcher (ratio = library time / hand time).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from ingest import one_pass
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from tracker import gazetteer
from tracker.actors import _clean
from tracker.nlp import paragraphs, sentencizer
from tracker.readers import discover

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [(ROOT / ".." / "shared" / name).resolve() for name in ("corpus", "pool")]
POSSESSIVES = {"'s", "’s", "'", "’"}

Hit = tuple[int, int, gazetteer.GazetteerEntry]


def sentences(limit: int | None) -> Iterator[Span]:
    """Every sentence of the corpus's and the pool's English articles, tokenised."""
    nlp = sentencizer()
    articles = itertools.chain.from_iterable(one_pass(discover([src])) for src in SOURCES)
    for article in itertools.islice(articles, limit):
        for start, end in paragraphs(article.text):
            yield from nlp(article.text[start:end].replace("\n", " ")).sents


def hand_hits(sent: Span, widest: int) -> set[Hit]:
    """Every window of the sentence whose text the gazetteer looks up to an actor."""
    doc, hits = sent.doc, set()
    for i in range(sent.start, sent.end):
        for width in range(1, min(widest, sent.end - i) + 1):
            entry = gazetteer.lookup(_clean(doc[i : i + width].text))
            if entry is not None:
                hits.add((i, i + width, entry))
    return hits


def fold(text: str) -> str:
    """The gazetteer's matching form of a token, casefolded."""
    return gazetteer.normalise(text).casefold() or text


def spellings(alias: str) -> Iterator[str]:
    """The alias with each gap between its words written as a space or as a hyphen."""
    words = gazetteer.normalise(alias).split()
    for gaps in itertools.product((" ", "-"), repeat=len(words) - 1):
        yield words[0] + "".join(g + w for g, w in zip(gaps, words[1:], strict=True))


class LibraryMatcher:
    """PhraseMatchers built once from the tables: capitals on ORTH, others on LOWER or NORM."""

    def __init__(self, tokenizer, attr: str) -> None:
        self.attr = attr
        self.exact = PhraseMatcher(tokenizer.vocab, attr="ORTH")
        self.folded = PhraseMatcher(tokenizer.vocab, attr=attr)
        self.entries: dict[str, gazetteer.GazetteerEntry] = {}
        self.capitals: dict[str, bool] = {}
        self._prepared: Doc | None = None
        for alias in gazetteer.aliases():
            entry = gazetteer.lookup(alias)
            assert entry is not None
            self.entries[alias] = entry
            forms = list(spellings(alias)) if attr == "NORM" else [alias]
            docs = [self._prepare(tokenizer(form)) for form in forms]
            self.capitals[alias] = gazetteer._is_capitals(gazetteer.normalise(alias))
            (self.exact if self.capitals[alias] and attr != "NORM" else self.folded).add(
                alias, docs
            )

    def _prepare(self, doc: Doc) -> Doc:
        """Under NORM, each token's norm is the gazetteer's folded form."""
        if self.attr == "NORM":
            for tok in doc:
                tok.norm_ = fold(tok.text)
        return doc

    def hits(self, sent: Span) -> set[Hit]:
        """Every hit in the sentence, with a "the" before and a "'s" after taken in too."""
        if sent.doc is not self._prepared:
            self._prepared = self._prepare(sent.doc)
        hits = set()
        for matcher in (self.exact, self.folded):
            for span in matcher(sent, as_spans=True):
                if not any(c.isupper() for c in span.text):
                    continue
                alias = span.label_
                if (
                    self.attr == "NORM"
                    and self.capitals[alias]
                    and gazetteer.normalise(span.text) != gazetteer.normalise(alias)
                ):
                    continue  # under NORM, capitals ("US") are checked after the match
                entry = self.entries[alias]
                starts = [span.start]
                if span.start > sent.start and sent.doc[span.start - 1].lower_ == "the":
                    starts.append(span.start - 1)
                ends = [span.end]
                if span.end < sent.end and sent.doc[span.end].text in POSSESSIVES:
                    ends.append(span.end + 1)
                hits.update((s, e, entry) for s in starts for e in ends)
        return hits


def timed(find: Callable[[Span], set[Hit]], sents: list[Span]) -> tuple[list[set[Hit]], float]:
    """The hits in each sentence and the CPU seconds it took."""
    start = time.process_time()
    found = [find(sent) for sent in sents]
    return found, time.process_time() - start


def trimmed(doc: Doc, hit: Hit) -> Hit:
    """The hit without punctuation tokens at its ends ("Gaza." is "Gaza")."""
    start, end, entry = hit
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in POSSESSIVES:
        end -= 1
    return start, end, entry


def compare(name: str, old: list[set[Hit]], new: list[set[Hit]], sents, examples: int) -> int:
    """Print the hits one side finds and the other does not, apart from those that differ
    only by punctuation at their ends ("Gaza." against "Gaza"); return how many differ."""
    only: dict[str, Counter] = {"hand": Counter(), name: Counter()}
    padded = Counter()
    for sent, a, b in zip(sents, old, new, strict=True):
        for side, diff, other in (("hand", a - b, b), (name, b - a, a)):
            for hit in diff:
                s, e, entry = hit
                if trimmed(sent.doc, hit) in other:
                    padded[side] += 1
                else:
                    only[side][(sent.doc[s:e].text, entry.name)] += 1
    total = sum(sum(c.values()) for c in only.values())
    print(f"\n== {name}: {total} hits differ (and {sum(padded.values())} only by end punctuation)")
    for side, counter in only.items():
        print(
            f"  only {side}: {sum(counter.values())} hits, {len(counter)} distinct "
            f"(+{padded[side]} punctuation-padded)"
        )
        for (text, actor), n in counter.most_common(examples):
            print(f"    {n:5d}  {text!r} -> {actor}")
    return total


def library_lookup(matcher: LibraryMatcher, tokenizer, text: str):
    """Whole-string lookup through the matcher: a hit covering every token of `text`."""
    doc = tokenizer(text)
    for start, end, entry in matcher.hits(doc[:]):
        if (start, end) == (0, len(doc)):
            return entry
    return None


def compare_lookups(matcher: LibraryMatcher, tokenizer, texts: list[str], examples: int):
    """Whole-string lookups (what the resolver asks of an entity's text), hand against
    library: how many answers differ, and the time ratio (library / hand)."""
    start = time.process_time()
    old = [gazetteer.lookup(_clean(t)) for t in texts]
    old_s = time.process_time() - start
    start = time.process_time()
    new = [library_lookup(matcher, tokenizer, t) for t in texts]
    new_s = time.process_time() - start
    differ = [(t, a, b) for t, a, b in zip(texts, old, new, strict=True) if a != b]
    print(
        f"\n== lookup of {len(texts)} distinct strings: {len(differ)} differ; "
        f"hand {old_s * 1e6 / len(texts):.1f} us each, library {new_s * 1e6 / len(texts):.1f} us"
    )
    for text, a, b in differ[:examples]:
        print(f"    {text!r}: hand {a and a.name} / library {b and b.name}")
    return len(differ), round(new_s / old_s, 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="articles to read")
    parser.add_argument("--examples", type=int, default=12, help="examples per side")
    args = parser.parse_args(argv)

    sents = list(sentences(args.limit))
    tokens = sum(len(s) for s in sents)
    print(f"{len(sents)} sentences, {tokens} tokens, {len(gazetteer.aliases())} aliases")
    widest = gazetteer.max_alias_tokens() + 2  # a "the" and a "'s" around the longest
    gazetteer.lookup("warm-up")
    old, old_s = timed(lambda sent: hand_hits(sent, widest), sents)
    print(f"hand: {sum(map(len, old))} hits, {old_s:.2f} s")
    tokenizer = sentencizer().tokenizer
    texts = sorted(
        {
            sent.doc[s:e].text
            for sent, hits in zip(sents, old, strict=True)
            for s, e, _ in (trimmed(sent.doc, hit) for hit in hits)
            if s < e
        }
        | {tok.text for sent in sents for tok in sent if tok.is_title}
    )
    figures = {}
    for attr in ("LOWER", "NORM"):
        name = attr.lower()
        build = time.process_time()
        matcher = LibraryMatcher(tokenizer, attr)
        build_s = time.process_time() - build
        new, new_s = timed(matcher.hits, sents)
        print(f"{name}: {sum(map(len, new))} hits, {new_s:.2f} s (+{build_s:.2f} s to build)")
        figures[f"{name}_diff"] = compare(name, old, new, sents, args.examples)
        figures[f"{name}_ratio"] = round(new_s / old_s, 3)
        diff, ratio = compare_lookups(matcher, tokenizer, texts, args.examples)
        figures[f"{name}_lookup_diff"], figures[f"{name}_lookup_ratio"] = diff, ratio
    print(" ".join(f"{k}={v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
