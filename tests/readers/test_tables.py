"""The readers' data tables load, and a malformed table fails loudly, not silently."""

from __future__ import annotations

import pytest

from tracker.errors import DataTableError
from tracker.readers import fields


class _FakeFiles:
    """Stands in for importlib.resources.files("tracker"), serving one table's text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def joinpath(self, _name: str) -> _FakeFiles:
        return self

    def read_text(self, _encoding: str) -> str:
        return self.text


@pytest.fixture
def table(monkeypatch):
    """Serve the given text as the package's data table, with the loaders' caches cleared."""
    loaders = (fields.field_keys,)

    def serve(module, text: str) -> None:
        monkeypatch.setattr(module, "files", lambda _package: _FakeFiles(text))
        for loader in loaders:
            loader.cache_clear()

    yield serve
    for loader in loaders:
        loader.cache_clear()


def test_the_bundled_tables_load():
    assert fields.field_keys()["text"][0] == "text"


@pytest.mark.parametrize(
    "text",
    ["field,key\ntext,text\nheadline,title\n", "field,key\ntext,text\ntext,TEXT\n", "a,b\n"],
)
def test_a_malformed_field_table_raises(table, text):
    table(fields, text)
    with pytest.raises(DataTableError, match="record_fields.csv"):
        fields.field_keys()
