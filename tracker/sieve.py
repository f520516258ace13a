"""Cheap readings of a sentence before any parsing: which trigger rules could fire in it,
and whether it names someone by title.

A trigger rule of `data/triggers.toml` fires only on a token whose lemma is one of its
trigger words and (depending on the rule) only when its particle, its auxiliary, the
"that" of a mandate, a word of its `requires`, `clause_requires` or `context` class occurs
in the same sentence. All of these are words, so which rules could fire is read from the
words alone. The check is deliberately generous: lemmas are turned back into every surface
form they may show (their inflections, from lemminflect), requirements are checked over
the whole text rather than the complement or clause they concern, and conditions that need
the parse (a part of speech, an entity label, a dependency) are assumed met. The learned
detector (`tracker.detect`) reads the types that could fire as features; it, not this
table, decides what is parsed. A sentence that names someone by title ("Foreign Minister
Ayman Safadi") is parsed too, though it holds no act: later sentences call that person
"Safadi" or "he"."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .actors import actor_nouns
from .rules import Rule, lexicon
from .tables import WORD, WORD_PART, word_forms


def text_words(text: str) -> frozenset[str]:
    """The lower-cased words of a text, hyphenated compounds both whole and in parts, as
    the tokenizer may split them either way."""
    lower = text.lower()
    return frozenset(WORD.findall(lower)) | frozenset(WORD_PART.findall(lower))


def _class_forms(words: Iterable[str]) -> frozenset[str]:
    """Surface forms of a word class; an entry of several words counts by any of them."""
    out: set[str] = set()
    for entry in words:
        for part in WORD_PART.findall(entry.lower()) or [entry.lower()]:
            out |= word_forms(part)
    return frozenset(out)


def rule_needs(rule: Rule) -> tuple[frozenset[str], ...]:
    """Word sets that must each meet a paragraph for `rule` to be able to fire there.

    A rule with an `entity` condition may fire on a named entity instead of its `requires`
    class, which no word test can see, so its `requires` is not a need."""
    needs = []
    if rule.particle:
        needs.append(frozenset({rule.particle.lower()}))
    if rule.predicate:  # "took effect", "came into force": the phrase's last word
        needs.append(frozenset(p.split()[-1].lower() for p in rule.predicate))
    if rule.clause == "xcomp":  # an infinitive clause: "told banks to monitor"
        needs.append(frozenset({"to"}))
    if rule.clause_aux:
        needs.append(frozenset(a.lower() for a in rule.clause_aux))
    if rule.clause_mood == "subjunctive":  # "reiterated its demand that Israel ease"
        needs.append(frozenset({"that"}))
    if rule.clause_requires is not None:
        needs.append(_class_forms(rule.clause_requires))
    if rule.requires is not None and rule.entity is None:
        needs.append(_class_forms(rule.requires))
    if rule.context is not None:
        needs.append(_class_forms(rule.context))
    return tuple(needs)


@dataclass(frozen=True)
class Sieve:
    """Surface form of a trigger word -> the types of the rules it can fire, each with the
    alternative needs of those rules."""

    triggers: dict[str, tuple[tuple[str, tuple[frozenset[str], ...]], ...]]

    def can_hold_event(self, text: str) -> bool:
        """Whether some trigger rule could fire in `text`."""
        return bool(self.fireable_types(text))

    def fireable_types(self, text: str) -> frozenset[str]:
        """The event types whose trigger rules could fire in `text` (one of the learned
        detector's inputs: what the rules would say, before any parse)."""
        words = text_words(text)
        return frozenset(
            event_type
            for word in words & self.triggers.keys()
            for event_type, needs in self.triggers[word]
            if all(words & need for need in needs)
        )


def introduces_person(text: str) -> bool:
    """Whether `text` names someone by title and name ("Jordan's Foreign Minister Ayman
    Safadi"): the parse of such a sentence tells later ones who "Safadi" or "he" is."""
    return _titled_name().search(text) is not None


@functools.cache
def _titled_name() -> re.Pattern:
    """A title of `data/actor_nouns.csv` (any case) before one to three capitalised words."""
    titles = "|".join(sorted(lemma for lemma, kind in actor_nouns().items() if kind == "person"))
    return re.compile(rf"\b(?i:{titles})s?(?:\s+[A-Z][\w'’.-]*){{1,3}}")


@functools.cache
def sieve() -> Sieve:
    """The sieve for the trigger lexicon, built once per process."""
    lex = lexicon()
    triggers: dict[str, set[tuple[str, tuple[frozenset[str], ...]]]] = {}
    for table in (lex.verbs, lex.nouns):
        for lemma, rules in table.items():
            for form in word_forms(lemma):
                triggers.setdefault(form, set()).update((r.type, rule_needs(r)) for r in rules)
    return Sieve({form: tuple(sorted(needs, key=repr)) for form, needs in triggers.items()})
