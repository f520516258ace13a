"""The gazetteer: names of countries, institutions and people mapped to canonical actors.

Three hand-written tables under tracker/data/ are read once and checked loudly:
`countries.csv` (names, aliases, capitals and demonyms -> ISO 3166 alpha-3, plus EUR for the
European Union, UNO for the United Nations and XKX for Kosovo), `organisations.csv` and
`people.csv`. A malformed table raises DataTableError naming the file and line.

Matching is exact on a normalised form of the alias: curly quotes become straight, dots go
("U.S" == "U.S." == "US"), hyphens count as spaces ("Kim Jong-un" == "Kim Jong Un"),
accents are folded ("Guaido" == "Guaidó") and whitespace is collapsed. Aliases written in
capitals ("US", "UN", "EU", "WHO") match only in capitals, so "us" or "who" never match;
all other aliases match in any case, as long as the text has a capital letter somewhere:
every alias is a proper name, so all-lowercase text ("treasury", "fed", "chad") never
matches.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pycountry

from .errors import DataTableError

DATA_DIR = Path(__file__).resolve().parent / "data"
# Codes the tracker uses beyond pycountry's ISO 3166-1 list: the European Union, the United
# Nations, and Kosovo's user-assigned code.
EXTRA_CODES = frozenset({"EUR", "UNO", "XKX"})
COUNTRY_KINDS = ("name", "alias", "capital", "demonym")
ORGANISATION_KINDS = ("government", "military", "organisation", "group", "media")
COUNTRIES_COLUMNS = ("iso3", "alias", "kind", "ambiguous")
ORGANISATIONS_COLUMNS = ("name", "alias", "kind", "country", "ambiguous")
PEOPLE_COLUMNS = ("name", "alias", "country", "role", "ambiguous")

_QUOTES = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "′": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
    }
)
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class GazetteerEntry:
    """What an alias names: canonical name, kind, country code, and whether it needs context.

    kind is `country` for a country's name or alias, `government` for a capital or seat
    standing for its government ("Washington", "Kremlin"), `person` for people, and the
    table's own kind for organisations (government, military, organisation, group).
    """

    name: str
    kind: str
    country: str | None
    ambiguous: bool


def normalise(text: str) -> str:
    """The matching form of `text`, case kept: quotes straightened, dots dropped, hyphens
    as spaces, accents folded, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = text.replace(".", "").replace("-", " ")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.split())


def _is_capitals(key: str) -> bool:
    """True for an alias written in capitals ("US", "WHO", "G7"): matched case-sensitively."""
    letters = [c for c in key if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _has_capital(text: str) -> bool:
    """True if `text` has an uppercase letter: proper names do, common words do not."""
    return any(c.isupper() for c in text)


def _variants(text: str) -> Iterator[str]:
    """`text` normalised, then without a trailing possessive, then without a leading "the",
    then, for a name of three or more words, without the middle initials between its first
    and last word (which the tables list names without)."""
    key = normalise(text)
    yield key
    bare = key
    if bare.endswith("'s"):
        bare = bare[:-2].rstrip()
    elif bare.endswith("s'"):
        bare = bare[:-1]
    if bare != key:
        yield bare
    if bare[:4].casefold() == "the ":
        bare = bare[4:].lstrip()
        yield bare
    words = bare.split()
    if len(words) > 2 and all(len(w) == 1 and w.isupper() for w in words[1:-1]):
        yield f"{words[0]} {words[-1]}"  # "Nikki R. Haley" is "Nikki Haley"


@dataclass(frozen=True)
class _Row:
    """One checked table row: where it came from, its alias and what the alias names."""

    where: str
    alias: str
    entry: GazetteerEntry


class Gazetteer:
    """Lookups over the three tables of one data directory (see `load`)."""

    def __init__(
        self,
        rows: list[_Row],
        names: dict[str, str],
        demonyms: dict[str, str],
        adjectives: dict[str, str] | None = None,
    ) -> None:
        self._names = names
        self._demonyms = demonyms
        self._adjectives = adjectives or {}
        people = [row for row in rows if row.entry.kind == "person"]
        by_surname = {
            row.entry.name.split()[0]
            for row in people
            if len(row.entry.name.split()) > 1 and row.alias == row.entry.name.split()[-1]
        }
        self._first_names = frozenset(by_surname) - {row.entry.name.split()[-1] for row in people}
        self._exact: dict[str, GazetteerEntry] = {}
        self._folded: dict[str, GazetteerEntry] = {}
        self._origin: dict[tuple[bool, str], _Row] = {}
        for row in rows:
            self._add(row)
        self._aliases = tuple(sorted({row.alias for row in rows}))
        self._max_tokens = max((len(_TOKEN.findall(a)) for a in self._aliases), default=0)

    def _add(self, row: _Row) -> None:
        """Index one alias; the same alias naming two different actors is an error."""
        key = normalise(row.alias)
        sensitive = _is_capitals(key)
        table, index_key = (self._exact, key) if sensitive else (self._folded, key.casefold())
        known = table.get(index_key)
        if known is None:
            table[index_key] = row.entry
            self._origin[sensitive, index_key] = row
            return
        first = self._origin[sensitive, index_key]
        if (known.name, known.kind, known.country) != (
            row.entry.name,
            row.entry.kind,
            row.entry.country,
        ):
            raise DataTableError(
                f"{row.where}: alias {row.alias!r} names {row.entry.name!r} "
                f"({row.entry.kind}, {row.entry.country}) but {first.where} already maps "
                f"{first.alias!r} to {known.name!r} ({known.kind}, {known.country})"
            )
        if row.entry.ambiguous and not known.ambiguous:
            table[index_key] = row.entry

    # Hand-kept: 3.6 us against PhraseMatcher's 14.6, which misses "U.S" (gazetteer_swap.py)
    def lookup(self, text: str) -> GazetteerEntry | None:
        """The actor an exact alias names, or None; accepts a leading "the" and a "'s"."""
        if not _has_capital(text):
            return None
        for key in _variants(text):
            if key in self._exact:
                return self._exact[key]
            entry = self._folded.get(key.casefold())
            if entry is not None:
                return entry
        return None

    def country_name(self, iso3: str) -> str:
        """Display name of a country code ("USA" -> "United States"); KeyError if unknown."""
        try:
            return self._names[iso3]
        except KeyError:
            raise KeyError(f"no country with code {iso3!r} in the gazetteer") from None

    def demonym_country(self, word: str) -> str | None:
        """Country code of a demonym ("Venezuelan" -> "VEN"), None if `word` is not one.

        Like aliases, demonyms are capitalised: all-lowercase `word` is never one."""
        if not _has_capital(word):
            return None
        return self._demonyms.get(normalise(word).casefold())

    def adjective(self, iso3: str) -> str:
        """The first demonym the table lists for a code ("VEN" -> "Venezuelan"), to name a
        placed group ("Venezuelan officials"); the country's name when it has none."""
        return self._adjectives.get(iso3) or self.country_name(iso3)

    def first_names(self) -> frozenset[str]:
        """The first words of full names the people table also lists by their last word
        ("Joe" of Joe Biden, alias "Biden"; "Nikki" of Nikki Haley), and that end no name
        there: alone, a fragment of a name, not a name. A name whose first word is the
        surname ("Liu He", "Yoon Suk Yeol") gives none."""
        return self._first_names

    def max_alias_tokens(self) -> int:
        """Upper bound on the tokens of any alias, counting each word and each punctuation
        mark as one token (so "Kim Jong-un" is 4). A scanner should also allow for a
        leading "the" and a trailing "'s", which lookup accepts."""
        return self._max_tokens

    def aliases(self) -> tuple[str, ...]:
        """Every alias (names, aliases, capitals, people, organisations; no demonyms)."""
        return self._aliases


def _read(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[str, dict[str, str]]]:
    """Rows of a UTF-8 CSV table as ("file.csv: line N", row); `#` lines are comments.

    The header must be exactly `columns`; every row must have that many fields.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataTableError(f"{path}: cannot read: {exc}") from exc
    lines = ["" if line.lstrip().startswith("#") else line for line in text.splitlines()]
    reader = csv.reader(lines)
    header: list[str] | None = None
    for fields in reader:
        if not fields:
            continue
        where = f"{path.name}: line {reader.line_num}"
        if header is None:
            header = fields
            if tuple(header) != columns:
                raise DataTableError(f"{where}: header {header} is not {list(columns)}")
            continue
        if len(fields) != len(columns):
            raise DataTableError(f"{where}: {len(fields)} fields, expected {len(columns)}")
        yield where, {col: value.strip() for col, value in zip(columns, fields, strict=True)}
    if header is None:
        raise DataTableError(f"{path}: empty table, expected header {list(columns)}")


def _required(where: str, row: dict[str, str], *columns: str) -> None:
    """Raise if any of `columns` is empty in `row`."""
    for col in columns:
        if not row[col]:
            raise DataTableError(f"{where}: empty {col!r}")


def _proper(where: str, alias: str) -> None:
    """An alias is a proper name: it must contain a capital letter to ever match."""
    if not _has_capital(alias):
        raise DataTableError(f"{where}: alias {alias!r} has no capital letter")


def _flag(where: str, value: str) -> bool:
    """The `ambiguous` column: exactly 0 or 1."""
    if value not in ("0", "1"):
        raise DataTableError(f"{where}: ambiguous must be 0 or 1, not {value!r}")
    return value == "1"


@functools.cache
def known_codes() -> frozenset[str]:
    """Every code a table may use: ISO 3166-1 alpha-3 from pycountry plus EUR, UNO, XKX."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | EXTRA_CODES


def _code(where: str, value: str) -> str:
    """A known country code, else raise."""
    if value not in known_codes():
        raise DataTableError(f"{where}: unknown country code {value!r}")
    return value


def _countries(
    path: Path,
) -> tuple[list[tuple[str, dict[str, str]]], dict[str, str], dict[str, str], dict[str, str]]:
    """Checked country rows, code -> display name, folded demonym -> code, and code -> its
    first demonym."""
    rows = []
    names: dict[str, str] = {}
    name_where: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    seen: dict[tuple[str, str, str], str] = {}
    for where, row in _read(path, COUNTRIES_COLUMNS):
        _required(where, row, *COUNTRIES_COLUMNS)
        code = _code(where, row["iso3"])
        kind = row["kind"]
        if kind not in COUNTRY_KINDS:
            raise DataTableError(f"{where}: kind {kind!r} is not one of {COUNTRY_KINDS}")
        _flag(where, row["ambiguous"])
        _proper(where, row["alias"])
        ident = (code, row["alias"], kind)
        if ident in seen:
            raise DataTableError(f"{where}: duplicate of {seen[ident]}")
        seen[ident] = where
        if kind == "name":
            if code in names:
                raise DataTableError(
                    f"{where}: second name {row['alias']!r} for {code} "
                    f"(first {names[code]!r} at {name_where[code]})"
                )
            names[code], name_where[code] = row["alias"], where
        elif kind == "demonym":
            key = normalise(row["alias"]).casefold()
            if demonyms.setdefault(key, code) != code:
                raise DataTableError(
                    f"{where}: demonym {row['alias']!r} already names {demonyms[key]}"
                )
            adjectives.setdefault(code, row["alias"])
        rows.append((where, row))
    for where, row in rows:
        if row["iso3"] not in names:
            raise DataTableError(f"{where}: {row['iso3']} has no `name` row")
    return rows, names, demonyms, adjectives


def _country_rows(rows: list[tuple[str, dict[str, str]]], names: dict[str, str]) -> list[_Row]:
    """Entries for country names, aliases and capitals (demonyms are not entities)."""
    out = []
    for where, row in rows:
        if row["kind"] == "demonym":
            continue
        kind = "government" if row["kind"] == "capital" else "country"
        entry = GazetteerEntry(names[row["iso3"]], kind, row["iso3"], row["ambiguous"] == "1")
        out.append(_Row(where, row["alias"], entry))
    return out


def _named_rows(
    path: Path, columns: tuple[str, ...], optional: tuple[str, ...], kind_of
) -> list[_Row]:
    """Entries for an organisations or people table; every name needs its alias==name row."""
    out = []
    seen: dict[tuple[str, str], str] = {}
    canonical: dict[str, GazetteerEntry] = {}
    for where, row in _read(path, columns):
        _required(where, row, *(c for c in columns if c not in optional))
        _proper(where, row["alias"])
        code = _code(where, row["country"]) if row["country"] else None
        entry = GazetteerEntry(
            row["name"], kind_of(where, row), code, _flag(where, row["ambiguous"])
        )
        ident = (row["name"], row["alias"])
        if ident in seen:
            raise DataTableError(f"{where}: duplicate of {seen[ident]}")
        seen[ident] = where
        same = canonical.setdefault(row["name"], entry)
        if (same.kind, same.country) != (entry.kind, entry.country):
            raise DataTableError(
                f"{where}: {row['name']!r} is {entry.kind}/{entry.country} here but "
                f"{same.kind}/{same.country} on an earlier row"
            )
        out.append(_Row(where, row["alias"], entry))
    aliased_to_self = {r.alias for r in out if r.alias == r.entry.name}
    for r in out:
        if r.entry.name not in aliased_to_self:
            raise DataTableError(f"{r.where}: {r.entry.name!r} has no row with alias == name")
    return out


def _organisation_kind(where: str, row: dict[str, str]) -> str:
    """An organisation row's kind, checked."""
    if row["kind"] not in ORGANISATION_KINDS:
        raise DataTableError(f"{where}: kind {row['kind']!r} is not one of {ORGANISATION_KINDS}")
    return row["kind"]


def load(directory: Path) -> Gazetteer:
    """Read and check countries.csv, organisations.csv and people.csv in `directory`."""
    country_rows, names, demonyms, adjectives = _countries(directory / "countries.csv")
    rows = _country_rows(country_rows, names)
    rows += _named_rows(
        directory / "organisations.csv", ORGANISATIONS_COLUMNS, ("country",), _organisation_kind
    )
    rows += _named_rows(directory / "people.csv", PEOPLE_COLUMNS, (), lambda where, row: "person")
    return Gazetteer(rows, names, demonyms, adjectives)


@functools.cache
def default() -> Gazetteer:
    """The package's own tables, loaded once."""
    return load(DATA_DIR)


def lookup(text: str) -> GazetteerEntry | None:
    """The actor an exact alias names ("U.S." -> United States), or None."""
    return default().lookup(text)


def country_name(iso3: str) -> str:
    """Display name of a country code ("USA" -> "United States")."""
    return default().country_name(iso3)


def demonym_country(word: str) -> str | None:
    """Country code of a demonym ("Venezuelan" -> "VEN"), None if not a demonym."""
    return default().demonym_country(word)


def adjective(iso3: str) -> str:
    """The demonym naming a placed group of a country ("VEN" -> "Venezuelan")."""
    return default().adjective(iso3)


def first_names() -> frozenset[str]:
    """First words of the people table's full names: fragments when alone."""
    return default().first_names()


def max_alias_tokens() -> int:
    """Upper bound on the tokens of any alias, for longest-match scanning."""
    return default().max_alias_tokens()


def aliases() -> Iterable[str]:
    """Every alias in the gazetteer, for building a matcher."""
    return default().aliases()
