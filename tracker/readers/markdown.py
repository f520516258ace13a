"""Markdown: one article per file, converted to plain paragraphs.

markdown-it-py parses the CommonMark; its tokens are rendered as plain text: markup goes
(heading marks, emphasis, link targets, images, list bullets, rules), soft line breaks
inside a paragraph become spaces, hard breaks (two trailing spaces) newlines, and
paragraphs, headings and list items are separated by a blank line (an indented block is
read as the prose it is in articles, a fenced block line by line). The title
is the front matter's `title` or the first heading; the date is the front matter's `date`
or a `Date:` field line near the top (`**Date:** August 30, 2010`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tracker.readers.dates import parse_date
from tracker.readers.draft import Draft, Parsed, clean_field, clean_text

#: Lines from the top searched for a `Date:` field.
DATE_FIELD_LINES = 40

_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)\n---[ \t]*(?:\n|$)", re.S)
_FRONT_FIELD = re.compile(r"([\w-]+)\s*:\s*(.*)")
_DATE_FIELD = re.compile(r"date\s*:\s*(.+)", re.I)
_PARSER = MarkdownIt("commonmark")
#: Inline tokens whose text is not prose: an image's alt text is dropped with the image.
_SKIPPED = {"image", "html_inline"}
#: `**` that CommonMark leaves as text: the corpus's conversions write "**Title **", a
#: closing mark after a space, which is no emphasis to the parser but is never prose.
_STRAY_STRONG = re.compile(r"\*{2,}")


def _plain(children: Sequence[Token], soft: str = " ") -> str:
    """An inline token's children as plain text; a soft break becomes `soft`."""
    parts = []
    for child in children:
        if child.type == "text":
            parts.append(_STRAY_STRONG.sub("", child.content))
        elif child.type == "code_inline":
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(soft)
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type in _SKIPPED:
            continue
    return "".join(parts).strip()


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


def _blocks(tokens: Sequence[Token]) -> tuple[list[str], list[str], str | None]:
    """Plain paragraphs of the parsed Markdown, the heading texts in order, and the value
    of the first `Date:` field line among the top DATE_FIELD_LINES lines."""
    paragraphs: list[str] = []
    headings: list[str] = []
    date = None
    for i, token in enumerate(tokens):
        if token.type in ("fence", "html_block"):
            paragraphs.extend(line for line in token.content.split("\n") if line.strip())
        elif token.type == "code_block":  # indented prose, as news and orders mean it
            paragraphs.append(" ".join(token.content.split()))
        if token.type != "inline" or not token.children:
            continue
        text = _plain(token.children)
        if not text:
            continue
        paragraphs.append(text)
        if i and tokens[i - 1].type == "heading_open":
            headings.append(text)
        if date is None and token.map and token.map[0] < DATE_FIELD_LINES:
            date = _date_field(_plain(token.children, soft="\n"))
    return paragraphs, headings, date


def _date_field(text: str) -> str | None:
    """The value of a `Date:` line of `text` that reads as a date, if there is one."""
    for line in text.split("\n"):
        found = _DATE_FIELD.fullmatch(line.strip())
        if found and parse_date(found[1]):
            return found[1]
    return None


def read_markdown(text: str, name: str) -> Parsed:
    """One article from a Markdown file."""
    fields, body = _front_matter(text.lstrip("\ufeff").replace("\r\n", "\n"))
    paragraphs, headings, date_field = _blocks(_PARSER.parse(body))
    draft = Draft(record_index=0, text=clean_text("\n\n".join(paragraphs)))
    first_heading = clean_field(headings[0]) if headings else None
    draft.title = clean_field(fields.get("title")) or first_heading
    draft.author = clean_field(fields.get("author"))
    draft.url = clean_field(fields.get("url"))
    date = fields.get("date") or date_field
    if date:
        draft.date_text, draft.date_source = date.strip(), "header"
    parsed = Parsed()
    if draft.text:
        parsed.drafts.append(draft)
    else:
        parsed.skipped.append((0, "no text in the Markdown"))
    return parsed
