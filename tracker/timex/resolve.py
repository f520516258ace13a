"""Turn a found span into a TimeML type and value, against the anchor (publication) date.

One resolver per grammar `kind` (tracker/data/timex_rules.toml). Each returns (type, value,
source) or None when the span is not a temporal expression after all ("may" the verb, "a
quarter of the staff"). With no anchor, relative expressions keep X's in their value
("XXXX-WXX-5") instead of a guess. The Context carries the discourse: the last quarter,
month and year named, for "a year earlier", "the following month", "that year".
"""

from __future__ import annotations

from collections.abc import Callable

from tracker.timex import amounts, days, fiscal, named, relative
from tracker.timex.context import Context, Resolved
from tracker.timex.grammar import Span

RESOLVERS: dict[str, Callable[[Span, Context], Resolved]] = {
    "calendar": named.resolve_calendar,
    "month": named.resolve_month,
    "season": named.resolve_season,
    "year": named.resolve_year,
    "decade": named.resolve_decade,
    "century": named.resolve_century,
    "holiday": named.resolve_holiday,
    "relative_day": days.resolve_relative_day,
    "part_of_day": days.resolve_part_of_day,
    "weekday": days.resolve_weekday,
    "anchored_day": days.resolve_anchored_day,
    "clock": days.resolve_clock,
    "quarter": fiscal.resolve_quarter,
    "compound_period": fiscal.resolve_compound_period,
    "relative_period": relative.resolve_relative_period,
    "offset": relative.resolve_offset,
    "duration": amounts.resolve_duration,
    "vague_duration": amounts.resolve_vague_duration,
    "reference": amounts.resolve_reference,
    "frequency": amounts.resolve_frequency,
}


def resolve(span: Span, ctx: Context) -> Resolved:
    """(type, value, source) of a span, or None when it is not a temporal expression."""
    return RESOLVERS[span.rule.kind](span, ctx)
