"""Ingestion: files in, articles and events stored. The only module (with the store) that
touches files on the way in.

readers -> sieve + nlp -> timex -> extract (+ actors) -> store, one partition of articles
at a time, so memory stays flat and a bad file or article costs only itself: it is
reported, never fatal. The reading and the writing happen here, in the driver; the
parsing and extraction of a partition (`process_articles`) may run on Dask workers
(`tracker.parallel`), which return records and never touch the store.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa

from .date_range import event_date_refusal
from .errors import StoreError
from .extract import EXTRACTOR_VERSION, extract
from .nlp import parse_articles
from .readers import discover, read_file
from .readers.names import printable, storable
from .records import Article, Event, SkippedFile
from .store import Store
from .timex import find_timexes

DEFAULT_BATCH = 100
DEFAULT_MAX_BYTES = 50_000_000
REPORTS_DIR = "reports"


@dataclass
class IngestReport:
    """What an ingest did: counts, skips with their reasons, warnings, time."""

    files: int = 0
    read: int = 0
    articles: int = 0
    unchanged: int = 0
    events: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 1
    scheduler: str | None = None
    error: str | None = None  # the store failure that stopped the run, if one did

    @property
    def articles_per_s(self) -> float:
        """Articles read per second of the whole run, stored or unchanged."""
        return (self.articles + self.unchanged) / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        """The report as printed at the end of `tracker ingest`: one line per skip and
        warning, control characters in names escaped so no name can forge a line."""
        out = [
            f"files read: {self.files}",
            f"articles read: {self.read}",
            f"articles ingested: {self.articles}"
            + (f" (+{self.unchanged} unchanged, skipped)" if self.unchanged else ""),
            f"events found: {self.events}",
            f"skipped: {len(self.skipped)}",
        ]
        out += [f"  skipped {printable(s.path)}: {printable(s.reason)}" for s in self.skipped]
        out += [f"  warning {printable(w)}" for w in self.warnings]
        out.append(f"time: {self.seconds:.1f} s ({self.articles_per_s:.1f} articles/s)")
        return out

    def to_json(self) -> dict:
        """The report as the JSON document written beside the data."""
        data = asdict(self)
        data["skipped"] = [
            {"path": storable(s.path), "reason": storable(s.reason)} for s in self.skipped
        ]
        data["warnings"] = [storable(w) for w in self.warnings]
        data["articles_per_s"] = round(self.articles_per_s, 2)
        data["seconds"] = round(self.seconds, 3)
        data["extractor_version"] = EXTRACTOR_VERSION
        data["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        return data


@dataclass
class Outcome:
    """One article after a worker processed it: its events, or why it yielded none."""

    article: Article
    events: list[Event]
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def process_articles(articles: Sequence[Article], *, sieve: bool = True) -> list[Outcome]:
    """Parse, date and extract one partition of articles: the work a Dask worker does.

    An article whose processing fails is returned with the error as a one-line reason, so
    one pathological text cannot end a run of thousands. Articles are parsed in one batched
    stream; should that stream fail, the rest are parsed one by one, so the error lands on
    the article that caused it.
    """
    outcomes = []
    batched: Iterator | None = parse_articles((a.text for a in articles), sieve=sieve)
    for article in articles:
        try:
            parsed = None if batched is None else _next_parse(batched)
            if parsed is None:
                batched = None
                parsed = next(parse_articles([article.text], sieve=sieve))
            events = (
                extract(article, parsed, find_timexes(article.text, article.published))
                if any(_was_parsed(doc) for _, doc in parsed)
                else []
            )
            warnings: list[str] = []
            events = [_plausibly_dated(article, e, warnings) for e in events]
            outcomes.append(Outcome(article, events, warnings=warnings))
        except Exception as exc:  # noqa: BLE001 - reported per article, see docstring
            reason = f"processing failed: {type(exc).__name__}: {exc}".splitlines()[0]
            outcomes.append(Outcome(article, [], reason))
    return outcomes


def _plausibly_dated(article: Article, event: Event, warnings: list[str]) -> Event:
    """The event, undated (its words kept in `date_text`) with a warning when its date lies
    outside the range `tracker.date_range` accepts for its article."""
    if event.event_date is None:
        return event
    refusal = event_date_refusal(event.event_date, article.published)
    if refusal is None:
        return event
    warnings.append(
        f"{_where(article)}: event date {event.event_date.isoformat()} "
        f"(from {event.date_text or 'the article date'!r}) {refusal}; kept undated"
    )
    return dataclasses.replace(event, event_date=None, date_precision=None)


def _was_parsed(doc) -> bool:
    """Whether the sieve let this chunk through to the model. An article none of whose
    chunks was parsed has no part of speech on any token, so no trigger rule can fire in it:
    its temporal expressions (a scan of the whole text) and extraction are skipped."""
    return doc.has_annotation("DEP")


def _next_parse(batched: Iterator) -> list | None:
    """The next article's parse from the batched stream, or None if the stream broke."""
    try:
        return next(batched)
    except Exception:  # noqa: BLE001 - the caller re-parses this article alone
        return None


def process_article(article: Article) -> list[Event]:
    """Parse one article, resolve its temporal expressions and extract its events."""
    outcome = process_articles([article])[0]
    if outcome.error:
        raise RuntimeError(f"{_where(article)}: {outcome.error}")
    return outcome.events


def ingest_files(
    pairs: Sequence[tuple[Path, Path]],
    store: Store,
    *,
    published: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **options,
) -> IngestReport:
    """Read `(file, ingest root)` pairs into the store (see `ingest_articles`).

    Articles already stored with the same id, content hash and extractor version are
    skipped; a re-extraction replaces the article's old events. A store failure (damage,
    a full disk) stops the run with its StoreError; the run's report, holding the error,
    is written first when the store can take it.
    """
    started = time.perf_counter()
    report = IngestReport()
    try:
        fresh = _fresh_articles(
            pairs, store.known_articles(), report, published=published, max_bytes=max_bytes
        )
        return ingest_articles(fresh, store, report=report, started=started, **options)
    except StoreError as error:
        if options.get("write_report", True):
            _save_failed_report(report, store.root, error, started)
        raise


def _save_failed_report(
    report: IngestReport, store_root: Path, error: StoreError, started: float
) -> None:
    """Write the report of a run a store failure stopped (what it had committed and the
    error), unless the store cannot take even that (a full disk, a read-only store): the
    error, printed by the caller, then says why."""
    report.error = str(error)
    report.seconds = time.perf_counter() - started
    with contextlib.suppress(OSError):
        save_report(report, store_root)


def ingest_articles(
    articles: Iterable[Article],
    store: Store,
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    write_report: bool = True,
    report: IngestReport | None = None,
    started: float | None = None,
) -> IngestReport:
    """Process a stream of articles into the store, a partition of `batch_size` articles
    at a time, each partition one store commit; the stream is consumed lazily.

    With `workers` > 1 the partitions are processed on a local Dask cluster of that many
    processes, with `scheduler` (an address) on a running dask.distributed cluster; either
    way the driver alone writes, in partition order, so the tables are the same. `progress`
    is called with the number of articles each partition adds. The report is also written
    as JSON under `<store>/reports/` unless `write_report` is false.
    """
    from .parallel import map_partitions

    started = time.perf_counter() if started is None else started
    report = report or IngestReport()
    report.workers, report.scheduler = workers, scheduler
    for outcomes in map_partitions(
        process_articles, _partitions(articles, batch_size), workers=workers, scheduler=scheduler
    ):
        stored = _write_partition(store, [o for o in outcomes if o.error is None], report)
        report.skipped.extend(
            SkippedFile(_where(o.article), o.error) for o in outcomes if o.error is not None
        )
        report.warnings.extend(w for o in outcomes for w in o.warnings)
        report.articles += len(stored)
        report.events += sum(len(o.events) for o in stored)
        if progress is not None:
            progress(len(outcomes))
    report.seconds = time.perf_counter() - started
    if write_report:
        save_report(report, store.root)
    return report


#: What a batch the store cannot take raises (a value parquet cannot hold, say); the
#: store's own failures (StoreError, OSError: a full disk, a read-only folder) still stop.
_UNSTORABLE = (ValueError, TypeError, OverflowError, pa.ArrowException)


def _write_partition(store: Store, outcomes: list[Outcome], report: IngestReport) -> list[Outcome]:
    """Write a partition's articles and events in one commit and return what was stored.

    Should the store refuse the partition's values, its articles are written one commit
    each and the ones it refuses are skipped with the reason, so one article never costs
    the others (what earlier commits stored is kept either way)."""
    if not outcomes:
        return []
    try:
        _write(store, outcomes)
        return outcomes
    except _UNSTORABLE:
        pass
    stored = []
    for outcome in outcomes:
        try:
            _write(store, [outcome])
        except _UNSTORABLE as exc:
            reason = f"could not be stored: {type(exc).__name__}: {exc}"
            report.skipped.append(
                SkippedFile(_where(outcome.article), storable(reason.splitlines()[0]))
            )
        else:
            stored.append(outcome)
    return stored


def _write(store: Store, outcomes: list[Outcome]) -> None:
    """One store commit of these outcomes' articles and events."""
    store.write(
        [o.article for o in outcomes],
        [e for o in outcomes for e in o.events],
        extractor_version=EXTRACTOR_VERSION,
    )


def _fresh_articles(
    pairs: Iterable[tuple[Path, Path]],
    known: dict[str, tuple[str, str]],
    report: IngestReport,
    *,
    published: dt.date | None,
    max_bytes: int,
) -> Iterator[Article]:
    """The articles of the files that need processing, read lazily; counts and skips go
    into `report` as they are met."""
    seen: dict[str, str] = {}
    for path, root in pairs:
        result = read_file(path, root, published=published, max_bytes=max_bytes)
        report.files += 1
        report.skipped.extend(result.skipped)
        report.warnings.extend(result.warnings)
        report.read += len(result.articles)
        for article in result.articles:
            reason = _skip_reason(article, seen)
            if reason:
                report.skipped.append(SkippedFile(_where(article), reason))
                continue
            seen[article.article_id] = _where(article)
            if known.get(article.article_id) == (article.content_hash, EXTRACTOR_VERSION):
                report.unchanged += 1
                continue
            yield article


def _partitions(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of `size` articles (the last may be shorter)."""
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _where(article: Article) -> str:
    return (
        article.source_path
        if article.record_index == 0
        else f"{article.source_path}#{article.record_index}"
    )


def _skip_reason(article: Article, seen: dict[str, str]) -> str | None:
    """Why an article read fine is still not ingested, or None."""
    if article.language not in (None, "en"):
        return f"not English (detected: {article.language})"
    if article.article_id in seen:
        return f"same source identity as {seen[article.article_id]} (already read in this run)"
    return None


def save_report(report: IngestReport, store_root: Path) -> Path:
    """Write the run report beside the data, `<store>/reports/ingest-<UTC time>.json`,
    atomically (a reader never sees half a report)."""
    folder = Path(store_root) / REPORTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"ingest-{stamp}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(
        json.dumps(report.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    os.replace(tmp, path)
    return path


def ingest(paths: Sequence[Path | str], store_dir: Path | str, **options) -> IngestReport:
    """Ingest files and folders (any mix of formats) into the store at `store_dir`."""
    pairs = discover([Path(p) for p in paths])
    return ingest_files(pairs, Store(store_dir, create=True), **options)
