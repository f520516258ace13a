"""What a format reader hands back: article drafts, before dates and ids are settled.

A format reader knows what its file states (text, title, a date string and where it sat);
the shared assembly step (`tracker.readers.core`) adds what the folder knows (the manifest,
the file name, the --published option), picks the date and computes ids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

DateGuess = Callable[[], tuple[dt.date, str] | None]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass
class Draft:
    """One article as its file states it.

    `date_text` is a structured date found in the file and `date_source` says where
    (header, record, feed); `guess_date` is a fallback tried after the manifest (HTML).
    """

    record_index: int
    text: str
    title: str | None = None
    url: str | None = None
    author: str | None = None
    outlet: str | None = None
    date_text: str | None = None
    date_source: str | None = None
    guess_date: DateGuess | None = None


@dataclass
class Parsed:
    """A file's drafts, its records that could not be read, and warnings (one line each)."""

    drafts: list[Draft] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def clean_text(text: str) -> str:
    """Normalise line ends and spacing, keep paragraph breaks as one blank line."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_field(value: object) -> str | None:
    """A one-line metadata value (title, author, url), or None when empty."""
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    text = " ".join(str(value).split())
    return text or None
