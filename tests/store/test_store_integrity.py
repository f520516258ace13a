"""The store checks itself: a deleted, a stray and a corrupt part are reported by every
reader, refused by every writer, listed by `tracker check` and mended by `tracker repair`;
failures of the disk are one line; stale temporary links go at the next commit."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
import seed_batches as sb
import tamper
from store_checks import assert_same_contents, contents

from dashboards import callbacks, data
from dashboards.state import ViewState
from tracker.cli import main
from tracker.errors import StoreDamaged, StoreError
from tracker.store import Store, generations, load_events
from tracker.store.integrity import INDEX
from tracker.store.repair import check_store, repair_store

ARTICLES = range(0, 15)
DAMAGE = sorted(tamper.DAMAGE)


@pytest.fixture
def written(store: Store) -> Store:
    """A store of 15 articles written in three batches (several parts per table)."""
    for start in range(0, 15, 5):
        store.write(*sb.batch(range(start, start + 5)), extractor_version="x1")
    return store


def damage(store: Store, kind: str) -> tuple[str, str]:
    """Do damage of `kind` to the store; returns the part hit and the problem expected."""
    do, problem = tamper.DAMAGE[kind]
    return do(store.root), problem


def one_error_line(capsys: pytest.CaptureFixture) -> str:
    """The CLI's standard error, asserted to be one `tracker: error:` line."""
    err = capsys.readouterr().err
    assert err.startswith("tracker: error:") and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_part_is_named_by_every_reader(written: Store, kind: str, capsys) -> None:
    part, problem = damage(written, kind)
    for read in (
        lambda: load_events(written.root),
        lambda: written.table("events"),
        written.known_articles,
        lambda: data.summary(written.root),
    ):
        with pytest.raises(StoreDamaged, match=rf"{part}: .*{problem}.*tracker repair"):
            read()
    assert main(["events", "--store", str(written.root)]) == StoreDamaged.exit_code
    assert part in one_error_line(capsys)
    figure, note, _ = callbacks.timeline_outputs(written.root, ViewState())
    assert "damaged" in note and part in note
    assert "damaged" in figure["layout"]["annotations"][0]["text"]
    rows, caption, _ = callbacks.table_outputs(written.root, ViewState())
    assert rows == [] and part in caption


@pytest.mark.parametrize("kind", DAMAGE)
def test_check_lists_the_damage_and_exits_4(written: Store, kind: str, capsys) -> None:
    assert main(["check", "--store", str(written.root)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "clean"
    part, problem = damage(written, kind)
    assert main(["check", "--store", str(written.root)]) == 4
    out = capsys.readouterr().out.splitlines()
    assert any(part in line and problem in line for line in out)
    assert out[-1].startswith("damaged: 1 problem")


@pytest.mark.parametrize("kind", DAMAGE)
def test_writes_never_carry_a_damaged_part_forward(written: Store, kind: str, capsys) -> None:
    part, _ = damage(written, kind)
    before = written.root / os.readlink(written.root / generations.CURRENT)
    with pytest.raises(StoreDamaged, match=rf"{part}.*tracker repair"):
        written.write(*sb.batch(range(20, 22)), extractor_version="x1")
    with pytest.raises(StoreDamaged, match=part):
        written.compact()
    assert main(["compact", "--store", str(written.root)]) == 4
    assert part in one_error_line(capsys)
    assert written.root / os.readlink(written.root / generations.CURRENT) == before


@pytest.mark.parametrize("kind", DAMAGE)
def test_repair_restores_a_store_check_passes_and_names_the_articles_to_reingest(
    written: Store, kind: str, tmp_path: Path, capsys
) -> None:
    target = tamper.live(written.root) / tamper.biggest_events_part(written.root)
    held = set(pq.read_table(target, columns=["article_id"])["article_id"].to_pylist())
    part, _ = damage(written, kind)
    lost = set() if kind == "extra" else held
    assert main(["repair", "--store", str(written.root)]) == 0
    printed = capsys.readouterr().out
    assert part in printed
    assert f"{len(lost)} article(s) lost" in printed if lost else "lost" not in printed
    assert check_store(written.root).clean
    report = json.loads(next((written.root / "reports").glob("repair-*.json")).read_text())
    assert {a["article_id"] for a in report["lost_articles"]} == lost
    flat = load_events(written.root)
    assert flat["event_id"].is_unique and not set(flat["article_id"]) & lost
    clean = Store(tmp_path / "clean", create=True)
    clean.write(*sb.batch(ARTICLES), extractor_version="x1")
    again = [a for a in sb.batch(ARTICLES)[0] if a.article_id in lost]
    written.write(
        again, [e for e in sb.batch(ARTICLES)[1] if e.article_id in lost], extractor_version="x1"
    )
    assert_same_contents(written, clean)


def test_a_corrupt_index_is_refused_by_writes_and_rebuilt_by_repair(written: Store) -> None:
    before = contents(written)
    tamper.corrupt_file(tamper.live(written.root) / INDEX)
    with pytest.raises(StoreDamaged, match=INDEX):
        written.write(*sb.batch(range(20, 22)), extractor_version="x1")
    assert [d.path for d in check_store(written.root).damage] == [INDEX]
    report = repair_store(written.root)
    assert not report.lost_articles and check_store(written.root).clean
    for name, frame in contents(written).items():
        pd.testing.assert_frame_equal(frame, before[name], obj=name)
    written.write(*sb.batch(range(3, 6), "x2", sb.TEMPLATES[:2]), extractor_version="x2")
    assert set(written.table("events").query("extractor_version == 'x2'")["article_id"]) == {
        a.article_id for a in sb.batch(range(3, 6))[0]
    }


def test_a_part_overwritten_with_garbage_is_named_corrupt(written: Store) -> None:
    part = tamper.biggest_events_part(written.root)
    tamper.corrupt_file(tamper.live(written.root) / part)
    with pytest.raises(StoreDamaged, match=rf"{part}: corrupt: 18 bytes"):
        load_events(written.root)


def test_a_store_written_before_checksums_reads_and_check_says_how_to_add_them(
    written: Store, capsys
) -> None:
    expected = load_events(written.root)
    tamper.drop_checksums(written.root)
    pd.testing.assert_frame_equal(load_events(written.root), expected)
    assert main(["check", "--store", str(written.root)]) == 0
    out = capsys.readouterr().out
    assert "checksums absent" in out and "tracker repair" in out
    assert repair_store(written.root).after is not None
    assert check_store(written.root).checksums and check_store(written.root).clean
    tamper.drop_checksums(written.root)
    written.write(*sb.batch(range(20, 22)), extractor_version="x1")
    assert check_store(written.root).checksums


def test_a_store_without_checksums_still_detects_a_missing_part(written: Store) -> None:
    tamper.drop_checksums(written.root)
    part = tamper.delete_part(written.root)
    with pytest.raises(StoreDamaged, match=f"{part}: missing"):
        load_events(written.root)


def test_stale_temporary_links_are_listed_by_check_and_swept_at_the_next_commit(
    written: Store,
) -> None:
    stale = [".current.99999.tmp", "articles.99999.tmp"]
    for name in stale:
        os.symlink(".generations/000001", written.root / name)
    assert check_store(written.root).temporary_links == stale
    written.write(*sb.batch(range(20, 22)), extractor_version="x1")
    assert not [n for n in stale if os.path.lexists(written.root / n)]


def _fail_writes(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Make every part written by a commit fail with the OSError `code`."""

    def refuse(_table, where, *args, **kwargs):
        raise OSError(code, os.strerror(code), str(where))

    monkeypatch.setattr(generations.pq, "write_table", refuse)


def test_a_full_disk_is_one_line_and_leaves_the_store_as_it_was(
    written: Store, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    before = contents(written)
    _fail_writes(monkeypatch, errno.ENOSPC)
    with pytest.raises(StoreError, match="No space left on device"):
        written.write(*sb.batch(range(20, 22)), extractor_version="x1")
    assert main(["compact", "--store", str(written.root)]) == 1
    assert "No space left on device" in one_error_line(capsys)
    monkeypatch.undo()
    assert check_store(written.root).clean
    for name, frame in contents(written).items():
        pd.testing.assert_frame_equal(frame, before[name], obj=name)


def test_a_read_only_store_is_one_line(
    written: Store, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    opened = os.open

    def read_only(path, flags, *args):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return opened(path, flags, *args)

    monkeypatch.setattr(generations.os, "open", read_only)
    for command in ("compact", "repair"):
        assert main([command, "--store", str(written.root)]) == 1
        assert "Read-only file system" in one_error_line(capsys)
    assert main(["events", "--store", str(written.root)]) == 0


@pytest.mark.parametrize("failure", ["damaged", "disk full"])
def test_an_ingest_the_store_stops_is_one_line_with_a_report(
    written: Store, failure: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    if failure == "damaged":
        tamper.delete_part(written.root)
        expected_code, words = StoreDamaged.exit_code, "the store is damaged"
    else:
        _fail_writes(monkeypatch, errno.ENOSPC)
        expected_code, words = 1, "No space left on device"
    assert main(["ingest", str(sb.SEED), "--store", str(written.root), "-q"]) == expected_code
    assert words in one_error_line(capsys)
    (report,) = (written.root / "reports").glob("ingest-*.json")
    assert words in json.loads(report.read_text(encoding="utf-8"))["error"]


def test_repair_without_a_readable_manifest_keeps_every_row_once(written: Store) -> None:
    before = contents(written)
    tamper.add_stray_part(written.root)
    (tamper.live(written.root) / "_manifest.json").write_text('{"generation": 3, "par')
    with pytest.raises(StoreDamaged, match="_manifest.json is unreadable"):
        check_store(written.root)
    report = repair_store(written.root)
    assert "the manifest was unreadable" in report.notes[0] and not report.lost_articles
    assert check_store(written.root).clean
    for name, frame in contents(written).items():
        pd.testing.assert_frame_equal(frame, before[name], obj=name)


def test_same_size_damage_in_a_store_without_checksums_is_one_store_error(written: Store) -> None:
    tamper.drop_checksums(written.root)
    tamper.corrupt_first_page(written.root)
    assert check_store(written.root).clean  # row counts cannot see it
    with pytest.raises(StoreDamaged, match="a part cannot be read.*tracker repair"):
        load_events(written.root)
    with pytest.raises(StoreDamaged, match="a part cannot be read"):
        written.compact()


def test_a_missing_table_link_is_found_by_check_and_restored_by_repair(written: Store) -> None:
    (written.root / "events").unlink()
    assert check_store(written.root).broken_links == ["events"]
    assert not check_store(written.root).clean
    repair_store(written.root)
    assert check_store(written.root).clean
    assert pd.read_parquet(written.root / "events")["event_id"].is_unique


def test_check_of_a_folder_that_is_not_a_store_is_one_line(tmp_path: Path, capsys) -> None:
    assert main(["check", "--store", str(tmp_path / "nowhere")]) == 1
    assert "not a tracker store" in one_error_line(capsys)


def test_an_output_file_the_system_refuses_is_one_line(
    written: Store, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "no-such-folder" / "events.csv"
    assert main(["events", "--store", str(written.root), "--output", str(out)]) == 1
    assert str(out) in one_error_line(capsys)
