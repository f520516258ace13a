"""Specification of gazetteer lookups: the traps an actor resolver falls into on news text.

Aliases resolve exactly (after quotes, dots, hyphens, accents and case are normalised);
capitalised abbreviations match only in capitals; demonyms are not entities by themselves.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker import gazetteer


@pytest.mark.parametrize(
    ("text", "name", "kind", "country"),
    [
        ("U.S.", "United States", "country", "USA"),
        ("US", "United States", "country", "USA"),
        ("U.S", "United States", "country", "USA"),
        ("the United States", "United States", "country", "USA"),
        ("America's", "United States", "country", "USA"),
        ("Washington", "United States", "government", "USA"),
        ("the White House", "United States", "government", "USA"),
        ("Kremlin", "Russia", "government", "RUS"),
        ("the Kremlin’s", "Russia", "government", "RUS"),
        ("Soviet Union", "Russia", "country", "RUS"),
        ("EU", "European Union", "country", "EUR"),
        ("E.U.", "European Union", "country", "EUR"),
        ("Brussels", "European Union", "government", "EUR"),
        ("U.N.", "United Nations", "country", "UNO"),
        ("UN", "United Nations", "country", "UNO"),
        ("Venezuela’s", "Venezuela", "country", "VEN"),
        ("Cote d’Ivoire", "Ivory Coast", "country", "CIV"),
        ("Burma", "Myanmar", "country", "MMR"),
        ("DPRK", "North Korea", "country", "PRK"),
        ("UNITED KINGDOM", "United Kingdom", "country", "GBR"),
        ("Guaidó", "Juan Guaidó", "person", "VEN"),
        ("Guaido", "Juan Guaidó", "person", "VEN"),
        ("Maduro", "Nicolás Maduro", "person", "VEN"),
        ("Kim Jong Un", "Kim Jong-un", "person", "PRK"),
        ("Treasury", "US Treasury", "government", "USA"),
        ("OFAC", "US Treasury", "government", "USA"),
        ("IAEA", "IAEA", "organisation", "UNO"),
        ("European Commission", "European Commission", "government", "EUR"),
        ("Hezbollah", "Hezbollah", "group", "LBN"),
        ("PDVSA", "PDVSA", "organisation", "VEN"),
        ("MITI", "Ministry of International Trade and Industry", "government", "JPN"),
        ("the Secretary of Commerce", "US Commerce Department", "government", "USA"),
        (
            "Board of Governors of the Federal Reserve System",
            "Federal Reserve",
            "organisation",
            "USA",
        ),
        ("the United States Trade Representative", "US Trade Representative", "government", "USA"),
    ],
)
def test_alias_resolves_to_its_actor(text: str, name: str, kind: str, country: str) -> None:
    entry = gazetteer.lookup(text)
    assert entry is not None, text
    assert (entry.name, entry.kind, entry.country) == (name, kind, country)


@pytest.mark.parametrize(
    "text",
    [
        "us",
        "Us",
        "un",
        "who",
        "eu",
        "treasury",
        "fed",
        "chad",
        "the",
        "",
        "   ",
        "'s",
        "Venezuelan",
        "Americans",
    ],
)
def test_common_words_and_demonyms_are_not_actors(text: str) -> None:
    assert gazetteer.lookup(text) is None


def test_international_bodies_have_no_country() -> None:
    for text in ("NATO", "G20", "IMF"):
        entry = gazetteer.lookup(text)
        assert entry is not None and entry.country is None, text


@pytest.mark.parametrize(
    "text", ["Jordan", "Georgia", "Chad", "Congress", "Fed", "Senate", "Commerce"]
)
def test_words_with_another_common_reading_are_flagged_ambiguous(text: str) -> None:
    entry = gazetteer.lookup(text)
    assert entry is not None and entry.ambiguous, text


@pytest.mark.parametrize("text", ["United States", "Russia", "Maduro", "Treasury"])
def test_plain_names_are_not_ambiguous(text: str) -> None:
    entry = gazetteer.lookup(text)
    assert entry is not None and not entry.ambiguous


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Venezuelan", "VEN"),
        ("Americans", "USA"),
        ("British", "GBR"),
        ("South Korean", "KOR"),
        ("Palestinian", "PSE"),
        ("Soviet", "RUS"),
        ("Burmese", "MMR"),
        ("Belarusian", "BLR"),
        ("Japanese", "JPN"),
        ("European", "EUR"),
    ],
)
def test_demonym_names_its_country(word: str, country: str) -> None:
    assert gazetteer.demonym_country(word) == country


# "European" is the exception among bloc words: in sanctions news "European sanctions" and
# "European leaders" mean the European Union's (EUR).
@pytest.mark.parametrize("word", ["venezuelan", "Venezuela", "Western", "Arab"])
def test_non_demonyms_and_bloc_words_have_no_country(word: str) -> None:
    assert gazetteer.demonym_country(word) is None


def test_country_name_is_the_display_name() -> None:
    assert gazetteer.country_name("USA") == "United States"
    assert gazetteer.country_name("KOR") == "South Korea"
    assert gazetteer.country_name("UNO") == "United Nations"
    with pytest.raises(KeyError):
        gazetteer.country_name("XXX")


def test_every_alias_resolves_as_written() -> None:
    missing = [a for a in gazetteer.aliases() if gazetteer.lookup(a) is None]
    assert missing == []


def test_no_alias_is_longer_than_max_alias_tokens() -> None:
    longest = max(len(re.findall(r"\w+|[^\w\s]", a)) for a in gazetteer.aliases())
    assert longest == gazetteer.max_alias_tokens()


def test_aliases_exclude_demonyms() -> None:
    names = set(gazetteer.aliases())
    assert "U.S." in names and "Kremlin" in names
    assert "Venezuelan" not in names


@given(st.text(max_size=80))
def test_lookup_never_raises_on_junk(text: str) -> None:
    entry = gazetteer.lookup(text)
    assert entry is None or isinstance(entry, gazetteer.GazetteerEntry)
    code = gazetteer.demonym_country(text)
    assert code is None or len(code) == 3


@given(st.sampled_from(sorted(gazetteer.aliases())))
def test_article_and_possessive_do_not_change_the_actor(alias: str) -> None:
    entry = gazetteer.lookup(alias)
    assert gazetteer.lookup(f"the {alias}'s") == entry


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nikki R. Haley", "Nikki Haley"),
        ("Timothy F. Geithner", "Timothy Geithner"),
        ("Steven T. Mnuchin", "Steven Mnuchin"),
    ],
)
def test_a_middle_initial_the_table_lists_the_name_without_still_finds_the_person(text, name):
    entry = gazetteer.lookup(text)
    assert entry is not None and (entry.name, entry.kind) == (name, "person")


def test_a_middle_initial_never_overrides_a_name_the_table_lists_with_it():
    assert gazetteer.lookup("George H. W. Bush").name == "George H. W. Bush"
    assert gazetteer.lookup("George W. Bush").name == "George W. Bush"


def test_first_names_are_those_of_people_the_table_also_calls_by_surname():
    first = gazetteer.first_names()
    assert {"Nikki", "Steven"} <= first
    assert not {"Yoon", "Xi", "Lee", "Kim"} & first  # surnames written first


@pytest.mark.parametrize(
    ("code", "adjective"), [("VEN", "Venezuelan"), ("EUR", "European"), ("UNO", "United Nations")]
)
def test_a_country_is_described_by_its_first_demonym_or_else_its_name(code, adjective):
    assert gazetteer.adjective(code) == adjective
