"""The storyline panel: the selection as a dated list of acts, to read, print or download.

It shows the same acts, in the same order, as the briefing it downloads
(dashboards/briefing.py builds both from one Briefing). It is drawn once the first
timeline is on the page (GRID_READY) and then follows the view state; printing hides
everything else (assets/storyline.css).
"""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
from dash import Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from dashboards import briefing, data, ids, panels
from dashboards.briefing import Briefing, Entry
from dashboards.state import ViewState, from_data
from tracker.errors import StoreError

LIMIT = 200
log = logging.getLogger(__name__)


def build_briefing(store: Path, state: ViewState, limit: int = LIMIT) -> Briefing:
    """The briefing of a view: its first `limit` acts, the filters and the as-of line."""
    acts, total = data.storyline(store, state, limit)
    found = data.summary(store)
    as_of = panels.as_of_line(found) if found is not None else "No data yet"
    return Briefing(acts, total, briefing.describe_filter(state.filter), as_of)


def _act(item: Entry) -> html.Li:
    """One act as the panel lists it; a defaulted date is marked as such."""
    source = (
        html.A(item["source"], href=item["url"], target="_blank", rel="noopener noreferrer")
        if item["url"]
        else html.Span(item["source"])
    )
    return html.Li(
        [
            html.P(
                [
                    html.Strong(item["date"]),
                    " ",
                    html.Span(f"({item['certainty']})", className="certainty"),
                    ": ",
                    item["summary"],
                ]
            ),
            html.P(item["who"], className="who"),
            html.Blockquote(item["quote"]),
            html.P(["Source: ", source, f"; {item['reported']}"], className="note"),
        ],
        className="act",
    )


def panel(found: Briefing) -> list:
    """The storyline's contents for a briefing: stamp, count, acts, and what was left out."""
    more = briefing.more_line(found)
    return [
        html.P(found.as_of, className="note story-stamp"),
        html.P("Filters: " + "; ".join(found.filters), className="note story-stamp"),
        html.P(briefing.count_line(found), className="note"),
        html.Ol([_act(item) for item in briefing.entries(found)], className="acts"),
        *([html.P(more, className="note")] if more else []),
    ]


def section() -> html.Section:
    """The empty storyline section with its print and download buttons (filled by
    `register`'s callback once the first timeline is drawn)."""
    return html.Section(
        [
            html.Div(
                [
                    html.H2("Storyline", id=ids.STORY_HEADING),
                    html.Div(
                        [
                            html.Button("Print", id=ids.STORY_PRINT, n_clicks=0),
                            html.Button("Download briefing (HTML)", id=ids.STORY_HTML, n_clicks=0),
                            html.Button(
                                "Download briefing (Markdown)", id=ids.STORY_MARKDOWN, n_clicks=0
                            ),
                            dcc.Download(id=ids.DOWNLOAD_BRIEFING),
                        ],
                        className="story-actions",
                    ),
                ],
                className="story-head",
            ),
            html.Div(
                html.P("The storyline appears once the timeline is drawn.", className="hint"),
                id=ids.STORY,
                **panels.aria(live="polite"),
            ),
        ],
        className="storyline",
        **panels.aria(labelledby=ids.STORY_HEADING),
    )


def _download(store: Path, state_data: dict | None, kind: str) -> dict:
    """The dcc.Download payload of the view's briefing in `kind` ('html' or 'md')."""
    found = build_briefing(store, from_data(state_data))
    text = briefing.to_html(found) if kind == "html" else briefing.to_markdown(found)
    return {
        "content": text,
        "filename": f"briefing.{kind}",
        "type": "text/html" if kind == "html" else "text/markdown",
    }


def register(app: Dash, store: Path) -> None:
    """Attach the storyline's callbacks to `app`, reading `store`."""

    @app.callback(
        Output(ids.STORY, "children"),
        Input(ids.GRID_READY, "data"),
        Input(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def render_storyline(ready, state_data):
        if not ready:
            raise PreventUpdate  # the first chart draws first
        try:
            return panel(build_briefing(store, from_data(state_data)))
        except (StoreError, duckdb.Error) as error:
            return [html.P(data.read_failure(log, "storyline query", error))]

    @app.callback(
        Output(ids.DOWNLOAD_BRIEFING, "data"),
        Input(ids.STORY_HTML, "n_clicks"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def download_html(_n, state_data):
        return _download(store, state_data, "html")

    @app.callback(
        Output(ids.DOWNLOAD_BRIEFING, "data", allow_duplicate=True),
        Input(ids.STORY_MARKDOWN, "n_clicks"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def download_markdown(_n, state_data):
        return _download(store, state_data, "md")

    app.clientside_callback(
        """function (n) {
            if (n) { window.print(); }
            return window.dash_clientside.no_update;
        }""",
        Output(ids.STORY_PRINT, "title"),
        Input(ids.STORY_PRINT, "n_clicks"),
        prevent_initial_call=True,
    )
