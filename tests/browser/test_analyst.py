"""The analyst's question in headless Chromium at 1440x900, on a hand-built store.

"What sanctions did the US impose on Venezuela in 2019, in order, with sources?" Each test
saves its view to test-results/screenshots/ for a reader to look at.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect
from store_builder import BIG_ACTOR, LINK_ACTOR, analyst_article_url

from dashboards.state import ViewState
from tracker import query
from tracker.query import EventFilter

pytestmark = pytest.mark.browser

GRAPH = "document.querySelector('#timeline .js-plotly-plot')"
DRAWN_IDS = (
    f"() => ({GRAPH}?.data || []).filter(t => t.customdata && t.mode === 'markers')"
    ".flatMap(t => Array.from(t.customdata))"
)
US_ON_VEN_2019 = EventFilter(
    source_countries=("USA",),
    target_countries=("VEN",),
    event_types=("SANCTION_IMPOSE",),
    start=dt.date(2019, 1, 1),
    end=dt.date(2019, 12, 31),
)


def open_app(page: Page, url: str) -> list[str]:
    """Open the app at 1440x900 and wait for the drawn timeline; the live list of errors."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(url)
    page.wait_for_function(f"() => {GRAPH}?._fullLayout?.meta?.lanes?.length > 0")
    return errors


def choose(page: Page, dropdown: str, typed: str, option: str) -> None:
    """Open a dropdown, type into its search, pick an option, close it."""
    page.locator(f"#{dropdown}").click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def test_us_sanctions_on_venezuela_in_2019_in_date_order_with_sources(
    page, analyst_url, analyst_store, screenshots
):
    errors = open_app(page, analyst_url)
    choose(page, "filter-source-country", "United", "United States (USA)")
    choose(page, "filter-target-country", "Venez", "Venezuela (VEN)")
    choose(page, "filter-type", "imposed", "Sanctions imposed")
    page.locator("#filter-year").click()
    page.get_by_role("option", name="2019", exact=True).click()
    expected = query.selection(analyst_store, ViewState(US_ON_VEN_2019).query_filter(), acts=True)
    assert len(expected) == 3  # the Treasury's, Trump's and one act told by two articles
    expect(page.locator("#grid-caption")).to_have_text("3 acts.")
    rows = page.locator("#events-grid .ag-center-cols-container .ag-row")
    expect(rows).to_have_count(3)
    shown = rows.evaluate_all("""rows => rows
        .sort((a, b) => +a.getAttribute('row-index') - +b.getAttribute('row-index'))
        .map(r => ({id: r.getAttribute('row-id'),
                    date: r.querySelector('[col-id=event_date]').textContent,
                    from: r.querySelector('[col-id=date_source]').textContent,
                    href: r.querySelector('[col-id=url] a')?.getAttribute('href')}))""")
    assert [r["id"] for r in shown] == list(expected["event_id"])
    assert [r["date"] for r in shown] == ["2019-08-05", "2019-03-22", "2019-01-28"]  # newest first
    assert all(r["href"] and r["href"].startswith(analyst_article_url("")) for r in shown)
    defaulted = next(r for r in shown if r["date"] == "2019-03-22")
    assert defaulted["from"] == "article's date"
    page.wait_for_function(f"() => new Set(({DRAWN_IDS})()).size === 3")
    assert set(page.evaluate(DRAWN_IDS)) == set(expected["event_id"])
    faded = page.evaluate(
        f"""(id) => {GRAPH}.data.find(t => t.customdata &&
        Array.from(t.customdata).includes(id)).marker.opacity""",
        defaulted["id"],
    )
    assert faded < 1
    expect(page.locator("#timeline .legend")).to_contain_text(
        "Faded: date defaulted to article's date"
    )
    assert "source=USA" in page.url and "target=VEN" in page.url
    page.screenshot(path=screenshots / "analyst-us-on-venezuela-2019.png", full_page=True)
    assert errors == []


def test_the_first_screen_shows_dates_on_the_top_panel(page, analyst_url, screenshots):
    errors = open_app(page, analyst_url)
    ticks = page.evaluate("""() => [...document.querySelectorAll(
            '#timeline .subplot.xy .xaxislayer-above .xtick text')]
        .map(t => ({text: t.textContent, box: t.getBoundingClientRect().toJSON()}))""")
    assert len(ticks) >= 3
    assert all(t["box"]["top"] >= 0 and t["box"]["bottom"] <= 900 for t in ticks)
    assert any("2019" in t["text"] for t in ticks)
    page.screenshot(path=screenshots / "default-view.png")
    assert errors == []


COVERED = """() => {
    const boxes = [...document.querySelectorAll(
        '#timeline .subplot.xy .scatterlayer .trace .points path.point')]
        .map(p => p.getBoundingClientRect()).filter(b => b.width > 0);
    const hits = [];
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) hits.push([a.toJSON(), b.toJSON()]);
    }));
    return {n: boxes.length, hits: hits};
}"""


def test_no_drawn_mark_covers_another(page, analyst_url):
    errors = open_app(page, analyst_url)
    overlaps = page.evaluate(COVERED)
    assert overlaps["n"] >= 20 and overlaps["hits"] == []
    assert errors == []


@pytest.mark.slow
def test_no_drawn_mark_covers_another_on_a_store_of_the_corpus(page, corpus_url, screenshots):
    errors = open_app(page, corpus_url)
    overlaps = page.evaluate(COVERED)  # every drawn mark's box, as Chromium lays it out
    assert overlaps["n"] >= 300 and overlaps["hits"] == []
    ticks = page.locator("#timeline .subplot.xy .xaxislayer-above .xtick text")
    assert ticks.first.bounding_box()["y"] < 900  # the date axis is on the first screen
    page.screenshot(path=screenshots / "corpus-default-view.png")
    assert errors == []


def test_negated_acts_are_hidden_behind_a_visible_toggle(
    page, analyst_url, analyst_store, screenshots
):
    errors = open_app(page, analyst_url + "?source=USA&target=VEN")
    negated = query.selection(
        analyst_store, EventFilter(source_countries=("USA",), modalities=("negated",))
    )["event_id"][0]
    assert negated not in page.evaluate(DRAWN_IDS)
    toggle = page.get_by_label("Show negated acts (refused, vetoed, blocked)")
    expect(toggle).to_be_visible()
    toggle.check()
    page.wait_for_function(f"id => ({DRAWN_IDS})().includes(id)", arg=negated)
    symbol = page.evaluate(
        f"""(id) => {GRAPH}.data.find(t => t.customdata &&
        Array.from(t.customdata).includes(id)).marker.symbol""",
        negated,
    )
    assert symbol.endswith("-open")
    assert "negated=1" in page.url
    page.screenshot(path=screenshots / "negated-shown.png")
    assert errors == []


def test_acts_outside_the_default_range_are_one_click_away(page, analyst_url):
    errors = open_app(page, analyst_url)
    note = page.locator("#timeline-note")
    expect(note).to_contain_text("2 acts are dated outside the range shown")
    page.get_by_role("button", name="Show all dates").click()
    expect(page).to_have_url(re.compile(r"start=1948-01-01&end=2020-01-15"))
    expect(note).not_to_contain_text("outside the range shown")
    assert errors == []


def test_the_date_picker_opens_at_the_data(page, analyst_url, analyst_store):
    errors = open_app(page, analyst_url)
    first_shown = query.date_window(analyst_store, ViewState().query_filter()).low
    page.locator("#date-range").click()  # Dash 4: the id is the start date's input
    controls = page.locator(".dash-datepicker-controls").first
    expect(controls.locator(".dash-dropdown-value")).to_have_text(first_shown.strftime("%B"))
    years = controls.locator("input").evaluate_all("inputs => inputs.map(i => i.value)")
    assert str(first_shown.year) in years
    assert errors == []


def test_html_in_actor_names_renders_as_text_on_the_axis_and_in_hover(
    page, analyst_url, screenshots
):
    errors = open_app(page, analyst_url + "?lanes=actor_detail&type=DEMAND")
    ticks = page.locator("#timeline .subplot.xy .yaxislayer-above .ytick text")
    expect(ticks.filter(has_text="Click me")).to_have_count(1)
    expect(ticks.filter(has_text="Click me")).to_have_text(LINK_ACTOR)
    assert page.locator("#timeline a[href='https://evil.test/phish']").count() == 0
    assert page.evaluate("""() => [...document.querySelectorAll('#timeline text, #timeline tspan')]
        .every(e => !e.getAttribute('style')?.includes('200px'))""")
    expect(ticks.filter(has_text="Big")).to_have_text(BIG_ACTOR)
    box = page.evaluate(f"""() => {{
        const gd = {GRAPH}, xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
        const t = gd.data.find(t => t.customdata && t.mode === 'markers');
        const r = gd.getBoundingClientRect();
        return [r.left + xa._offset + xa.l2p(xa.d2l(t.x[0])), r.top + ya._offset + ya.l2p(t.y[0])];
    }}""")
    page.mouse.move(box[0] - 4, box[1] - 4)
    page.mouse.move(*box)
    expect(page.locator("#timeline .hoverlayer")).to_contain_text("demanded")
    assert page.locator("#timeline .hoverlayer a").count() == 0
    page.screenshot(path=screenshots / "hostile-actor-names.png")
    assert errors == []
