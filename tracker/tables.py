"""Bundled data tables (lexicons, code tables) under tracker/data/: read once, checked loudly.

Rules and word lists live in these files rather than in code, as followthemoney keeps its
schema in YAML; a malformed table is a packaging bug and raises DataTableError naming the
file and line.
"""

from __future__ import annotations

import csv
import functools
import re
import tomllib
from collections.abc import Iterable
from importlib import resources
from typing import Any

from .errors import DataTableError

# A word as the tables spell their entries and the sieve reads text: runs of letters (its
# parts), joined by inner hyphens and apostrophes ("re-elect", "d'Ivoire"). The project's
# one word pattern: the sieve reads words and their parts with these two.
_LETTERS = r"[^\W\d_]+"
WORD_PART = re.compile(_LETTERS)
WORD = re.compile(rf"{_LETTERS}(?:[-'’]{_LETTERS})*")


def _text(name: str) -> str:
    try:
        return resources.files("tracker").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataTableError(f"tracker/data/{name}: missing from the package") from exc


def read_csv(
    name: str, columns: tuple[str, ...], *, key: str | None = None, optional: tuple[str, ...] = ()
) -> list[dict[str, str]]:
    """Rows of a CSV table as dicts; `#` lines are comments.

    Every column in `columns` must be present and non-empty (except those in `optional`);
    when `key` is given its values must be unique. Errors name the file's own line number.
    """
    numbered = [
        (n, ln)
        for n, ln in enumerate(_text(name).splitlines(), 1)
        if ln.strip() and not ln.startswith("#")
    ]
    reader = csv.DictReader(ln for _, ln in numbered)
    missing = set(columns) - set(reader.fieldnames or ())
    if missing:
        raise DataTableError(f"tracker/data/{name}: missing columns {sorted(missing)}")
    rows, seen = [], set()
    for (n, _), row in zip(numbered[1:], reader, strict=True):
        for col in columns:
            if col not in optional and not (row.get(col) or "").strip():
                raise DataTableError(f"tracker/data/{name}: line {n}: empty {col!r}")
        if key is not None:
            if row[key] in seen:
                raise DataTableError(f"tracker/data/{name}: line {n}: duplicate {key} {row[key]!r}")
            seen.add(row[key])
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


@functools.cache
def function_words() -> dict[str, frozenset[str]]:
    """data/function_words.toml: closed-class word lists the grammar relies on."""
    raw = read_toml("function_words.toml")
    wanted = (
        "adjunct_prepositions",
        "relative_pronouns",
        "collective_pronouns",
        "person_pronouns",
        "vague_subjects",
        "speech_verbs",
        "first_person",
        "intransitive_nouns",
        "light_verbs",
        "during_prepositions",
        "reaction_verbs",
        "object_pronouns",
        "role_nouns",
        "reason_prepositions",
        "definite_determiners",
        "onward_particles",
        "enacting_phrases",
        "reversing_prefixes",
        "document_nouns",
        "system_nouns",
        "instrument_nouns",
        "speech_nouns",
        "topic_participles",
        "modified_measures",
        "topic_prepositions",
    )
    missing = [k for k in wanted if not isinstance(raw.get(k), list)]
    if missing:
        raise DataTableError(f"tracker/data/function_words.toml: missing lists {missing}")
    return {k: frozenset(raw[k]) for k in wanted}


VOWELS = frozenset("aeiou")


@functools.cache
def irregular_forms() -> dict[str, frozenset[str]]:
    """Lemma -> its irregular forms, from data/irregular_verbs.csv."""
    rows = read_csv("irregular_verbs.csv", ("lemma", "forms"), key="lemma")
    out = {}
    for row in rows:
        forms = row["forms"].lower().split()
        if row["lemma"] != row["lemma"].lower() or not all(WORD.fullmatch(f) for f in forms):
            raise DataTableError(
                f"tracker/data/irregular_verbs.csv: {row['lemma']!r}: "
                "lemma and forms must be lower-case words"
            )
        out[row["lemma"]] = frozenset(forms)
    return out


# Kept, not lemminflect: its forms give the same dev-gold events, but the shipped detector
# was trained on these (with false forms like "aides" for "aid"), so a swap needs a retrain.
def word_forms(lemma: str) -> frozenset[str]:
    """Every surface form (lower case) that may carry `lemma`: the lemma, its regular
    inflections (-s, -es, -ed, -ing, -ies, -ied, doubled final consonants, dropped final e)
    and its irregular forms. A superset: at worst the sieve keeps a paragraph too many,
    or `lemmas_by_form` knows a form no text shows."""
    word = lemma.lower()
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("ie"):
        forms.add(word[:-2] + "ying")
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word.endswith("c"):
        forms |= {word + "ked", word + "king"}
    if word and word[-1] not in VOWELS:
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing", word + word[-1] + "er"}
    forms |= irregular_forms().get(word, frozenset())
    return frozenset(forms)


def lemmas_by_form(lemmas: Iterable[str]) -> dict[str, str]:
    """Surface form -> the one of `lemmas` it can inflect (forms two lemmas share are left
    out): how a verb is still known where the model's lemmatizer misreads it ("staged" as
    "stag", "hoped" as "hop")."""
    owners: dict[str, set[str]] = {}
    for lemma in lemmas:
        for form in word_forms(lemma):
            owners.setdefault(form, set()).add(lemma)
    return {form: next(iter(found)) for form, found in owners.items() if len(found) == 1}


def read_toml(name: str) -> dict[str, Any]:
    """A TOML table, parsed."""
    try:
        return tomllib.loads(_text(name))
    except tomllib.TOMLDecodeError as exc:
        raise DataTableError(f"tracker/data/{name}: {exc}") from exc
