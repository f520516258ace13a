"""Scale-out: the same ingest on a dask.distributed cluster of two worker processes writes
the same tables as in one process."""

from __future__ import annotations

from pathlib import Path

from tracker.pipeline import ingest

from .conftest import assert_same_tables


def test_a_two_worker_cluster_writes_the_same_tables_as_one_process(handful, tmp_path: Path):
    from dask.distributed import LocalCluster

    local = ingest(handful, tmp_path / "local", batch_size=3)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = ingest(
            handful, tmp_path / "cluster", batch_size=3, scheduler=cluster.scheduler_address
        )
    assert local.articles > 3 and local.events > 0
    assert (remote.articles, remote.events) == (local.articles, local.events)
    assert_same_tables(tmp_path / "cluster", tmp_path / "local")


def test_tracker_ingest_with_two_local_workers_matches_one_process(handful, tmp_path: Path, capsys):
    from tracker.cli import main

    assert (
        main(
            [
                "ingest",
                *map(str, handful),
                "--store",
                str(tmp_path / "two"),
                "--workers",
                "2",
                "--batch-size",
                "3",
                "-q",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    ingest(handful, tmp_path / "one", batch_size=3)
    assert "articles/s" in printed
    assert_same_tables(tmp_path / "two", tmp_path / "one")


def test_an_unreachable_scheduler_ends_in_one_line_naming_it(
    handful, tmp_path: Path, capsys, monkeypatch
):
    from tracker import parallel
    from tracker.cli import main

    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "1s")
    assert (
        main(
            [
                "ingest",
                str(handful[0]),
                "--store",
                str(tmp_path / "s"),
                "--scheduler",
                "tcp://127.0.0.1:9",
                "-q",
            ]
        )
        == 1
    )
    [line] = capsys.readouterr().err.splitlines()
    assert "tcp://127.0.0.1:9" in line and line.startswith("tracker: error:")


def test_fewer_than_one_worker_is_refused(handful, tmp_path: Path, capsys):
    from tracker.cli import main

    assert main(["ingest", str(handful[0]), "--store", str(tmp_path / "s"), "--workers", "0"]) == 1
    assert "--workers must be at least 1" in capsys.readouterr().err


def test_a_scheduler_without_workers_ends_in_one_line_naming_it(
    handful, tmp_path: Path, capsys, monkeypatch
):
    from dask.distributed import LocalCluster

    from tracker import parallel
    from tracker.cli import main

    monkeypatch.setattr(parallel, "WORKER_WAIT", 1)
    with LocalCluster(n_workers=0, processes=True, dashboard_address=None) as cluster:
        assert (
            main(
                [
                    "ingest",
                    str(handful[0]),
                    "--store",
                    str(tmp_path / "s"),
                    "--scheduler",
                    cluster.scheduler_address,
                    "-q",
                ]
            )
            == 1
        )
    # the cluster runs in this process, so its own log lines come first
    line = capsys.readouterr().err.splitlines()[-1]
    assert line.startswith("tracker: error: no Dask worker joined")
    assert cluster.scheduler_address in line
