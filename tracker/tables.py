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

from lemminflect import getAllInflections, getAllInflectionsOOV, getInflection

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


# English inflection from lemminflect's tables (verbs and nouns), with its rules for words
# its tables lack.
INFLECTED_POS = ("VERB", "NOUN")


@functools.cache
def word_forms(lemma: str) -> frozenset[str]:
    """Every surface form (lower case) that may carry `lemma`: the lemma and its verb and
    noun inflections ("impose": imposes, imposed, imposing; "freeze": froze, frozen)."""
    word = lemma.lower()
    forms = {word}
    for upos in INFLECTED_POS:
        inflections = getAllInflections(word, upos=upos) or getAllInflectionsOOV(word, upos=upos)
        for found in inflections.values():
            forms.update(form.lower() for form in found)
    return frozenset(forms)


def past_is_base(verb: str) -> bool:
    """Whether the verb's past tense is spelled as its base ("cut", "put", "set")."""
    return verb.lower() in getInflection(verb.lower(), tag="VBD")


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
