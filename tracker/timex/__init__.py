"""Temporal expressions: find them in text and resolve them against the article's date.

Public entry points:
    find_timexes(text, anchor_date) -> list[Timex]
    timex_jsonl(documents) -> Iterator[dict]   (TempEval-style JSONL in and out)
"""

from tracker.timex.api import find_timexes, timex_jsonl

__all__ = ["find_timexes", "timex_jsonl"]
