"""`tracker` command line: ingest, events, eval, timex, serve, compact, migrate.

Bad input ends in one line naming the file and the reason and a non-zero exit, never a
traceback: every TrackerError is caught here. Exit codes: 0 done, 1 error, 2 usage,
3 (`ingest` only) nothing could be ingested: every article was skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import InputError, StoreDamaged, TrackerError

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_STORE = Path("data/processed")
FORMATS = ("table", "csv", "json", "parquet")
#: `tracker ingest`'s exit code when input was given but nothing in it could be ingested.
EXIT_NOTHING_INGESTED = 3
INGEST_EXIT_CODES = f"""exit codes:
  0  done: articles ingested, or all already stored and unchanged
  1  error (a path that does not exist, a store that cannot be written)
  2  usage error
  {EXIT_NOTHING_INGESTED}  nothing could be ingested: every file or article was
     skipped (the reasons are printed)
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _positive(text: str) -> int:
    """A whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {text!r}")
    return int(text)


def _event_type(text: str) -> str:
    """An event type of the taxonomy, in any case; an unknown one is refused with the list."""
    from .rules import event_types

    found = text.strip().upper()
    if found not in event_types():
        raise argparse.ArgumentTypeError(
            f"unknown event type {text!r}; one of: {', '.join(event_types())}"
        )
    return found


def _modality(text: str) -> str:
    """A modality of the schema, in any case; an unknown one is refused with the list."""
    from .rules import MODALITIES

    found = text.strip().lower()
    if found not in MODALITIES:
        raise argparse.ArgumentTypeError(
            f"unknown modality {text!r}; one of: {', '.join(MODALITIES)}"
        )
    return found


def _country(text: str) -> str:
    """An ISO alpha-3 code (or EUR, UNO) in any case, or a country's name ("Venezuela")."""
    from .gazetteer import known_codes, lookup

    code = text.strip().upper()
    if code in known_codes():
        return code
    entry = lookup(text.strip()) or lookup(text.strip().title())
    if entry is not None and entry.country:
        return entry.country
    raise argparse.ArgumentTypeError(
        f"unknown country {text!r}: give an ISO alpha-3 code (VEN, USA; EUR for the "
        "European Union, UNO for the United Nations) or a country's name"
    )


def _progress(quiet: bool):
    """A tqdm progress bar over articles (articles/s shown), or None when quiet; its
    `update` is what the pipeline calls after each partition."""
    if quiet:
        return None
    from tqdm import tqdm

    return tqdm(unit="article", file=sys.stderr, disable=not sys.stderr.isatty())


def cmd_ingest(args: argparse.Namespace) -> int:
    """Read files and folders into the store and print the report."""
    from .pipeline import DEFAULT_BATCH, ingest_files
    from .readers import discover
    from .store import Store

    pairs = discover([Path(p) for p in args.paths])
    bar = _progress(args.quiet)
    try:
        report = ingest_files(
            pairs,
            Store(args.store, create=True),
            published=args.published,
            batch_size=args.batch_size or DEFAULT_BATCH,
            max_bytes=args.max_bytes,
            progress=None if bar is None else bar.update,
            workers=args.workers,
            scheduler=args.scheduler,
        )
    finally:
        if bar is not None:
            bar.close()
    lines = report.lines()
    if args.quiet:
        lines = [ln for ln in lines if not ln.startswith("  warning")]
    print("\n".join(lines))
    return EXIT_NOTHING_INGESTED if report.articles + report.unchanged == 0 else 0


def _is_list(value: object) -> bool:
    """True for a list cell as DuckDB and parquet give it (a numpy array or a list)."""
    return hasattr(value, "__len__") and not isinstance(value, str | bytes)


def _plain_cells(rows: pd.DataFrame, *, lists_as_json: bool = True) -> pd.DataFrame:
    """The rows with dates as `YYYY-MM-DD` text and list cells as plain lists, written as
    JSON arrays (`["USA", "VEN"]`) when `lists_as_json`: what a CSV or JSON reader can
    parse back, where pandas would write numpy reprs and ISO timestamps."""
    import json

    import pandas as pd

    out = rows.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            out[column] = values.dt.strftime("%Y-%m-%d").astype(object).where(values.notna())
        elif values.map(_is_list).any():
            lists = values.map(lambda v: [str(x) for x in v] if _is_list(v) else [])
            if lists_as_json:
                lists = lists.map(lambda v: json.dumps(v, ensure_ascii=False))
            out[column] = lists
    return out


def cmd_events(args: argparse.Namespace) -> int:
    """Print or write the stored events matching the filters."""
    from .query import EventFilter, selection

    filt = EventFilter(
        start=args.start,
        end=args.end,
        event_types=tuple(args.type or ()),
        countries=tuple(args.country or ()),
        actors=tuple(args.actor or ()),
        modalities=tuple(args.modality or ()),
        text=args.text,
    )
    rows = selection(args.store, filt, limit=args.limit)
    if args.format == "parquet":
        if not args.output:
            raise InputError("--output", "parquet output needs --output FILE")
        rows.to_parquet(args.output, index=False)
        print(f"{len(rows)} events written to {args.output}")
        return 0
    if args.format == "csv":
        text = _plain_cells(rows).to_csv(index=False)
    elif args.format == "json":
        text = _plain_cells(rows, lists_as_json=False).to_json(
            orient="records", force_ascii=False, lines=True
        )
    else:
        cols = ["event_date", "date_precision", "date_source", "event_type", "modality", "summary"]
        text = _plain_cells(rows)[cols].to_string(index=False) if len(rows) else "no events match"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"{len(rows)} events written to {args.output}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Ingest the gold's articles, write predictions and print the gold scorer's output."""
    import tempfile

    from .evaluate import evaluate

    with tempfile.TemporaryDirectory(prefix="tracker-eval-") as tmp:
        store = args.store or Path(tmp) / "store"
        print(
            evaluate(
                [Path(g) for g in args.gold],
                Path(args.corpus),
                Path(args.predictions),
                Path(store),
                Path(args.scorer) if args.scorer else None,
            ),
            end="",
        )
    return 0


def cmd_timex(args: argparse.Namespace) -> int:
    """Find and resolve temporal expressions in TempEval-style JSONL documents."""
    from .jsonl import read_jsonl, write_jsonl
    from .timex import timex_jsonl

    docs = read_jsonl(Path(args.jsonl))
    out = Path(args.out)
    write_jsonl(timex_jsonl(docs, source=args.jsonl), out)
    print(f"{len(docs)} documents written to {out}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the dashboard on host:port (127.0.0.1 unless told otherwise) until Ctrl+C:
    waitress with --threads threads, or Flask's development server with --dev."""
    from dashboards.app import serve

    serve(args.store, host=args.host, port=args.port, threads=args.threads, dev=args.dev)
    return 0


def cmd_compact(args: argparse.Namespace) -> int:
    """Merge the store's small parquet parts."""
    from .store import Store

    Store(args.store).compact()
    print(f"compacted {args.store}")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Bring a store written by an older tracker to the current schema version."""
    from .store import migrate

    print(f"{args.store}: schema version {migrate(args.store)}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Verify every file of the store's live generation; exit 4 when damaged."""
    from .store.repair import check_store

    report = check_store(args.store)
    print("\n".join(report.lines()))
    return 0 if report.clean else StoreDamaged.exit_code


def cmd_repair(args: argparse.Namespace) -> int:
    """Rebuild a consistent generation from the readable parts and print what was lost."""
    from .store.repair import repair_store

    print("\n".join(repair_store(args.store).lines()))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """Train the event detector from labelled articles and write its model file."""
    from .train import train

    files = [Path(f) for f in args.gold or []] + sorted(Path(args.labels).glob("*.jsonl"))
    model, lost = train(files, Path(args.shared), Path(args.out))
    print(
        f"{len(files)} label files, {model.meta['sentences']} sentences "
        f"({model.meta['events_sentences']} stating events), {len(model.vocabulary)} "
        f"features, {len(model.heads) - 1} types; evidence not found: {lost}; "
        f"written to {args.out}"
    )
    return 0


def _event_types() -> list[str]:
    from .rules import event_types

    return list(event_types())


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subcommand per job."""
    parser = argparse.ArgumentParser(
        prog="tracker", description="Sanctions & policy event tracker: news in, dated events out."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def store_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--store",
            type=Path,
            default=DEFAULT_STORE,
            help=f"store directory (default {DEFAULT_STORE})",
        )

    p = sub.add_parser(
        "ingest",
        help="read articles (files/folders, any format) into a store",
        epilog=INGEST_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", help="files or folders")
    store_arg(p)
    p.add_argument("--published", type=_date, help="publication date for files that state none")
    p.add_argument("--batch-size", type=int, help="articles per store commit")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=50_000_000,
        help="refuse files larger than this (default 50 MB)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or warnings")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="parse on a local Dask cluster of this many processes (default 1: no Dask)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="parse on a running dask.distributed cluster, e.g. tcp://host:8786",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("events", help="list stored events, filtered")
    store_arg(p)
    p.add_argument(
        "--country",
        action="append",
        type=_country,
        help="ISO alpha-3 code or country name, any case (repeatable)",
    )
    p.add_argument(
        "--type",
        action="append",
        type=_event_type,
        help=f"event type, any case (repeatable): {', '.join(_event_types())}",
    )
    p.add_argument(
        "--modality",
        action="append",
        type=_modality,
        help="asserted, planned, conditional, negated or hypothetical, any case (repeatable)",
    )
    p.add_argument("--actor", action="append", help="actor name (repeatable)")
    p.add_argument("--from", dest="start", type=_date, help="first event date")
    p.add_argument("--to", dest="end", type=_date, help="last event date")
    p.add_argument("--text", help="words in the summary or sentence")
    p.add_argument("--limit", type=int, default=None, help="at most this many rows")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--output", help="write to this file instead of standard output")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("eval", help="score the extractor against gold annotations")
    p.add_argument("--gold", action="append", required=True, help="gold JSONL (repeatable)")
    p.add_argument("--corpus", required=True, help="folder the gold's article paths are under")
    p.add_argument("--predictions", required=True, help="where to write predictions (JSONL)")
    p.add_argument("--scorer", help="scorer script (default: score.py beside the gold)")
    p.add_argument("--store", type=Path, help="keep the ingested store here")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("train", help="train the event detector from labelled articles")
    p.add_argument("--labels", default="training/labels", help="folder of label JSONL files")
    p.add_argument("--gold", action="append", help="gold JSONL to train on too (repeatable)")
    p.add_argument("--shared", default="../shared", help="folder the labels' paths are under")
    p.add_argument("--out", default="tracker/data/detector.npz", help="model file to write")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("timex", help="temporal expressions of TempEval-style JSONL documents")
    p.add_argument("--jsonl", required=True, help='input: {"doc_id","dct","text"} per line')
    p.add_argument("--out", required=True, help="output JSONL of timexes")
    p.set_defaults(func=cmd_timex)

    p = sub.add_parser("serve", help="serve the dashboard")
    store_arg(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8050)
    p.add_argument(
        "--threads",
        type=_positive,
        default=8,
        help="request threads of the waitress server (default 8)",
    )
    p.add_argument(
        "--dev", action="store_true", help="run Flask's development server instead of waitress"
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("compact", help="merge the store's small parquet parts")
    store_arg(p)
    p.set_defaults(func=cmd_compact)

    p = sub.add_parser("migrate", help="upgrade a store written by an older tracker")
    store_arg(p)
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser(
        "check",
        help="verify the store's files against its manifest (exit 4 when damaged)",
        epilog="exit codes: 0 clean, 1 not a store, 4 damaged (any command "
        "that meets damage exits 4 too; `tracker repair` rebuilds)",
    )
    store_arg(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "repair", help="rebuild a readable store from its intact parts, naming the articles lost"
    )
    store_arg(p)
    p.set_defaults(func=cmd_repair)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `tracker` console script and `python -m tracker`."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except TrackerError as exc:
        print(f"tracker: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # a report or output file the system refuses, say
        where = f": {exc.filename}" if exc.filename else ""
        print(f"tracker: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("tracker: interrupted", file=sys.stderr)
        return 130
