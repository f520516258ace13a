"""The analyst's dashboard in headless Chromium: lanes, filters, evidence, links, exports."""

from __future__ import annotations

import csv
import io
import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from dashboards.state import ViewState
from tracker import query
from tracker.query import EventFilter

pytestmark = pytest.mark.browser

GRAPH = "document.querySelector('#timeline .js-plotly-plot')"
LANES = f"() => {GRAPH}?._fullLayout?.meta?.lanes"
DRAWN_IDS = (
    f"() => ({GRAPH}?.data || []).filter(t => t.customdata && t.mode === 'markers')"
    ".flatMap(t => Array.from(t.customdata))"
)


def open_app(page: Page, url: str) -> list[str]:
    """Open the app and wait for the drawn timeline; returns the live list of errors."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(url)
    wait_for_lanes(page)
    return errors


def wait_for_lanes(page: Page, must_have: str | None = None) -> list[str]:
    """Wait until the timeline is drawn (with a lane named `must_have`); its lanes."""
    page.wait_for_function(
        f"() => {GRAPH}?._fullLayout?.meta?.lanes?.length > 0"
        + (f" && {GRAPH}._fullLayout.meta.lanes.includes({must_have!r})" if must_have else "")
    )
    return page.evaluate(LANES)


def pick(page: Page, dropdown: str, option: str) -> None:
    """Choose one option of a Dash 4 multi-select, then close it."""
    page.locator(f"#{dropdown}").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def shown(store, **filters):
    """The acts the page lists for a filter: one row per act, negated acts left out."""
    return query.selection(
        store, ViewState(EventFilter(**filters)).query_filter(), limit=None, acts=True
    )


def event_id(store, **filters) -> str:
    """The id of the (single, newest) event matching a filter."""
    return query.selection(store, EventFilter(**filters))["event_id"][0]


def click_mark(page: Page, event: str) -> None:
    """Move to and click the mark of an event, as a user would: once the page has settled
    (the storyline beside the chart and the chart's width are set after its first draw,
    and would move the mark under the pointer)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        """() => new Promise((done) => {
            const box = () => JSON.stringify(
                document.querySelector('#timeline .js-plotly-plot').getBoundingClientRect());
            const before = box();
            requestAnimationFrame(() => requestAnimationFrame(() => done(box() === before)));
        })"""
    )
    x, y = page.evaluate(
        """(event) => {
            const gd = document.querySelector('#timeline .js-plotly-plot');
            const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
            const box = gd.getBoundingClientRect();
            for (const t of gd.data) {
                const i = t.customdata ? Array.from(t.customdata).indexOf(event) : -1;
                if (i >= 0 && t.mode === 'markers') {
                    return [box.left + xa._offset + xa.l2p(xa.d2l(t.x[i])),
                            box.top + ya._offset + ya.l2p(t.y[i])];
                }
            }
            return null;
        }""",
        event,
    )
    page.mouse.move(x - 5, y - 5)
    page.mouse.move(x, y)
    page.mouse.click(x, y)


def test_lanes_switch_between_countries_and_actors(page, dash_url, tmp_path):
    errors = open_app(page, dash_url)
    lanes = wait_for_lanes(page)
    assert {"USA", "VEN", "ZAF"} <= set(lanes)
    page.get_by_label("by actor", exact=True).check()
    actor_lanes = wait_for_lanes(page, "Venezuela")  # Guaidó and Maduro roll up to it
    assert "VEN" not in actor_lanes and "United States" in actor_lanes
    assert "Juan Guaidó" not in actor_lanes
    page.get_by_label("by actor, people and offices apart").check()
    assert "Juan Guaidó" in wait_for_lanes(page, "Juan Guaidó")
    assert "lanes=actor" in page.url
    page.screenshot(path=tmp_path / "actor-lanes.png")
    assert errors == []


def test_filtering_by_country_and_type_applies_to_every_panel(page, dash_url, store, tmp_path):
    errors = open_app(page, dash_url)
    pick(page, "filter-country", "Venezuela (VEN)")
    pick(page, "filter-type", "Recognition")
    expected = shown(store, countries=("VEN",), event_types=("RECOGNIZE",))
    n = len(expected)
    expect(page.locator("#grid-caption")).to_have_text(f"{n} act{'' if n == 1 else 's'}.")
    page.wait_for_function(f"() => new Set(({DRAWN_IDS})()).size === {len(expected)}")
    assert set(page.evaluate(DRAWN_IDS)) == set(expected["event_id"])
    expect(page.locator("#chips .chip")).to_have_count(2)
    assert "country=VEN" in page.url and "type=RECOGNIZE" in page.url
    page.screenshot(path=tmp_path / "filtered.png")
    page.get_by_role("button", name="Remove filter Type: Recognition").click()
    expect(page.locator("#chips .chip")).to_have_count(1)
    assert "type=" not in page.url
    assert errors == []


def test_clicking_a_mark_opens_its_evidence(page, dash_url, store, tmp_path):
    errors = open_app(page, dash_url + "?country=VEN&start=2019-01-01&end=2019-03-01")
    click_mark(page, event_id(store, event_types=("ASSUME_POWER",)))
    evidence = page.locator("#evidence mark")
    expect(evidence).to_contain_text("began assuming executive powers on Jan. 23")
    expect(page.locator("#detail-summary")).to_have_text("Juan Guaidó assumes executive powers")
    facts = page.locator("#detail dl.facts")
    expect(facts).to_contain_text("2019-01-23 (day precision)")
    expect(facts).to_contain_text("date stated in the text: “Jan. 23”")
    expect(facts).to_contain_text("Published2019-02-06")
    expect(page.locator("#detail")).to_contain_text("source: Juan Guaidó (VEN)")
    assert f"event={event_id(store, event_types=('ASSUME_POWER',))}" in page.url
    page.screenshot(path=tmp_path / "evidence.png")
    assert errors == []


def test_a_copied_url_reopens_the_same_view(page, dash_url, context, tmp_path):
    errors = open_app(page, dash_url)
    pick(page, "filter-country", "United States (USA)")
    page.get_by_label("by actor", exact=True).check()
    wait_for_lanes(page, "United States")
    page.locator("#events-grid .ag-row").first.click()
    expect(page.locator("#detail-summary")).to_be_visible()
    view = {
        "lanes": page.evaluate(LANES),
        "caption": page.inner_text("#grid-caption"),
        "chips": page.locator("#chips .chip").all_inner_texts(),
        "summary": page.inner_text("#detail-summary"),
    }
    copied = page.url
    again = context.new_page()
    errors += open_app(again, copied)
    expect(again.locator("#detail-summary")).to_have_text(view["summary"])
    expect(again.locator("#grid-caption")).to_have_text(view["caption"])
    assert again.evaluate(LANES) == view["lanes"]
    assert again.locator("#chips .chip").all_inner_texts() == view["chips"]
    assert again.url == copied
    again.screenshot(path=tmp_path / "reopened.png")
    assert errors == []


def test_csv_download_holds_the_selection(page, dash_url, store):
    errors = open_app(page, dash_url + "?country=ZAF")
    expect(page.locator("#chips .chip")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download selection (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    expected = query.selection(
        store, ViewState(EventFilter(countries=("ZAF",))).query_filter(), limit=None
    )
    assert {r["event_id"] for r in rows} == set(expected["event_id"])
    assert all("ZAF" in r["countries"] for r in rows)
    assert errors == []


def test_keyboard_moves_along_a_lane_and_enter_opens_the_evidence(page, dash_url):
    errors = open_app(page, dash_url + "?country=VEN&start=2019-01-01&end=2019-03-01")
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#detail")).to_contain_text("press Enter")
    page.keyboard.press("Enter")
    expect(page.locator("#evidence mark")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#evidence")).to_have_count(0)
    assert errors == []


def test_script_in_an_article_renders_as_inert_text(page, dash_url, store, tmp_path):
    hostile = event_id(store, countries=("BLR",))
    errors = open_app(page, dash_url + f"?event={hostile}&open=1")
    mark = page.locator("#evidence mark")
    expect(mark).to_contain_text("<script>alert(1)</script>")
    expect(page.locator("#detail-summary")).to_contain_text("<script>alert(1)</script>")
    assert (
        page.evaluate("document.querySelectorAll('#detail script, #detail img, #detail b').length")
        == 0
    )
    assert page.locator("#detail a[href^='javascript']").count() == 0
    page.screenshot(path=tmp_path / "hostile.png")
    assert errors == []


def test_an_empty_store_says_which_command_ingests_data(page, tmp_path):
    from dashboards.app import create_app

    server = make_server("127.0.0.1", 0, create_app(tmp_path / "empty").server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(f"http://127.0.0.1:{server.server_port}/")
        expect(page.locator("#empty-state")).to_contain_text("tracker ingest")
        page.get_by_role("link", name="Methods").click()
        expect(page.locator("#methods")).to_contain_text("Month- and year-precision events")
        assert errors == []
    finally:
        server.shutdown()


def test_the_timeline_draws_with_the_small_plotly_bundle(page, dash_url):
    errors = open_app(page, dash_url)
    loaded = page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    assert any("plotly-timeline.min.js" in name for name in loaded)
    assert not any(name.split("?")[0].endswith("/plotly.min.js") for name in loaded)
    assert errors == []


def test_a_range_set_on_the_chart_filters_the_dates(page, dash_url):
    errors = open_app(page, dash_url)
    page.evaluate(
        f"() => Plotly.relayout({GRAPH}, {{'xaxis.range': ['2019-01-01', '2019-03-01']}})"
    )
    expect(page).to_have_url(re.compile(r"start=2019-01-01&end=2019-03-01"))
    expect(page.locator("#chips")).to_contain_text("Dates: 2019-01-01 to 2019-03-01")
    assert errors == []


def test_the_counts_table_is_filled_when_opened_and_follows_the_view(page, dash_url, store):
    errors = open_app(page, dash_url + "?country=VEN")
    expect(page.locator("#counts-table table")).to_have_count(0)  # not built until opened
    page.get_by_text("Counts as a table").click()
    expect(page.locator("#counts-table caption")).to_contain_text("Events per")

    def counted() -> int:
        cells = page.locator("#counts-table tbody tr").evaluate_all(
            "rows => rows.flatMap(r => [...r.cells].slice(1).map(c => +c.textContent))"
        )
        return sum(cells)

    for country in ("VEN", "USA"):
        if country != "VEN":
            pick(page, "filter-country", "United States (USA)")
            expect(page.locator("#chips .chip")).to_have_count(2)
        chosen = ViewState(EventFilter(countries=tuple(sorted({"VEN", country}))))
        expected = int(query.counts_over_time(store, chosen.query_filter(), "year")["n"].sum())
        page.wait_for_function(
            "n => [...document.querySelectorAll('#counts-table tbody tr')].flatMap(r => "
            "[...r.cells].slice(1).map(c => +c.textContent)).reduce((a, b) => a + b, 0) === n",
            arg=expected,
        )
        assert counted() == expected
    assert errors == []


def assert_grid_rows(page: Page, expected) -> None:
    """The grid shows exactly the events `expected` (once it has them all)."""
    expect(page.locator("#events-grid .ag-row")).to_have_count(len(expected))
    shown = page.locator("#events-grid .ag-row").evaluate_all(
        "rows => rows.map(r => r.getAttribute('row-id'))"
    )
    assert sorted(shown) == sorted(expected)


def test_the_grid_mounts_after_the_timeline_with_the_view_rows(page, dash_url, store):
    errors = open_app(page, dash_url + "?country=ZAF")
    expected = shown(store, countries=("ZAF",))["event_id"]
    assert_grid_rows(page, expected)
    assert errors == []


def test_the_chart_downloads_as_png(page, dash_url):
    errors = open_app(page, dash_url + "?country=VEN")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download chart (PNG)").click()
    assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    expect(page.locator("#png-status")).to_have_text("PNG saved")
    assert errors == []


def test_a_filter_set_before_the_grid_mounts_still_reaches_the_grid(page, dash_url, store):
    errors = open_app(page, dash_url)
    pick(page, "filter-country", "South Africa (ZAF)")  # at once: before the grid mounts
    expected = shown(store, countries=("ZAF",))["event_id"]
    assert_grid_rows(page, expected)
    assert errors == []
