"""Resolvers for amounts and frequencies of time and for the vague references:
durations ("three years", "for years"), PRESENT_REF/PAST_REF/FUTURE_REF, sets ("daily")."""

from __future__ import annotations

import re

from tracker.timex.context import Context, Resolved, month_number, norm, preceding_word
from tracker.timex.grammar import Span
from tracker.timex.numbers import duration_value, number_value

# "$2 million a year", "700 seats a week": a rate, not a length of time.
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|hundred|percent|cents|dollars|times))\s+$",
    re.IGNORECASE,
)


def resolve_duration(span: Span, ctx: Context) -> Resolved:
    """A length of time: "three years", "the past two months", "a minute and a half",
    "two to three weeks" (a range counts as its first number, as "a year or two" does)."""
    groups, tables = span.groups, ctx.tables
    unit_key = norm(groups["unit"])
    unit = str(tables.words["unit"].get(unit_key, ""))
    number = number_value(groups["num"], tables)
    if number is None or not unit or unit == "X":
        return None
    if norm(groups["num"]) in ("a", "an") and _AMOUNT_BEFORE.search(
        ctx.text, max(0, span.start - 30), span.start
    ):
        return None
    if "old" in groups or (
        norm(groups["num"]) in ("a", "an") and (unit_key.endswith("s") or unit == "S")
    ):
        return None
    if "half" in groups and isinstance(number, float):
        number += 0.5
    return "DURATION", duration_value(number, unit), "explicit"


def resolve_vague_duration(span: Span, ctx: Context) -> Resolved:
    """Plural units with no count: "for years", "the past few weeks", "recent months"."""
    groups = span.groups
    if not (
        "rel" in groups
        or span.prefix
        or preceding_word(ctx, span) in ctx.tables.words["duration_cue"]
    ):
        return None
    rel = norm(groups.get("rel", ""))
    if rel in ("recent", "past"):
        return "DATE", "PAST_REF", "relative"
    unit = str(ctx.tables.words["unit"][norm(groups["unit"])])
    return "DURATION", duration_value("X", unit), "explicit"


def _opens_sentence(ctx: Context, span: Span) -> bool:
    """True when only spaces or quotes stand between the span and the end of the previous
    sentence (or the start of the text)."""
    before = ctx.text[max(0, span.start - 20) : span.start].rstrip(" \t\"'`“")
    at_start = span.start <= 20 and not before
    return at_start or before[-1:] in (".", "!", "?", "\n")


def resolve_reference(span: Span, ctx: Context) -> Resolved:
    """now, currently, recently, the future ... -> PRESENT_REF / PAST_REF / FUTURE_REF.

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
    return "DATE", value, "relative"


def resolve_frequency(span: Span, ctx: Context) -> Resolved:
    """A set: "daily", "every Thursday", "each July", "every two years"."""
    groups, words = span.groups, ctx.tables.words
    if "word" in groups:
        return "SET", str(words["frequency"][norm(groups["word"])]), "explicit"
    if "weekday" in groups or "weekdays" in groups:
        surface = norm(groups.get("weekday") or groups["weekdays"])
        weekday = words["weekday"].get(surface) or words["weekday_plural"][surface]
        part = groups.get("part")
        suffix = f"T{words['part_of_day'][norm(part)]}" if part else ""
        return "SET", f"XXXX-WXX-{weekday}{suffix}", "explicit"
    if "month" in groups:
        return "SET", f"XXXX-{month_number(groups['month'], ctx.tables):02d}", "explicit"
    if "season" in groups:
        return "SET", f"XXXX-{words['season'][norm(groups['season'])]}", "explicit"
    number = number_value(groups["num"], ctx.tables)
    unit = str(words["unit"][norm(groups["unit"])])
    if number is None:
        return None
    return "SET", duration_value(number, unit), "explicit"
