"""Sanctions & policy event tracker: news articles in, dated events out.

Researchers: `tracker.load_events("data/processed")` returns the flat event table.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load_events"]


def __getattr__(name: str):
    """Import the store lazily, so `import tracker` stays cheap for the CLI."""
    if name == "load_events":
        from tracker.store import load_events

        return load_events
    raise AttributeError(name)
