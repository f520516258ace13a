"""Table-driven specification of the temporal resolver: text, anchor date, expected value.

Each row of cases.csv names the span the resolver must find and the TimeML type and value
it must give; a row with no span is a trap ("48 people", "may" the verb) where nothing at
all may be found. An empty anchor means the publication date is unknown.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from tracker.timex import find_timexes

CASES_FILE = Path(__file__).with_name("cases.csv")


def _load_cases() -> list[dict[str, str]]:
    """The rows of cases.csv, each a dict of its five columns."""
    with CASES_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


CASES = _load_cases()


def _case_id(case: dict[str, str]) -> str:
    return f"{case['span'] or 'nothing'}@{case['anchor'] or 'no-anchor'}:{case['text'][:40]}"


def test_case_table_covers_at_least_150_cases():
    assert len(CASES) >= 150


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_expression_resolves_to_expected_value(case: dict[str, str]):
    anchor = dt.date.fromisoformat(case["anchor"]) if case["anchor"] else None
    found = find_timexes(case["text"], anchor)
    if not case["span"]:
        assert found == [], f"invented {[(t.text, t.value) for t in found]}"
        return
    by_text = {t.text: t for t in found}
    assert case["span"] in by_text, f"found only {[t.text for t in found]}"
    timex = by_text[case["span"]]
    assert (timex.type, timex.value) == (case["type"], case["value"])
    assert case["text"][timex.start : timex.end] == timex.text
