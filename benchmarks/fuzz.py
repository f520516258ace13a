"""Hostile input through `tracker ingest`: no traceback, every file accounted for, a store
that still reads.

    python benchmarks/fuzz.py [--files 10000] [--seed 17] [--batches 4] [--keep DIR]

A seeded generator writes `--files` inputs into `--batches` folders under a temporary
directory: random bytes, text in bad or mixed encodings, odd names (not UTF-8, newlines,
control characters, 255 bytes long), nested and deeply nested JSON, lone surrogates, huge
fields (a 1.2M-character paragraph, a megabyte title), extreme dates (headers, feeds,
records, manifest rows, file names), symbolic links (out of the folder, dangling, loops),
named pipes, truncated HTML/XML/RSS, and a few plain English articles. Each folder goes
through `python -m tracker ingest FOLDER --store STORE -q` into one store, as a user runs
it. Printed: files generated, read, ingested (articles), skipped (by reason, normalised),
files not accounted for (neither an article nor a skip: must be 0), tracebacks in the
captured standard error (must be 0), exit codes (0 or 3 only), whether the store reads
(`check_readable`), whether `tracker check` finds the store clean (`check_clean`), and the
elapsed time with the machine.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import random
import re
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = (ROOT / "data" / "raw" / "venezuela-sanctions-relief-2019-02-06.txt").read_text("utf-8")
SENTENCES = [s.strip() + "." for s in SEED_TEXT.split(".") if len(s.split()) > 4]
EXTREME_DATES = [
    "9999-12-31",
    "0001-01-01",
    "1799-12-31",
    "2999-01-01",
    "1000-02-29",
    "2019-02-30",
    "-5000-01-01",
    "99999-01-01",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "yesterday",
    "2019-02-06T25:61:00Z",
    "1e308",
    "",
    "null",
]


def check_readable(store: Path) -> str:
    """'yes' when `tracker.load_events` and every table of the store read, else the error
    (one line)."""
    from tracker.store import Store, load_events

    try:
        load_events(store)
        for table in ("articles", "events", "actors", "event_actors"):
            Store(store).table(table)
    except Exception as error:  # noqa: BLE001 - the point is to report any failure
        return f"no: {type(error).__name__}: {error}".splitlines()[0]
    return "yes"


def check_clean(store: Path) -> str:
    """'yes' when `tracker check` verifies every file of the store (checksums included) and
    exits 0, else its exit code and first line."""
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "check", "--store", str(store)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode == 0:
        return "yes"
    first = (done.stdout + done.stderr).strip().splitlines()
    return f"no (exit {done.returncode}): {first[0] if first else ''}"


class Generator:
    """Seeded hostile inputs: each kind a method returning (name bytes, content bytes)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.count = 0

    def article(self, words: int = 80) -> str:
        """English text from the seed's sentences, shuffled."""
        picked = self.rng.sample(SENTENCES, k=min(len(SENTENCES), max(2, words // 15)))
        return " ".join(picked)

    def name(self, suffix: str) -> bytes:
        """A file name, odd one time in four: not UTF-8, a newline, control characters,
        spaces and quotes, non-Latin letters, or 255 bytes long."""
        self.count += 1
        base = f"f{self.count:05d}".encode()
        odd = self.rng.random()
        if odd < 0.05:
            base += b"-m\xe9xico\xff"
        elif odd < 0.10:
            base += b"\n  skipped forged.txt: fake"
        elif odd < 0.13:
            base += bytes([self.rng.randrange(1, 32)]) + b"\x1b[2J"
        elif odd < 0.17:
            base += " ‘quoted’ $(rm) 'x' ".encode()
        elif odd < 0.21:
            base += "-Москва-北京-القاهرة".encode()
        elif odd < 0.23:
            base += b"L" * (250 - len(base) - len(suffix))
        return base + suffix.encode()

    def random_bytes(self) -> tuple[bytes, bytes]:
        size = self.rng.choice([0, 1, 7, 100, 1000, 4096, 30_000])
        return self.name(
            self.rng.choice([".txt", ".json", ".html", ".xml", ""])
        ), self.rng.randbytes(size)

    def bad_encoding(self) -> tuple[bytes, bytes]:
        text = f"date 2019-02-06 x\n\n{self.article()}\n"
        codec = self.rng.choice(
            ["utf-16", "utf-32", "latin-1", "cp1252", "shift_jis", "utf-8-sig", "mixed", "cut"]
        )
        if codec == "mixed":
            data = text.encode() + "Ñandú é".encode("latin-1") + text.encode("utf-16")
        elif codec == "cut":
            data = text.encode("utf-16")[: self.rng.randrange(1, 400)]
        else:
            data = text.encode(codec, errors="replace")
        return self.name(".txt"), data

    def text_article(self) -> tuple[bytes, bytes]:
        date = self.rng.choice(["2019-02-06", "2014-03-17", *EXTREME_DATES[:5]])
        return self.name(".txt"), f"date {date} Latest\n\n{self.article()}\n".encode()

    def json_record(self) -> tuple[bytes, bytes]:
        value = self.rng.choice(
            [
                {
                    "title": "t \ud800",
                    "published": "2019-02-06",
                    "text": self.article() + " \udfff",
                },
                {"text": self.article(), "published": self.rng.choice(EXTREME_DATES)},
                {"text": ["a", 1, None], "title": {"x": [1, 2]}},
                {"text": self.rng.choice([None, 1.5e308, True, [], {}, ""])},
                [{"text": self.article(), "url": "http://x\ud83d"}, "junk", 7, None],
                self._nested(self.rng.randrange(1, 40)),
            ]
        )
        data = json.dumps(value, ensure_ascii=self.rng.random() < 0.5)
        return self.name(".json"), data.encode("utf-8", "surrogatepass")

    def _nested(self, depth: int) -> object:
        value: object = {"text": self.article(20)}
        for _ in range(depth):
            value = self.rng.choice([[value], {"text": value}, {"items": value}])
        return value

    def deep_json(self) -> tuple[bytes, bytes]:
        depth = self.rng.choice([1_000, 10_000, 100_000])
        return self.name(".json"), b"[" * depth + b"1" + b"]" * depth

    def jsonl(self) -> tuple[bytes, bytes]:
        lines = [
            json.dumps({"text": self.article(), "date": self.rng.choice(EXTREME_DATES)}),
            "{bad json",
            "",
            "[]",
            json.dumps({"text": "x" * 50}),
            "\x00\x01",
        ]
        self.rng.shuffle(lines)
        return self.name(".jsonl"), "\n".join(lines).encode("utf-8", "surrogatepass")

    def csv_records(self) -> tuple[bytes, bytes]:
        rows = [
            "title,text,published",
            f'"T","{self.article()}",9999-12-31',
            'broken,"unterminated',
            ",,",
            f"x,{'y' * 200_000},2019-01-01",
        ]
        return self.name(".csv"), "\n".join(rows).encode()

    def markup(self) -> tuple[bytes, bytes]:
        body = self.article()
        doc = self.rng.choice(
            [
                f"<html><head><title>T</title><meta name='date' content='9999-12-31'></head>"
                f"<body><p>{body}</p>",
                f"<rss><channel><item><title>T</title><pubDate>Fri, 31 Dec 9999 00:00:00 GMT"
                f"</pubDate><description>{body}</description></item></channel>",
                f"<REUTERS><DATE> 5-MAR-0001 06:46:59.63</DATE><TEXT><BODY>{body}",
                '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b '
                '"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;&b;&b;</l>',
                f"# Title\n\nDate: 9999-12-31\n\n{body}\n\n```\n{'`' * 1000}",
                "<" * 5000 + body,
            ]
        )
        suffix = self.rng.choice([".html", ".xml", ".rss", ".md", ".sgm"])
        return self.name(suffix), doc.encode()

    def huge(self) -> tuple[bytes, bytes]:
        if self.rng.random() < 0.5:
            words = " ".join(self.rng.choices(SEED_TEXT.split(), k=200_000))
            value = {"text": words, "published": "2019-02-06"}
        else:
            value = {"title": "T" * 1_000_000, "text": self.article(), "published": "2019-02-06"}
        return self.name(".json"), json.dumps(value).encode()

    def control_text(self) -> tuple[bytes, bytes]:
        junk = "".join(
            self.rng.choice(string.printable + "\x00\x07\u2028\ufeff\u202e")
            for _ in range(self.rng.randrange(1, 3000))
        )
        return self.name(".txt"), junk.encode("utf-8", "surrogatepass")


#: (share of the files, generator method, how its files are made): a weighted mix.
KINDS: list[tuple[float, Callable[[Generator], tuple[bytes, bytes]]]] = [
    (0.30, Generator.random_bytes),
    (0.10, Generator.bad_encoding),
    (0.04, Generator.text_article),
    (0.14, Generator.json_record),
    (0.01, Generator.deep_json),
    (0.08, Generator.jsonl),
    (0.04, Generator.csv_records),
    (0.14, Generator.markup),
    (0.0015, Generator.huge),
    (0.1385, Generator.control_text),
]
SPECIAL_SHARE = 0.05  # links and pipes


def _special(gen: Generator, folder: Path, made: list[bytes]) -> bytes:
    """A symbolic link (out of the folder, dangling, a loop, inside) or a named pipe."""
    name = gen.name(".txt")
    target = os.fsencode(folder) + b"/" + name
    kind = gen.rng.choice(["passwd", "dangling", "loop", "inside", "fifo", "dir"])
    if kind == "passwd":
        os.symlink(b"/etc/passwd", target)
    elif kind == "dangling":
        os.symlink(b"nowhere-" + name, target)
    elif kind == "loop":
        os.symlink(name, target)
    elif kind == "inside" and made:
        os.symlink(gen.rng.choice(made), target)
    elif kind == "dir":
        os.symlink(b"/usr/share", target)
    else:
        os.mkfifo(target)
    return name


def generate(folder: Path, files: int, gen: Generator) -> list[bytes]:
    """Write `files` hostile inputs into `folder`; their names, as bytes."""
    folder.mkdir(parents=True)
    weights = [share for share, _ in KINDS]
    made: list[bytes] = []
    for _ in range(files):
        if gen.rng.random() < SPECIAL_SHARE:
            made.append(_special(gen, folder, made))
            continue
        [(_, kind)] = gen.rng.choices(KINDS, weights=weights)
        name, data = kind(gen)
        with open(os.fsencode(folder) + b"/" + name, "wb") as handle:
            handle.write(data)
        made.append(name)
    rows = ["path,url,published,title,source"] + [
        f"{n.decode()},,{gen.rng.choice(EXTREME_DATES)},," for n in made[:40] if _plain(n)
    ]
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", "utf-8")
    return made


def _plain(name: bytes) -> bool:
    """Whether a name can stand in a manifest row as it is (UTF-8, no comma, quote, line)."""
    try:
        text = name.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ch in text for ch in ',"\r\n')


def _reason_kind(reason: str) -> str:
    """A skip reason without its particulars (names, numbers, quoted values), one line."""
    from tracker.readers.names import printable

    reason = re.sub(r"'[^']*'|\"[^\"]*\"|/\S+|\d[\d,.]*", "…", reason)
    return printable(reason.split(" (")[0][:70])


def run(folder: Path, store: Path) -> tuple[int, str, float]:
    """`tracker ingest FOLDER --store STORE -q` as a user runs it: exit code, stderr, s."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "ingest", str(folder), "--store", str(store), "-q"],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        cwd=ROOT,
        check=False,
    )
    return done.returncode, done.stderr, time.perf_counter() - started


def main() -> None:
    """Generate, ingest batch by batch, then print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--batches", type=int, default=4)
    parser.add_argument(
        "--keep", type=Path, help="generate here and keep it (default: a temporary folder, removed)"
    )
    args = parser.parse_args()
    from tracker.readers.names import printable, storable

    with tempfile.TemporaryDirectory(prefix="tracker-fuzz-") as tmp:
        base = args.keep or Path(tmp)
        store = base / "store"
        gen = Generator(args.seed)
        started = time.perf_counter()
        names: dict[str, int] = {}
        codes: collections.Counter[int] = collections.Counter()
        tracebacks, stderr_lines = 0, []
        for batch in range(args.batches):
            folder = base / f"batch{batch}"
            share = args.files // args.batches + (batch < args.files % args.batches)
            made = generate(folder, share, gen)
            names.update({f"batch{batch}/{storable(os.fsdecode(n))}": batch for n in made})
            code, err, seconds = run(folder, store)
            codes[code] += 1
            tracebacks += err.count("Traceback")
            stderr_lines += [line for line in err.splitlines() if line.strip()]
            print(f"batch {batch}: {share} files, exit {code}, {seconds:.1f} s", flush=True)
        elapsed = time.perf_counter() - started
        reports = [
            json.loads(p.read_text("utf-8"))
            for p in sorted((store / "reports").glob("ingest-*.json"))
        ]
        accounted = _accounted(store, reports)
        skipped = [s for r in reports for s in r["skipped"]]
        print(f"files generated: {len(names)}")
        print(f"files read: {sum(r['files'] for r in reports)}")
        print(f"articles read: {sum(r['read'] for r in reports)}")
        print(f"articles ingested: {sum(r['articles'] for r in reports)}")
        print(f"events found: {sum(r['events'] for r in reports)}")
        print(f"skipped: {len(skipped)} (files and records), by reason:")
        for kind, count in collections.Counter(
            _reason_kind(s["reason"]) for s in skipped
        ).most_common():
            print(f"  {count:6d}  {kind}")
        print(f"warnings: {sum(len(r['warnings']) for r in reports)}")
        missing = [n for n in names if n.split("/", 1)[1] not in accounted[names[n]]]
        print(f"files not accounted for (no article, no skip): {len(missing)}")
        for name in missing[:10]:
            print(f"  {printable(name)}")
        print(f"exit codes: {dict(sorted(codes.items()))}")
        print(f"tracebacks in standard error: {tracebacks}")
        print(f"other standard error lines: {len(stderr_lines)}")
        for line in stderr_lines[:10]:
            print(f"  {line[:160]}")
        print(f"store readable (tracker.load_events and every table): {check_readable(store)}")
        print(f"tracker check clean: {check_clean(store)}")
        print(
            f"elapsed: {elapsed:.1f} s for {len(names)} files "
            f"({os.cpu_count()} CPUs, {platform.machine()}, Python "
            f"{platform.python_version()}; machine shared)"
        )


def _accounted(store: Path, reports: list[dict]) -> dict[int, set[str]]:
    """Per batch (in ingest order), the relative paths that gave an article or a skip."""
    articles = pd.read_parquet(store / "articles", columns=["source_path"])
    stored = set(articles["source_path"])
    out: dict[int, set[str]] = {}
    for batch, report in enumerate(reports):
        out[batch] = stored | {s["path"].rsplit("#", 1)[0] for s in report["skipped"]}
    return out


if __name__ == "__main__":
    main()
