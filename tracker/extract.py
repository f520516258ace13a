"""Events from parsed sentences: trigger, type, actors in roles, date, modality, quantity.

A rule from `data/triggers.toml` fires on a verb or noun; the dependency parse then gives
the source (the trigger's subject, or its agent in the passive), the targets (its objects
and prepositional complements), the date (the temporal expression attached to the trigger's
own clause, else the clause that reports it, else the publication date) and the modality
(negation, conditions, modal verbs and governing verbs such as "plans to").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence

from lemminflect import getInflection, getLemma

from .actors import (
    CLAUSE_DEPS,
    Actor,
    ActorContext,
    actor_nouns,
    issuer,
    law_acronyms,
    mentions,
    relocate,
    remember_people,
    unplaced,
)
from .confidence import confidence
from .detect import ANY, Detector, detector
from .quotes import quotations
from .records import Article, Event, EventActor, Timex
from .rules import (
    Lexicon,
    ModalityWords,
    Rule,
    event_types,
    instrument_rows,
    lexicon,
    modality_words,
    quantity_units,
)
from .tables import function_words, past_is_base

EXTRACTOR_VERSION = "2.0.0"
# Readings the evidence barely supports (a bare noun, no one named as acting, a bare verb
# with no object) are not emitted: on the dev gold, dropping them raised full F1 from 0.47
# to 0.49.
MIN_EVIDENCE = 0.7

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
# Roles in which "me" or "us" undergoes the act ("blamed me", "sanctions against us").
QUOTED_OBJECTS = {"dobj", "dative", "pobj", "nsubjpass"}
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
# Types whose complement is the content of the act (what is demanded, eased, threatened),
# and the dependencies that lead into such a complement.
SUPPRESSING_TYPES = {
    "DEMAND",
    "ACCUSE",
    "SANCTION_THREATEN",
    "SANCTION_EASE",
    "SANCTION_RELIEF_OFFER",
}
SUPPRESSING_DEPS = {"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "advcl", "acl"}
# Kinds of an actor named only by a common noun ("officials"), placed by the article's
# main country rather than by its own words.
NOUN_ONLY_KINDS = {"group", "unknown"}
# Edges from a clause's verb to what it predicates: chained verbs, objects (a passive's
# subject among them) and complements.
PREDICATE_DEPS = ("xcomp", "dobj", "attr", "acomp", "nsubjpass")
# Clauses a verb governs as its content ("plans to lift", "decided that it would ease").
GOVERNED_CLAUSE_DEPS = {"xcomp", "ccomp"}
# Edges by which a date modifies a noun rather than the clause ("Executive Order 13574 of
# May 23, 2011", "the Oct. 11 announcement").
NOMINAL_DATE_DEPS = {"compound", "poss", "nmod", "amod", "nummod"}
PAST_TAGS = {"VBD", "VBN"}
PARTICIPLE_TAGS = {"VBN", "VBG"}
# Modifiers that name whose a thing is: "U.S. pressure", "Washington's decision".
OWNER_DEPS = {"compound", "poss", "amod", "nmod"}
# How the parser attaches a phrasal verb's particle: "stepped down" is at times an advmod.
PARTICLE_DEPS = {"prt", "prep", "advmod"}
# A wire dateline opening a paragraph: "HARARE, Zimbabwe (Reuters) -", "WASHINGTON, March 26 -".
DATELINE = re.compile(
    r"\s*[A-Z][A-Z .,/'-]{2,}(?:,[\w .]+)?\s*(?:\([\w .]+\))?\s*[-\u2013\u2014]+\s"
)
STATE_KINDS = {"country", "government", "military"}
AGENT_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
# Entities that name a body, a law, an event or a work: words inside them are the name's.
NAME_LABELS = {"ORG", "LAW", "EVENT", "FAC", "WORK_OF_ART", "PRODUCT"}
# Types with no target role: a country named beside them is where the act happened.
PLACE_IS_AGENT = {"ELECTION", "ASSUME_POWER"}

# --- syntax helpers --------------------------------------------------------------------


def bounded_subtree(tok) -> list:
    """The token's phrase: its subtree without embedded clauses (relative, complement...)."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS)
    return sorted(out, key=lambda t: t.i)


def complements(tok) -> list:
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
    out.extend(_relative_object(tok))
    return out


def _relative_object(tok) -> list:
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


def _surface_and_lemmas(tokens: Iterable) -> set[str]:
    """The tokens' lower-cased words and lemmas: what a rule's word classes are matched
    against ("sanctions" may be tagged with either)."""
    return {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}


def _reversing_prefix(tok) -> str | None:
    """The prefix the tokenizer split off with its hyphen ("de-ratifying" is "de", "-",
    "ratifying"; "anti-sanctions"), when it undoes the word (data/function_words.toml)."""
    doc = tok.doc
    if (
        tok.i < 2
        or doc[tok.i - 1].text != "-"
        or doc[tok.i - 2].whitespace_
        or doc[tok.i - 1].whitespace_
    ):
        return None
    prefix = doc[tok.i - 2].lower_
    return prefix if prefix in function_words()["reversing_prefixes"] else None


def trigger_lemma(tok) -> str | None:
    """The lemma a trigger is looked up by, with a reversing prefix written back on
    ("de-ratifying": "de-ratify"): such a word is its own trigger when the lexicon has it,
    and none otherwise, never the act it undoes."""
    lex = lexicon()
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") and lemma not in lex.verbs:
        lemma = lex.verb_forms.get(tok.lower_, lemma)  # "staged" read as "stag"
    prefix = _reversing_prefix(tok)
    if prefix is None:
        return lemma
    prefixed = f"{prefix}-{lemma}"
    return prefixed if prefixed in lex.verbs or prefixed in lex.nouns else None


def _rule_for(tok, lex: Lexicon) -> Rule | None:
    """The first rule that fits this token, or None. A verb used as an adjective
    ("punishing sanctions") or as a subject ("Imposing sanctions would ...") states no act."""
    lemma = trigger_lemma(tok)
    if lemma is None:
        return None
    if _misread_infinitive(tok):
        return None
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "csubj", "csubjpass"):
        candidates = lex.verbs.get(lemma, ())
    elif tok.pos_ in ("NOUN", "PROPN"):
        candidates = lex.nouns.get(lemma, ()) or lex.nouns.get(tok.lower_, ())
    else:
        candidates = ()
    if not candidates:
        return None
    if any(
        c.dep_ in PARTICLE_DEPS and c.i > tok.i and c.lower_ in function_words()["onward_particles"]
        for c in tok.children
    ):
        return None  # "pressing ahead with construction": going on, not an act of its own
    region = words = labels = sentence = None
    for rule in candidates:
        if rule.particle and not any(
            c.lower_ == rule.particle and c.dep_ in PARTICLE_DEPS and c.i > tok.i
            for c in tok.children
        ):
            continue
        if rule.clause and not any(_clause_fits(tok, c, rule) for c in tok.children):
            continue
        if rule.predicate and not _verb_phrases(tok) & rule.predicate:
            continue
        if rule.light_verb and not (
            tok.dep_ == "dobj" and tok.head.lemma_.lower() in function_words()["light_verbs"]
        ):
            continue  # "faced accusations", "denied the allegations": someone else's act
        if rule.rebuts and any(o.lemma_.lower() in rule.rebuts for o in _direct_objects(tok)):
            continue  # "condemned the allegations": a rebuttal, not a charge laid
        if rule.requires is not None or rule.entity is not None:
            if region is None:
                region = [t for t in complements(tok) if _reversing_prefix(t) is None]
                words = _surface_and_lemmas(
                    t
                    for t in region
                    if not _inside_name(t, tok)
                    and not _names_a_charge(t, lex)
                    and not _no_measure(t)
                )
                words |= _antecedent_words(tok, region)
                labels = {t.ent_type_ for t in region}
            if not (
                (rule.requires and words & rule.requires) or (rule.entity and rule.entity & labels)
            ):
                continue
        if rule.context is not None:
            if sentence is None:
                sentence = _surface_and_lemmas(tok.sent)
            if not sentence & rule.context:
                continue
        return rule
    return None


def _direct_objects(verb) -> list:
    """A verb's direct objects; without one, what an "as" phrase holds, where a heavy object
    went behind its description ("condemned as unacceptable allegations by Rwanda")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return objects or [
        o
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for o in c.children
        if o.dep_ == "pobj"
    ]


def _verb_phrases(noun) -> set[str]:
    """The verb phrases a noun is the subject of, by lemma: "take effect" for "the ban
    took effect", "come into force", "kick in". None for a noun in any other role, nor for
    a phrase not yet in the past inside an adverbial or relative clause ("insurers will stop
    cover after the ban takes effect"): that sets the time of another act and reports none
    (GUIDELINES: the taking effect is a second event only once it has happened)."""
    verb = noun.head
    if noun.dep_ != "nsubj" or (
        verb.tag_ not in PAST_TAGS and verb.dep_ in ("advcl", "relcl", "acl")
    ):
        return set()
    lemma = verb.lemma_.lower()
    phrases = set()
    for c in verb.children:
        if c.dep_ in ("dobj", "prt"):
            phrases.add(f"{lemma} {c.lower_}")
        elif c.dep_ == "prep":
            phrases |= {f"{lemma} {c.lower_} {o.lower_}" for o in c.children if o.dep_ == "pobj"}
    return phrases


def _names_a_charge(word, lex: Lexicon) -> bool:
    """A word that only qualifies a charge ("sanctions" in "a settlement for sanctions
    violations"): the charge is what the phrase names, not a measure taken."""
    return word.dep_ == "compound" and word.head.lemma_.lower() in lex.classes["charge"]


def _misread_infinitive(tok) -> bool:
    """A participle the parser took for an infinitive ("provided services to sanctioned
    entities" read as "to sanction entities"): "to" alone before a verb takes its base
    form, so this "to" is a preposition and the participle an adjective, stating no act.
    With "have" or "be" between them it is a perfect or passive infinitive."""
    auxiliaries = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
    return tok.tag_ in PAST_TAGS and auxiliaries == ["to"]


def _no_measure(word) -> bool:
    """A measure word that names no measure here: the first part of "duty-free" ("ended
    preferential duty-free trade treatment" ends a benefit), or a word that is a measure
    only with a determiner or modifier, standing bare ("suspended three commanders from
    duty", against "a 25 percent duty")."""
    doc = word.doc
    if word.i + 2 < len(doc) and doc[word.i + 1].text == "-" and doc[word.i + 2].lower_ == "free":
        return True
    return word.lower_ in function_words()["modified_measures"] and not any(word.children)


def _inside_name(word, trigger) -> bool:
    """A word inside a longer name that it does not head ("Tariffs" in "the General
    Agreement on Tariffs and Trade"): the name's, not a measure or an object of the act. A
    name headed by the word ("the U.S. Sanctions" tagged as an organisation), or one the
    trigger is part of (a heading: "Imposing Additional Sanctions With Respect To ..."),
    keeps it."""
    if word.ent_type_ not in NAME_LABELS:
        return False
    ent = next((e for e in word.doc.ents if e.start <= word.i < e.end), None)
    return (
        ent is not None
        and len(ent) > 1
        and ent.root.i != word.i
        and not ent.start <= trigger.i < ent.end
    )


def _antecedent_words(tok, region: list) -> set[str]:
    """What an object pronoun may stand for: the nouns earlier in the sentence ("announcing
    the sanctions, Reagan said he was prepared to lift them")."""
    if not any(
        t.pos_ == "PRON"
        and t.lower_ in function_words()["object_pronouns"]
        and t.dep_ in ("dobj", "pobj", "nsubjpass")
        for t in region
    ):
        return set()
    return {t.lemma_.lower() for t in tok.sent if t.i < tok.i and t.pos_ in ("NOUN", "PROPN")}


def _predicate_words(verb) -> list:
    """A clause's verb, the verbs it chains to and their objects, a passive's subject
    among them, with the words that qualify them ("has continued to dump chips", "was
    committing war crimes", "the hacking attacks were ordered"); not its adjuncts or
    conditions."""
    out, frontier = [], [verb]
    while frontier:
        t = frontier.pop()
        out.append(t)
        frontier.extend(
            c
            for c in t.children
            if c.dep_ in PREDICATE_DEPS or (t.pos_ == "NOUN" and c.dep_ in ("amod", "compound"))
        )
    return out


def _clause_fits(tok, child, rule: Rule) -> bool:
    """The trigger's clausal complement the rule asks for. An infinitive must have its own
    agent, named as the trigger's object ("told banks to monitor", not "wants to buy")."""
    if child.dep_ != rule.clause:
        return False
    if any(
        c.dep_ in ("mark", "advmod") and c.lower_ in modality_words().question_marks
        for c in child.children
    ):
        return False  # "told clients how to evade computer filters": no order
    if rule.clause_aux is not None and (
        not any(a.dep_ == "aux" and a.lower_ in rule.clause_aux for a in child.children)
        or any(c.dep_ in SUBJECT_DEPS and _first_person(c) for c in child.children)
    ):
        return False  # "'We must pay attention to that law,' Azzouz said": no one else asked
    if rule.clause_mood == "imperative" and (
        child.tag_ != "VB"
        or any(
            c.dep_ in SUBJECT_DEPS or (c.dep_ in ("aux", "auxpass") and c.tag_ != "VB")
            for c in child.children
        )
    ):
        return False  # "'Do not try us,' Trump told North Korea": a bare verb, no subject
    if rule.clause_mood == "subjunctive" and not _subjunctive(child):
        return False
    if rule.clause_requires is not None and not any(
        t.lemma_.lower() in rule.clause_requires or t.lower_ in rule.clause_requires
        for t in _predicate_words(child)
    ):
        return False
    if rule.clause == "xcomp":
        return any(c.dep_ in ("dobj", "obj") for c in tok.children) or any(
            c.dep_ in SUBJECT_DEPS for c in child.children
        )
    return True


def _subjunctive(verb) -> bool:
    """A finite clause in the mandative subjunctive: "that", a subject, and a bare verb
    with no auxiliary but a bare "be" ("that Israel ease restrictions", "that control be
    taken away"). Only a subject that would make the indicative differ counts, so a singular
    noun or name, not a plural or a pronoun, with a present form that does not agree with
    it (which the tagger may call VB or VBP); and a verb whose past is its base ("that
    China cut tariffs") may be the past tense the tagger misread."""
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) != 1 or subjects[0].tag_ not in ("NN", "NNP"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    bare_be = len(auxes) == 1 and auxes[0].lower_ == "be" and verb.tag_ == "VBN"
    if not bare_be and (auxes or verb.tag_ not in ("VB", "VBP")):
        return False
    return bare_be or not past_is_base(verb.lower_)


def _pronoun_antecedent(subj):
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


def _resolve_relative(subj):
    """A relative pronoun subject stands for the noun its clause modifies."""
    if subj.lower_ in function_words()["relative_pronouns"] and subj.head.dep_ in ("relcl", "acl"):
        return subj.head.head
    return subj


def subject_token(tok):
    """The token heading the trigger's agent: subject, passive agent, controller or possessor.
    A possessive pronoun on an object ("North Korea conducted its nuclear test") is bound by
    the subject of its verb; when that subject is itself a pronoun ("after it conducted its
    test"), the possessive stands, to be resolved as pronouns are."""
    t = tok
    bound = None
    skip = None
    for _ in range(6):
        for child in () if t.i == skip else t.children:
            if child.dep_ in SUBJECT_DEPS or (t.i != tok.i and child.dep_ == "nsubjpass"):
                subj = _resolve_relative(child)
                if bound is not None:
                    return bound if subj.pos_ == "PRON" else subj
                vague = subj.lower_ in function_words()["vague_subjects"]
                if (
                    not vague
                    or t.dep_ not in INHERIT_DEPS
                    or (t.dep_ == "pcomp" and subj.pos_ == "PRON" and subj.tag_ == "PRP")
                ):
                    return subj  # "over what it called abuses": "it" is no noun above
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if t.i == tok.i and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in t.children):
            stray = _stray_agent(t)
            if stray is not None:
                return stray
        if t.pos_ in ("NOUN", "PROPN"):
            for child in t.children:
                if child.dep_ == "poss" and child.pos_ == "PRON" and t.dep_ == "dobj":
                    bound = child
                elif child.dep_ == "poss" or (
                    child.dep_ in ("compound", "amod", "nmod")
                    and child.ent_type_ in ("GPE", "NORP", "ORG")
                ):
                    return child
                if child.dep_ == "prep" and (
                    child.lower_ == "by"
                    or (
                        child.lower_ == "of"
                        and t.lemma_.lower() in function_words()["intransitive_nouns"]
                    )
                ):
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:  # "a threat by Washington", "the resignation of Kim"
                        return objs[0]
        if (
            t.dep_ == "relcl"
            and t.head.pos_ in ("NOUN", "PROPN", "PRON")
            and not any(
                c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                and c.lower_ not in function_words()["relative_pronouns"]
                for c in t.children
            )
        ):
            return t.head  # "officials who imposed ...", not "Israel, where civilians were killed"
        if t.dep_ not in INHERIT_DEPS or t.head.i == t.i:
            return bound
        if (
            t.pos_ in ("NOUN", "PROPN")
            and t.dep_ == "dobj"
            and (t.head.lemma_.lower() in function_words()["reaction_verbs"])
        ):
            return bound  # "Iran dismissed the threat of sanctions": Iran made no threat
        if t.dep_ == "advcl" and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in t.children):
            return bound  # "exports would halt if sanctions were imposed": agent unsaid
        # "hoped the Japanese would end ... and that sanctions could be lifted": a passive
        # conjunct is not done by the other conjunct's subject; look above both
        if t.dep_ == "conj" and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in t.children):
            skip = t.head.i
        if t.dep_ == "acl" and t.tag_ == "VBN" and t.head.dep_ in ("dobj", "pobj"):
            return bound  # "Tehran attempts to flout the sanctions applied against it"
        if t.dep_ == "xcomp":  # "forced the EU to impose": the object does the infinitive
            controller = [c for c in t.head.children if c.dep_ in ("dobj", "dative") and c.i < t.i]
            if controller:
                return _resolve_relative(controller[0])
        sender = _sender(t)
        t = sender if sender is not None else t.head
        if t.ent_type_ in AGENT_LABELS and t.pos_ == "PROPN":
            return t  # "Baka, in talks in Washington with the IMF, ...": Baka talks
    return bound


def _sender(participle):
    """The verb that sent a message to the noun a participle hangs on, when the parser hung
    the message's participle on its addressee ("sent a private letter to Egypt's ambassador
    urging Egypt to halt": the letter urges, so its senders do); None otherwise."""
    noun, prep = participle.head, participle.head.head
    if not (
        participle.dep_ == "acl"
        and participle.tag_ == "VBG"
        and noun.dep_ == "pobj"
        and prep.lower_ == "to"
    ):
        return None
    verb = prep.head
    speech = function_words()["speech_nouns"]
    return (
        verb
        if any(c.dep_ == "dobj" and c.lemma_.lower() in speech for c in verb.children)
        else None
    )


def _stray_agent(verb):
    """The "by" phrase the parser hung inside a passive verb's complement ("has been accused
    of misusing funds by government officials"): the verb's agent when it names an actor (a
    name, or a noun of data/actor_nouns.csv), not a means ("by bombing")."""
    nouns = actor_nouns()
    for t in verb.subtree:
        if t.dep_ != "prep" or t.lower_ != "by" or t.head.i == verb.i:
            continue
        for obj in t.children:
            if obj.dep_ == "pobj" and (
                obj.ent_type_ in AGENT_LABELS or obj.lemma_.lower() in nouns
            ):
                return obj
    return None


def governing_chain(tok, limit: int = 4) -> list:
    """Verbs above the trigger through complement clauses (nearest first)."""
    out, t = [], tok
    for _ in range(limit):
        if t.dep_ not in INHERIT_DEPS or t.head.i == t.i:
            break
        t = t.head
        out.append(t)
    return out


# --- modality, date, quantity ----------------------------------------------------------


def _has_condition(tok, words: ModalityWords) -> bool:
    """An if/unless/once clause hangs off the trigger or the clause above it."""
    for t in (tok, *governing_chain(tok, 2)):
        for child in t.children:
            if child.dep_ == "advcl" and _conditional_mark(child, words):
                return True
        if t.dep_ == "advcl" and _conditional_mark(t, words):
            return True
    return False


def _conditional_mark(clause, words: ModalityWords) -> bool:
    """The clause opens with a subordinator of condition, not "as if" or "even if"."""
    doc = clause.doc
    return any(
        m.dep_ == "mark"
        and m.lower_ in words.conditional_marks
        and not (m.i > 0 and doc[m.i - 1].lower_ in words.unconditional_prefixes)
        for m in clause.children
    )


def _asked(tok) -> bool:
    """The trigger's clause, or a clause it is coordinated with, is an indirect question
    ("whether he wants a deal and if the tariffs will ever be removed")."""
    marks = modality_words().question_marks
    t = tok
    while True:
        if any(c.dep_ == "mark" and c.lower_ in marks for c in t.children):
            return True
        if t.dep_ != "conj" or t.head.i == t.i:
            return False
        t = t.head


def _denied(tok) -> bool:
    """The trigger's own clause says the act did not, will not or no longer happens ("we
    are not holding talks", "he would not declare martial law", "it can no longer attack"):
    no act. A refusal or a veto is one, and keeps its negated modality (see `modality`)."""
    words = modality_words()
    return any(
        c.dep_ == "neg"
        or (c.dep_ == "det" and c.lower_ in words.negation)
        or (
            c.dep_ == "advmod"
            and c.lower_ in words.ceasing_adverbs
            and any(g.dep_ == "neg" for g in c.children)
        )
        for c in tok.children
    )


def modality(tok, rule: Rule) -> str:
    """asserted / planned / conditional / negated / hypothetical, from the trigger's clause."""
    if rule.modality:
        return rule.modality
    words = modality_words()
    conditional = _has_condition(tok, words)
    below = None
    for t in (tok, *governing_chain(tok)):
        # a verb the trigger is coordinated with is a sibling act, not a governor: "has
        # threatened action ... and called on Beijing" calls; its auxiliaries are shared
        sibling = below is not None and below.dep_ == "conj" and below.head.i == t.i
        below = t
        kids = list(t.children)
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in kids):
            return "negated"
        if t.i == tok.i and any(
            c.dep_ == "xcomp" and any(g.dep_ == "neg" for g in c.children) for c in kids
        ):
            return "negated"  # "decided not to go forward with the sanctions"
        aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
        if aux & words.hypothetical_aux:
            return "conditional" if conditional else "hypothetical"
        if aux & words.would_aux:
            return "conditional" if conditional else "planned"
        if aux & words.planned_aux:
            return "conditional" if conditional else "planned"
        gov = None if sibling else _governor_mood(t, words)
        if gov and (t.i != tok.i or _own_mood(gov, rule)):
            return gov
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "conj"):
            if t.dep_ == "pcomp" and t.head.dep_ == "prep":  # "held off on imposing tariffs"
                gov = _governor_mood(t.head.head, words)
                if gov:
                    return gov
                if (
                    t.head.head.pos_ == "NOUN"
                    and t.head.lower_ in function_words()["topic_prepositions"]
                ):
                    return "hypothetical"  # "an agreement on expanding the sanctions list"
            gov = _noun_mood(t, words)
            if gov:
                return gov
            break
    return "conditional" if conditional else "asserted"


def _own_mood(mood: str, rule: Rule) -> bool:
    """Whether a trigger that is itself a governing verb sets its own act's modality: one
    that plans or weighs the act does ("is considering sanctions", "seeks waivers"), one
    that undoes its complement is the act itself ("prohibited imports", "blocked aid"), and
    a threat is asserted (GUIDELINES: "A threat is its own type, asserted")."""
    return mood in ("planned", "hypothetical") and rule.type != "SANCTION_THREATEN"


def _noun_mood(verb, words: ModalityWords) -> str | None:
    """The modality that reaches an infinitive through the noun it completes: the noun's
    own ("announced plans to slap tariffs": planned), or that of the verb governing the
    noun when it undoes it ("dropped plans to impose", "waived its right to impose":
    negated, and "barring a deal to relax sanctions"), or a "no" on the noun ("announced no
    plans to introduce a resolution to reimpose sanctions"), up through nouns completed in
    turn. The parser may call the infinitive a relative clause ("a deal to relax") or an
    adverbial one hung on the verb whose object the noun is ("vetoed a resolution to
    impose sanctions")."""
    for _ in range(3):
        noun = verb.head
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if verb.dep_ == "advcl" and to:  # "vetoed a resolution to impose": read as its noun's
            noun = next(
                (c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), verb.head
            )
        infinitive = verb.dep_ == "acl" or (verb.dep_ in ("relcl", "advcl") and to)
        if not infinitive or noun.pos_ != "NOUN":
            return None
        if any(c.dep_ == "det" and c.lower_ in words.negation for c in noun.children):
            return "negated"
        above = (
            _governor_mood(noun.head, words) if noun.dep_ in ("dobj", "nsubjpass", "pobj") else None
        )
        if above == "negated":
            return above
        own = words.governors.get(noun.lemma_.lower()) or above
        if own:
            return own
        verb = noun.head
    return None


def _governor_mood(verb, words: ModalityWords) -> str | None:
    """The modality a governing verb gives its complement, by lemma or phrasal verb, else
    by its surface form where the lemmatizer misreads it ("he hoped to lift": "hop")."""
    phrasal = [f"{verb.lemma_.lower()} {c.lower_}" for c in verb.children if c.dep_ == "prt"]
    return next(
        (words.governors[p] for p in phrasal if p in words.governors),
        words.governors.get(verb.lemma_.lower())
        or (
            words.governors.get(words.governor_lemmas.get(verb.lower_, ""))
            if verb.pos_ in ("VERB", "AUX")
            else None
        ),
    )


def _timex_anchor(doc, tx: Timex, offset: int):
    """The token a timex attaches to: the nearest verb above it, or the noun it modifies
    ("the order of May 23", "the Oct. 11 announcement") when that noun is a trigger or
    the date is plainly the noun's own."""
    span = doc.char_span(tx.start - offset, tx.end - offset, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    t = span.root
    for _ in range(8):
        if t.head.i == t.i:
            return t
        parent = t.head
        if (
            parent.pos_ in ("VERB", "AUX")
            or parent.lemma_.lower() in lexicon().nouns
            or parent.lower_ in lexicon().nouns
        ):
            return parent
        if parent.pos_ in ("NOUN", "PROPN", "NUM") and (  # "Orders 13574 of May 23, 2011"
            t.dep_ in NOMINAL_DATE_DEPS or (t.dep_ == "prep" and t.lower_ == "of")
        ):
            return parent
        t = parent
    return t


def _dates_the_act(tx: Timex) -> bool:
    """A calendar date, or one that needs an anchor the article lacks ("XXXX-02");
    durations, sets and vague references ("recently") date nothing."""
    return tx.date is not None or (tx.type in ("DATE", "TIME") and "X" in tx.value[:4])


def attached_timexes(doc, timexes: Sequence[Timex], offset: int) -> dict[int, list[Timex]]:
    """Token index -> the dated timexes attached to that token's clause."""
    out: dict[int, list[Timex]] = {}
    for tx in timexes:
        if not _dates_the_act(tx):
            continue
        anchor = _timex_anchor(doc, tx, offset)
        if anchor is not None:
            out.setdefault(anchor.i, []).append(tx)
        for clause in _when_clauses(doc, tx, offset):
            out.setdefault(clause.i, []).append(tx)
    return out


def _when_clauses(doc, tx: Timex, offset: int) -> list:
    """Verbs of "when" clauses that hang off the date itself ("since 1988, when the United
    States first imposed them"): the date is theirs."""
    span = doc.char_span(tx.start - offset, tx.end - offset, alignment_mode="expand")
    if span is None:
        return []
    return [
        c
        for t in span
        for c in t.children
        if c.dep_ == "relcl" and any(m.lower_ == "when" for m in c.children)
    ]


def _predicate(tok):
    """A noun trigger that is the subject of a verb ("an airstrike hit"), or the object of a
    light verb ("held talks"), takes that verb's clause."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in NOUN_CLAUSE_ROLES:
        return tok
    if tok.dep_ in ("dobj", "attr") and (
        tok.head.lemma_.lower() not in function_words()["light_verbs"]
    ):
        return tok
    return tok.head


def event_timex(tok, dates: dict[int, list[Timex]]) -> Timex | None:
    """The date of the act: its own clause first, then the clauses that report it."""
    found = dates.get(tok.i)
    if found:
        return min(found, key=lambda x: abs(x.start - tok.idx))
    tok = _predicate(tok)
    for t in tok.children:  # "imposed the measures and withdrew MFN status in 1982"
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and dates.get(t.i):
            return dates[t.i][0]
        if t.dep_ == "prep" and t.lower_ in function_words()["during_prepositions"]:
            # "took power in a 1962 coup", "accused ..., in a statement published Oct. 25":
            # the date of the occasion named is the act's
            occasions = [
                o
                for obj in t.children
                if obj.dep_ == "pobj"
                for o in (obj, *(c for c in obj.children if c.dep_ == "acl"))
            ]
            dated = [o for o in occasions if dates.get(o.i)]
            if dated:
                return dates[dated[0].i][0]
    for t in (tok, *governing_chain(tok)):
        if t.i != tok.i and t.lemma_.lower() in function_words()["reaction_verbs"]:
            break
        if t.dep_ == "prep" and t.lower_ in function_words()["reason_prepositions"]:
            break  # "will discuss sanctions on Friday over its crackdown": the cause came first
        found = dates.get(t.i)
        if found:
            return min(found, key=lambda x: abs(x.start - tok.idx))
        if t.i != tok.i and t.dep_ == "relcl":
            break
    return None


def _number(tok) -> float | None:
    text = tok.text.replace(",", "").lstrip("$")
    try:
        return float(text)
    except ValueError:
        return None


def quantity(tokens) -> tuple[float | None, str | None]:
    """The first count in the complements: "more than 65" -> (65, "more than 65")."""
    units = quantity_units()
    for tok in tokens:
        if not tok.like_num or tok.ent_type_ in ("DATE", "TIME", "PERCENT", "ORDINAL"):
            continue
        value = _number(tok)
        if value is None:
            continue
        words = [tok] + [
            t for c in tok.children if c.dep_ in ("quantmod", "advmod", "amod") for t in c.subtree
        ]
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ in units:
            value *= units[nxt.lower_]
            words.append(nxt)
        span = tok.doc[min(t.i for t in words) : max(t.i for t in words) + 1]
        return value, span.text
    return None, None


def instrument(sentence_lemmas: set[str], event_type: str) -> str | None:
    """The sanctions instrument named in the sentence, for SANCTION_* types."""
    if not event_type.startswith("SANCTION"):
        return None
    for name, lemmas in instrument_rows():
        if lemmas <= sentence_lemmas:
            return name
    return "other"


# --- events ----------------------------------------------------------------------------


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
    tok,
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


def _spaced(tokens: Iterable) -> str:
    """Tokens as the text spaces them ("Myanmar's", "two-decade-long"), on one line."""
    return " ".join("".join(t.text_with_ws for t in tokens).split())


def _names(actors: Iterable[Actor]) -> str:
    names = [a.name for a in actors]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _event_id(article_id: str, sentence_index: int, tok, event_type: str) -> str:
    raw = f"{article_id}\x1f{sentence_index}\x1f{tok.idx}:{tok.idx + len(tok)}\x1f{event_type}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def _agent_fits(rule: Rule, tok, sources: list[Actor]) -> bool:
    """Whether the subject is the kind of actor the rule needs (see triggers.toml)."""
    if rule.agent in (None, "beneficiary"):
        return True
    if rule.agent in ("any", "object"):
        return bool(sources)
    subj = subject_token(tok)
    subj = _maker(subj) if subj is not None else None
    head = subj.text if subj is not None else ""
    return any(
        a.kind in STATE_KINDS
        and (
            not head
            or head in a.text
            or a.text in head
            or subj.lower_ in function_words()["collective_pronouns"]
        )
        for a in sources
    )


def _family(event_type: str) -> str:
    """Types that share implicit targets within an article: all sanctions types are one."""
    return "SANCTION" if event_type.startswith("SANCTION") else event_type


def _suppressed(tok, fired: dict[int, str]) -> bool:
    """A trigger that is part of another event's content is not an event of its own:
    the demand, accusation or threat it is the object of ("urged Washington to impose
    sanctions"), the easing it names ("relief from punishing sanctions"), or a relative
    clause describing a participant ("officers who recognize Guaidó"). Coordinated acts
    ("called it ethnic cleansing and threatened sanctions") stay separate."""
    through_relative = False
    governed = True
    embedded = False
    t = tok
    while t.head.i != t.i:
        if (
            t.dep_ == "relcl"
            and t.head.dep_ not in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
            and t.tag_ not in PAST_TAGS
        ):
            through_relative = True  # a past act ("duties it imposed on April 17") stays
        if t.dep_ in SUPPRESSING_DEPS:
            embedded = True
        elif t.dep_ != "conj" or embedded:  # "warned Iran ... and said they would tighten
            governed = False  # restrictions on Syria": said's, not warned's
        t = t.head
        kind = fired.get(t.i)
        if kind is None:
            continue
        if through_relative or (governed and embedded and kind in SUPPRESSING_TYPES):
            return True
    return False


def _light_governor(tok, rule: Rule, fired: dict[int, str]) -> bool:
    """A verb that fires only through a word of its `requires` class found in a clause it
    governs, which holds another trigger ("plans to lift trade sanctions", "decided to
    ease sanctions"): the inner trigger states the act, in the governor's mood, and the
    governor is no act of its own. With the word its own object ("considering sanctions
    ... to increase pressure") it is; a demand, accusation or threat keeps its event."""
    if rule.requires is None or rule.type in SUPPRESSING_TYPES:
        return False
    governed = [t for c in tok.children if c.dep_ in GOVERNED_CLAUSE_DEPS for t in c.subtree]
    inner = [t for t in governed if t.i in fired]
    if not inner:
        return False
    # the clause's words, and the noun a relative clause describes when the inner trigger
    # takes it too ("a tariff that the administration had planned to impose")
    inside = {t.i for t in governed} | {x.i for t in inner for x in _relative_object(t)}
    own = _surface_and_lemmas(t for t in complements(tok) if t.i not in inside)
    return not own & rule.requires


def _sources(tok, ctx: ActorContext) -> list[Actor]:
    """Who acted: the subject's actors; "it"/"they" stand for the subject of a clause
    above that names a thing (see `_pronoun_antecedent`), else for whoever acted last."""
    subj = subject_token(tok)
    if subj is None:
        return []
    subj = _maker(subj)
    if subj.lower_ in function_words()["collective_pronouns"]:
        antecedent = _pronoun_antecedent(subj)
        named = mentions(bounded_subtree(antecedent), ctx) if antecedent is not subj else []
        return named or list(ctx.last_collective)
    if _first_person(subj):
        speaker = _speaker(subj)
        if speaker is not None:
            return mentions(bounded_subtree(speaker), ctx)
    phrase = bounded_subtree(subj)
    if subj.is_ancestor(tok):  # "Baka, in talks with the IMF, ...": not the talks' branch
        branch = {
            t.i for c in subj.children if c.is_ancestor(tok) or c.i == tok.i for t in c.subtree
        }
        phrase = [t for t in phrase if t.i not in branch]
    if _abstract(subj):  # "the lack of P&I coverage threatens ...": a thing, not an agent
        phrase = [subj] + [
            t for c in subj.children if c.dep_ in OWNER_DEPS for t in c.subtree
        ]  # but "U.S. pressure" is the U.S.'s
    return mentions(phrase, ctx) or ctx.domestic(subj)


def _maker(subj):
    """A legal instrument as subject stands for whoever makes or passes it: the subject of
    the verb it is the object of ("Congress passed a law that bans imports": Congress).
    An occasion of speech stands for whoever speaks in it: the subject of the verb it is
    the occasion of ("Trump used his toughest language in an address that lodged
    accusations": Trump). Any other subject stands for itself."""
    lemma = subj.lemma_.lower()
    if lemma in function_words()["instrument_nouns"] and subj.dep_ in ("dobj", "nsubjpass"):
        return subject_token(subj.head) or subj
    if (
        lemma in function_words()["speech_nouns"]
        and subj.dep_ == "pobj"
        and subj.head.lower_ == "in"
        and subj.head.dep_ == "prep"
    ):
        return subject_token(subj.head.head) or subj
    return subj


def _abstract(subj) -> bool:
    """A subject headed by a common noun that names no actor ("the lack of coverage"): the
    actors inside its prepositional phrases are not the ones acting."""
    return (
        subj.pos_ == "NOUN"
        and not subj.ent_type_
        and subj.lemma_.lower() not in actor_nouns()
        and subj.lemma_.lower() not in function_words()["role_nouns"]
    )


def _speaker(pronoun):
    """Who says "we" or "I" in a quote: the subject of the verb reporting it ("'We will
    consider ...,' Bolton wrote"), in the pronoun's own sentence or, in a quotation that
    runs over several sentences, in the one where it closes, else where it opens ("“We
    call on Israel to agree to a ceasefire. We are running out of time,” the rapporteurs
    said")."""
    own = _reporting_subject(pronoun.sent, {pronoun.i})
    if own is not None:
        return own
    doc = pronoun.doc
    quote = next(
        ((start, end) for start, end in quotations(doc.text) if start < pronoun.idx < end), None
    )
    if quote is None:
        return None
    inside = {t.i for t in doc if quote[0] <= t.idx < quote[1]}
    for char in (quote[1] - 1, quote[0]):
        mark = next((t for t in doc if t.idx <= char < t.idx + len(t.text)), None)
        if mark is not None and mark.sent != pronoun.sent:
            found = _reporting_subject(mark.sent, inside)
            if found is not None:
                return found
    return None


def _quoted_objects(region: list, ctx: ActorContext) -> list[Actor]:
    """ "me" or "us" as the object of an act told in a quote is its speaker ("“Putin
    publicly blamed me for the outpouring of outrage,” Clinton said")."""
    speakers = [_speaker(t) for t in region if _first_person(t) and t.dep_ in QUOTED_OBJECTS]
    return [a for s in speakers if s is not None for a in mentions(bounded_subtree(s), ctx)]


def _reporting_subject(sent, quoted: set[int]):
    """The subject of `sent`'s root when the root is a verb of saying and its subject is
    no first-person pronoun and lies outside the quotation (token indexes `quoted`)."""
    root = sent.root
    if root.lemma_.lower() not in function_words()["speech_verbs"]:
        return None
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS and c.i not in quoted]
    if not subjects or _first_person(subjects[0]):
        return None
    return subjects[0]


def _first_person(tok) -> bool:
    """ "we", "I", "us": a pronoun, so not "US" the country."""
    return tok.pos_ == "PRON" and tok.lower_ in function_words()["first_person"]


def _evidence(rule: Rule, tok, explicit_source: bool, targets: list, timex: Timex | None) -> float:
    """How well the sentence supports the reading: a verb (or a noun a rule takes only as a
    light verb's object, "lodged accusations") over a noun, a rule's required object found,
    someone named as acting, a target, a date. It ranks readings for the MIN_EVIDENCE
    floor; the stored confidence is tracker.confidence's calibrated one."""
    score = 0.45 if tok.pos_ in ("NOUN", "PROPN") and not rule.light_verb else 0.55
    score += 0.15 if rule.requires is not None else 0.0
    score += 0.15 if explicit_source else -0.15
    score += 0.05 if targets else 0.0
    score += 0.05 if timex is not None else 0.0
    return round(max(0.05, min(0.95, score)), 2)


def _measure_owners(region: list) -> list:
    """The words naming whose measures they are: "U.S." in "the U.S. sanctions", "EU's" in
    "the EU's embargo", "the U.S. Treasury" in "sanctions by the U.S. Treasury". They name
    the imposer, never the target; a modifier that gives the measures' subject matter
    ("North Korea-related sanctions") is no owner."""
    measures = lexicon().classes["strict_sanction"]
    words = function_words()
    owners = []
    for tok in region:
        if tok.lemma_.lower() not in measures and tok.lower_ not in measures:
            continue
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") and (
                c.lower_ not in words["topic_participles"]
            ):
                owners.extend(c.subtree)
            elif c.dep_ == "prep" and c.lower_ == "by":  # not "on Iran" hung below it
                owners.extend(
                    t
                    for o in c.children
                    if o.dep_ == "pobj"
                    for t in o.subtree
                    if not any(p.dep_ == "prep" and p.is_ancestor(t) for p in o.children)
                )
    return owners


def _announcer(noun, rule: Rule, ctx: ActorContext) -> list[Actor]:
    """Whose a measure taking effect is, when no one owns it in its own words: who
    announced it, the subject of a clause above ("Trump announced that tariffs on Chinese
    goods would take effect Sept. 1")."""
    if not rule.predicate:
        return []
    return next(
        (found for verb in governing_chain(noun.head) if (found := _sources(verb, ctx))), []
    )


def _reasons(region: list) -> set[int]:
    """Tokens of the phrases that give the act's reason ("sanctions on Russia over its
    annexation of Crimea from Ukraine"): who is named there is whom the act is aimed at
    only when no one else is ("sanctions over Russia's annexation of Crimea")."""
    preps = function_words()["reason_prepositions"]
    return {t.i for p in region if p.dep_ == "prep" and p.lower_ in preps for t in p.subtree}


def _measure_names(region: list) -> set[int]:
    """Tokens of a measure the tagger took for a name ("the U.S. Sanctions" as an ORG): a
    measure is what is done, never who it is done to."""
    measures = lexicon().classes["strict_sanction"]
    named: set[int] = set()
    for tok in region:
        if tok.ent_type_ and tok.lemma_.lower() in measures:
            named.update(
                i
                for ent in tok.doc.ents
                if ent.start <= tok.i < ent.end
                for i in range(ent.start, ent.end)
            )
    return named


def _roles(
    tok, rule: Rule, region: list, ctx: ActorContext
) -> tuple[list[Actor], list[Actor]] | None:
    """Sources and targets of the act; None when the rule needs an agent the sentence does
    not give."""
    owners = _measure_owners(region)
    if _family(rule.type) != "SANCTION":  # "lobbied for exemptions to the EU sanctions":
        owners = []  # whose measures they are is whom a demand is of
    owned = (
        {t.i for t in owners}
        | _measure_names(region)
        | {
            t.i
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in rule.charge
            for t in c.subtree
        }
    )
    if rule.agent == "object":  # "placing Medvedev in the presidency": the one placed acts
        sources = mentions(
            [t for c in tok.children if c.dep_ == "dobj" for t in bounded_subtree(c)], ctx
        )
        targets = []
    elif rule.agent == "beneficiary":  # the subject receives the act: the measure's owner,
        beneficiaries = _sources(tok, ctx)  # or whom it comes from, acts
        givers = [
            t
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for o in c.children
            if o.dep_ == "pobj"
            for t in bounded_subtree(o)
        ]
        sources = [a for a in mentions(owners + givers, ctx) if a not in beneficiaries]
        targets = beneficiaries
    else:
        sources = (
            _sources(tok, ctx)
            or mentions(owners, ctx)
            or _announcer(tok, rule, ctx)
            or ([ctx.issuer] if ctx.issuer is not None and _family(rule.type) == "SANCTION" else [])
        )
        reasons = _reasons(region)
        targets = [
            a
            for a in (
                mentions([t for t in region if t.i not in owned | reasons], ctx)
                or mentions([t for t in region if t.i not in owned], ctx)
            )
            + _quoted_objects(region, ctx)
            if a not in sources and all(a.name != s.name for s in sources)
        ]
    if not _agent_fits(rule, tok, sources):
        return None
    if not sources and rule.type in PLACE_IS_AGENT:
        sources, targets = targets, []  # "elections were held in Venezuela"
    sources, targets = _opposed_sides(rule, sources, targets, ctx)
    if sources:
        ctx.remember_agents(sources)
    named = bool(targets)
    if rule.target == "named" and not named:
        return None  # "Libya stopped exporting its crude": a halt, a sanction only on someone
    targets = ctx.implicit_targets(_family(rule.type), targets)
    if not targets and event_types()[rule.type].names_target:
        targets = [
            a
            for a in ctx.salient_target(sources if _family(rule.type) == "SANCTION" else [])
            if a.name not in {s.name for s in sources}
        ]
    # "urged foreign governments", "called on countries around the world to isolate
    # Pyongyang": whom the act is aimed at, in their own words; placed where this article's
    # acts aim when the sentence names no one else
    direct = [
        t
        for t in region
        if (t.head.i == tok.i or (t.head.dep_ == "prep" and t.head.head.i == tok.i))
        and not mentions(bounded_subtree(t), ctx)
    ]
    if named:
        targets = targets + unplaced(direct, None)
    else:
        targets = unplaced(direct, targets[0].country if targets else None) or targets
    return sources, targets


def _opposed_sides(
    rule: Rule, sources: list[Actor], targets: list[Actor], ctx: ActorContext
) -> tuple[list[Actor], list[Actor]]:
    """A state does not sanction itself. Targets in the acting side's own country beside
    others are who the measure is felt by, not whom it is aimed at ("lifted restrictions
    on U.S. companies' dealings with Myanmar"), and are dropped. When all targets lie
    there, one side was misplaced. An acting side named only by a common noun ("Officials
    have said the tariffs could be modified") was put in the country the article names
    most, which is here the target's; it belongs to the country the article names most
    after that one. Otherwise the targets are the misreading ("the U.S. determines ... it
    will be able to lift" read as aimed at the U.S.) and are dropped, so the article's
    usual target stands in."""
    own = {a.country for a in sources if a.country}
    placed = {a.country for a in targets if a.country}
    if _family(rule.type) != "SANCTION" or not own or not placed:
        return sources, targets
    if placed <= own and all(a.kind in NOUN_ONLY_KINDS for a in sources):
        other = ctx.salient_target(targets)
        if other:
            return [relocate(a, other[0].country) for a in sources], targets
    return sources, [a for a in targets if a.country not in own]


def _type_and_modality(tok, rule: Rule) -> tuple[str, str]:
    """The rule's type, refined by modality as GUIDELINES.md says: an easing offered on a
    condition is a relief offer; an imposition on a condition, one a party says it would
    bring, or one it threatens, is a threat."""
    mood = modality(tok, rule)
    if rule.type == "SANCTION_EASE" and mood in ("conditional", "hypothetical"):
        return "SANCTION_RELIEF_OFFER", "conditional"
    if rule.type == "SANCTION_RELIEF_OFFER":
        return rule.type, "conditional"
    words = modality_words()
    if rule.type == "SANCTION_IMPOSE" and (
        mood == "conditional"
        or any(c.dep_ == "aux" and c.lower_ in words.threat_aux for c in tok.children)
        or any(t.lemma_.lower() in words.threat_governors for t in governing_chain(tok))
    ):
        return "SANCTION_THREATEN", "asserted"
    return rule.type, mood


def _after(when: dt.date | None, precision: str | None, published: dt.date | None) -> bool:
    """Whether a date at its precision lies wholly after the publication day: an act told
    in the present tense with such a date has not happened yet (told in the past, the date
    is more likely misread than the tense)."""
    if when is None or published is None:
        return False
    if precision == "year":
        return when.year > published.year
    if precision == "month":
        return (when.year, when.month) > (published.year, published.month)
    return when > published


def _event_date(timex: Timex | None, article: Article):
    """(date, precision, date_text, date_source): the timex's, else the publication date
    (source "article"); a timex the article's missing date leaves unresolved stays None."""
    if timex is None:
        when = article.published
        return when, ("day" if when is not None else None), None, "article"
    precision = timex.precision if timex.date is not None else None
    return timex.date, precision, timex.text, timex.source


def _shouted(sent) -> bool:
    """A headline in capitals ("U.S. WEIGHS LIFTING JAPANESE TRADE CURBS"): the parser
    reads it badly, and the story's body states the same act properly."""
    letters = [c for c in sent.text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _question(sent) -> bool:
    """A question ("Will Chevron expand its operations?") asks; it states no act."""
    return sent.text.rstrip(" \"'”’)").endswith("?")


def _detected_rule(event_type: str) -> Rule:
    """The rule a detected trigger fires by: the type alone, no condition on the words."""
    return Rule(
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


def _pointed_word(sent, event_type: str, det: Detector, taken: set[int], lex: Lexicon):
    """The verb or common noun of the sentence the detector's weights point at most for
    `event_type` (positive weight only), or None. A trigger word of the lexicon is not
    pointed at: its rules have read it."""
    best, best_score = None, 0.0
    for tok in sent:
        if (
            tok.i in taken
            or tok.pos_ not in ("VERB", "NOUN")
            or tok.dep_ in ("amod", "compound")
            or trigger_lemma(tok) in lex.words
        ):
            continue
        score = det.word_score(tok.text, event_type)
        if score > best_score:
            best, best_score = tok, score
    return best


def _worded_families(sent, lex: Lexicon) -> set[str]:
    """The type families the lexicon has a trigger word for in this sentence, whether or
    not a rule's conditions held there: for those, the rules have read the sentence."""
    out = set()
    for tok in sent:
        lemma = trigger_lemma(tok)
        for rule in (
            *lex.verbs.get(lemma, ()),
            *lex.nouns.get(lemma, ()),
            *lex.nouns.get(tok.lower_, ()),
        ):
            out.add(_family(rule.type))
    return out


def detected_rules(sent, rules: dict[int, Rule]) -> tuple[dict[int, Rule], dict[int, Rule]]:
    """The sentence's trigger rules after the learned detector has judged it, and the
    triggers it adds. A rule whose type the detector gives less than its `keep` threshold is
    dropped (states described rather than acts, boilerplate). Each type the detector gives
    at least `add` whose family the lexicon has no word for in the sentence gets the word
    the detector's weights point at as trigger: acts the lexicon has no word for ("relaxed
    sanctions", "added to its Entity List"), while a word the rules read and turned down
    ("condemned as unacceptable allegations") stays turned down."""
    det = detector()
    scores = det.scores(sent.text)
    keep, add = det.thresholds["keep"], det.thresholds["add"]
    kept = {i: rule for i, rule in rules.items() if scores.get(rule.type, 0.0) >= keep}
    lex = lexicon()
    worded = _worded_families(sent, lex)
    added: dict[int, Rule] = {}
    for event_type, p in scores.items():
        if event_type == ANY or p < add or _family(event_type) in worded:
            continue
        tok = _pointed_word(sent, event_type, det, set(kept) | set(added), lex)
        if tok is not None:
            added[tok.i] = _detected_rule(event_type)
    return kept, added


def sentence_events(
    sent,
    article: Article,
    sentence_index: int,
    offset: int,
    dates: dict[int, list[Timex]],
    ctx: ActorContext,
) -> list[Event]:
    """All events one sentence states."""
    if _shouted(sent) or _question(sent):
        return []
    lex = lexicon()
    rules: dict[int, Rule] = {}
    for tok in sent:
        rule = _rule_for(tok, lex)
        if rule is not None:
            rules[tok.i] = rule
    rules, added = detected_rules(sent, rules)
    fired = {i: rule.type for i, rule in rules.items()}  # detected triggers suppress none
    rules.update(added)
    events = []
    lemmas = {t.lemma_.lower() for t in sent}
    for i, rule in rules.items():
        tok = sent.doc[i]
        if (
            _suppressed(tok, fired)
            or _light_governor(tok, rule, fired)
            or _asked(tok)
            or _denied(tok)
        ):
            continue
        region = complements(tok)
        if tok.dep_ in ("nsubj", "nsubjpass") and _predicate(tok).i != tok.i:
            region = region + complements(tok.head)
        # "said that X violated ...", "said the attacks were ordered by X": X is who the
        # act is aimed at
        if rule.clause:
            region = region + [
                t
                for c in tok.children
                if c.dep_ == rule.clause
                for s in c.children
                if s.dep_ in SUBJECT_DEPS | {"agent"}
                for t in bounded_subtree(_pronoun_antecedent(s))
            ]
        roles = _roles(tok, rule, region, ctx)
        if roles is None:
            continue
        sources, targets = roles
        event_type, mood = _type_and_modality(tok, rule)
        if event_type != rule.type:
            # an offer to ease or a threat to impose is dated by the offer or the threat,
            # not by when the easing or the imposition would come
            timex = next((dates[t.i][0] for t in governing_chain(tok) if dates.get(t.i)), None)
        else:
            timex = event_timex(tok, dates)
        when, precision, date_text, date_source = _event_date(timex, article)
        if (
            mood == "asserted"
            and _predicate(tok).tag_ not in PAST_TAGS
            and _after(when, precision, article.published)
        ):
            mood = "planned"  # "the EU imposes tariffs on March 1, 2019" in a February article
        qty, qty_text = quantity(region)
        info = event_types()[event_type]
        actors = [
            EventActor(a.actor_id, "source", a.name, a.kind, a.country, a.text) for a in sources
        ]
        actors += [
            EventActor(a.actor_id, "target", a.name, a.kind, a.country, a.text) for a in targets
        ]
        events.append(
            Event(
                event_id=_event_id(article.article_id, sentence_index, tok, event_type),
                article_id=article.article_id,
                event_type=event_type,
                cameo_code=info.cameo,
                plover_type=info.plover,
                event_date=when,
                date_precision=precision,
                date_text=date_text,
                date_source=date_source,
                modality=mood,
                quantity=qty,
                quantity_text=qty_text,
                instrument=instrument(lemmas, event_type),
                summary=summary(event_type, tok, rule, sources, targets, mood),
                sentence=" ".join(
                    article.text[offset + sent.start_char : offset + sent.end_char].split()
                ),  # hard-wrapped lines joined
                sentence_index=sentence_index,
                char_start=offset + sent.start_char,
                char_end=offset + sent.end_char,
                confidence=0.0,
                extractor_version=EXTRACTOR_VERSION,
                trigger=tok.text,
                actors=actors,
                evidence=_evidence(rule, tok, bool(sources), [a for a in targets if a.text], timex),
            )
        )
    return events


def _side(event: Event, role: str) -> frozenset[str]:
    """Who is on one side, by country where known (a state speaks through many voices)."""
    return frozenset(a.country or a.name for a in event.actors if a.role == role)


def _dates_agree(a: Event, b: Event) -> bool:
    """Two mentions can be one act: one is undated (article date) or both give the same
    date at the same precision. A story that dates one act to the day and another only
    to the month ("in early November" beside "on Wednesday") is telling of two."""
    if "article" in (a.date_source, b.date_source):
        return True
    return (a.date_precision, a.event_date) == (b.date_precision, b.event_date)


def _same_act(a: Event, b: Event) -> bool:
    """Same type, same acting side, compatible targets and dates. Within one sentence a
    mention with no acting side restates the other ("the military took power ... in a 1962
    coup": the coup is the taking of power, and its date the act's)."""
    if a.event_type != b.event_type or a.modality != b.modality:
        return False
    sa, sb = _side(a, "source"), _side(b, "source")
    if sa != sb and not (a.sentence_index == b.sentence_index and not (sa and sb)):
        return False
    ta, tb = _side(a, "target"), _side(b, "target")
    if "article" in (a.date_source, b.date_source):
        # an undated mention repeats a dated act only if it names the same targets
        return not ta or not tb or ta == tb
    return (not ta or not tb or bool(ta & tb)) and _dates_agree(a, b)


def _better(a: Event, b: Event) -> Event:
    """Of two mentions of one act, the one that says when it happened, with the other's
    actors added (a later mention often names the target the first left implicit) and the
    better-attested mention's evidence."""
    keep, other = (b, a) if a.date_source == "article" and b.date_source != "article" else (a, b)
    known = {(x.role, x.actor_id) for x in keep.actors}
    keep.actors.extend(x for x in other.actors if (x.role, x.actor_id) not in known)
    keep.evidence = max(keep.evidence, other.evidence)
    return keep


def merge_repeats(events: list[Event]) -> list[Event]:
    """The same act told twice in one article is one event: keep the best-dated mention."""
    kept: list[Event] = []
    for event in events:
        for n, other in enumerate(kept):
            if _same_act(other, event):
                kept[n] = _better(other, event)
                break
        else:
            kept.append(event)
    return kept


def extract(
    article: Article, docs: Sequence[tuple[int, object]], timexes: Sequence[Timex]
) -> list[Event]:
    """Events of one article from its parsed paragraphs `(char offset, spaCy Doc)`."""
    ctx = ActorContext(issuer=issuer(article.text), documents=law_acronyms(article.text))
    ctx.count_countries(doc for _, doc in docs)
    events: list[Event] = []
    index = 0
    for offset, doc in docs:
        end = offset + len(doc.text)
        dates = attached_timexes(doc, [t for t in timexes if offset <= t.start < end], offset)
        dateline = DATELINE.match(doc.text)
        ctx.dateline_end = dateline.end() if dateline else 0
        for sent in doc.sents:
            events.extend(sentence_events(sent, article, index, offset, dates, ctx))
            remember_people(sent, ctx)
            index += 1
    kept = [e for e in merge_repeats(events) if e.evidence >= MIN_EVIDENCE]
    for event in kept:
        event.confidence = confidence(event)
    return kept
