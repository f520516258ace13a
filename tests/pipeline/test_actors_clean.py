"""Actors are names: generic nouns, pronouns and fragments never are; variants of one merge.

Three sentences of our own per construction, read through the whole pipeline, then a
store of the whole corpus checked against the list of words that must never be actors.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tracker.actors import Actor, settle
from tracker.gazetteer import country_name
from tracker.pipeline import process_articles
from tracker.records import Article

# The specification: none of these is ever an actor's name.
NEVER_ACTORS = {
    # generic nouns
    "government",
    "governments",
    "the government",
    "administration",
    "regime",
    "authorities",
    "officials",
    "official",
    "people",
    "lawmakers",
    "ministry",
    "military",
    "experts",
    "citizens",
    "ambassadors",
    "refiners",
    "delegation",
    "panel",
    "army",
    # pronouns and possessive phrases
    "he",
    "she",
    "they",
    "it",
    "his own people",
    "their ambassadors",
    "its people",
    # fragments: compass words, titles, abbreviations, lone first names
    "north",
    "south",
    "reg",
    "joe",
    "nikki",
    "marine lt",
    "lt",
    "gen",
    "president",
    "minister",
    "superintendent",
    # a date word glued on
    "january eu governments",
    "monday officials",
}
# A single capitalised token that is a title or a fragment of a name.
FRAGMENT_TOKENS = {
    "North",
    "South",
    "East",
    "West",
    "Reg",
    "Joe",
    "Lt",
    "Gen",
    "Col",
    "Marine",
    "President",
    "Minister",
    "Mr",
    "Sen",
    "Rep",
}


def _actors(text: str) -> list:
    """Every actor of every event in `text`, read as one article."""
    article = Article(
        article_id="t",
        source_path="t.txt",
        record_index=0,
        text=text,
        published=dt.date(2021, 3, 10),
    )
    [outcome] = process_articles([article], sieve=False)
    assert outcome.error is None, outcome.error
    return [a for event in outcome.events for a in event.actors]


def _names(text: str) -> set[str]:
    return {a.name for a in _actors(text)}


@pytest.mark.parametrize(
    "text, country",
    [
        (
            "Bolivia was hit by protests, and Bolivia's courts are shut. The government "
            "expelled two diplomats on Monday.",
            "BOL",
        ),
        (
            "Zimbabwe's talks stalled, and Zimbabwe's opposition walked out. The government "
            "expelled two diplomats on Tuesday.",
            "ZWE",
        ),
        (
            "Kenya's economy is slowing, and Kenya's shops are shut. The government expelled two "
            "diplomats on Friday.",
            "KEN",
        ),
    ],
)
def test_a_bare_government_noun_is_the_government_of_the_country_the_article_is_about(
    text, country
):
    governments = [a for a in _actors(text) if a.kind == "government"]
    assert governments and all(a.country == country for a in governments)
    assert not {a.name.lower() for a in governments} & NEVER_ACTORS


@pytest.mark.parametrize(
    "text, country",
    [
        ("The U.S. administration imposed sanctions on Belarus on Monday.", "USA"),
        ("The Venezuelan regime expelled the German ambassador on Tuesday.", "VEN"),
        ("Iranian authorities arrested two British citizens on Friday.", "IRN"),
    ],
)
def test_a_government_noun_placed_by_a_country_word_is_that_countrys_government(text, country):
    actor = next(a for a in _actors(text) if a.role == "source")
    assert (actor.name, actor.kind, actor.country) == (country_name(country), "government", country)


@pytest.mark.parametrize(
    "text",
    [
        "Vladimir Putin accused Hillary Clinton of stirring up his own people on Thursday.",
        "The dictator threatened their ambassadors with expulsion on Friday.",
        "Kim Jong Un accused the United States of starving its people on Monday.",
    ],
)
def test_a_phrase_owned_by_a_pronoun_is_no_actor(text):
    names = {n.lower() for n in _names(text)}
    assert not names & {"his own people", "their ambassadors", "its people"}


@pytest.mark.parametrize(
    "name, kind, country",
    [
        ("Marine Lt", "person", "USA"),
        ("North", "unknown", "KOR"),
        ("Joe", "person", "USA"),
        ("Reg", "organisation", None),
    ],
)
def test_titles_compass_words_abbreviations_and_first_names_alone_are_fragments(
    name, kind, country
):
    assert settle(Actor(name, kind, country, name)) is None


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Superintendent Benjamin Lawsky accused the bank of hiding payments on Monday.",
            "Benjamin Lawsky",
        ),
        (
            "Taoiseach Leo Varadkar accused Israel of collective punishment on Friday.",
            "Leo Varadkar",
        ),
        (
            "Marine Lt. Gen. James Dunford ordered airstrikes on the town on Sunday.",
            "James Dunford",
        ),
    ],
)
def test_a_persons_title_is_not_part_of_their_name(text, name):
    assert name in _names(text)


@pytest.mark.parametrize(
    "name, kind, country",
    [
        ("National Assembly", "government", None),
        ("Constituent Assembly", "organisation", "VEN"),
        ("Supreme Court", "government", "USA"),
    ],
)
def test_a_proper_name_of_actor_nouns_stays_an_actor(name, kind, country):
    assert settle(Actor(name, kind, country, name)) == Actor(name, kind, country, name)


@pytest.mark.parametrize(
    "name, kind, country, expected",
    [
        ("January EU governments", "government", "EUR", "European Union"),
        ("Monday Iranian officials", "group", "IRN", "Iranian officials"),
        ("U.S. officials Tuesday", "group", "USA", "U.S. officials"),
    ],
)
def test_a_date_word_glued_to_a_name_is_cut(name, kind, country, expected):
    assert settle(Actor(name, kind, country, name)).name == expected


@pytest.mark.parametrize(
    "name, kind, country, expected",
    [
        ("his government", "government", "AUS", "Australia"),
        ("their government", "government", "CUB", "Cuba"),
        ("its regime", "government", "SYR", "Syria"),
    ],
)
def test_a_placed_government_owned_by_a_pronoun_is_that_countrys_government(
    name, kind, country, expected
):
    assert settle(Actor(name, kind, country, name)) == Actor(expected, "government", country, name)


@pytest.mark.parametrize(
    "name, country, expected",
    [
        ("prime minister", "KWT", "Kuwaiti prime minister"),
        ("the president", "VEN", "Venezuelan president"),
        ("the minister", "IRN", "Iranian minister"),
    ],
)
def test_an_office_named_only_by_its_title_is_placed_like_other_actor_nouns(
    name, country, expected
):
    assert settle(Actor(name, "person", country, name)).name == expected


@pytest.mark.parametrize(
    "name, kind, country",
    [
        ("Theresa May", "person", "GBR"),
        ("June Tabor", "person", "GBR"),
        ("May", "person", "GBR"),
    ],
)
def test_a_persons_name_that_spells_a_date_stays_whole(name, kind, country):
    assert settle(Actor(name, kind, country, name)).name == name


@pytest.mark.parametrize(
    "text",
    [
        "Nikki R. Haley accused Iran of arming the rebels on Monday.",
        "Nikki Haley accused Iran of arming the rebels on Monday.",
        "U.N. Ambassador Nikki R. Haley demanded new sanctions on North Korea on Monday.",
    ],
)
def test_a_middle_initial_does_not_make_another_person(text):
    [haley] = [a for a in _actors(text) if "Haley" in a.text]
    assert (haley.name, haley.country) == ("Nikki Haley", "USA")


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Treasury imposed sanctions on three Russian banks on Monday.",
        "The Treasury Department imposed sanctions on three Russian banks on Monday.",
        "The Treasury Department's Office of Foreign Assets Control imposed sanctions on "
        "three Russian banks on Monday.",
    ],
)
def test_spellings_of_the_treasury_are_one_actor(text):
    [source] = [a for a in _actors(text) if a.role == "source"]
    assert (source.name, source.country) == ("US Treasury", "USA")


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. government imposed sanctions on Belarus on Monday.",
        "The American government imposed sanctions on Belarus on Monday.",
        "Washington imposed sanctions on Belarus on Monday.",
    ],
)
def test_a_countrys_names_and_demonyms_on_its_government_are_one_actor(text):
    [source] = [a for a in _actors(text) if a.role == "source"]
    assert (source.name, source.kind, source.country) == ("United States", "government", "USA")


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Cuba rejected the offer. Officials imposed new limits on remittances on Monday.",
            "Cuban officials",
        ),
        (
            "Myanmar's generals met on Monday. The military seized power on Tuesday.",
            "Burmese military",
        ),
        (
            "Iran rejected the talks, and Iran recalled its envoy. The ministry accused Britain "
            "of spying on Monday.",
            "Iranian ministry",
        ),
    ],
)
def test_another_bare_actor_noun_is_named_with_its_countrys_demonym(text, name):
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Japan's chipmakers are angry, and Japan's exporters too. Officials said the U.S. "
        "tariffs on Japanese chips could be lifted soon.",
        "Cuba's farmers are struggling, and Cuba's ports are empty. Officials said the U.S. "
        "embargo on Cuban sugar could be eased soon.",
        "Iran's refiners are idle, and Iran's tankers are full. Officials said the U.S. "
        "sanctions on Iranian oil could be lifted soon.",
    ],
)
def test_a_bare_noun_moved_to_the_acting_country_is_named_for_where_it_lands(text):
    [source] = [a for a in _actors(text) if a.role == "source"]
    assert (source.name, source.country) == ("American officials", "USA")


@pytest.fixture(scope="session")
def corpus_actors(shared, tmp_path_factory) -> pd.DataFrame:
    """The actors named by the events of a store of the whole corpus."""
    from tracker.pipeline import ingest

    store = tmp_path_factory.mktemp("corpus") / "store"
    ingest([shared / "corpus"], store)
    actors = pd.read_parquet(store / "actors")
    links = pd.read_parquet(store / "event_actors")
    return actors[actors["actor_id"].isin(set(links["actor_id"]))]


@pytest.mark.slow
def test_no_actor_of_the_corpus_is_a_generic_noun_pronoun_or_fragment(corpus_actors):
    names = set(corpus_actors["name"])
    assert len(names) > 100
    assert not {n for n in names if n.lower() in NEVER_ACTORS}
    assert not {n for n in names if " " not in n and n.rstrip(".") in FRAGMENT_TOKENS}


@pytest.mark.slow
def test_the_corpus_has_one_nikki_haley_and_one_treasury(corpus_actors):
    names = set(corpus_actors["name"])
    assert not {n for n in names if "Haley" in n} - {"Nikki Haley"}
    assert not {
        n
        for n in names
        if n.lower() in {"treasury", "treasury department", "u.s. treasury", "the treasury"}
    }
