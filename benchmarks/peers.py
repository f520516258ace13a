"""Peer suites: our event types against PETRARCH-2 and PLOVER gold, sentence by sentence.

    python benchmarks/peers.py [--shared ../shared] [--confusions N] [--misses] [--audit]

Runs the extractor on every record of ../shared/bench/{sanctions_policy_subset,
petrarch2_gsr_validation, plover_gsr_cameo}/records.jsonl (one record = one sentence = one
Article, dated by the record's `date` when it has one) and scores our event types with
../shared/event-type-mapping.csv, read at run time.

How it counts:
- A gold label is a gold event's CAMEO code, or `PLOVER:<type>[/<mode>]` when the event has
  no CAMEO code (where a suite has both, the finer CAMEO code is the one scored).
  Identical labels in one sentence (compound actors expanded into one event per actor pair)
  are one label: the unit is the distinct gold label per sentence.
- A label is covered when the mapping table maps it to our types: rows whose `coverage` is
  covered or partial, with a type of our taxonomy; a code may map to several of our types.
  A PLOVER-only label is covered only where tracker/data/peer_codes.csv says one of our types
  covers its whole category or mode (REQUEST, MOBILIZE, ASSAULT by weapon, THREATEN to
  restrict or cut relations). Uncovered labels are counted and listed apart, not scored.
- Agreement: of the covered labels, the share for which any of our events in that sentence
  (any modality) has one of the mapped types. Our extra events in such sentences are not
  penalised here.
- No-event sentences are records with no gold event at all; a false event is such a sentence
  where we produce one or more events (any type, any modality).
- Totals count each sentence once: the subset's records also appear in their source suites.

--audit adds benchmarks/peer_readings.csv: our reading, by ../shared/gold/GUIDELINES.md, of
the subset's covered labels whose sentence GUIDELINES give another type (or none), and of the
no-event sentences that state an event by GUIDELINES, each with its reason. It reports how
far an extractor that follows GUIDELINES can agree, and the figures on the rest.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import DataTableError, InputError
from tracker.extract import EXTRACTOR_VERSION, extract
from tracker.nlp import model_name, paragraphs, parse
from tracker.records import Article
from tracker.rules import event_types
from tracker.tables import read_csv
from tracker.timex import find_timexes

ROOT = Path(__file__).resolve().parents[1]
SUITES = ("sanctions_policy_subset", "petrarch2_gsr_validation", "plover_gsr_cameo")
TARGET_SUITE = "sanctions_policy_subset"
AGREEMENT_TARGET = 0.75
FALSE_EVENT_TARGET = 0.10
COUNTED_COVERAGE = frozenset({"covered", "partial"})
MAPPING_COLUMNS = ("our_type", "sub_case", "cameo_codes", "coverage")
RECORD_KEYS = frozenset(
    {"id", "text", "date", "events", "category", "bench", "markup", "comment", "expect_no_event"}
)
PARENTHESES = re.compile(r"\([^)]*\)")
PLOVER_PREFIX = "PLOVER:"
LEGEND = (
    "gold ev: gold events; covered: distinct gold labels per sentence that map to our "
    "types; matched: of those, with an event of ours of a mapped type; uncov: labels "
    "not covered (not counted); no-ev: sentences with no gold event; false: of those, "
    "sentences where we produced an event"
)
READINGS = ROOT / "benchmarks" / "peer_readings.csv"
READING_COLUMNS = ("suite", "record_id", "label", "reading", "reason")
NO_EVENT = "none"
CODE_ITEM = re.compile(r"(?P<lo>\d{2,4})(?:-(?P<hi>\d{3}))?")


# --- the mapping table -----------------------------------------------------------------


@dataclass(frozen=True)
class CodeSpan:
    """CAMEO codes one mapping entry names: "163" (that code), "18" (the root and all its
    codes) or "100-108" (three-digit codes in that range and their four-digit children)."""

    lo: str
    hi: str
    width: int | None  # compare the code's first `width` digits; None = the whole code

    def covers(self, code: str) -> bool:
        """Whether a gold CAMEO code falls in this span."""
        key = code if self.width is None else code[: self.width]
        return len(key) == len(self.lo) and self.lo <= key <= self.hi


@dataclass(frozen=True)
class Mapping:
    """CAMEO code spans to our types, PLOVER (type, mode) to our types ("" = any mode), and
    the mapping table rows left out of scoring (with why)."""

    spans: tuple[tuple[CodeSpan, str], ...]
    plover: dict[tuple[str, str], frozenset[str]]
    left_out: tuple[str, ...]

    def types_for(self, label: str) -> frozenset[str]:
        """Our types a gold label maps to; empty when the tables do not cover it."""
        if label.startswith(PLOVER_PREFIX):
            plover, _, mode = label.removeprefix(PLOVER_PREFIX).partition("/")
            return self.plover.get((plover, ""), frozenset()) | self.plover.get(
                (plover, mode), frozenset()
            )
        return frozenset(t for span, t in self.spans if span.covers(label))


def parse_code_cell(cell: str, where: str) -> list[CodeSpan]:
    """The spans of a `cameo_codes` cell; parenthesised remarks and "none" name no code."""
    spans = []
    for item in PARENTHESES.sub("", cell).split(";"):
        item = item.strip()
        if item in ("", "none"):
            continue
        match = CODE_ITEM.fullmatch(item)
        if match is None:
            raise InputError(where, f"cannot read CAMEO code {item!r} in {cell!r}")
        lo, hi = match["lo"], match["hi"]
        if hi is not None:
            if len(lo) != 3 or hi < lo:
                raise InputError(where, f"bad CAMEO code range {item!r}")
            spans.append(CodeSpan(lo, hi, 3))
        else:
            spans.append(CodeSpan(lo, lo, 2 if len(lo) == 2 else None))
    return spans


def plover_table() -> dict[tuple[str, str], frozenset[str]]:
    """tracker/data/peer_codes.csv: the PLOVER categories and modes one of our types covers."""
    known = event_types()
    table: dict[tuple[str, str], frozenset[str]] = {}
    for row in read_csv(
        "peer_codes.csv",
        ("plover_type", "plover_mode", "our_type", "reason"),
        optional=("plover_mode",),
    ):
        key = (row["plover_type"], row["plover_mode"])
        if row["our_type"] not in known:
            raise DataTableError(f"tracker/data/peer_codes.csv: unknown type {row['our_type']!r}")
        if key in table:
            raise DataTableError(f"tracker/data/peer_codes.csv: duplicate row for {key}")
        table[key] = frozenset({row["our_type"]})
    return table


def load_mapping(path: Path) -> Mapping:
    """Read event-type-mapping.csv: the rows that cover or partly cover a type of ours."""
    if not path.is_file():
        raise InputError(str(path), "mapping table not found")
    known = event_types()
    spans: list[tuple[CodeSpan, str]] = []
    left_out = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(MAPPING_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise InputError(str(path), f"missing columns {sorted(missing)}")
        for line, row in enumerate(reader, 2):
            where = f"{path}:{line}"
            our_type, coverage = row["our_type"].strip(), row["coverage"].strip()
            name = f"{our_type}{'/' + row['sub_case'] if row['sub_case'] else ''}"
            if our_type.startswith("("):
                left_out.append(f"{name} (no fixed type)")
                continue
            if our_type not in known:
                raise InputError(where, f"unknown event type {our_type!r}")
            if coverage not in COUNTED_COVERAGE:
                left_out.append(f"{name} ({coverage})")
                continue
            spans.extend((span, our_type) for span in parse_code_cell(row["cameo_codes"], where))
    if not spans:
        raise InputError(str(path), "no covered CAMEO codes")
    return Mapping(tuple(spans), plover_table(), tuple(left_out))


# --- the suites ------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One suite sentence with its distinct gold labels ("163", "PLOVER:SANCTION")."""

    suite: str
    record_id: str
    text: str
    published: dt.date | None
    gold_events: int
    labels: tuple[str, ...]

    @property
    def no_event(self) -> bool:
        """The gold says this sentence states no event."""
        return self.gold_events == 0


def gold_label(event: dict, where: str) -> str:
    """A gold event's label: its CAMEO code, else its PLOVER type."""
    code, plover = event.get("code"), event.get("plover")
    if code is not None and event.get("code_system", "CAMEO") == "CAMEO":
        if not (isinstance(code, str) and code.isdigit()):
            raise InputError(where, f"CAMEO code is not a digit string: {code!r}")
        return code
    if plover:
        mode = event.get("plover_mode")
        return f"{PLOVER_PREFIX}{plover}{'/' + mode if mode else ''}"
    raise InputError(where, f"gold event has neither a CAMEO code nor a PLOVER type: {event}")


def read_record(raw: dict, suite: str, where: str) -> Record:
    """Check one JSONL record and keep what scoring needs."""
    unknown = set(raw) - RECORD_KEYS
    if unknown:
        raise InputError(where, f"unknown record fields {sorted(unknown)}")
    events = raw.get("events")
    if not isinstance(events, list) or not isinstance(raw.get("text"), str):
        raise InputError(where, "record needs a text and a list of events")
    if raw.get("expect_no_event") and events:
        raise InputError(where, "expect_no_event is set but gold events are given")
    try:
        published = dt.date.fromisoformat(raw["date"]) if raw.get("date") else None
    except ValueError as exc:
        raise InputError(where, f"bad date {raw['date']!r}") from exc
    labels = dict.fromkeys(gold_label(e, where) for e in events)
    return Record(suite, str(raw["id"]), raw["text"], published, len(events), tuple(labels))


def read_suite(folder: Path) -> list[Record]:
    """The records of one suite folder's records.jsonl."""
    path = folder / "records.jsonl"
    if not path.is_file():
        raise InputError(str(path), "suite records not found")
    records = []
    for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text.strip():
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{line}", f"not JSON: {exc.msg}") from exc
            records.append(read_record(raw, folder.name, f"{path}:{line}"))
    return records


# --- our readings of the suites' labels -----------------------------------------------


@dataclass(frozen=True)
class Reading:
    """Our type by GUIDELINES for one suite label ("" for a no-event sentence's own reading),
    where the mapping sends that label elsewhere; NO_EVENT when GUIDELINES see no event."""

    suite: str
    record_id: str
    label: str
    reading: str
    reason: str


def load_readings(
    path: Path, records: dict[tuple[str, str], Record], mapping: Mapping
) -> list[Reading]:
    """Read and check peer_readings.csv: every row names a real record and label, reads it
    as a type of ours (or none) that the mapping does not give that label, and says why."""
    known = set(event_types()) | {NO_EVENT}
    out, seen = [], set()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != READING_COLUMNS:
            raise InputError(str(path), f"columns must be {', '.join(READING_COLUMNS)}")
        for line, row in enumerate(reader, 2):
            where = f"{path}:{line}"
            reading = Reading(*((row[c] or "").strip() for c in READING_COLUMNS))
            record = records.get((reading.suite, reading.record_id))
            if record is None:
                raise InputError(where, f"no record {reading.record_id} in {reading.suite}")
            if (reading.suite, reading.record_id, reading.label) in seen:
                raise InputError(where, "a second reading of the same label")
            seen.add((reading.suite, reading.record_id, reading.label))
            if reading.reading not in known or not reading.reason:
                raise InputError(where, "reading must be a type of ours or 'none', with a reason")
            if not reading.label:
                if not record.no_event or reading.reading == NO_EVENT:
                    raise InputError(where, "an empty label reads a no-event sentence as an event")
            elif reading.label not in record.labels:
                raise InputError(where, f"{reading.record_id} has no label {reading.label}")
            elif not mapping.types_for(reading.label) or (
                reading.reading in mapping.types_for(reading.label)
            ):
                raise InputError(
                    where,
                    f"{reading.label} is not covered, or the mapping "
                    f"already gives it {reading.reading}",
                )
            out.append(reading)
    return out


def audit(scores: Sequence[SentenceScore], readings: Sequence[Reading]) -> list[str]:
    """The subset's agreement and the false-event rate, on what GUIDELINES read alike."""
    otherwise = {(r.suite, r.record_id, r.label) for r in readings}
    subset = [
        (label, ok)
        for s in scores
        if s.suite == TARGET_SUITE
        for label, _, ok in s.covered
        if (s.suite, s.record_id, label) not in otherwise
    ]
    covered = sum(len(s.covered) for s in scores if s.suite == TARGET_SUITE)
    read_as = Counter(r.reading for r in readings if r.suite == TARGET_SUITE and r.label)
    alike, matched = len(subset), sum(ok for _, ok in subset)
    eventful = {(r.suite, r.record_id) for r in readings if not r.label}
    quiet = [s for s in distinct(scores) if s.gold_events == 0]
    agreed = [s for s in quiet if (s.suite, s.record_id) not in eventful]
    false = sum(s.false_event for s in agreed)
    ours = {(s.suite, s.record_id): set(s.ours) for s in scores}
    kept = sum(
        (r.reading in ours[r.suite, r.record_id])
        if r.reading != NO_EVENT
        else not ours[r.suite, r.record_id]
        for r in readings
    )
    return [
        f"audit ({READINGS.name}: our readings by GUIDELINES, each with its reason):",
        f"  {TARGET_SUITE}: {covered - alike} of {covered} covered labels read otherwise "
        f"({', '.join(f'{t} {n}' for t, n in read_as.most_common())}); an extractor that "
        f"follows GUIDELINES agrees on at most {alike}/{covered} = {_share(alike / covered)}",
        f"  agreement on the {alike} labels read alike: {matched}/{alike} = "
        f"{_share(matched / alike if alike else None)}",
        f"  no-event sentences: {len(quiet) - len(agreed)} of {len(quiet)} state an event by "
        f"GUIDELINES; false events on the other {len(agreed)}: {false}/{len(agreed)} = "
        f"{_share(false / len(agreed) if agreed else None)}",
        f"  our events agree with our own reading on {kept} of the {len(readings)} labels and "
        f"sentences read otherwise",
    ]


# --- running the extractor -------------------------------------------------------------


def article_for(record: Record, index: int) -> Article:
    """The record as a one-sentence article, dated by the suite when it gives a date."""
    return Article(
        article_id=f"{record.suite}:{record.record_id}",
        source_path=f"bench/{record.suite}/records.jsonl",
        record_index=index,
        text=record.text,
        published=record.published,
        language="en",
        format="jsonl",
    )


def our_types(records: Sequence[Record]) -> list[tuple[str, ...]]:
    """Our event types for each record, as `process_article` would find them, but with all
    paragraphs of all records parsed in one batched spaCy stream."""
    spans = [paragraphs(r.text) for r in records]
    docs = iter(
        parse(
            r.text[s:e].replace("\n", " ")
            for r, pieces in zip(records, spans, strict=True)
            for s, e in pieces
        )
    )
    out = []
    for index, (record, pieces) in enumerate(zip(records, spans, strict=True)):
        article = article_for(record, index)
        parsed = [(s, next(docs)) for s, _ in pieces]
        events = extract(article, parsed, find_timexes(article.text, article.published))
        out.append(tuple(sorted(e.event_type for e in events)))
    return out


# --- scoring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SentenceScore:
    """One sentence scored: each covered label with its mapped types and whether we match."""

    suite: str
    record_id: str
    covered: tuple[tuple[str, frozenset[str], bool], ...]
    uncovered: tuple[str, ...]
    gold_events: int
    ours: tuple[str, ...]

    @property
    def false_event(self) -> bool:
        """A no-event sentence for which we produced something."""
        return self.gold_events == 0 and bool(self.ours)


def score_sentence(record: Record, ours: Sequence[str], mapping: Mapping) -> SentenceScore:
    """Match each distinct gold label against the types of all our events in the sentence."""
    covered, uncovered = [], []
    for label in record.labels:
        wanted = mapping.types_for(label)
        if wanted:
            covered.append((label, wanted, bool(wanted & set(ours))))
        else:
            uncovered.append(label)
    return SentenceScore(
        record.suite,
        record.record_id,
        tuple(covered),
        tuple(uncovered),
        record.gold_events,
        tuple(ours),
    )


@dataclass(frozen=True)
class Tally:
    """The figures of one table row."""

    sentences: int
    gold_events: int
    covered: int
    matched: int
    uncovered: int
    no_event: int
    false_events: int

    @property
    def agreement(self) -> float | None:
        """Matched share of the covered labels (None when nothing is covered)."""
        return self.matched / self.covered if self.covered else None

    @property
    def false_event_rate(self) -> float | None:
        """Share of no-event sentences where we produced an event (None when there are none)."""
        return self.false_events / self.no_event if self.no_event else None


def tally(scores: Iterable[SentenceScore]) -> Tally:
    """Sum sentence scores into one row."""
    scores = list(scores)
    return Tally(
        sentences=len(scores),
        gold_events=sum(s.gold_events for s in scores),
        covered=sum(len(s.covered) for s in scores),
        matched=sum(ok for s in scores for _, _, ok in s.covered),
        uncovered=sum(len(s.uncovered) for s in scores),
        no_event=sum(s.gold_events == 0 for s in scores),
        false_events=sum(s.false_event for s in scores),
    )


def distinct(scores: Iterable[SentenceScore]) -> list[SentenceScore]:
    """Each sentence once (first suite wins): the subset repeats records of other suites."""
    seen: dict[str, SentenceScore] = {}
    for score in scores:
        seen.setdefault(score.record_id, score)
    return list(seen.values())


def confusions(scores: Iterable[SentenceScore]) -> Counter[tuple[str, str]]:
    """(gold type, what we produced) for each covered label we missed."""
    out: Counter[tuple[str, str]] = Counter()
    for score in scores:
        for _, wanted, ok in score.covered:
            if not ok:
                out["|".join(sorted(wanted)), "+".join(score.ours) or "(nothing)"] += 1
    return out


def by_type(scores: Iterable[SentenceScore]) -> dict[str, tuple[int, int]]:
    """Gold type (the mapped types, "|"-joined) -> (covered labels, matched)."""
    out: dict[str, tuple[int, int]] = {}
    for score in scores:
        for _, wanted, ok in score.covered:
            name = "|".join(sorted(wanted))
            covered, matched = out.get(name, (0, 0))
            out[name] = (covered + 1, matched + ok)
    return dict(sorted(out.items(), key=lambda item: -item[1][0]))


# --- report ----------------------------------------------------------------------------


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(rows: Sequence[tuple[str, Tally]]) -> list[str]:
    """The per-suite table, one line per row."""
    head = (
        f"{'suite':32} {'sentences':>9} {'gold ev':>7} {'covered':>7} {'matched':>7} "
        f"{'agree':>5} {'uncov':>5} {'no-ev':>5} {'false':>5} {'f-rate':>6}"
    )
    lines = [head, "-" * len(head)]
    for name, t in rows:
        lines.append(
            f"{name:32} {t.sentences:9d} {t.gold_events:7d} {t.covered:7d} "
            f"{t.matched:7d} {_share(t.agreement):>5} {t.uncovered:5d} "
            f"{t.no_event:5d} {t.false_events:5d} {_share(t.false_event_rate):>6}"
        )
    return lines + [LEGEND]


def targets(target_suite: Tally, everything: Tally) -> list[str]:
    """The issue's two targets, with met / MISSED."""
    agreement, rate = target_suite.agreement, everything.false_event_rate
    return [
        f"target: agreement on {TARGET_SUITE} {_share(agreement)} >= {AGREEMENT_TARGET:.2f}: "
        + ("met" if agreement is not None and agreement >= AGREEMENT_TARGET else "MISSED"),
        f"target: false events on the no-event sentences of all suites "
        f"{everything.false_events}/{everything.no_event} = {_share(rate)} <= "
        f"{FALSE_EVENT_TARGET:.2f}: "
        + ("met" if rate is not None and rate <= FALSE_EVENT_TARGET else "MISSED"),
    ]


def details(
    scores: Sequence[SentenceScore], records: dict[tuple[str, str], Record], top: int, misses: bool
) -> list[str]:
    """Top confusions, uncovered labels, false events, and (on request) every miss."""
    lines = [
        "agreement by gold type (all suites, each sentence once): "
        + ", ".join(
            f"{name} {matched}/{covered}" for name, (covered, matched) in by_type(scores).items()
        )
    ]
    lines.append(f"top confusions, gold type -> ours ({top} most common):")
    lines += [
        f"  {n:3d}  {gold} -> {ours}" for (gold, ours), n in confusions(scores).most_common(top)
    ]
    uncovered = Counter(label for s in scores for label in s.uncovered)
    shown = uncovered.most_common(top)
    lines.append(
        f"uncovered gold labels, not counted ({sum(uncovered.values())}; "
        f"{len(shown)} most common of {len(uncovered)}): "
        + ", ".join(f"{label} x{n}" for label, n in shown)
    )
    lines.append("false events on no-event sentences:")
    lines += [f"  {s.suite}/{s.record_id}: {' + '.join(s.ours)}" for s in scores if s.false_event]
    if misses:
        lines.append("missed covered labels:")
        for s in scores:
            for label, wanted, ok in s.covered:
                if not ok:
                    text = records[s.suite, s.record_id].text
                    lines.append(
                        f"  {s.record_id} [{label} -> {'|'.join(sorted(wanted))}; "
                        f"ours: {'+'.join(s.ours) or '-'}] {text}"
                    )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run the three suites, print the table, the targets and the confusions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--confusions", type=int, default=15, help="how many to list")
    parser.add_argument("--misses", action="store_true", help="list every missed label")
    parser.add_argument(
        "--audit", action="store_true", help=f"also score against our readings in {READINGS.name}"
    )
    args = parser.parse_args(argv)
    bench = args.shared / "bench"
    if not all((bench / s / "records.jsonl").is_file() for s in SUITES):
        print(f"peer suites not found under {bench.resolve()}; skipping")
        return 0
    mapping = load_mapping(args.shared / "event-type-mapping.csv")
    records = [r for suite in SUITES for r in read_suite(bench / suite)]
    by_id = {(r.suite, r.record_id): r for r in records}
    readings = load_readings(READINGS, by_id, mapping) if args.audit else []
    started = time.perf_counter()
    found = our_types(records)
    seconds = time.perf_counter() - started
    scores = [score_sentence(r, ours, mapping) for r, ours in zip(records, found, strict=True)]
    rows = [(suite, tally(s for s in scores if s.suite == suite)) for suite in SUITES]
    unique = distinct(scores)
    rows.append(("all (each sentence once)", tally(unique)))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"python {platform.python_version()}, {model_name()}, extractor {EXTRACTOR_VERSION}; "
        f"{len(records)} sentences in {seconds:.1f} s ({len(records) / seconds:.0f}/s)"
    )
    print("mapping rows not counted: " + "; ".join(mapping.left_out))
    print("\n".join(table(rows)))
    print("\n".join(targets(rows[0][1], rows[-1][1])))
    if args.audit:
        print("\n".join(audit(scores, readings)))
    print("\n".join(details(unique, by_id, args.confusions, args.misses)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
