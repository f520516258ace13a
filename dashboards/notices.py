"""What a link asked for that this store cannot show, said on the page, never dropped silently.

A pasted or old link can name an event type that does not exist (`?type=SANCTION_IMPOS`),
a country the store does not hold, an unknown key or a malformed date. The view state
leaves such values out (dashboards/state.py); this names each one in a visible warning
above the filters, so the analyst knows the view is not what the link said.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs

from dash import html

from dashboards import ids
from dashboards.state import LIST_KEYS, SCALAR_KEYS
from tracker.query import LANE_MODES

# URL key -> the store summary's option list its values must come from. Actors are not
# checked: the summary lists only the most frequent ones, and any actor name is kept.
CHECKED = {
    "type": ("event_type", "event type"),
    "country": ("country", "country"),
    "instrument": ("instrument", "instrument"),
    "modality": ("modality", "modality"),
}


def _bad_date(value: str) -> bool:
    """True when a URL date is not an ISO date."""
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return True
    return False


def unknown_values(search: str | None, options: dict[str, tuple[str, ...]]) -> list[str]:
    """One line per value of the query string this store cannot apply, in URL order."""
    raw = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    problems = []
    for key, values in raw.items():
        if key not in LIST_KEYS and key not in SCALAR_KEYS:
            problems.append(f"unknown setting “{key}”")
        elif key in CHECKED:
            column, noun = CHECKED[key]
            known = set(options.get(column, ()))
            problems += [
                f"{noun} “{v}” (not in this store)" for v in dict.fromkeys(values) if v not in known
            ]
        elif key in ("start", "end"):
            problems += [
                f"{key} date “{v}” (not a YYYY-MM-DD date)" for v in values if _bad_date(v)
            ]
        elif key == "lanes":
            problems += [f"lane mode “{v}”" for v in values if v not in LANE_MODES]
    return problems


def url_warning(problems: list[str]) -> html.Div:
    """The visible warning naming what the link asked for and the page left out
    (an empty, hidden region when there is nothing to say)."""
    if not problems:
        return html.Div(id=ids.URL_WARNING, hidden=True)
    return html.Div(
        [
            html.P("This link asks for something this store cannot show, so it is left out:"),
            html.Ul([html.Li(p) for p in problems]),
        ],
        id=ids.URL_WARNING,
        role="alert",
        className="url-warning",
    )
