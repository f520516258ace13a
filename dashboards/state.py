"""The whole view as one value: filters, lane mode, selected event; to and from the URL.

The query string is the only place a view lives between page loads, so a pasted link
reopens it. Values from the URL are validated: unknown keys, bad dates and malformed
event ids are dropped with a warning, and nothing in it names a file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from tracker.query import LANE_MODES, ROLES, EventFilter

log = logging.getLogger(__name__)

# URL key -> EventFilter field holding a tuple of names.
LIST_KEYS = {"type": "event_types", "country": "countries", "source": "source_countries",
             "target": "target_countries", "actor": "actors", "instrument": "instruments",
             "modality": "modalities"}
SCALAR_KEYS = ("start", "end", "q", "lanes", "event", "open", "role", "negated")
NEGATED = "negated"  # the schema's modality of a refused, vetoed or blocked act
EVENT_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
MAX_VALUES = 200


@dataclass(frozen=True)
class ViewState:
    """What the analyst is looking at.

    `event` is the selected (keyboard-focused or clicked) event; `open` says whether its
    evidence panel is open; `negated` whether negated acts (refused, vetoed, blocked) are
    shown, which they are not by default (see `query_filter`).
    """

    filter: EventFilter = field(default_factory=EventFilter)
    lanes: str = "country"
    event: str | None = None
    open: bool = False
    negated: bool = False

    def query_filter(self) -> EventFilter:
        """The filter every panel queries with: negated acts left out unless shown
        (or asked for by the modality filter)."""
        if self.negated or NEGATED in self.filter.modalities:
            return self.filter
        return dataclasses.replace(self.filter, without_modalities=(NEGATED,))

    def replace(self, **changes) -> ViewState:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    def with_filter(self, **changes) -> ViewState:
        """A copy with some filter fields changed (the selection is kept)."""
        return dataclasses.replace(self, filter=dataclasses.replace(self.filter, **changes))


def _day(value: str | None) -> dt.date | None:
    """An ISO date, or None for a missing or malformed one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        log.warning("ignoring malformed date %r in the URL", value)
        return None


def to_query(state: ViewState) -> str:
    """The query string ("?..." or "") that reopens this view."""
    f = state.filter
    pairs: list[tuple[str, str]] = []
    for key, name in LIST_KEYS.items():
        pairs.extend((key, value) for value in getattr(f, name))
    for key, value in (("start", f.start), ("end", f.end)):
        if value is not None:
            pairs.append((key, value.isoformat()))
    if f.text:
        pairs.append(("q", f.text))
    if f.actor_role:
        pairs.append(("role", f.actor_role))
    if state.negated:
        pairs.append(("negated", "1"))
    if state.lanes != "country":
        pairs.append(("lanes", state.lanes))
    if state.event:
        pairs.append(("event", state.event))
        if state.open:
            pairs.append(("open", "1"))
    return "?" + urlencode(pairs) if pairs else ""


def from_query(search: str | None) -> ViewState:
    """The view a query string describes; what cannot be understood is dropped, with a warning."""
    raw = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    unknown = set(raw) - set(LIST_KEYS) - set(SCALAR_KEYS)
    if unknown:
        log.warning("ignoring unknown URL keys %s", sorted(unknown))

    def one(key: str) -> str | None:
        return raw[key][-1] if key in raw else None

    lists = {name: tuple(dict.fromkeys(raw.get(key, ())))[:MAX_VALUES]
             for key, name in LIST_KEYS.items()}
    start, end = _day(one("start")), _day(one("end"))
    if start and end and start > end:
        start, end = end, start
    lanes = one("lanes") or "country"
    if lanes not in LANE_MODES:
        log.warning("ignoring unknown lane mode %r in the URL", lanes)
        lanes = "country"
    role = one("role")
    if role and role not in ROLES:
        log.warning("ignoring unknown actor role %r in the URL", role)
        role = None
    event = one("event")
    if event and not EVENT_ID.match(event):
        log.warning("ignoring malformed event id in the URL")
        event = None
    return ViewState(
        filter=EventFilter(start=start, end=end, text=(one("q") or "").strip() or None,
                           actor_role=role, **lists),
        lanes=lanes,
        event=event,
        open=bool(event) and one("open") == "1",
        negated=one("negated") == "1",
    )


def to_data(state: ViewState) -> dict:
    """The view as JSON-able data, for a dcc.Store."""
    return {"query": to_query(state)}


def from_data(data: dict | None) -> ViewState:
    """The view back from `to_data` output (an empty store is the default view)."""
    return from_query((data or {}).get("query"))
