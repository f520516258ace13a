"""Behaviour of the temporal resolver beyond single phrases: the seed article, the fields
the event extractor relies on, an unknown anchor, junk input, the JSONL entry point and
the loud failure on a malformed data table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.errors import DataTableError, InputError
from tracker.timex import find_timexes, periods, timex_jsonl
from tracker.timex import tables as timex_tables

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "raw" / "venezuela-sanctions-relief-2019-02-06.txt"
SEED_DATE = dt.date(2019, 2, 6)


@pytest.fixture(scope="module")
def seed_timexes():
    if not SEED.exists():
        pytest.skip(f"seed article missing: {SEED}")
    text = SEED.read_text(encoding="utf-8")
    return {t.text: t for t in find_timexes(text, SEED_DATE)}


def test_seed_photo_caption_date_is_explicit_day(seed_timexes):
    timex = seed_timexes["Wednesday, Jan. 30, 2019"]
    assert (timex.value, timex.date, timex.precision, timex.source) == (
        "2019-01-30",
        dt.date(2019, 1, 30),
        "day",
        "explicit",
    )


def test_seed_wednesday_in_a_wednesday_article_is_that_day(seed_timexes):
    timex = seed_timexes["Wednesday"]
    assert (timex.value, timex.date, timex.precision, timex.source) == (
        "2019-02-06",
        SEED_DATE,
        "day",
        "relative",
    )


def test_seed_month_day_without_year_is_explicit_and_completed_from_anchor(seed_timexes):
    timex = seed_timexes["Jan. 23"]
    assert (timex.value, timex.date, timex.precision, timex.source) == (
        "2019-01-23",
        dt.date(2019, 1, 23),
        "day",
        "explicit",
    )


def test_week_takes_the_month_of_its_monday():
    (timex,) = find_timexes("Sanctions were tightened last week.", dt.date(2019, 2, 6))
    assert (timex.value, timex.date, timex.precision) == ("2019-W05", dt.date(2019, 1, 1), "month")


def test_month_and_year_precisions():
    found = find_timexes("Oil output fell last month and in 2017.", dt.date(2019, 2, 6))
    assert [(t.value, t.date, t.precision) for t in found] == [
        ("2019-01", dt.date(2019, 1, 1), "month"),
        ("2017", dt.date(2017, 1, 1), "year"),
    ]


def test_time_of_day_gives_the_day_with_day_precision():
    (timex,) = find_timexes("The ministers met Monday morning.", dt.date(2019, 2, 6))
    assert (timex.type, timex.date, timex.precision) == ("TIME", dt.date(2019, 2, 4), "day")


@pytest.mark.parametrize(
    "text",
    [
        "The talks lasted three days.",
        "Oil prices are now falling.",
        "Industry grew in the 1990s.",
    ],
)
def test_durations_references_and_decades_have_no_date(text):
    (timex,) = find_timexes(text, dt.date(2019, 2, 6))
    assert (timex.date, timex.precision) == (None, None)


def test_since_on_the_anchor_weekday_means_the_week_before():
    text = "The army has lost 18 soldiers since ground operations expanded on Friday."
    (timex,) = find_timexes(text, dt.date(2019, 2, 8))
    assert timex.value == "2019-02-01"


def test_a_datetime_anchor_counts_by_its_date():
    text = "The bank froze the accounts on Dec. 30 and met on Monday."
    at_noon = find_timexes(text, dt.datetime(2019, 1, 10, 12, 0))
    assert [t.value for t in at_noon] == [t.value for t in find_timexes(text, dt.date(2019, 1, 10))]


def test_without_anchor_relative_values_stay_unresolved():
    found = find_timexes("He arrived Friday, left last month and returns in 2020.", None)
    assert [(t.value, t.date) for t in found] == [
        ("XXXX-WXX-5", None),
        ("XXXX-XX", None),
        ("2020", dt.date(2020, 1, 1)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "0" * 1_000_000,
        "٢٠١٩ 年 1 月 23 日 Москва ١٢ 三月",
        "\x00\x01\ufffd\u200b",
        "12:99 99/99/9999 00-00-0000",
    ],
)
def test_junk_input_gives_no_invented_date(text):
    assert find_timexes(text, dt.date(2019, 2, 6)) == []


def test_a_long_text_full_of_dates_is_read_to_the_end():
    sentence = "Prices rose in 2017, fell on Jan. 5 and recovered last week. "
    found = find_timexes(sentence * 2_000, dt.date(2019, 2, 6))
    assert len(found) == 3 * 2_000
    assert found[-1].value == "2019-W05"


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300), anchor=st.one_of(st.none(), st.dates()))
def test_any_text_yields_well_formed_spans(text, anchor):
    for timex in find_timexes(text, anchor):
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        assert timex.type in {"DATE", "TIME", "DURATION", "SET"}


def test_an_offset_beyond_the_calendar_keeps_its_unanchored_value():
    (timex,) = find_timexes("The rocks formed 900000 days ago.", dt.date(2019, 2, 6))
    assert (timex.text, timex.value, timex.date) == ("900000 days ago", "XXXX-XX-XX", None)


@pytest.mark.parametrize("anchor", [dt.date.min, dt.date.max])
def test_anchors_at_the_ends_of_the_calendar_resolve_without_error(anchor):
    text = "Last April, on Easter Monday and three weeks ago on Sunday, the day before last "
    text += "Tuesday, the talks ran April 24 and 25; next Christmas they resume."
    found = find_timexes(text, anchor)
    assert len(found) >= 6
    assert all(text[t.start : t.end] == t.text for t in found)


def test_timex_jsonl_writes_scorer_records():
    documents = [
        {"doc_id": "d1", "dct": "2019-02-06", "text": "He left on Jan. 23."},
        {"doc_id": "d2", "dct": None, "text": ""},
    ]
    assert list(timex_jsonl(documents)) == [
        {
            "doc_id": "d1",
            "timexes": [{"start": 11, "end": 18, "type": "DATE", "value": "2019-01-23"}],
        },
        {"doc_id": "d2", "timexes": []},
    ]


def test_timex_jsonl_accepts_a_dct_with_a_time_of_day():
    (line,) = timex_jsonl([{"doc_id": "d", "dct": "1998-01-14T18:30", "text": "He left today."}])
    assert line["timexes"][0]["value"] == "1998-01-14"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"dct": "2019-02-06", "text": "x"}, "doc_id"),
        ({"doc_id": "d", "dct": "2019-02-06"}, "text"),
        ({"doc_id": "d", "dct": "yesterday", "text": "x"}, "not an ISO date"),
        (["not", "an", "object"], "JSON object"),
    ],
)
def test_timex_jsonl_rejects_malformed_records_with_their_line(record, reason):
    with pytest.raises(InputError, match=reason) as raised:
        list(timex_jsonl([{"doc_id": "ok", "text": ""}, record], source="in.jsonl"))
    assert raised.value.path == "in.jsonl:2"


def test_malformed_word_list_fails_loudly():
    with pytest.raises(DataTableError, match="cue"):
        timex_tables._check_words({**_raw_words(), "cue": {"will": "sideways"}})


def test_feast_with_an_offset_that_is_no_day_count_fails_loudly():
    with pytest.raises(DataTableError, match="easter_feast"):
        timex_tables._check_words({**_raw_words(), "easter_feast": {"easter": "sunday"}})


@pytest.mark.parametrize(
    "year, sunday",
    [
        (1989, dt.date(1989, 3, 26)),
        (2000, dt.date(2000, 4, 23)),
        (2011, dt.date(2011, 4, 24)),
        (2013, dt.date(2013, 3, 31)),
        (2038, dt.date(2038, 4, 25)),
    ],
)
def test_easter_sunday_follows_the_gregorian_computus(year, sunday):
    assert periods.easter_sunday(year) == sunday


def test_unknown_placeholder_in_a_rule_fails_loudly():
    raw = {"rule": [{"name": "r", "kind": "year", "pattern": "{nonesuch}"}]}
    with pytest.raises(DataTableError, match="nonesuch"):
        timex_tables._build_rules(raw, timex_tables.load_tables().words)


def test_rule_with_an_unknown_key_fails_loudly():
    raw = {"rule": [{"name": "r", "kind": "year", "pattern": "x", "typo": "DATE"}]}
    with pytest.raises(DataTableError, match="typo"):
        timex_tables._build_rules(raw, timex_tables.load_tables().words)


def _raw_words() -> dict:
    """The shipped word lists as read from disk."""
    return timex_tables._read_toml(timex_tables.WORDS_FILE)


def test_the_month_names_come_from_the_one_month_table():
    from tracker.timex.tables import month_names

    assert month_names()[0] == "January" and month_names()[8] == "September"
    assert len(month_names()) == 12
