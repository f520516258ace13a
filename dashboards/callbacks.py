"""Callbacks: plain functions of values (unit-tested as such) and their Dash wiring.

One callback owns the view state: every control, the chart's clicks and drags, the grid's
clicks, the chips, the keyboard and the URL feed it, and it writes back the controls and
the URL, so the URL always reopens what is on screen. The panels are drawn from that
state by their own callbacks.

The page first draws the timeline; the grid mounts after it (mount_grid, so its id is a
pattern that may match nothing yet), the counts table fills when first opened
(fill_counts) and the methods text on its first visit (switch_page).

The storyline (dashboards/storyline.py), the stamped PNG export (dashboards/export.py) and
the page shell's phone behaviour (dashboards/shell.py) register their own callbacks from
`register`.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import dash_ag_grid as dag
import duckdb
from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboards import data, export, figures, ids, panels, shell, storyline
from dashboards.state import (
    ANY_ROLE,
    AUTORANGE_KEY,
    RANGE_KEY,
    SHOW_NEGATED,
    ViewState,
    from_data,
    from_query,
    to_data,
    to_query,
)
from tracker import query
from tracker.errors import StoreError
from tracker.query import EventFilter, as_filter, snapshot_dir

log = logging.getLogger(__name__)

FILTER_CONTROLS = (
    (ids.TYPE, "event_types"),
    (ids.COUNTRY, "countries"),
    (ids.SOURCE, "source_countries"),
    (ids.TARGET, "target_countries"),
    (ids.ACTOR, "actors"),
    (ids.INSTRUMENT, "instruments"),
    (ids.MODALITY, "modalities"),
)
# The inputs a user sets directly; the rest (URL, chips, keys, clicks, the year preset,
# which sets the dates) change the view through the state, and the controls must then be
# brought in line with it.
CONTROL_IDS = frozenset(
    {ids.DATES, ids.TEXT, ids.LANES, ids.ROLE, ids.NEGATED, *(cid for cid, _ in FILTER_CONTROLS)}
)
GRID_ALL = {"type": ids.GRID_TABLE, "view": ALL}
KEY_STEPS = {"ArrowRight": 1, "ArrowLeft": -1}
LANE_LABELS = {
    "country": "Country",
    "actor": "Actor (rolled up to country)",
    "actor_detail": "Actor",
}


# ---- plain state transitions -------------------------------------------------------------


def state_from_controls(
    state: ViewState,
    dates: tuple[str | None, str | None],
    lists: dict[str, list[str] | None],
    text: str | None,
    lanes: str | None,
    role: str | None = None,
    negated: list[str] | None = None,
) -> ViewState:
    """The view the filter controls describe (the selected event is kept)."""
    values = {name: lists.get(name) or [] for _, name in FILTER_CONTROLS}
    f = as_filter(
        {
            "start": dates[0],
            "end": dates[1],
            "text": (text or "").strip(),
            "actor_role": role,
            **values,
        }
    )
    return state.replace(
        filter=f, lanes=lanes or "country", negated=SHOW_NEGATED in (negated or [])
    )


def apply_year(state: ViewState, year: str | None) -> ViewState:
    """A year preset sets the dates to that calendar year; clearing it clears the dates."""
    if not year or not str(year).isdigit():
        return state.with_filter(start=None, end=None)
    y = int(year)
    return state.with_filter(start=dt.date(y, 1, 1), end=dt.date(y, 12, 31))


def year_of(state: ViewState) -> str | None:
    """The year preset the dates amount to, if they are exactly one calendar year."""
    f = state.filter
    if (
        f.start
        and f.end
        and f.start.year == f.end.year
        and (f.start.month, f.start.day) == (1, 1)
        and (f.end.month, f.end.day) == (12, 31)
    ):
        return str(f.start.year)
    return None


def show_all_dates(state: ViewState, store: Path) -> ViewState:
    """The dates set to the whole span of the selection's acts (the note's button)."""
    window = query.date_window(store, state.query_filter())
    return state.with_filter(start=window.first, end=window.last) if window.first else state


def apply_relayout(state: ViewState, relayout: dict | None) -> ViewState:
    """A drag or range button on the chart sets the date filter; a reset clears it."""
    if not relayout:
        return state
    if any(AUTORANGE_KEY.match(k) and v for k, v in relayout.items()):
        return state.with_filter(start=None, end=None)
    bounds: list[str] = []
    for key, value in relayout.items():
        if RANGE_KEY.match(key):
            bounds.extend(value if isinstance(value, list) else [value])
    if len(bounds) < 2:
        return state
    picked = as_filter({"start": str(bounds[0]), "end": str(bounds[1])})
    if picked.start is None or picked.end is None:
        return state
    start, end = sorted([picked.start, picked.end])
    return state.with_filter(start=start, end=end)


def apply_click(state: ViewState, click: dict | None) -> ViewState:
    """Clicking a mark selects its event (the mark's customdata) and opens its evidence."""
    points = (click or {}).get("points") or []
    custom = points[0].get("customdata") if points else None
    if isinstance(custom, list):  # marks drawn before the id became the whole customdata
        custom = custom[0] if custom else None
    if not custom or not isinstance(custom, str):
        return state
    return state.replace(event=custom, open=True)


def apply_row_click(state: ViewState, cell: dict | None) -> ViewState:
    """Clicking a grid row selects its event and opens its evidence."""
    row_id = (cell or {}).get("rowId")
    return state.replace(event=str(row_id), open=True) if row_id else state


def remove_chip(state: ViewState, field: str, value: str) -> ViewState:
    """Removing one chip drops that one filter value."""
    if field == "range":
        return state.with_filter(start=None, end=None)
    if field == "text":
        return state.with_filter(text=None)
    if field == "actor_role":
        return state.with_filter(actor_role=None)
    if field == "negated":
        return state.replace(negated=False)
    current = getattr(state.filter, field, None)
    if not isinstance(current, tuple):
        return state
    return state.with_filter(**{field: tuple(v for v in current if v != value)})


def apply_key(state: ViewState, key: str | None, store: Path) -> ViewState:
    """Arrow keys move along the selected event's lane; Enter opens; Escape closes."""
    if key == "Enter":
        return state.replace(open=True) if state.event else state
    if key == "Escape":
        return state.replace(open=False)
    step = KEY_STEPS.get(key or "")
    if step is None:
        return state
    found = data.neighbour(store, state, step)
    return state.replace(event=found) if found else state


def control_values(state: ViewState) -> tuple:
    """The controls' values showing a state: dates, the seven lists, text, lane mode,
    actor role, the negated toggle and the year preset."""
    f = state.filter
    return (
        f.start.isoformat() if f.start else None,
        f.end.isoformat() if f.end else None,
        *[list(getattr(f, name)) for _, name in FILTER_CONTROLS],
        f.text or "",
        state.lanes,
        f.actor_role or ANY_ROLE,
        [SHOW_NEGATED] if state.negated else [],
        year_of(state),
    )


def control_outputs(state: ViewState, trigger: object) -> tuple:
    """What to write into the controls after a change: the state's values when the view
    changed through the URL, a chip, a key or a click; nothing when the user set a control,
    which already shows its value (writing back from a late response could undo a second
    change the user made meanwhile)."""
    values = control_values(state)
    if isinstance(trigger, str) and trigger in CONTROL_IDS:
        return (no_update,) * len(values)
    return values


def actor_options(top: tuple[str, ...], chosen: tuple[str, ...]) -> list[dict]:
    """The actor choices: the most frequent actors plus any chosen ones not among them."""
    names = list(top) + [a for a in chosen if a not in set(top)]
    return [{"label": a, "value": a} for a in names]


# ---- panels as plain functions of the state ------------------------------------------------


def timeline_outputs(store: Path, state: ViewState, with_counts: bool = True) -> tuple:
    """Figure, note and counts table for a view (messages instead when there is nothing).

    Without `with_counts` the counts table is None: laying out its hundreds of cells was
    a third of the timeline callback's time, spent on a table mostly never opened.
    """
    label = LANE_LABELS[state.lanes]
    try:
        found = data.timeline(store, state)
    except (StoreError, duckdb.Error) as error:
        message = data.read_failure(log, "timeline query", error)
        return figures.empty_figure(message), message, None
    counts = panels.counts_table(found.counts, found.bucket) if with_counts else None
    if found.points.total == 0:
        note = panels.timeline_note(found, label)
        return figures.empty_figure(note[0]), note, counts
    fig = figures.timeline_figure(
        found.points.frame,
        found.counts,
        found.points.lanes,
        labels=found.points.labels,
        x_range=found.x_range,
        selected=state.event,
        lane_label=label,
        bucket=found.bucket,
    )
    return fig, panels.timeline_note(found, label), counts


class Panels(NamedTuple):
    """What every panel shows for one view, as the panel callbacks return it."""

    timeline: tuple
    table: tuple
    detail: list
    chips: list


def first_panels(store: Path, state: ViewState) -> Panels:
    """Every panel of the view a page opens on, remembered per store generation.

    The page carries them, so nothing waits for a callback on load and no callback of
    the first view can land after the analyst's first click. Page loads opened on the
    same view (mostly the default one) share one result until the next ingest makes a
    new generation.
    """
    try:
        generation = snapshot_dir(store)
    except StoreError:
        return _panels(store, state)
    return _remembered_panels(generation, store, state)


def _panels(store: Path, state: ViewState) -> Panels:
    """Every panel of a view, computed."""
    return Panels(
        timeline_outputs(store, state),
        table_outputs(store, state),
        detail_outputs(store, state),
        panels.chips(state),
    )


@lru_cache(maxsize=16)
def _remembered_panels(_generation: Path, store: Path, state: ViewState) -> Panels:
    """_panels, cached by generation (a new generation is a new key)."""
    return _panels(store, state)


def table_outputs(store: Path, state: ViewState) -> tuple:
    """Grid rows, caption and selected row for a view."""
    try:
        rows, total = data.table(store, state)
    except (StoreError, duckdb.Error) as error:
        return [], data.read_failure(log, "table query", error), {"ids": []}
    shown = len(rows)
    noun = "act" if total == 1 else "acts"
    caption = (
        f"{total:,} {noun}; newest {shown:,} listed (downloads include all)."
        if shown < total
        else f"{total:,} {noun}."
    )
    return rows, caption, {"ids": [state.event] if state.event else []}


def grid_panel(store: Path, state: ViewState) -> dag.AgGrid:
    """The grid of a view, as it mounts on the page (rows of the page's first view are cached)."""
    rows, _, selected = first_panels(store, state).table
    return panels.events_grid(rows, selected)


def detail_outputs(store: Path, state: ViewState) -> list:
    """The evidence panel for a view."""
    if not state.event:
        return panels.detail_panel(None, False)
    try:
        found = data.detail(store, state.event)
    except (StoreError, duckdb.Error) as error:
        return [data.read_failure(log, "detail query", error)]
    if found is None:
        return ["That event is not in this store (the link may come from another store)."]
    return panels.detail_panel(found, state.open)


# ---- wiring ----------------------------------------------------------------------------


def next_state(
    store: Path, state: ViewState, trigger: object, fired: bool, args: dict
) -> ViewState:
    """Route one triggering input to its transition.

    Every transition but the URL's starts from what the controls show, not from the
    stored state alone: Dash runs one request of a callback at a time and drops an
    older one still running when the callback is triggered again, so a filter picked
    while (say) the chips were redrawing reaches us only as a control value beside
    the newer trigger. `fired` is false for buttons just drawn (n_clicks 0)."""
    if trigger is None or trigger == ids.URL:
        return from_query(args["search"])
    state = state_from_controls(
        state,
        args["dates"],
        args["lists"],
        args["text"],
        args["lanes"],
        args.get("role"),
        args.get("negated"),
    )
    if trigger == ids.TIMELINE:
        return apply_click(state, args["click"])
    if trigger == ids.RANGE:
        return apply_relayout(state, args["relayout"])
    if trigger == ids.ROW:
        return apply_row_click(state, args["cell"])
    if trigger == ids.YEAR:
        return apply_year(state, args.get("year"))
    pattern = trigger if isinstance(trigger, dict) else {}
    is_chip = pattern.get("type") == ids.CHIP
    is_show_all = pattern.get("type") == ids.SHOW_ALL
    if (is_chip or is_show_all or trigger in (ids.CLEAR, ids.CLOSE_DETAIL)) and not fired:
        return state
    if is_chip:
        return remove_chip(state, pattern["field"], pattern["value"])
    if is_show_all:
        return show_all_dates(state, store)
    if trigger == ids.KEYS:
        return apply_key(state, (args["keys"] or {}).get("key"), store)
    if trigger == ids.CLEAR:
        return ViewState(EventFilter(), state.lanes, state.event, state.open)
    if trigger == ids.CLOSE_DETAIL:
        return state.replace(open=False)
    return state


def register(app: Dash, store: Path) -> None:
    """Attach every callback of the page to `app`, reading `store`."""
    list_outputs = [Output(cid, "value") for cid, _ in FILTER_CONTROLS]
    list_inputs = [Input(cid, "value") for cid, _ in FILTER_CONTROLS]

    n_lists = len(FILTER_CONTROLS)
    extra_controls = (
        (ids.TEXT, "value"),
        (ids.LANES, "value"),
        (ids.ROLE, "value"),
        (ids.NEGATED, "value"),
        (ids.YEAR, "value"),
    )

    @app.callback(
        Output(ids.STATE, "data"),
        Output(ids.URL, "search"),
        Output(ids.DATES, "start_date"),
        Output(ids.DATES, "end_date"),
        *list_outputs,
        *[Output(cid, prop) for cid, prop in extra_controls],
        Output(ids.ACTOR, "options"),
        Input(ids.URL, "search"),
        Input(ids.DATES, "start_date"),
        Input(ids.DATES, "end_date"),
        *list_inputs,
        *[Input(cid, prop) for cid, prop in extra_controls],
        Input(ids.TIMELINE, "clickData"),
        Input(ids.RANGE, "data"),
        Input(ids.ROW, "data"),
        Input({"type": ids.CHIP, "field": ALL, "value": ALL}, "n_clicks"),
        Input(ids.KEYS, "data"),
        Input(ids.CLEAR, "n_clicks"),
        Input(ids.CLOSE_DETAIL, "n_clicks"),
        Input({"type": ids.SHOW_ALL, "n": ALL}, "n_clicks"),
        State(ids.STATE, "data"),
    )
    def sync_state(search, start, end, *rest):
        lists = dict(zip([name for _, name in FILTER_CONTROLS], rest[:n_lists], strict=True))
        (
            text,
            lanes,
            role,
            negated,
            year,
            click,
            relayout,
            cell,
            _chips,
            keys,
            _clear,
            _close,
            _show_all,
            current,
        ) = rest[n_lists:]
        args = {
            "search": search,
            "dates": (start, end),
            "lists": lists,
            "text": text,
            "lanes": lanes,
            "role": role,
            "negated": negated,
            "year": year,
            "click": click,
            "relayout": relayout,
            "cell": cell,
            "keys": keys,
        }
        state = from_data(current)
        fired = bool(ctx.triggered and ctx.triggered[0]["value"])
        new = next_state(store, state, ctx.triggered_id, fired, args)
        if new == state and current is not None:
            return (no_update,) * (4 + n_lists + len(extra_controls) + 1)
        query = to_query(new)
        try:
            found = data.summary(store)
        except StoreError:
            found = None
        top = found.options["actor"] if found is not None else ()
        return (
            to_data(new),
            query if query != (search or "") else no_update,
            *control_outputs(new, ctx.triggered_id),
            actor_options(top, new.filter.actors),
        )

    @app.callback(
        Output(ids.TIMELINE, "figure"),
        Output(ids.NOTE, "children"),
        Output(ids.COUNTS_TABLE, "children"),
        Input(ids.STATE, "data"),
        State(ids.COUNTS_SUMMARY, "n_clicks"),
        prevent_initial_call=True,
    )
    def render_timeline(state_data, counts_opened):
        figure, note, counts = timeline_outputs(
            store, from_data(state_data), with_counts=bool(counts_opened)
        )
        return figure, note, counts if counts_opened else no_update

    @app.callback(
        Output(ids.COUNTS_TABLE, "children", allow_duplicate=True),
        Input(ids.COUNTS_SUMMARY, "n_clicks"),
        State(ids.STATE, "data"),
        State(ids.COUNTS_TABLE, "children"),
        prevent_initial_call=True,
    )
    def fill_counts(_opened, state_data, shown):
        if shown:
            return no_update
        return timeline_outputs(store, from_data(state_data))[2]

    @app.callback(
        Output(GRID_ALL, "rowData"),
        Output(ids.GRID_CAPTION, "children"),
        Output(GRID_ALL, "selectedRows"),
        Input(ids.STATE, "data"),
        Input(ids.GRID_MOUNTED, "data"),
        prevent_initial_call=True,
    )
    def render_table(state_data, mounted_with):
        if ctx.triggered_id == ids.GRID_MOUNTED and mounted_with == state_data:
            raise PreventUpdate  # the grid has just mounted showing this very view
        rows, caption, selected = table_outputs(store, from_data(state_data))
        mounted = len(ctx.outputs_list[0])  # 0 until the grid is mounted, then 1
        return [rows] * mounted, caption, [selected] * mounted

    @app.callback(
        Output(ids.GRID, "children"),
        Output(ids.GRID_MOUNTED, "data"),
        Input(ids.GRID_WANTED, "data"),
        prevent_initial_call=True,
    )
    def mount_grid(state_data):
        return grid_panel(store, from_data(state_data)), state_data

    # Until the grid is mounted, every view (the first one once the chart is drawn, then
    # any change before the grid arrives) asks for it: a newer request replaces one in
    # flight. Once mounted (GRID_MOUNTED names the view it was mounted with),
    # render_table catches up if the view moved on meanwhile and keeps it up to date,
    # and this asks the server nothing.
    app.clientside_callback(
        """function (ready, view, mounted) {
            return ready && !mounted ? view : window.dash_clientside.no_update;
        }""",
        Output(ids.GRID_WANTED, "data"),
        Input(ids.GRID_READY, "data"),
        Input(ids.STATE, "data"),
        State(ids.GRID_MOUNTED, "data"),
        prevent_initial_call=True,
    )

    # The grid mounts once the first timeline is drawn: this resolves when plotly.js has
    # drawn (and resized) the chart, once per page.
    app.clientside_callback(
        """function (figure, ready) {
            if (ready) { return window.dash_clientside.no_update; }
            return new Promise(function (resolve) {
                (function wait() {
                    const gd = document.querySelector('#timeline .js-plotly-plot');
                    if (gd && gd._fullLayout && !gd.classList.contains('dash-graph--pending')) {
                        requestAnimationFrame(() => setTimeout(() => resolve(true), 0));
                    } else {
                        setTimeout(wait, 50);
                    }
                })();
            });
        }""",
        Output(ids.GRID_READY, "data"),
        Input(ids.TIMELINE, "figure"),
        State(ids.GRID_READY, "data"),
    )

    @app.callback(
        Output(ids.DETAIL, "children"),
        Output(ids.CHIPS, "children"),
        Input(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def render_detail(state_data):
        state = from_data(state_data)
        return detail_outputs(store, state), panels.chips(state)

    @app.callback(
        Output(ids.DOWNLOAD_CSV, "data"),
        Input(ids.CSV, "n_clicks"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def download_csv(_n, state_data):
        frame = data.export_frame(store, from_data(state_data))
        return {"content": data.to_csv(frame), "filename": "events-selection.csv"}

    @app.callback(
        Output(ids.DOWNLOAD_PARQUET, "data"),
        Input(ids.PARQUET, "n_clicks"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def download_parquet(_n, state_data):
        frame = data.export_frame(store, from_data(state_data))
        return {
            "content": base64.b64encode(data.to_parquet(frame)).decode("ascii"),
            "filename": "events-selection.parquet",
            "base64": True,
        }

    @app.callback(
        Output(ids.MAIN, "style"),
        Output(ids.METHODS, "style"),
        Output(ids.METHODS, "children"),
        Input(ids.PAGE, "pathname"),
        State(ids.METHODS, "children"),
    )
    def switch_page(pathname, methods):
        on_methods = (pathname or "").rstrip("/").endswith("/methods")
        text = panels.methods_content() if on_methods and not methods else no_update
        return (
            {"display": "none"} if on_methods else {},
            {} if on_methods else {"display": "none"},
            text,
        )

    # Only range changes reach the server: plotly also reports every resize ("autosize")
    # as a relayout, and such a request racing a click would drop the click's update.
    app.clientside_callback(
        """function (relayout) {
            const keys = Object.keys(relayout || {});
            const ranged = keys.some(k => /^xaxis\\d*\\.(range|autorange)/.test(k));
            return ranged ? relayout : window.dash_clientside.no_update;
        }""",
        Output(ids.RANGE, "data"),
        Input(ids.TIMELINE, "relayoutData"),
        prevent_initial_call=True,
    )

    # Only a clicked cell reaches the server: a grid just mounted reports its (empty) click
    # too, and such a request racing a key press would drop the key's update.
    app.clientside_callback(
        """function (cells) {
            const cell = (cells || []).find(c => c && c.rowId);
            return cell || window.dash_clientside.no_update;
        }""",
        Output(ids.ROW, "data"),
        Input(GRID_ALL, "cellClicked"),
        prevent_initial_call=True,
    )

    storyline.register(app, store)
    export.register(app, store)
    shell.register(app)
