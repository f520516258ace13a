"""The sieve: only sentences the learned detector says may hold an event are parsed, and
what is extracted from those does not change."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.detect import must_parse
from tracker.extract import extract
from tracker.nlp import parse_article, parse_articles
from tracker.readers import read_file
from tracker.records import Article
from tracker.rules import lexicon
from tracker.sieve import introduces_person, sieve
from tracker.tables import word_forms
from tracker.timex import find_timexes

from .conftest import SEED


def _articles(files: list[Path]) -> list[Article]:
    return [a for f in files for a in read_file(f, f.parent).articles if a.language in (None, "en")]


@pytest.fixture(scope="module")
def articles(handful) -> list[Article]:
    return _articles([SEED, *handful])


@pytest.fixture(scope="module")
def full_events(articles) -> list[list]:
    """Each article's events from a full parse of every paragraph, as before the sieve."""
    return [extract(a, parse_article(a.text), find_timexes(a.text, a.published)) for a in articles]


def test_word_forms_cover_regular_and_irregular_inflections() -> None:
    assert {"imposes", "imposed", "imposing"} <= word_forms("impose")
    assert {"bans", "banned", "banning"} <= word_forms("ban")
    assert {"levies", "levied"} <= word_forms("levy")
    assert {"said", "says"} <= word_forms("say")
    assert {"struck", "striking"} <= word_forms("strike")
    assert {"froze", "frozen", "freezing"} <= word_forms("freeze")


def test_every_trigger_lemma_is_a_form_the_sieve_looks_for() -> None:
    lex = lexicon()
    assert set(lex.verbs) | set(lex.nouns) <= set(sieve().triggers)


def test_the_sieve_keeps_the_sentences_of_nearly_every_event_a_full_parse_finds(
    articles, full_events
) -> None:
    # the detector trades a little recall for speed (benchmarks/ingest.py measures both)
    found = [e for events in full_events for e in events]
    assert len(found) > 5
    kept = [e for e in found if must_parse(e.sentence)]
    assert len(kept) >= 0.9 * len(found), [e.sentence for e in found if e not in kept]


def test_text_without_trigger_words_is_not_parsed() -> None:
    [(offset, doc)] = next(
        parse_articles(
            ["The weather in Caracas was warm. Markets were quiet and the streets were calm."]
        )
    )
    assert offset == 0 and len(list(doc.sents)) == 2
    assert not doc.has_annotation("DEP") and not doc.ents


def test_sieved_docs_index_the_article_text(articles) -> None:
    for article, docs in zip(articles, parse_articles(a.text for a in articles), strict=True):
        for offset, doc in docs:
            assert article.text[offset : offset + len(doc.text)].replace("\n", " ") == doc.text


def test_sieved_extraction_finds_the_events_a_full_parse_finds_in_the_seed(
    articles, full_events
) -> None:
    seed = articles[0]
    sieved = extract(
        seed, next(parse_articles([seed.text])), find_timexes(seed.text, seed.published)
    )
    spans = {(e.event_type, e.char_start, e.char_end, e.event_date) for e in full_events[0]}
    assert (
        spans and {(e.event_type, e.char_start, e.char_end, e.event_date) for e in sieved} == spans
    )


def test_a_sentence_introducing_an_official_by_title_is_parsed_for_later_mentions() -> None:
    assert introduces_person(
        "Mr Blinken was due to see Jordan’s Foreign Minister Ayman Safadi in Amman."
    )
    assert not introduces_person("The president said nothing. Markets were quiet.")
    [(_, doc)] = next(
        parse_articles(
            ["Mr Blinken was due to see Jordan’s Foreign Minister Ayman Safadi in Amman."]
        )
    )
    assert "Ayman Safadi" in {e.text for e in doc.ents}


def test_a_quote_over_several_sentences_is_parsed_whole_when_one_may_hold_an_event() -> None:
    text = (
        "“We call on Israel and its allies to agree to an immediate ceasefire. We are "
        "running out of time,” the group of U.N. special rapporteurs said. Markets were "
        "quiet."
    )
    chunks = next(parse_articles([text]))
    parsed = [doc for _, doc in chunks if doc.has_annotation("DEP")]
    assert [len(list(doc.sents)) for doc in parsed] == [2]
    assert parsed[0].text.endswith("said.")


def test_a_mandate_is_parsed_only_where_its_that_clause_can_be() -> None:
    keep = sieve().can_hold_event
    assert keep("Beijing reiterated that Washington reconsider its position.")
    assert not keep("Beijing reiterated its position on the island.")
