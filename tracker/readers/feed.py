"""RSS and Atom feeds (feedparser): one article per item.

An item's text is its full content when the feed carries it, else its description; its
date is the item's own `pubDate`/`published` (else `updated`), read at the local day the
feed states. A malformed feed whose items still parse is read with a warning.
"""

from __future__ import annotations

import io

from tracker.errors import InputError
from tracker.readers.draft import Draft, Parsed, clean_field
from tracker.readers.webpage import html_fragment_text


def _item_draft(entry: dict, index: int, outlet: str | None) -> Draft | str:
    """A draft from one feed item, or the reason it has no text."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    body = contents[0] if contents else entry.get("summary", "")
    text = html_fragment_text(body or "")
    if not text:
        return f"item {index} has no description or content"
    date = entry.get("published") or entry.get("updated")
    return Draft(
        record_index=index,
        text=text,
        title=clean_field(entry.get("title")),
        url=clean_field(entry.get("link")),
        author=clean_field(entry.get("author")),
        outlet=outlet,
        date_text=date or None,
        date_source="feed" if date else None,
    )


def read_feed(text: str, name: str) -> Parsed:
    """Every item of an RSS or Atom feed."""
    import feedparser

    result = feedparser.parse(
        io.BytesIO(text.encode("utf-8")),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        resolve_relative_uris=False,
        sanitize_html=True,
    )
    if not result.entries:
        problem = f" ({result.bozo_exception})" if result.bozo else ""
        raise InputError(name, f"feed has no readable items{problem}")
    parsed = Parsed()
    if result.bozo:
        problem, count = result.bozo_exception, len(result.entries)
        parsed.warnings.append(f"{name}: malformed feed ({problem}); {count} items read")
    outlet = clean_field(result.feed.get("title"))
    for index, entry in enumerate(result.entries):
        draft = _item_draft(entry, index, outlet)
        if isinstance(draft, str):
            parsed.skipped.append((index, draft))
        else:
            parsed.drafts.append(draft)
    return parsed
