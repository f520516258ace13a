"""Find temporal expression spans: run the grammar rules, keep the longest, add modifiers.

Finding is separate from resolving: a Span carries the rule that matched and its named
groups; tracker.timex.resolve turns it into a TimeML value against an anchor date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.timex.tables import Rule, Tables

_PREFIX_LOOKBACK = 40
_COUNTED_KINDS = frozenset({"duration", "vague_duration", "offset"})
_DETERMINER = re.compile(r"(?:the|these|those|its|their|his|her|our)\s", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    """A matched expression: offsets, the rule, and the rule's named groups."""

    start: int
    end: int
    rule: Rule
    groups: dict[str, str]
    prefix: str = ""


def _candidates(text: str, tables: Tables) -> list[tuple[int, int, int, Rule, re.Match[str]]]:
    """Every match of every rule as (start, end, rule order, rule, match), except a lone
    word of the [not_alone] list ("spring" is not a date without "last" or a year)."""
    found = []
    not_alone = tables.words["not_alone"]
    triggered: dict[str, bool] = {}
    for order, rule in enumerate(tables.rules):
        if rule.trigger is not None:
            key = rule.trigger.pattern
            if key not in triggered:
                triggered[key] = rule.trigger.search(text) is not None
            if not triggered[key]:
                continue
        for match in rule.regex.finditer(text):
            start, end = match.span()
            if end > start and match.group(0).strip().lower() not in not_alone:
                found.append((start, end, order, rule, match))
    return found


def _longest_first(found: list, length: int) -> list:
    """Greedy selection of non-overlapping matches: longest, then earliest rule wins.

    A per-character occupancy map keeps this linear in the matched text, so a megabyte
    of dates costs no more per match than a short article.
    """
    found.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    occupied = bytearray(length)
    chosen = []
    for cand in found:
        start, end = cand[0], cand[1]
        if any(occupied[start:end]):
            continue
        occupied[start:end] = b"\x01" * (end - start)
        chosen.append(cand)
    chosen.sort(key=lambda c: c[0])
    return chosen


def _with_prefix(text: str, start: int, rule: Rule, tables: Tables, floor: int) -> int:
    """Move `start` left over a modifier ("mid-", "late", "nearly") that belongs to the span.

    Amounts of time ("nearly two years", "almost two years ago") take the quantity
    modifiers; a span that opens with a determiner ("the past 20 years") takes none.
    """
    if rule.kind in _COUNTED_KINDS:
        if _DETERMINER.match(text, start):
            return start
        prefix = tables.duration_prefix
    else:
        prefix = tables.date_prefix
    window_start = max(floor, start - _PREFIX_LOOKBACK)
    match = prefix.search(text, window_start, start)
    return match.start() if match else start


def _range_tail(text: str, span: Span, tables: Tables, limit: int) -> Span | None:
    """The second day of a range after a month-day span ("April 24 and [25]"), as a span of
    the same rule that takes the first one's month, or None."""
    if not {"month", "day"} <= span.groups.keys() or "year" in span.groups:
        return None
    match = tables.range_tail.match(text, span.end, limit)
    if match is None or int(match.group("day")) <= int(re.sub(r"\D", "", span.groups["day"])):
        return None
    groups = {"month": span.groups["month"], "day": match.group("day")}
    return Span(match.start("day"), match.end("day"), span.rule, groups)


def find_spans(text: str, tables: Tables) -> list[Span]:
    """All temporal expression spans in `text`, in document order, none overlapping."""
    spans: list[Span] = []
    previous_end = 0
    chosen = _longest_first(_candidates(text, tables), len(text))
    for index, (start, end, _order, rule, match) in enumerate(chosen):
        new_start = _with_prefix(text, start, rule, tables, previous_end)
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        spans.append(Span(new_start, end, rule, groups, text[new_start:start]))
        previous_end = end
        limit = chosen[index + 1][0] if index + 1 < len(chosen) else len(text)
        tail = _range_tail(text, spans[-1], tables, limit)
        if tail is not None:
            spans.append(tail)
            previous_end = tail.end
    return spans
