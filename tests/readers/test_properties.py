"""Property tests: whatever the bytes, read_file returns articles or a skip with a reason
naming the file, and never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.readers import read_file

from .conftest import CORPUS

SAMPLES = [
    "seed/venezuela-sanctions-relief-2019-02-06.txt",
    "news-reuters21578/reut2-newid01963.xml",
    "news-reuters-ding2014/20120601-us-russia-putin-belarus-idUSBRE84U1J220120601.txt",
    "feeds-rss/bbc-world-2017-01-20.rss.xml",
    "news-newspaper4k-fixtures/yna_co_kr.json",
    "news-isot-reuters2017/true-row0780.csv",
    "official-us-executive-orders/2022-02-21-executive-order-14065.md",
    "news-readability-testpages/wapo-1.html",
]
SUFFIXES = [".txt", ".html", ".xml", ".json", ".jsonl", ".csv", ".md", ".sgm", ""]


def _assert_well_formed(result, name: str) -> None:
    """Articles with text, or skips whose reasons are one non-empty line, for this file."""
    assert result.path == name
    assert result.articles or result.skipped
    assert all(a.text.strip() and a.source_path == name for a in result.articles)
    assert all(s.path == name and s.reason.strip() and "\n" not in s.reason for s in result.skipped)
    assert all(name in warning and "\n" not in warning for warning in result.warnings)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_never_raise(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"junk{suffix}"
        path.write_bytes(data)
        _assert_well_formed(read_file(path, Path(folder)), path.name)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.sampled_from(SAMPLES),
    cut=st.floats(min_value=0.0, max_value=1.0),
    suffix=st.sampled_from(SUFFIXES),
)
def test_truncated_corpus_files_never_raise(sample, cut, suffix):
    source = CORPUS / sample
    if not source.is_file():
        pytest.skip("../shared/corpus is not available")
    data = source.read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"cut{suffix}"
        path.write_bytes(data[: int(len(data) * cut)])
        _assert_well_formed(read_file(path, Path(folder)), path.name)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_random_text_never_raises(text, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"text{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _assert_well_formed(read_file(path, Path(folder)), path.name)
