"""A seeded generator of junk and truncated inputs for the fuzz tests: random bytes, random
words (some of them trigger words, so a few reach the parser), broken markup and JSON, and
real corpus files cut at a random byte, each under a random file suffix."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

SUFFIXES = (".txt", ".html", ".xml", ".json", ".jsonl", ".csv", ".md", ".sgm", ".rss", "")
WORDS = (
    "the",
    "sanctions",
    "imposed",
    "on",
    "Venezuela",
    "said",
    "United",
    "States",
    "Treasury",
    "2019",
    "January",
    "froze",
    "assets",
    "of",
    "officials",
    "talks",
    "\u00e9",
    "\u2019s",
    "\x00",
    "\ufeff",
    "<p>",
    "</div>",
    "{",
    '"',
    "\n\n",
    "  ",
)


def _words(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 80)))


def _markup(rng: random.Random) -> str:
    body = _words(rng)
    cut = rng.randint(0, len(body) + 40)
    return f"<html><head><title>{_words(rng)[:40]}</title></head><body><p>{body}"[:cut]


def _json(rng: random.Random) -> str:
    record = {
        rng.choice(("title", "text", "url", "date", "published", "x")): rng.choice(
            (_words(rng), None, 3, [], {"a": 1}, "2019-02-31")
        )
        for _ in range(rng.randint(0, 5))
    }
    text = json.dumps(record if rng.random() < 0.7 else [record, record])
    return text[: rng.randint(0, len(text))] if rng.random() < 0.3 else text


def junk_inputs(
    count: int, samples: list[Path], seed: int = 20190206
) -> Iterator[tuple[str, bytes]]:
    """`count` (file name, content) pairs, the same ones for the same seed."""
    rng = random.Random(seed)
    for n in range(count):
        kind = rng.random()
        if kind < 0.3:
            data = rng.randbytes(rng.randint(0, 600))
        elif kind < 0.6:
            data = _words(rng).encode("utf-8", "surrogatepass")
        elif kind < 0.75:
            data = _markup(rng).encode()
        elif kind < 0.9:
            data = _json(rng).encode()
        elif kind < 0.99 or not samples:
            data = rng.choice((b"", b" \n\t", b"\xef\xbb\xbf", "\u00e9t\u00e9".encode("latin-1")))
        else:
            whole = rng.choice(samples).read_bytes()
            data = whole[: rng.randint(0, min(len(whole), 4000))]
        yield f"input-{n:05d}{rng.choice(SUFFIXES)}", data
