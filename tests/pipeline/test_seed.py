"""The seed article (Miami Herald, 2019-02-06): the events the user must see, dated right."""

from __future__ import annotations

import pandas as pd


def _one(events, event_type, **where):
    rows = events[events["event_type"] == event_type]
    for column, wanted in where.items():
        rows = rows[rows[column].map(wanted)]
    assert len(rows) == 1, f"expected one {event_type} event, got {len(rows)}"
    return rows.iloc[0]


def test_guaido_assumed_power_on_jan_23_stated_explicitly(seed_events):
    ev = _one(seed_events, "ASSUME_POWER")
    assert "Juan Guaidó" in list(ev.sources)
    assert list(ev.source_countries) == ["VEN"]
    assert ev.event_date == pd.Timestamp(2019, 1, 23)
    assert ev.date_precision == "day"
    assert ev.date_source == "explicit"
    assert ev.date_text == "Jan. 23"


def test_relief_offer_is_dated_by_wednesday_and_conditional(seed_events):
    ev = _one(seed_events, "SANCTION_RELIEF_OFFER")
    assert "USA" in list(ev.source_countries)
    assert "VEN" in list(ev.target_countries)
    assert any("military officers" in t for t in ev.targets)
    assert ev.event_date == pd.Timestamp(2019, 2, 6)
    assert ev.date_source == "relative"
    assert ev.date_text == "Wednesday"
    assert ev.modality == "conditional"


def test_sanctions_on_65_officials_keep_the_words_of_the_count(seed_events):
    ev = _one(seed_events, "SANCTION_IMPOSE", sentence=lambda s: "slapped" in s)
    assert list(ev.sources) == ["United States"]
    assert "Venezuelan officials" in list(ev.targets)
    assert ev.quantity == 65
    assert ev.quantity_text == "more than 65"
    assert ev.date_source == "article"  # no date for the act: the publication date, said so


def test_recognition_has_four_sources_and_guaido_as_target(seed_events):
    ev = _one(seed_events, "RECOGNIZE", sentence=lambda s: s.startswith("Washington, Canada"))
    assert set(ev.source_countries) == {"USA", "CAN", "COL", "BRA"}
    assert list(ev.targets) == ["Juan Guaidó"]


def test_maduro_accuses_the_united_states(seed_events):
    ev = _one(seed_events, "ACCUSE", sentence=lambda s: s.startswith("Maduro"))
    assert list(ev.sources) == ["Nicolás Maduro"]
    assert list(ev.targets) == ["United States"]


def test_photo_caption_and_author_biography_give_no_events(seed_events):
    for words in ("handout photo", "Pulitzer", "covers Latin America"):
        assert not seed_events["sentence"].str.contains(words).any(), words


def test_every_event_points_back_to_its_sentence_in_the_article(seed_store, seed_events):
    import pandas as pd

    text = pd.read_parquet(seed_store / "articles")["text"].iloc[0]
    for ev in seed_events.itertuples():
        assert text[ev.char_start : ev.char_end] == ev.sentence


def test_summaries_read_as_one_line(seed_events):
    summary = _one(seed_events, "ASSUME_POWER").summary
    assert summary == "Juan Guaidó assumes executive powers"
