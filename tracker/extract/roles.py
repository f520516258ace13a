"""Who acted and on whom: the actors of an event's source and target roles, from the
trigger's subject or agent, the owners of the measure, its objects and complements, and the
article's context (`ActorContext`) for what the sentence leaves implicit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.actors import Actor, ActorContext, actor_nouns, mentions, relocate, unplaced
from tracker.extract.detection import family
from tracker.extract.syntax import (
    INHERIT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    bounded_subtree,
    first_person,
    governing_chain,
    pronoun_antecedent,
    resolve_relative,
)
from tracker.quotes import quotations
from tracker.rules import Rule, event_types, lexicon
from tracker.tables import function_words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Roles in which "me" or "us" undergoes the act ("blamed me", "sanctions against us").
QUOTED_OBJECTS = {"dobj", "dative", "pobj", "nsubjpass"}


# Kinds of an actor named only by a common noun ("officials"), placed by the article's
# main country rather than by its own words.
NOUN_ONLY_KINDS = {"group", "unknown"}


# Modifiers that name whose a thing is: "U.S. pressure", "Washington's decision".
OWNER_DEPS = {"compound", "poss", "amod", "nmod"}


STATE_KINDS = {"country", "government", "military"}


AGENT_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


# Types with no target role: a country named beside them is where the act happened.
PLACE_IS_AGENT = {"ELECTION", "ASSUME_POWER"}


def subject_token(tok: Token) -> Token | None:
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
                subj = resolve_relative(child)
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
                return resolve_relative(controller[0])
        sender = _sender(t)
        t = sender if sender is not None else t.head
        if t.ent_type_ in AGENT_LABELS and t.pos_ == "PROPN":
            return t  # "Baka, in talks in Washington with the IMF, ...": Baka talks
    return bound


def _sender(participle: Token) -> Token | None:
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


def _stray_agent(verb: Token) -> Token | None:
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


def _agent_fits(rule: Rule, tok: Token, sources: list[Actor]) -> bool:
    """Whether the subject is the kind of actor the rule needs (see triggers.toml)."""
    if rule.agent in (None, "beneficiary"):
        return True
    if rule.agent in ("any", "object"):
        return bool(sources)
    subj = subject_token(tok)
    if subj is None:
        return any(a.kind in STATE_KINDS for a in sources)
    subj = _maker(subj)
    head = subj.text
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


def _sources(tok: Token, ctx: ActorContext) -> list[Actor]:
    """Who acted: the subject's actors; "it"/"they" stand for the subject of a clause
    above that names a thing (see `pronoun_antecedent`), else for whoever acted last."""
    subj = subject_token(tok)
    if subj is None:
        return []
    subj = _maker(subj)
    if subj.lower_ in function_words()["collective_pronouns"]:
        antecedent = pronoun_antecedent(subj)
        named = mentions(bounded_subtree(antecedent), ctx) if antecedent is not subj else []
        return named or list(ctx.last_collective)
    if first_person(subj):
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


def _maker(subj: Token) -> Token:
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


def _abstract(subj: Token) -> bool:
    """A subject headed by a common noun that names no actor ("the lack of coverage"): the
    actors inside its prepositional phrases are not the ones acting."""
    return (
        subj.pos_ == "NOUN"
        and not subj.ent_type_
        and subj.lemma_.lower() not in actor_nouns()
        and subj.lemma_.lower() not in function_words()["role_nouns"]
    )


def _speaker(pronoun: Token) -> Token | None:
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


def _quoted_objects(region: list[Token], ctx: ActorContext) -> list[Actor]:
    """ "me" or "us" as the object of an act told in a quote is its speaker ("“Putin
    publicly blamed me for the outpouring of outrage,” Clinton said")."""
    speakers = [_speaker(t) for t in region if first_person(t) and t.dep_ in QUOTED_OBJECTS]
    return [a for s in speakers if s is not None for a in mentions(bounded_subtree(s), ctx)]


def _reporting_subject(sent: Span, quoted: set[int]) -> Token | None:
    """The subject of `sent`'s root when the root is a verb of saying and its subject is
    no first-person pronoun and lies outside the quotation (token indexes `quoted`)."""
    root = sent.root
    if root.lemma_.lower() not in function_words()["speech_verbs"]:
        return None
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS and c.i not in quoted]
    if not subjects or first_person(subjects[0]):
        return None
    return subjects[0]


def _measure_owners(region: list[Token]) -> list[Token]:
    """The words naming whose measures they are: "U.S." in "the U.S. sanctions", "EU's" in
    "the EU's embargo", "the U.S. Treasury" in "sanctions by the U.S. Treasury". They name
    the imposer, never the target; a modifier that gives the measures' subject matter
    ("North Korea-related sanctions") is no owner."""
    measures = lexicon().classes["strict_sanction"]
    words = function_words()
    owners: list[Token] = []
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


def _announcer(noun: Token, rule: Rule, ctx: ActorContext) -> list[Actor]:
    """Whose a measure taking effect is, when no one owns it in its own words: who
    announced it, the subject of a clause above ("Trump announced that tariffs on Chinese
    goods would take effect Sept. 1")."""
    if not rule.predicate:
        return []
    return next(
        (found for verb in governing_chain(noun.head) if (found := _sources(verb, ctx))), []
    )


def _reasons(region: list[Token]) -> set[int]:
    """Tokens of the phrases that give the act's reason ("sanctions on Russia over its
    annexation of Crimea from Ukraine"): who is named there is whom the act is aimed at
    only when no one else is ("sanctions over Russia's annexation of Crimea")."""
    preps = function_words()["reason_prepositions"]
    return {t.i for p in region if p.dep_ == "prep" and p.lower_ in preps for t in p.subtree}


def event_roles(
    tok: Token, rule: Rule, region: list[Token], ctx: ActorContext
) -> tuple[list[Actor], list[Actor]] | None:
    """Sources and targets of the act; None when the rule needs an agent the sentence does
    not give."""
    owners = _measure_owners(region)
    if family(rule.type) != "SANCTION":  # "lobbied for exemptions to the EU sanctions":
        owners = []  # whose measures they are is whom a demand is of
    owned = {t.i for t in owners} | {
        t.i for c in tok.children if c.dep_ == "prep" and c.lower_ in rule.charge for t in c.subtree
    }
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
            or ([ctx.issuer] if ctx.issuer is not None and family(rule.type) == "SANCTION" else [])
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
    targets = ctx.implicit_targets(family(rule.type), targets)
    if not targets and event_types()[rule.type].names_target:
        targets = [
            a
            for a in ctx.salient_target(sources if family(rule.type) == "SANCTION" else [])
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
    if family(rule.type) != "SANCTION" or not own or not placed:
        return sources, targets
    if placed <= own and all(a.kind in NOUN_ONLY_KINDS for a in sources):
        other = ctx.salient_target(targets)
        if other and other[0].country is not None:  # always placed: a country it names
            return [relocate(a, other[0].country) for a in sources], targets
    return sources, [a for a in targets if a.country not in own]
