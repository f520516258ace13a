"""docs/schema.md and the store stay in step: every documented column exists in a written
store with its documented dtype, and the store has no undocumented column."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tracker.store import TABLES, Store, load_events

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "schema.md"
FLAT = "Flat view"

ARROW_TYPES = {
    "string": lambda t: t in (pa.string(), pa.large_string()),
    "category": pa.types.is_dictionary,
    "date32": lambda t: t == pa.date32(),
    "int32": lambda t: t == pa.int32(),
    "float64": lambda t: t == pa.float64(),
    "timestamp[us, UTC]": lambda t: t == pa.timestamp("us", tz="UTC"),
    "list<string>": lambda t: pa.types.is_list(t) and t.value_type == pa.string(),
    "datetime64[s]": pa.types.is_timestamp,  # the flat view's event_date, pandas only
}


def _pandas_matches(values: pd.Series, dtype: str) -> bool:
    """True when a pandas column holds what the documented dtype promises its readers."""
    present = values.dropna() if dtype != "list<string>" else values
    checks = {
        "string": lambda: (
            pd.api.types.is_string_dtype(values)
            and not isinstance(values.dtype, pd.CategoricalDtype)
        ),
        "category": lambda: isinstance(values.dtype, pd.CategoricalDtype),
        "date32": lambda: all(type(v) is dt.date for v in present),
        "int32": lambda: values.dtype == "int32",
        "float64": lambda: values.dtype == "float64",
        "timestamp[us, UTC]": lambda: str(values.dtype) == "datetime64[us, UTC]",
        "list<string>": lambda: all(all(isinstance(x, str) for x in v) for v in present),
        "datetime64[s]": lambda: str(values.dtype) == "datetime64[s]",
    }
    return checks[dtype]()


def documented() -> dict[str, list[tuple[str, str]]]:
    """Section title -> [(column, dtype)] from every column table of docs/schema.md."""
    sections: dict[str, list[tuple[str, str]]] = {}
    title = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"## (.+)", line)
        if heading:
            title = FLAT if heading.group(1).startswith(FLAT) else heading.group(1).strip()
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if title and line.startswith("|") and len(cells) == 3 and cells[0] not in ("column", "---"):
            sections.setdefault(title, []).append((cells[0], cells[1]))
    return sections


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the seed's events for a few dated and undated articles."""
    seed = sys.modules.get("seed_batches")
    if seed is None:
        spec = importlib.util.spec_from_file_location(
            "seed_batches", ROOT / "tests" / "store" / "seed_batches.py"
        )
        seed = sys.modules["seed_batches"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(seed)
    root = tmp_path_factory.mktemp("schema") / "store"
    articles, events = seed.batch(range(5))
    Store(root, create=True).write(articles, events, extractor_version="x1")
    return root


def test_every_table_and_dtype_in_the_doc_is_parsed() -> None:
    sections = documented()
    assert set(TABLES) | {FLAT} <= set(sections)
    assert {dtype for cols in sections.values() for _, dtype in cols} <= set(ARROW_TYPES)


@pytest.mark.parametrize("table", TABLES)
def test_table_columns_and_arrow_types_are_the_documented_ones(store: Path, table: str) -> None:
    doc = dict(documented()[table])
    schema = pq.ParquetDataset(store / table).schema
    assert sorted(schema.names) == sorted(doc), "undocumented or missing columns"
    wrong = {
        n: str(schema.field(n).type) for n in doc if not ARROW_TYPES[doc[n]](schema.field(n).type)
    }
    assert not wrong, f"dtypes differ from docs/schema.md: {wrong}"


@pytest.mark.parametrize("table", TABLES)
def test_plain_pandas_reads_give_the_documented_dtypes(store: Path, table: str) -> None:
    frame = pd.read_parquet(store / table)
    assert len(frame) > 0
    wrong = {
        n: str(frame[n].dtype) for n, d in documented()[table] if not _pandas_matches(frame[n], d)
    }
    assert not wrong


def test_load_events_has_the_events_columns_then_the_documented_extras(store: Path) -> None:
    sections = documented()
    expected = dict(sections["events"]) | dict(sections[FLAT])  # the flat view's dtype wins
    flat = load_events(store)
    assert list(flat.columns) == list(expected)
    wrong = {n: str(flat[n].dtype) for n, d in expected.items() if not _pandas_matches(flat[n], d)}
    assert not wrong


def test_load_events_counts_by_month_with_pandas_resample(store: Path) -> None:
    flat = load_events(store)
    by_month = flat.set_index("event_date").resample("MS").size()
    assert by_month.sum() == flat["event_date"].notna().sum() > 0
