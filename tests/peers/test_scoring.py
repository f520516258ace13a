"""The peer-suite benchmark's reading and arithmetic, on real records of ../shared/bench.

The extractor is not run here: each test hands the scorer the event types "we" produced,
so the counts it must report follow from the gold alone.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
_spec = importlib.util.spec_from_file_location("peers", ROOT / "benchmarks" / "peers.py")
peers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(peers)

needs_shared = pytest.mark.skipif(
    not (SHARED / "event-type-mapping.csv").is_file(),
    reason=f"../shared not found at {SHARED.resolve()}",
)


@pytest.fixture(scope="module")
def mapping():
    return peers.load_mapping(SHARED / "event-type-mapping.csv")


@pytest.fixture(scope="module")
def records() -> dict[tuple[str, str], object]:
    return {
        (r.suite, r.record_id): r
        for suite in peers.SUITES
        for r in peers.read_suite(SHARED / "bench" / suite)
    }


def _get(records, suite: str, record_id: str):
    return records[suite, record_id]


@needs_shared
def test_mapping_reads_exact_codes_ranges_and_roots(mapping):
    assert mapping.types_for("163") >= {"SANCTION_IMPOSE"}
    assert mapping.types_for("1312") == {"SANCTION_THREATEN"}
    assert mapping.types_for("1041") == {"DEMAND"}  # inside "100-108"
    assert mapping.types_for("0241") == {"DEMAND"}  # inside "020-028"
    assert mapping.types_for("193") == {"MILITARY_ACTION"}  # root "19"
    assert mapping.types_for("1623") == {"AID"}


@needs_shared
def test_codes_outside_counted_rows_are_not_covered(mapping):
    assert mapping.types_for("129") == frozenset()  # VETO row has no fixed type
    assert mapping.types_for("056") == frozenset()  # only in the inconsistent AMNESTY row
    assert mapping.types_for("0831") == {"LEAVE_OFFICE"}  # exact codes take no children:
    assert mapping.types_for("0833") == frozenset()  # 083 is listed, 0833 is not
    assert mapping.types_for("PLOVER:SANCTION") == frozenset()
    assert "AMNESTY_OFFER (inconsistent)" in mapping.left_out


@needs_shared
def test_plover_only_labels_count_where_a_type_of_ours_covers_the_category(records, mapping):
    request = _get(records, "plover_gsr_cameo", "PLOVER-GSR01-DEMAND-0033")
    by_weapon = _get(records, "plover_gsr_cameo", "PLOVER-GSR01-ASSAULT-0013")
    agree = _get(records, "plover_gsr_cameo", "PLOVER-GSR01-AGREE-0032")
    assert request.labels == ("PLOVER:REQUEST",)
    assert mapping.types_for(request.labels[0]) == {"DEMAND"}
    assert mapping.types_for(by_weapon.labels[0]) == {"MILITARY_ACTION"}
    assert mapping.types_for(agree.labels[0]) == frozenset()


@needs_shared
def test_no_event_sentences_are_the_records_without_gold_events(records):
    raw = (SHARED / "bench" / "petrarch2_gsr_validation" / "records.jsonl").read_text()
    marked = raw.count('"expect_no_event": true')
    no_event = [r for r in records.values() if r.suite == "petrarch2_gsr_validation" and r.no_event]
    assert marked and len(no_event) == marked


@needs_shared
def test_compound_events_with_one_code_are_one_label(records):
    record = _get(records, "sanctions_policy_subset", "PETR2-UT-COMPOUND-20")
    assert record.gold_events == 2 and record.labels == ("160",)


@needs_shared
def test_tally_counts_covered_labels_matches_uncovered_and_false_events(records, mapping):
    cases = [
        (("sanctions_policy_subset", "CAMEO-EX-163"), ("SANCTION_IMPOSE", "ACCUSE")),  # match
        (("sanctions_policy_subset", "PETR2-UT-AFP0808020593-1a"), ("MILITARY_ACTION",)),
        (("sanctions_policy_subset", "PETR2-UT-COMPOUND-20"), ()),  # 160: uncovered
        (("petrarch2_gsr_validation", "PETR2-GSR-GOLD_7"), ("AID", "AID")),  # one false
        (("petrarch2_gsr_validation", "PETR2-GSR-TEST_10"), ()),  # correctly nothing
    ]
    scores = [peers.score_sentence(records[key], ours, mapping) for key, ours in cases]
    total = peers.tally(scores)
    assert total.sentences == 5
    assert total.gold_events == sum(records[key].gold_events for key, _ in cases)
    assert (total.covered, total.matched) == (2, 1)  # 163 matched; 111 (ACCUSE) missed
    assert total.uncovered == 2  # 174 beside the 111, and 160
    assert (total.no_event, total.false_events) == (2, 1)
    assert total.agreement == pytest.approx(0.5)
    assert total.false_event_rate == pytest.approx(0.5)
    assert peers.by_type(scores) == {"SANCTION_IMPOSE": (1, 1), "ACCUSE": (1, 0)}


@needs_shared
def test_confusions_name_the_gold_type_and_what_we_produced(records, mapping):
    record = _get(records, "sanctions_policy_subset", "PETR2-UT-AFP0808020593-1a")
    missed = peers.score_sentence(record, ("MILITARY_ACTION",), mapping)
    empty = peers.score_sentence(record, (), mapping)
    assert peers.confusions([missed, empty]) == {
        ("ACCUSE", "MILITARY_ACTION"): 1,
        ("ACCUSE", "(nothing)"): 1,
    }


@needs_shared
def test_totals_count_a_sentence_shared_by_two_suites_once(records, mapping):
    subset = _get(records, "sanctions_policy_subset", "PETR2-GSR-GOLD_6")
    source = _get(records, "petrarch2_gsr_validation", "PETR2-GSR-GOLD_6")
    scores = [peers.score_sentence(r, (), mapping) for r in (subset, source)]
    assert peers.tally(peers.distinct(scores)).sentences == 1


@needs_shared
def test_our_readings_name_real_labels_that_the_mapping_sends_elsewhere(records, mapping):
    readings = peers.load_readings(peers.READINGS, records, mapping)
    assert readings and all(r.reason for r in readings)
    for r in readings:
        if r.label:
            assert r.reading not in mapping.types_for(r.label), r
        else:
            assert records[r.suite, r.record_id].no_event and r.reading != peers.NO_EVENT, r


@needs_shared
@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("sanctions_policy_subset,CAMEO-EX-163,163,SANCTION_IMPOSE,same", "already gives"),
        ("sanctions_policy_subset,CAMEO-EX-163,112,none,no such label", "has no label 112"),
        ("sanctions_policy_subset,NOT-A-RECORD,163,none,x", "no record NOT-A-RECORD"),
        ("sanctions_policy_subset,CAMEO-EX-163,163,NOT_A_TYPE,x", "a type of ours or 'none'"),
        ("petrarch2_gsr_validation,PETR2-GSR-GOLD_7,,none,x", "reads a no-event sentence"),
    ],
)
def test_a_reading_that_is_no_disagreement_or_names_nothing_is_refused(
    tmp_path, records, mapping, row, reason
):
    path = tmp_path / "readings.csv"
    path.write_text("suite,record_id,label,reading,reason\n" + row + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=reason):
        peers.load_readings(path, records, mapping)


@needs_shared
def test_the_audit_scores_agreement_and_false_events_on_what_guidelines_read_alike(
    records, mapping
):
    subset, source = "sanctions_policy_subset", "petrarch2_gsr_validation"
    cases = [
        ((subset, "CAMEO-EX-163"), ("SANCTION_IMPOSE",)),  # read alike, matched
        ((subset, "CAMEO-EX-1121"), ()),  # read alike, missed
        ((subset, "CAMEO-EX-161"), ()),  # read otherwise: none, and we agree
        ((source, "PETR2-GSR-GOLD_7"), ("SANCTION_IMPOSE",)),  # an event by GUIDELINES
        ((source, "PETR2-GSR-TEST_10"), ("ACCUSE",)),  # event-free by both: one false
    ]
    scores = [peers.score_sentence(records[key], ours, mapping) for key, ours in cases]
    readings = [
        peers.Reading(subset, "CAMEO-EX-161", "161", "none", "a cancelled visit"),
        peers.Reading(source, "PETR2-GSR-GOLD_7", "", "SANCTION_IMPOSE", "README"),
    ]
    lines = peers.audit(scores, readings)
    assert "1 of 3 covered labels read otherwise (none 1)" in lines[1]
    assert "at most 2/3 = 0.67" in lines[1]
    assert lines[2].endswith("1/2 = 0.50")
    assert "1 of 2 state an event by GUIDELINES; false events on the other 1: 1/1" in lines[3]
    assert "agree with our own reading on 2 of the 2" in lines[4]


def test_a_record_claiming_no_event_but_giving_events_is_refused():
    raw = {
        "id": "x",
        "text": "Canada imposed sanctions.",
        "date": None,
        "expect_no_event": True,
        "events": [{"code": "163", "code_system": "CAMEO"}],
    }
    with pytest.raises(InputError, match="expect_no_event"):
        peers.read_record(raw, "suite", "suite/records.jsonl:1")


def test_a_record_with_unknown_fields_is_refused():
    raw = {"id": "x", "text": "t", "date": None, "events": [], "gold": []}
    with pytest.raises(InputError, match="unknown record fields"):
        peers.read_record(raw, "suite", "suite/records.jsonl:1")


@given(st.text(max_size=40))
def test_code_cells_parse_or_fail_with_input_error(cell):
    try:
        spans = peers.parse_code_cell(cell, "mapping.csv:2")
    except InputError:
        return
    for span in spans:
        assert span.lo.isdigit() and span.covers(span.lo)
