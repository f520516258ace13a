"""Where quotations open and close: what lets a quote's speaker, named once, speak for
every sentence of it."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from tracker.quotes import quotations


def test_a_quote_over_two_sentences_is_one_quotation_up_to_its_closing_mark():
    text = (
        "“We call on Israel and its allies to agree to an immediate ceasefire. We are "
        "running out of time,” the group of U.N. special rapporteurs said."
    )
    [(start, end)] = quotations(text)
    assert text[start:end].startswith("“We call") and text[start:end].endswith("time,”")


def test_straight_quotes_alternate_and_an_unclosed_one_runs_to_the_end():
    text = (
        '"A number of units have been temporarily closed," Karamoko Tahirou said. '
        '"There are disruptions in our supplies'
    )
    first, second = quotations(text)
    assert text[first[0] : first[1]] == '"A number of units have been temporarily closed,"'
    assert second == (text.index('"There'), len(text))


def test_text_without_quotes_has_no_quotation():
    assert quotations("Germany on Monday banned Iranian airline Mahan Air.") == []


@given(st.text(alphabet=st.sampled_from('ab “”«»" .'), max_size=80))
def test_quotations_are_ordered_disjoint_spans_that_start_on_a_mark(text):
    spans = quotations(text)
    for start, end in spans:
        assert 0 <= start < end <= len(text) and text[start] in '“«"'
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
