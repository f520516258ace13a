"""Plain text: one article per file, with two header forms read as metadata, not text.

- a first line `date YYYY-MM-DD ...` (the seed article's form), then optionally
  `field: value` lines of FIELD_LINES (`title:`, `source:`, `date:`, `url:`, `author:`),
  which may also open the file on their own;
- a block of `-- ` lines on top (Reuters 2010-2013 files): title, byline, date, URL.

Anything else is body text; the date then comes from the manifest, the file name or the
--published option.
"""

from __future__ import annotations

import re

from tracker.readers.dates import parse_date
from tracker.readers.draft import Draft, Parsed, clean_field, clean_text

_DATE_LINE = re.compile(r"date\s+(\S*\d\S*)")
_DASH_LINE = re.compile(r"-- ?(.*)")
_BYLINE = re.compile(r"by\s+(.+)", re.I)
_FIELD_LINE = re.compile(r"([A-Za-z]+):\s*(.*\S)")

#: Header field lines (`title: ...`) -> the Draft attribute each fills; `source` is the
#: outlet, as in manifest.csv.
FIELD_LINES = {
    "title": "title",
    "source": "outlet",
    "date": "date_text",
    "url": "url",
    "author": "author",
}


def _read_field_lines(lines: list[str], draft: Draft) -> int:
    """Fill the draft from the `field: value` lines opening `lines`; how many there were."""
    count = 0
    for line in lines:
        field = _FIELD_LINE.fullmatch(line.strip())
        attribute = FIELD_LINES.get(field[1].lower()) if field else None
        if field is None or attribute is None:
            break
        if attribute == "date_text":
            draft.date_text, draft.date_source = field[2], "header"
        else:
            setattr(draft, attribute, clean_field(field[2]))
        count += 1
    return count


def _dash_header(lines: list[str]) -> int:
    """How many `-- ` header lines open the text (0 unless there are at least two)."""
    count = 0
    while count < len(lines) and lines[count].startswith("-- "):
        count += 1
    return count if count >= 2 else 0


def _read_dash_header(lines: list[str], draft: Draft, parsed: Parsed, name: str) -> None:
    """Fill title, author, date and URL from `-- ` header lines; warn on any other line."""
    for position, line in enumerate(lines):
        dash = _DASH_LINE.fullmatch(line)
        assert dash is not None  # _dash_header counted only lines opening with "-- "
        value = " ".join(dash[1].split())
        byline = _BYLINE.fullmatch(value)
        if position == 0:
            draft.title = clean_field(value)
        elif byline and draft.author is None:
            draft.author = clean_field(byline[1])
        elif value.startswith(("http://", "https://")) and draft.url is None:
            draft.url = value
        elif draft.date_text is None and parse_date(value):
            draft.date_text, draft.date_source = value, "header"
        elif value:
            parsed.warnings.append(f"{name}: unrecognised header line {line[:80]!r}")


def read_text(text: str, name: str) -> Parsed:
    """One article from a plain-text file, its header (if any) read as metadata."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parsed = Parsed()
    draft = Draft(record_index=0, text="")
    header = _DATE_LINE.match(lines[0])
    if header:
        draft.date_text, draft.date_source = header[1], "header"
        lines = lines[1:]
    if size := _read_field_lines(lines, draft):
        lines = lines[size:]
    elif not header and (size := _dash_header(lines)):
        _read_dash_header(lines[:size], draft, parsed, name)
        lines = lines[size:]
    draft.text = clean_text("\n".join(lines))
    if draft.text:
        parsed.drafts.append(draft)
    else:
        parsed.skipped.append((0, "no text after the header"))
    return parsed
