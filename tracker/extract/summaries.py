"""One readable line per event that follows its modality ("Juan Guaidó assumes executive
powers", "Russia refuses to lift its ban on Polish meat", "Japan threatens to impose
tariffs"): an act that did not (yet) happen is never told as done."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from lemminflect import getInflection, getLemma

from tracker.actors import Actor
from tracker.extract.syntax import bounded_subtree
from tracker.rules import Rule, event_types, modality_words

if TYPE_CHECKING:
    from spacy.tokens import Token

# Words put before the act's verb, (after one source, after several), when nothing in the
# sentence words the modality better: no governing verb, no plan it completes, no modal
# auxiliary. A relief offer is conditional by nature and is told as offered.
MOOD_PHRASES = {
    "planned": ("plans to", "plan to"),
    "negated": ("does not", "do not"),
    "conditional": ("would", "would"),
    "hypothetical": ("may", "may"),
}


MOOD_OF_THE_TYPE = {"SANCTION_RELIEF_OFFER": "conditional"}


# A type the modality made of an imposition or an easing (tracker.extract.modality
# `type_and_modality`), told with the act's own verb: "threatens to impose tariffs".
REFINED_TYPE_PHRASES = {
    "SANCTION_THREATEN": ("threatens to", "threaten to"),
    "SANCTION_RELIEF_OFFER": ("offers to", "offer to"),
}


# How a summary spells the modal auxiliaries the tokenizer splits off ("ca" of "can't",
# "'d" of "he'd"); the auxiliaries themselves are modality.toml's.
MODAL_SPELLINGS = {"ca": "can", "'d": "would"}


def _third_person(verb: str) -> str:
    """ "impose" -> "imposes", "veto" -> "vetoes": the form after one source."""
    return getInflection(verb, tag="VBZ")[0]


def _forms(lemma: str) -> tuple[str, str]:
    """A verb's (one source, several sources) present forms: ("refuses", "refuse")."""
    if lemma == "be":
        return "is", "are"
    return _third_person(lemma), lemma


def summary(
    event_type: str,
    tok: Token,
    rule: Rule,
    sources: list[Actor],
    targets: list[Actor],
    modality: str = "asserted",
) -> str:
    """One readable line that follows the modality: "Juan Guaidó assumes executive
    powers", "Donald Trump refuses to impose sanctions on Russia"."""
    who = _names(sources) or "Someone"
    info = event_types()[event_type]
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
    own_verb = tok.pos_ == "VERB" and obj is not None
    if own_verb and obj is not None and _told_by_its_verb(tok, obj, rule):
        phrase = _spaced(t for t in bounded_subtree(obj) if t.dep_ != "det")
        predicate = f"{_third_person(tok.lemma_.lower())} {phrase}"
        if rule.modality == modality or _undoes(tok) or _governs(tok) == modality:
            modality = "asserted"  # the verb says it: "blocks sanctions on North Korea",
            # "considers sanctions on Chinese officials"
        refined = event_type != rule.type
    else:
        predicate = info.summary_verb
        if info.names_target:
            predicate += f" {_names(targets) or 'others'}"
        refined = False
    several = len(sources) > 1 or (len(sources) == 1 and _plural_noun(sources[0]))
    lead = _lead(tok, event_type, modality, refined and own_verb)
    if lead is not None:
        words, gerund = lead
        line = f"{who} {words[several]} {_inflected(predicate, 'VBG' if gerund else 'VB')}"
    else:
        line = f"{who} {_inflected(predicate, 'VBP') if several else predicate}"
    return line[:1].upper() + line[1:]


def _told_by_its_verb(tok: Token, obj: Token, rule: Rule) -> bool:
    """Whether the trigger verb and its object tell the act better than the type's stock
    words: the object is what the rule needs ("imposes tariffs"), or the verb undoes it
    ("blocks the sale of arms", not "gives aid")."""
    return bool(rule.requires and obj.lemma_.lower() in rule.requires) or _undoes(tok)


def _governs(tok: Token) -> str | None:
    """The modality a trigger verb would give a complement ("considers": hypothetical):
    told with its own object, it says the act's modality itself."""
    return modality_words().governors.get(tok.lemma_.lower())


def _undoes(tok: Token) -> bool:
    """A trigger verb that is itself a negating governor ("blocked", "vetoed"): the act
    it states is the blocking."""
    return _governs(tok) == "negated"


def _lead(
    tok: Token, event_type: str, modality: str, refined: bool
) -> tuple[tuple[str, str], bool] | None:
    """The words that tell the act's modality before its verb, (one source, several), and
    whether the verb then takes its -ing form: the verb that governs it ("refuses to",
    "decides not to", "considers" + -ing), the plan it completes with the verb over that
    ("drops plans to"), a modal auxiliary ("could"), the type a modality made ("threatens
    to"), else the modality's stock words. None for an act told as done."""
    if modality == "asserted" and not refined:
        return None
    if MOOD_OF_THE_TYPE.get(event_type) == modality and not refined:
        return None
    found = _governing_verb(tok) or _planned_by_noun(tok)
    if found is not None:
        return found
    if refined and event_type in REFINED_TYPE_PHRASES:
        return REFINED_TYPE_PHRASES[event_type], False
    words = modality_words()
    modals = words.hypothetical_aux | words.would_aux
    modal = next(
        (MODAL_SPELLINGS.get(c.lower_, c.lower_) for c in tok.children if c.lower_ in modals),
        None,
    )
    if modal is not None and modality in ("conditional", "hypothetical"):
        return (modal, modal), False
    phrase = MOOD_PHRASES.get(modality)
    return (phrase, False) if phrase is not None else None


def _governing_verb(tok: Token) -> tuple[tuple[str, str], bool] | None:
    """ "refused to lift" -> ("refuses to", "refuse to"); "decided not to impose" ->
    ("decides not to", ...); "is considering imposing" -> ("considers", ...) with the
    -ing form; "is expected to impose" -> ("is expected to", "are expected to"). Only a
    governor the modality table knows, or one whose complement is negated, and not one
    itself negated ("did not plan to": the stock "does not" says it)."""
    if tok.dep_ != "xcomp" or tok.head.i == tok.i:
        return None
    gov = tok.head
    words = modality_words()
    negated = any(c.dep_ == "neg" for c in tok.children)
    lemma = gov.lemma_.lower()
    known = lemma in words.governors or lemma in words.threat_governors
    if not (known or negated) or any(c.dep_ == "neg" for c in gov.children):
        return None
    to = " to" if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) else ""
    neg = " not" if negated else ""
    passive = gov.tag_ == "VBN" and any(
        c.dep_ == "auxpass" or (c.dep_ == "aux" and c.lemma_.lower() == "be") for c in gov.children
    )
    if gov.pos_ == "ADJ" or passive:  # "is able to", "is set to"
        return (f"is {gov.lower_}{neg}{to}", f"are {gov.lower_}{neg}{to}"), False
    if gov.pos_ not in ("VERB", "AUX"):
        return None
    one, several = _forms(lemma)
    return (f"{one}{neg}{to}", f"{several}{neg}{to}"), tok.tag_ == "VBG"


def _planned_by_noun(tok: Token) -> tuple[tuple[str, str], bool] | None:
    """An infinitive that completes a noun of plan or right, under the verb that takes the
    noun ("dropped plans to impose" -> "drops plans to", "vetoed a resolution to impose"
    -> "vetoes resolution to")."""
    if tok.dep_ not in ("acl", "relcl") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
    ):
        return None
    noun, verb = tok.head, tok.head.head
    if noun.pos_ != "NOUN" or noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    one, several = _forms(verb.lemma_.lower())
    return (f"{one} {noun.lower_} to", f"{several} {noun.lower_} to"), False


def _plural_noun(actor: Actor) -> bool:
    """A group named by a plural noun ("Venezuelan officials") takes a plural verb."""
    return (
        actor.kind in ("group", "military", "organisation")
        and actor.name.endswith("s")
        and not actor.name.endswith("ss")
    )


def _inflected(verb_phrase: str, tag: str) -> str:
    """The phrase with its verb in another form: "recognizes Guaidó" -> "recognize Guaidó"
    (VBP, for several sources; VB, after "plans to"), "recognizing Guaidó" (VBG, after a
    verb that takes the -ing form)."""
    verb, _, rest = verb_phrase.partition(" ")
    base = (getLemma(verb, upos="VERB") or (verb,))[0]
    if tag != "VB":
        base = (getInflection(base, tag=tag) or (base,))[-1]  # "are", not "am", for "be"
    return f"{base} {rest}".strip()


def _spaced(tokens: Iterable[Token]) -> str:
    """Tokens as the text spaces them ("Myanmar's", "two-decade-long"), on one line."""
    return " ".join("".join(t.text_with_ws for t in tokens).split())


def _names(actors: Iterable[Actor]) -> str:
    names = [a.name for a in actors]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
