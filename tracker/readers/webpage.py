"""HTML pages: trafilatura for the main text and metadata, htmldate for the date.

Everything works on the document in hand; no URL is ever fetched (both libraries fetch
when handed a URL string, so they are handed parsed trees or markup only). Paragraphs are
kept apart by a blank line so sentence splitting sees them. Extraction favours precision:
related-story links and promos would otherwise read as events (the gold evidence test
over the corpus checks that no annotated sentence is lost). htmldate runs only when the
date is still needed after the manifest (it is the `guess_date` of the draft).
"""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree
from lxml import html as lxml_html

from tracker.errors import InputError
from tracker.readers.dates import parse_date
from tracker.readers.draft import Draft, Parsed, clean_field, clean_text

#: Elements of trafilatura's XML output that are one paragraph each.
_PARAGRAPHS = {"p", "head", "item", "quote", "code", "cell"}
#: trafilatura's own date search: its result is not used (htmldate runs on demand), so the
#: slow extensive search (dateparser over every locale, seconds per page) is switched off.
_METADATA_DATE_SEARCH = {"extensive_search": False, "original_date": True}
_CLOSING_HTML = re.compile(r"</html\s*>", re.I)
_BREAK_TAGS = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/blockquote)\b[^>]*>", re.I)


def _render(node: etree._Element, parts: list[str], top: bool) -> None:
    """Append a node's words to `parts`: `<lb/>` as a newline, nested blocks as paragraphs."""
    if node.tag == "lb":
        parts.append("\n")
    else:
        if not top and node.tag in _PARAGRAPHS:
            parts.append("\n\n")
        parts.append(node.text or "")
        for child in node:
            _render(child, parts, top=False)
    if not top:
        parts.append(node.tail or "")


def _paragraph_text(element: etree._Element) -> str:
    """The words of one output element (and the blocks nested in it)."""
    parts: list[str] = []
    _render(element, parts, top=True)
    return "".join(parts)


def _main_paragraphs(xml: str) -> tuple[list[str], dict[str, str]]:
    """Paragraph texts and document attributes from trafilatura's XML output."""
    document = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False))
    main = document.find("main")
    paragraphs = []
    if main is not None:
        for element in main.iter(*_PARAGRAPHS):
            if element.getparent() is not None and element.getparent().tag in _PARAGRAPHS:
                continue
            text = _paragraph_text(element).strip()
            if text:
                paragraphs.append(text)
    return paragraphs, dict(document.attrib)


def _date_guesser(markup: str):
    """A callable returning htmldate's guess of the publication date, run on demand."""

    def guess() -> tuple[dt.date, str] | None:
        import htmldate

        tree = lxml_html.document_fromstring(markup)
        found = htmldate.find_date(tree, original_date=True, extensive_search=True)
        if not found:
            return None
        day = parse_date(found)
        return (day, found) if day else None

    return guess


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's description), paragraphs kept."""
    if "<" not in fragment:
        return clean_text(fragment)
    marked = _BREAK_TAGS.sub(lambda m: m[0] + "\n\n", fragment)
    try:
        root = lxml_html.fragment_fromstring(marked, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_text(fragment)
    return clean_text(root.text_content())


def read_html(markup: str, name: str) -> Parsed:
    """One article from an HTML page: its main text, title, author, site name and URL."""
    import trafilatura

    try:
        xml = trafilatura.extract(
            markup,
            output_format="xml",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,
            favor_precision=True,
            date_extraction_params=_METADATA_DATE_SEARCH,
        )
    except (ValueError, etree.LxmlError) as error:
        raise InputError(name, f"HTML could not be parsed ({error})") from error
    if not xml:
        raise InputError(name, "no main text found in the HTML page")
    paragraphs, meta = _main_paragraphs(xml)
    text = clean_text("\n\n".join(paragraphs))
    if not text:
        raise InputError(name, "no main text found in the HTML page")
    parsed = Parsed()
    if not _CLOSING_HTML.search(markup[-4096:]):
        parsed.warnings.append(f"{name}: HTML looks truncated (no closing </html>)")
    parsed.drafts.append(
        Draft(
            record_index=0,
            text=text,
            title=clean_field(meta.get("title")),
            url=clean_field(meta.get("url")),
            author=clean_field(meta.get("author")),
            outlet=clean_field(meta.get("sitename")),
            guess_date=_date_guesser(markup),
        )
    )
    return parsed
