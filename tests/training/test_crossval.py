"""Cross-validation's parse cache: a remembered parse gives the very events a fresh parse
gives, and a second run over the same articles parses nothing."""

from __future__ import annotations

import pytest

from tracker import crossval
from tracker.crossval import ParseCache, parse, predict
from tracker.labels import read_labels


@pytest.fixture(scope="module")
def articles(shared):
    """Three dev-gold articles, the seed among them."""
    return list(read_labels([shared / "gold" / "dev.jsonl"]))[:3]


def test_remembered_parses_give_the_same_events_and_parse_nothing_again(
    articles, shared, tmp_path, monkeypatch
) -> None:
    fresh = predict(parse(articles, shared))
    cache = ParseCache(tmp_path / "parses")
    first = predict(parse(articles, shared, cache))
    remembered = len(list((tmp_path / "parses").rglob("*.doc")))
    assert remembered > 0

    def no_parsing(texts):
        assert not list(texts), "a remembered text was parsed again"
        return iter(())

    monkeypatch.setattr(crossval, "parse_texts", no_parsing)
    second = predict(parse(articles, shared, cache))
    assert fresh == first == second
    assert sum(len(a["events"]) for a in second) > 0
    assert len(list((tmp_path / "parses").rglob("*.doc"))) == remembered
