"""Evaluation against hand-annotated gold (shared/gold/GUIDELINES.md, score.py).

The gold's articles are ingested into a store like any other input; the stored events are
then written in the gold JSONL shape and scored by the gold's own scorer, whose output is
passed through unchanged.
"""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from .errors import InputError
from .jsonl import read_jsonl, write_jsonl
from .pipeline import IngestReport, ingest_files
from .store import Store, load_events


def read_gold(paths: Sequence[Path]) -> list[dict]:
    """Gold records from one or more JSONL files (pooled in order)."""
    return [rec for path in paths for rec in read_jsonl(path)]


def ingest_gold_articles(records: Iterable[dict], corpus: Path, store: Store) -> IngestReport:
    """Ingest the articles the gold names (paths under `corpus`), with the corpus as root."""
    pairs = []
    for rec in records:
        path = corpus / rec["article"]
        if not path.is_file():
            raise InputError(str(path), "article named by the gold is not in the corpus")
        pairs.append((path, corpus))
    return ingest_files(pairs, store)


def _plain(value):
    """A parquet value as a JSON value (lists from arrays, None from NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def predictions(records: Iterable[dict], events: pd.DataFrame) -> list[dict]:
    """Stored events in the gold JSONL shape, one object per gold article."""
    out = []
    for rec in records:
        rows = events[events["source_path"] == rec["article"]]
        evs = []
        for row in rows.itertuples(index=False):
            date = row.event_date
            evs.append(
                {
                    "type": row.event_type,
                    "date": None if pd.isna(date) else str(date)[:10],
                    "precision": _plain(row.date_precision),
                    "date_source": row.date_source,
                    "sources": list(_plain(row.sources) or []),
                    "source_countries": list(_plain(row.source_countries) or []),
                    "targets": list(_plain(row.targets) or []),
                    "target_countries": list(_plain(row.target_countries) or []),
                    "modality": row.modality,
                    "quantity": _plain(row.quantity),
                    "instrument": _plain(row.instrument),
                    "evidence": row.sentence,
                    "trigger": row.trigger,
                    "date_text": _plain(row.date_text),
                    "sentence_index": _plain(row.sentence_index),
                    "confidence": _plain(row.confidence),
                }
            )
        out.append({"article": rec["article"], "published": rec.get("published"), "events": evs})
    return out


def score(gold: Path, predicted: Path, scorer: Path) -> str:
    """Run the gold's scorer (per type) and return its output."""
    if not scorer.is_file():
        raise InputError(str(scorer), "scorer not found (pass --scorer)")
    done = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(predicted), "--per-type"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise InputError(str(scorer), f"scorer failed: {done.stderr.strip()[-300:]}")
    return done.stdout


def evaluate(
    gold_paths: Sequence[Path],
    corpus: Path,
    predicted: Path,
    store_dir: Path,
    scorer: Path | None = None,
) -> str:
    """Ingest the gold's articles, write predictions, score them; returns the scorer output."""
    records = read_gold(gold_paths)
    ingest_gold_articles(records, corpus, Store(store_dir, create=True))
    write_jsonl(predictions(records, load_events(store_dir)), predicted)
    pooled = gold_paths[0]
    if len(gold_paths) > 1:
        pooled = predicted.with_name(predicted.stem + ".gold.jsonl")
        write_jsonl(records, pooled)
    return score(pooled, predicted, scorer or gold_paths[0].parent / "score.py")
