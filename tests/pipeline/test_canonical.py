"""One event per real act across articles: resent stories collapse, distinct acts do not."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tracker.canonical import canonical_events
from tracker.pipeline import ingest
from tracker.store import load_events

PAIRS = [
    ("news-reuters21578/reut2-newid17216.xml", "news-reuters21578/reut2-newid17277.xml"),
    ("news-reuters21578/reut2-newid09628.xml", "news-reuters21578/reut2-newid09657.xml"),
    (
        "news-reuters-ding2014/20120531-us-russia-putin-belarus-idUSBRE84U1J220120531.txt",
        "news-reuters-ding2014/20120601-us-russia-putin-belarus-idUSBRE84U1J220120601.txt",
    ),
]


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_a_resent_story_tells_the_same_acts_once(shared, tmp_path, first, second):
    corpus = shared / "corpus"
    if not (corpus / second).is_file():
        pytest.skip(f"{second} not in ../shared/corpus")
    store = tmp_path / "store"
    ingest([corpus / first, corpus / second], store)
    events = load_events(store)
    assert events["article_id"].nunique() == 2
    shared_acts = events.groupby("canonical_event_id")["article_id"].nunique()
    assert (shared_acts == 2).any()
    both = events[events["canonical_event_id"].isin(shared_acts[shared_acts == 2].index)]
    assert set(both["n_articles"]) == {2}


def _row(event_id, target, day, article="a1", sentence="s", precision="day", source="explicit"):
    return {
        "event_id": event_id,
        "article_id": article,
        "event_type": "SANCTION_IMPOSE",
        "event_date": day,
        "date_precision": precision,
        "date_source": source,
        "sources": ["European Union"],
        "source_countries": ["EUR"],
        "targets": [target],
        "target_countries": [target[:3].upper()],
        "sentence": sentence,
        "content_hash": article,
        "outlet": article,
        "url": None,
        "source_path": f"{article}.txt",
    }


def test_a_coarse_mention_does_not_bridge_two_acts():
    flat = pd.DataFrame(
        [
            _row("e1", "Syria", dt.date(2011, 9, 2)),
            _row("e2", "Syria", dt.date(2011, 1, 1), article="a2", precision="year"),
            _row("e3", "Syria", dt.date(2011, 10, 5), article="a3"),
        ]
    )
    assert canonical_events(flat)["canonical_event_id"].tolist() == ["e1", "e2", "e3"]


def test_distinct_acts_on_the_same_day_stay_distinct():
    day = dt.date(2011, 9, 2)
    flat = pd.DataFrame([_row("e1", "Syria", day), _row("e2", "Iran", day, article="a2")])
    acts = canonical_events(flat)
    assert acts["canonical_event_id"].tolist() == ["e1", "e2"]
    assert acts["n_articles"].tolist() == [1, 1]


def test_the_same_act_in_two_outlets_is_one_act_with_two_sources():
    flat = pd.DataFrame(
        [
            _row("e1", "Syria", dt.date(2011, 9, 2), article="reuters"),
            _row(
                "e2",
                "Syria",
                dt.date(2011, 9, 3),
                article="ap",
                source="article",
                sentence="other words",
            ),
            _row("e3", "Syria", dt.date(2012, 3, 1), article="ap", sentence="a later round"),
        ]
    )
    acts = canonical_events(flat)
    assert acts["canonical_event_id"].tolist() == ["e1", "e1", "e3"]
    assert acts["n_sources"].tolist() == [2, 2, 1]


def _acting(event_id, source, country, article):
    """One mention of an expulsion announced by `source` in a shared sentence."""
    return dict(
        _row(
            event_id,
            "Russia",
            dt.date(2022, 4, 5),
            article=article,
            sentence="Ukraine, Lithuania, Germany and France expelled Russian diplomats.",
            source="article",
        ),
        event_type="DIPLOMATIC_CUT",
        sources=[source],
        source_countries=[country],
    )


def test_acts_of_one_sentence_by_different_states_stay_apart():
    flat = pd.DataFrame(
        [
            _acting("e1", "Ukraine", "UKR", "a1"),
            _acting("e2", "Lithuania", "LTU", "a1"),
            _acting("e3", "Germany", "DEU", "a1"),
        ]
    )
    assert canonical_events(flat)["canonical_event_id"].tolist() == ["e1", "e2", "e3"]


def test_one_states_act_in_a_resent_sentence_is_one_act_whatever_its_dates():
    first = _acting("e1", "Germany", "DEU", "a1")
    resent = dict(
        _acting("e2", "Germany", "DEU", "a2"), content_hash="a1", event_date=dt.date(2022, 5, 20)
    )
    assert canonical_events(pd.DataFrame([first, resent]))["canonical_event_id"].tolist() == [
        "e1",
        "e1",
    ]


def test_an_empty_view_groups_into_no_acts():
    columns = list(_row("e1", "Syria", dt.date(2011, 9, 2)))
    acts = canonical_events(pd.DataFrame({column: [] for column in columns}))
    assert acts.empty and list(acts.columns) == ["canonical_event_id", "n_articles", "n_sources"]


def test_mentions_dated_only_by_their_articles_group_within_the_window():
    flat = pd.DataFrame(
        [
            _row("e1", "Syria", dt.date(2011, 9, 2), source="article"),
            _row("e2", "Syria", dt.date(2011, 9, 4), article="a2", source="article"),
            _row("e3", "Syria", dt.date(2011, 9, 9), article="a3", source="article"),
        ]
    )
    assert canonical_events(flat)["canonical_event_id"].tolist() == ["e1", "e1", "e3"]


def test_datetimes_group_as_their_days_even_at_the_calendars_end():
    rows = [
        _row("e1", "Syria", dt.date(2019, 2, 6)),
        _row("e2", "Syria", dt.date(2019, 2, 7), article="a2", source="article"),
        _row("e3", "Iran", dt.date(9999, 12, 31), article="a3", source="article"),
    ]
    flat = pd.DataFrame(rows)
    flat["event_date"] = pd.to_datetime(flat["event_date"].astype(str)).astype("datetime64[s]")
    assert canonical_events(flat)["canonical_event_id"].tolist() == ["e1", "e1", "e3"]
