"""The chart's PNG export, stamped so a picture passed on still says what it shows.

The stamp (title, filters, source and as-of date, and the file name) is computed on the
server from the view state (`png_stamp`, a pure function) into a dcc.Store; the button's
clientside callback draws the chart once more off screen with the stamp added above and
below it, and saves that.
"""

from __future__ import annotations

import re
from pathlib import Path

from dash import Dash, Input, Output, State

from dashboards import briefing, data, ids
from dashboards.state import ViewState, from_data
from tracker.errors import StoreError
from tracker.query import StoreSummary

TITLE = "Sanctions & policy events: timeline"
SOURCE = "Source: events read from news articles by the sanctions & policy event tracker"
UNSAFE_NAME = re.compile(r"[^0-9A-Za-z_-]+")

# Redraws the chart with the stamp: the title and filters above the range buttons, the
# source and as-of date below the lowest axis; the margins and height grow to hold them.
STAMPED_PNG_JS = """function (n, stamp) {
    const gd = document.querySelector('#timeline .js-plotly-plot');
    if (!n || !gd || !window.Plotly || !stamp) { return window.dash_clientside.no_update; }
    const full = gd._fullLayout, top = 70, bottom = 36;
    const note = (text, y, yanchor, yshift) => ({text: text, xref: 'paper', yref: 'paper',
        x: 0, xanchor: 'left', y: y, yanchor: yanchor, yshift: yshift, showarrow: false,
        align: 'left', font: {size: 12, color: '#57606a'}});
    const layout = Object.assign({}, gd.layout, {
        width: gd.offsetWidth, height: full.height + top + bottom,
        margin: Object.assign({}, full.margin, {t: full.margin.t + top,
                                                b: full.margin.b + bottom}),
        title: {text: stamp.title, x: 0.01, xanchor: 'left', y: 0.995, yanchor: 'top',
                yref: 'container', font: {size: 16}},
        annotations: (gd.layout.annotations || []).concat([
            note(stamp.filters, 1, 'bottom', full.margin.t + 8),
            note(stamp.source, 0, 'top', -(full.margin.b + 4))])});
    window.Plotly.downloadImage({data: gd.data, layout: layout},
        {format: 'png', filename: stamp.filename, width: layout.width,
         height: layout.height});
    return 'PNG saved';
}"""


def as_of_date(found: StoreSummary | None) -> str:
    """The store's as-of date: its latest article's publication date ('unknown' if none)."""
    latest = found.latest_published if found is not None else None
    return latest.isoformat() if latest is not None else "unknown"


def png_stamp(state: ViewState, found: StoreSummary | None) -> dict[str, str]:
    """What the exported PNG carries: title, filters, source with as-of date, file name."""
    as_of = as_of_date(found)
    filters = briefing.describe_filter(state.filter)
    scope = (
        ""
        if state.filter.is_empty()
        else UNSAFE_NAME.sub("-", " ".join(f.split(": ", 1)[-1] for f in filters))[:60].strip("-")
    )
    name = "-".join(part for part in ("timeline", scope, f"as-of-{as_of}") if part)
    return {
        "title": TITLE,
        "filters": "Filters: " + "; ".join(filters),
        "source": f"{SOURCE}; as of the latest article, published {as_of}",
        "filename": name,
    }


def register(app: Dash, store: Path) -> None:
    """Attach the PNG export's callbacks to `app`, reading `store`."""

    @app.callback(
        Output(ids.PNG_STAMP, "data"), Input(ids.STATE, "data"), prevent_initial_call=True
    )
    def stamp(state_data):
        try:
            found = data.summary(store)
        except StoreError:
            found = None
        return png_stamp(from_data(state_data), found)

    app.clientside_callback(
        STAMPED_PNG_JS,
        Output(ids.PNG_STATUS, "children"),
        Input(ids.PNG, "n_clicks"),
        State(ids.PNG_STAMP, "data"),
        prevent_initial_call=True,
    )
