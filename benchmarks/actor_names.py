"""How many distinct actor names a store holds, all and of the United States.

    python benchmarks/actor_names.py STORE [--list]

A store of the whole corpus (`tracker ingest ../shared/corpus --store STORE`) shows how
clean the actors are: generic nouns, fragments and spelling variants each add a name (and a
lane in the dashboard). `--list` prints every name with its kind, country and events.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd


def main() -> None:
    """Print the counts of distinct actor names (and, with --list, the names)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--list", action="store_true", help="print every name too")
    args = parser.parse_args()
    actors = pd.read_parquet(args.store / "actors")
    links = pd.read_parquet(args.store / "event_actors")
    used = links.merge(actors, on="actor_id")
    print(f"distinct actor names: {used['name'].nunique()}")
    print(f"distinct US actor names: {used.loc[used['country'] == 'USA', 'name'].nunique()}")
    if args.list:
        table = used.groupby(["name", "kind", "country"], observed=True, dropna=False).size()
        print(table.rename("events").reset_index().to_string(index=False))


if __name__ == "__main__":
    main()
