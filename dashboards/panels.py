"""Pure builders of the page's smaller parts: chips, evidence panel, notes, count tables.

Text from articles is only ever passed as component children or attributes, which React
escapes, so article HTML or <script> renders as inert text. Links are kept only when they
are http(s) URLs.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from dashboards import ids
from dashboards.data import TimelineData, country_label, safe_url
from dashboards.state import ViewState
from dashboards.styles import date_source_words, style_of
from tracker.query import StoreSummary

METHODS_FILE = Path(__file__).resolve().parent / "assets" / "methods.md"
INGEST_HINT = "tracker ingest data/raw --store {store}"
# The columns that fit a 1440 px window beside the evidence panel (field, header, width,
# min width): the grid sizes them to its width in proportion to `width`, never below
# `min width` (a narrower grid scrolls sideways). No column flexes: AG Grid hides the rows
# of a grid with flex columns until they fit, which on a phone they never do. Long text
# ends in an ellipsis and shows whole in a tooltip.
GRID_COLUMNS = (
    ("event_date", "Date", 104, 104),
    ("date_source", "Date from", 112, 112),
    ("event_type", "Type", 150, 120),
    ("summary", "Summary", 340, 200),
    ("who_whom", "Who → whom", 230, 150),
    ("modality", "Modality", 110, 110),
    ("n_articles", "Reports", 88, 88),
    ("url", "Source", 84, 84),
)
# Columns whose whole text shows in a tooltip, and the field it comes from.
TOOLTIPS = {
    "date_source": "date_source_words",
    "event_type": "event_type",
    "summary": "summary",
    "who_whom": "who_whom",
    "modality": "modality_words",
}
GRID_ID = {"type": ids.GRID_TABLE, "view": "selection"}
CHIP_LABELS = {
    "event_types": "Type",
    "countries": "Country",
    "source_countries": "Acting",
    "target_countries": "Target",
    "actors": "Actor",
    "instruments": "Instrument",
    "modalities": "Modality",
}
COUNTRY_FIELDS = ("countries", "source_countries", "target_countries")
ROLE_WORDS = {"source": "acting", "target": "target"}


def aria(**attributes: str) -> dict[str, Any]:
    """ARIA attributes as keyword arguments of a Dash html component, which takes them only
    by their hyphenated names (`aria(live="polite")` is `{"aria-live": "polite"}`).

    Typed `Any` as Dash's generated signatures are: a `dict[str, str]` unpacked into a
    component would be checked against every one of its typed props.
    """
    return {"aria-" + name.replace("_", "-"): value for name, value in attributes.items()}


def _day(value: object) -> str:
    """A date (or timestamp) as ISO text; '' for missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return pd.Timestamp(value).date().isoformat()


def chips(state: ViewState) -> list:
    """One removable chip per active filter value; clicking a chip removes that value."""
    f = state.filter
    out = []
    for name, label in CHIP_LABELS.items():
        for value in getattr(f, name):
            shown = (
                style_of(value).label
                if name == "event_types"
                else country_label(value)
                if name in COUNTRY_FIELDS
                else value
            )
            out.append(_chip(f"{label}: {shown}", name, value))
    if f.actor_role and f.actors:
        out.append(
            _chip(f"Actor role: {ROLE_WORDS.get(f.actor_role, f.actor_role)}", "actor_role", "")
        )
    if state.negated:
        out.append(_chip("Negated acts shown", "negated", ""))
    if f.start or f.end:
        span = f"{_day(f.start) or '…'} to {_day(f.end) or '…'}"
        out.append(_chip(f"Dates: {span}", "range", ""))
    if f.text:
        out.append(_chip(f"Text: “{f.text}”", "text", ""))
    return out


def _chip(text: str, field: str, value: str) -> html.Button:
    """A chip button whose pattern id names the filter field and value it removes."""
    return html.Button(
        [text, html.Span(" ×", **aria(hidden="true"))],
        id={"type": ids.CHIP, "field": field, "value": value},
        className="chip",
        title=f"Remove filter {text}",
        n_clicks=0,
        **aria(label=f"Remove filter {text}"),
    )


def events_grid(rows: list[dict], selected: dict) -> dag.AgGrid:
    """The selection's grid: rows as data.grid_records gives them, one row selectable.

    Its id is a pattern (GRID_ID) so that callbacks can name it before it is mounted.
    """
    return dag.AgGrid(
        id=GRID_ID,
        rowData=rows,
        selectedRows=selected,
        getRowId="params.data.event_id",
        columnDefs=[_column(*spec) for spec in GRID_COLUMNS],
        columnSize="responsiveSizeToFit",
        dashGridOptions={
            "rowSelection": {
                "mode": "singleRow",
                "checkboxes": False,
                "enableClickSelection": True,
            },
            "animateRows": False,
            "tooltipShowDelay": 300,
        },
        style={"height": "420px"},
    )


def _column(field: str, header: str, width: int, min_width: int) -> dict:
    """One grid column: sortable, sized to fit from `width`, tooltip for long text; the source
    column renders its markdown link (no raw HTML; dash-ag-grid adds rel="noopener
    noreferrer nofollow")."""
    column = {
        "field": field,
        "headerName": header,
        "sortable": True,
        "filter": False,
        "width": width,
        "minWidth": min_width,
    }
    if field in TOOLTIPS:
        column["tooltipField"] = TOOLTIPS[field]
    if field == "url":
        column.update({"cellRenderer": "markdown", "sortable": False})
    return column


def evidence_paragraph(text: str | None, start: int | None, end: int | None, sentence: str) -> list:
    """The paragraph around the evidence, with the sentence in a <mark>.

    Uses char_start/char_end when they index the sentence; else searches the sentence;
    else shows the sentence alone.
    """
    if (
        text
        and start is not None
        and end is not None
        and 0 <= start < end <= len(text)
        and text[start:end].strip() == sentence.strip()
    ):
        lo, hi = start, end
    elif text and sentence and sentence in text:
        lo = text.index(sentence)
        hi = lo + len(sentence)
    else:
        return [html.Mark(sentence, className="evidence")]
    para_start = text.rfind("\n", 0, lo) + 1
    para_end = text.find("\n", hi)
    para_end = len(text) if para_end == -1 else para_end
    return [text[para_start:lo], html.Mark(text[lo:hi], className="evidence"), text[hi:para_end]]


def detail_panel(detail: dict | None, is_open: bool) -> list:
    """The evidence panel of the selected event (or a hint when none is open)."""
    if detail is None:
        return [
            html.P(
                "Click a mark, a table row, or press → then Enter to read an event's evidence.",
                className="hint",
            )
        ]
    if not is_open:
        return [
            html.P(
                [html.Strong(detail["summary"]), " — press Enter to open its evidence."],
                className="hint",
            )
        ]
    actors = [
        html.Li(f"{a['role']}: {a['name']}" + (f" ({a['country']})" if a["country"] else ""))
        for a in detail["actors"]
    ]
    precision = detail.get("date_precision") or "unknown"
    date_bits = [
        html.Dt("Date"),
        html.Dd(f"{_day(detail['event_date'])} ({precision} precision)"),
        html.Dt("Date from"),
        html.Dd(
            date_source_words(detail.get("date_source"))
            + (f": “{detail['date_text']}”" if detail.get("date_text") else ""),
            className=f"date-{detail.get('date_source')}",
        ),
        html.Dt("Type"),
        html.Dd(
            f"{style_of(detail['event_type']).label} ({detail['event_type']}, {detail['modality']})"
        ),
        html.Dt("Confidence"),
        html.Dd(_confidence(detail.get("confidence"))),
        html.Dt("Outlet"),
        html.Dd(detail.get("outlet") or "unknown"),
        html.Dt("Reported by"),
        html.Dd(_reports(detail.get("n_articles"))),
        html.Dt("Published"),
        html.Dd(_day(detail.get("published")) or "unknown"),
    ]
    if detail.get("instrument"):
        date_bits += [html.Dt("Instrument"), html.Dd(detail["instrument"])]
    url = safe_url(detail.get("url"))
    link = (
        html.A(
            detail.get("title") or url,
            href=url,
            target="_blank",
            rel="noopener noreferrer",
            id=ids.ARTICLE_LINK,
        )
        if url
        else html.Span(detail.get("title") or "(no link)", id=ids.ARTICLE_LINK)
    )
    return [
        html.H3(detail["summary"], id=ids.DETAIL_SUMMARY),
        html.Blockquote(
            evidence_paragraph(
                detail.get("text"),
                detail.get("char_start"),
                detail.get("char_end"),
                detail["sentence"] or "",
            ),
            id=ids.EVIDENCE,
        ),
        html.H4("Actors"),
        html.Ul(actors or [html.Li("none recorded")]),
        html.Dl(date_bits, className="facts"),
        html.P(["Article: ", link]),
    ]


def _reports(value: float | None) -> str:
    """'3 articles': how many articles report the act."""
    n = 1 if value is None or pd.isna(value) else int(value)
    return f"{n} article{'' if n == 1 else 's'}"


def _confidence(value: float | None) -> str:
    """The event's confidence as the evidence panel says it: a probability, read as the
    share of events like this one found right on the annotated dev set."""
    if value is None or pd.isna(value):
        return "unknown"
    share = round(float(value) * 100)
    return f"{float(value):.2f}: about {share} in 100 events like this one are right"


def timeline_note(data: TimelineData, lane_label: str) -> list:
    """Says what the chart shows when it is not every matching act; when the default
    range leaves acts out, says how many and offers a button showing every date."""
    p = data.points
    if p.total == 0:
        return ["No events match these filters. Remove a filter chip to widen the view."]
    parts = [f"{p.total:,} act matches." if p.total == 1 else f"{p.total:,} acts match."]
    if p.shown < p.total:
        parts.append(
            f"Drawing a fixed sample of {p.shown:,} as marks; the counts below "
            f"({data.bucket}ly) include every matching event. Filter or zoom to see "
            "all of them."
        )
    if p.hidden_lanes:
        parts.append(
            f"{p.hidden_lanes} quieter {lane_label.lower()} lanes are hidden; filter to see them."
        )
    note: list = [" ".join(parts)]
    w = data.window
    if data.outside and w is not None:
        noun = "act is" if data.outside == 1 else "acts are"
        note += [
            f" {data.outside:,} {noun} dated outside the range shown "
            f"({_day(w.low)} to {_day(w.high)}; all run {_day(w.first)} to "
            f"{_day(w.last)}). ",
            html.Button(
                "Show all dates",
                id={"type": ids.SHOW_ALL, "n": 0},
                n_clicks=0,
                className="link-button",
            ),
        ]
    return note


def _element(tag: str, children: object) -> dict:
    """An html element as the page receives it (what `html.<tag>(children)` serialises
    to), built as a plain dict: a Dash component object costs about 0.1 ms to make and to
    serialise, and the counts table has thousands of cells."""
    return {"props": {"children": children}, "type": tag, "namespace": "dash_html_components"}


def counts_table(counts: pd.DataFrame, bucket: str, limit: int = 400) -> html.Table:
    """The counts chart as a table: one row per period, one column per event type."""
    if counts.empty:
        return html.Table([html.Caption("No events to count.")])
    wide = counts.pivot_table(
        index="period", columns="event_type", values="n", aggfunc="sum", fill_value=0
    ).sort_index(ascending=False)
    wide = wide.head(limit)
    head = html.Tr(
        [html.Th(bucket.capitalize())] + [html.Th(style_of(c).label) for c in wide.columns]
    )
    periods = pd.to_datetime(wide.index).strftime("%Y-%m-%d")
    body: list[Any] = [  # element dicts, which Dash sends as they are
        _element("Tr", [_element("Td", period)] + [_element("Td", n) for n in row])
        for period, row in zip(periods, wide.to_numpy(dtype=int).tolist(), strict=True)
    ]
    return html.Table(
        [
            html.Caption(f"Events per {bucket} and type (newest first)"),
            html.Thead(head),
            html.Tbody(body),
        ],
        className="counts-table",
    )


def as_of_line(found: StoreSummary) -> str:
    """'As of' facts: newest article, extractor version(s), sizes."""
    latest = (
        found.latest_published.isoformat()
        if isinstance(found.latest_published, dt.date)
        else "unknown"
    )
    versions = ", ".join(found.extractor_versions) or "unknown"
    return (
        f"As of the latest article published {latest} · extractor {versions} · "
        f"{found.n_events:,} events from {found.n_articles:,} articles"
    )


def empty_state(store: str) -> html.Div:
    """What to do when the store has no events yet."""
    return html.Div(
        [
            html.H2("No events yet"),
            html.P("This store holds no events. Ingest some articles, then reload this page:"),
            html.Pre(INGEST_HINT.format(store=store)),
        ],
        id=ids.EMPTY,
        className="empty",
    )


def error_state(message: str) -> html.Div:
    """What to do when the store cannot be read."""
    return html.Div(
        [
            html.H2("The store cannot be read"),
            html.P(message),
            html.P(
                "Check that --store points at a directory written by `tracker ingest`; "
                "re-run the ingest if the files are damaged."
            ),
        ],
        id=ids.ERROR,
        className="empty",
    )


@cache
def _methods_text() -> str:
    """assets/methods.md, read once."""
    return METHODS_FILE.read_text(encoding="utf-8")


def methods_content() -> list:
    """The methods page's text (assets/methods.md)."""
    return [dcc.Markdown(_methods_text())]
