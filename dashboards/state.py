"""The whole view as one value: filters, lane mode, selected event; to and from the URL.

The query string is the only place a view lives between page loads, so a pasted link
reopens it. Values from the URL are validated: unknown keys, bad dates and malformed
event ids are dropped with a warning, and nothing in it names a file.

Values the page sends to the callbacks are checked here too (`check_input`), by what each
control can send: a value no control sends (a list where a date goes, relayout junk)
raises RequestError, which the app answers with 400 before any callback runs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NoReturn
from urllib.parse import parse_qs, urlencode

from dashboards import ids
from tracker.errors import RequestError
from tracker.query import LANE_MODES, ROLES, EventFilter

log = logging.getLogger(__name__)

ANY_ROLE = "any"  # the role control's value for "either side"
SHOW_NEGATED = "show"  # the negated-acts checkbox's value when ticked
YEAR = re.compile(r"^\d{4}$")

# URL key -> EventFilter field holding a tuple of names.
LIST_KEYS = {
    "type": "event_types",
    "country": "countries",
    "source": "source_countries",
    "target": "target_countries",
    "actor": "actors",
    "instrument": "instruments",
    "modality": "modalities",
}
SCALAR_KEYS = ("start", "end", "q", "lanes", "event", "open", "role", "negated")
NEGATED = "negated"  # the schema's modality of a refused, vetoed or blocked act
EVENT_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
MAX_VALUES = 200
MAX_TEXT = 1000
RANGE_KEY = re.compile(r"^xaxis\d*\.range(\[[01]\])?$")
AUTORANGE_KEY = re.compile(r"^xaxis\d*\.autorange$")


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

    lists = {
        name: tuple(dict.fromkeys(raw.get(key, ())))[:MAX_VALUES] for key, name in LIST_KEYS.items()
    }
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
        filter=EventFilter(
            start=start, end=end, text=(one("q") or "").strip() or None, actor_role=role, **lists
        ),
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


# ---- values the page sends to the callbacks ------------------------------------------------


def _refuse(what: str, value: object) -> NoReturn:
    """Raise the RequestError naming the input and (the start of) the value it got."""
    shown = repr(value)
    raise RequestError(
        f"{what}: not a value the page sends: {shown[:80] + '...' if len(shown) > 80 else shown}"
    )


def _short_text(what: str, value: object, limit: int = MAX_TEXT) -> None:
    if value is not None and not (isinstance(value, str) and len(value) <= limit):
        _refuse(what, value)


def _mapping(what: str, value: object) -> dict:
    """`value` as a dict (None as an empty one); anything else is refused."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        _refuse(what, value)
    return value


def check_day(what: str, value: object) -> None:
    """A date picker's value: None or an ISO date (a time after it is allowed)."""
    _short_text(what, value, 40)
    if isinstance(value, str) and value:
        try:
            dt.date.fromisoformat(value[:10])
        except ValueError:
            _refuse(what, value)


def check_names(what: str, value: object) -> None:
    """A multi-select's value: None or a list of at most MAX_VALUES names."""
    if value is None:
        return
    if not isinstance(value, list) or len(value) > MAX_VALUES:
        _refuse(what, value)
    for name in value:
        _short_text(what, name)
        if name is None:
            _refuse(what, value)


def check_lanes(what: str, value: object) -> None:
    """The lane mode: None or one of LANE_MODES."""
    if value is not None and value not in LANE_MODES:
        _refuse(what, value)


def check_role(what: str, value: object) -> None:
    """The actor filter's role: None, ANY_ROLE or one of ROLES."""
    if value is not None and value != ANY_ROLE and value not in ROLES:
        _refuse(what, value)


def check_negated(what: str, value: object) -> None:
    """The negated-acts checkbox: None, [] or [SHOW_NEGATED]."""
    if value is not None and value not in ([], [SHOW_NEGATED]):
        _refuse(what, value)


def check_year(what: str, value: object) -> None:
    """A year preset: None or four digits."""
    if value is not None and not (isinstance(value, str | int) and YEAR.match(str(value))):
        _refuse(what, value)


def check_clicks(what: str, value: object) -> None:
    """A button's n_clicks: None or a count."""
    if value is not None and (type(value) is not int or value < 0):
        _refuse(what, value)


def check_flag(what: str, value: object) -> None:
    """A true/false store: None or a bool."""
    if value is not None and not isinstance(value, bool):
        _refuse(what, value)


def check_view(what: str, value: object) -> None:
    """A store holding a view (`to_data` output): None or {"query": text or None}."""
    _short_text(what, _mapping(what, value).get("query"), 20 * MAX_TEXT)


def check_relayout(what: str, value: object) -> None:
    """A chart's relayout: date bounds under xaxis range keys, booleans under autorange."""
    for key, given in _mapping(what, value).items():
        if AUTORANGE_KEY.match(key):
            check_flag(what, given)
        elif RANGE_KEY.match(key):
            bounds = given if isinstance(given, list) else [given]
            if not 1 <= len(bounds) <= 2:
                _refuse(what, given)
            for bound in bounds:
                if bound is None:
                    _refuse(what, given)
                check_day(what, bound)


def check_click(what: str, value: object) -> None:
    """A chart's clickData: {"points": [point, ...]}, each point an object."""
    points = _mapping(what, value).get("points")
    if points is not None and not (
        isinstance(points, list) and all(isinstance(p, dict) for p in points)
    ):
        _refuse(what, value)


def check_cell(what: str, value: object) -> None:
    """A clicked grid cell: an object whose rowId, if any, is an event id."""
    row_id = _mapping(what, value).get("rowId")
    if row_id is not None and not (isinstance(row_id, str) and EVENT_ID.match(row_id)):
        _refuse(what, value)


def check_key(what: str, value: object) -> None:
    """A key press: {"key": the key's name}."""
    _short_text(what, _mapping(what, value).get("key"), 32)


def check_text(what: str, value: object) -> None:
    """Free text (the text filter, the URL's search string, the page's path)."""
    _short_text(what, value, 20 * MAX_TEXT)


def check_anything(what: str, value: object) -> None:
    """Values only handed back to the page or tested for truth (figures, drawn children)."""


# (component id, or a pattern id's "type"; property) -> the check of its values.
INPUT_CHECKS: dict[tuple[str, str], Callable[[str, object], None]] = {
    (ids.URL, "search"): check_text,
    (ids.PAGE, "pathname"): check_text,
    (ids.DATES, "start_date"): check_day,
    (ids.DATES, "end_date"): check_day,
    **{
        (cid, "value"): check_names
        for cid in (
            ids.TYPE,
            ids.COUNTRY,
            ids.SOURCE,
            ids.TARGET,
            ids.ACTOR,
            ids.INSTRUMENT,
            ids.MODALITY,
        )
    },
    (ids.ROLE, "value"): check_role,
    (ids.NEGATED, "value"): check_negated,
    (ids.YEAR, "value"): check_year,
    (ids.TEXT, "value"): check_text,
    (ids.LANES, "value"): check_lanes,
    (ids.TIMELINE, "clickData"): check_click,
    (ids.TIMELINE, "relayoutData"): check_relayout,
    (ids.TIMELINE, "figure"): check_anything,
    (ids.RANGE, "data"): check_relayout,
    (ids.ROW, "data"): check_cell,
    (ids.GRID_TABLE, "cellClicked"): check_cell,
    (ids.KEYS, "data"): check_key,
    (ids.STATE, "data"): check_view,
    (ids.GRID_WANTED, "data"): check_view,
    (ids.GRID_MOUNTED, "data"): check_view,
    (ids.GRID_READY, "data"): check_flag,
    (ids.COUNTS_TABLE, "children"): check_anything,
    (ids.METHODS, "children"): check_anything,
    (ids.PNG_STAMP, "data"): check_anything,
}
# Properties that mean the same thing on every component.
PROPERTY_CHECKS: dict[str, Callable[[str, object], None]] = {"n_clicks": check_clicks}


def input_check(component: str, prop: str) -> Callable[[str, object], None] | None:
    """The check of one callback input's values (None: the input has none)."""
    return INPUT_CHECKS.get((component, prop)) or PROPERTY_CHECKS.get(prop)


def check_input(component: str, prop: str, value: object) -> None:
    """Refuse (RequestError) a value the page cannot have sent for this input.

    `component` is the id, or the "type" of a pattern id. An input without a check
    (test_every_callback_input_has_a_check keeps that from happening) takes any value.
    """
    check = input_check(component, prop)
    if check is not None:
        check(f"{component}.{prop}", value)
