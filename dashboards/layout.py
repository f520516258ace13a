"""The page: header with the 'as of' line, filters, chips, timeline, tables, evidence panel.

`build(store)` runs on every page load (never at import), so a reload shows new data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlparse

import flask
from dash import dcc, html

from dashboards import callbacks, data, export, ids, notices, panels, shell, storyline
from dashboards.state import ViewState, from_query, to_data
from dashboards.styles import style_of
from tracker import query
from tracker.errors import StoreError
from tracker.query import StoreSummary


def _dropdown(component_id: str, label: str, options: list[dict], value: list[str]) -> html.Div:
    """A labelled multi-select."""
    return html.Div(
        [
            html.Label(label, htmlFor=component_id),
            dcc.Dropdown(
                id=component_id, options=options, multi=True, placeholder="any", value=value
            ),
        ],
        className="filter",
    )


def _iso(day: dt.date | None) -> str | None:
    """A date as the date picker takes it (ISO text); None stays None."""
    return day.isoformat() if day else None


def _plain(values) -> list[dict]:
    """Dropdown options whose label is the value."""
    return [{"label": v, "value": v} for v in values]


def filters(
    found: StoreSummary, state: ViewState, visible_month: dt.date | None = None
) -> html.Div:
    """The filter bar showing `state`: dates (the picker opening at `visible_month`, where
    the data are) and a year preset, the lists (type, any country, acting country, target
    country, actor and its role, instrument, modality), negated acts, free text, lane mode,
    'clear all'. Countries are listed by name and code, types by their labels."""
    o = found.options
    (
        start,
        end,
        types,
        countries,
        sources,
        targets,
        actors,
        instruments,
        modalities,
        text,
        lanes,
        role,
        negated,
        year,
    ) = callbacks.control_values(state)
    country_options = data.country_options(o["country"])
    return html.Div(
        [
            html.Div(
                [
                    html.Label("Dates", htmlFor=ids.DATES),
                    dcc.DatePickerRange(
                        id=ids.DATES,
                        display_format="YYYY-MM-DD",
                        min_date_allowed=_iso(found.first_date),
                        max_date_allowed=_iso(found.last_date),
                        clearable=True,
                        initial_visible_month=start or _iso(visible_month),
                        start_date=start,
                        end_date=end,
                    ),
                ],
                className="filter",
            ),
            html.Div(
                [
                    html.Label("Year", htmlFor=ids.YEAR),
                    dcc.Dropdown(
                        id=ids.YEAR,
                        options=_plain(reversed(o["year"])),
                        value=year,
                        placeholder="any",
                        clearable=True,
                    ),
                ],
                className="filter filter-narrow",
            ),
            _dropdown(
                ids.TYPE,
                "Event type",
                [{"label": style_of(t).label, "value": t} for t in o["event_type"]],
                types,
            ),
            _dropdown(ids.SOURCE, "Acting country (who)", country_options, sources),
            _dropdown(ids.TARGET, "Target country (whom)", country_options, targets),
            _dropdown(ids.COUNTRY, "Any side's country", country_options, countries),
            html.Div(
                [
                    html.Label("Actor", htmlFor=ids.ACTOR),
                    dcc.Dropdown(
                        id=ids.ACTOR,
                        options=callbacks.actor_options(o["actor"], tuple(actors)),
                        multi=True,
                        placeholder="any",
                        value=actors,
                    ),
                    dcc.RadioItems(
                        id=ids.ROLE,
                        value=role,
                        inline=True,
                        options=[
                            {"label": " any role", "value": callbacks.ANY_ROLE},
                            {"label": " acting", "value": "source"},
                            {"label": " target", "value": "target"},
                        ],
                    ),
                ],
                className="filter",
            ),
            _dropdown(ids.INSTRUMENT, "Instrument", _plain(o["instrument"]), instruments),
            _dropdown(ids.MODALITY, "Modality", _plain(o["modality"]), modalities),
            html.Div(
                [
                    html.Label("Text", htmlFor=ids.TEXT),
                    dcc.Input(
                        id=ids.TEXT,
                        type="search",
                        debounce=True,
                        value=text,
                        placeholder="words in summary or sentence (Enter)",
                    ),
                ],
                className="filter",
            ),
            html.Div(
                [
                    html.Label("Lanes", id="lanes-label"),
                    dcc.RadioItems(
                        id=ids.LANES,
                        value=lanes,
                        inline=True,
                        options=[
                            {"label": " by country", "value": "country"},
                            {"label": " by actor", "value": "actor"},
                            {
                                "label": " by actor, people and offices apart",
                                "value": "actor_detail",
                            },
                        ],
                    ),
                ],
                className="filter",
            ),
            html.Div(
                [
                    html.Label("Negated acts", id="negated-label"),
                    dcc.Checklist(
                        id=ids.NEGATED,
                        value=negated,
                        options=[
                            {
                                "label": " Show negated acts (refused, vetoed, blocked)",
                                "value": callbacks.SHOW_NEGATED,
                            }
                        ],
                    ),
                ],
                className="filter",
            ),
            html.Button("Clear all filters", id=ids.CLEAR, n_clicks=0),
        ],
        className="filters",
        role="search",
    )


def timeline_section(figure: dict, note: str) -> html.Section:
    """The chart with its note, its table alternative and the export buttons.

    The first figure comes with the page, so it is drawn without a callback round trip.
    The counts table is filled when it is first opened (callbacks.fill_counts): as
    hundreds of cells it was the largest part of the page for the renderer to lay out,
    ahead of the chart.
    """
    return html.Section(
        [
            html.P(note, id=ids.NOTE, className="note", **panels.aria(live="polite")),
            html.Div(
                dcc.Graph(
                    id=ids.TIMELINE,
                    figure=figure,
                    config={
                        "displaylogo": False,
                        "scrollZoom": True,
                        "toImageButtonOptions": {"filename": "timeline", "format": "png"},
                    },
                ),
                className="chart-frame",
                role="figure",
                **panels.aria(
                    label="Timeline of events in lanes, with counts per period below; "
                    "the table of events below lists the same selection"
                ),
            ),
            html.P(
                "Drag across either panel to filter to that time range; double-click to reset. "
                "Keyboard: ← → move between events in a lane, Enter opens the evidence, "
                "Esc closes it.",
                className="hint",
            ),
            html.Details(
                [
                    html.Summary("Counts as a table", id=ids.COUNTS_SUMMARY, n_clicks=0),
                    html.Div(id=ids.COUNTS_TABLE),
                ]
            ),
            html.Div(
                [
                    html.Button("Download selection (CSV)", id=ids.CSV, n_clicks=0),
                    html.Button("Download selection (parquet)", id=ids.PARQUET, n_clicks=0),
                    html.Button("Download chart (PNG)", id=ids.PNG, n_clicks=0),
                    html.Span(id=ids.PNG_STATUS),
                    dcc.Download(id=ids.DOWNLOAD_CSV),
                    dcc.Download(id=ids.DOWNLOAD_PARQUET),
                ],
                className="exports",
            ),
        ]
    )


def table_section(caption: str, detail: list) -> html.Div:
    """The selection's grid beside the evidence panel.

    The grid itself mounts once the first timeline is drawn (callbacks.mount_grid): its
    code and layout work would otherwise run ahead of the chart. Its slot keeps its
    height meanwhile, so nothing moves when it arrives.
    """
    return html.Div(
        [
            html.Section(
                [
                    html.H2("Events in the selection"),
                    html.P(caption, id=ids.GRID_CAPTION, className="note"),
                    html.Div(id=ids.GRID, className="grid-slot"),
                    dcc.Store(id=ids.GRID_READY),
                    dcc.Store(id=ids.GRID_WANTED),
                    dcc.Store(id=ids.GRID_MOUNTED),
                ],
                className="grid-panel",
            ),
            html.Aside(
                [
                    html.Div(
                        [
                            html.H2("Evidence"),
                            html.Button("Close (Esc)", id=ids.CLOSE_DETAIL, n_clicks=0),
                        ],
                        className="aside-head",
                    ),
                    html.Div(detail, id=ids.DETAIL, **panels.aria(live="polite")),
                ],
                className="detail-panel",
            ),
        ],
        className="lower",
    )


def methods_page() -> html.Div:
    """The hidden methods page; its text comes with the first visit (callbacks.switch_page).

    Rendering it on every page load would fetch and run dcc.Markdown's code before the
    timeline draws, for a page most visits never open.
    """
    return html.Div(id=ids.METHODS, className="methods", style={"display": "none"})


def header(line: str) -> html.Header:
    """Title, 'as of' line and navigation."""
    return html.Header(
        [
            html.H1("Sanctions & policy event tracker"),
            html.P(line, id=ids.AS_OF, className="as-of"),
            html.Nav([dcc.Link("Timeline", href="/"), " · ", dcc.Link("Methods", href="/methods")]),
        ]
    )


def requested_query() -> str:
    """The query string of the page asking for this layout: its URL is the layout
    request's Referer ('' outside a request or without a Referer)."""
    if not flask.has_request_context() or not flask.request.referrer:
        return ""
    return urlparse(flask.request.referrer).query


def requested_view() -> ViewState:
    """The view of the page asking for this layout (the default view without a Referer).

    The query string is read (and validated) exactly as the URL callback reads it.
    """
    return from_query(requested_query())


def build(store: Path) -> html.Div:
    """The whole page for the current contents of `store`.

    The page comes with the view it is opened on: its state, the controls showing it and
    the panels drawn from it, so the first chart needs no callback and the view-state
    callback finds nothing to change on load. Values of its URL this store cannot show
    are named in a warning above the filters (dashboards/notices.py). What is not needed
    to draw that chart comes after it: the grid and the storyline once the chart is drawn,
    the counts table when it is opened, the methods text on its first visit. Without data
    the page holds only the message and the methods page, so no callback of the timeline
    view has inputs on it.
    """
    page = dcc.Location(id=ids.PAGE, refresh=False)
    try:
        found = data.summary(store)
    except StoreError as error:
        return html.Div(
            [
                page,
                header(""),
                html.Main(panels.error_state(str(error)), id=ids.MAIN),
                methods_page(),
            ]
        )
    if found is None:
        return html.Div(
            [
                page,
                header("No data yet"),
                html.Main(panels.empty_state(str(store)), id=ids.MAIN),
                methods_page(),
            ]
        )
    state = requested_view()
    first = callbacks.first_panels(store, state)
    visible_month = query.date_window(store, state.query_filter()).low
    return html.Div(
        [
            page,
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.STATE, data=to_data(state)),
            dcc.Store(id=ids.KEYS),
            dcc.Store(id=ids.RANGE),
            dcc.Store(id=ids.ROW),
            dcc.Store(id=ids.PNG_STAMP, data=export.png_stamp(state, found)),
            dcc.Store(id=ids.PHONE_LAYOUT),
            header(panels.as_of_line(found)),
            html.Main(
                [
                    notices.url_warning(notices.unknown_values(requested_query(), found.options)),
                    shell.filters_fold(filters(found, state, visible_month)),
                    html.Div(first.chips, id=ids.CHIPS, className="chips"),
                    timeline_section(*first.timeline[:2]),
                    storyline.section(),
                    table_section(first.table[1], first.detail),
                ],
                id=ids.MAIN,
            ),
            methods_page(),
        ]
    )
