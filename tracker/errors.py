"""The tracker's own exception types: each message says what went wrong and where."""

from __future__ import annotations


class TrackerError(Exception):
    """Base class: the CLI prints `str(error)` as one line and exits non-zero."""

    exit_code = 1


class InputError(TrackerError):
    """A file or record cannot be read as an article; the message names the file and why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DataTableError(TrackerError):
    """A bundled rule or lexicon table is malformed (a bug in the package, not user input)."""


class StoreError(TrackerError):
    """The store directory is missing, unreadable or of an unknown schema version."""


class ModelError(TrackerError):
    """The spaCy model is not installed."""


class RequestError(TrackerError):
    """A request to the dashboard carries something no page of it sends; answered with 400."""


class StoreDamaged(StoreError):
    """A generation's files do not match its manifest: a part missing, unexpected, corrupt
    or unreadable. The message names the first problem and the commands that help
    (`tracker check` lists them all, `tracker repair` rebuilds a readable store)."""

    exit_code = 4
