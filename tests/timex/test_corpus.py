"""The temporal resolver on real Reuters articles from the development corpus (../shared).

Each article's header carries its own dateline ("Tue Feb 2, 2010 5:25am EST"), which must
resolve to the publication date the manifest gives; and nothing resolved from the anchor
may land more than a year and a half away from it.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from tracker.timex import find_timexes

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
FOLDER = "news-reuters-ding2014/"


def _articles() -> list[tuple[str, dt.date]]:
    """(path, publication date) of the Reuters 2010-2013 articles in the manifest."""
    manifest = CORPUS / "manifest.csv"
    if not manifest.exists():
        return []
    with manifest.open(encoding="utf-8", newline="") as handle:
        return [
            (row["path"], dt.date.fromisoformat(row["published"]))
            for row in csv.DictReader(handle)
            if row["path"].startswith(FOLDER)
        ]


ARTICLES = _articles()
pytestmark = pytest.mark.skipif(not ARTICLES, reason="../shared/corpus/manifest.csv not found")


@pytest.fixture(scope="module")
def resolved() -> list[tuple[str, dt.date, list]]:
    return [
        (path, published, find_timexes((CORPUS / path).read_text(encoding="utf-8"), published))
        for path, published in ARTICLES
    ]


def test_header_dateline_resolves_to_the_publication_date(resolved):
    for path, published, timexes in resolved:
        header_dates = [t.date for t in timexes if t.start < 300 and t.precision == "day"]
        assert published in header_dates, path


def test_relative_days_stay_near_the_anchor(resolved):
    relative_days = [
        (path, published, timex)
        for path, published, timexes in resolved
        for timex in timexes
        if timex.source == "relative" and timex.precision == "day"
    ]
    assert relative_days, "the corpus articles resolve no relative day: nothing was checked"
    for path, published, timex in relative_days:
        assert abs((timex.date - published).days) <= 550, (path, timex)
