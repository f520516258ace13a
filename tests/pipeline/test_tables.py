"""The bundled rule tables load, agree with each other and with the field's codebooks."""

from __future__ import annotations

import csv
import re

import pytest

from tracker.errors import DataTableError
from tracker.rules import INSTRUMENTS, event_types, instrument_rows, lexicon, modality_words
from tracker.tables import read_csv


def test_every_trigger_rule_names_a_known_type_and_every_type_has_a_rule():
    lex = lexicon()
    fired = {r.type for rules in (*lex.verbs.values(), *lex.nouns.values()) for r in rules}
    assert fired <= set(event_types())
    assert set(event_types()) - fired <= {"OTHER_POLICY"}


def test_the_taxonomy_is_the_one_the_annotation_guidelines_define(shared):
    text = (shared / "gold" / "GUIDELINES.md").read_text(encoding="utf-8")
    guideline_types = set(re.findall(r"^\| ([A-Z_]{3,}) \|", text, re.M))
    assert guideline_types == set(event_types())


def test_cameo_and_plover_codes_agree_with_the_reference_mapping(shared):
    with (shared / "event-type-mapping.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if not r["attributes"] and not r["sub_case"]]
    checked = 0
    for row in rows:
        ours = event_types().get(row["our_type"])
        if ours is None:
            continue
        if row["cameo_codes"].startswith("none"):
            assert ours.cameo is None, row["our_type"]
        elif ours.cameo:
            roots = re.findall(r"\d{2,4}", row["cameo_codes"])
            assert any(ours.cameo.startswith(r[:2]) for r in roots), row["our_type"]
        if row["plover_type"].startswith("none"):
            assert ours.plover is None, row["our_type"]
        elif ours.plover:
            assert ours.plover in row["plover_type"], row["our_type"]
        checked += 1
    assert checked >= 12


def test_modality_and_instrument_tables_load():
    assert "will" in modality_words().planned_aux
    assert {name for name, _ in instrument_rows()} <= set(INSTRUMENTS)


def test_a_duplicate_key_in_a_table_is_refused_loudly():
    with pytest.raises(DataTableError, match="duplicate"):
        read_csv("instruments.csv", ("instrument", "lemmas"), key="instrument")
