"""Temporal expressions: find them in text and resolve them against the article's date.

Public entry points:
    find_timexes(text, anchor_date) -> list[Timex]
    timex_jsonl(documents) -> Iterator[dict]   (TempEval-style JSONL in and out)
"""

# Hand-written, not dateparser: on TempEval-3 (benchmarks/tempeval.py) value F1 0.84 vs 0.19.
from tracker.timex.api import find_timexes, timex_jsonl

__all__ = ["find_timexes", "timex_jsonl"]
