"""Counts, years and durations written in digits or words ("2 1/2", "twenty-four",
"nineteen ninety-one") and the TimeML duration values built from them."""

from __future__ import annotations

import re

from tracker.timex.context import norm
from tracker.timex.tables import Tables

_DIGITS = re.compile(r"^(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?$")
_FRACTION = re.compile(r"^(\d)/(\d)$")
_TIME_UNITS = {"H", "MIN", "S"}
_FRACTION_UNITS = {
    "Y": ("M", 12),
    "M": ("D", 30),
    "D": ("H", 24),
    "H": ("MIN", 60),
    "MIN": ("S", 60),
}
_YEARS_IN = {"DE": 10, "CE": 100}


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


def _letter(unit: str) -> str:
    """The designator of a unit in a TimeML duration (minutes are "M" after the "T")."""
    return "M" if unit == "MIN" else unit


def _fraction_value(number: float, unit: str) -> str:
    """A fractional count carried into the next smaller unit: P2Y6M, PT5H30M, P1DT12H."""
    whole, (smaller, per) = int(number), _FRACTION_UNITS[unit]
    rest = f"{round((number - whole) * per)}{_letter(smaller)}"
    head = f"{whole}{_letter(unit)}" if whole else ""
    if unit in _TIME_UNITS:
        return f"PT{head}{rest}"
    if smaller in _TIME_UNITS:
        return f"P{head}T{rest}"
    return f"P{head}{rest}"


def duration_value(number: float | str, unit: str) -> str:
    """TimeML duration: P3M, PT2H, PXY; decades and centuries are written in years as
    TimeBank does (two decades -> P20Y, a century -> P100Y, decades -> PXY); a fraction of a
    year, month, day, hour or minute is carried into the next smaller unit (2 1/2 years ->
    P2Y6M, a day and a half -> P1DT12H, a minute and a half -> PT1M30S)."""
    if unit in _YEARS_IN:
        number = number * _YEARS_IN[unit] if isinstance(number, float) else number
        unit = "Y"
    if isinstance(number, float) and number != int(number) and unit in _FRACTION_UNITS:
        return _fraction_value(number, unit)
    time = "T" if unit in _TIME_UNITS else ""
    return f"P{time}{_count(number)}{_letter(unit)}"
