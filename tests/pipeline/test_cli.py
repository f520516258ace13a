"""The `tracker` command: subcommands, formats, exit codes, `python -m tracker`."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pandas as pd
import pytest

from tracker.cli import main


def test_events_filter_by_country_and_type_as_csv(seed_store, capsys):
    assert (
        main(
            [
                "events",
                "--store",
                str(seed_store),
                "--country",
                "VEN",
                "--type",
                "ASSUME_POWER",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "ASSUME_POWER" in lines[1] and "2019-01-23" in lines[1]


def test_events_as_json_lines_and_parquet(seed_store, tmp_path, capsys):
    assert main(["events", "--store", str(seed_store), "--format", "json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {r["event_type"] for r in rows} >= {"RECOGNIZE", "ACCUSE"}
    out = tmp_path / "ev.parquet"
    assert (
        main(["events", "--store", str(seed_store), "--format", "parquet", "--output", str(out)])
        == 0
    )
    assert len(pd.read_parquet(out)) == len(rows)


def test_csv_list_cells_are_json_arrays(seed_store, capsys):
    assert main(["events", "--store", str(seed_store), "--format", "csv"]) == 0
    rows = pd.read_csv(io.StringIO(capsys.readouterr().out))
    countries = [json.loads(cell) for cell in rows["countries"]]
    assert ["USA", "VEN"] in countries
    assert all(isinstance(c, list) for c in countries)


def test_json_dates_are_plain_days(seed_store, capsys):
    assert main(["events", "--store", str(seed_store), "--format", "json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    dated = [r for r in rows if r["event_date"] is not None]
    assert dated and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["event_date"]) for r in dated)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["published"]) for r in rows)


def test_the_table_shows_how_each_date_was_found(seed_store, capsys):
    assert main(["events", "--store", str(seed_store)]) == 0
    header, *lines = capsys.readouterr().out.splitlines()
    assert "date_source" in header.split()
    assert any(" explicit " in line for line in lines)


def test_events_on_a_missing_store_is_one_clear_line(tmp_path, capsys):
    code = main(["events", "--store", str(tmp_path / "none")])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("tracker: error:") and err.count("\n") == 1


def test_eval_prints_the_gold_scorers_last_line(shared, tmp_path, capsys):
    gold = tmp_path / "seed-gold.jsonl"
    seed = next(
        line
        for line in (shared / "gold" / "dev.jsonl").read_text().splitlines()
        if line.startswith('{"article": "seed/')
    )
    gold.write_text(seed + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    assert (
        main(
            [
                "eval",
                "--gold",
                str(gold),
                "--corpus",
                str(shared / "corpus"),
                "--predictions",
                str(pred),
                "--scorer",
                str(shared / "gold" / "score.py"),
            ]
        )
        == 0
    )
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("full_f1=") and "date_f1=" in last
    predicted = json.loads(pred.read_text().splitlines()[0])
    assert predicted["article"].startswith("seed/") and predicted["events"]
    full_f1 = float(last.split()[0].split("=")[1])
    assert full_f1 >= 0.5  # the seed is the user's own example: most of it must be right


def test_python_dash_m_tracker_shows_help():
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    for command in ("ingest", "events", "eval", "timex", "serve", "compact"):
        assert command in done.stdout


def test_an_unknown_option_is_a_usage_error():
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "ingest", "--bogus"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_timex_reads_tempeval_jsonl_and_writes_resolved_values(tmp_path, capsys):
    src = tmp_path / "docs.jsonl"
    src.write_text(
        json.dumps(
            {
                "doc_id": "seed",
                "dct": "2019-02-06",
                "text": "Guaidó began assuming executive powers on Jan. 23.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "timexes.jsonl"
    assert main(["timex", "--jsonl", str(src), "--out", str(out)]) == 0
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec["doc_id"] == "seed"
    assert [(t["type"], t["value"]) for t in rec["timexes"]] == [("DATE", "2019-01-23")]


def test_an_unknown_event_type_is_refused_with_the_valid_ones(seed_store, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["events", "--store", str(seed_store), "--type", "sanctions"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "unknown event type 'sanctions'" in err and "SANCTION_IMPOSE" in err


def test_types_and_countries_match_in_any_case_and_countries_by_name(seed_store, capsys):
    for country in ("ven", "Venezuela"):
        assert (
            main(
                [
                    "events",
                    "--store",
                    str(seed_store),
                    "--country",
                    country,
                    "--type",
                    "assume_power",
                    "--format",
                    "csv",
                ]
            )
            == 0
        )
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) == 2 and "ASSUME_POWER" in lines[1]


def test_events_help_lists_the_event_types(capsys):
    with pytest.raises(SystemExit):
        main(["events", "--help"])
    assert "SANCTION_RELIEF_OFFER" in capsys.readouterr().out


def test_an_unknown_modality_is_refused_with_the_valid_ones(seed_store, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["events", "--store", str(seed_store), "--modality", "denied"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "unknown modality 'denied'" in err and "hypothetical" in err


def test_the_modality_filter_matches_in_any_case(seed_store, capsys):
    main(["events", "--store", str(seed_store), "--format", "csv"])
    every = capsys.readouterr().out.splitlines()[1:]
    wanted = [line for line in every if ",conditional," in line]
    assert wanted and len(wanted) < len(every)
    assert (
        main(["events", "--store", str(seed_store), "--modality", "CONDITIONAL", "--format", "csv"])
        == 0
    )
    assert capsys.readouterr().out.splitlines()[1:] == wanted
