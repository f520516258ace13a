"""The event-type style table (assets/event-styles.json): colour, symbol, label, direction;
and how the schema's date-source and modality values read on the page.

Loaded once and validated loudly: a malformed table is a bug in the package.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tracker.errors import DataTableError

STYLE_FILE = Path(__file__).resolve().parent / "assets" / "event-styles.json"
DIRECTIONS = ("imposed", "eased", "neutral")
_KEYS = {"label", "color", "symbol", "direction"}


@dataclass(frozen=True)
class TypeStyle:
    """How one event type is drawn."""

    label: str
    color: str
    symbol: str
    direction: str


def _style(name: str, entry: object, path: Path) -> TypeStyle:
    """One validated style entry."""
    if not isinstance(entry, dict) or set(entry) != _KEYS:
        raise DataTableError(f"{path}: style {name!r} must have exactly the keys {sorted(_KEYS)}")
    if entry["direction"] not in DIRECTIONS:
        raise DataTableError(
            f"{path}: style {name!r} has direction {entry['direction']!r}, "
            f"expected one of {DIRECTIONS}"
        )
    if not str(entry["color"]).startswith("#"):
        raise DataTableError(f"{path}: style {name!r} colour must be a #hex value")
    return TypeStyle(**{k: str(v) for k, v in entry.items()})


@cache
def load_styles(path: Path = STYLE_FILE) -> tuple[dict[str, TypeStyle], TypeStyle]:
    """The styles by event type, and the style for a type the table does not list."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise DataTableError(f"{path}: cannot read the style table ({error})") from error
    if not isinstance(raw, dict) or not isinstance(raw.get("types"), dict) or "unknown" not in raw:
        raise DataTableError(f"{path}: expected an object with 'types' and 'unknown'")
    types = {name: _style(name, entry, path) for name, entry in raw["types"].items()}
    return types, _style("unknown", raw["unknown"], path)


def style_of(event_type: str) -> TypeStyle:
    """The style of an event type; an unlisted type keeps its own name as label."""
    types, unknown = load_styles()
    if event_type in types:
        return types[event_type]
    return TypeStyle(event_type, unknown.color, unknown.symbol, unknown.direction)


def type_order() -> tuple[str, ...]:
    """Event types in the table's order (legend and stacking order)."""
    return tuple(load_styles()[0])


@cache
def value_words(path: Path = STYLE_FILE) -> dict[str, dict[str, str]]:
    """The table's words for the schema's date_source values (long and short) and
    modality values."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    keys = ("date_sources", "date_sources_short", "modalities")
    words = {key: raw.get(key) for key in keys}
    if not all(isinstance(v, dict) for v in words.values()):
        raise DataTableError(f"{path}: expected {', '.join(keys)} objects")
    return {key: {str(k): str(v) for k, v in value.items()} for key, value in words.items()}


def date_source_words(date_source: object, short: bool = False) -> str:
    """How an event's date was found, in words (the schema's date_source values); `short`
    for a table cell ("stated", "article's date")."""
    table = value_words()["date_sources_short" if short else "date_sources"]
    return table.get(str(date_source), "unknown")


def modality_words(modality: object) -> str:
    """Whether the act happened, in words (the schema's modality values)."""
    return value_words()["modalities"].get(str(modality), f"modality {modality}")
