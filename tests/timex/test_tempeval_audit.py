"""The TempEval benchmark's audit of our wrong values: which the gold writes both ways, which
gold values are not well-formed TIMEX3. The two "last week"s are the WSJ documents' habit
(one written as the week, one as 1989-WXX), in a document of two sentences."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("tempeval", ROOT / "benchmarks" / "tempeval.py")
tempeval = importlib.util.module_from_spec(_spec)
sys.modules["tempeval"] = tempeval  # its dataclasses look their module up by name
_spec.loader.exec_module(tempeval)

needs_scorer = pytest.mark.skipif(
    not (tempeval.BENCH_DIR / "score.py").is_file(),
    reason="../shared/bench/timeml/score.py not found",
)


@pytest.mark.parametrize(
    "value",
    [
        "1989-10-26",
        "1989-W43",
        "1989-WXX",
        "1989-Q3",
        "199X",
        "198",
        "P3M",
        "PXY",
        "PT24H",
        "PAST_REF",
        "XXXX-WI",
        "1998-01-20TEV",
        "P1DE",
        "XXXX-WXX-2TNI",
    ],
)
def test_timeml_values_are_well_formed(value):
    assert tempeval.WELL_FORMED.fullmatch(value)


@pytest.mark.parametrize("value", ["2000-W7", "PXC", "last week", ""])
def test_a_week_without_its_zero_or_an_unknown_unit_is_not(value):
    assert not tempeval.WELL_FORMED.fullmatch(value)


def _jsonl(path: Path, documents: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    return path


@needs_scorer
def test_words_the_gold_writes_both_ways_are_told_apart_from_the_others(tmp_path):
    text = "Profit rose last week. Sales fell last week."
    spans = [(text.index("last week"), "1989-W43"), (text.rindex("last week"), "1989-WXX")]
    gold = _jsonl(
        tmp_path / "gold.jsonl",
        [
            {
                "doc_id": "wsj",
                "dct": "1989-10-26",
                "text": text,
                "timexes": [
                    {"start": s, "end": s + 9, "text": "last week", "type": "DATE", "value": v}
                    for s, v in spans
                ],
            }
        ],
    )
    ours = _jsonl(
        tmp_path / "pred.jsonl",
        [
            {
                "doc_id": "wsj",
                "timexes": [
                    {"start": s, "end": s + 9, "type": "DATE", "value": "1989-W43"}
                    for s, _ in spans
                ],
            }
        ],
    )
    lines = tempeval.audit(gold, ours)
    assert lines[0] == "audit: 1 wrong values of 2 matched spans"
    assert lines[2].startswith(
        "  1 on words the gold writes in our format elsewhere: 'last week' x1"
    )
    assert lines[3] == "  0 others"
