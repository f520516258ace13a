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
from typing import Any

from tracker.errors import DataTableError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
WORDS_FILE = DATA_DIR / "timex_words.toml"
RULES_FILE = DATA_DIR / "timex_rules.toml"


def _int_in(low: int, high: int):
    """Check: an integer between low and high."""
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _matches(pattern: str):
    """Check: a string matching the pattern."""
    return lambda v: isinstance(v, str) and re.fullmatch(pattern, v) is not None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# Every word list of timex_words.toml and what each of its values must look like.
WORD_LISTS = {
    "month": _int_in(1, 12),
    "ambiguous_month": _int_in(1, 12),
    "weekday": _int_in(1, 7),
    "weekday_plural": _int_in(1, 7),
    "season": _matches("SP|SU|FA|WI"),
    "season_months": lambda v: (
        isinstance(v, list) and len(v) == 2 and all(_int_in(1, 12)(m) for m in v)
    ),
    "part_of_day": _matches("MO|AF|EV|NI"),
    "part_of_day_plural": _matches("MO|AF|EV|NI"),
    "holiday": _matches(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"),
    "floating_holiday": _matches(r"([1-9]|1[0-2]):[1-7]:(-1|[1-4])(@([1-9]|[12]\d))?"),
    "easter_feast": lambda v: v == "week" or _int_in(-63, 63)(v),
    "number": _is_number,
    "vague_number": _matches("X"),
    "ordinal": _int_in(-1, 100),
    "unit": _matches("S|MIN|H|D|W|WE|M|Q|Y|DE|CE|SP|SU|FA|WI|X"),
    "reference": _matches("PRESENT_REF|PAST_REF|FUTURE_REF"),
    "reference_shift": _matches("PRESENT_REF|PAST_REF|FUTURE_REF"),
    "discourse_marker": lambda v: v is True,
    "frequency": _matches(r"PT?\d+[A-Z]+"),
    "cue": _matches("past|present|future"),
    "cue_phrase": _matches("past|future|bound"),
    "infinitive_head": lambda v: v is True,
    "modal": lambda v: v is True,
    "pluperfect": lambda v: v is True,
    "subordinator": lambda v: v is True,
    "passive_aux": lambda v: v is True,
    "time_preposition": lambda v: v is True,
    "determiner": lambda v: v is True,
    "abbreviation": lambda v: v is True,
    "subject_verb": _matches("past|future"),
    "month_cue": lambda v: v is True,
    "part_of_day_cue": lambda v: v is True,
    "year_cue": lambda v: v is True,
    "duration_cue": lambda v: v is True,
    "event_anchor": lambda v: v is True,
    "not_alone": lambda v: v is True,
}
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
        "anchored_day",
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
# A word list's values: int, float, str, True or [int, int] according to the list, each
# checked against WORD_LISTS when the tables load (a per-list type no annotation can state).
WordLists = dict[str, dict[str, Any]]

_PLACEHOLDER = re.compile(r"\{([a-z][a-z_0-9]*)\}")


@dataclass(frozen=True)
class Rule:
    """One grammar rule: a compiled pattern, the resolver kind, an optional trigger."""

    name: str
    kind: str
    regex: re.Pattern[str]
    trigger: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Tables:
    """Everything the finder and the resolver read: word lists, rules, prefixes."""

    words: WordLists
    rules: tuple[Rule, ...]
    date_prefix: re.Pattern[str]
    duration_prefix: re.Pattern[str]
    cue_window: int
    range_tail: re.Pattern[str]


def _read_toml(path: Path) -> dict:
    """Parse one TOML table file, turning a syntax error into DataTableError."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DataTableError(f"{path.name}: cannot read: {error}") from error


def _check_words(raw: dict) -> WordLists:
    """Every word list must exist, be non-empty, use lower-case keys and hold values of
    its kind (WORD_LISTS); no unknown list may appear."""
    words: WordLists = {}
    for name, valid in WORD_LISTS.items():
        table = raw.get(name)
        if not isinstance(table, dict) or not table:
            raise DataTableError(f"{WORDS_FILE.name}: missing or empty list [{name}]")
        for key, value in table.items():
            if key != key.lower() or not key.strip():
                raise DataTableError(f"{WORDS_FILE.name}: [{name}] key {key!r} is not lower-case")
            if not valid(value):
                raise DataTableError(f"{WORDS_FILE.name}: [{name}] {key!r} has bad value {value!r}")
        words[name] = dict(table)
    unknown = set(raw) - set(WORD_LISTS) - {"settings"}
    if unknown:
        raise DataTableError(f"{WORDS_FILE.name}: unknown lists {sorted(unknown)}")
    return words


def _alternation(keys: list[str]) -> str:
    """Regex matching any of the literal words, as a character trie ("sep(?:t(?:ember)?)?").

    A trie tries one branch per character instead of every word in turn, which keeps the
    scan fast; its optional tails are greedy, so the longest word wins ("sept." over "sep").
    A space in a key matches any run of whitespace.
    """
    trie: dict = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _trie_pattern(trie) + ")"


def _trie_pattern(node: dict) -> str:
    """Pattern of one trie node: its branches, optional when a word may end here."""
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body


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
        missing = {"name", "kind", "pattern"} - set(entry)
        unknown = set(entry) - {"name", "kind", "pattern", "trigger"}
        if unknown:
            raise DataTableError(f"{RULES_FILE.name}: {where}: unknown keys {sorted(unknown)}")
        if missing:
            raise DataTableError(f"{RULES_FILE.name}: {where}: missing {sorted(missing)}")
        if entry["kind"] not in KINDS:
            raise DataTableError(f"{RULES_FILE.name}: {where}: unknown kind {entry['kind']!r}")
        regex = _compile(_expand(entry["pattern"], macros, words, where), where)
        trigger = None
        if "trigger" in entry:
            trigger = _compile_trigger(_expand(entry["trigger"], macros, words, where), where)
        rules.append(Rule(entry["name"], entry["kind"], regex, trigger))
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
    tail = raw_rules.get("range", {}).get("tail")
    if not isinstance(tail, str):
        raise DataTableError(f"{RULES_FILE.name}: [range] needs a 'tail' pattern")
    try:
        range_tail = re.compile(tail, re.IGNORECASE)
    except re.error as error:
        raise DataTableError(f"{RULES_FILE.name}: [range] tail: bad pattern: {error}") from error
    if "day" not in range_tail.groupindex:
        raise DataTableError(f"{RULES_FILE.name}: [range] tail needs a <day> group")
    rules = _build_rules(raw_rules, words)
    return Tables(words, rules, date_prefix, duration_prefix, window, range_tail)


@cache
def month_names() -> tuple[str, ...]:
    """The twelve month names, capitalised ("January" .. "December"): the longest spelling
    of each month in timex_words.toml's [month] table, the project's one month table."""
    months = load_tables().words["month"]
    longest = {
        number: max((w for w, n in months.items() if n == number), key=len)
        for number in range(1, 13)
    }
    return tuple(longest[number].capitalize() for number in range(1, 13))
