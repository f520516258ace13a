"""`tracker ingest`: any mix of files in, a report out; bad input costs only itself."""

from __future__ import annotations

import csv
import os

import pandas as pd
import pytest

from tracker import pipeline
from tracker.cli import main
from tracker.records import Article
from tracker.store import load_events

from .conftest import SEED

GOOD = (
    "Washington on Wednesday offered relief from sanctions to Venezuelan military officers "
    "who betray Nicolás Maduro. The European Union imposed sanctions on Belarus in February."
)


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _tables(store):
    return {
        name: pd.read_parquet(store / name)
        for name in ("articles", "events", "actors", "event_actors")
    }


def test_a_missing_path_is_one_line_naming_it_and_exit_1(tmp_path, capsys):
    code, out, err = _run(capsys, "ingest", str(tmp_path / "nope"), "--store", str(tmp_path / "s"))
    assert code == 1
    assert err.count("\n") == 1 and "nope" in err and "Traceback" not in err


BAD_FILES = {
    "empty.txt": b"",
    "junk.bin": bytes(range(256)) * 40,
    "latin1.txt": "date 2019-02-06 x\n\nLa \xe9conomie \xe0 Caracas".encode("utf-16"),
    "cut.html": b"<html><head><title>T</title></head><body><p>Washington imposed",
    "cut.xml": b"<REUTERS><DATE> 5-MAR-1987 06:46:59.63</DATE><TEXT><BODY>The U.S",
    "cut.json": b'{"title": "Sanctions", "text": "The EU imposed',
    "bomb.xml": (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY a{i} "{"&a;" * 10 if i == 0 else f"&a{i - 1};" * 10}">'.encode()
            for i in range(9)
        )
        + b"]><l>&a8;</l>"
    ),
    "german.txt": (
        "date 2019-02-06 x\n\nDie Europäische Union hat am Mittwoch neue Sanktionen "
        "gegen Belarus verhängt, weil die Regierung die Opposition unterdrückt und "
        "die Wahlen gefälscht hat. Das ist nicht das erste Mal."
    ).encode(),
}


def test_bad_files_are_skipped_with_reasons_and_the_good_one_is_stored(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in BAD_FILES.items():
        (raw / name).write_bytes(data)
    (raw / "good.txt").write_text(f"date 2019-02-06 Latest\n\n{GOOD}\n", encoding="utf-8")
    store = tmp_path / "store"
    code, out, _ = _run(capsys, "ingest", str(raw), "--store", str(store))
    assert code == 0
    skipped = {
        line.split(":")[0].split()[-1] for line in out.splitlines() if line.startswith("  skipped")
    }
    for name in ("empty.txt", "junk.bin", "bomb.xml", "german.txt"):
        assert name in skipped, f"{name} not reported as skipped:\n{out}"
    assert "not English" in out
    events = load_events(store)
    assert set(events["source_path"]) >= {"good.txt"}
    assert "SANCTION_RELIEF_OFFER" in set(events["event_type"])


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    huge = raw / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200_000_000)
    code, out, _ = _run(capsys, "ingest", str(raw), "--store", str(tmp_path / "s"))
    assert code == 3  # nothing could be ingested
    assert "huge.txt" in out and "skipped: 1" in out


def test_a_bad_batch_loses_nothing_already_stored(tmp_path, capsys):
    store = tmp_path / "store"
    _run(capsys, "ingest", str(SEED), "--store", str(store))
    before = _tables(store)
    raw = tmp_path / "bad"
    raw.mkdir()
    (raw / "junk.bin").write_bytes(os.urandom(4096))
    (raw / "empty.txt").write_bytes(b"")
    _run(capsys, "ingest", str(raw), "--store", str(store))
    after = _tables(store)
    for name, table in before.items():
        assert len(after[name]) == len(table), name


def test_an_article_with_no_date_anywhere_is_kept_with_its_relative_dates_unresolved(
    tmp_path, capsys
):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "undated.txt").write_text(GOOD + "\n", encoding="utf-8")
    store = tmp_path / "store"
    code, out, _ = _run(capsys, "ingest", str(raw), "--store", str(store))
    assert code == 0 and "warning" in out and "undated.txt" in out
    events = load_events(store)
    offer = events[events["event_type"] == "SANCTION_RELIEF_OFFER"].iloc[0]
    assert pd.isna(offer.event_date)  # "on Wednesday" of an unknown week: not guessed
    explicit = events[events["event_type"] == "SANCTION_IMPOSE"].iloc[0]
    assert explicit.date_text == "February"  # the month is stated, the year is not known
    assert pd.isna(explicit.event_date)


def test_published_option_dates_files_that_state_nothing(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "undated.txt").write_text(GOOD + "\n", encoding="utf-8")
    store = tmp_path / "store"
    _run(capsys, "ingest", str(raw), "--store", str(store), "--published", "2019-02-06")
    offer = load_events(store).query("event_type == 'SANCTION_RELIEF_OFFER'").iloc[0]
    assert offer.event_date == pd.Timestamp(2019, 2, 6)


def test_reingesting_the_same_input_changes_nothing_but_ingested_at(tmp_path, capsys):
    store = tmp_path / "store"
    _run(capsys, "ingest", str(SEED), "--store", str(store))
    first = _tables(store)
    code, out, _ = _run(capsys, "ingest", str(SEED), "--store", str(store))
    assert "unchanged" in out
    second = _tables(store)
    for name in first:
        a, b = first[name], second[name]
        if name == "articles":
            a, b = a.drop(columns="ingested_at"), b.drop(columns="ingested_at")
        pd.testing.assert_frame_equal(a, b, check_like=True)


def test_a_new_extractor_version_re_extracts_stored_articles(tmp_path, capsys, monkeypatch):
    store = tmp_path / "store"
    _run(capsys, "ingest", str(SEED), "--store", str(store))
    monkeypatch.setattr("tracker.pipeline.EXTRACTOR_VERSION", "test-next")
    monkeypatch.setattr("tracker.extract.EXTRACTOR_VERSION", "test-next")
    code, out, _ = _run(capsys, "ingest", str(SEED), "--store", str(store))
    assert "articles ingested: 1" in out
    assert set(pd.read_parquet(store / "articles")["extractor_version"]) == {"test-next"}


@pytest.mark.slow
def test_the_whole_shared_corpus_reads_and_ends_with_a_report(shared, tmp_path, capsys):
    code, out, _ = _run(
        capsys, "ingest", str(shared / "corpus"), "--store", str(tmp_path / "s"), "--quiet"
    )
    assert code == 0
    report = dict(line.split(": ", 1) for line in out.splitlines() if not line.startswith(" "))
    with (shared / "corpus" / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        listed = sum(1 for _ in csv.DictReader(handle))
    assert report["files read"] == str(listed)
    assert int(report["articles ingested"]) >= listed
    assert int(report["events found"]) > 300
    skips = [line for line in out.splitlines() if line.startswith("  skipped")]
    assert all("same source identity" in line for line in skips), skips


def test_a_generic_actor_keeps_each_articles_country_in_the_store(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "zimbabwe.txt").write_text(
        "date 2010-12-18\nZimbabwe's ruling party tasked the government to hold elections "
        "next year.\n",
        encoding="utf-8",
    )
    (raw / "iran.txt").write_text(
        "date 2012-03-26\nIran's supreme leader tasked the government to hold elections next "
        "year.\n",
        encoding="utf-8",
    )
    code, _, _ = _run(capsys, "ingest", str(raw), "--store", str(tmp_path / "s"), "-q")
    assert code == 0
    events = load_events(tmp_path / "s")
    elections = events[events.event_type == "ELECTION"]
    by_file = {
        row.source_path.split("/")[-1]: list(row.source_countries) for row in elections.itertuples()
    }
    assert by_file == {"zimbabwe.txt": ["ZWE"], "iran.txt": ["IRN"]}


def test_an_article_the_sieve_lets_nothing_of_is_neither_dated_nor_extracted(monkeypatch):
    def fail(*_args, **_kwargs):
        raise AssertionError("timex or extraction ran on an article the sieve let nothing of")

    monkeypatch.setattr(pipeline, "find_timexes", fail)
    monkeypatch.setattr(pipeline, "extract", fail)
    article = Article(
        article_id="calm",
        source_path="calm.txt",
        record_index=0,
        text="The weather in Caracas was warm. Markets were quiet.",
    )
    [outcome] = pipeline.process_articles([article])
    assert outcome.error is None and outcome.events == []
