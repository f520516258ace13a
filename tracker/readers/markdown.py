"""Markdown: one article per file, converted to plain paragraphs.

Markup is removed (heading marks, emphasis, link targets, list bullets, rules); soft line
breaks inside a paragraph become spaces, hard breaks (two trailing spaces) newlines, and
paragraphs, headings and list items are separated by a blank line. The title is the front
matter's `title` or the first heading; the date is the front matter's `date` or a
`Date:` field line near the top (`**Date:** August 30, 2010`).
"""

from __future__ import annotations

import re

from tracker.readers.dates import parse_date
from tracker.readers.draft import Draft, Parsed, clean_field, clean_text

#: Lines from the top searched for a `Date:` field.
DATE_FIELD_LINES = 40

_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)\n---[ \t]*(?:\n|$)", re.S)
_FRONT_FIELD = re.compile(r"([\w-]+)\s*:\s*(.*)")
_HEADING = re.compile(r"\s{0,3}#{1,6}\s+(.*?)\s*#*\s*")
_RULE = re.compile(r"\s{0,3}([-*_])(?:\s*\1){2,}\s*")
_FENCE = re.compile(r"\s{0,3}(```|~~~)")
_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+(.*)")
_QUOTE = re.compile(r"\s*>\s?")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(.+?)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)\*(?![\w*])")
_CODE = re.compile(r"`([^`]*)`")
_DATE_FIELD = re.compile(r"date\s*:\s*(.+)", re.I)


def _inline(line: str) -> str:
    """A line with inline markup removed, keeping the words."""
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS.sub(r"\1", line)
    return _CODE.sub(r"\1", line)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """The `key: value` fields of a leading front-matter block, and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields = {}
    for line in match[1].split("\n"):
        field = _FRONT_FIELD.fullmatch(line.strip())
        if field:
            fields[field[1].lower()] = field[2].strip().strip("\"'")
    return fields, text[match.end() :]


def _blocks(lines: list[str]) -> tuple[list[str], list[str]]:
    """Plain paragraphs of the markdown lines, and the heading texts in order."""
    blocks: list[list[str]] = []
    headings: list[str] = []
    open_block = False
    in_fence = False
    for raw in lines:
        if _FENCE.match(raw):
            in_fence, open_block = not in_fence, False
            continue
        if in_fence:
            blocks.append([raw])
            continue
        heading = _HEADING.fullmatch(raw)
        item = _ITEM.fullmatch(raw)
        if not raw.strip() or _RULE.fullmatch(raw):
            open_block = False
        elif heading or item:
            text = _inline((heading or item)[1])
            if heading:
                headings.append(text)
            blocks.append([text])
            open_block = bool(item)
        else:
            line = _inline(_QUOTE.sub("", raw, count=1))
            if open_block:
                blocks[-1].append(line)
            else:
                blocks.append([line])
                open_block = True
    paragraphs = []
    for block in blocks:
        joined = ""
        for line in block:
            separator = "\n" if joined.endswith("  ") else " "
            joined = f"{joined}{separator}{line}" if joined else line
        paragraphs.append(joined)
    return paragraphs, headings


def read_markdown(text: str, name: str) -> Parsed:
    """One article from a Markdown file."""
    fields, body = _front_matter(text.lstrip("\ufeff").replace("\r\n", "\n"))
    paragraphs, headings = _blocks(body.split("\n"))
    draft = Draft(record_index=0, text=clean_text("\n\n".join(paragraphs)))
    first_heading = clean_field(headings[0]) if headings else None
    draft.title = clean_field(fields.get("title")) or first_heading
    draft.author = clean_field(fields.get("author"))
    draft.url = clean_field(fields.get("url"))
    date = fields.get("date")
    if date is None:
        for line in body.split("\n")[:DATE_FIELD_LINES]:
            found = _DATE_FIELD.fullmatch(_inline(line).strip())
            if found and parse_date(found[1]):
                date = found[1]
                break
    if date:
        draft.date_text, draft.date_source = date.strip(), "header"
    parsed = Parsed()
    if draft.text:
        parsed.drafts.append(draft)
    else:
        parsed.skipped.append((0, "no text in the Markdown"))
    return parsed
