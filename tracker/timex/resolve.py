"""Turn a found span into a TimeML type and value, against the anchor (publication) date.

One resolver per grammar `kind`. Each returns (type, value, source) or None when the span
is not a temporal expression after all ("may" the verb, "a quarter of the staff"). With no
anchor, relative expressions keep X's in their value ("XXXX-WXX-5") instead of a guess.
Discourse carries the last quarter and year named, for "a year earlier", "that year".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from tracker.timex import periods
from tracker.timex.direction import cue_direction
from tracker.timex.grammar import Span
from tracker.timex.tables import Tables

Resolved = tuple[str, str, str] | None
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"^(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?$")
_FRACTION = re.compile(r"^(\d)/(\d)$")
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_TIME_UNITS = {"H", "MIN", "S"}
_FRACTION_UNITS = {"Y": ("M", 12), "H": ("M", 60)}
# "$2 million a year", "700 seats a week": a rate, not a length of time.
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|hundred|percent|cents|dollars|times))\s+$",
    re.IGNORECASE,
)
_MONTH_CUE_WORDS = frozenset(
    {
        "in",
        "since",
        "by",
        "until",
        "till",
        "through",
        "before",
        "after",
        "during",
        "of",
        "from",
        "to",
        "last",
        "next",
        "this",
        "early",
        "mid",
        "late",
        "end",
        "for",
        "between",
        "and",
        "on",
        "around",
        "throughout",
        "beginning",
        "start",
        "middle",
        "as",
    }
)
_DURATION_CUE_WORDS = frozenset(
    {
        "for",
        "in",
        "over",
        "within",
        "after",
        "took",
        "take",
        "takes",
        "lasted",
        "last",
        "spent",
        "spend",
        "spending",
    }
)


@dataclass
class Context:
    """What the resolvers need besides the span: the text, anchor, tables, discourse."""

    text: str
    anchor: dt.date | None
    tables: Tables
    quarter: tuple[int, int] | None = None
    year: int | None = None
    month: tuple[int, int] | None = None


def _key(surface: str) -> str:
    """Normalise a matched word for table look-up."""
    return _SPACES.sub(" ", surface.strip().lower())


def number_value(surface: str, tables: Tables) -> float | str | None:
    """A count from digits or words ("2 1/2", "twenty-four", "a dozen"); "X" when vague."""
    key = _key(surface).replace("-", " ")
    if key in tables.words["vague_number"]:
        return "X"
    if key in tables.words["number"]:
        return float(tables.words["number"][key])
    match = _DIGITS.match(key)
    if match:
        whole = float(match.group(1))
        if match.group(2):
            whole += int(match.group(2)) / int(match.group(3))
        return whole
    match = _FRACTION.match(key)
    if match:
        return int(match.group(1)) / int(match.group(2))
    parts = key.split()
    numbers = tables.words["number"]
    if len(parts) == 2 and parts[0] in numbers and parts[1] in numbers:
        return float(numbers[parts[0]]) + float(numbers[parts[1]])
    return None


def _count(number: float | str) -> str:
    """A count as written in a TimeML duration: 3, 2.5, X."""
    if isinstance(number, str):
        return number
    return str(int(number)) if number == int(number) else f"{number:g}"


def year_value(surface: str, tables: Tables) -> int | None:
    """A year from "1987" or spelled out ("nineteen ninety-one", "two thousand")."""
    key = _key(surface).replace("-", " ")
    if key.isdigit():
        return int(key)
    numbers = tables.words["number"]
    parts = key.split()
    if parts[:2] == ["two", "thousand"]:
        rest = [p for p in parts[2:] if p != "and"]
        return 2000 + int(sum(float(numbers.get(p, 0)) for p in rest))
    if len(parts) >= 2 and parts[0] in numbers:
        century = int(numbers[parts[0]])
        if parts[1] == "hundred":
            return century * 100
        return century * 100 + int(sum(float(numbers.get(p, 0)) for p in parts[1:]))
    return None


def _preceding_word(ctx: Context, span: Span) -> str:
    """The word just before the span, lower-cased ("" at the start of the text)."""
    words = re.findall(r"[A-Za-z]+", ctx.text[max(0, span.start - 30) : span.start])
    return words[-1].lower() if words else ""


def _direction(ctx: Context, span: Span) -> str | None:
    """Past/future cue of the sentence; "since" reads as past for calendar names."""
    direction = cue_direction(ctx.text, span.start, ctx.tables, verb_endings=False)
    return "past" if direction == "since" else direction


def _month_number(surface: str, tables: Tables) -> int | None:
    """Month number of a month word ("Sept." -> 9)."""
    value = tables.words["month"].get(_key(surface))
    return int(value) if value is not None else None


def _month_is_word(surface: str, tables: Tables) -> bool:
    """True when a month word is written like an ordinary word ("may", "march")."""
    return not surface[:1].isupper() or (
        _key(surface) in tables.words["ambiguous_month"] and surface.isupper() and len(surface) > 3
    )


def _relative_year(rel: str, anchor: dt.date | None) -> int | None:
    """ "last/this/next year" -> the year, or None without an anchor."""
    if anchor is None:
        return None
    return anchor.year + {"last": -1, "this": 0, "next": 1}[_key(rel)]


def resolve_calendar(span: Span, ctx: Context) -> Resolved:
    """A calendar date: month and day (and year), month and year, ISO and numeric dates."""
    groups, tables = span.groups, ctx.tables
    if "monthnum" in groups:
        month = int(groups["monthnum"])
    else:
        if _month_is_word(groups["month"], tables):
            return None
        month = _month_number(groups["month"], tables)
    if "day" in groups:
        day: int | None = int(re.sub(r"\D", "", groups["day"]))
    elif "dayword" in groups:
        day = int(tables.words["ordinal"][_key(groups["dayword"])])
    else:
        day = None
    if month is None or (day is not None and not 1 <= day <= 31):
        return None
    if "year" in groups:
        year = year_value(groups["year"], tables)
    elif "rel" in groups:
        year = _relative_year(groups["rel"], ctx.anchor)
    elif ctx.anchor is not None:
        year = periods.nearest_year(ctx.anchor, month, day or 1, _direction(ctx, span))
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
    return ("DATE", periods.day_value(date), "explicit") if date else None


def resolve_month(span: Span, ctx: Context) -> Resolved:
    """A month named alone ("in March", "last May"): the nearest one the tense allows."""
    surface = span.groups["month"]
    if _month_is_word(surface, ctx.tables):
        return None
    rel = _key(span.groups.get("rel", ""))
    if "." not in surface and len(surface) <= 4 and _key(surface) not in ("may", "june", "july"):
        return None
    is_ambiguous = _key(surface) in ctx.tables.words["ambiguous_month"]
    if is_ambiguous and not (rel or span.prefix or _preceding_word(ctx, span) in _MONTH_CUE_WORDS):
        return None
    month = _month_number(surface, ctx.tables)
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
        year = periods.nearest_year(ctx.anchor, month, None, _direction(ctx, span))
    ctx.month = (year, month)
    return "DATE", f"{year:04d}-{month:02d}", "explicit"


def resolve_season(span: Span, ctx: Context) -> Resolved:
    """A season: "last fall", "the summer of 1998", "this winter"."""
    groups = span.groups
    rel = _key(groups.get("rel", ""))
    if not (rel or "year" in groups or span.prefix):
        return None
    code = str(ctx.tables.words["season"][_key(groups["season"])])
    if "year" in groups:
        year = year_value(groups["year"], ctx.tables)
        return ("DATE", f"{year:04d}-{code}", "explicit") if year else None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{code}", "relative"
    shift = {
        "last": -1,
        "this past": -1,
        "the past": -1,
        "next": 1,
        "this coming": 1,
        "the coming": 1,
    }.get(rel, 0)
    return "DATE", f"{ctx.anchor.year + shift:04d}-{code}", "relative"


def resolve_year(span: Span, ctx: Context) -> Resolved:
    """A year: "1987", "fiscal 1989", "nineteen ninety-one"."""
    year = year_value(span.groups["year"], ctx.tables)
    if year is None or not 1000 <= year <= 2199:
        return None
    if (
        year < 1800
        and "fiscal" not in span.groups
        and _preceding_word(ctx, span)
        not in ("in", "since", "of", "by", "until", "from", "year", "around", "before", "after")
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
    word = _key(groups.get("decword") or groups["decword2"])
    century = 18 if _key(groups.get("decyear", "")) == "eighteen" else 19
    return "DATE", f"{century}{words.index(word) + 2}", "explicit"


def resolve_century(span: Span, ctx: Context) -> Resolved:
    """A century: "the 20th century" -> 19."""
    surface = _key(span.groups["ordinal"])
    number = ctx.tables.words["ordinal"].get(surface)
    if number is None:
        digits = re.sub(r"\D", "", surface)
        number = int(digits) if digits else None
    if not number or int(number) < 1:
        return None
    return "DATE", f"{int(number) - 1:02d}", "explicit"


def _day_with_part(day: dt.date | None, part: str | None, ctx: Context) -> tuple[str, str]:
    """(type, value) of a day, with a part of the day ("morning" -> TMO) as a TIME."""
    value = periods.day_value(day) if day else "XXXX-XX-XX"
    if not part:
        return "DATE", value
    return "TIME", f"{value}T{ctx.tables.words['part_of_day'][_key(part)]}"


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
    word = _key(span.groups["word"])
    day = ctx.anchor + dt.timedelta(days=offsets[word]) if ctx.anchor else None
    kind, value = _day_with_part(day, span.groups.get("part"), ctx)
    return kind, value, "relative"


def resolve_part_of_day(span: Span, ctx: Context) -> Resolved:
    """ "this morning", "last night", "yesterday afternoon"."""
    rel = _key(span.groups["rel"])
    part = _key(span.groups["part"])
    offset = -1 if rel == "yesterday" or (rel == "last" and part in ("night", "evening")) else 0
    offset = 1 if rel == "tomorrow" else offset
    day = ctx.anchor + dt.timedelta(days=offset) if ctx.anchor else None
    kind, value = _day_with_part(day, part, ctx)
    return kind, value, "relative"


def weekday_date(weekday: int, rel: str, ctx: Context, span: Span) -> dt.date | None:
    """The date a weekday names, from its modifier or else from the sentence's tense."""
    if ctx.anchor is None:
        return None
    if rel in ("last", "this past", "past", "the previous"):
        return periods.weekday_near(ctx.anchor, weekday, "before")
    if rel in ("next", "this coming", "the coming", "coming", "the following"):
        return periods.weekday_near(ctx.anchor, weekday, "after")
    if rel == "this":
        return periods.weekday_near(ctx.anchor, weekday, "week")
    if ctx.text.startswith("'s", span.end):
        return periods.weekday_near(ctx.anchor, weekday, "past")
    direction = cue_direction(ctx.text, span.start, ctx.tables)
    if direction == "since" and weekday == ctx.anchor.isoweekday():
        return periods.weekday_near(ctx.anchor, weekday, "before")
    return periods.weekday_near(ctx.anchor, weekday, "future" if direction == "future" else "past")


def resolve_weekday(span: Span, ctx: Context) -> Resolved:
    """A weekday ("Wednesday", "last Friday", "Monday morning")."""
    surface = span.groups["weekday"]
    if not surface[:1].isupper():
        return None
    weekday = int(ctx.tables.words["weekday"][_key(surface)])
    day = weekday_date(weekday, _key(span.groups.get("rel", "")), ctx, span)
    part = span.groups.get("part")
    if day is None:
        suffix = f"T{ctx.tables.words['part_of_day'][_key(part)]}" if part else ""
        return ("TIME" if part else "DATE"), f"XXXX-WXX-{weekday}{suffix}", "relative"
    kind, value = _day_with_part(day, part, ctx)
    return kind, value, "relative"


def _dayref_date(surface: str, ctx: Context, span: Span) -> dt.date | None:
    """The day a clock time is attached to ("10 p.m. Wednesday", "5 p.m. Nov. 9")."""
    key = _key(surface)
    tables = ctx.tables
    if ctx.anchor is None:
        return None
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if key in offsets:
        return ctx.anchor + dt.timedelta(days=offsets[key])
    if key in tables.words["weekday"]:
        return weekday_date(int(tables.words["weekday"][key]), "", ctx, span)
    match = re.match(r"^(.*?)\s*(\d{1,2})\D*$", key)
    if match and _month_number(match.group(1), tables):
        month = _month_number(match.group(1), tables)
        day = int(match.group(2))
        year = periods.nearest_year(ctx.anchor, month, day, None)
        return periods.make_date(year, month, day)
    return None


def resolve_clock(span: Span, ctx: Context) -> Resolved:
    """A clock time ("7:15 p.m.", "noon Saturday") on its day, or on the anchor day."""
    groups = span.groups
    if "noon" in groups:
        hour, minute = (12, 0) if _key(groups["noon"]) == "noon" else (24, 0)
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
    day = _dayref_date(groups["dayref"], ctx, span) if "dayref" in groups else ctx.anchor
    prefix = periods.day_value(day) if day else "XXXX-XX-XX"
    return "TIME", f"{prefix}T{hour:02d}:{minute:02d}", "relative"


def _holiday_day(key: str, year: int, tables: Tables) -> dt.date:
    """The date of a named day in a given year."""
    words = tables.words
    if key in words["holiday"]:
        month, day = (int(p) for p in str(words["holiday"][key]).split("-"))
        return periods.make_date(year, month, day) or dt.date(year, month, 1)
    month, weekday, nth = (int(p) for p in str(words["floating_holiday"][key]).split(":"))
    return periods.nth_weekday(year, month, weekday, nth)


def resolve_holiday(span: Span, ctx: Context) -> Resolved:
    """A named day ("Christmas", "Thanksgiving Day") in the stated or nearest year."""
    groups, words = span.groups, ctx.tables.words
    key = _key(groups["holiday"])
    if "year" in groups:
        year: int | None = int(groups["year"])
    elif ctx.anchor is not None and "rel" in groups:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(_key(groups["rel"]), 0)
    elif ctx.anchor is not None:
        day = _holiday_day(key, ctx.anchor.year, ctx.tables)
        year = periods.nearest_year(ctx.anchor, day.month, day.day, _direction(ctx, span))
    else:
        year = None
    if key in words["holiday"]:
        month_day = str(words["holiday"][key])
        return (
            "DATE",
            f"{year:04d}-{month_day}" if year else f"XXXX-{month_day}",
            "explicit" if "year" in groups else "relative",
        )
    month, weekday, nth = (int(p) for p in str(words["floating_holiday"][key]).split(":"))
    if year is None:
        return "DATE", f"XXXX-{month:02d}", "relative"
    day = periods.nth_weekday(year, month, weekday, nth)
    return "DATE", periods.day_value(day), "explicit" if "year" in groups else "relative"


def _reference_quarter(ctx: Context) -> tuple[int, int] | None:
    """The quarter under discussion: the last one named, else the last one completed."""
    if ctx.quarter:
        return ctx.quarter
    if ctx.anchor is None:
        return None
    current = (ctx.anchor.month - 1) // 3 + 1
    return (ctx.anchor.year, current - 1) if current > 1 else (ctx.anchor.year - 1, 4)


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
    if "last year" in pre or _key(groups.get("rel", "")) == "last":
        return ctx.anchor.year - 1
    if "next year" in pre or _key(groups.get("rel", "")) == "next":
        return ctx.anchor.year + 1
    if "year-earlier" in pre or "year-ago" in pre or "year-before" in pre:
        reference = _reference_quarter(ctx)
        return reference[0] - 1 if reference else ctx.anchor.year - 1
    current = (ctx.anchor.month - 1) // 3 + 1
    return ctx.anchor.year - 1 if current == 1 and number == 4 else ctx.anchor.year


def _reference_period(pre: str, ctx: Context) -> Resolved:
    """ "the latest period", "the 1988 period", "the year-earlier period": the quarter under
    discussion, in the stated year or a year back; other periods are not resolved."""
    reference = _reference_quarter(ctx)
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
    """A fiscal quarter or half: "third-quarter", "the latest quarter", "the first half"."""
    groups = span.groups
    pre = _key(groups.get("pre", ""))
    ordinal = _key(groups.get("ordinal", "")).replace("-half", "")
    unit = _key(groups["unit"])
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
    else:
        reference = _reference_quarter(ctx)
        if reference is None:
            return "DATE", "XXXX-QX", "relative"
        year, number = reference
        if ordinal == "last" and not ctx.quarter and ctx.anchor is not None:
            year, number = _reference_quarter(Context(ctx.text, ctx.anchor, ctx.tables))
        if "year-earlier" in pre or "year-ago" in pre or "last year" in pre:
            year -= 1
    if year is None:
        return "DATE", f"XXXX-Q{number}", "relative"
    if "year-earlier" not in pre and "year-ago" not in pre and "last year" not in pre:
        ctx.quarter = (year, number)
    return "DATE", f"{year:04d}-Q{number}", "relative"


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
    """"the following month", "that year", "the previous year": counted from the month or
    year the text last named (narrative time), not from the publication date."""
    shifts = {"the following": 1, "the next": 1, "the previous": -1, "the prior": -1,
              "the preceding": -1, "that": 0, "the same": 0}
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
    """ "last week", "this month", "the past year", "next year", "the year-earlier quarter"."""
    rel = _key(span.groups["rel"])
    unit = _key(span.groups["unit"])
    if unit in ctx.tables.words["season"] or unit == "half":
        return None
    backward = {
        "last",
        "this past",
        "the past",
        "the last",
        "the previous",
        "the prior",
        "the preceding",
    }
    forward = {"next", "this coming", "the coming", "the next", "the following"}
    shift = -1 if rel in backward else 1 if rel in forward else 0
    if unit == "year" and rel == "the" and not span.prefix:
        return "DURATION", "P1Y", "explicit"
    narrated = _narrative_period(rel, unit, ctx)
    if narrated:
        return "DATE", narrated, "relative"
    if unit == "weekend" and shift == 0 and _weekend_is_past(span, ctx):
        shift = -1
    if unit == "quarter":
        reference = _reference_quarter(ctx)
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


def resolve_compound_period(span: Span, ctx: Context) -> Resolved:
    """ "year-end", "year-earlier", "the year-ago period", "the same period last year"."""
    word = _key(span.groups["word"])
    anchor = ctx.anchor
    if anchor is None:
        return "DATE", "XXXX", "relative"
    if word == "year-end":
        since = cue_direction(ctx.text, span.start, ctx.tables) == "since"
        return "DATE", f"{anchor.year - since:04d}-12-31", "relative"
    if word == "month-end":
        return "DATE", f"{anchor.year:04d}-{anchor.month:02d}", "relative"
    if word in ("year-to-date", "week-end"):
        return "DATE", f"{anchor.year:04d}", "relative"
    reference = _reference_quarter(ctx)
    if word == "quarter-end" and reference:
        return "DATE", f"{reference[0]:04d}-Q{reference[1]}", "relative"
    if ctx.quarter and reference:
        return "DATE", f"{reference[0] - 1:04d}-Q{reference[1]}", "relative"
    return "DATE", f"{anchor.year - 1:04d}", "relative"


def _shifted(unit: str, amount: int, ctx: Context) -> str | None:
    """Value of the anchor moved by `amount` units, at the unit's granularity."""
    anchor = ctx.anchor
    if anchor is None:
        return None
    if unit in ("D", "H", "MIN", "S"):
        step = amount if unit == "D" else 0
        return periods.day_value(anchor + dt.timedelta(days=step))
    if unit == "W":
        return periods.day_value(anchor + dt.timedelta(weeks=amount))
    if unit == "M":
        year, month = periods.shift_months(anchor.year, anchor.month, amount)
        return f"{year:04d}-{month:02d}"
    if unit == "Q":
        year, month = periods.shift_months(anchor.year, anchor.month, 3 * amount)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "Y":
        return f"{anchor.year + amount:04d}"
    if unit == "DE":
        return f"{anchor.year + 10 * amount:04d}"
    if unit == "CE":
        return f"{(anchor.year + 100 * amount) // 100:02d}"
    return None


def resolve_offset(span: Span, ctx: Context) -> Resolved:
    """ "two weeks ago", "a year earlier", "three days later"."""
    groups, tables = span.groups, ctx.tables
    unit = str(tables.words["unit"][_key(groups["unit"])])
    number = number_value(groups["num"], tables)
    if number is None:
        return None
    backward = _key(groups["dir"]) in ("ago", "earlier", "before", "back", "previously")
    if number == "X":
        return "DATE", "PAST_REF" if backward else "FUTURE_REF", "relative"
    amount = int(number) * (-1 if backward else 1)
    if unit == "Y" and ctx.quarter and _key(groups["dir"]) in ("ago", "earlier"):
        return "DATE", f"{ctx.quarter[0] + amount:04d}-Q{ctx.quarter[1]}", "relative"
    value = _shifted(unit, amount, ctx)
    if value is None:
        return ("DATE", "XXXX-XX-XX", "relative") if ctx.anchor is None else None
    return "DATE", value, "relative"


def duration_value(number: float | str, unit: str) -> str:
    """TimeML duration: P3M, PT2H, PXY, P1DE; a fraction of a year or an hour is carried
    into the next smaller unit (2 1/2 years -> P2Y6M, 5 1/2 hours -> PT5H30M)."""
    if isinstance(number, float) and number != int(number) and unit in _FRACTION_UNITS:
        whole, (smaller, per) = int(number), _FRACTION_UNITS[unit]
        rest = round((number - whole) * per)
        time = "T" if unit == "H" else ""
        head = f"{whole}{unit}" if whole else ""
        return f"P{time}{head}{rest}{smaller}"
    letter = "M" if unit == "MIN" else unit
    time = "T" if unit in _TIME_UNITS else ""
    return f"P{time}{_count(number)}{letter}"


def resolve_duration(span: Span, ctx: Context) -> Resolved:
    """A length of time: "three years", "the past two months", "a 10-year", "8-month-old"."""
    groups, tables = span.groups, ctx.tables
    unit_key = _key(groups["unit"])
    unit = str(tables.words["unit"].get(unit_key, ""))
    number = number_value(groups["num"], tables)
    if number is None or not unit or unit == "X":
        return None
    if _key(groups["num"]) in ("a", "an") and _AMOUNT_BEFORE.search(
        ctx.text, max(0, span.start - 30), span.start
    ):
        return None
    if "old" in groups or (
        _key(groups["num"]) in ("a", "an") and (unit_key.endswith("s") or unit == "S")
    ):
        return None
    return "DURATION", duration_value(number, unit), "explicit"


def resolve_vague_duration(span: Span, ctx: Context) -> Resolved:
    """Plural units with no count: "for years", "the past few weeks", "recent months"."""
    groups = span.groups
    if not ("rel" in groups or span.prefix or _preceding_word(ctx, span) in _DURATION_CUE_WORDS):
        return None
    unit = str(ctx.tables.words["unit"][_key(groups["unit"])])
    return "DURATION", duration_value("X", unit), "explicit"


def resolve_reference(span: Span, ctx: Context) -> Resolved:
    """now, currently, recently, the future ... -> PRESENT_REF / PAST_REF / FUTURE_REF."""
    value = str(ctx.tables.words["reference"][_key(span.groups["word"])])
    return "DATE", value, "relative"


def resolve_frequency(span: Span, ctx: Context) -> Resolved:
    """A set: "daily", "every Thursday", "each July", "every two years"."""
    groups, words = span.groups, ctx.tables.words
    if "word" in groups:
        return "SET", str(words["frequency"][_key(groups["word"])]), "explicit"
    if "weekday" in groups or "weekdays" in groups:
        surface = _key(groups.get("weekday") or groups["weekdays"])
        weekday = words["weekday"].get(surface) or words["weekday_plural"][surface]
        part = groups.get("part")
        suffix = f"T{words['part_of_day'][_key(part)]}" if part else ""
        return "SET", f"XXXX-WXX-{weekday}{suffix}", "explicit"
    if "month" in groups:
        return "SET", f"XXXX-{_month_number(groups['month'], ctx.tables):02d}", "explicit"
    if "season" in groups:
        return "SET", f"XXXX-{words['season'][_key(groups['season'])]}", "explicit"
    number = number_value(groups["num"], ctx.tables)
    unit = str(words["unit"][_key(groups["unit"])])
    if number is None:
        return None
    return "SET", duration_value(number, unit), "explicit"


RESOLVERS: dict[str, Callable[[Span, Context], Resolved]] = {
    "calendar": resolve_calendar,
    "month": resolve_month,
    "season": resolve_season,
    "year": resolve_year,
    "decade": resolve_decade,
    "century": resolve_century,
    "relative_day": resolve_relative_day,
    "part_of_day": resolve_part_of_day,
    "weekday": resolve_weekday,
    "clock": resolve_clock,
    "holiday": resolve_holiday,
    "quarter": resolve_quarter,
    "relative_period": resolve_relative_period,
    "compound_period": resolve_compound_period,
    "offset": resolve_offset,
    "duration": resolve_duration,
    "vague_duration": resolve_vague_duration,
    "reference": resolve_reference,
    "frequency": resolve_frequency,
}


def resolve(span: Span, ctx: Context) -> Resolved:
    """(type, value, source) of a span, or None when it is not a temporal expression."""
    return RESOLVERS[span.rule.kind](span, ctx)
