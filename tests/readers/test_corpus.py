"""The whole shared corpus reads: every manifest row gives articles, dated as the manifest
says, with the sentences the gold annotators saw."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import pytest

from tracker.readers import ReadResult, discover, read_file

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus_read(corpus: Path) -> tuple[dict[str, ReadResult], float]:
    """Every discovered corpus file read once, and the seconds it took."""
    start = time.perf_counter()
    results = {}
    for path, root in discover([corpus]):
        result = read_file(path, root)
        results[result.path] = result
    return results, time.perf_counter() - start


@pytest.fixture(scope="module")
def manifest(corpus: Path) -> list[dict[str, str]]:
    """The corpus manifest rows."""
    with (corpus / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _collapse(text: str) -> str:
    """Whitespace collapsed to single spaces."""
    return " ".join(text.split())


def test_discovery_lists_exactly_the_manifest_files(corpus_read, manifest):
    results, _ = corpus_read
    assert sorted(results) == sorted(row["path"] for row in manifest)


def test_every_manifest_file_yields_articles_and_nothing_is_skipped(corpus_read):
    results, _ = corpus_read
    empty = {path: r.skipped for path, r in results.items() if not r.articles or r.skipped}
    assert empty == {}


def test_feeds_give_one_article_per_item(corpus_read):
    results, _ = corpus_read
    counts = {path: len(r.articles) for path, r in results.items() if path.startswith("feeds")}
    assert sorted(counts.values()) == [3, 10]
    feed_articles = [a for p in counts for a in results[p].articles]
    assert len({a.url for a in feed_articles}) == 13
    assert all(a.format == "feed" and a.title for a in feed_articles)


def test_every_article_gets_the_manifest_publication_date(corpus_read, manifest):
    results, _ = corpus_read
    wrong = [
        (row["path"], str(article.published), article.published_source, row["published"])
        for row in manifest
        for article in results[row["path"]].articles
        if str(article.published) != row["published"]
    ]
    assert wrong == []


def test_every_gold_evidence_sentence_is_in_the_read_text(corpus_read, gold):
    results, _ = corpus_read
    missing = []
    total = 0
    for name in ("dev.jsonl", "dev-modern.jsonl"):
        for line in (gold / name).read_text("utf-8").splitlines():
            document = json.loads(line)
            [article] = results[document["article"]].articles
            text = _collapse(article.text)
            for event in document["events"]:
                total += 1
                if _collapse(event["evidence"]) not in text:
                    missing.append((document["article"], event["evidence"]))
    assert total > 300
    assert missing == []


def test_header_lines_are_metadata_not_text(corpus_read):
    results, _ = corpus_read
    seed = results["seed/venezuela-sanctions-relief-2019-02-06.txt"].articles[0]
    assert not seed.text.startswith("date ")
    ding = [r.articles[0] for p, r in results.items() if p.startswith("news-reuters-ding2014/")]
    assert all(not a.text.startswith("--") and "Reuters" in a.text[:200] for a in ding)
    assert all(a.url and a.url.startswith("http://www.reuters.com/") for a in ding)
    assert all(a.published_source == "header" for a in ding)


def test_reuters_21578_text_is_title_then_body_without_the_signoff(corpus_read, manifest):
    results, _ = corpus_read
    articles = [r.articles[0] for p, r in results.items() if p.startswith("news-reuters21578/")]
    assert len(articles) == sum(row["path"].startswith("news-reuters21578/") for row in manifest)
    assert articles
    for article in articles:
        assert article.text.startswith(article.title + "\n\n")
        assert not article.text.rstrip().upper().endswith("REUTER")


def test_html_text_keeps_paragraph_breaks(corpus_read, manifest):
    results, _ = corpus_read
    pages = [r.articles[0] for r in results.values() if r.articles[0].format == "html"]
    assert len(pages) == sum(row["format"] == "html" for row in manifest)
    assert pages
    assert all(page.text.count("\n\n") >= 2 for page in pages)


def test_every_corpus_article_is_identified_as_english(corpus_read):
    results, _ = corpus_read
    languages = {a.source_path: a.language for r in results.values() for a in r.articles}
    assert {lang for lang in languages.values()} == {"en"}


def test_duplicate_bodies_share_a_content_hash_but_not_an_id(corpus_read):
    results, _ = corpus_read
    first = results["news-reuters21578/reut2-newid17216.xml"].articles[0]
    second = results["news-reuters21578/reut2-newid17277.xml"].articles[0]
    assert first.content_hash == second.content_hash
    assert first.article_id != second.article_id


def test_the_whole_corpus_reads_in_reasonable_time(corpus_read):
    _, seconds = corpus_read
    assert seconds < 60, f"reading the corpus took {seconds:.1f} s"


def test_without_a_manifest_htmldate_recovers_most_html_dates(corpus, manifest, tmp_path):
    pages = [row for row in manifest if row["path"].endswith(".html")]
    right = 0
    for number, row in enumerate(pages):
        copy = tmp_path / f"page{number}.html"
        copy.write_bytes((corpus / row["path"]).read_bytes())
        [article] = read_file(copy, tmp_path).articles
        assert article.published_source == "html"
        right += str(article.published) == row["published"]
    assert right / len(pages) >= 0.9, f"{right}/{len(pages)} HTML dates right"
