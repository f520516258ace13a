"""Read the direction (past or future) that a sentence gives a temporal expression.

"said on Monday" is past, "will meet Monday" future. A finite verb right after the
expression ("a service planned for Saturday was canceled") is the main verb of a clause
whose subject the expression ends, and decides. Otherwise the clause before the expression
decides first: a phrase right before it ("as early as Tuesday"), then "since", a modal
("will", "would") anywhere in that clause, a pluperfect "had", then the nearest cue word
(word list [cue] in timex_words.toml, where a present-tense verb of a scheduled act,
"meet", "arrives", counts as future); a word ending in "-ed" counts as a past-tense verb
(for month names only when a preposition of time joins it to the expression: "stepped
down in March"). A comma inside a list of nouns and a period after an abbreviation ("Roe
vs. Wade") do not end the clause. When that clause gives no cue and the expression opens
it, the governing verb comes after the expression ("On Tuesday, the league plans to hold
...", "In January, the company brought in ..."), so the main clause after it is read,
past any phrase set off by commas before it. No parser: this runs on every expression of
every article.
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
_SENTENCE_END = re.compile(r"(?:[!?;]|(?P<word>\b[A-Za-z]+)?\.)\s+(?=[A-Z\"'“`])|\n\s*\n")
_CLAUSE_END = re.compile(r"[,;:()\u2013\u2014]")
# A comma in a list of nouns ("as chairman, president and chief executive in March"): one
# or two words, none a cue word ("wound, said he and"), then "and" or "or". It joins the
# clause rather than ending it.
_LIST_COMMA = re.compile(r",\s+((?:[A-Za-z'-]+\s+){1,2})(?:and|or)\s")
_WORD = re.compile(r"[A-Za-z']+")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z']+)\b")


def _sentence_ends(text: str, tables: Tables) -> list[re.Match[str]]:
    """The sentence ends in `text`, except a period after a lone letter or a word of the
    [abbreviation] list ("Roe vs. Wade", "John F. Kennedy", "Mr. Smith")."""
    ends = []
    for match in _SENTENCE_END.finditer(text):
        word = (match.group("word") or "").lower()
        if len(word) != 1 and word not in tables.words["abbreviation"]:
            ends.append(match)
    return ends


def _is_list_comma(text: str, at: int, tables: Tables) -> bool:
    """True when the comma at `at` joins a list of nouns (see _LIST_COMMA)."""
    match = _LIST_COMMA.match(text, at)
    return match is not None and not any(
        word.lower() in tables.words["cue"] for word in match.group(1).split()
    )


def _clause_before(text: str, start: int, tables: Tables) -> str:
    """The part of the clause that precedes `start`: back to the sentence start or the last
    comma, colon or dash that does not join a list (at most _LOOKBACK characters). An
    expression that opens a parenthesis restates the clause around it ("will leave at 4 in
    the morning (4 a.m. Thursday)"), so that clause is read instead."""
    before = text[max(0, start - _LOOKBACK) : start]
    if before.rstrip().endswith("("):
        before = before.rstrip()[:-1]
    ends = [match.end() for match in _sentence_ends(before, tables)]
    ends += [
        match.end()
        for match in _CLAUSE_END.finditer(before)
        if not _is_list_comma(before, match.start(), tables)
    ]
    return before[max(ends) :] if ends else before


def _clauses_after(text: str, end: int, tables: Tables) -> list[str]:
    """The clauses that follow a fronted expression, in order, to the end of its sentence
    (at most _LOOKAHEAD characters): a comma or dash right after it is stepped over ("On
    Tuesday, the league ..."), then the text is cut at each clause boundary."""
    after = text[end : end + _LOOKAHEAD]
    lead = re.match(r"\s*(?:,|--?|\u2014)\s*", after)
    if lead:
        after = after[lead.end() :]
    stops = _sentence_ends(after, tables)
    after = after[: stops[0].start()] if stops else after
    return _CLAUSE_END.split(after)


def _is_infinitive(words: list[str], index: int, tables: Tables) -> bool:
    """True when words[index] is a "to" that starts a future infinitive ("is to meet",
    "plans to visit", "guidelines to be published"), not a preposition ("fell to $16")."""
    if words[index] != "to":
        return False
    if words[index + 1 : index + 2] == ["be"]:
        return True
    return index > 0 and words[index - 1] in tables.words["infinitive_head"]


def _word_direction(
    words: list[str], index: int, tables: Tables, verb_endings: bool, finite: bool = False
) -> str | None:
    """Direction one word gives: "past", "future", "present" (a present-tense verb that
    blocks further search), or None. With `finite`, an "-ed" word is a past verb even when
    the cue list reads it as a participle ("the government planned to pay" after its
    subject). A participle after a present "is" or "be" is a passive, not a past tense
    ("when the case is heard in May"), and one after a determiner an adjective ("the
    proposed merger")."""
    word = words[index]
    if word == "to":
        return "future" if _is_infinitive(words, index, tables) else None
    past_form = verb_endings and len(word) > 4 and word.endswith("ed")
    past_form = past_form and not (index > 0 and words[index - 1] in tables.words["determiner"])
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


def _after_preposition(words: list[str], tables: Tables) -> bool:
    """True when the expression is the object of a preposition of time ("in March", "on
    Aug. 6"), so a verb earlier in its clause governs it."""
    return bool(words) and words[-1] in tables.words["time_preposition"]


def _governed_by_past_verb(words: list[str], tables: Tables, verb_endings: bool) -> bool:
    """A past-tense verb right before the expression's preposition governs it, whatever
    modal the clause had earlier ("would repeat the action they took on February 20")."""
    if len(words) < 2 or not _after_preposition(words, tables):
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
    verb_endings = verb_endings or _after_preposition(words, tables)
    if "since" in window:
        return "since"
    if _governed_by_past_verb(window, tables, verb_endings):
        return "past"
    if any(word in tables.words["modal"] for word in words):
        return "future"
    if any(word in tables.words["pluperfect"] for word in window):
        return "past"
    for index in range(len(words) - 1, len(words) - len(window) - 1, -1):
        direction = _word_direction(words, index, tables, verb_endings)
        if direction:
            return direction
    return None


def _direction_after(words: list[str], tables: Tables) -> str | None:
    """Direction a clause after a fronted expression gives ("On Tuesday, the league plans
    to hold ..."): the first cue word or "-ed" verb, which after its subject is a finite
    past verb even when it could be a participle ("the government planned to pay"), and
    "present" for a present-tense "says" or "is". The window ends where a subordinate
    clause starts ("In April, Haley announced that there would be ..." is past)."""
    window = words[: tables.cue_window]
    for index, word in enumerate(window):
        if word in tables.words["subordinator"]:
            return None
        direction = _word_direction(window, index, tables, verb_endings=True, finite=True)
        if direction:
            return direction
    return None


def _main_clause_direction(text: str, end: int, tables: Tables) -> str | None:
    """Direction of the main clause after a fronted expression. A clause that gives no cue
    is a phrase set off before the main clause ("In January, a week after the
    anniversary, a bomb exploded"; "On Friday, when Albright arrives, she will ..."), so
    the next clause of the sentence is read."""
    for clause in _clauses_after(text, end, tables):
        direction = _direction_after([w.lower() for w in _WORD.findall(clause)], tables)
        if direction:
            return None if direction == "present" else direction
    return None


def _verb_after(text: str, end: int, tables: Tables) -> str | None:
    """Direction of a finite verb right after the expression ("a memorial service planned
    for Saturday was canceled"): the expression ends the subject, so this is the clause's
    main verb, and a participle before it ("planned") only describes the subject."""
    match = _NEXT_WORD.match(text, end)
    if match is None:
        return None
    direction = tables.words["subject_verb"].get(match.group(1).lower())
    return str(direction) if direction else None


def cue_direction(
    text: str, start: int, tables: Tables, verb_endings: bool = True, end: int | None = None
) -> str | None:
    """ "past", "future", "since", "bound" (a limit, "until Tuesday", in a clause that is
    not future), or None when the clause gives no cue.

    With `end` given, a finite verb right after the expression decides ("for Saturday was
    canceled"). Otherwise the clause before `start` decides first; with `end` given, no cue
    before and at most _FRONTED_WORDS words between the clause start and the expression
    ("On Tuesday, ..."), the main clause after `end` does. With `verb_endings`, a word in
    "-ed" before the expression counts as a past-tense verb (right for weekdays, too eager
    for month names, where "paid Nov. 6" is often a future payment date); without it, it
    counts only before a preposition of time ("changed ... in December").
    """
    verb_after = _verb_after(text, end, tables) if end is not None else None
    if verb_after:
        return verb_after
    before = [w.lower() for w in _WORD.findall(_clause_before(text, start, tables))]
    direction = _direction_before(before, tables, verb_endings)
    if direction == "present":
        return None
    if direction or end is None or len(before) > _FRONTED_WORDS:
        return direction
    return _main_clause_direction(text, end, tables)


def possessive_is_ahead(text: str, start: int, tables: Tables) -> bool:
    """True when a possessive day ("Wednesday's vote") is looked forward to by a future cue
    word just before it ("ahead of Wednesday's vote"). Such a day names an event, which news
    mostly reports after the fact, so the tense of the clause does not count ("ways to get
    around Wednesday's ruling" after "would" is still past)."""
    words = [w.lower() for w in _WORD.findall(_clause_before(text, start, tables))]
    cues = tables.words["cue"]
    return any(cues.get(word) == "future" for word in words[-_POSSESSIVE_REACH:])
