"""The page's shell: the HTML document's language, the filters folding away on phones, the
chart's layout on a phone and its least width elsewhere.

On a narrow screen (PHONE_QUERY) the filters sit behind a 'Filters' button and the chart's
legend moves below it, its lane labels inside the plot, so the plot keeps most of the
width (assets/phone.css stacks the rest). The chart's change is `phone_relayout()`, applied
by a clientside callback after each draw; the figures themselves stay the same. Elsewhere
the graph is kept at least as wide as its figure's `meta.min_width`, the width its marks
are packed for (dashboards/figures.py), so no mark covers another.
"""

from __future__ import annotations

import json

from dash import Dash, Input, Output, html

from dashboards import ids, panels

PHONE_QUERY = "(max-width: 640px)"
LANG = "en"
# Extra height for the legend below the chart, so the lanes keep theirs.
LEGEND_ROOM_PX = 170


def phone_relayout() -> dict:
    """The plotly relayout that fits the timeline to a phone: legend below the plot in
    rows, lane and count labels inside the plot, thin margins."""
    return {
        "legend.orientation": "h",
        "legend.x": 0,
        "legend.xanchor": "left",
        "legend.y": -0.12,
        "legend.yanchor": "top",
        "legend.title.text": "",
        "margin.l": 8,
        "margin.r": 8,
        "yaxis.ticklabelposition": "inside",
        "yaxis.title.text": "",
        "yaxis2.ticklabelposition": "inside",
        "yaxis2.title.text": "",
    }


PHONE_JS = (
    """function (figure) {
    if (!window.matchMedia(QUERY).matches) { return window.dash_clientside.no_update; }
    const tweak = TWEAK, room = ROOM;
    return new Promise(function (resolve) {
        (function wait() {
            const gd = document.querySelector('#timeline .js-plotly-plot');
            if (gd && gd._fullLayout && !gd.classList.contains('dash-graph--pending')
                    && window.Plotly) {
                const height = (figure && figure.layout && figure.layout.height) ||
                    gd._fullLayout.height;
                window.Plotly.relayout(gd, Object.assign({height: height + room}, tweak))
                    .then(() => resolve(true));
            } else {
                setTimeout(wait, 50);
            }
        })();
    });
}""".replace("QUERY", json.dumps(PHONE_QUERY))
    .replace("TWEAK", json.dumps(phone_relayout()))
    .replace("ROOM", str(LEGEND_ROOM_PX))
)


# Off phones, the graph is kept as wide as its figure needs for its marks' packing.
MIN_WIDTH_JS = """function (figure) {
    const meta = figure && figure.layout && figure.layout.meta;
    if (window.matchMedia(QUERY).matches || !meta || !meta.min_width) { return {}; }
    return {minWidth: meta.min_width + 'px'};
}""".replace("QUERY", json.dumps(PHONE_QUERY))


def with_lang(index_string: str) -> str:
    """Dash's page template with the document's language on <html>."""
    return index_string.replace("<html>", f'<html lang="{LANG}">', 1)


def filters_fold(bar: html.Div) -> html.Div:
    """The filter bar behind a 'Filters' button, which only phones show (assets/phone.css)."""
    return html.Div(
        [
            html.Button(
                "Filters",
                id=ids.FILTERS_TOGGLE,
                className="filters-toggle",
                n_clicks=0,
                **panels.aria(expanded="false", controls=ids.FILTERS_FOLD),
            ),
            html.Div(bar, id=ids.FILTERS_FOLD, className="filters-fold"),
        ]
    )


def register(app: Dash) -> None:
    """Set the page's language and attach the phone callbacks to `app`."""
    app.index_string = with_lang(app.index_string)
    app.clientside_callback(
        """function (n) {
            const open = Boolean(n % 2);
            return [open ? 'filters-fold open' : 'filters-fold', String(open)];
        }""",
        Output(ids.FILTERS_FOLD, "className"),
        Output(ids.FILTERS_TOGGLE, "aria-expanded"),
        Input(ids.FILTERS_TOGGLE, "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        PHONE_JS, Output(ids.PHONE_LAYOUT, "data"), Input(ids.TIMELINE, "figure")
    )
    app.clientside_callback(
        MIN_WIDTH_JS, Output(ids.TIMELINE, "style"), Input(ids.TIMELINE, "figure")
    )
