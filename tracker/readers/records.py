"""JSON, JSONL and CSV records: one article per record, fields named by data/record_fields.csv.

A record without a text field, or a JSONL line or CSV row that does not parse, is skipped
with its reason while the file's other records are read. A JSON document that does not
parse at all (truncated, say) is refused whole.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from tracker.errors import InputError
from tracker.readers.draft import Draft, Parsed, clean_field, clean_text
from tracker.readers.fields import field_keys


def _lookup(record: dict[str, Any], field: str) -> tuple[str, Any] | None:
    """The first (key, value) of the record holding `field`, keys compared case-blind."""
    lowered = {str(k).lower(): k for k in record}
    for key in field_keys()[field]:
        original = lowered.get(key.lower())
        if original is not None and record[original] not in (None, "", []):
            return original, record[original]
    return None


def _text_of(value: Any) -> str | None:
    """Article text from a string or a list of paragraph strings; None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    return None


def record_draft(record: Any, index: int) -> Draft | str:
    """A draft from one record, or the reason it cannot be one."""
    if not isinstance(record, dict):
        return f"record {index} is a JSON {type(record).__name__}, not an object"
    found = _lookup(record, "text")
    if found is None:
        keys = ", ".join(field_keys()["text"])
        return f"record {index} has no text field (looked for {keys})"
    key, value = found
    text = _text_of(value)
    if text is None:
        return f"record {index}: field {key!r} is a {type(value).__name__}, not text"
    text = clean_text(text)
    if not text:
        return f"record {index}: field {key!r} is blank"
    meta = {f: _lookup(record, f) for f in ("title", "url", "author", "outlet", "date")}
    date = meta["date"][1] if meta["date"] else None
    return Draft(
        record_index=index,
        text=text,
        title=clean_field(meta["title"][1]) if meta["title"] else None,
        url=clean_field(meta["url"][1]) if meta["url"] else None,
        author=clean_field(meta["author"][1]) if meta["author"] else None,
        outlet=clean_field(meta["outlet"][1]) if meta["outlet"] else None,
        date_text=None if date is None else str(date),
        date_source=None if date is None else "record",
    )


def _collect(records: list[Any]) -> Parsed:
    """Drafts from records, each unreadable one skipped with its reason."""
    parsed = Parsed()
    for index, record in enumerate(records):
        draft = record_draft(record, index)
        if isinstance(draft, str):
            parsed.skipped.append((index, draft))
        else:
            parsed.drafts.append(draft)
    return parsed


def read_json(text: str, name: str) -> Parsed:
    """One JSON document: a record, a list of records, or an object holding such a list."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise InputError(name, f"invalid or truncated JSON ({error.msg} at {where})") from error
    except RecursionError as error:
        raise InputError(name, "JSON nested too deeply to be an article") from error
    if isinstance(document, list):
        return _collect(document)
    if not isinstance(document, dict):
        raise InputError(name, f"JSON {type(document).__name__} is not a record or a list")
    if _lookup(document, "text") is not None:
        return _collect([document])
    for key in field_keys()["records"]:
        if isinstance(document.get(key), list):
            return _collect(document[key])
    looked = ", ".join(field_keys()["text"] + field_keys()["records"])
    raise InputError(name, f"JSON object has no text field and no list of records ({looked})")


def read_jsonl(text: str, name: str) -> Parsed:
    """One JSON record per line; a line that does not parse is skipped, the rest are read."""
    parsed = Parsed()
    index = 0
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            parsed.skipped.append((index, f"line {line_number}: invalid JSON ({error.msg})"))
        except RecursionError:
            parsed.skipped.append((index, f"line {line_number}: JSON nested too deeply"))
        else:
            draft = record_draft(record, index)
            if isinstance(draft, str):
                parsed.skipped.append((index, f"line {line_number}: {draft}"))
            else:
                parsed.drafts.append(draft)
        index += 1
    if index == 0:
        raise InputError(name, "JSONL file has no records")
    return parsed


def read_csv(text: str, name: str) -> Parsed:
    """A header row naming the fields, then one record per row."""
    delimiter = "\t" if name.lower().endswith(".tsv") else ","
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(rows)]
    except (StopIteration, csv.Error) as error:
        raise InputError(name, f"CSV has no readable header row ({error})") from error
    parsed = Parsed()
    index = 0
    try:
        for row in rows:
            if not row:
                continue
            if len(row) != len(header):
                reason = f"row {index + 1} has {len(row)} fields, the header has {len(header)}"
                parsed.skipped.append((index, reason))
            else:
                draft = record_draft(dict(zip(header, row, strict=True)), index)
                if isinstance(draft, str):
                    parsed.skipped.append((index, draft))
                else:
                    parsed.drafts.append(draft)
            index += 1
    except csv.Error as error:
        reason = f"CSV breaks at line {rows.line_num} ({error}); the rest is not read"
        parsed.skipped.append((index, reason))
    if index == 0 and not parsed.skipped:
        raise InputError(name, "CSV has a header but no records")
    return parsed
