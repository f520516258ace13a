"""Dependency-parse helpers the other steps share: a token's phrase, a trigger's
complements, the clauses above it, the verb a noun trigger takes its clause from, and
pronouns resolved within the sentence. No rule table is read here but the function words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tracker.actors import CLAUSE_DEPS
from tracker.tables import function_words

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "csubj"}


PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}


COMPLEMENT_DEPS = {
    "dobj",
    "obj",
    "dative",
    "attr",
    "oprd",
    "prep",
    "agent",
    "pobj",
    "acomp",
    "compound",
    "amod",
    "nmod",
    "npadvmod",
    "prt",
    "appos",
    "conj",
    "poss",
    "xcomp",
}


# A noun trigger in these roles is the agent or theme of its verb ("an airstrike hit ...").
NOUN_CLAUSE_ROLES = {"nsubj", "nsubjpass", "dobj", "attr"}


# Clauses through which a trigger inherits its subject or its date from the clause above.
INHERIT_DEPS = {"xcomp", "conj", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj", "acl", "acomp"}


PAST_TAGS = {"VBD", "VBN"}


PARTICIPLE_TAGS = {"VBN", "VBG"}


def bounded_subtree(tok: Token) -> list[Token]:
    """The token's phrase: its subtree without embedded clauses (relative, complement...)."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS)
    return sorted(out, key=lambda t: t.i)


def complements(tok: Token) -> list[Token]:
    """Tokens of the trigger's complements: objects, prepositional phrases, passive subject."""
    out = []
    for child in tok.children:
        if child.dep_ in COMPLEMENT_DEPS or child.dep_ in PASSIVE_SUBJECT_DEPS:
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                continue
            if child.dep_ == "prep" and child.lower_ in function_words()["adjunct_prepositions"]:
                continue
            out.extend(bounded_subtree(child))
    if tok.pos_ in ("NOUN", "PROPN"):
        out.extend(t for c in tok.children if c.dep_ == "acl" for t in bounded_subtree(c))
    if (
        tok.dep_ in ("relcl", "acl")
        and tok.head.pos_ in ("NOUN", "PROPN")
        and (tok.tag_ in PARTICIPLE_TAGS or tok.dep_ == "relcl")
    ):
        # "sanctions imposed on Iran", "officials it sanctioned"; not "Beblawi's bid to
        # dismiss the case", where the noun is who wants the act
        out.extend(t for t in bounded_subtree(tok.head) if t.i not in {x.i for x in tok.subtree})
    out.extend(relative_object(tok))
    return out


def relative_object(tok: Token) -> list[Token]:
    """The noun a relative pronoun object stands for, when the trigger's clause, or the
    clause its infinitive completes, describes that noun ("a tariff that the
    administration had planned to impose Dec. 15": the tariff is what is imposed)."""
    relatives = function_words()["relative_pronouns"]
    if not any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in relatives for c in tok.children):
        return []
    clause = tok
    while clause.dep_ == "xcomp" and clause.head.i != clause.i:
        clause = clause.head
    if (
        clause is tok
        or clause.dep_ not in ("relcl", "acl")
        or clause.head.pos_ not in ("NOUN", "PROPN")
    ):
        return []
    inside = {t.i for t in clause.subtree}
    return [t for t in bounded_subtree(clause.head) if t.i not in inside]


def surface_and_lemmas(tokens: Iterable[Token]) -> set[str]:
    """The tokens' lower-cased words and lemmas: what a rule's word classes are matched
    against ("sanctions" may be tagged with either)."""
    return {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}


def pronoun_antecedent(subj: Token) -> Token:
    """ "it" or "they" as a subject stands for the nearest subject above it, that of a verb
    whose clause holds its own, when that names a thing rather than a person or another
    pronoun ("Safadi said Israel must end the war on Gaza, where he said it was committing
    war crimes": Israel; "the U.S. had not given reasons why it planned tariffs": the U.S.).
    Otherwise the pronoun stands, to be resolved from the article."""
    if subj.pos_ != "PRON" or subj.lower_ not in function_words()["object_pronouns"]:
        return subj
    t = subj.head
    for _ in range(8):
        if t.head.i == t.i:
            break
        t = t.head
        for child in t.children:
            if (
                child.dep_ in SUBJECT_DEPS
                and child.pos_ in ("PROPN", "NOUN")
                and child.ent_type_ != "PERSON"
            ):
                return child
    return subj


def resolve_relative(subj: Token) -> Token:
    """A relative pronoun subject stands for the noun its clause modifies."""
    if subj.lower_ in function_words()["relative_pronouns"] and subj.head.dep_ in ("relcl", "acl"):
        return subj.head.head
    return subj


def governing_chain(tok: Token, limit: int = 4) -> list[Token]:
    """Verbs above the trigger through complement clauses (nearest first)."""
    out, t = [], tok
    for _ in range(limit):
        if t.dep_ not in INHERIT_DEPS or t.head.i == t.i:
            break
        t = t.head
        out.append(t)
    return out


def clause_verb(tok: Token) -> Token:
    """A noun trigger that is the subject of a verb ("an airstrike hit"), or the object of a
    light verb ("held talks"), takes that verb's clause."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in NOUN_CLAUSE_ROLES:
        return tok
    if tok.dep_ in ("dobj", "attr") and (
        tok.head.lemma_.lower() not in function_words()["light_verbs"]
    ):
        return tok
    return tok.head


def first_person(tok: Token) -> bool:
    """ "we", "I", "us": a pronoun, so not "US" the country."""
    return tok.pos_ == "PRON" and tok.lower_ in function_words()["first_person"]
