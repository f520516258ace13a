"""Resolvers for fiscal periods of company reports: quarters, halves, "the latest period",
"year-earlier", which read the quarter under discussion from the discourse."""

from __future__ import annotations

import datetime as dt
import re

from tracker.timex import periods
from tracker.timex.context import Context, Resolved, month_number, norm
from tracker.timex.direction import cue_direction
from tracker.timex.grammar import Span

_PERIOD_WORD = re.compile(r"quarter|period", re.IGNORECASE)
# "the quarter ended Sept. 30[, 1988]": a quarter named by its last day.
_ENDED_ON = re.compile(
    r"\s+(?:that\s+)?(?:ended|ending|ends)\s+(?P<month>[A-Z][a-z]+\.?)\s+(?P<day>\d{1,2})\b"
    r"(?:,\s+(?P<year>(?:19|20)\d\d)\b)?"
)
# A quarter runs about 91 days: its middle day lies this many days before its last.
_HALF_QUARTER_DAYS = 45
_FOCUS_CHARS = 400
_SENTENCE_START = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def quarter_in_focus(span: Span, ctx: Context) -> bool:
    """True when a quarter was named and this or the previous sentence still talks of a
    quarter or a period: then "a year earlier" is that quarter a year back, else the year."""
    if ctx.quarter is None:
        return False
    before = ctx.text[max(0, span.start - _FOCUS_CHARS) : span.start]
    sentences = _SENTENCE_START.split(before)
    return _PERIOD_WORD.search(" ".join(sentences[-2:])) is not None


def reference_quarter(ctx: Context) -> tuple[int, int] | None:
    """The quarter under discussion: the last one named that had ended by the anchor date
    (reports discuss finished quarters), else the last one completed."""
    if ctx.anchor is None:
        return ctx.quarter
    completed = _last_completed_quarter(ctx.anchor)
    if ctx.quarter and ctx.quarter <= completed:
        return ctx.quarter
    return completed


def _last_completed_quarter(anchor: dt.date) -> tuple[int, int]:
    """(year, quarter) of the last quarter that ended before `anchor`."""
    current = (anchor.month - 1) // 3 + 1
    return (anchor.year, current - 1) if current > 1 else (anchor.year - 1, 4)


def _quarter_ending(span: Span, ctx: Context) -> tuple[int, int] | None:
    """(year, calendar quarter) of a quarter named only by its last day ("the quarter
    ended July 31"): the calendar quarter that holds most of its three months, the one its
    middle day falls in (ended July 31 -> Q2, ended Sept. 30 -> Q3). The day without a
    year is the latest one by the anchor: a reported quarter has ended. After a quarter
    the text named by number ("earned $5 million in the fiscal first quarter ... for the
    quarter ended Sept. 29") the end date restates that quarter, which keeps its name."""
    if ctx.quarter is not None:
        return None
    match = _ENDED_ON.match(ctx.text, span.end)
    month = month_number(match.group("month"), ctx.tables) if match else None
    if match is None or month is None:
        return None
    day = int(match.group("day"))
    if match.group("year"):
        year = int(match.group("year"))
    elif ctx.anchor is not None:
        year = periods.nearest_year(ctx.anchor, month, day, "past")
    else:
        return None
    last = periods.make_date(year, month, day)
    if last is None:
        return None
    middle = last - dt.timedelta(days=_HALF_QUARTER_DAYS)
    return middle.year, (middle.month - 1) // 3 + 1


def _quarter_year(pre: str, span: Span, ctx: Context, number: int) -> int | None:
    """Year of a quarter: stated, relative ("last year's"), or the anchor's."""
    groups = span.groups
    stated = re.search(r"\b(\d{4})\b", pre) or (
        re.match(r"\d{4}", groups.get("year") or groups.get("fyear") or "")
    )
    if stated:
        return int(stated.group(1) if stated.lastindex else stated.group(0))
    if ctx.anchor is None:
        return None
    if "last year" in pre or norm(groups.get("rel", "")) == "last":
        return ctx.anchor.year - 1
    if "next year" in pre or norm(groups.get("rel", "")) == "next":
        return ctx.anchor.year + 1
    if "year-earlier" in pre or "year-ago" in pre or "year-before" in pre:
        reference = reference_quarter(ctx)
        return reference[0] - 1 if reference else ctx.anchor.year - 1
    current = (ctx.anchor.month - 1) // 3 + 1
    return ctx.anchor.year - 1 if current == 1 and number == 4 else ctx.anchor.year


def _reference_period(pre: str, ctx: Context) -> Resolved:
    """ "the latest period", "the 1988 period", "the year-earlier period": the quarter under
    discussion, in the stated year or a year back; other periods are not resolved."""
    reference = reference_quarter(ctx)
    stated = re.search(r"\b(\d{4})\b", pre)
    if not (stated or re.search(r"latest|year-earlier|year-ago|year-before", pre)):
        return None
    if reference is None:
        return "DATE", "XXXX-QX", "relative"
    year, number = reference
    if stated:
        year = int(stated.group(1))
    elif "latest" not in pre:
        year -= 1
    return "DATE", f"{year:04d}-Q{number}", "relative"


def resolve_quarter(span: Span, ctx: Context) -> Resolved:
    """A fiscal quarter or half: "third-quarter", "the latest quarter", "the first half". A
    quarter named by its number keeps it (a fiscal "fourth quarter ended Aug. 26"); one
    named only by its end date is a calendar quarter (see _quarter_ending)."""
    groups = span.groups
    pre = norm(groups.get("pre", ""))
    ordinal = norm(groups.get("ordinal", "")).replace("-half", "")
    unit = norm(groups["unit"])
    numbers = {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
    }
    if unit == "period":
        return _reference_period(pre, ctx)
    if unit == "half":
        ordinal = {"last": "second", "latter": "second"}.get(ordinal, ordinal)
        if ordinal not in ("first", "second", "1st", "2nd"):
            return None
        year = _quarter_year(pre, span, ctx, 2)
        label = f"H{numbers[ordinal]}"
        return "DATE", f"{year:04d}-{label}" if year else f"XXXX-{label}", "relative"
    if not ordinal and not re.search(r"\b(the|its|latest|fiscal|\d{4}|year)", pre):
        return None
    if ordinal in numbers:
        number = numbers[ordinal]
        year = _quarter_year(pre, span, ctx, number)
    elif ordinal == "current" and ctx.anchor is not None:
        year, number = ctx.anchor.year, (ctx.anchor.month - 1) // 3 + 1
    else:
        reference = _quarter_ending(span, ctx) or reference_quarter(ctx)
        if reference is None:
            return "DATE", "XXXX-QX", "relative"
        year, number = reference
        if ordinal == "last" and ctx.anchor is not None:
            year, number = _last_completed_quarter(ctx.anchor)
        stated = re.search(r"\b(\d{4})\b", pre)
        if stated:
            year = int(stated.group(1))
        elif "year-earlier" in pre or "year-ago" in pre or "last year" in pre:
            year -= 1
    if year is None:
        return "DATE", f"XXXX-Q{number}", "relative"
    if "year-earlier" not in pre and "year-ago" not in pre and "last year" not in pre:
        ctx.quarter = (year, number)
    return "DATE", f"{year:04d}-Q{number}", "relative"


def resolve_compound_period(span: Span, ctx: Context) -> Resolved:
    """ "year-end", "year-earlier", "the year-ago period", "the same period last year", "the
    quarter a year ago" (the quarter under discussion, a year back)."""
    word = norm(span.groups["word"])
    anchor = ctx.anchor
    if anchor is None:
        return "DATE", "XXXX", "relative"
    if word == "year-end":
        since = cue_direction(ctx.text, span.start, ctx.tables) == "since"
        return "DATE", f"{anchor.year - since:04d}-12-31", "relative"
    if word in ("year end", "year's end"):
        return "DATE", f"{anchor.year:04d}", "relative"
    if word == "month-end":
        return "DATE", f"{anchor.year:04d}-{anchor.month:02d}", "relative"
    if word in ("year-to-date", "week-end"):
        return "DATE", f"{anchor.year:04d}", "relative"
    reference = reference_quarter(ctx)
    if word == "quarter-end" and reference:
        return "DATE", f"{reference[0]:04d}-Q{reference[1]}", "relative"
    if (quarter_in_focus(span, ctx) or "quarter" in word) and reference:
        return "DATE", f"{reference[0] - 1:04d}-Q{reference[1]}", "relative"
    return "DATE", f"{anchor.year - 1:04d}", "relative"
