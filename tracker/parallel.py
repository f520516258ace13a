"""Scale-out: a function mapped over a stream of partitions, in this process or on Dask.

One worker means no Dask at all. More workers start a dask.distributed LocalCluster of
that many single-threaded processes; a scheduler address uses a running cluster instead.
Results come back in submission order, and at most a few partitions per worker are in
flight at once, so the driver's memory stays flat however long the stream is. Each worker
process keeps its own spaCy model (`tracker.nlp.load_model` caches it per process).
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from .errors import TrackerError

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT_PER_WORKER = 2
CONNECT_TIMEOUT = "20s"
WORKER_WAIT = 60  # seconds a scheduler without workers is given to get one


class ClusterError(TrackerError):
    """The Dask scheduler cannot be reached or has no workers."""


def map_partitions(
    fn: Callable[[T], R], partitions: Iterable[T], *, workers: int = 1, scheduler: str | None = None
) -> Iterator[R]:
    """`fn` applied to each partition, results yielded in order.

    `fn` must be importable by the workers (a module-level function of the tracker).
    """
    if workers < 1:
        raise ClusterError(f"--workers must be at least 1, not {workers}")
    if scheduler is None and workers == 1:
        yield from map(fn, partitions)
        return
    with _client(workers, scheduler) as client:
        slots = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
        futures: deque = deque()
        for partition in partitions:
            futures.append(client.submit(fn, partition, pure=False))
            if len(futures) >= slots:
                yield _result(futures.popleft())
        while futures:
            yield _result(futures.popleft())


def _result(future):
    """A future's result, released from the cluster as soon as it is in hand."""
    value = future.result()
    future.release()
    return value


@contextlib.contextmanager
def _client(workers: int, scheduler: str | None) -> Iterator:
    """A Dask client: on the cluster at `scheduler`, else on a new local cluster of
    `workers` processes with one thread each (spaCy is not thread-parallel)."""
    from dask.distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except OSError as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            if not client.scheduler_info()["workers"]:
                try:
                    client.wait_for_workers(1, timeout=WORKER_WAIT)
                except TimeoutError as exc:
                    raise ClusterError(
                        f"no Dask worker joined the scheduler at {scheduler} within {WORKER_WAIT} s"
                    ) from exc
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
