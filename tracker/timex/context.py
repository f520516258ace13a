"""What every resolver shares: the Context (text, anchor, tables, discourse state) and
small readers of the words around a span."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tracker.timex.direction import cue_direction
from tracker.timex.grammar import Span
from tracker.timex.tables import Tables

Resolved = tuple[str, str, str] | None
_SPACES = re.compile(r"\s+")


@dataclass
class Context:
    """What the resolvers need besides the span: the text, anchor, tables, and the
    discourse: the last quarter, year, month and day the text named."""

    text: str
    anchor: dt.date | None
    tables: Tables
    quarter: tuple[int, int] | None = None
    year: int | None = None
    month: tuple[int, int] | None = None
    day: dt.date | None = None


def norm(surface: str) -> str:
    """Normalise a matched word for table look-up."""
    return _SPACES.sub(" ", surface.strip().lower())


def preceding_word(ctx: Context, span: Span) -> str:
    """The word just before the span, lower-cased ("" at the start of the text)."""
    words = re.findall(r"[A-Za-z]+", ctx.text[max(0, span.start - 30) : span.start])
    return words[-1].lower() if words else ""


def tense_direction(ctx: Context, span: Span) -> str | None:
    """Past/future cue of the sentence, before the expression or else after it; "since"
    reads as past for calendar names, and a limit ("gave them until mid-November") takes
    no direction from its clause: the deadline may lie after the act that set it."""
    direction = cue_direction(ctx.text, span.start, ctx.tables, verb_endings=False, end=span.end)
    if direction == "bound":
        return None
    return "past" if direction == "since" else direction


def month_number(surface: str, tables: Tables) -> int | None:
    """Month number of a month word ("Sept." -> 9)."""
    value = tables.words["month"].get(norm(surface))
    return int(value) if value is not None else None
