"""A failure inside one article's processing costs that article only: it is reported with
a one-line reason naming the article, and the rest of the partition is stored."""

from __future__ import annotations

import dataclasses

import pytest

from tracker import pipeline
from tracker.readers import read_file

from .conftest import SEED


@pytest.fixture(scope="module")
def three_articles():
    [seed] = read_file(SEED, SEED.parent).articles
    return [
        dataclasses.replace(
            seed,
            article_id=f"{seed.article_id}-{n}",
            text=seed.text + ("\n\nPOISON" if n == 1 else ""),
        )
        for n in range(3)
    ]


def test_a_parse_that_fails_is_blamed_on_its_own_article(three_articles, monkeypatch):
    original = pipeline.parse_articles

    def poisoned(texts, **options):
        texts = list(texts)
        if any("POISON" in t for t in texts):
            raise ValueError("poisoned text\nsecond line")
        yield from original(texts, **options)

    monkeypatch.setattr(pipeline, "parse_articles", poisoned)
    outcomes = pipeline.process_articles(three_articles)
    assert [o.error for o in outcomes] == [
        None,
        "processing failed: ValueError: poisoned text",
        None,
    ]
    assert outcomes[0].events and outcomes[2].events


def test_an_extraction_that_fails_is_skipped_and_the_rest_stored(
    three_articles, monkeypatch, tmp_path
):
    original = pipeline.extract

    def fragile(article, docs, timexes):
        if "POISON" in article.text:
            raise KeyError("no such rule")
        return original(article, docs, timexes)

    monkeypatch.setattr(pipeline, "extract", fragile)
    store = pipeline.Store(tmp_path / "store", create=True)
    report = pipeline.ingest_articles(three_articles, store, batch_size=2)
    assert report.articles == 2 and report.events > 0
    [skip] = report.skipped
    assert skip.path == three_articles[1].source_path
    assert skip.reason == "processing failed: KeyError: 'no such rule'"
    assert sorted(store.table("articles")["article_id"]) == sorted(
        a.article_id for n, a in enumerate(three_articles) if n != 1
    )
