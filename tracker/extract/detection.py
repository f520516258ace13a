"""Which triggers fire: the rule of `data/triggers.toml` that fits each word, the learned
detector's judgement of the sentence (the rules it drops, the types it adds where the
lexicon has no word), and the triggers that state no act of their own (another act's
content, a question, a denial)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.detect import ANY, Detector, detector
from tracker.extract.syntax import (
    PASSIVE_SUBJECT_DEPS,
    PAST_TAGS,
    SUBJECT_DEPS,
    complements,
    first_person,
    relative_object,
    surface_and_lemmas,
)
from tracker.rules import Lexicon, Rule, lexicon, modality_words
from tracker.tables import function_words, past_is_base

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

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


# Edges from a clause's verb to what it predicates: chained verbs, objects (a passive's
# subject among them) and complements.
PREDICATE_DEPS = ("xcomp", "dobj", "attr", "acomp", "nsubjpass")


# Clauses a verb governs as its content ("plans to lift", "decided that it would ease").
GOVERNED_CLAUSE_DEPS = {"xcomp", "ccomp"}


# How the parser attaches a phrasal verb's particle: "stepped down" is at times an advmod.
PARTICLE_DEPS = {"prt", "prep", "advmod"}


# Entities that name a body, a law, an event or a work: words inside them are the name's.
NAME_LABELS = {"ORG", "LAW", "EVENT", "FAC", "WORK_OF_ART", "PRODUCT"}


def _reversing_prefix(tok: Token) -> str | None:
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


def trigger_lemma(tok: Token) -> str | None:
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


def rule_for(tok: Token, lex: Lexicon) -> Rule | None:
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
    region: list | None = None
    words: set[str] = set()
    labels: set[str] = set()
    sentence: set[str] | None = None
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
                words = surface_and_lemmas(
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
                sentence = surface_and_lemmas(tok.sent)
            if not sentence & rule.context:
                continue
        return rule
    return None


def _direct_objects(verb: Token) -> list[Token]:
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


def _verb_phrases(noun: Token) -> set[str]:
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


def _names_a_charge(word: Token, lex: Lexicon) -> bool:
    """A word that only qualifies a charge ("sanctions" in "a settlement for sanctions
    violations"): the charge is what the phrase names, not a measure taken."""
    return word.dep_ == "compound" and word.head.lemma_.lower() in lex.classes["charge"]


def _misread_infinitive(tok: Token) -> bool:
    """A participle the parser took for an infinitive ("provided services to sanctioned
    entities" read as "to sanction entities"): "to" alone before a verb takes its base
    form, so this "to" is a preposition and the participle an adjective, stating no act.
    With "have" or "be" between them it is a perfect or passive infinitive."""
    auxiliaries = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
    return tok.tag_ in PAST_TAGS and auxiliaries == ["to"]


def _no_measure(word: Token) -> bool:
    """A measure word that names no measure here: the first part of "duty-free" ("ended
    preferential duty-free trade treatment" ends a benefit), or a word that is a measure
    only with a determiner or modifier, standing bare ("suspended three commanders from
    duty", against "a 25 percent duty")."""
    doc = word.doc
    if word.i + 2 < len(doc) and doc[word.i + 1].text == "-" and doc[word.i + 2].lower_ == "free":
        return True
    return word.lower_ in function_words()["modified_measures"] and not any(word.children)


def _inside_name(word: Token, trigger: Token) -> bool:
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


def _antecedent_words(tok: Token, region: list[Token]) -> set[str]:
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


def _predicate_words(verb: Token) -> list[Token]:
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


def _clause_fits(tok: Token, child: Token, rule: Rule) -> bool:
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
        or any(c.dep_ in SUBJECT_DEPS and first_person(c) for c in child.children)
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


def _subjunctive(verb: Token) -> bool:
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


def _asked(tok: Token) -> bool:
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


def _denied(tok: Token) -> bool:
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


def family(event_type: str) -> str:
    """Types that share implicit targets within an article: all sanctions types are one."""
    return "SANCTION" if event_type.startswith("SANCTION") else event_type


def _suppressed(tok: Token, fired: dict[int, str]) -> bool:
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


def _light_governor(tok: Token, rule: Rule, fired: dict[int, str]) -> bool:
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
    inside = {t.i for t in governed} | {x.i for t in inner for x in relative_object(t)}
    own = surface_and_lemmas(t for t in complements(tok) if t.i not in inside)
    return not own & rule.requires


def _shouted(sent: Span) -> bool:
    """A headline in capitals ("U.S. WEIGHS LIFTING JAPANESE TRADE CURBS"): the parser
    reads it badly, and the story's body states the same act properly."""
    letters = [c for c in sent.text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _question(sent: Span) -> bool:
    """A question ("Will Chevron expand its operations?") asks; it states no act."""
    return sent.text.rstrip(" \"'”’)").endswith("?")


def _pointed_word(
    sent: Span, event_type: str, det: Detector, taken: set[int], lex: Lexicon
) -> Token | None:
    """The verb or common noun of the sentence the detector's weights point at most for
    `event_type` (positive weight only), or None. A trigger word of the lexicon is not
    pointed at, even when the detector overrules the rules: its rules have read it, and a
    reading they declined on purpose ("condemned as unacceptable allegations", a ban that
    only dates another act) stays declined."""
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


def _worded_families(sent: Span, lex: Lexicon) -> set[str]:
    """The type families the lexicon has a trigger word for in this sentence, whether or
    not a rule's conditions held there: for those, the rules have read the sentence."""
    out = set()
    for tok in sent:
        lemma = trigger_lemma(tok)
        by_lemma = () if lemma is None else (*lex.verbs.get(lemma, ()), *lex.nouns.get(lemma, ()))
        for rule in (*by_lemma, *lex.nouns.get(tok.lower_, ())):
            out.add(family(rule.type))
    return out


def _read_phrases(sent: Span, event_family: str, lex: Lexicon) -> set[int]:
    """Tokens of the phrases headed by the sentence's lexicon nouns of `event_family`: the
    rules have read those phrases whole ("the EU's ban on Iranian oil" that only dates
    another act, "allegations by Rwanda that ..." condemned as unacceptable), so an
    overruling detector points elsewhere."""
    out: set[int] = set()
    for tok in sent:
        lemma = trigger_lemma(tok)
        nouns = (*lex.nouns.get(lemma, ()), *lex.nouns.get(tok.lower_, ())) if lemma else ()
        if any(family(rule.type) == event_family for rule in nouns):
            out.update(t.i for t in tok.subtree)
    return out


def detected_rules(sent: Span, rules: dict[int, Rule]) -> tuple[dict[int, Rule], dict[int, Rule]]:
    """The sentence's trigger rules after the learned detector has judged it, and the
    triggers it adds. A rule whose type the detector gives less than its `keep` threshold is
    dropped (states described rather than acts, boilerplate). Each type the detector gives
    at least `add` whose family the lexicon has no word for in the sentence gets the word
    the detector's weights point at as trigger: acts the lexicon has no word for ("relaxed
    sanctions", "added to its Entity List"), while a word the rules read and turned down
    ("condemned as unacceptable allegations") stays turned down. Where the detector gives
    a type at least `overrule` and no rule of its family fired in the sentence, it points
    at a word outside the lexicon even though the lexicon has a word of the family there
    ("The cabinet approved a stimulus package": "approve" is a sanction verb whose rule
    declines a stimulus)."""
    det = detector()
    scores = det.scores(sent.text)
    keep, add, overrule = (det.thresholds[k] for k in ("keep", "add", "overrule"))
    kept = {i: rule for i, rule in rules.items() if scores.get(rule.type, 0.0) >= keep}
    lex = lexicon()
    worded = _worded_families(sent, lex)
    fired = {family(rule.type) for rule in kept.values()}
    added: dict[int, Rule] = {}
    for event_type, p in scores.items():
        if event_type == ANY or p < add or family(event_type) in fired:
            continue
        taken = set(kept) | set(added)
        if family(event_type) in worded:
            if p < overrule:
                continue
            taken |= _read_phrases(sent, family(event_type), lex)
        tok = _pointed_word(sent, event_type, det, taken, lex)
        if tok is not None:
            added[tok.i] = Rule.bare(event_type)
    return kept, added


def states_nothing(sent: Span) -> bool:
    """A sentence that states no act however its words read: a headline in capitals, or a
    question."""
    return _shouted(sent) or _question(sent)


def no_act(tok: Token, rule: Rule, fired: dict[int, str]) -> bool:
    """A trigger that states no act of its own: part of another event's content (see
    `_suppressed`), a verb that only governs the act (`_light_governor`), asked about, or
    denied. `fired` maps the sentence's rule triggers to their types."""
    return (
        _suppressed(tok, fired) or _light_governor(tok, rule, fired) or _asked(tok) or _denied(tok)
    )
