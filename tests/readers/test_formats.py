"""Each format reads into articles; the format is told from the content, not the name."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tracker.readers import read_file


def _copy(corpus: Path, source: str, target: Path) -> Path:
    """Copy one corpus file to a scratch path (the corpus itself stays read-only)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(corpus / source, target)
    return target


def test_seed_header_gives_the_date_and_is_not_text(tmp_path, seed_text):
    (tmp_path / "seed.txt").write_text(seed_text, encoding="utf-8")
    [article] = read_file(tmp_path / "seed.txt", tmp_path).articles
    assert (str(article.published), article.published_text) == ("2019-02-06", "2019-02-06")
    assert article.published_source == "header"
    assert article.text.startswith("U.S. offers sanctions relief")
    assert article.format == "text" and article.language == "en"


def test_title_and_source_lines_after_the_date_line_are_metadata(tmp_path, seed_text):
    date_line, body = seed_text.split("\n", 1)
    page = f"{date_line}\ntitle: Relief offer\nSource: Miami Herald\n{body}"
    (tmp_path / "seed.txt").write_text(page, encoding="utf-8")
    [article] = read_file(tmp_path / "seed.txt", tmp_path).articles
    assert (article.title, article.outlet) == ("Relief offer", "Miami Herald")
    assert str(article.published) == "2019-02-06"
    assert "title:" not in article.text and "Source:" not in article.text


def test_field_lines_alone_can_head_a_text(tmp_path, seed_text):
    body = seed_text.split("\n", 1)[1]
    page = f"title: Relief offer\nsource: Miami Herald\ndate: February 6, 2019\n{body}"
    (tmp_path / "seed.txt").write_text(page, encoding="utf-8")
    [article] = read_file(tmp_path / "seed.txt", tmp_path).articles
    assert (article.title, article.outlet, article.published_source) == (
        "Relief offer",
        "Miami Herald",
        "header",
    )
    assert str(article.published) == "2019-02-06" and not article.text.startswith("title")


def test_a_body_line_with_a_colon_is_text(tmp_path, seed_text):
    body = seed_text.split("\n", 1)[1]
    (tmp_path / "note.txt").write_text(f"Note: read this\n{body}", encoding="utf-8")
    [article] = read_file(tmp_path / "note.txt", tmp_path).articles
    assert article.text.startswith("Note: read this") and article.title is None


def test_ids_and_hashes_follow_the_source_identity(tmp_path, seed_text):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "seed.txt").write_text(seed_text, encoding="utf-8")
    [article] = read_file(tmp_path / "a" / "seed.txt", tmp_path).articles
    assert article.source_path == "a/seed.txt" and article.record_index == 0
    assert article.article_id == hashlib.sha1(b"a/seed.txt#0").hexdigest()[:16]
    normalised = " ".join(article.text.split()).encode("utf-8")
    assert article.content_hash == hashlib.sha1(normalised).hexdigest()


def test_url_is_the_identity_when_there_is_one(tmp_path, seed_text):
    url = "https://www.miamiherald.com/news/nation-world/world/americas/venezuela/article225"
    record = {"url": url, "text": seed_text.split("\n", 1)[1]}
    (tmp_path / "r.json").write_text(json.dumps(record), encoding="utf-8")
    [article] = read_file(tmp_path / "r.json", tmp_path).articles
    assert article.article_id == hashlib.sha1(url.encode()).hexdigest()[:16]


@pytest.mark.parametrize(
    ("source", "disguise", "fmt"),
    [
        ("news-readability-testpages/nytimes-1.html", "page.txt", "html"),
        ("feeds-rss/bbc-world-2017-01-20.rss.xml", "feed.txt", "feed"),
        ("news-reuters21578/reut2-newid01963.xml", "wire.dat", "reuters_sgml"),
        ("news-newspaper4k-fixtures/yna_co_kr.json", "record.txt", "json"),
        ("news-wikinews-vanatteveldt/wikinews_2020-row002.csv", "rows.txt", "csv"),
        ("news-newspaper4k-fixtures/yna_co_kr.txt", "story.html", "text"),
    ],
)
def test_format_is_told_from_content_not_extension(corpus, tmp_path, source, disguise, fmt):
    path = _copy(corpus, source, tmp_path / disguise)
    articles = read_file(path, tmp_path).articles
    assert articles and {a.format for a in articles} == {fmt}


def test_reuters_2010_header_is_title_author_date_and_url(corpus, tmp_path):
    name = "20120601-us-russia-putin-belarus-idUSBRE84U1J220120601.txt"
    path = _copy(corpus, f"news-reuters-ding2014/{name}", tmp_path / name)
    [article] = read_file(path, tmp_path).articles
    assert article.title == "Putin attacks EU sanctions on Belarus visit"
    assert article.author == "Gleb Bryanski"
    assert article.published_text == "Thu May 31, 2012 11:27pm EDT"
    assert str(article.published) == "2012-05-31"
    assert article.url.endswith("idUSBRE84U1J220120601")
    assert article.text.startswith("MINSK (Reuters) - Russian President Vladimir Putin")


def test_reuters_sgml_file_with_many_records(corpus, tmp_path):
    records = [
        (corpus / f"news-reuters21578/reut2-newid{n}.xml").read_text("utf-8")
        for n in ("01963", "02936", "17216")
    ]
    sgml = '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n' + "\n".join(records)
    sgml = sgml.replace("</BODY>", "&#3;</BODY>")
    (tmp_path / "reut2-000.sgm").write_text(sgml, encoding="latin-1")
    result = read_file(tmp_path / "reut2-000.sgm", tmp_path)
    assert [a.record_index for a in result.articles] == [0, 1, 2]
    assert [str(a.published) for a in result.articles] == ["1987-03-05", "1987-03-06", "1987-04-27"]
    assert all("\x03" not in a.text for a in result.articles)


def test_feed_item_dates_are_the_items_own_at_their_stated_day(corpus, tmp_path):
    path = _copy(corpus, "feeds-rss/reuters-worldnews-2018-01-30.rss.xml", tmp_path / "f.xml")
    result = read_file(path, tmp_path)
    assert len(result.articles) == 10
    assert all(a.published_source == "feed" for a in result.articles)
    assert all(a.published_text.endswith("-0500") for a in result.articles)
    assert {str(a.published) for a in result.articles} == {"2018-01-30"}
    assert {a.outlet for a in result.articles} == {"Reuters: World News"}


def test_json_record_fields_follow_the_mapping_table(corpus, tmp_path):
    path = _copy(corpus, "news-newspaper4k-fixtures/yna_co_kr.json", tmp_path / "y.json")
    [article] = read_file(path, tmp_path).articles
    assert article.title.startswith("N. Korea slams S. Korea")
    assert article.published_source == "record" and str(article.published) == "2019-08-20"
    assert article.outlet == "Yonhap News Agency"
    assert article.text.startswith("SEOUL, Aug. 20 (Yonhap) --")


def test_a_json_list_and_an_object_holding_records(tmp_path, seed_text):
    body = seed_text.split("\n", 1)[1]
    records = [{"headline": "One", "body": body}, {"headline": "Two", "body": body}]
    (tmp_path / "list.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": records}), encoding="utf-8")
    for name in ("list.json", "wrapped.json"):
        articles = read_file(tmp_path / name, tmp_path).articles
        assert [(a.title, a.record_index) for a in articles] == [("One", 0), ("Two", 1)]
        assert articles[0].content_hash == articles[1].content_hash
        assert articles[0].article_id != articles[1].article_id


def test_isot_csv_record_keeps_the_trailing_space_date_raw(corpus, tmp_path):
    path = _copy(corpus, "news-isot-reuters2017/true-row0780.csv", tmp_path / "t.csv")
    [article] = read_file(path, tmp_path).articles
    assert str(article.published) == "2017-11-08" and article.published_source == "record"
    assert article.text.startswith("BEIJING (Reuters) - U.S. President Donald Trump arrived")


def test_markdown_order_reads_title_date_and_plain_text(corpus, tmp_path):
    name = "2022-02-21-executive-order-14065.md"
    path = _copy(corpus, f"official-us-executive-orders/{name}", tmp_path / name)
    [article] = read_file(path, tmp_path).articles
    assert article.title.startswith("Executive Order 14065: Blocking Property")
    assert article.published_text == "February 21, 2022"
    assert article.published_source == "header"
    assert "**" not in article.text and "](" not in article.text and "\n#" not in article.text
    assert "Title 3—The President\nExecutive Order 14065 of February 21, 2022" in article.text


def test_markdown_front_matter(tmp_path, seed_text):
    body = seed_text.split("\n", 1)[1]
    page = f"---\ntitle: Relief offer\ndate: 2019-02-06\n---\n\n# Heading\n\n{body}"
    (tmp_path / "post.md").write_text(page, encoding="utf-8")
    [article] = read_file(tmp_path / "post.md", tmp_path).articles
    assert article.title == "Relief offer" and str(article.published) == "2019-02-06"
    assert article.text.startswith("Heading\n\nU.S. offers")


def test_html_metadata_and_paragraphs(corpus, tmp_path):
    path = _copy(corpus, "news-readability-testpages/nytimes-1.html", tmp_path / "n.html")
    [article] = read_file(path, tmp_path).articles
    assert article.title == "United States to Lift Sudan Sanctions"
    assert article.url == "http://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html"
    first, second = article.text.split("\n\n")[:2]
    assert first.startswith("LONDON — After nearly 20 years") and first.endswith("late Thursday.")
    assert second.startswith("Sudan is one of the poorest")


def test_an_atom_feed_gives_one_article_per_entry(corpus, tmp_path):
    import feedparser

    rss = feedparser.parse(str(corpus / "feeds-rss/bbc-world-2017-01-20.rss.xml"))
    entries = "".join(
        f"<entry><title>{e.title}</title><link href='{e.link}'/><id>{e.id}</id>"
        f"<published>2017-01-20T12:55:28+01:00</published>"
        f"<summary type='html'>&lt;p&gt;{e.summary}&lt;/p&gt;</summary></entry>"
        for e in rss.entries
    )
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>BBC News - World</title>{entries}</feed>"
    )
    (tmp_path / "world.atom").write_text(atom, encoding="utf-8")
    articles = read_file(tmp_path / "world.atom", tmp_path).articles
    assert [a.title for a in articles] == [e.title for e in rss.entries]
    assert [a.text for a in articles] == [e.summary for e in rss.entries]
    assert {(str(a.published), a.published_source) for a in articles} == {("2017-01-20", "feed")}


def test_jsonl_is_told_from_json_by_its_lines(tmp_path, seed_text):
    body = seed_text.split("\n", 1)[1]
    lines = [json.dumps({"title": t, "text": body}) for t in ("One", "Two", "Three")]
    (tmp_path / "export.json").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    articles = read_file(tmp_path / "export.json", tmp_path).articles
    assert [(a.title, a.format) for a in articles] == [
        ("One", "jsonl"),
        ("Two", "jsonl"),
        ("Three", "jsonl"),
    ]
