"""Storyline, safe exports, phones and accessibility, in headless Chromium.

Screenshots of the main views at 1440×900 and 390×844 go to test-results/screenshots/
(kept out of git), for a reader to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from test_dashboard import GRAPH, wait_for_lanes

from dashboards import briefing, storyline
from dashboards.state import ViewState
from tracker import query
from tracker.query import EventFilter

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
BLOCKING = ("serious", "critical")


def shoot(page: Page, name: str) -> None:
    """Save a screenshot of the viewport (the first screen) under test-results/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png")


def open_at(page: Page, url: str, size: dict) -> list[str]:
    """Open the app in a viewport of `size` and wait for the drawn timeline; returns the
    live list of errors (as test_dashboard.open_app, which opens at 1400×1000)."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.set_viewport_size(size)
    page.goto(url)
    wait_for_lanes(page)
    return errors


def blocking_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page, as readable lines."""
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in found
        if v["impact"] in BLOCKING
    ]


def test_the_storyline_lists_the_selection_as_the_briefing_does(page, dash_url, store):
    errors = open_at(page, dash_url + "?country=VEN", DESKTOP)
    expected = briefing.entries(
        storyline.build_briefing(store, ViewState(EventFilter(countries=("VEN",))))
    )
    acts = page.locator("#storyline li.act")
    expect(acts).to_have_count(len(expected))
    shown = acts.evaluate_all("items => items.map(i => i.querySelector('p').textContent)")
    assert shown == [f"{e['date']} ({e['certainty']}): {e['summary']}" for e in expected]
    with page.expect_download() as download:
        page.get_by_role("button", name="Download briefing (HTML)").click()
    handed = Path(download.value.path()).read_text("utf-8")
    assert download.value.suggested_filename == "briefing.html"
    assert re.findall(r"</span>: (.*?)</p>", handed) == [
        briefing.html.escape(e["summary"]) for e in expected
    ]
    assert "Countries: VEN" in handed and "As of the latest article published" in handed
    shoot(page, "storyline-1440x900")
    assert errors == []


def test_printing_shows_the_storyline_without_filters_or_chart(page, dash_url):
    errors = open_at(page, dash_url + "?country=VEN", DESKTOP)
    expect(page.locator("#storyline li.act").first).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("#storyline li.act").first).to_be_visible()
    for hidden in ("#filter-type", "#timeline", "#chips", ".story-actions", "#events-grid"):
        expect(page.locator(hidden).first).to_be_hidden()
    shoot(page, "storyline-print-1440x900")
    assert errors == []


def test_the_png_export_is_named_and_stamped_with_filters_and_as_of_date(page, dash_url, store):
    errors = open_at(page, dash_url + "?country=VEN", DESKTOP)
    as_of = query.summarize(store).latest_published.isoformat()
    page.evaluate("""() => { const real = Plotly.downloadImage;
        Plotly.downloadImage = (fig, opts) => { window.__stamped = fig.layout;
                                                return real(fig, opts); }; }""")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download chart (PNG)").click()
    assert download.value.suggested_filename == f"timeline-VEN-as-of-{as_of}.png"
    assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    stamped = page.evaluate("() => window.__stamped")
    notes = [a["text"] for a in stamped["annotations"]]
    assert stamped["title"]["text"] == "Sanctions & policy events: timeline"
    assert "Filters: Countries: VEN" in notes
    assert any(n.startswith("Source: ") and n.endswith(as_of) for n in notes)
    assert errors == []


def test_an_unknown_url_value_is_named_in_a_visible_warning(page, dash_url):
    errors = open_at(page, dash_url + "?type=SANCTION_IMPOS&country=VEN", DESKTOP)
    warning = page.get_by_role("alert")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("event type “SANCTION_IMPOS” (not in this store)")
    assert errors == []


def test_the_top_close_button_closes_the_evidence(page, dash_url, store):
    event = query.selection(store, EventFilter(countries=("BLR",)))["event_id"][0]
    errors = open_at(page, dash_url + f"?event={event}&open=1", DESKTOP)
    expect(page.locator("#evidence")).to_be_visible()
    expect(page.locator("#close-detail")).to_have_count(1)
    page.get_by_role("button", name="Close (Esc)").click()
    expect(page.locator("#evidence")).to_have_count(0)
    assert "open=1" not in page.url
    assert errors == []


def test_on_a_phone_the_chart_keeps_its_width_and_the_rest_stacks(page, dash_url):
    errors = open_at(page, dash_url, PHONE)
    # the phone layout has been applied (the legend is below the plot on every screen)
    page.wait_for_function(f"() => {GRAPH}._fullLayout.yaxis.ticklabelposition === 'inside'")
    plot = page.evaluate(f"""() => {{ const gd = {GRAPH}, s = gd._fullLayout._size;
        const legend = gd.querySelector('g.legend').getBoundingClientRect();
        const box = gd.getBoundingClientRect();
        return {{width: s.w, left: box.left + s.l, bottom: box.top + s.t + s.h,
                 legendTop: legend.top, pageWidth: document.documentElement.scrollWidth}};
    }}""")
    assert plot["width"] >= 300
    assert plot["legendTop"] >= plot["bottom"]
    assert plot["pageWidth"] <= PHONE["width"]
    expect(page.locator("#filter-type")).to_be_hidden()
    shoot(page, "timeline-390x844")
    toggle = page.get_by_role("button", name="Filters", exact=True)
    toggle.click()
    expect(page.locator("#filter-type")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    grid = page.locator("#events-grid")
    expect(grid.locator(".ag-row").first).to_be_visible()
    grid_box, evidence_box = grid.bounding_box(), page.locator(".detail-panel").bounding_box()
    assert grid_box["width"] > 300
    assert evidence_box["y"] >= grid_box["y"] + grid_box["height"]
    assert errors == []


@pytest.mark.parametrize("view", ["timeline", "evidence", "methods", "phone"])
def test_the_main_views_have_no_serious_or_critical_axe_violations(page, dash_url, store, view):
    event = query.selection(store, EventFilter(event_types=("ASSUME_POWER",)))["event_id"][0]
    url = {"evidence": f"?country=VEN&event={event}&open=1", "methods": "methods"}
    errors = open_at(page, dash_url + url.get(view, ""), PHONE if view == "phone" else DESKTOP)
    expect(page.locator("#events-grid .ag-row").first).to_be_attached()
    if view == "evidence":
        expect(page.locator("#evidence")).to_be_visible()
    if view == "methods":
        expect(page.locator("#methods")).to_contain_text("Month- and year-precision events")
    expect(page.locator("#storyline li.act").first).to_be_attached()
    assert blocking_violations(page) == []
    size = "390x844" if view == "phone" else "1440x900"
    shoot(page, f"{view}-{size}")
    assert errors == []
