"""No input stops a batch or poisons the store: a name that is not UTF-8, a lone surrogate,
a newline in a name, a value the store refuses; `ingest` says when nothing was ingested."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import pytest

from tracker import pipeline
from tracker.cli import EXIT_NOTHING_INGESTED, main
from tracker.nlp import MAX_PARAGRAPH_CHARS, paragraphs
from tracker.records import Article, Event, EventActor
from tracker.store import Store, load_events

from .conftest import SEED

GOOD = (
    "date 2019-02-06 Latest\n\nThe European Union imposed sanctions on Belarus on "
    "Wednesday, officials said in Brussels.\n"
)


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_file_name_that_is_not_utf8_is_ingested_with_the_rest(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    with open(os.fsencode(raw) + b"/m\xe9xico.txt", "wb") as handle:
        handle.write(SEED.read_bytes())
    (raw / "z.txt").write_text(GOOD, encoding="utf-8")
    code, out, err = _run(capsys, "ingest", str(raw), "--store", str(tmp_path / "s"))
    assert code == 0 and "Traceback" not in err
    assert "articles ingested: 2" in out
    assert set(load_events(tmp_path / "s")["source_path"]) == {"m\\xe9xico.txt", "z.txt"}


def test_a_lone_surrogate_in_json_is_stored_escaped_and_the_batch_goes_on(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.json").write_text(
        '{"title": "t \\ud800", "published": "2019-02-06", "text": "The European Union '
        'imposed sanctions on Belarus on Wednesday."}',
        encoding="utf-8",
    )
    (raw / "b.txt").write_text(GOOD, encoding="utf-8")
    code, out, _ = _run(capsys, "ingest", str(raw), "--store", str(tmp_path / "s"))
    assert code == 0 and "articles ingested: 2" in out
    assert "lone surrogate" in out
    articles = pd.read_parquet(tmp_path / "s" / "articles")
    assert "t \\ud800" in set(articles["title"])


def test_a_newline_in_a_file_name_cannot_forge_a_report_line(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "x.txt\n  skipped forged.txt: fake").write_bytes(b"")
    code, out, _ = _run(capsys, "ingest", str(raw), "--store", str(tmp_path / "s"))
    skipped = [line for line in out.splitlines() if line.startswith("  skipped")]
    assert skipped == ["  skipped x.txt\\n  skipped forged.txt: fake: empty file"]
    assert code == EXIT_NOTHING_INGESTED


def test_ingest_exits_3_when_every_file_is_skipped_and_0_when_all_are_unchanged(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    store = str(tmp_path / "s")
    code, out, err = _run(capsys, "ingest", str(raw), "--store", store)
    assert code == EXIT_NOTHING_INGESTED == 3
    assert "skipped empty.txt: empty file" in out and err == ""
    (raw / "empty.txt").unlink()
    (raw / "good.txt").write_text(GOOD, encoding="utf-8")
    assert _run(capsys, "ingest", str(raw), "--store", store)[0] == 0
    assert _run(capsys, "ingest", str(raw), "--store", store)[0] == 0


def test_ingest_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])
    out = capsys.readouterr().out
    assert "exit codes:" in out and "3  nothing could be ingested" in out


def _article(article_id: str, title: str) -> Article:
    return Article(
        article_id=article_id,
        source_path=f"{article_id}.txt",
        record_index=0,
        text="The European Union imposed sanctions on Belarus.",
        title=title,
        content_hash=article_id,
    )


def test_an_article_the_store_refuses_is_skipped_and_its_partition_is_kept(tmp_path):
    store = Store(tmp_path / "s", create=True)
    articles = [
        _article("a" * 16, "fine"),
        _article("b" * 16, "t \ud800"),
        _article("c" * 16, "fine too"),
    ]
    report = pipeline.ingest_articles(articles, store, batch_size=10, write_report=False)
    assert report.articles == 2
    [skip] = report.skipped
    assert skip.path == "b" * 16 + ".txt" and skip.reason.startswith("could not be stored")
    assert set(store.table("articles")["article_id"]) == {"a" * 16, "c" * 16}


def test_the_report_of_a_surrogate_name_is_written_and_printed(tmp_path):
    report = pipeline.IngestReport(files=1)
    report.skipped.append(pipeline.SkippedFile("m\udce9xico.txt", "bad \ud800"))
    assert report.lines()[5] == "  skipped m\\xe9xico.txt: bad \\ud800"
    path = pipeline.save_report(report, tmp_path)
    assert "m\\\\xe9xico.txt" in path.read_text("utf-8")


def _dated(text: str) -> pipeline.Outcome:
    article = Article(
        article_id="a" * 16,
        source_path="a.txt",
        record_index=0,
        text=text,
        published=dt.date(2019, 2, 6),
    )
    [outcome] = pipeline.process_articles([article])
    return outcome


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The European Union imposed sanctions on Belarus in 1066.", "1066"),
        ("The European Union will lift sanctions on Belarus in 2099.", "2099"),
    ],
)
def test_an_event_date_out_of_range_is_refused_and_the_event_kept_undated(text, words):
    outcome = _dated(text)
    [event] = outcome.events
    assert event.event_date is None and event.date_precision is None
    assert event.date_text == words
    [warning] = outcome.warnings
    assert f"event date {words}-01-01" in warning and "kept undated" in warning


def test_an_event_date_within_range_is_kept():
    [event] = _dated("The European Union imposed sanctions on Belarus in 2014.").events
    assert event.event_date == dt.date(2014, 1, 1)


def _event(event_id: str, date: dt.date) -> Event:
    return Event(
        event_id=event_id,
        article_id="a" * 16,
        event_type="SANCTION_IMPOSE",
        cameo_code=None,
        plover_type=None,
        event_date=date,
        date_precision="day",
        date_text=None,
        date_source="article",
        modality="asserted",
        quantity=None,
        quantity_text=None,
        instrument=None,
        summary="s",
        sentence="s",
        sentence_index=0,
        char_start=0,
        char_end=1,
        confidence=0.5,
        extractor_version="x",
        actors=[
            EventActor(
                actor_id="u" * 16,
                role="source",
                name="United States",
                kind="country",
                country="USA",
                text="Washington",
            )
        ],
    )


def test_a_stored_date_at_the_calendars_ends_does_not_break_load_events(tmp_path):
    store = Store(tmp_path / "s", create=True)
    store.write(
        [_article("a" * 16, "t")],
        [_event("e" * 16, dt.date(9999, 12, 31)), _event("f" * 16, dt.date(1, 1, 1))],
        extractor_version="x",
    )
    events = load_events(tmp_path / "s")
    assert sorted(day.date() for day in events["event_date"]) == [
        dt.date(1, 1, 1),
        dt.date(9999, 12, 31),
    ]


def test_a_paragraph_over_spacys_million_characters_is_split_not_lost():
    quiet = "The weather was mild and the markets were quiet. "
    text = (
        quiet * 22_000
        + "The European Union imposed sanctions on Belarus on Wednesday. "
        + quiet * 2_000
    )
    assert len(text) > 1_000_000 and "\n" not in text
    article = Article(
        article_id="a" * 16,
        source_path="a.txt",
        record_index=0,
        text=text,
        published=dt.date(2019, 2, 6),
    )
    [outcome] = pipeline.process_articles([article])
    assert outcome.error is None
    [event] = outcome.events
    assert text[event.char_start : event.char_end].startswith("The European Union imposed")


def test_long_paragraphs_are_cut_after_sentences_into_pieces_spacy_takes():
    text = "First. " + "The European Union imposed sanctions. " * 8_000 + "\n\n" + "x" * 250_001
    pieces = paragraphs(text)
    assert all(end - start <= MAX_PARAGRAPH_CHARS for start, end in pieces)
    assert "".join(text[s:e] for s, e in pieces) == text.replace("\n\n", "")
    assert all(text[s:e].endswith(". ") for s, e in pieces[:3])


NON_LATIN = {
    "ru.txt": "Европейский союз в понедельник ввёл новые санкции против России. Меры "
    "направлены против банков и энергетических компаний, сообщил представитель.",
    "zh.txt": "欧盟周一对俄罗斯实施了新的制裁措施。"
    "这些措施针对银行和能源公司，一位发言人在布鲁塞尔表示。",
    "ar.txt": "فرض الاتحاد الأوروبي يوم الاثنين عقوبات جديدة على روسيا. وتستهدف الإجراءات "
    "البنوك وشركات الطاقة، بحسب ما قال متحدث في بروكسل.",
}


def test_russian_chinese_and_arabic_text_is_skipped_as_not_english(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in NON_LATIN.items():
        (raw / name).write_text(f"date 2019-02-06 x\n\n{text}\n", encoding="utf-8")
    code, out, _ = _run(capsys, "ingest", str(raw), "--store", str(tmp_path / "s"))
    for name in NON_LATIN:
        assert f"skipped {name}: not English (detected: {name[:2]})" in out
    assert code == EXIT_NOTHING_INGESTED
