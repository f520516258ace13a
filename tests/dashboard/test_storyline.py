"""The storyline and its briefing: the selection's acts, oldest first, one entry per act,
each dated with its certainty, who → whom, quoted, linked and counted; text escaped."""

from __future__ import annotations

import re

import pytest
from store_builder import (
    SCRIPT,
    USA,
    _article,
    _events,
    fixture_records,
    write_records,
)

from dashboards import briefing, storyline
from dashboards.state import ViewState
from tracker.query import EventFilter

VENEZUELA = EventFilter(countries=("VEN",))
FOLLOW_UP = (
    "Reuters reported on Thursday that the United States sanctioned more than 65 "
    "Venezuelan officials on Feb. 6, 2019."
)


@pytest.fixture(scope="module")
def retold_store(tmp_path_factory):
    """The fixture store plus a second article reporting the US sanctions of 6 February,
    this time with the date stated."""
    article = _article(
        "follow-up.txt",
        FOLLOW_UP,
        "2019-02-07",
        "Sanctions follow-up",
        "Wire",
        "https://example.org/follow-up",
    )
    spec = {
        "sentence": FOLLOW_UP,
        "event_type": "SANCTION_IMPOSE",
        "date": "2019-02-06",
        "precision": "day",
        "date_text": "on Feb. 6, 2019",
        "date_source": "explicit",
        "modality": "asserted",
        "trigger": "sanctioned",
        "summary": "United States sanctions Venezuelan officials",
        "sources": [(USA, "the United States")],
        "targets": [(("Venezuelan officials", "government", "VEN"), "Venezuelan officials")],
    }
    store = tmp_path_factory.mktemp("retold") / "store"
    return write_records(store, [*fixture_records(), (article, _events(article, [spec]))])


def test_acts_are_listed_oldest_first_with_date_certainty_and_who_to_whom(store):
    found = storyline.build_briefing(store, ViewState(VENEZUELA))
    items = briefing.entries(found)
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)
    first = items[0]
    assert first["summary"] == "Juan Guaidó assumes executive powers"
    assert first["certainty"] == "day precision; stated in the article “on Jan. 23”"
    assert first["who"] == "Juan Guaidó → ?"
    assert first["url"].startswith("https://www.miamiherald.com/")
    assert first["reported"] == "reported by 1 article"


def test_a_date_defaulted_to_the_article_is_marked_as_not_stated(store):
    found = storyline.build_briefing(
        store, ViewState(EventFilter(countries=("VEN",), event_types=("SANCTION_IMPOSE",)))
    )
    (item,) = briefing.entries(found)
    assert item["date"] == "2019-02-06"
    assert "not stated: the article's publication date" in item["certainty"]
    assert item["who"] == "United States → Venezuelan officials"


def test_an_act_reported_by_two_articles_is_one_entry_dated_by_its_best_mention(retold_store):
    found = storyline.build_briefing(
        retold_store, ViewState(EventFilter(event_types=("SANCTION_IMPOSE",), countries=("VEN",)))
    )
    (item,) = briefing.entries(found)
    assert item["reported"] == "reported by 2 articles"
    assert item["certainty"] == "day precision; stated in the article “on Feb. 6, 2019”"
    assert found.total == 1


def test_the_list_is_bounded_and_says_how_many_more_match(store):
    everything = storyline.build_briefing(store, ViewState())
    cut = storyline.build_briefing(store, ViewState(), limit=3)
    assert len(cut.acts) == 3 and cut.total == everything.total
    assert briefing.entries(cut) == briefing.entries(everything)[:3]
    assert briefing.more_line(cut).startswith(f"{everything.total - 3} more acts match")
    assert f"{everything.total - 3} more acts match" in briefing.to_markdown(cut)


def test_the_briefing_is_stamped_with_the_filters_and_the_as_of_date(store):
    found = storyline.build_briefing(
        store, ViewState(EventFilter(countries=("VEN",), event_types=("SANCTION_IMPOSE",)))
    )
    for text in (briefing.to_markdown(found), briefing.to_html(found)):
        assert "Countries: VEN" in text
        assert f"Event type: {briefing.style_of('SANCTION_IMPOSE').label}" in text
        assert "As of the latest article published 2021-06-22" in text


def test_panel_markdown_and_html_list_the_same_acts_in_the_same_order(store):
    found = storyline.build_briefing(store, ViewState())
    summaries = [i["summary"] for i in briefing.entries(found)]
    panel = storyline.panel(found)
    listed = [li.children[0].children[-1] for li in panel[3].children]
    assert listed == summaries
    markdown = briefing.to_markdown(found)
    positions = [markdown.index(briefing._md(s)) for s in summaries]
    assert positions == sorted(positions)
    page = briefing.to_html(found)
    assert re.findall(r"</span>: (.*?)</p>", page) == [briefing.html.escape(s) for s in summaries]


def test_the_html_briefing_escapes_article_text_and_drops_javascript_links(store):
    found = storyline.build_briefing(store, ViewState(EventFilter(countries=("BLR",))))
    page = briefing.to_html(found)
    assert SCRIPT not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:" not in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page


def test_markdown_text_cannot_inject_links_or_html():
    item = briefing.Briefing(
        acts=briefing.pd.DataFrame(
            [
                {
                    "event_date": "2020-05-01",
                    "date_precision": "day",
                    "date_source": "explicit",
                    "date_text": "May 1",
                    "summary": "[click](javascript:alert(1)) <img src=x>",
                    "sources": ["*A*"],
                    "targets": [],
                    "sentence": "`code`",
                    "url": "https://example.org/a b>",
                    "title": "T",
                    "n_articles": 3,
                }
            ]
        ),
        total=1,
        filters=("No filters: every event in the store",),
        as_of="As of now",
    )
    text = briefing.to_markdown(item)
    assert "\\[click\\](javascript:alert(1)) \\<img src=x\\>" in text
    assert "\\*A\\*" in text and "\\`code\\`" in text
    assert "(<https://example.org/a%20b%3E>)" in text
    assert "reported by 3 articles" in text


def test_filters_are_described_in_words_and_an_empty_filter_says_so():
    assert briefing.describe_filter(EventFilter()) == ("No filters: every event in the store",)
    words = briefing.describe_filter(
        EventFilter(
            start=briefing.pd.Timestamp("2019-01-01").date(), countries=("USA", "VEN"), text="oil"
        )
    )
    assert words == ("From: 2019-01-01", "Countries: USA, VEN", "Text: oil")


def test_dates_read_at_their_own_precision():
    assert briefing.dated("2014-03-01", "month") == "March 2014"
    assert briefing.dated("2016-01-01", "year") == "2016"
    assert briefing.dated(None, "day") == "undated"


def test_an_article_is_named_by_headline_else_outlet_else_link():
    row = briefing.pd.Series({"title": None, "outlet": "", "url": "https://example.org/x"})
    assert briefing.source_label(row) == "https://example.org/x"
    assert briefing.source_label(row.drop("url")) == "untitled article (no link stored)"
    assert (
        briefing.source_label(briefing.pd.Series({"title": "Headline", "outlet": "W"}))
        == "Headline"
    )
