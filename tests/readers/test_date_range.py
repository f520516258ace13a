"""Publication dates outside the plausible range (`tracker.date_range`) are refused with a
warning, and the next source of a date is used instead."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.date_range import EARLIEST, event_date_refusal, publication_refusal
from tracker.readers import read_file

BODY = "The European Union imposed sanctions on Belarus on Wednesday, officials said.\n"


@pytest.mark.parametrize("header", ["9999-12-31", "1799-12-31", "0001-01-01"])
def test_an_absurd_header_date_is_refused_with_a_warning(tmp_path, header):
    (tmp_path / "a.txt").write_text(f"date {header} Latest\n\n{BODY}", encoding="utf-8")
    result = read_file(tmp_path / "a.txt", tmp_path)
    [article] = result.articles
    assert article.published is None
    assert any(f"header date '{header}'" in w and "not used" in w for w in result.warnings)


def test_a_refused_header_date_falls_through_to_the_manifest(tmp_path):
    (tmp_path / "a.txt").write_text(f"date 9999-12-31 Latest\n\n{BODY}", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("path,published\na.txt,2019-02-06\n")
    [article] = read_file(tmp_path / "a.txt", tmp_path).articles
    assert (article.published, article.published_source) == (dt.date(2019, 2, 6), "manifest")


def test_a_file_name_dated_in_the_future_is_refused(tmp_path):
    (tmp_path / "news-2099-01-01.txt").write_text(BODY, encoding="utf-8")
    result = read_file(tmp_path / "news-2099-01-01.txt", tmp_path)
    assert result.articles[0].published is None
    assert any("is after today" in w for w in result.warnings)


def test_the_range_bounds():
    today = dt.date(2026, 12, 7)
    assert publication_refusal(EARLIEST, today) is None
    assert publication_refusal(today, today) is None
    assert publication_refusal(today + dt.timedelta(days=1), today)
    published = dt.date(2020, 2, 29)
    assert event_date_refusal(dt.date(2070, 2, 28), published) is None
    assert event_date_refusal(dt.date(2070, 3, 1), published)
    assert event_date_refusal(dt.date(1, 1, 1), published)
    assert event_date_refusal(dt.date(9999, 12, 31), None, today)
