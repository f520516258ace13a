"""Quotations in a paragraph: where each opens and where it closes.

News quotes often run over several sentences and name their speaker only once, where the
quote closes ("“We call on Israel to agree to a ceasefire. We are running out of time,”
the rapporteurs said.") or where it opens ("Lavrov said: “We will respond. We will ...”").
Knowing the quotation's extent lets the extractor give "we" in any of its sentences that
speaker (tracker.extract), and lets the parse filter keep the attribution sentence with
the quoted ones (tracker.nlp).
"""

from __future__ import annotations

import re

OPENING = frozenset("“«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
MARKS = re.compile("[" + "".join(sorted(OPENING | CLOSING)) + STRAIGHT + "]")


def quotations(text: str) -> list[tuple[int, int]]:
    """Character spans `(start, end)` of the quotations in `text`, one paragraph: from the
    opening mark to just after the closing one.

    Curly and angle quotes pair by direction; straight quotes alternate, opening first.
    A quotation left open runs to the end of the text (newswire leaves a quote that goes
    on into the next paragraph unclosed). Quotes inside a quotation are not nested.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for match in MARKS.finditer(text):
        i, char = match.start(), match.group()
        if start is None and (char in OPENING or char == STRAIGHT):
            start = i
        elif start is not None and (char in CLOSING or char == STRAIGHT):
            spans.append((start, i + 1))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans
