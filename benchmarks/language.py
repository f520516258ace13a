"""Which language the tracker gives the articles of ../shared/corpus and ../shared/pool.

    python benchmarks/language.py [--shared ../shared]

Every article there is English. Under the stopword detector py3langid replaced, all 1,389
were English; so the count of articles not labelled English here is the count that changed
language with the swap (unknown, None, is still ingested as English). Prints the counts per
language, each article not labelled "en", the seconds the identification took, and the
machine.
"""

from __future__ import annotations

import argparse
import collections
import os
import platform
import time
from pathlib import Path

from tracker.language import detect
from tracker.readers import discover, read_file


def main() -> None:
    """Read the corpus and the pool, identify each article's language, print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[1] / ".." / "shared")
    args = parser.parse_args()
    texts = [
        (f"{folder}/{a.source_path}", f"{a.title or ''}\n{a.text}")
        for folder in ("corpus", "pool")
        for path, root in discover([args.shared / folder])
        for a in read_file(path, root).articles
    ]
    started = time.perf_counter()
    found = [(name, detect(text)) for name, text in texts]
    seconds = time.perf_counter() - started
    counts = collections.Counter(code for _, code in found)
    print(f"articles: {len(found)}")
    for code, count in counts.most_common():
        print(f"  {code}: {count}")
    for name, code in found:
        if code != "en":
            print(f"  not en: {name} -> {code}")
    print(f"changed from English: {len(found) - counts['en']}")
    print(
        f"identification: {seconds:.2f} s ({os.cpu_count()} CPUs, {platform.machine()}, "
        "machine shared)"
    )


if __name__ == "__main__":
    main()
