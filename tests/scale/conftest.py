"""Fixtures for the scale tests: ../shared beside the checkout, small corpus selections."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tracker.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_checks import assert_same_contents  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHARED = (ROOT / ".." / "shared").resolve()
SEED = ROOT / "data" / "raw" / "venezuela-sanctions-relief-2019-02-06.txt"
# A handful of corpus files of different formats, small enough to parse in seconds.
HANDFUL = (
    "seed/venezuela-sanctions-relief-2019-02-06.txt",
    "news-reuters-ding2014/20120601-us-russia-putin-belarus-idUSBRE84U1J220120601.txt",
    "news-reuters21578/reut2-newid01963.xml",
    "news-newspaper4k-fixtures/yna_co_kr.json",
    "news-isot-reuters2017/true-row0780.csv",
    "feeds-rss/bbc-world-2017-01-20.rss.xml",
)


@pytest.fixture(scope="session")
def corpus() -> Path:
    """../shared/corpus, or a skip when this checkout has none beside it."""
    folder = SHARED / "corpus"
    if not folder.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return folder


@pytest.fixture(scope="session")
def handful(corpus: Path) -> list[Path]:
    """The HANDFUL files that exist in this corpus."""
    files = [corpus / name for name in HANDFUL if (corpus / name).is_file()]
    if len(files) < 3:
        pytest.skip("../shared/corpus lacks the sample files")
    return files


def assert_same_tables(left: Path, right: Path) -> None:
    """The stores at `left` and `right` hold equal tables (but for ingested_at)."""
    assert_same_contents(Store(left), Store(right))
