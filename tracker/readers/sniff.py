"""Tell a file's format from its content; the extension only settles ambiguous cases.

A `.txt` holding HTML reads as HTML and an `.xml` holding RSS reads as a feed. XML that
declares entities is refused here, before any parser sees it: entity expansion is how a
small file becomes a memory bomb ("billion laughs"), and news never needs it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from itertools import islice

from tracker.errors import InputError
from tracker.readers.fields import text_keys

FORMATS = ("text", "html", "feed", "json", "jsonl", "csv", "reuters_sgml", "markdown")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.S | re.I)
_FIRST_TAG = re.compile(r"<([A-Za-z][\w:.-]*)")
_DOCTYPE = re.compile(r"<!DOCTYPE\s+([\w:.-]+)", re.I)
_ENTITY_DECL = re.compile(r"<!ENTITY", re.I)
_FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf"}
_HTML_ROOTS = {"html", "head", "body"}
_FRONT_MATTER = re.compile(r"---\s*\n(?:[\w-]+\s*:.*\n)+---\s*\n")
_JSONL_EXT = (".jsonl", ".ndjson")
_JSON_EXT = (".json", *_JSONL_EXT)
_JSON_START = re.compile(r"[\[{]\s*[\"{\[\]}]")


def _markup_format(head: str, name: str) -> str:
    """Format of a document that starts with '<': feed, reuters_sgml or html."""
    doctype = _DOCTYPE.search(head)
    if doctype and doctype[1].lower() == "lewis":
        return "reuters_sgml"
    if doctype and doctype[1].lower() == "html":
        return "html"
    rest = head
    while (prolog := _PROLOG.match(rest)) and prolog.end() > 0:
        rest = rest[prolog.end() :]
    tag = _FIRST_TAG.match(rest.lstrip())
    root = tag[1].lower() if tag else ""
    if root in _FEED_ROOTS:
        return "feed"
    if root == "reuters":
        return "reuters_sgml"
    if root in _HTML_ROOTS or not head.startswith("<?xml"):
        return "html"
    raise InputError(name, f"XML with an unknown root element <{root or '?'}>; not an article")


def _json_format(text: str, name: str) -> str:
    """json for one document, jsonl for one JSON value per line."""
    if name.lower().endswith(_JSONL_EXT):
        return "jsonl"
    lines = list(islice((line for line in io.StringIO(text) if line.strip()), 2))
    if len(lines) == 2:
        try:
            json.loads(lines[0])
        except ValueError:
            return "json"
        return "jsonl"
    return "json"


def _is_csv(text: str, name: str) -> bool:
    """A .csv/.tsv file, or one whose first line is a header naming a text column."""
    if name.lower().endswith((".csv", ".tsv")):
        return True
    first = _LINE_BREAK.split(text, 1)[0]
    if "," not in first:
        return False
    header = next(csv.reader([first]))
    return len(header) >= 2 and any(h.strip() in text_keys() for h in header)


def _is_markdown(text: str, name: str) -> bool:
    """A .md file, or one opening with YAML front matter or a '# ' heading."""
    if name.lower().endswith((".md", ".markdown")):
        return True
    return bool(_FRONT_MATTER.match(text)) or text.startswith("# ")


def sniff(text: str, name: str) -> str:
    """The format of a decoded file (one of FORMATS), or InputError when it is none."""
    head = text[:8192].lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        if _ENTITY_DECL.search(text):
            raise InputError(name, "XML declares entities (possible entity bomb); refused")
        return _markup_format(head, name)
    if _JSON_START.match(head) or name.lower().endswith(_JSON_EXT):
        return _json_format(text.lstrip("\ufeff \t\r\n"), name)
    if _is_csv(head, name):
        return "csv"
    if _is_markdown(head, name):
        return "markdown"
    return "text"
