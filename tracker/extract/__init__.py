"""Events from parsed sentences: trigger, type, actors in roles, date, modality, quantity.

A rule from `data/triggers.toml` fires on a verb or noun; the dependency parse then gives
the source (the trigger's subject, or its agent in the passive), the targets (its objects
and prepositional complements), the date (the temporal expression attached to the trigger's
own clause, else the clause that reports it, else the publication date) and the modality
(negation, conditions, modal verbs and governing verbs such as "plans to"). A trigger
inside a condition, addressed to the reader or only describing what a future act is about
states no act at all; a running total ("has slapped more than 40 officials") no date.

`extract` runs the steps in order, one module each: `syntax` (parse helpers they share),
`detection` (which triggers fire), `roles` (sources and targets), `modality`, `dating`,
`quantities`, `summaries`, then `merging` (one event per act within the article).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tracker.actors import Actor, ActorContext, issuer, law_acronyms, remember_people
from tracker.confidence import confidence
from tracker.detect import detector
from tracker.extract.dating import (
    after_publication,
    attached_timexes,
    event_date,
    event_timex,
    running_total,
)
from tracker.extract.detection import detected_rules, no_act, rule_for, states_nothing
from tracker.extract.merging import merge_repeats
from tracker.extract.modality import nothing_happened, type_and_modality
from tracker.extract.quantities import instrument, quantity
from tracker.extract.roles import event_roles
from tracker.extract.summaries import summary
from tracker.extract.syntax import (
    PAST_TAGS,
    SUBJECT_DEPS,
    bounded_subtree,
    clause_verb,
    complements,
    governing_chain,
    pronoun_antecedent,
)
from tracker.records import Article, Event, EventActor, Timex
from tracker.rules import Rule, event_types, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

EXTRACTOR_VERSION = "2.2.0"


# Readings the evidence barely supports (a bare noun, no one named as acting, a bare verb
# with no object) are not emitted. Out of fold (benchmarks/crossval.py, 1,271 articles), a
# floor of 0.6 / 0.7 / 0.8 gives full F1 0.256 / 0.279 / 0.267, type F1 0.613 / 0.612 / 0.578.
MIN_EVIDENCE = 0.7


# A wire dateline opening a paragraph: "HARARE, Zimbabwe (Reuters) -", "WASHINGTON, March 26 -".
DATELINE = re.compile(
    r"\s*[A-Z][A-Z .,/'-]{2,}(?:,[\w .]+)?\s*(?:\([\w .]+\))?\s*[-\u2013\u2014]+\s"
)


def _event_id(article_id: str, sentence_index: int, tok: Token, event_type: str) -> str:
    raw = f"{article_id}\x1f{sentence_index}\x1f{tok.idx}:{tok.idx + len(tok)}\x1f{event_type}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def _evidence(
    rule: Rule,
    tok: Token,
    explicit_source: bool,
    targets: list[Actor],
    timex: Timex | None,
    detected: bool,
) -> float:
    """How well the sentence supports the reading: a verb (or a noun a rule takes only as a
    light verb's object, "lodged accusations") over a noun, a rule's required object found
    or the learned detector sure of the type (`detected`), someone named as acting, a
    target, a date. It ranks readings for the MIN_EVIDENCE floor; the stored confidence is
    tracker.confidence's calibrated one."""
    score = 0.45 if tok.pos_ in ("NOUN", "PROPN") and not rule.light_verb else 0.55
    score += 0.15 if rule.requires is not None or detected else 0.0
    score += 0.15 if explicit_source else -0.15
    score += 0.05 if targets else 0.0
    score += 0.05 if timex is not None else 0.0
    return round(max(0.05, min(0.95, score)), 2)


def sentence_events(
    sent: Span,
    article: Article,
    sentence_index: int,
    offset: int,
    dates: dict[int, list[Timex]],
    ctx: ActorContext,
) -> list[Event]:
    """All events one sentence states."""
    if states_nothing(sent):
        return []
    lex = lexicon()
    rules: dict[int, Rule] = {}
    for tok in sent:
        rule = rule_for(tok, lex)
        if rule is not None:
            rules[tok.i] = rule
    rules, added = detected_rules(sent, rules)
    scores = detector().scores(sent.text)
    fired = {i: rule.type for i, rule in rules.items()}  # detected triggers suppress none
    rules.update(added)
    events = []
    lemmas = {t.lemma_.lower() for t in sent}
    for i, rule in rules.items():
        tok = sent.doc[i]
        if no_act(tok, rule, fired) or nothing_happened(tok, bool(dates.get(tok.i))):
            continue
        region = complements(tok)
        if tok.dep_ in ("nsubj", "nsubjpass") and clause_verb(tok).i != tok.i:
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
                for t in bounded_subtree(pronoun_antecedent(s))
            ]
        roles = event_roles(tok, rule, region, ctx)
        if roles is None:
            continue
        sources, targets = roles
        event_type, mood = type_and_modality(tok, rule)
        if event_type != rule.type:
            # an offer to ease or a threat to impose is dated by the offer or the threat,
            # not by when the easing or the imposition would come
            timex = next((dates[t.i][0] for t in governing_chain(tok) if dates.get(t.i)), None)
        else:
            timex = event_timex(tok, dates)
        when, precision, date_text, date_source = event_date(
            timex, article, mood == "asserted" and running_total(tok)
        )
        if (
            mood == "asserted"
            and clause_verb(tok).tag_ not in PAST_TAGS
            and after_publication(when, precision, article.published)
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
                trigger_is_root=tok.dep_ == "ROOT",
                actors=actors,
                evidence=_evidence(
                    rule,
                    tok,
                    bool(sources),
                    [a for a in targets if a.text],
                    timex,
                    scores.get(event_type, 0.0) >= detector().thresholds["sure"],
                ),
            )
        )
    return events


def extract(
    article: Article, docs: Sequence[tuple[int, Doc]], timexes: Sequence[Timex]
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
