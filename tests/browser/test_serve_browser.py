"""The request checks let through everything the real page sends (dashboards.guard)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from test_dashboard import GRAPH, click_mark, event_id, open_app, pick, wait_for_lanes

pytestmark = pytest.mark.browser


def test_every_callback_request_the_page_sends_is_answered(page, dash_url, store):
    refused: list[str] = []
    page.on(
        "response",
        lambda r: (
            "_dash-update-component" in r.url
            and r.status >= 400
            and refused.append(f"{r.status} {r.request.post_data[:200]}")
        ),
    )
    errors = open_app(page, dash_url + "?country=VEN&start=2019-01-01&end=2019-03-01")
    click_mark(page, event_id(store, event_types=("ASSUME_POWER",)))
    expect(page.locator("#evidence mark")).to_be_visible()
    page.locator("h1").click()
    for key in ("ArrowRight", "Escape", "Enter"):
        page.keyboard.press(key)
    pick(page, "filter-type", "Recognition")
    page.get_by_role("button", name="Remove filter Type: Recognition").click()
    page.get_by_label("by actor", exact=True).check()
    wait_for_lanes(page, "Venezuela")  # Guaidó and Maduro roll up to it
    page.evaluate(
        f"() => Plotly.relayout({GRAPH}, {{'xaxis.range': ['2018-06-01', '2019-06-01']}})"
    )
    expect(page).to_have_url(re.compile(r"start=2018-06-01"))
    page.get_by_text("Counts as a table").click()
    expect(page.locator("#counts-table caption")).to_contain_text("Events per")
    page.locator("#events-grid .ag-row .ag-cell").first.click()
    expect(page).to_have_url(re.compile(r"open=1"))
    page.get_by_role("button", name=re.compile("Clear all filters")).click()
    expect(page).not_to_have_url(re.compile(r"country="))
    assert refused == []
    assert errors == []
