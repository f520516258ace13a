"""Resolvers for days and times of day: today/yesterday, weekdays (past by default,
future when the clause says so), parts of the day and clock times."""

from __future__ import annotations

import datetime as dt
import re

from tracker.timex import periods
from tracker.timex.context import Context, Resolved, month_number, norm, preceding_word
from tracker.timex.direction import cue_direction, possessive_is_ahead
from tracker.timex.grammar import Span
from tracker.timex.numbers import number_value


def _day_with_part(day: dt.date | None, part: str | None, ctx: Context) -> tuple[str, str]:
    """(type, value) of a day, with a part of the day ("morning" -> TMO) as a TIME."""
    value = periods.day_value(day) if day else "XXXX-XX-XX"
    if not part:
        return "DATE", value
    return "TIME", f"{value}T{ctx.tables.words['part_of_day'][norm(part)]}"


def resolve_relative_day(span: Span, ctx: Context) -> Resolved:
    """today, yesterday, tomorrow, tonight (with an optional part of the day)."""
    offsets = {
        "today": 0,
        "tonight": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }
    word = norm(span.groups["word"])
    day = ctx.anchor + dt.timedelta(days=offsets[word]) if ctx.anchor else None
    part = span.groups.get("part") or span.groups.get("lead_part")
    kind, value = _day_with_part(day, part, ctx)
    return kind, value, "relative"


def resolve_part_of_day(span: Span, ctx: Context) -> Resolved:
    """ "this morning", "last night", "yesterday afternoon"; a part of the day after a
    preposition ("in the morning", "by mid-afternoon") is on the day the text last named,
    or else the anchor day."""
    part = norm(span.groups.get("part") or span.groups["mid"])
    if "rel" not in span.groups:
        if preceding_word(ctx, span) not in ctx.tables.words["part_of_day_cue"]:
            return None
        kind, value = _day_with_part(ctx.day or ctx.anchor, part, ctx)
        return kind, value, "relative"
    rel = norm(span.groups["rel"])
    offset = -1 if rel == "yesterday" or (rel == "last" and part in ("night", "evening")) else 0
    offset = 1 if rel == "tomorrow" else offset
    day = ctx.anchor + dt.timedelta(days=offset) if ctx.anchor else None
    kind, value = _day_with_part(day, part, ctx)
    return kind, value, "relative"


def weekday_date(weekday: int, rel: str, ctx: Context, span: Span) -> dt.date | None:
    """The date a weekday names, from its modifier or else from the sentence's tense; "the
    previous Friday" and "the following Monday" count from the last day the text named."""
    if ctx.anchor is None:
        return None
    if rel in ("the previous", "the following"):
        narrated = ctx.day or ctx.anchor
        return periods.weekday_near(narrated, weekday, "before" if "previous" in rel else "after")
    if rel in ("last", "this past", "past"):
        return periods.weekday_near(ctx.anchor, weekday, "before")
    if rel in ("next", "this coming", "the coming", "coming"):
        return periods.weekday_near(ctx.anchor, weekday, "after")
    if rel == "this":
        return periods.weekday_near(ctx.anchor, weekday, "week")
    if ctx.text.startswith("'s", span.end):
        ahead = possessive_is_ahead(ctx.text, span.start, ctx.tables)
        return periods.weekday_near(ctx.anchor, weekday, "future" if ahead else "past")
    direction = cue_direction(ctx.text, span.start, ctx.tables, end=span.end)
    if direction == "since" and weekday == ctx.anchor.isoweekday():
        return periods.weekday_near(ctx.anchor, weekday, "before")
    ahead = direction in ("future", "bound")
    return periods.weekday_near(ctx.anchor, weekday, "future" if ahead else "past")


def resolve_weekday(span: Span, ctx: Context) -> Resolved:
    """A weekday ("Wednesday", "last Friday", "Monday morning"). An undotted abbreviation
    alone ("Mon", also a people of Myanmar) is not one; in a dateline it joins the date."""
    surface = span.groups["weekday"]
    if not surface[:1].isupper() or (len(surface) <= 4 and "." not in surface):
        return None
    weekday = int(ctx.tables.words["weekday"][norm(surface)])
    day = weekday_date(weekday, norm(span.groups.get("rel", "")), ctx, span)
    part = span.groups.get("part")
    if day is None:
        suffix = f"T{ctx.tables.words['part_of_day'][norm(part)]}" if part else ""
        return ("TIME" if part else "DATE"), f"XXXX-WXX-{weekday}{suffix}", "relative"
    ctx.day = day
    kind, value = _day_with_part(day, part, ctx)
    return kind, value, "relative"


def resolve_anchored_day(span: Span, ctx: Context) -> Resolved:
    """A day counted from a named day: "the day before last Tuesday", "two days after
    March 3": the named day (resolved as it would be alone) moved by the count."""
    groups, tables = span.groups, ctx.tables
    count = number_value(groups["num"], tables) if "num" in groups else 1.0
    if not isinstance(count, float) or count != int(count):
        return None
    if "weekday" in groups:
        surface = groups["weekday"]
        if not surface[:1].isupper():
            return None
        weekday = int(tables.words["weekday"][norm(surface)])
        day = weekday_date(weekday, norm(groups.get("rel", "")), ctx, span)
    else:
        day = _dayref_date(f"{groups['month']} {groups['day']}", ctx, span)
    if day is None:
        return "DATE", "XXXX-XX-XX", "relative"
    unit = norm(groups.get("unit") or groups["unit1"])
    days = int(count) * (7 if unit.startswith("week") else 1)
    sign = -1 if norm(groups["dir"]) == "before" else 1
    return "DATE", periods.day_value(day + dt.timedelta(days=sign * days)), "relative"


def _dayref_date(surface: str, ctx: Context, span: Span) -> dt.date | None:
    """The day a clock time is attached to ("10 p.m. Wednesday", "5 p.m. Nov. 9")."""
    key = norm(surface)
    tables = ctx.tables
    if ctx.anchor is None:
        return None
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if key in offsets:
        return ctx.anchor + dt.timedelta(days=offsets[key])
    if key in tables.words["weekday"]:
        return weekday_date(int(tables.words["weekday"][key]), "", ctx, span)
    match = re.match(r"^(.*?)\s*(\d{1,2})\D*$", key)
    if match and (month := month_number(match.group(1), tables)):
        day = int(match.group(2))
        year = periods.nearest_year(ctx.anchor, month, day, None)
        return periods.make_date(year, month, day)
    return None


def resolve_clock(span: Span, ctx: Context) -> Resolved:
    """A clock time ("7:15 p.m.", "noon Saturday") on its day; with no day, on the day the
    narrative is on (the last day the text named), else the anchor day. A day after a
    parenthesis ("10:35 a.m. (0735 GMT) Friday") dates the time without joining it."""
    groups = span.groups
    if "noon" in groups:
        hour, minute = (24, 0) if norm(groups["noon"]) == "midnight" else (12, 0)
    elif "hourword" in groups:
        count = number_value(groups["hourword"], ctx.tables)
        if not isinstance(count, float) or not 1 <= count <= 12:
            return None
        is_pm = norm(groups["daypart"]) != "morning"
        hour, minute = int(count) % 12 + (12 if is_pm else 0), 0
    elif "hour24" in groups:
        hour, minute = int(groups["hour24"]), int(groups["minute24"])
        if minute > 59:
            return None
    else:
        hour, minute = int(groups["hour"]), int(groups.get("minute") or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        is_pm = groups["ampm"].lower().startswith("p")
        hour = hour % 12 + (12 if is_pm else 0)
    dayref = groups.get("dayref") or groups.get("dayref_after")
    day = _dayref_date(dayref, ctx, span) if dayref else ctx.day or ctx.anchor
    prefix = periods.day_value(day) if day else "XXXX-XX-XX"
    return "TIME", f"{prefix}T{hour:02d}:{minute:02d}", "relative"
