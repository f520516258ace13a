"""Resolvers for amounts and frequencies of time and for the vague references:
durations ("three years", "for years"), PRESENT_REF/PAST_REF/FUTURE_REF, sets ("daily")."""

from __future__ import annotations

import re

from tracker.timex.context import (
    Context,
    Resolved,
    month_number,
    norm,
    preceding_word,
    tense_direction,
)
from tracker.timex.grammar import Span
from tracker.timex.numbers import duration_value, number_value
from tracker.timex.relative import shifted_value
from tracker.timex.tables import Tables

# "$2 million a year", "700 seats a week", "four flights a week", "24 hours a day": a rate,
# not a length of time.
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|hundred|percent|cents|dollars|times))\s+$"
    r"|(?:\d[\d,.]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|several|many))"
    r"\s+(?:[a-z]+\s+)?[a-z]+s\s+$",
    re.IGNORECASE,
)
# The word right after a span.
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+)")


def resolve_duration(span: Span, ctx: Context) -> Resolved:
    """A length of time: "three years", "the past two months", "a minute and a half",
    "two to three weeks" (a range of counts, as "a year or two", is no definite length:
    PXW), "a day-long meeting" (no number: one unit)."""
    groups, tables = span.groups, ctx.tables
    unit_key = norm(groups["unit"])
    unit = str(tables.words["unit"].get(unit_key, ""))
    count = groups.get("num", "one")
    number = _range_count(groups, tables) or number_value(count, tables)
    if number is None or not unit or unit == "X":
        return None
    if norm(count) in ("a", "an") and _AMOUNT_BEFORE.search(
        ctx.text, max(0, span.start - 30), span.start
    ):
        return None
    if "old" in groups or (norm(count) in ("a", "an") and (unit_key.endswith("s") or unit == "S")):
        return None
    if "half" in groups and isinstance(number, float):
        number += 0.5
    elif _counts_to_a_date(span, ctx, number):
        value = shifted_value(unit, int(number), ctx)
        if value:
            return "DATE", value, "relative"
    return "DURATION", duration_value(number, unit), "explicit"


def _range_count(groups: dict[str, str], tables: Tables) -> str | None:
    """ "X" for a range of two different counts ("12 to 18 months", "a year or two"), else
    None."""
    if "num2" not in groups:
        return None
    first, second = number_value(groups["num"], tables), number_value(groups["num2"], tables)
    return "X" if first is not None and first != second else None


def _counts_to_a_date(span: Span, ctx: Context, number: float | str) -> bool:
    """True for "in" and a whole count of units in a future clause ("the stock would be
    redeemed in five years"): the point that far ahead of the anchor, not a length."""
    return (
        isinstance(number, float)
        and number == int(number)
        and not ({"det", "bare_rel"} & span.groups.keys())
        and not span.prefix
        and preceding_word(ctx, span) == "in"
        and tense_direction(ctx, span) == "future"
    )


def resolve_vague_duration(span: Span, ctx: Context) -> Resolved:
    """Plural units with no count: "for years", "the past few weeks", "recent months", "a
    decades-long battle", "the weeks ahead", "over the years" (after "the", only with a
    duration cue before it). An [event_anchor] word after it ties it to an event ("in the
    days before the slaying", "the first days after the invasion"): a time that cannot be
    placed, not a length."""
    groups, words = span.groups, ctx.tables.words
    cued = preceding_word(ctx, span) in words["duration_cue"]
    if _next_word(ctx, span) in words["event_anchor"] or ("det" in groups and not cued):
        return None
    if not ("rel" in groups or "whole" in groups or span.prefix or cued):
        return None
    if norm(groups.get("rel", "")) == "past":
        return "DATE", "PAST_REF", "relative"
    unit = str(words["unit"][norm(groups["unit"])])
    return "DURATION", duration_value("X", unit), "explicit"


def _next_word(ctx: Context, span: Span) -> str:
    """The word just after the span, lower-cased ("" at the end of the text)."""
    match = _WORD_AFTER.match(ctx.text, span.end)
    return match.group(1).lower() if match else ""


def _opens_sentence(ctx: Context, span: Span) -> bool:
    """True when only spaces or quotes stand between the span and the end of the previous
    sentence (or the start of the text)."""
    before = ctx.text[max(0, span.start - 20) : span.start].rstrip(" \t\"'`“")
    at_start = span.start <= 20 and not before
    return at_start or before[-1:] in (".", "!", "?", "\n")


def resolve_reference(span: Span, ctx: Context) -> Resolved:
    """now, currently, recently, the future ... -> PRESENT_REF / PAST_REF / FUTURE_REF; a
    word of [reference_shift] before it moves it ("the then current price": PAST_REF).

    A word of the [discourse_marker] list that opens a sentence before a comma ("Now, he
    says, ...") turns the discourse, not the time, and is no expression."""
    word = norm(span.groups["word"])
    if (
        word in ctx.tables.words["discourse_marker"]
        and ctx.text.startswith(",", span.end)
        and _opens_sentence(ctx, span)
    ):
        return None
    value = str(ctx.tables.words["reference"][word])
    shifted = ctx.tables.words["reference_shift"].get(preceding_word(ctx, span))
    return "DATE", str(shifted or value), "relative"


def resolve_frequency(span: Span, ctx: Context) -> Resolved:
    """A set: "daily", "every Thursday", "Tuesday nights", "each July", "every two years"."""
    groups, words = span.groups, ctx.tables.words
    if "word" in groups:
        return "SET", str(words["frequency"][norm(groups["word"])]), "explicit"
    surface = norm(groups.get("weekday") or groups.get("weekday_of") or groups.get("weekdays", ""))
    if surface:
        weekday = words["weekday"].get(surface) or words["weekday_plural"][surface]
        part = norm(groups.get("part") or groups.get("parts", ""))
        code = words["part_of_day"].get(part) or words["part_of_day_plural"].get(part)
        return "SET", f"XXXX-WXX-{weekday}" + (f"T{code}" if code else ""), "explicit"
    if "month" in groups:
        return "SET", f"XXXX-{month_number(groups['month'], ctx.tables):02d}", "explicit"
    if "season" in groups:
        return "SET", f"XXXX-{words['season'][norm(groups['season'])]}", "explicit"
    number = number_value(groups["num"], ctx.tables)
    unit = str(words["unit"][norm(groups["unit"])])
    if number is None:
        return None
    return "SET", duration_value(number, unit), "explicit"
