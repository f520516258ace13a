"""Readers: files in, `Article` records out (text, HTML, feeds, JSON/JSONL/CSV records,
Reuters-21578 newswire, Markdown); the format is told from the content."""

from __future__ import annotations

from tracker.readers.core import DEFAULT_MAX_BYTES, READERS, ReadResult, discover, read_file
from tracker.readers.sniff import FORMATS

__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "READERS", "ReadResult", "discover", "read_file"]
