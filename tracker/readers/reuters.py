"""Reuters-21578-style newswire: `<REUTERS>` records in SGML (.sgm) or XML files.

Read with patterns, not an XML parser: the original SGML is not well-formed XML
(`&#3;` end-of-text marks), and nothing here expands entities beyond the standard
character references. The text is the TITLE as first paragraph, then the BODY with its
hard-wrapped lines joined into paragraphs (an indented line starts a new one) and the
closing "REUTER" sign-off dropped. The DATELINE ("WARSAW, March 5 -") is not text.
"""

from __future__ import annotations

import html
import re

from tracker.readers.draft import Draft, Parsed, clean_field, clean_text

_RECORD = re.compile(r"<REUTERS\b[^>]*>(.*?)</REUTERS\s*>", re.S | re.I)
_OPENING = re.compile(r"<REUTERS\b", re.I)
_TAGS = re.compile(r"<[^>]*>")
_SIGN_OFF = re.compile(r"\s*reuter\s*", re.I)


def _element(record: str, tag: str) -> str | None:
    """The unescaped content of the first `tag` element of a record, or None."""
    match = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}\s*>", record, re.S | re.I)
    return None if match is None else html.unescape(_TAGS.sub("", match[1]))


def _paragraphs(body: str) -> str:
    """Join hard-wrapped lines; an indented line starts a paragraph; drop the sign-off."""
    lines = body.replace("\r\n", "\n").split("\n")
    while lines and (not lines[-1].strip() or _SIGN_OFF.fullmatch(lines[-1])):
        lines.pop()
    paragraphs: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        if not paragraphs or line[:1].isspace():
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return "\n\n".join(" ".join(words) for words in paragraphs)


def _record_draft(record: str, index: int) -> Draft | str:
    """A draft from one `<REUTERS>` record, or the reason it has no text."""
    text_block = _element(record, "TEXT")
    if text_block is None:
        return f"record {index} has no <TEXT> element"
    title = clean_field(_element(record, "TITLE"))
    body = _element(record, "BODY")
    if body is None and title is None:
        body = text_block
    parts = [title or "", _paragraphs(body or "")]
    text = clean_text("\n\n".join(p for p in parts if p))
    if not text:
        return f"record {index} has an empty <TEXT>"
    author = clean_field(_element(record, "AUTHOR"))
    if author and author.lower().startswith("by "):
        author = author[3:].strip()
    date = _element(record, "DATE")
    return Draft(
        record_index=index,
        text=text,
        title=title,
        author=author,
        date_text=date.strip() if date and date.strip() else None,
        date_source="header" if date and date.strip() else None,
    )


def read_reuters(text: str, name: str) -> Parsed:
    """Every `<REUTERS>` record of a file; a record cut off before its end is skipped."""
    parsed = Parsed()
    records = _RECORD.findall(text)
    for index, record in enumerate(records):
        draft = _record_draft(record, index)
        if isinstance(draft, str):
            parsed.skipped.append((index, draft))
        else:
            parsed.drafts.append(draft)
    opened = len(_OPENING.findall(text))
    if opened > len(records):
        reason = f"{opened - len(records)} record(s) truncated (no closing </REUTERS>)"
        parsed.skipped.append((len(records), reason))
    return parsed
