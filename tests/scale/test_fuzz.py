"""Fuzz: the readers and the whole pipeline fed thousands of generated junk or truncated
inputs never crash; each input is stored or skipped with a one-line reason naming it.
Most junk is skipped by the readers or by the sieve before spaCy, so the 10,000 inputs
take well under a minute."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tracker.pipeline import ingest
from tracker.store import Store

from .junk import junk_inputs


def _fuzz(count: int, samples: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for name, data in junk_inputs(count, samples):
        (folder / name).write_bytes(data)
    report = ingest([folder], tmp_path / "store", batch_size=200)
    assert report.files == count
    articles = Store(tmp_path / "store").table("articles")
    stored = Counter(path.split("#")[0] for path in articles["source_path"])
    skipped = Counter(s.path.split("#")[0] for s in report.skipped)
    assert set(stored) | set(skipped) == {p.name for p in folder.iterdir()}
    assert all(s.reason.strip() and "\n" not in s.reason for s in report.skipped)
    assert not any(s.reason.startswith("processing failed") for s in report.skipped)
    assert len(articles) == report.articles > 0 and report.events > 0
    events = Store(tmp_path / "store").table("events")
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    for row in events.itertuples():
        assert texts[row.article_id][row.char_start : row.char_end] == row.sentence


def test_ten_thousand_junk_inputs_are_each_stored_or_skipped(handful, tmp_path: Path):
    _fuzz(10_000, handful, tmp_path)
