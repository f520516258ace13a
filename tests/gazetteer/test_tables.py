"""The gazetteer's tables: complete over ISO 3166, consistent, and checked loudly when broken."""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
import pytest

from tracker import gazetteer
from tracker.errors import DataTableError

VALID = {
    "countries.csv": (
        "# a comment line\n"
        "iso3,alias,kind,ambiguous\n"
        "USA,United States,name,0\n"
        "USA,U.S.,alias,0\n"
        "USA,Washington,capital,0\n"
        "USA,American,demonym,0\n"
        "VEN,Venezuela,name,0\n"
    ),
    "organisations.csv": (
        "name,alias,kind,country,ambiguous\n"
        "US Treasury,US Treasury,government,USA,0\n"
        "US Treasury,Treasury,government,USA,0\n"
        "NATO,NATO,organisation,,0\n"
    ),
    "people.csv": (
        "name,alias,country,role,ambiguous\n"
        "Nicolás Maduro,Nicolás Maduro,VEN,president,0\n"
        "Nicolás Maduro,Maduro,VEN,president,0\n"
    ),
}


def _write(directory: Path, **changes: str) -> Path:
    """The VALID tables in `directory`, with some files' text replaced by `changes`."""
    for name, text in VALID.items():
        (directory / name).write_text(changes.get(name.replace(".csv", ""), text), encoding="utf-8")
    return directory


def test_small_valid_tables_load(tmp_path: Path) -> None:
    table = gazetteer.load(_write(tmp_path))
    assert table.lookup("U.S.") == gazetteer.GazetteerEntry(
        "United States", "country", "USA", False
    )
    assert table.lookup("NATO").country is None
    assert table.demonym_country("American") == "USA"


@pytest.mark.parametrize(
    ("table", "bad_line", "line_no", "message"),
    [
        ("countries", "XYZ,Nowhere,alias,0", 8, "unknown country code 'XYZ'"),
        ("countries", "VEN,Bolivarian Republic,name,0", 8, "second name"),
        ("countries", "VEN,,alias,0", 8, "empty 'alias'"),
        ("countries", "VEN,Caracas,city,0", 8, "kind 'city'"),
        ("countries", "VEN,Caracas,capital,2", 8, "ambiguous must be 0 or 1"),
        ("countries", "VEN,Caracas,capital", 8, "3 fields"),
        ("countries", "VEN,Washington,capital,0", 8, "'Washington'"),
        ("countries", "VEN,Americans,demonym,0\nVEN,American,demonym,0", 9, "demonym"),
        ("countries", "USA,U.S.,alias,0", 8, "duplicate"),
        ("countries", "VEN,caracas,capital,0", 8, "no capital letter"),
        ("countries", "CUB,Havana,capital,0", 8, "CUB has no `name` row"),
    ],
)
def test_malformed_country_table_names_file_and_line(
    tmp_path: Path, table: str, bad_line: str, line_no: int, message: str
) -> None:
    text = VALID["countries.csv"] + bad_line + "\n"
    with pytest.raises(DataTableError) as caught:
        gazetteer.load(_write(tmp_path, **{table: text}))
    assert f"countries.csv: line {line_no}" in str(caught.value)
    assert message in str(caught.value)


def test_alias_naming_two_actors_across_tables_is_rejected(tmp_path: Path) -> None:
    people = VALID["people.csv"] + (
        "Juan Guaidó,Juan Guaidó,VEN,leader,0\nJuan Guaidó,U.S.,VEN,leader,0\n"
    )
    expected = r"people.csv: line 5: alias 'U.S.'.*countries.csv: line 4"
    with pytest.raises(DataTableError, match=expected):
        gazetteer.load(_write(tmp_path, people=people))


def test_person_without_canonical_row_is_rejected(tmp_path: Path) -> None:
    people = VALID["people.csv"] + "Juan Guaidó,Guaidó,VEN,leader,0\n"
    with pytest.raises(DataTableError, match=r"people.csv: line 4: 'Juan Guaidó' has no row"):
        gazetteer.load(_write(tmp_path, people=people))


def test_organisation_with_unknown_kind_or_header_is_rejected(tmp_path: Path) -> None:
    orgs = VALID["organisations.csv"] + "OPEC,OPEC,cartel,,0\n"
    with pytest.raises(DataTableError, match=r"organisations.csv: line 5: kind 'cartel'"):
        gazetteer.load(_write(tmp_path, organisations=orgs))
    with pytest.raises(DataTableError, match=r"organisations.csv: line 1: header"):
        gazetteer.load(_write(tmp_path, organisations="name,alias,kind,country\n"))


def test_missing_table_is_named(tmp_path: Path) -> None:
    (_write(tmp_path) / "people.csv").unlink()
    with pytest.raises(DataTableError, match=r"people.csv: cannot read"):
        gazetteer.load(tmp_path)


def test_package_tables_name_every_iso_country() -> None:
    for country in pycountry.countries:
        assert gazetteer.country_name(country.alpha_3), country.alpha_3
    for code in ("EUR", "UNO", "XKX", "PSE", "TWN"):
        assert gazetteer.country_name(code)


def _package_rows(name: str) -> list[dict[str, str]]:
    """Rows of a package table read with the csv module alone, comment lines dropped."""
    text = (gazetteer.DATA_DIR / name).read_text(encoding="utf-8")
    return list(csv.DictReader(ln for ln in text.splitlines() if not ln.startswith("#")))


@pytest.mark.parametrize(
    ("name", "column"),
    [("countries.csv", "iso3"), ("organisations.csv", "country"), ("people.csv", "country")],
)
def test_every_code_in_the_tables_is_iso_or_one_of_ours(name: str, column: str) -> None:
    codes = {row[column] for row in _package_rows(name) if row[column]}
    assert codes <= gazetteer.known_codes()


def test_states_have_demonyms_and_capitals() -> None:
    """~195 UN members and observers plus Taiwan and Kosovo need both to read news."""
    rows = _package_rows("countries.csv")
    with_demonym = {r["iso3"] for r in rows if r["kind"] == "demonym"}
    with_capital = {r["iso3"] for r in rows if r["kind"] == "capital"}
    assert {"TWN", "XKX", "PSE", "VEN", "USA"} <= with_demonym & with_capital
    assert len(with_demonym) >= 195 and len(with_capital) >= 190


@pytest.mark.parametrize(
    ("mention", "name", "country"),
    [
        ("Nicolas Maduro", "Nicolás Maduro", "VEN"),  # accents folded
        ("the U.S. Treasury", "US Treasury", "USA"),  # leading "the", dots dropped
        ("the State Department", "US State Department", "USA"),
        ("Kremlin", "Russia", "RUS"),  # a seat of government
        ("Tehran", "Iran", "IRN"),  # a capital
        ("Juan Guaido", "Juan Guaidó", "VEN"),
    ],
)
def test_actor_mentions_as_articles_write_them_get_their_country(mention, name, country):
    entry = gazetteer.lookup(mention)
    assert entry is not None and (entry.name, entry.country) == (name, country)
    assert not entry.ambiguous


def test_a_name_two_countries_share_is_flagged_ambiguous():
    entry = gazetteer.lookup("Georgia")  # the country, or the US state
    assert entry is not None and entry.ambiguous
