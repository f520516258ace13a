"""One readable line per event that follows its modality ("Juan Guaidó assumes executive
powers", "Donald Trump does not impose sanctions on Russia")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from lemminflect import getInflection, getLemma

from tracker.actors import Actor
from tracker.extract.syntax import bounded_subtree
from tracker.rules import Rule, event_types

if TYPE_CHECKING:
    from spacy.tokens import Token


def _third_person(verb: str) -> str:
    """ "impose" -> "imposes", "veto" -> "vetoes": the form after one source."""
    return getInflection(verb, tag="VBZ")[0]


# How a summary tells an act that did not (yet) happen: (one source, several sources), each
# put before the verb's base form. A relief offer is conditional by nature and is told as
# offered.
MOOD_PHRASES = {
    "planned": ("plans to", "plan to"),
    "negated": ("does not", "do not"),
    "conditional": ("would", "would"),
    "hypothetical": ("may", "may"),
}


MOOD_OF_THE_TYPE = {"SANCTION_RELIEF_OFFER": "conditional"}


def summary(
    event_type: str,
    tok: Token,
    rule: Rule,
    sources: list[Actor],
    targets: list[Actor],
    modality: str = "asserted",
) -> str:
    """One readable line that follows the modality: "Juan Guaidó assumes executive
    powers", "Donald Trump does not impose sanctions on Russia"."""
    who = _names(sources) or "Someone"
    info = event_types()[event_type]
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
    if (
        tok.pos_ == "VERB"
        and obj is not None
        and rule.requires
        and obj.lemma_.lower() in rule.requires
    ):
        phrase = _spaced(t for t in bounded_subtree(obj) if t.dep_ != "det")
        predicate = f"{_third_person(tok.lemma_.lower())} {phrase}"
        if rule.modality == modality:
            modality = "asserted"  # the verb says it: "blocks sanctions on North Korea"
    else:
        predicate = info.summary_verb
        if info.names_target:
            predicate += f" {_names(targets) or 'others'}"
    several = len(sources) > 1 or (len(sources) == 1 and _plural_noun(sources[0]))
    mood = MOOD_PHRASES.get(modality) if MOOD_OF_THE_TYPE.get(event_type) != modality else None
    if mood is not None:
        line = f"{who} {mood[several]} {_plural(predicate)}"
    else:
        line = f"{who} {_plural(predicate) if several else predicate}"
    return line[:1].upper() + line[1:]


def _plural_noun(actor: Actor) -> bool:
    """A group named by a plural noun ("Venezuelan officials") takes a plural verb."""
    return (
        actor.kind in ("group", "military", "organisation")
        and actor.name.endswith("s")
        and not actor.name.endswith("ss")
    )


def _plural(verb_phrase: str) -> str:
    """ "recognizes Guaidó" -> "recognize Guaidó", for several sources."""
    verb, _, rest = verb_phrase.partition(" ")
    base = (getLemma(verb, upos="VERB") or (verb,))[0]
    verb = (getInflection(base, tag="VBP") or (base,))[-1]  # "are", not "am", for "be"
    return f"{verb} {rest}".strip()


def _spaced(tokens: Iterable[Token]) -> str:
    """Tokens as the text spaces them ("Myanmar's", "two-decade-long"), on one line."""
    return " ".join("".join(t.text_with_ws for t in tokens).split())


def _names(actors: Iterable[Actor]) -> str:
    names = [a.name for a in actors]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
