"""Publication dates: structured strings read at their own local day, and the precedence
file > manifest > htmldate > file name > --published option."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from tracker.readers import read_file
from tracker.readers.dates import filename_date, parse_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019-02-06", "2019-02-06"),
        ("2019-08-20T09:31:01+09:00", "2019-08-20"),
        ("Thu May 31, 2012 11:27pm EDT", "2012-05-31"),
        (" 5-MAR-1987 06:46:59.63", "1987-03-05"),
        ("Fri, 20 Jan 2017 13:32:00 GMT", "2017-01-20"),
        ("Tue, 30 Jan 2018 23:54:13 -0500", "2018-01-30"),
        ("December 12, 2017 ", "2017-12-12"),
        ("Sept. 3, 2019", "2019-09-03"),
        ("20 January 2017", "2017-01-20"),
    ],
)
def test_structured_dates_are_read_at_their_stated_day(raw, expected):
    assert str(parse_date(raw)) == expected


@pytest.mark.parametrize("raw", ["yesterday", "3 hours ago", "last Wednesday", "2019-02-30", ""])
def test_relative_or_impossible_dates_are_not_guessed(raw):
    assert parse_date(raw) is None


def test_filename_date_ignores_digits_inside_longer_numbers():
    name = "20120601-us-russia-putin-belarus-idUSBRE84U1J220120601.txt"
    assert filename_date(name) == (dt.date(2012, 6, 1), "20120601")
    assert filename_date("reut2-newid01963.xml") is None


def _manifest(folder, rows):
    """Write a manifest.csv with the design's columns."""
    lines = ["path,url,published,title,source"] + [",".join(row) for row in rows]
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_date_in_the_file_beats_the_manifest(tmp_path, seed_text):
    (tmp_path / "seed.txt").write_text(seed_text, encoding="utf-8")
    _manifest(tmp_path, [("seed.txt", "", "2019-02-07", "", "Miami Herald")])
    [article] = read_file(tmp_path / "seed.txt", tmp_path).articles
    assert (str(article.published), article.published_source) == ("2019-02-06", "header")
    assert article.outlet == "Miami Herald"


def test_the_manifest_in_an_ancestor_folder_fills_date_url_title_outlet(tmp_path, seed_text):
    (tmp_path / "news" / "2019").mkdir(parents=True)
    body = seed_text.split("\n", 1)[1]
    (tmp_path / "news" / "2019" / "story.txt").write_text(body, encoding="utf-8")
    url = "https://example.org/relief"
    _manifest(tmp_path / "news", [("2019/story.txt", url, "2019-02-06", "Relief", "Herald")])
    [article] = read_file(tmp_path / "news" / "2019" / "story.txt", tmp_path).articles
    assert (article.published_source, article.published_text) == ("manifest", "2019-02-06")
    assert (article.url, article.title, article.outlet) == (url, "Relief", "Herald")


def test_the_manifest_beats_htmldate_for_html(corpus, tmp_path):
    shutil.copyfile(corpus / "news-readability-testpages/wapo-1.html", tmp_path / "w.html")
    guessed = read_file(tmp_path / "w.html", tmp_path).articles[0]
    assert guessed.published_source == "html" and str(guessed.published) == "2015-03-18"
    _manifest(tmp_path, [("w.html", "", "2015-03-19", "", "")])
    [listed] = read_file(tmp_path / "w.html", tmp_path).articles
    assert (str(listed.published), listed.published_source) == ("2015-03-19", "manifest")


def test_the_file_name_beats_the_published_option(tmp_path, seed_text):
    body = seed_text.split("\n", 1)[1]
    (tmp_path / "relief-2019-02-05.txt").write_text(body, encoding="utf-8")
    (tmp_path / "relief.txt").write_text(body, encoding="utf-8")
    option = dt.date(2019, 2, 10)
    [named] = read_file(tmp_path / "relief-2019-02-05.txt", tmp_path, published=option).articles
    [plain] = read_file(tmp_path / "relief.txt", tmp_path, published=option).articles
    assert (named.published, named.published_source) == (dt.date(2019, 2, 5), "filename")
    assert (plain.published, plain.published_source) == (option, "option")


def test_manifest_url_and_title_do_not_spread_over_many_records(tmp_path, seed_text):
    body = seed_text.split("\n", 1)[1].replace("\n", " ").replace('"', "'")
    rows = f'title,text\nOne,"{body}"\nTwo,"{body}"\n'
    (tmp_path / "batch.csv").write_text(rows, encoding="utf-8")
    _manifest(tmp_path, [("batch.csv", "https://example.org/batch", "2019-02-06", "Batch", "X")])
    articles = read_file(tmp_path / "batch.csv", tmp_path).articles
    assert [a.url for a in articles] == [None, None]
    assert [a.title for a in articles] == ["One", "Two"]
    assert {str(a.published) for a in articles} == {"2019-02-06"}
