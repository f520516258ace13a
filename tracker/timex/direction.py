"""Read the direction (past or future) that a sentence gives a temporal expression.

"said on Monday" is past, "will meet Monday" future. Cue words before the expression,
within a few words of the same clause, decide (word list [cue] in
timex_words.toml); a word ending in "-ed" counts as a past-tense verb. No parser: this runs
on every expression of every article.
"""

from __future__ import annotations

import re

from tracker.timex.tables import Tables

_LOOKBACK = 160
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z\"'“])|\n\s*\n")
_CLAUSE_END = re.compile(r"[,;:()\u2013\u2014]")
_WORD = re.compile(r"[A-Za-z']+")


def _clause_before(text: str, start: int) -> str:
    """The part of the clause that precedes `start`: back to the sentence start or the last
    comma, colon or dash (at most _LOOKBACK characters)."""
    before = text[max(0, start - _LOOKBACK) : start]
    ends = [match.end() for match in _SENTENCE_END.finditer(before)]
    ends += [match.end() for match in _CLAUSE_END.finditer(before)]
    return before[max(ends) :] if ends else before


def cue_direction(text: str, start: int, tables: Tables, verb_endings: bool = True) -> str | None:
    """ "past", "future", "since", or None when the clause gives no cue before `start`.

    "since" or a modal ("will", "would") anywhere in the window decides; otherwise the
    nearest cue word does, "to" counting as future only after a head like "plans" or "is"
    ("is to meet", not "fell to $16"). With `verb_endings`, a word in "-ed" counts as a
    past-tense verb (right for weekdays, too eager for month names, where "paid Nov. 6"
    is often a future payment date).
    """
    words = [w.lower() for w in _WORD.findall(_clause_before(text, start))]
    window = words[-tables.cue_window :]
    if "since" in window:
        return "since"
    if any(word in tables.words["modal"] for word in window):
        return "future"
    cues = tables.words["cue"]
    heads = tables.words["infinitive_head"]
    for index in range(len(window) - 1, -1, -1):
        word = window[index]
        if word == "to":
            if index > 0 and window[index - 1] in heads:
                return "future"
            continue
        direction = cues.get(word)
        if direction == "present":
            return None
        if direction:
            return str(direction)
        if verb_endings and len(word) > 4 and word.endswith("ed"):
            return "past"
    return None
