"""How much and by what means: the first count among an act's complements ("more than
65"), and the sanctions instrument its sentence names."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tracker.rules import instrument_rows, quantity_units

if TYPE_CHECKING:
    from spacy.tokens import Token


def _number(tok: Token) -> float | None:
    text = tok.text.replace(",", "").lstrip("$")
    try:
        return float(text)
    except ValueError:
        return None


def quantity(tokens: Iterable[Token]) -> tuple[float | None, str | None]:
    """The first count in the complements: "more than 65" -> (65, "more than 65")."""
    units = quantity_units()
    for tok in tokens:
        if not tok.like_num or tok.ent_type_ in ("DATE", "TIME", "PERCENT", "ORDINAL"):
            continue
        value = _number(tok)
        if value is None:
            continue
        words = [tok] + [
            t for c in tok.children if c.dep_ in ("quantmod", "advmod", "amod") for t in c.subtree
        ]
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ in units:
            value *= units[nxt.lower_]
            words.append(nxt)
        span = tok.doc[min(t.i for t in words) : max(t.i for t in words) + 1]
        return value, span.text
    return None, None


def instrument(sentence_lemmas: set[str], event_type: str) -> str | None:
    """The sanctions instrument named in the sentence, for SANCTION_* types."""
    if not event_type.startswith("SANCTION"):
        return None
    for name, lemmas in instrument_rows():
        if lemmas <= sentence_lemmas:
            return name
    return "other"
