"""Hostile names and links: a file name that is not UTF-8, invalid Unicode in a record, a
link out of the input folder, a dangling link, a loop, a pipe. Each is read losslessly or
skipped with its reason; none raises, none is passed over in silence."""

from __future__ import annotations

import hashlib
import json
import os
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.readers import discover, read_file
from tracker.readers.names import printable, raw_bytes, storable

from .conftest import SEED

ARTICLE = (
    "date 2019-02-06 Latest\n\nThe European Union imposed sanctions on Belarus on "
    "Wednesday, officials said in Brussels.\n"
)


def _only_reason(result) -> str:
    assert result.articles == []
    [skip] = result.skipped
    assert skip.reason and "\n" not in skip.reason
    return skip.reason


def test_a_file_name_that_is_not_utf8_is_read_with_an_escaped_path(tmp_path):
    os.makedirs(tmp_path, exist_ok=True)
    raw = os.fsencode(tmp_path) + b"/m\xe9xico.txt"
    with open(raw, "wb") as handle:
        handle.write(SEED.read_bytes())
    [(path, root)] = discover([tmp_path])
    result = read_file(path, root)
    [article] = result.articles
    assert article.source_path == "m\\xe9xico.txt"
    assert result.path == "m\\xe9xico.txt"
    assert len(article.article_id) == 16


def test_names_differing_only_in_an_undecodable_byte_get_different_ids(tmp_path):
    for byte in (b"\xe9", b"\xe8"):
        with open(os.fsencode(tmp_path) + b"/m" + byte + b"xico.txt", "wb") as handle:
            handle.write(ARTICLE.encode())
    ids = {
        a.article_id for path, root in discover([tmp_path]) for a in read_file(path, root).articles
    }
    assert len(ids) == 2


def test_a_valid_utf8_name_keeps_the_id_it_always_had(tmp_path):
    (tmp_path / "méxico.txt").write_text(ARTICLE, encoding="utf-8")
    [article] = read_file(tmp_path / "méxico.txt", tmp_path).articles
    assert article.article_id == hashlib.sha1("méxico.txt#0".encode()).hexdigest()[:16]


def test_a_lone_surrogate_in_a_json_string_is_kept_escaped_with_a_warning(tmp_path):
    record = (
        '{"title": "t \\ud800", "published": "2019-02-06", "text": '
        '"The European Union imposed sanctions on Belarus on Wednesday \\udfff."}'
    )
    (tmp_path / "s.json").write_text(record, encoding="utf-8")
    result = read_file(tmp_path / "s.json", tmp_path)
    [article] = result.articles
    assert article.title == "t \\ud800"
    assert article.text.endswith("Wednesday \\udfff.")
    assert any(
        "s.json" in w and "lone surrogate" in w and "text, title" in w for w in result.warnings
    )
    article.text.encode("utf-8")


def test_a_link_out_of_the_input_folder_is_skipped_with_its_target(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    root = tmp_path / "in"
    root.mkdir()
    (root / "passwd.txt").symlink_to(outside)
    [(path, found_root)] = discover([root])
    reason = _only_reason(read_file(path, found_root))
    assert "outside the input folder" in reason and "outside.txt" in reason


def test_a_link_inside_the_input_folder_is_followed(tmp_path):
    (tmp_path / "real.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real.txt")
    results = [read_file(p, r) for p, r in discover([tmp_path])]
    assert [len(r.articles) for r in results] == [1, 1]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.symlink_to(p.parent / "nowhere.txt"), "dangling symbolic link"),
        (lambda p: p.symlink_to(p), "symbolic link loop"),
        (lambda p: os.mkfifo(p), "named pipe (FIFO)"),
    ],
)
def test_links_that_lead_nowhere_and_pipes_are_skipped_with_a_reason(tmp_path, make, expected):
    make(tmp_path / "odd.txt")
    [(path, root)] = discover([tmp_path])
    assert expected in _only_reason(read_file(path, root))


def test_a_link_to_a_folder_is_reported_not_descended(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    root = tmp_path / "in"
    root.mkdir()
    (root / "sub").symlink_to(tmp_path / "elsewhere")
    [(path, found_root)] = discover([root])
    assert path.name == "sub"
    assert "outside the input folder" in _only_reason(read_file(path, found_root))


def test_an_error_no_reader_foresaw_is_the_files_one_line_skip(tmp_path, monkeypatch):
    from tracker.readers import core

    def explode(text, name):
        raise KeyError("a bug\nspread over lines")

    monkeypatch.setitem(core.READERS, "text", explode)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    reason = _only_reason(read_file(tmp_path / "a.txt", tmp_path))
    assert reason.startswith("unexpected error while reading: KeyError")


def test_printable_escapes_what_could_forge_a_report_line():
    assert printable("a\nskipped b.txt: x") == "a\\nskipped b.txt: x"
    assert printable("m\udce9xico\r\x1b[2J") == "m\\xe9xico\\r\\x1b[2J"
    assert storable("t \ud800") == "t \\ud800"
    assert raw_bytes("m\udce9xico") == b"m\xe9xico"


NAME_BYTES = st.binary(min_size=1, max_size=40).map(
    lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_").lstrip(b".")
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAME_BYTES, body=st.sampled_from([ARTICLE.encode(), b"\xff\xfe junk", b"{}"]))
def test_any_file_name_reads_or_skips_with_a_storable_printable_path(name, body):
    if not name or name in (b".", b".."):
        name = b"x"
    with tempfile.TemporaryDirectory() as folder:
        with open(os.fsencode(folder) + b"/" + name, "wb") as handle:
            handle.write(body)
        for path, root in discover([Path(folder)]):
            result = read_file(path, root)
            assert result.articles or result.skipped
            result.path.encode("utf-8")
            assert all(a.source_path == result.path for a in result.articles)
            assert all(ch in string.printable or ord(ch) > 0x9F for ch in printable(result.path))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(alphabet=st.characters(codec=None, blacklist_categories=())),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(["text", "title", "url", "date", "body", "x"]), inner, max_size=5
            )
        ),
        max_leaves=20,
    )
)
def test_any_json_value_reads_or_skips_and_every_article_is_valid_unicode(value):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.json"
        path.write_text(json.dumps(value), encoding="utf-8")
        result = read_file(path, Path(folder))
        assert result.articles or result.skipped
        for article in result.articles:
            for text in (article.text, article.title, article.url, article.published_text):
                if text is not None:
                    text.encode("utf-8")
