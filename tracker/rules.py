"""The extractor's rules, read from data files once and checked loudly.

`data/triggers.toml` (trigger rules and word classes), `data/event_types.csv` (our taxonomy
with its CAMEO and PLOVER codes), `data/modality.toml`, `data/instruments.csv` and
`data/quantity_units.csv`. A malformed table raises DataTableError naming the file; the
rules themselves are applied by `tracker.extract`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .errors import DataTableError
from .tables import lemmas_by_form, read_csv, read_toml

MODALITIES = ("asserted", "planned", "conditional", "negated", "hypothetical")
# The sanctions instruments of the schema (docs/schema.md, events.instrument).
INSTRUMENTS = (
    "asset_freeze",
    "travel_ban",
    "arms_embargo",
    "trade",
    "tariff",
    "financial",
    "sectoral",
    "export_control",
    "designation",
    "other",
)
# What a rule's clausal complement must be: an order ("'Do not try us,' Trump told North
# Korea") or a mandate in the subjunctive ("reiterated its demand that Israel ease").
CLAUSE_MOODS = ("imperative", "subjunctive")
# Rule keys whose value names a word class of [classes].
CLASS_KEYS = ("requires", "context", "clause_requires", "rebuts")


@dataclass(frozen=True)
class Rule:
    """One trigger rule of data/triggers.toml."""

    type: str
    particle: str | None
    requires: frozenset[str] | None
    entity: frozenset[str] | None
    clause: str | None
    clause_aux: frozenset[str] | None
    clause_requires: frozenset[str] | None
    clause_mood: str | None
    context: frozenset[str] | None
    modality: str | None
    agent: str | None
    target: str | None = None
    charge: frozenset[str] = frozenset()
    predicate: frozenset[str] = frozenset()
    light_verb: bool = False
    rebuts: frozenset[str] | None = None

    @classmethod
    def bare(cls, event_type: str) -> Rule:
        """A rule of the type alone, with no condition on the words: what a trigger the
        detector points at fires by, and the reading of a clause no rule read."""
        return cls(
            type=event_type,
            particle=None,
            requires=None,
            entity=None,
            clause=None,
            clause_aux=None,
            clause_requires=None,
            clause_mood=None,
            context=None,
            modality=None,
            agent=None,
        )


@dataclass(frozen=True)
class Lexicon:
    """Trigger rules indexed by lemma, for verbs and for nouns."""

    verbs: dict[str, tuple[Rule, ...]]
    nouns: dict[str, tuple[Rule, ...]]
    words: frozenset[str]
    classes: dict[str, frozenset[str]]
    # surface form -> the one trigger verb it can inflect, for the lemmatizer's misreadings
    # ("staged": "stag", "oversaw": "oversaw")
    verb_forms: dict[str, str]


@dataclass(frozen=True)
class EventType:
    """A row of data/event_types.csv."""

    cameo: str | None
    plover: str | None
    summary_verb: str
    names_target: bool


@functools.cache
def event_types() -> dict[str, EventType]:
    """Our taxonomy with its CAMEO and PLOVER codes, from one table."""
    rows = read_csv(
        "event_types.csv",
        ("event_type", "cameo_code", "plover_type", "summary_verb", "summary_object"),
        key="event_type",
        optional=("cameo_code", "plover_type", "summary_object"),
    )
    return {
        r["event_type"]: EventType(
            r["cameo_code"] or None,
            r["plover_type"] or None,
            r["summary_verb"],
            r["summary_object"] == "target",
        )
        for r in rows
    }


@functools.cache
def lexicon() -> Lexicon:
    """Load and check data/triggers.toml: every type known, every class defined."""
    raw = read_toml("triggers.toml")
    classes = {k: frozenset(v) for k, v in raw.get("classes", {}).items()}
    verbs: dict[str, list[Rule]] = {}
    nouns: dict[str, list[Rule]] = {}
    for n, item in enumerate(raw.get("rule", []), 1):
        where = f"tracker/data/triggers.toml: rule {n}"
        if item.get("type") not in event_types():
            raise DataTableError(f"{where}: unknown type {item.get('type')!r}")
        unknown = set(item) - {
            "type",
            "verbs",
            "nouns",
            "particle",
            "requires",
            "entity",
            "clause",
            "clause_aux",
            "clause_requires",
            "clause_mood",
            "context",
            "modality",
            "agent",
            "target",
            "charge",
            "predicate",
            "light_verb",
            "rebuts",
        }
        if unknown:
            raise DataTableError(f"{where}: unknown keys {sorted(unknown)}")
        for key in CLASS_KEYS:
            if key in item and item[key] not in classes:
                raise DataTableError(f"{where}: unknown class {item[key]!r}")
        if item.get("agent") not in (None, "state", "any", "beneficiary", "object"):
            raise DataTableError(
                f"{where}: agent must be 'state', 'any', 'beneficiary' or 'object'"
            )
        if item.get("target") not in (None, "named"):
            raise DataTableError(f"{where}: target must be 'named'")
        predicate = item.get("predicate", [])
        if (
            not isinstance(predicate, list)
            or not all(isinstance(p, str) and 2 <= len(p.split()) <= 3 for p in predicate)
            or (predicate and "nouns" not in item)
        ):
            raise DataTableError(
                f"{where}: predicate must list verb phrases of two or three words, for nouns"
            )
        charge = item.get("charge", [])
        if not isinstance(charge, list) or not all(
            isinstance(w, str) and w.isalpha() for w in charge
        ):
            raise DataTableError(f"{where}: charge must list prepositions")
        if item.get("clause_mood") not in (None, *CLAUSE_MOODS) or (
            "clause_mood" in item and "clause" not in item
        ):
            raise DataTableError(
                f"{where}: clause_mood must be one of {CLAUSE_MOODS}, with a clause"
            )
        if item.get("light_verb") not in (None, True) or (
            "light_verb" in item and "nouns" not in item
        ):
            raise DataTableError(f"{where}: light_verb must be true, for nouns")
        if item.get("modality") not in (None, *MODALITIES):
            raise DataTableError(f"{where}: unknown modality {item['modality']!r}")
        if not item.get("verbs") and not item.get("nouns"):
            raise DataTableError(f"{where}: no verbs or nouns")
        rule = Rule(
            item["type"],
            item.get("particle"),
            classes.get(item.get("requires")),
            frozenset(item["entity"].split()) if "entity" in item else None,
            item.get("clause"),
            frozenset(item["clause_aux"]) if "clause_aux" in item else None,
            classes.get(item.get("clause_requires")),
            item.get("clause_mood"),
            classes.get(item.get("context")),
            item.get("modality"),
            item.get("agent"),
            item.get("target"),
            frozenset(charge),
            frozenset(predicate),
            bool(item.get("light_verb")),
            classes.get(item.get("rebuts")),
        )
        for lemma in item.get("verbs", []):
            verbs.setdefault(lemma, []).append(rule)
        for lemma in item.get("nouns", []):
            nouns.setdefault(lemma, []).append(rule)
    words = frozenset(verbs) | frozenset(nouns)
    if "strict_sanction" not in classes:
        raise DataTableError("tracker/data/triggers.toml: the class strict_sanction is missing")
    used = {item.get(key) for item in raw.get("rule", []) for key in CLASS_KEYS} | {
        "strict_sanction"
    }
    if set(classes) - used:
        raise DataTableError(
            f"tracker/data/triggers.toml: classes no rule uses: {sorted(set(classes) - used)}"
        )
    return Lexicon(
        {k: tuple(v) for k, v in verbs.items()},
        {k: tuple(v) for k, v in nouns.items()},
        words,
        classes,
        lemmas_by_form(verbs),
    )


@dataclass(frozen=True)
class ModalityWords:
    """data/modality.toml, as sets."""

    negation: frozenset[str]
    ceasing_adverbs: frozenset[str]
    conditional_marks: frozenset[str]
    unconditional_prefixes: frozenset[str]
    condition_content_marks: frozenset[str]
    past_temporal_marks: frozenset[str]
    planned_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    would_aux: frozenset[str]
    threat_aux: frozenset[str]
    question_marks: frozenset[str]
    reader_words: frozenset[str]
    threat_governors: frozenset[str]
    offer_governors: frozenset[str]
    total_phrases: tuple[tuple[str, ...], ...]
    total_approximators: frozenset[str]
    total_count_nouns: frozenset[str]
    governors: dict[str, str]
    # surface form -> governor lemma, for a governing verb the lemmatizer misreads
    # ("hoped": "hop")
    governor_lemmas: dict[str, str]


@functools.cache
def modality_words() -> ModalityWords:
    """Load and check data/modality.toml."""
    raw = read_toml("modality.toml")
    governors = dict(raw.get("governors", {}))
    bad = {v for v in governors.values() if v not in MODALITIES}
    if bad:
        raise DataTableError(f"tracker/data/modality.toml: unknown modalities {sorted(bad)}")

    def words(key: str) -> frozenset[str]:
        return frozenset(raw[key])

    return ModalityWords(
        negation=words("negation"),
        ceasing_adverbs=words("ceasing_adverbs"),
        conditional_marks=words("conditional_marks"),
        unconditional_prefixes=words("unconditional_prefixes"),
        condition_content_marks=words("condition_content_marks"),
        past_temporal_marks=words("past_temporal_marks"),
        planned_aux=words("planned_aux"),
        hypothetical_aux=words("hypothetical_aux"),
        would_aux=words("would_aux"),
        threat_aux=words("threat_aux"),
        question_marks=words("question_marks"),
        reader_words=words("reader_words"),
        threat_governors=words("threat_governors"),
        offer_governors=words("offer_governors"),
        total_phrases=tuple(tuple(p.split()) for p in raw["total_phrases"]),
        total_approximators=words("total_approximators"),
        total_count_nouns=words("total_count_nouns"),
        governors=governors,
        governor_lemmas=lemmas_by_form(g for g in governors if " " not in g),
    )


@functools.cache
def instrument_rows() -> tuple[tuple[str, frozenset[str]], ...]:
    """Ordered (instrument, lemmas that must all occur) rows of data/instruments.csv."""
    rows = read_csv("instruments.csv", ("instrument", "lemmas"))
    return tuple((r["instrument"], frozenset(r["lemmas"].split())) for r in rows)


@functools.cache
def quantity_units() -> dict[str, float]:
    """Multiplier words ("mln", "billion") from data/quantity_units.csv."""
    return {
        r["word"]: float(r["factor"])
        for r in read_csv("quantity_units.csv", ("word", "factor"), key="word")
    }
