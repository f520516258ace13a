"""When the act happened: the temporal expressions attached to each clause, the one that
dates a trigger (its own clause first, then the clauses that report it), else the
publication date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tracker.extract.syntax import bounded_subtree, clause_verb, governing_chain
from tracker.records import Article, Precision, Timex
from tracker.rules import lexicon, modality_words
from tracker.tables import function_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Edges by which a date modifies a noun rather than the clause ("Executive Order 13574 of
# May 23, 2011", "the Oct. 11 announcement").
NOMINAL_DATE_DEPS = {"compound", "poss", "nmod", "amod", "nummod"}


def _timex_anchor(doc: Doc, tx: Timex, offset: int) -> Token | None:
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


def attached_timexes(doc: Doc, timexes: Sequence[Timex], offset: int) -> dict[int, list[Timex]]:
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


def _when_clauses(doc: Doc, tx: Timex, offset: int) -> list[Token]:
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


def event_timex(tok: Token, dates: dict[int, list[Timex]]) -> Timex | None:
    """The date of the act: its own clause first, then the clauses that report it."""
    found = dates.get(tok.i)
    if found:
        return min(found, key=lambda x: abs(x.start - tok.idx))
    tok = clause_verb(tok)
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


def after_publication(
    when: dt.date | None, precision: str | None, published: dt.date | None
) -> bool:
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


def running_total(tok: Token) -> bool:
    """Whether the act is told as a running total: its clause is in the perfect and sums
    acts over time, by a summing phrase ("has so far blacklisted 150 officials") or an
    approximate count of things ("has slapped more than 40 officials with sanctions",
    "have expelled dozens of diplomats"; not "spending cuts worth about 1 percent"). Such a
    sum has no date of its own."""
    verb = clause_verb(tok)
    if not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
        return False
    words = modality_words()
    clause = bounded_subtree(verb)
    lowered = [t.lower_ for t in clause]
    if any(
        tuple(lowered[n : n + len(phrase)]) == phrase
        for phrase in words.total_phrases
        for n in range(len(lowered))
    ):
        return True
    return any(
        t.lower_ in words.total_count_nouns
        or (
            t.pos_ == "NUM"
            and t.head.tag_ in ("NNS", "NNPS")  # a count of things, not "about 1 percent"
            and any(c.lower_ in words.total_approximators for c in t.subtree if c.i != t.i)
        )
        for t in clause
    )


def event_date(
    timex: Timex | None, article: Article, total: bool = False
) -> tuple[dt.date | None, Precision | None, str | None, str]:
    """(date, precision, date_text, date_source): the timex's, else the publication date
    (source "article": the text gives none), except for a running `total`, which has no
    day of its own and stays None (source "article" still); a timex the article's missing
    date leaves unresolved stays None."""
    if timex is None and total:
        return None, None, None, "article"
    if timex is None:
        when = article.published
        return when, ("day" if when is not None else None), None, "article"
    precision = timex.precision if timex.date is not None else None
    return timex.date, precision, timex.text, timex.source
