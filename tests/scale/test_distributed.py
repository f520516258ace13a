"""Scale-out: the same ingest on a dask.distributed cluster of two worker processes writes
the same tables as in one process."""

from __future__ import annotations

from pathlib import Path

from tracker.pipeline import ingest

from .conftest import assert_same_tables


def test_a_two_worker_cluster_writes_the_same_tables_as_one_process(handful, tmp_path: Path):
    from dask.distributed import LocalCluster

    local = ingest(handful, tmp_path / "local", batch_size=3)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        remote = ingest(handful, tmp_path / "cluster", batch_size=3,
                        scheduler=cluster.scheduler_address)
    assert local.articles > 3 and local.events > 0
    assert (remote.articles, remote.events) == (local.articles, local.events)
    assert_same_tables(tmp_path / "cluster", tmp_path / "local")
