"""TempEval-3 Task A benchmark: our temporal resolver against a dateparser-only baseline.

Runs both systems on ../shared/bench/timeml/{timebank,aquaint}.jsonl (and on the two
together), scores each with the benchmark's own score.py (run as a subprocess; its output
is printed as is), and prints documents per second for each system, by CPU time of this
process and by wall clock, and the speed ratio by CPU time (the machine is shared: other
people's jobs slow the wall clock of either system at random).

    python benchmarks/tempeval.py [--skip-baseline] [--errors N] [--keep DIR] [--audit]

With --audit it also sorts our wrong values on the two sets together by what the gold
does elsewhere: words the gold writes in our format in another place (so no one reading
of them can match both), gold values that are not well-formed TIMEX3 ("2000-W7"), and the
rest, which are the ones a rule could still win.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.timex import timex_jsonl

BENCH_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "timeml"
SETS = ("timebank", "aquaint")


def read_documents(path: Path) -> list[dict]:
    """The gold documents of one JSONL file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _granular_value(surface: str, when: dt.datetime) -> str:
    """The baseline's value at the granularity the words state: a lone 4-digit number is a
    year, a month name without a day number is a month, anything else a day."""
    if re.fullmatch(r"\d{4}", surface.strip()):
        return f"{when.year:04d}"
    has_month = re.search(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", surface)
    if has_month and not re.search(r"\b\d{1,2}\b", surface):
        return f"{when.year:04d}-{when.month:02d}"
    return when.date().isoformat()


def dateparser_jsonl(documents: Iterable[dict]) -> Iterator[dict]:
    """Baseline: dateparser's search_dates relative to the DCT, every hit a DATE of a day."""
    from dateparser.search import search_dates

    for document in documents:
        text, anchor = document["text"], dt.datetime.fromisoformat(document["dct"])
        settings = {"RELATIVE_BASE": anchor, "PREFER_DATES_FROM": "past"}
        hits = search_dates(text, languages=["en"], settings=settings) or []
        timexes, cursor = [], 0
        for surface, when in hits:
            start = text.find(surface, cursor)
            if start < 0:
                continue
            cursor = start + len(surface)
            timexes.append(
                {
                    "start": start,
                    "end": cursor,
                    "type": "DATE",
                    "value": _granular_value(surface, when),
                }
            )
        yield {"doc_id": document["doc_id"], "timexes": timexes}


@dataclass
class Timing:
    """Seconds one system spent on some documents: CPU time of this process (what the speed
    comparison uses: other jobs on a shared machine do not count) and wall-clock time."""

    documents: int = 0
    cpu: float = 0.0
    wall: float = 0.0

    def add(self, other: Timing) -> None:
        """Add another set's documents and seconds to this total."""
        self.documents += other.documents
        self.cpu += other.cpu
        self.wall += other.wall

    def rate(self) -> float:
        """Documents per CPU second."""
        return self.documents / self.cpu if self.cpu > 0 else float("inf")

    def line(self) -> str:
        """ "254.1 documents/s (CPU time), 240.3 documents/s (wall clock)"."""
        wall = self.documents / self.wall if self.wall > 0 else float("inf")
        return f"{self.rate():.1f} documents/s (CPU time), {wall:.1f} documents/s (wall clock)"


def warm_up(system: Callable[[Iterable[dict]], Iterator[dict]]) -> None:
    """Run a system once on a short document, untimed, so that imports and one-off loading
    (dateparser's language data) do not count against its speed."""
    sample = {"doc_id": "warm-up", "dct": "2019-02-06", "text": "Talks resumed on Monday, Jan. 7."}
    list(system([sample]))


def run(
    system: Callable[[Iterable[dict]], Iterator[dict]], documents: list[dict], out: Path
) -> Timing:
    """Write a system's predictions to `out`; return the time it took."""
    inputs = [{"doc_id": d["doc_id"], "dct": d["dct"], "text": d["text"]} for d in documents]
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    predictions = list(system(inputs))
    timing = Timing(
        len(documents),
        time.process_time() - cpu_started,
        time.perf_counter() - wall_started,
    )
    with out.open("w", encoding="utf-8") as handle:
        for line in predictions:
            handle.write(json.dumps(line) + "\n")
    return timing


def score(gold: Path, predictions: Path, errors: int) -> str:
    """Output of the benchmark's scorer on one prediction file."""
    command = [
        sys.executable,
        str(BENCH_DIR / "score.py"),
        str(gold),
        str(predictions),
        "--breakdown",
    ]
    if errors:
        command += ["--errors", str(errors)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return result.stdout


# TIMEX3 values as the TimeML guidelines write them: dates and weeks with two-digit
# fields, seasons and parts of a year, underspecified digits, durations and references.
WELL_FORMED = re.compile(
    r"(\d{2,4}|[\dX]{4})(-(\d{2}|XX)(-(\d{2}|XX))?(T[\dX:]+|T(MO|AF|EV|NI|DT))?"
    r"|-W(\d{2}|XX)(-WE|-\d)?|-Q[\dX]|-H[\dX]|-(SP|SU|FA|WI))?"
    r"|\d{1,3}X*|P([\dX.]+(Y|M|W|D|Q|H|DE|CE|ML|L|E|WE|SP|SU|FA|WI))+"
    r"|PT[\dX.]+(H|M|S)|(PRESENT|PAST|FUTURE)_REF|XXXX-WXX-\d(T\w+)?"
)


def _value_shape(value: str) -> str:
    """A value with its digits masked: "1989-W43" and "1998-W11" share "9999-W99"."""
    return re.sub(r"\d", "9", value)


def audit(gold: Path, predictions: Path) -> list[str]:
    """Our wrong values sorted by what the gold does elsewhere (see the module docstring),
    over the scorer's own one-to-one matching of spans."""
    spec = importlib.util.spec_from_file_location("te3_score", BENCH_DIR / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    ours = {d["doc_id"]: d["timexes"] for d in read_documents(predictions)}
    pairs = []
    for doc in read_documents(gold):
        system = ours.get(doc["doc_id"], [])
        for g, p, _ in scorer.match_doc(doc["timexes"], system):
            gold_tx = doc["timexes"][g]
            pairs.append((gold_tx["text"].lower(), gold_tx["value"], system[p]["value"]))
    right_shapes = collections.defaultdict(set)
    for words, gold_value, value in pairs:
        if gold_value == value:
            right_shapes[words].add(_value_shape(value))
    wrong = [(w, g, v) for w, g, v in pairs if g != v]
    malformed = [(w, g, v) for w, g, v in wrong if not WELL_FORMED.fullmatch(g)]
    both_ways = [
        (w, g, v)
        for w, g, v in wrong
        if WELL_FORMED.fullmatch(g)
        and _value_shape(v) in right_shapes[w]
        and _value_shape(g) != _value_shape(v)
    ]
    common = collections.Counter(w for w, _, _ in both_ways).most_common(6)
    return [
        f"audit: {len(wrong)} wrong values of {len(pairs)} matched spans",
        f"  {len(malformed)} where the gold value is not well-formed TIMEX3: "
        + ", ".join(sorted({g for _, g, _ in malformed})),
        f"  {len(both_ways)} on words the gold writes in our format elsewhere: "
        + ", ".join(f"{w!r} x{n}" for w, n in common),
        f"  {len(wrong) - len(both_ways) - len(malformed)} others",
    ]


def main(argv: list[str] | None = None) -> int:
    """Run, score and print both systems on each set and on both sets together."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-baseline", action="store_true", help="score our system only")
    parser.add_argument("--errors", type=int, default=0, help="scorer error listing size")
    parser.add_argument("--keep", type=Path, help="directory to keep prediction files in")
    parser.add_argument(
        "--audit", action="store_true", help="sort our wrong values by what the gold does elsewhere"
    )
    args = parser.parse_args(argv)
    if not all((BENCH_DIR / f"{name}.jsonl").exists() for name in SETS):
        print(f"benchmark data not found under {BENCH_DIR.resolve()}; skipping")
        return 0
    systems = {"tracker.timex": timex_jsonl}
    if not args.skip_baseline:
        systems["dateparser.search_dates"] = dateparser_jsonl
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        combined_gold = work / "gold-timebank+aquaint.jsonl"
        combined_gold.write_text(
            "".join((BENCH_DIR / f"{name}.jsonl").read_text(encoding="utf-8") for name in SETS),
            encoding="utf-8",
        )
        totals = {}
        for label, system in systems.items():
            warm_up(system)
            total = totals[label] = Timing()
            combined = work / f"pred-{label}-timebank+aquaint.jsonl"
            combined.write_text("", encoding="utf-8")
            for name in SETS:
                gold = BENCH_DIR / f"{name}.jsonl"
                out = work / f"pred-{label}-{name}.jsonl"
                timing = run(system, read_documents(gold), out)
                total.add(timing)
                with combined.open("a", encoding="utf-8") as handle:
                    handle.write(out.read_text(encoding="utf-8"))
                print(f"== {label} on {name}: {timing.line()}")
                print(score(gold, out, args.errors))
            print(f"== {label} on timebank+aquaint: {total.line()}")
            print(score(combined_gold, combined, args.errors))
            if args.audit and system is timex_jsonl:
                print("\n".join(audit(combined_gold, combined)))
    if len(totals) == 2:
        ours, baseline = totals.values()
        ratio = ours.rate() / baseline.rate()
        print(f"speed: {ratio:.1f}x the baseline (documents per CPU second)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
