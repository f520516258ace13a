"""Resolvers for named calendar periods: dates, months, seasons, years, decades,
centuries and holidays. A month or day named without a year takes the year the tense
allows (tracker.timex.periods.nearest_year)."""

from __future__ import annotations

import datetime as dt
import re

from tracker.timex import periods
from tracker.timex.context import (
    Context,
    Resolved,
    month_number,
    norm,
    preceding_word,
    tense_direction,
)
from tracker.timex.grammar import Span
from tracker.timex.numbers import year_value
from tracker.timex.tables import Tables


def _month_is_word(surface: str, tables: Tables) -> bool:
    """True when a month word is written like an ordinary word ("may", "march")."""
    return not surface[:1].isupper() or (
        norm(surface) in tables.words["ambiguous_month"] and surface.isupper() and len(surface) > 3
    )


def _relative_year(rel: str, anchor: dt.date | None) -> int | None:
    """ "last/this/next year" -> the year, or None without an anchor."""
    if anchor is None:
        return None
    return anchor.year + {"last": -1, "this": 0, "next": 1}[norm(rel)]


def resolve_calendar(span: Span, ctx: Context) -> Resolved:
    """A calendar date: month and day (and year), month and year, ISO and numeric dates."""
    groups, tables = span.groups, ctx.tables
    if "monthnum" in groups:
        month: int | None = int(groups["monthnum"])
    else:
        if _month_is_word(groups["month"], tables):
            return None
        month = month_number(groups["month"], tables)
    if "day" in groups:
        day: int | None = int(re.sub(r"\D", "", groups["day"]))
    elif "dayword" in groups:
        day = int(tables.words["ordinal"][norm(groups["dayword"])])
    else:
        day = None
    if month is None or (day is not None and not 1 <= day <= 31):
        return None
    if "year" in groups:
        year = year_value(groups["year"], tables)
    elif "rel" in groups:
        year = _relative_year(groups["rel"], ctx.anchor)
    elif ctx.anchor is not None:
        relday = norm(groups.get("relday", ""))
        direction = {
            "last": "past",
            "this past": "past",
            "next": "future",
            "this coming": "future",
        }.get(relday) or tense_direction(ctx, span)
        year = periods.nearest_year(ctx.anchor, month, day or 1, direction)
    else:
        year = None
    if year is not None:
        ctx.year = year if "year" in groups else ctx.year
        ctx.month = (year, month)
    if day is None:
        return ("DATE", f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}", "explicit")
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", "explicit"
    date = periods.make_date(year, month, day)
    ctx.day = date or ctx.day
    if date and "weekof" in groups:
        return "DATE", periods.week_value(date), "explicit"
    return ("DATE", periods.day_value(date), "explicit") if date else None


def resolve_month(span: Span, ctx: Context) -> Resolved:
    """A month named alone ("in March", "last May"): the nearest one the tense allows."""
    surface = span.groups["month"]
    if _month_is_word(surface, ctx.tables):
        return None
    rel = norm(span.groups.get("rel", ""))
    if "." not in surface and len(surface) <= 4 and norm(surface) not in ("may", "june", "july"):
        return None
    is_ambiguous = norm(surface) in ctx.tables.words["ambiguous_month"]
    if is_ambiguous and not (
        rel or span.prefix or preceding_word(ctx, span) in ctx.tables.words["month_cue"]
    ):
        return None
    month = month_number(surface, ctx.tables)
    if month is None:
        return None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}", "relative"
    if rel in ("last", "this past", "past"):
        year = ctx.anchor.year if month < ctx.anchor.month else ctx.anchor.year - 1
    elif rel in ("next", "this coming", "the coming", "coming"):
        year = ctx.anchor.year if month > ctx.anchor.month else ctx.anchor.year + 1
    elif rel == "this":
        year = ctx.anchor.year
    else:
        year = periods.nearest_year(ctx.anchor, month, None, tense_direction(ctx, span))
    ctx.month = (year, month)
    return "DATE", f"{year:04d}-{month:02d}", "explicit"


def resolve_season(span: Span, ctx: Context) -> Resolved:
    """A season: "last fall", "the summer of 1998", "this winter". "Last spring" is last
    year's, "this past spring" the latest that has ended, "next spring" the first one
    not yet begun."""
    groups = span.groups
    rel = norm(groups.get("rel", ""))
    if not (rel or "year" in groups or span.prefix):
        return None
    code = str(ctx.tables.words["season"][norm(groups["season"])])
    if "year" in groups:
        year = year_value(groups["year"], ctx.tables)
        return ("DATE", f"{year:04d}-{code}", "explicit") if year else None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{code}", "relative"
    first, last = ctx.tables.words["season_months"][code.lower()]
    year = ctx.anchor.year
    if rel == "last":
        year -= 1
    elif rel in ("this past", "the past"):
        ended_this_year = first <= last < ctx.anchor.month
        year -= 0 if ended_this_year else 1
    elif rel in ("next", "this coming", "the coming"):
        year += 0 if first > ctx.anchor.month else 1
    return "DATE", f"{year:04d}-{code}", "relative"


def resolve_year(span: Span, ctx: Context) -> Resolved:
    """A year: "1987", "fiscal 1989", "nineteen ninety-one". Before 1900 it needs a
    preposition ("in 1874"): such numbers in news are mostly resolutions and laws."""
    year = year_value(span.groups["year"], ctx.tables)
    if year is None or not 1000 <= year <= 2199:
        return None
    if (
        year < 1900
        and "fiscal" not in span.groups
        and preceding_word(ctx, span) not in ctx.tables.words["year_cue"]
    ):
        return None
    ctx.year = year
    return "DATE", f"{year:04d}", "explicit"


def resolve_decade(span: Span, ctx: Context) -> Resolved:
    """A decade: "the 1990s" -> 199, "the '90s" -> 199, "the nineties" -> 199."""
    groups = span.groups
    words = (
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    )
    if "decade" in groups:
        return "DATE", groups["decade"], "explicit"
    if "short" in groups:
        digit = int(groups["short"])
        century = 20 if ctx.anchor and digit * 10 <= ctx.anchor.year - 2000 else 19
        return "DATE", f"{century}{digit}", "explicit"
    word = norm(groups.get("decword") or groups["decword2"])
    century = 18 if norm(groups.get("decyear", "")) == "eighteen" else 19
    return "DATE", f"{century}{words.index(word) + 2}", "explicit"


def resolve_century(span: Span, ctx: Context) -> Resolved:
    """A century: "the 20th century" -> 19."""
    surface = norm(span.groups["ordinal"])
    number = ctx.tables.words["ordinal"].get(surface)
    if number is None:
        digits = re.sub(r"\D", "", surface)
        number = int(digits) if digits else None
    if not number or int(number) < 1:
        return None
    return "DATE", f"{int(number) - 1:02d}", "explicit"


def _floating_day(rule: str, year: int) -> dt.date:
    """The day of a [floating_holiday] rule "month:weekday:n[@first day]" in a year."""
    rule, _, first = rule.partition("@")
    month, weekday, nth = (int(p) for p in rule.split(":"))
    return periods.nth_weekday(year, month, weekday, nth, int(first or 1))


def _holiday_day(key: str, year: int, tables: Tables) -> dt.date:
    """The date of a named day in a given year (the Sunday of a week named after Easter)."""
    words = tables.words
    if key in words["holiday"]:
        month, day = (int(p) for p in str(words["holiday"][key]).split("-"))
        return periods.make_date(year, month, day) or dt.date(year, month, 1)
    if key in words["easter_feast"]:
        offset = words["easter_feast"][key]
        days = 0 if offset == "week" else int(offset)
        return periods.easter_sunday(year) + dt.timedelta(days=days)
    return _floating_day(str(words["floating_holiday"][key]), year)


def _unknown_year_value(key: str, tables: Tables) -> str:
    """Value of a named day when no year can be had: its month and day where fixed."""
    words = tables.words
    if key in words["holiday"]:
        return f"XXXX-{words['holiday'][key]}"
    if key in words["floating_holiday"]:
        return f"XXXX-{int(str(words['floating_holiday'][key]).split(':')[0]):02d}"
    return "XXXX-WXX" if words["easter_feast"][key] == "week" else "XXXX-XX-XX"


def resolve_holiday(span: Span, ctx: Context) -> Resolved:
    """A named day ("Christmas", "Thanksgiving Day", "Good Friday", "Holy Week") in the
    stated or nearest year; a week named after Easter is the ISO week of Easter Sunday."""
    groups, words = span.groups, ctx.tables.words
    key = norm(groups["holiday"])
    source = "explicit" if "year" in groups else "relative"
    if "year" in groups:
        year: int | None = int(groups["year"])
    elif ctx.anchor is not None and "rel" in groups:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(norm(groups["rel"]), 0)
    elif ctx.anchor is not None:
        day = _holiday_day(key, ctx.anchor.year, ctx.tables)
        year = periods.nearest_year(ctx.anchor, day.month, day.day, tense_direction(ctx, span))
    else:
        year = None
    if year is None:
        return "DATE", _unknown_year_value(key, ctx.tables), source
    day = _holiday_day(key, year, ctx.tables)
    if words["easter_feast"].get(key) == "week":
        return "DATE", periods.week_value(day), source
    return "DATE", periods.day_value(day), source
