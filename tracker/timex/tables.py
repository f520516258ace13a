"""Load the temporal resolver's word lists and span grammar from tracker/data, once.

The tables are package data (timex_words.toml, timex_rules.toml); a malformed table is a
bug in the package, so every check raises DataTableError naming the table and the entry.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tracker.errors import DataTableError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
WORDS_FILE = DATA_DIR / "timex_words.toml"
RULES_FILE = DATA_DIR / "timex_rules.toml"

WORD_LISTS = (
    "month",
    "ambiguous_month",
    "weekday",
    "weekday_plural",
    "season",
    "part_of_day",
    "holiday",
    "floating_holiday",
    "number",
    "vague_number",
    "ordinal",
    "unit",
    "reference",
    "frequency",
    "cue",
    "infinitive_head",
    "modal",
)
KINDS = frozenset(
    {
        "calendar",
        "month",
        "season",
        "year",
        "decade",
        "century",
        "relative_day",
        "part_of_day",
        "weekday",
        "clock",
        "holiday",
        "quarter",
        "relative_period",
        "compound_period",
        "offset",
        "duration",
        "vague_duration",
        "reference",
        "frequency",
    }
)
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
CUE_DIRECTIONS = frozenset({"past", "present", "future"})
_PLACEHOLDER = re.compile(r"\{([a-z][a-z_0-9]*)\}")


@dataclass(frozen=True)
class Rule:
    """One grammar rule: a compiled pattern, the resolver kind and the TIMEX3 type."""

    name: str
    kind: str
    type: str
    regex: re.Pattern[str]
    trigger: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Tables:
    """Everything the finder and the resolver read: word lists, rules, prefixes."""

    words: dict[str, dict[str, object]]
    rules: tuple[Rule, ...]
    date_prefix: re.Pattern[str]
    duration_prefix: re.Pattern[str]
    cue_window: int


def _read_toml(path: Path) -> dict:
    """Parse one TOML table file, turning a syntax error into DataTableError."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DataTableError(f"{path.name}: cannot read: {error}") from error


def _check_words(raw: dict) -> dict[str, dict[str, object]]:
    """Every word list must exist, be non-empty and use lower-case keys."""
    words: dict[str, dict[str, object]] = {}
    for name in WORD_LISTS:
        table = raw.get(name)
        if not isinstance(table, dict) or not table:
            raise DataTableError(f"{WORDS_FILE.name}: missing or empty list [{name}]")
        for key in table:
            if key != key.lower() or not key.strip():
                raise DataTableError(f"{WORDS_FILE.name}: [{name}] key {key!r} is not lower-case")
        words[name] = dict(table)
    for key, direction in words["cue"].items():
        if direction not in CUE_DIRECTIONS:
            raise DataTableError(f"{WORDS_FILE.name}: [cue] {key!r} has direction {direction!r}")
    unknown = set(raw) - set(WORD_LISTS) - {"settings"}
    if unknown:
        raise DataTableError(f"{WORDS_FILE.name}: unknown lists {sorted(unknown)}")
    return words


def _alternation(keys: list[str]) -> str:
    """Regex alternation of literal words, longest first so "sept." beats "sep"."""
    ordered = sorted(keys, key=lambda k: (-len(k), k))
    return "(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in ordered) + ")"


def _expand(pattern: str, macros: dict[str, str], words: dict, where: str, depth: int = 0) -> str:
    """Replace {name} by its macro or word-list alternation, recursively."""
    if depth > 8:
        raise DataTableError(f"{RULES_FILE.name}: {where}: macros nest too deeply")

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in macros:
            return "(?:" + _expand(macros[name], macros, words, where, depth + 1) + ")"
        if name in words:
            return _alternation(list(words[name]))
        raise DataTableError(f"{RULES_FILE.name}: {where}: unknown placeholder {{{name}}}")

    return _PLACEHOLDER.sub(substitute, pattern)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    """Compile a rule as a whole-word, case-insensitive pattern."""
    try:
        return re.compile(r"(?<![\w'])(?:" + pattern + r")(?![\w])", re.IGNORECASE)
    except re.error as error:
        raise DataTableError(f"{RULES_FILE.name}: {where}: bad pattern: {error}") from error


def _compile_trigger(pattern: str, where: str) -> re.Pattern[str]:
    """Compile a rule's trigger: a case-insensitive pattern searched anywhere in the text."""
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise DataTableError(f"{RULES_FILE.name}: {where}: bad trigger: {error}") from error


def _build_rules(raw: dict, words: dict) -> tuple[Rule, ...]:
    """Validate each [[rule]] and compile its pattern with macros expanded."""
    macros = raw.get("macro", {})
    rules = []
    for index, entry in enumerate(raw.get("rule", [])):
        where = f"rule {index} ({entry.get('name', '?')})"
        missing = {"name", "kind", "type", "pattern"} - set(entry)
        unknown = set(entry) - {"name", "kind", "type", "pattern", "trigger"}
        if unknown:
            raise DataTableError(f"{RULES_FILE.name}: {where}: unknown keys {sorted(unknown)}")
        if missing:
            raise DataTableError(f"{RULES_FILE.name}: {where}: missing {sorted(missing)}")
        if entry["kind"] not in KINDS:
            raise DataTableError(f"{RULES_FILE.name}: {where}: unknown kind {entry['kind']!r}")
        if entry["type"] not in TYPES:
            raise DataTableError(f"{RULES_FILE.name}: {where}: unknown type {entry['type']!r}")
        regex = _compile(_expand(entry["pattern"], macros, words, where), where)
        trigger = None
        if "trigger" in entry:
            trigger = _compile_trigger(_expand(entry["trigger"], macros, words, where), where)
        rules.append(Rule(entry["name"], entry["kind"], entry["type"], regex, trigger))
    if not rules:
        raise DataTableError(f"{RULES_FILE.name}: no [[rule]] entries")
    return tuple(rules)


@cache
def load_tables() -> Tables:
    """Read, validate and compile both tables (cached: done once per process)."""
    raw_words = _read_toml(WORDS_FILE)
    words = _check_words(raw_words)
    raw_rules = _read_toml(RULES_FILE)
    prefix = raw_rules.get("prefix", {})
    if set(prefix) != {"date", "duration"}:
        raise DataTableError(f"{RULES_FILE.name}: [prefix] needs exactly 'date' and 'duration'")
    macros = raw_rules.get("macro", {})
    date_prefix = re.compile(
        r"(?<![\w'])" + _expand(prefix["date"], macros, words, "prefix") + r"$", re.IGNORECASE
    )
    duration_prefix = re.compile(
        r"(?<![\w'])" + _expand(prefix["duration"], macros, words, "prefix") + r"$",
        re.IGNORECASE,
    )
    window = raw_words.get("settings", {}).get("cue_window")
    if not isinstance(window, int) or window < 1:
        raise DataTableError(f"{WORDS_FILE.name}: [settings] cue_window must be a positive int")
    return Tables(words, _build_rules(raw_rules, words), date_prefix, duration_prefix, window)
