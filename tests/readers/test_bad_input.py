"""Bad input gets a one-line reason naming the file; it never raises and never loses the
good records beside it."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from tracker.errors import InputError
from tracker.readers import discover, read_file


def _only_skip(result) -> str:
    """The single skip reason of a result that produced no articles."""
    assert result.articles == []
    [skip] = result.skipped
    assert skip.path == result.path and skip.reason and "\n" not in skip.reason
    return skip.reason


def test_an_empty_file_is_skipped(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _only_skip(read_file(tmp_path / "empty.txt", tmp_path)) == "empty file"


def test_a_whitespace_only_file_is_skipped(tmp_path):
    (tmp_path / "blank.txt").write_text("  \n\n\t \n")
    assert "no text" in _only_skip(read_file(tmp_path / "blank.txt", tmp_path))


def test_binary_junk_is_skipped_as_binary(tmp_path):
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 40)
    assert "binary" in _only_skip(read_file(tmp_path / "photo.txt", tmp_path))


def test_control_characters_without_nul_are_binary(tmp_path):
    junk = b"Sanctions\x01\x02\x03\x04\x05\x06 were\x07\x08 lifted" * 20
    (tmp_path / "junk.txt").write_bytes(junk)
    assert "control characters" in _only_skip(read_file(tmp_path / "junk.txt", tmp_path))


def test_latin1_text_is_decoded_with_a_warning(tmp_path, seed_text):
    body = seed_text.replace("’", "'").replace("“", '"').replace("”", '"').replace("–", "-")
    (tmp_path / "seed-latin1.txt").write_bytes(body.encode("latin-1"))
    result = read_file(tmp_path / "seed-latin1.txt", tmp_path)
    [article] = result.articles
    assert "Nicolás Maduro" in article.text and "Guaidó" in article.text
    assert any("not UTF-8" in w and "seed-latin1.txt" in w for w in result.warnings)


def test_utf8_with_a_byte_order_mark_reads_its_header(tmp_path, seed_text):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + seed_text.encode("utf-8"))
    [article] = read_file(tmp_path / "bom.txt", tmp_path).articles
    assert article.published_source == "header" and str(article.published) == "2019-02-06"
    assert not article.text.startswith(("\ufeff", "date"))


def test_bytes_of_no_confident_encoding_are_skipped(tmp_path):
    junk = bytes([0x80 + (i * 37) % 127 for i in range(3000)])
    (tmp_path / "mystery.txt").write_bytes(junk)
    reason = _only_skip(read_file(tmp_path / "mystery.txt", tmp_path))
    assert reason == "not valid UTF-8 (byte 0) and no confident encoding detected"


def test_windows_1252_keeps_its_curly_quotes(tmp_path, seed_text):
    (tmp_path / "seed-1252.txt").write_bytes(seed_text.encode("cp1252"))
    result = read_file(tmp_path / "seed-1252.txt", tmp_path)
    [article] = result.articles
    assert "“The U.S will consider sanctions off-ramps" in article.text
    assert result.warnings == ["seed-1252.txt: not UTF-8: decoded as cp1252 (detected)"]


def test_utf16_with_a_byte_order_mark_is_text_not_binary(tmp_path, seed_text):
    (tmp_path / "seed-16.txt").write_bytes(seed_text.encode("utf-16"))
    [article] = read_file(tmp_path / "seed-16.txt", tmp_path).articles
    assert article.text.startswith("U.S. offers sanctions relief")


def test_truncated_html_is_read_with_a_warning(tmp_path, seed_text):
    paragraphs = "".join(f"<p>{p}</p>" for p in seed_text.split("\n\n")[3:])
    page = f"<!DOCTYPE html><html><head><title>t</title></head><body><article>{paragraphs}"
    (tmp_path / "cut.html").write_text(page[: len(page) - 40], encoding="utf-8")
    result = read_file(tmp_path / "cut.html", tmp_path)
    [article] = result.articles
    assert "Washington on Wednesday offered relief" in article.text
    assert any("truncated" in w and "cut.html" in w for w in result.warnings)


def test_truncated_reuters_xml_is_skipped(corpus, tmp_path):
    source = (corpus / "news-reuters21578/reut2-newid01963.xml").read_text("utf-8")
    (tmp_path / "cut.xml").write_text(source[: len(source) // 2], encoding="utf-8")
    assert "truncated" in _only_skip(read_file(tmp_path / "cut.xml", tmp_path))


def test_truncated_feed_keeps_the_items_read_and_warns(corpus, tmp_path):
    source = (corpus / "feeds-rss/reuters-worldnews-2018-01-30.rss.xml").read_text("utf-8")
    cut = source[: source.index("<item>", source.index("<item>") + 1000) + 30]
    (tmp_path / "cut.rss").write_text(cut, encoding="utf-8")
    result = read_file(tmp_path / "cut.rss", tmp_path)
    assert result.articles
    assert any("malformed feed" in w for w in result.warnings)


def test_truncated_json_is_skipped_with_the_parser_position(corpus, tmp_path):
    source = (corpus / "news-newspaper4k-fixtures/yna_co_kr.json").read_text("utf-8")
    (tmp_path / "cut.json").write_text(source[: len(source) // 2], encoding="utf-8")
    reason = _only_skip(read_file(tmp_path / "cut.json", tmp_path))
    assert "truncated JSON" in reason and "line" in reason


def test_a_bad_jsonl_line_is_skipped_and_the_others_kept(tmp_path, seed_text):
    good = json.dumps({"title": "Relief", "text": seed_text, "date": "2019-02-06"})
    (tmp_path / "batch.jsonl").write_text(f"{good}\n{good[:50]}\n{good}\n", encoding="utf-8")
    result = read_file(tmp_path / "batch.jsonl", tmp_path)
    assert [a.record_index for a in result.articles] == [0, 2]
    [skip] = result.skipped
    assert skip.reason.startswith("line 2: invalid JSON")


def test_an_article_with_no_date_anywhere_is_ingested_with_a_warning(tmp_path, seed_text):
    body = seed_text.split("\n", 1)[1]
    (tmp_path / "undated.txt").write_text(body, encoding="utf-8")
    result = read_file(tmp_path / "undated.txt", tmp_path)
    [article] = result.articles
    assert article.published is None and article.published_source is None
    assert result.warnings == [
        "undated.txt: no publication date found (add it to manifest.csv or use --published)"
    ]


def test_a_relative_record_date_is_left_unresolved(tmp_path, seed_text):
    record = {"text": seed_text.split("\n", 1)[1], "date": "yesterday"}
    (tmp_path / "relative.json").write_text(json.dumps(record), encoding="utf-8")
    result = read_file(tmp_path / "relative.json", tmp_path)
    [article] = result.articles
    assert article.published is None
    assert any("'yesterday' is not a calendar date" in w for w in result.warnings)


def test_a_path_that_does_not_exist(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "missing"])
    assert _only_skip(read_file(tmp_path / "missing.txt", tmp_path)) == "no such file"


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    result = read_file(big, tmp_path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "over the 50,000,000-byte limit" in _only_skip(result)
    assert peak < 5_000_000


def test_the_size_limit_is_configurable(tmp_path, seed_text):
    (tmp_path / "seed.txt").write_text(seed_text, encoding="utf-8")
    assert "limit" in _only_skip(read_file(tmp_path / "seed.txt", tmp_path, max_bytes=1000))


def test_an_xml_entity_bomb_is_refused_with_memory_bounded(tmp_path):
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(entities) + "\n]>\n"
        "<rss><channel><item><title>&lol9;</title><description>&lol9;</description>"
        "</item></channel></rss>"
    )
    (tmp_path / "bomb.xml").write_text(bomb, encoding="utf-8")
    tracemalloc.start()
    result = read_file(tmp_path / "bomb.xml", tmp_path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "entity" in _only_skip(result)
    assert peak < 5_000_000


def test_text_that_is_not_english_is_read_and_labelled(tmp_path):
    german = (
        "Die Europäische Union hat am Montag neue Sanktionen gegen Russland beschlossen. "
        "Die Maßnahmen richten sich gegen Banken und Energiekonzerne, die nach Angaben "
        "der Kommission den Krieg in der Ukraine mitfinanzieren. Ein Sprecher sagte in "
        "Brüssel, weitere Schritte würden nicht ausgeschlossen."
    )
    (tmp_path / "sanktionen-2022-03-01.txt").write_text(german, encoding="utf-8")
    [article] = read_file(tmp_path / "sanktionen-2022-03-01.txt", tmp_path).articles
    assert article.language == "de"


def test_an_unknown_xml_document_is_not_an_article(tmp_path):
    (tmp_path / "config.xml").write_text('<?xml version="1.0"?><settings><a>1</a></settings>')
    assert "unknown root element <settings>" in _only_skip(
        read_file(tmp_path / "config.xml", tmp_path)
    )


def test_a_json_record_without_text_is_skipped_with_the_fields_looked_for(tmp_path):
    (tmp_path / "meta.json").write_text(json.dumps([{"title": "x", "images": []}]))
    reason = _only_skip(read_file(tmp_path / "meta.json", tmp_path))
    assert reason.startswith("record 0 has no text field (looked for text, body")


@pytest.mark.parametrize("name", ["README.md", "LICENSE", "manifest.csv", ".hidden.txt"])
def test_readme_license_manifest_and_hidden_files_are_not_discovered(tmp_path, name):
    (tmp_path / name).write_text("path,url\n")
    (tmp_path / "story.txt").write_text("Text.")
    assert discover([tmp_path]) == [(tmp_path / "story.txt", tmp_path)]


def test_a_csv_row_with_the_wrong_field_count_is_skipped_others_kept(tmp_path, seed_text):
    body = seed_text.split("\n", 1)[1].replace('"', "'")
    rows = f'title,text,date\nRelief,"{body}",2019-02-06\nBroken,only two\n'
    (tmp_path / "rows.csv").write_text(rows, encoding="utf-8")
    result = read_file(tmp_path / "rows.csv", tmp_path)
    assert [a.title for a in result.articles] == ["Relief"]
    assert [s.reason for s in result.skipped] == ["row 2 has 2 fields, the header has 3"]


def test_a_table_with_old_mac_line_breaks_is_read_as_a_table(tmp_path):
    # a lone carriage return ends the header line; it used to reach the csv module inside
    # an unquoted field and raise (found by the property test on random text)
    (tmp_path / "rows.txt").write_bytes(b"title,text\rRelief,Sanctions were lifted.\r")
    result = read_file(tmp_path / "rows.txt", tmp_path)
    assert [(a.title, a.text) for a in result.articles] == [("Relief", "Sanctions were lifted.")]


def test_stored_nothing_is_lost_when_a_sibling_is_bad(tmp_path, seed_text):
    (tmp_path / "good.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    results = [read_file(path, root) for path, root in discover([tmp_path])]
    assert [len(r.articles) for r in results] == [0, 1]
    assert results[0].skipped[0].path == "bad.json"


def test_deeply_nested_json_is_skipped_not_a_crash(tmp_path):
    (tmp_path / "deep.json").write_text('[{"text": ' * 100_000 + '"x"' + "}]" * 100_000)
    assert "nested too deeply" in _only_skip(read_file(tmp_path / "deep.json", tmp_path))


def test_entity_declarations_after_a_long_prolog_are_still_refused(tmp_path):
    padding = "<!-- " + "x" * 20_000 + " -->\n"
    bomb = f'<?xml version="1.0"?>\n{padding}<!DOCTYPE rss [<!ENTITY a "aaaa">]><rss/>'
    (tmp_path / "late.xml").write_text(bomb, encoding="utf-8")
    assert "entity" in _only_skip(read_file(tmp_path / "late.xml", tmp_path))
