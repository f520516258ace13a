"""What the store's self-check costs a reader: `tracker.load_events` with the live
generation verified against its manifest, beside the same read unverified.

    python benchmarks/verify_cost.py --store /tmp/store-corpus [--repeat 15]

Prints the median seconds (the runs taking turns) of a load_events unverified and
verified with every checksum already known to the process, of the check alone (what
every read after the first adds: the listing and the sizes) and of hashing every file
(what the first read in a process adds), each as a ratio to the unverified read. The
store must record checksums (any store this tracker committed, or one `tracker repair`
has upgraded).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tracker.store import Store, integrity, load_events
from tracker.store.generations import Snapshot, current


def _seconds(run) -> float:
    """The wall time of one `run()`."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _interleaved(runs: dict, repeat: int) -> dict[str, float]:
    """The median seconds of each run, the runs taking turns so that the machine's load
    weighs on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            times[name].append(_seconds(run))
    return {name: statistics.median(found) for name, found in times.items()}


def _unverified(run):
    """`run` with Snapshot.verify made a no-op (the read as it was before the check)."""

    def call():
        checked = Snapshot.verify
        Snapshot.verify = lambda self, root, checksums=True: self
        try:
            run()
        finally:
            Snapshot.verify = checked

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    snapshot = current(args.store)
    if snapshot.files is None:
        raise SystemExit(f"{args.store}: no checksums recorded; run `tracker repair` first")
    load_events(args.store)  # warm the file cache and the imports

    def hash_all() -> None:
        integrity._HASHES.clear()  # noqa: SLF001 - a cold process, measured on purpose
        integrity.inspect(snapshot.path, snapshot.parts, snapshot.files)

    def read() -> None:
        load_events(args.store)

    found = _interleaved(
        {
            "plain": _unverified(read),
            "verified": read,
            "check": lambda: current(args.store).verify(args.store),
            "hashing": hash_all,
        },
        args.repeat,
    )
    plain, verified = found["plain"], found["verified"]
    total = sum(f.bytes for f in snapshot.files.values())
    print(
        f"{args.store}: generation {snapshot.number}, {len(snapshot.parts)} parts, "
        f"{total / 1e6:.1f} MB, {Store(args.store).table('events').shape[0]} events"
    )
    print(f"load_events unverified:                 {plain:.4f} s")
    print(f"load_events verified (checksums known): {verified:.4f} s  ratio {verified / plain:.3f}")
    print(
        f"the check alone (listing and sizes):    {found['check']:.4f} s  "
        f"ratio {(plain + found['check']) / plain:.3f}"
    )
    print(
        f"hashing every file (a process's first): {found['hashing']:.4f} s  "
        f"ratio {(plain + found['check'] + found['hashing']) / plain:.3f}"
    )


if __name__ == "__main__":
    main()
