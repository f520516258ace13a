"""Calendar arithmetic and TimeML value formatting for the temporal resolver.

Pure functions over datetime.date: no word lists, no text. `value_date` maps a TimeML value
back to the (date, precision) pair the event records use.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
NEAR_DAYS = 31
MONTHS_AHEAD = 4
_YEAR_PART = re.compile(r"^(\d{4})(?:-(?:Q[1-4]|H[12]|SP|SU|FA|WI))?$")


def day_value(day: dt.date) -> str:
    """TimeML value of a calendar day."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def week_value(day: dt.date) -> str:
    """TimeML value of the ISO week that contains `day` (2019-W05)."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by a signed number of months."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the day does not exist in that month (Feb. 30)."""
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, nth: int, first_day: int = 1) -> dt.date:
    """The nth ISO weekday (1=Monday) of a month counted from `first_day` of the month;
    nth=-1 is the last one. US Election Day is the first Tuesday from Nov. 2."""
    days = [
        dt.date(year, month, d)
        for d in range(first_day, calendar.monthrange(year, month)[1] + 1)
        if dt.date(year, month, d).isoweekday() == weekday
    ]
    return days[nth - 1] if nth > 0 else days[nth]


def easter_sunday(year: int) -> dt.date:
    """Western (Gregorian) Easter Sunday of a year: the anonymous Gregorian computus."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_skip, leap_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (century - correction + 1) // 3
    epact = (19 * golden + century - leap_skip - moon + 15) % 30
    four, seven = divmod(rest, 4)
    weekday = (32 + 2 * leap_rest + 2 * four - epact - seven) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return dt.date(year, month, day + 1)


def weekday_near(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    """The `weekday` nearest `anchor`: "past" (on or before), "future" (on or after),
    "before" (strictly before), "after" (strictly after), "week" (same ISO week)."""
    delta = weekday - anchor.isoweekday()
    if direction == "week":
        return anchor + dt.timedelta(days=delta)
    if direction in ("past", "before"):
        back = (-delta) % 7
        if back == 0 and direction == "before":
            back = 7
        return anchor - dt.timedelta(days=back)
    ahead = delta % 7
    if ahead == 0 and direction == "after":
        ahead = 7
    return anchor + dt.timedelta(days=ahead)


def nearest_year(anchor: dt.date, month: int, day: int | None, direction: str | None) -> int:
    """Year for a month (and day) named without one: the latest one not after the anchor
    ("past"), the first one not before it ("future"), or with no direction the nearest
    day; a bare month with no direction is the coming one when it is at most MONTHS_AHEAD
    months away, else the latest one (news reports what happened "in March").
    A bare month is compared month to month, so "March" in a March article is this March.
    A day within NEAR_DAYS of the anchor is taken as it is, whatever the tense: "by Jan. 14"
    in a Jan. 15 article is the day before, not next year."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is None:
            distance = (year * 12 + month) - (anchor.year * 12 + anchor.month)
        else:
            point = make_date(year, month, day) or dt.date(year, month, 1)
            distance = (point - anchor).days
        candidates.append((year, distance))
    nearest = min(candidates, key=lambda c: (abs(c[1]), c[0] != anchor.year))
    if day is not None and abs(nearest[1]) <= NEAR_DAYS:
        return nearest[0]
    if direction == "future":
        return min(c for c in candidates if c[1] >= 0)[0]
    if direction is None and day is None:
        ahead = min(c for c in candidates if c[1] >= 0)
        if ahead[1] <= MONTHS_AHEAD:
            return ahead[0]
    if direction == "past" or day is None:
        return max(c for c in candidates if c[1] <= 0)[0]
    return nearest[0]


def value_date(value: str) -> tuple[dt.date | None, str | None]:
    """(first day of the named period, precision) for a TimeML value, or (None, None).

    Weeks take the month of their Monday (guideline); quarters, halves and seasons take
    their year, the coarsest precision the words support.
    """
    match = _DAY.match(value)
    if match:
        day = make_date(*map(int, match.groups()))
        return (day, "day") if day else (None, None)
    match = _MONTH.match(value)
    if match:
        year, month = map(int, match.groups())
        valid = 1 <= month <= 12 and 1 <= year <= 9999
        return (dt.date(year, month, 1), "month") if valid else (None, None)
    match = _WEEK.match(value)
    if match:
        try:
            monday = dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        except ValueError:
            return None, None
        return monday.replace(day=1), "month"
    match = _YEAR_PART.match(value)
    if match and int(match.group(1)) >= 1:
        return dt.date(int(match.group(1)), 1, 1), "year"
    return None, None
