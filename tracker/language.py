"""Language identification by stopword counts: no model, no network.

Each language in `data/stopwords.json` has a list of its commonest function words. The
language whose words cover the most tokens of the text wins, provided enough tokens are
covered for the answer to mean something; otherwise the language is unknown (None).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files

from tracker.errors import DataTableError

#: Tokens considered; the opening of an article is plenty to tell its language.
MAX_TOKENS = 2000
#: A language needs at least this many stopword hits, more than any other language ...
MIN_HITS = 3
#: ... covering at least this share of the tokens (English news runs at 35-45 %).
MIN_SHARE = 0.15

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@cache
def stopwords() -> dict[str, frozenset[str]]:
    """Load and validate the stopword table: ISO 639-1 code -> set of lowercase words."""
    raw = json.loads(files("tracker").joinpath("data/stopwords.json").read_text("utf-8"))
    if not isinstance(raw, dict) or len(raw) < 2:
        raise DataTableError("stopwords.json: expected an object of 2+ languages -> word lists")
    table: dict[str, frozenset[str]] = {}
    for code, words in raw.items():
        if not re.fullmatch(r"[a-z]{2}", code):
            raise DataTableError(f"stopwords.json: {code!r} is not an ISO 639-1 code")
        if not isinstance(words, list) or len(words) < 30:
            raise DataTableError(f"stopwords.json: {code} needs a list of at least 30 words")
        bad = [w for w in words if not isinstance(w, str) or w != w.lower() or not w.strip()]
        if bad:
            raise DataTableError(f"stopwords.json: {code} has malformed words {bad[:3]}")
        table[code] = frozenset(words)
    return table


def _tokens(text: str) -> list[str]:
    """The lowercase words of the text's opening, at most MAX_TOKENS of them."""
    return [t.lower() for t in _WORD.findall(text[: MAX_TOKENS * 12])][:MAX_TOKENS]


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short or too
    mixed to tell."""
    tokens = _tokens(text)
    if not tokens:
        return None
    hits = {code: sum(t in words for t in tokens) for code, words in stopwords().items()}
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    (code, best), (_, runner_up) = ranked[0], ranked[1]
    if best < MIN_HITS or best == runner_up or best / len(tokens) < MIN_SHARE:
        return None
    return code
