"""Publication dates stated in structured form: headers, record fields, feeds, file names.

Only calendar dates are read here ("2019-02-06", "Thu May 31, 2012 11:27pm EDT",
" 5-MAR-1987 06:46:59.63", "Fri, 20 Jan 2017 13:32:00 GMT"), by dateparser in English
with day, month and year all required and its relative-time and timestamp parsers off, so
nothing is ever guessed from "now": relative expressions ("yesterday", "3 hours ago") give
None and are left unresolved. A date is taken at its own local day, as the source states
it: the time and the offset are not used to move it to UTC. (Dates inside article text are
the temporal grammar's job, tracker/timex.)
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from dateparser.date import DateDataParser

#: Day, month and year must all be stated; relative times ("3 hours ago") and bare
#: numbers read as Unix timestamps are not dates a source states.
_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
}
_FILENAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?!\d)")


@cache
def _parser() -> DateDataParser:
    """dateparser for English structured dates, built once per process."""
    return DateDataParser(languages=["en"], settings=_SETTINGS)


def parse_date(raw: str) -> dt.date | None:
    """The calendar date a structured date string states, at its own local day, or None."""
    value = raw.strip()
    if not value:
        return None
    found = _parser().get_date_data(value).date_obj
    return found.date() if found is not None else None


def filename_date(name: str) -> tuple[dt.date, str] | None:
    """The first valid YYYY-MM-DD or YYYYMMDD date in a file name, with the matched text."""
    for match in _FILENAME_DATE.finditer(name):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])), match[0]
        except ValueError:
            continue
    return None
