"""Put Debian's WordNet 3.0 (`apt-get install wordnet-base wordnet-sense-index`) where nltk
reads it: `<prefix>/share/nltk_data/corpora/wordnet/` of the running Python (a virtual
environment's own data root), with the `lexnames` file Debian leaves out written from the
`lexnames(5WN)` manual page. Only `tracker train` reads WordNet.

    python training/wordnet.py [--source /usr/share/wordnet]
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import sys
from pathlib import Path

FILES = [f"{kind}.{pos}" for kind in ("data", "index") for pos in ("adj", "adv", "noun", "verb")]
FILES += ["index.sense"] + [f"{pos}.exc" for pos in ("adj", "adv", "noun", "verb")]
CATEGORY = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}
MANPAGE = Path("/usr/share/man/man5/lexnames.5WN.gz")


def lexnames(manpage: Path) -> str:
    """`NN<TAB>name<TAB>category` lines, from the manual page's table."""
    text = gzip.decompress(manpage.read_bytes()).decode("utf-8", "replace")
    rows = re.findall(r"^(\d\d)\s+((adj|adv|noun|verb)\.\w+)", text, flags=re.M)
    if len(rows) != 45:
        sys.exit(f"{manpage}: expected 45 lexicographer files, found {len(rows)}")
    return "".join(f"{num}\t{name}\t{CATEGORY[pos]}\n" for num, name, pos in rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--source", type=Path, default=Path("/usr/share/wordnet"))
    args = ap.parse_args()
    target = Path(sys.prefix) / "share" / "nltk_data" / "corpora" / "wordnet"
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        if not (args.source / name).is_file():
            sys.exit(
                f"{args.source / name}: missing; apt-get install wordnet-base wordnet-sense-index"
            )
        shutil.copyfile(args.source / name, target / name)
    (target / "lexnames").write_text(lexnames(MANPAGE), encoding="utf-8")
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
