"""Resolvers for periods counted from the anchor or from the narrative: "last week",
"next year", "the following month", "two weeks ago"."""

from __future__ import annotations

import datetime as dt
import re

from tracker.timex import periods
from tracker.timex.context import Context, Resolved, norm
from tracker.timex.direction import cue_direction
from tracker.timex.fiscal import quarter_in_focus, reference_quarter
from tracker.timex.grammar import Span
from tracker.timex.numbers import number_value

# "the past decade" counted back from now is ten years, not the 1980s.
_SPANS_BACK = {"decade": "P10Y", "century": "P100Y"}
# "a week ago" and "two weeks ago" stand for a count of days (7, 14) and name the day;
# from three weeks on, the count names only the week ("six weeks ago" -> 1999-W47).
_WEEKS_AS_DAYS = 2
# "the year ended Sept. 30" is a twelve-month period, not a calendar year.
_ENDING = re.compile(r"\s+(?:ended|ending)\b", re.IGNORECASE)


def _period_value(unit: str, shift: int, ctx: Context) -> str | None:
    """Value of the anchor's week/month/year/decade/century moved by `shift` periods."""
    anchor = ctx.anchor
    if anchor is None:
        return None
    if unit in ("week", "weekend"):
        value = periods.week_value(anchor + dt.timedelta(weeks=shift))
        return value + "-WE" if unit == "weekend" else value
    if unit == "month":
        year, month = periods.shift_months(anchor.year, anchor.month, shift)
        return f"{year:04d}-{month:02d}"
    if unit in ("year", "fiscal year", "calendar year"):
        return f"{anchor.year + shift:04d}"
    if unit == "decade":
        return f"{anchor.year // 10 + shift:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + shift:02d}"
    if unit == "quarter":
        year, month = periods.shift_months(anchor.year, anchor.month, 3 * shift)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    return None


def _narrative_period(rel: str, unit: str, ctx: Context) -> str | None:
    """ "the following month", "that year", "the previous year": counted from the month or
    year the text last named (narrative time), not from the publication date."""
    shifts = {
        "the following": 1,
        "the next": 1,
        "the previous": -1,
        "the prior": -1,
        "the preceding": -1,
        "that": 0,
        "the same": 0,
    }
    if rel not in shifts:
        return None
    if unit == "month" and ctx.month:
        year, month = periods.shift_months(*ctx.month, shifts[rel])
        return f"{year:04d}-{month:02d}"
    if unit == "year" and ctx.year and (rel not in ("the next", "the previous") or ctx.month):
        return f"{ctx.year + shifts[rel]:04d}"
    return None


def _weekend_is_past(span: Span, ctx: Context) -> bool:
    """ "the weekend" in a Monday to Wednesday article is the one just gone, unless the
    clause points forward."""
    if ctx.anchor is None or ctx.anchor.isoweekday() > 3:
        return False
    return cue_direction(ctx.text, span.start, ctx.tables) != "future"


def resolve_relative_period(span: Span, ctx: Context) -> Resolved:
    """ "last week", "this month", "the past year", "next year", "the year-earlier quarter";
    "the latest year" is the last one completed, as "the latest quarter" is.

    A capitalised unit is a title ("This Week With David Brinkley"), not a time."""
    rel = norm(span.groups["rel"])
    unit = norm(span.groups["unit"])
    if unit in ctx.tables.words["season"] or unit == "half" or span.groups["unit"][:1].isupper():
        return None
    backward = {
        "last",
        "this past",
        "the past",
        "the last",
        "the previous",
        "the prior",
        "the preceding",
        "the latest",
    }
    forward = {"next", "this coming", "the coming", "the next", "the following"}
    shift = -1 if rel in backward else 1 if rel in forward else 0
    if (
        unit in ("year", "fiscal year")
        and rel in ("the", "the fiscal")
        and _ENDING.match(ctx.text, span.end)
    ):
        return "DURATION", "P1Y", "explicit"
    if rel == "the past" and unit in _SPANS_BACK:
        return "DURATION", _SPANS_BACK[unit], "explicit"
    narrated = _narrative_period(rel, unit, ctx)
    if narrated:
        return "DATE", narrated, "relative"
    if unit == "weekend" and shift == 0 and _weekend_is_past(span, ctx):
        shift = -1
    if unit == "quarter":
        reference = reference_quarter(ctx)
        if reference is None:
            return "DATE", "XXXX-QX", "relative"
        year, number = reference
        if "year" in rel:
            year -= 1
        return "DATE", f"{year:04d}-Q{number}", "relative"
    value = _period_value(unit, shift, ctx)
    if value is None:
        placeholder = {
            "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE",
            "month": "XXXX-XX",
            "decade": "XXX",
            "century": "XX",
        }
        return "DATE", placeholder.get(unit, "XXXX"), "relative"
    return "DATE", value, "relative"


def shifted_value(unit: str, amount: int, ctx: Context) -> str | None:
    """Value of the anchor moved by `amount` units, at the unit's granularity ("six weeks
    ago" is a week, "six days ago" a day, "six months ago" a month; but see
    _WEEKS_AS_DAYS). A year that datetime cannot hold (before 1 or after 9999) raises
    OverflowError, so that the span keeps the value it has with no anchor
    (tracker.timex.api._resolve)."""
    anchor = ctx.anchor
    if anchor is None:
        return None
    if unit in ("D", "H", "MIN", "S"):
        step = amount if unit == "D" else 0
        return periods.day_value(anchor + dt.timedelta(days=step))
    if unit == "W":
        moved = anchor + dt.timedelta(weeks=amount)
        near = abs(amount) <= _WEEKS_AS_DAYS
        return periods.day_value(moved) if near else periods.week_value(moved)
    months = {"M": 1, "Q": 3}.get(unit)
    if months:
        year, month = periods.shift_months(anchor.year, anchor.month, months * amount)
        _check_year(year)
        return f"{year:04d}-{month:02d}" if unit == "M" else f"{year:04d}-Q{(month - 1) // 3 + 1}"
    years = {"Y": 1, "DE": 10, "CE": 100}.get(unit)
    if years is None:
        return None
    year = _check_year(anchor.year + years * amount)
    return f"{year // 100:02d}" if unit == "CE" else f"{year:04d}"


def _check_year(year: int) -> int:
    """The year, or OverflowError when it is outside the calendar datetime holds."""
    if not 1 <= year <= 9999:
        raise OverflowError(f"year {year} is out of range")
    return year


def resolve_offset(span: Span, ctx: Context) -> Resolved:
    """ "two weeks ago", "a year earlier", "three days later"."""
    groups, tables = span.groups, ctx.tables
    unit = str(tables.words["unit"][norm(groups["unit"])])
    number = number_value(groups["num"], tables)
    if number is None:
        return None
    backward = norm(groups["dir"]) in ("ago", "earlier", "before", "back", "previously")
    if number == "X":
        return "DATE", "PAST_REF" if backward else "FUTURE_REF", "relative"
    amount = int(number) * (-1 if backward else 1)
    quarter = ctx.quarter  # quarter_in_focus is False without one
    if (
        unit == "Y"
        and quarter is not None
        and quarter_in_focus(span, ctx)
        and norm(groups["dir"]) in ("ago", "earlier")
    ):
        return "DATE", f"{quarter[0] + amount:04d}-Q{quarter[1]}", "relative"
    value = shifted_value(unit, amount, ctx)
    if value is None:
        return ("DATE", "XXXX-XX-XX", "relative") if ctx.anchor is None else None
    return "DATE", value, "relative"
