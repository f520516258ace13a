"""The labelled set: every line is well formed under GUIDELINES, every evidence string is
a verbatim (white-space-folded) substring of its article, and each line says how it was
made."""

from __future__ import annotations

import json

import pytest

from tracker.jsonl import read_jsonl
from tracker.labels import event_problems, record_problems

from .conftest import BLIND, LABELS

LABEL_FILES = sorted(LABELS.glob("*.jsonl")) + sorted(BLIND.glob("*.jsonl"))


def test_the_labelled_set_holds_at_least_600_pool_articles() -> None:
    articles = {r["article"] for path in LABELS.glob("*.jsonl") for r in read_jsonl(path)}
    assert len(articles) >= 600
    assert all(a.startswith("pool/") for a in articles)


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: p.name)
def test_every_label_line_is_well_formed_and_quotes_its_article(shared, path) -> None:
    problems = [(r["article"], p) for r in read_jsonl(path) for p in record_problems(r, shared)]
    assert problems == []


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: p.name)
def test_every_label_line_says_how_it_was_made(path) -> None:
    for record in read_jsonl(path):
        assert record["labelled_by"]["procedure"] == "guide-v1", record["article"]


def test_the_checks_catch_what_guidelines_forbid(shared) -> None:
    event = {
        "type": "SANCTION_LIFT",
        "date": "2019-01",
        "precision": "day",
        "sources": ["United States"],
        "source_countries": ["US"],
        "targets": [],
        "target_countries": [],
        "modality": "maybe",
        "required": "yes",
        "evidence": "Washington on Wednesday offered relief",
    }
    problems = event_problems(event, frozenset({"SANCTION_EASE"}), frozenset({"USA"}))
    assert len(problems) == 5, problems
    record = json.loads(
        json.dumps(
            {
                "article": "seed/venezuela-sanctions-relief-2019-02-06.txt",
                "events": [
                    dict(
                        event,
                        type="SANCTION_EASE",
                        date="2019-01-23",
                        source_countries=["USA"],
                        modality="asserted",
                        required=True,
                        evidence="offered relief from punishing sanctions to everyone",
                    )
                ],
            }
        )
    )
    assert record_problems(record, shared) == [
        "event 0 (SANCTION_EASE): evidence not in the article: "
        "'offered relief from punishing sanctions to everyone'"
    ]
