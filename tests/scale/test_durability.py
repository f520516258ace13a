"""Durability of a real ingest: killed with SIGKILL part way and rerun it ends with a clean
run's tables; readers during it see a consistent state; ingesting again adds nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from tracker.errors import StoreError
from tracker.pipeline import ingest
from tracker.store import Store

from .conftest import assert_same_tables


def _tracker_ingest(files: list[Path], store: Path) -> subprocess.Popen:
    """`tracker ingest` in a child process, one article per commit."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tracker",
            "ingest",
            *map(str, files),
            "--store",
            str(store),
            "--batch-size",
            "1",
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _assert_consistent(root: Path) -> int:
    """What a reader sees: unique ids, every event's article present; the article count."""
    store = Store(root)
    articles, events = store.table("articles"), store.table("events")
    assert articles["article_id"].is_unique and events["event_id"].is_unique
    assert set(events["article_id"]) <= set(articles["article_id"])
    plain = pd.read_parquet(root / "events")  # a plain reader of the table directory
    assert plain["event_id"].is_unique
    return len(articles)


def _stored_articles(root: Path) -> int:
    try:
        return _assert_consistent(root)
    except (StoreError, FileNotFoundError):
        return 0  # not created yet


def test_an_ingest_killed_part_way_and_rerun_equals_a_clean_run(handful, tmp_path: Path):
    killed = tmp_path / "killed"
    child = _tracker_ingest(handful, killed)
    deadline = time.monotonic() + 120
    while _stored_articles(killed) < 2 and child.poll() is None:
        assert time.monotonic() < deadline, "the ingest committed nothing in 120 s"
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the ingest finished before it was killed"
    partial = _assert_consistent(killed)

    rerun = ingest(handful, killed, batch_size=1)
    clean = ingest(handful, tmp_path / "clean", batch_size=1)
    assert 0 < rerun.articles < clean.articles
    assert rerun.articles + rerun.unchanged == clean.articles
    assert rerun.unchanged >= partial
    assert_same_tables(killed, tmp_path / "clean")


def test_ingesting_the_same_files_again_adds_nothing(handful, tmp_path: Path):
    first = ingest(handful, tmp_path / "store")
    again = ingest(handful, tmp_path / "store")
    assert first.articles > 0 and first.events > 0
    assert (again.articles, again.events, again.unchanged) == (0, 0, first.articles)
    ingest(handful, tmp_path / "once")
    assert_same_tables(tmp_path / "store", tmp_path / "once")


def test_each_run_leaves_a_report_beside_the_data(handful, tmp_path: Path):
    import json

    report = ingest(handful, tmp_path / "store")
    [path] = (tmp_path / "store" / "reports").glob("ingest-*.json")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["files"], saved["read"], saved["articles"], saved["events"]) == (
        len(handful),
        report.read,
        report.articles,
        report.events,
    )
    assert report.read >= report.articles > 0
    assert [s["reason"] for s in saved["skipped"]] == [s.reason for s in report.skipped]
    assert saved["seconds"] > 0
