"""Publication dates stated in structured form: headers, record fields, feeds, file names.

Only calendar dates are read here ("2019-02-06", "Thu May 31, 2012 11:27pm EDT",
" 5-MAR-1987 06:46:59.63", "Fri, 20 Jan 2017 13:32:00 GMT"). A date is taken at its own
local day, as the source states it: the time and the offset are not used to move it to
UTC. Relative expressions ("yesterday", "3 hours ago") are not calendar dates and give
None: they are left unresolved, never guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import re
from functools import cache
from importlib.resources import files

from tracker.errors import DataTableError

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d|Z)")
_MONTH_DAY_YEAR = re.compile(
    r"(?:[A-Za-z]+\.?,?\s+)?(?P<mon>[A-Za-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<year>\d{4})\b"
)
_DAY_MONTH_YEAR = re.compile(
    r"(?:[A-Za-z]+\.?,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?[\s-]+(?P<mon>[A-Za-z]+)\.?"
    r"[\s,-]+(?P<year>\d{4})\b"
)
_FILENAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?!\d)")


@cache
def month_numbers() -> dict[str, int]:
    """Load the English month-name table: lowercase name or abbreviation -> month number."""
    text = files("tracker").joinpath("data/month_names.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    if not rows or set(rows[0]) != {"name", "month"}:
        raise DataTableError("month_names.csv: expected columns name,month")
    table: dict[str, int] = {}
    for row in rows:
        name, month = row["name"].strip(), row["month"].strip()
        if not name.isalpha() or name != name.lower() or not month.isdigit():
            raise DataTableError(f"month_names.csv: malformed row {row}")
        if name in table:
            raise DataTableError(f"month_names.csv: {name!r} listed twice")
        table[name] = int(month)
    if set(table.values()) != set(range(1, 13)):
        raise DataTableError("month_names.csv: every month 1-12 needs a name")
    return table


def _make(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the parts do not form one."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _named_month(match: re.Match[str] | None) -> dt.date | None:
    """A date from a match with `mon`, `day` and `year` groups, the month given by name."""
    if match is None:
        return None
    month = month_numbers().get(match["mon"].lower())
    if month is None:
        return None
    return _make(int(match["year"]), month, int(match["day"]))


def parse_date(raw: str) -> dt.date | None:
    """The calendar date a structured date string states, at its own local day, or None."""
    value = raw.strip()
    if not value:
        return None
    iso = _ISO.match(value)
    if iso:
        return _make(int(iso[1]), int(iso[2]), int(iso[3]))
    rfc = email.utils.parsedate_tz(value)
    if rfc is not None and rfc[0] > 0:
        found = _make(rfc[0], rfc[1], rfc[2])
        if found:
            return found
    return _named_month(_MONTH_DAY_YEAR.match(value)) or _named_month(_DAY_MONTH_YEAR.match(value))


def filename_date(name: str) -> tuple[dt.date, str] | None:
    """The first valid YYYY-MM-DD or YYYYMMDD date in a file name, with the matched text."""
    for match in _FILENAME_DATE.finditer(name):
        found = _make(int(match[1]), int(match[2]), int(match[3]))
        if found:
            return found, match[0]
    return None
