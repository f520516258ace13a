"""Ingestion: files in, articles and events stored. The only module (with the store) that
touches files on the way in.

readers -> nlp -> timex -> extract (+ actors) -> store, one batch of articles at a time, so
memory stays flat and a bad file costs only itself: it is reported, never fatal.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .extract import EXTRACTOR_VERSION, extract
from .nlp import parse_article
from .readers import discover, read_file
from .records import Article, Event, SkippedFile
from .store import Store
from .timex import find_timexes

DEFAULT_BATCH = 100
DEFAULT_MAX_BYTES = 50_000_000


@dataclass
class IngestReport:
    """What an ingest did: counts, skips with their reasons, warnings, time."""

    files: int = 0
    articles: int = 0
    unchanged: int = 0
    events: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        """The report as printed at the end of `tracker ingest`."""
        out = [f"files read: {self.files}",
               f"articles ingested: {self.articles}"
               + (f" (+{self.unchanged} unchanged, skipped)" if self.unchanged else ""),
               f"events found: {self.events}",
               f"skipped: {len(self.skipped)}"]
        out += [f"  skipped {s.path}: {s.reason}" for s in self.skipped]
        out += [f"  warning {w}" for w in self.warnings]
        out.append(f"time: {self.seconds:.1f} s")
        return out


def process_article(article: Article) -> list[Event]:
    """Parse one article, resolve its temporal expressions and extract its events."""
    timexes = find_timexes(article.text, article.published)
    return extract(article, parse_article(article.text), timexes)


def _english(article: Article) -> bool:
    return article.language in (None, "en")


def ingest_files(pairs: Sequence[tuple[Path, Path]], store: Store, *,
                 published: dt.date | None = None, batch_size: int = DEFAULT_BATCH,
                 max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: Callable[[Iterable], Iterable] | None = None) -> IngestReport:
    """Read `(file, ingest root)` pairs into the store, a batch at a time.

    Articles already stored with the same id, content hash and extractor version are
    skipped; a re-extraction replaces the article's old events.
    """
    started = time.perf_counter()
    report = IngestReport()
    known = store.known_articles()
    seen: dict[str, str] = {}
    batch: list[tuple[Article, list[Event]]] = []
    for path, root in (progress or iter)(pairs):
        result = read_file(path, root, published=published, max_bytes=max_bytes)
        report.files += 1
        report.skipped.extend(result.skipped)
        report.warnings.extend(result.warnings)
        for article in result.articles:
            reason = _skip_reason(article, seen)
            if reason:
                report.skipped.append(SkippedFile(_where(article), reason))
                continue
            seen[article.article_id] = _where(article)
            if known.get(article.article_id) == (article.content_hash, EXTRACTOR_VERSION):
                report.unchanged += 1
                continue
            events = process_article(article)
            batch.append((article, events))
            report.articles += 1
            report.events += len(events)
        if len(batch) >= batch_size:
            _flush(store, batch)
    _flush(store, batch)
    report.seconds = time.perf_counter() - started
    return report


def _where(article: Article) -> str:
    return (article.source_path if article.record_index == 0
            else f"{article.source_path}#{article.record_index}")


def _skip_reason(article: Article, seen: dict[str, str]) -> str | None:
    """Why an article read fine is still not ingested, or None."""
    if not _english(article):
        return f"not English (detected: {article.language})"
    if article.article_id in seen:
        return f"same source identity as {seen[article.article_id]} (already read in this run)"
    return None


def _flush(store: Store, batch: list[tuple[Article, list[Event]]]) -> None:
    if batch:
        store.write([a for a, _ in batch], [e for _, evs in batch for e in evs],
                    extractor_version=EXTRACTOR_VERSION)
        batch.clear()


def ingest(paths: Sequence[Path | str], store_dir: Path | str, **options) -> IngestReport:
    """Ingest files and folders (any mix of formats) into the store at `store_dir`."""
    pairs = discover([Path(p) for p in paths])
    return ingest_files(pairs, Store(store_dir, create=True), **options)
