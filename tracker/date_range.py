"""The dates the tracker accepts, in one place, and why these bounds.

A date outside them is a misreading or a forgery (a header saying 9999-12-31, a year read
as 0001), never news: stored, it would spoil every timeline's range, and date arithmetic
on it overflows. Such a date is refused with a warning: a publication date falls through
to the next source (manifest, file name, ...); an event keeps its words but no date.

- `EARLIEST` (1800-01-01): the sanctions and policy acts this tracker follows, and the
  archives it reads (Reuters-21578 is from 1987), are modern; a text dated earlier is
  history, not news.
- A publication date is not after today: an article cannot have appeared in the future.
- An event date is not more than `PLANNED_YEARS` (50) after its article's date (or today,
  for an undated article): a planned act ("the embargo will lapse in 2045") may lie ahead,
  but not further than any policy is planned.
"""

from __future__ import annotations

import datetime as dt

EARLIEST = dt.date(1800, 1, 1)
PLANNED_YEARS = 50


def _years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (28 February for a 29 February), capped at date.max."""
    year = min(day.year + years, dt.MAXYEAR)
    return day.replace(year=year, day=min(day.day, 28) if day.month == 2 else day.day)


def latest_event_date(published: dt.date | None, today: dt.date | None = None) -> dt.date:
    """The last event date accepted in an article published on `published`."""
    return _years_after(published or today or dt.date.today(), PLANNED_YEARS)


def publication_refusal(date: dt.date, today: dt.date | None = None) -> str | None:
    """Why a publication date cannot be right, or None when it is plausible."""
    today = today or dt.date.today()
    if date < EARLIEST:
        return f"is before {EARLIEST.isoformat()}"
    if date > today:
        return f"is after today ({today.isoformat()})"
    return None


def event_date_refusal(
    date: dt.date, published: dt.date | None, today: dt.date | None = None
) -> str | None:
    """Why an event date cannot be right in an article published on `published`, or None."""
    if date < EARLIEST:
        return f"is before {EARLIEST.isoformat()}"
    latest = latest_event_date(published, today)
    if date > latest:
        return (
            f"is more than {PLANNED_YEARS} years after the article's date "
            f"(latest accepted {latest.isoformat()})"
        )
    return None
