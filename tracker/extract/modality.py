"""Whether the act happened: asserted, planned, conditional, negated or hypothetical, from
negation, conditions, modal verbs and governing verbs ("plans to"); the type that
modality makes of an easing or an imposition (a relief offer, a threat); and the triggers
that state no act in any modality (a condition's content, a promo addressed to the
reader)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.extract.syntax import complements, governing_chain
from tracker.quotes import quotations
from tracker.rules import ModalityWords, Rule, lexicon, modality_words
from tracker.tables import function_words

if TYPE_CHECKING:
    from spacy.tokens import Token


def _has_condition(tok: Token, words: ModalityWords) -> bool:
    """An if/unless/once clause hangs off the trigger or the clause above it."""
    for t in (tok, *governing_chain(tok, 2)):
        for child in t.children:
            if child.dep_ == "advcl" and _conditional_mark(child, words, words.conditional_marks):
                return True
        if t.dep_ == "advcl" and _conditional_mark(t, words, words.conditional_marks):
            return True
    return False


def _conditional_mark(clause: Token, words: ModalityWords, marks: frozenset[str]) -> bool:
    """The clause opens with one of these subordinators of condition, not "as if" or "even
    if", nor "once" told in the past of a past act (a time: "once the UN lifted the
    embargo, trade resumed"; but "prepared to lift them once he had evidence" is one)."""
    doc = clause.doc
    return any(
        m.dep_ == "mark"
        and m.lower_ in marks
        and not (m.i > 0 and doc[m.i - 1].lower_ in words.unconditional_prefixes)
        and not (
            m.lower_ in words.past_temporal_marks
            and clause.tag_ == "VBD"
            and clause.head.tag_ == "VBD"
        )
        for m in clause.children
    )


def in_condition(tok: Token) -> bool:
    """Whether the trigger lies inside a condition ("Russia will face sanctions if the army
    launches an offensive", "unless Tehran frees the sailors"): the condition says what would
    have to happen for another act; it states no act of its own, in any modality."""
    words = modality_words()
    t = tok
    while True:
        if t.dep_ == "advcl" and _conditional_mark(t, words, words.condition_content_marks):
            return True
        if t.head.i == t.i:
            return False
        t = t.head


def addressed_to_reader(tok: Token) -> bool:
    """Whether the act is done to the reader outside any quotation ("Our Live Briefing
    gives you the latest on military aid to Ukraine"): site text around the article, a
    promo, not a reported act. Inside quotes "you" is whom the speaker addresses ("“We
    will send you weapons,” he told Zelensky")."""
    words = modality_words()
    readers = [t for t in (*tok.children, *complements(tok)) if t.lower_ in words.reader_words]
    if not readers:
        return False
    quoted = quotations(tok.doc.text)
    return any(not any(start <= t.idx < end for start, end in quoted) for t in readers)


# No trigger rule: the modality of a clause that states no act of ours ("will recover").
ANY_CLAUSE = Rule.bare("OTHER_POLICY")


def background_state(tok: Token, dated: bool) -> bool:
    """Whether the trigger only describes the state of property named in an act not (yet)
    done: a passive clause on an asset noun (triggers.toml class `asset`: funds, assets,
    accounts), with no date of its own, whose noun belongs to a planned, hoped-for or
    conditional act ("Venezuela will recover funds that were frozen
    by U.S. banks", "Iran wants to recover assets frozen by South Korean banks"). It tells
    what the thing is, not that anyone acted; GUIDELINES: background descriptions are no
    events."""
    if dated or tok.dep_ not in ("relcl", "acl") or tok.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.head.lemma_.lower() not in lexicon().classes["asset"]:
        return False  # "challenge duties imposed by the EU": the duties are an act (gold)
    passive = tok.tag_ == "VBN" and (
        tok.dep_ == "acl" or any(c.dep_ == "auxpass" for c in tok.children)
    )
    if not passive:
        return False
    verb = tok.head  # up the noun phrase ("billions of dollars in assets") to its verb
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb.pos_ in ("VERB", "AUX") and modality(verb, ANY_CLAUSE) != "asserted"


def nothing_happened(tok: Token, dated: bool) -> bool:
    """Whether the trigger states no act in any modality: it lies inside a condition, it is
    done to the reader (a promo), or it only describes the state of what a future act is
    about. `dated`: a date attaches to the trigger's own clause."""
    return in_condition(tok) or addressed_to_reader(tok) or background_state(tok, dated)


def modality(tok: Token, rule: Rule) -> str:
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


def _noun_mood(verb: Token, words: ModalityWords) -> str | None:
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


def _governor_mood(verb: Token, words: ModalityWords) -> str | None:
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


def type_and_modality(tok: Token, rule: Rule) -> tuple[str, str]:
    """The rule's type, refined by modality as GUIDELINES.md says: an easing offered, on a
    condition or outright ("offered to ease sanctions"), is a relief offer; an imposition
    on a condition, one a party says it would bring, or one it threatens, is a threat."""
    mood = modality(tok, rule)
    words = modality_words()
    if rule.type == "SANCTION_EASE" and (
        mood in ("conditional", "hypothetical")
        or (
            mood == "asserted"
            and any(t.lemma_.lower() in words.offer_governors for t in governing_chain(tok))
        )
    ):
        return "SANCTION_RELIEF_OFFER", "conditional"
    if rule.type == "SANCTION_RELIEF_OFFER":
        return rule.type, "conditional"
    if rule.type == "SANCTION_IMPOSE" and (
        mood == "conditional"
        or any(c.dep_ == "aux" and c.lower_ in words.threat_aux for c in tok.children)
        or any(t.lemma_.lower() in words.threat_governors for t in governing_chain(tok))
    ):
        return "SANCTION_THREATEN", "asserted"
    return rule.type, mood
