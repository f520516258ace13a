"""Counts, years and durations written in digits or words ("2 1/2", "twenty-four",
"nineteen ninety-one") and the TimeML duration values built from them."""

from __future__ import annotations

import re

from tracker.timex.context import norm
from tracker.timex.tables import Tables

_DIGITS = re.compile(r"^(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?$")
_FRACTION = re.compile(r"^(\d)/(\d)$")
_TIME_UNITS = {"H", "MIN", "S"}
_FRACTION_UNITS = {"Y": ("M", 12), "H": ("M", 60)}


def number_value(surface: str, tables: Tables) -> float | str | None:
    """A count from digits or words ("2 1/2", "twenty-four", "a dozen"); "X" when vague."""
    key = norm(surface).replace("-", " ")
    if key in tables.words["vague_number"]:
        return "X"
    if key in tables.words["number"]:
        return float(tables.words["number"][key])
    match = _DIGITS.match(key)
    if match:
        whole = float(match.group(1))
        if match.group(2):
            whole += int(match.group(2)) / int(match.group(3))
        return whole
    match = _FRACTION.match(key)
    if match:
        return int(match.group(1)) / int(match.group(2))
    parts = key.split()
    numbers = tables.words["number"]
    if len(parts) == 2 and parts[0] in numbers and parts[1] in numbers:
        return float(numbers[parts[0]]) + float(numbers[parts[1]])
    return None


def _count(number: float | str) -> str:
    """A count as written in a TimeML duration: 3, 2.5, X."""
    if isinstance(number, str):
        return number
    return str(int(number)) if number == int(number) else f"{number:g}"


def year_value(surface: str, tables: Tables) -> int | None:
    """A year from "1987" or spelled out ("nineteen ninety-one", "two thousand")."""
    key = norm(surface).replace("-", " ")
    if key.isdigit():
        return int(key)
    numbers = tables.words["number"]
    parts = key.split()
    if parts[:2] == ["two", "thousand"]:
        rest = [p for p in parts[2:] if p != "and"]
        return 2000 + int(sum(float(numbers.get(p, 0)) for p in rest))
    if len(parts) >= 2 and parts[0] in numbers:
        century = int(numbers[parts[0]])
        if parts[1] == "hundred":
            return century * 100
        return century * 100 + int(sum(float(numbers.get(p, 0)) for p in parts[1:]))
    return None


def duration_value(number: float | str, unit: str) -> str:
    """TimeML duration: P3M, PT2H, PXY, P1DE; a fraction of a year or an hour is carried
    into the next smaller unit (2 1/2 years -> P2Y6M, 5 1/2 hours -> PT5H30M)."""
    if isinstance(number, float) and number != int(number) and unit in _FRACTION_UNITS:
        whole, (smaller, per) = int(number), _FRACTION_UNITS[unit]
        rest = round((number - whole) * per)
        time = "T" if unit == "H" else ""
        head = f"{whole}{unit}" if whole else ""
        return f"P{time}{head}{rest}{smaller}"
    letter = "M" if unit == "MIN" else unit
    time = "T" if unit in _TIME_UNITS else ""
    return f"P{time}{_count(number)}{letter}"
