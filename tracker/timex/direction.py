"""Read the direction (past or future) that a sentence gives a temporal expression.

"said on Monday" is past, "will meet Monday" future. The clause before the expression
decides first: a phrase right before it ("as early as Tuesday"), then "since", a modal
("will", "would") anywhere in that clause, a pluperfect "had", then the nearest cue word
(word list [cue] in timex_words.toml, where a present-tense verb of a scheduled act,
"meet", "arrives", counts as future); a word ending in "-ed" counts as a past-tense verb.
When that clause gives no cue and the expression opens it, the governing verb comes after
the expression ("On Tuesday, the league plans to hold ...", "In January, the company
brought in ..."), so the main clause after it is read. No parser: this runs on every
expression of every article.
"""

from __future__ import annotations

import re

from tracker.timex.tables import Tables

_LOOKBACK = 160
_LOOKAHEAD = 160
# At most this many words ("late on", "Inpex on") before an expression that opens its
# clause; only such a fronted expression takes its direction from the clause after it.
_FRONTED_WORDS = 2
# Words before a possessive day ("ahead of Wednesday's") that may look forward to it.
_POSSESSIVE_REACH = 3
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z\"'“`])|\n\s*\n")
_CLAUSE_END = re.compile(r"[,;:()\u2013\u2014]")
_WORD = re.compile(r"[A-Za-z']+")


def _clause_before(text: str, start: int) -> str:
    """The part of the clause that precedes `start`: back to the sentence start or the last
    comma, colon or dash (at most _LOOKBACK characters). An expression that opens a
    parenthesis restates the clause around it ("will leave at 4 in the morning (4 a.m.
    Thursday)"), so that clause is read instead."""
    before = text[max(0, start - _LOOKBACK) : start]
    if before.rstrip().endswith("("):
        before = before.rstrip()[:-1]
    ends = [match.end() for match in _SENTENCE_END.finditer(before)]
    ends += [match.end() for match in _CLAUSE_END.finditer(before)]
    return before[max(ends) :] if ends else before


def _clause_after(text: str, end: int) -> str:
    """The clause that follows a fronted expression: a comma or dash right after it is
    stepped over ("On Tuesday, the league ..."), then the text up to the next clause or
    sentence boundary (at most _LOOKAHEAD characters)."""
    after = text[end : end + _LOOKAHEAD]
    lead = re.match(r"\s*(?:,|--?|\u2014)\s*", after)
    if lead:
        after = after[lead.end() :]
    ends = [match.start() for match in _SENTENCE_END.finditer(after)]
    ends += [match.start() for match in _CLAUSE_END.finditer(after)]
    return after[: min(ends)] if ends else after


def _is_infinitive(words: list[str], index: int, tables: Tables) -> bool:
    """True when words[index] is a "to" that starts a future infinitive ("is to meet",
    "plans to visit"), not a preposition ("fell to $16")."""
    heads = tables.words["infinitive_head"]
    return words[index] == "to" and index > 0 and words[index - 1] in heads


def _word_direction(
    words: list[str], index: int, tables: Tables, verb_endings: bool, finite: bool = False
) -> str | None:
    """Direction one word gives: "past", "future", "present" (a present-tense verb that
    blocks further search), or None. With `finite`, an "-ed" word is a past verb even when
    the cue list reads it as a participle ("the government planned to pay" after its
    subject). A participle after a present "is" or "be" is a passive, not a past tense
    ("when the case is heard in May")."""
    word = words[index]
    if word == "to":
        return "future" if _is_infinitive(words, index, tables) else None
    past_form = verb_endings and len(word) > 4 and word.endswith("ed")
    direction = "past" if past_form and finite else tables.words["cue"].get(word)
    if not direction and past_form:
        direction = "past"
    if direction == "past" and index > 0 and words[index - 1] in tables.words["passive_aux"]:
        return None
    return str(direction) if direction else None


def _adjacent_phrase(words: list[str], tables: Tables) -> str | None:
    """Direction of a phrase that ends right before the expression ("could come as early
    as Tuesday", "postponed until Tuesday"). A phrase that opens the clause ("Until
    Thursday, they had not ...") gives none: the main clause after it decides."""
    for phrase, direction in tables.words["cue_phrase"].items():
        parts = phrase.split()
        if len(words) > len(parts) and words[-len(parts) :] == parts:
            return str(direction)
    return None


def _governed_by_past_verb(words: list[str], tables: Tables, verb_endings: bool) -> bool:
    """A past-tense verb right before the expression's preposition governs it, whatever
    modal the clause had earlier ("would repeat the action they took on February 20")."""
    if len(words) < 2 or words[-1] not in ("on", "in", "at"):
        return False
    return _word_direction(words, len(words) - 2, tables, verb_endings, finite=True) == "past"


def _direction_before(words: list[str], tables: Tables, verb_endings: bool) -> str | None:
    """Direction the words before the expression give (see the module docstring). A limit
    ("until", a "bound" phrase) is future in a future clause and "bound" otherwise: "gave
    them until mid-November" may set a deadline after the act that set it."""
    phrase = _adjacent_phrase(words, tables)
    if phrase == "bound":
        clause = _direction_before(words[:-1], tables, verb_endings)
        return "future" if clause == "future" else phrase
    if phrase:
        return phrase
    window = words[-tables.cue_window :]
    if "since" in window:
        return "since"
    if _governed_by_past_verb(window, tables, verb_endings):
        return "past"
    if any(word in tables.words["modal"] for word in words):
        return "future"
    if any(word in tables.words["pluperfect"] for word in window):
        return "past"
    for index in range(len(window) - 1, -1, -1):
        direction = _word_direction(window, index, tables, verb_endings)
        if direction:
            return direction
    return None


def _direction_after(words: list[str], tables: Tables) -> str | None:
    """Direction the main clause after a fronted expression gives ("On Tuesday, the league
    plans to hold ..."): the first cue word or "-ed" verb, which after its subject is a
    finite past verb even when it could be a participle ("the government planned to
    pay"). The window ends where a subordinate clause starts ("In April, Haley announced
    that there would be ..." is past); a present-tense "says" or "is" gives none."""
    window = words[: tables.cue_window]
    for index, word in enumerate(window):
        if word in tables.words["subordinator"]:
            return None
        direction = _word_direction(window, index, tables, verb_endings=True, finite=True)
        if direction:
            return None if direction == "present" else direction
    return None


def cue_direction(
    text: str, start: int, tables: Tables, verb_endings: bool = True, end: int | None = None
) -> str | None:
    """ "past", "future", "since", "bound" (a limit, "until Tuesday", in a clause that is
    not future), or None when the clause gives no cue.

    The clause before `start` decides first; with `end` given, no cue before and at most
    _FRONTED_WORDS words between the clause start and the expression ("On Tuesday, ..."),
    the main clause after `end` does. With `verb_endings`, a word in "-ed" before the
    expression counts as a past-tense verb (right for weekdays, too eager for month names,
    where "paid Nov. 6" is often a future payment date).
    """
    before = [w.lower() for w in _WORD.findall(_clause_before(text, start))]
    direction = _direction_before(before, tables, verb_endings)
    if direction == "present":
        return None
    if direction or end is None or len(before) > _FRONTED_WORDS:
        return direction
    after = [w.lower() for w in _WORD.findall(_clause_after(text, end))]
    return _direction_after(after, tables)


def possessive_is_ahead(text: str, start: int, tables: Tables) -> bool:
    """True when a possessive day ("Wednesday's vote") is looked forward to by a future cue
    word just before it ("ahead of Wednesday's vote"). Such a day names an event, which news
    mostly reports after the fact, so the tense of the clause does not count ("ways to get
    around Wednesday's ruling" after "would" is still past)."""
    words = [w.lower() for w in _WORD.findall(_clause_before(text, start))]
    cues = tables.words["cue"]
    return any(cues.get(word) == "future" for word in words[-_POSSESSIVE_REACH:])
