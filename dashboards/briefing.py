"""The storyline as a briefing to hand on: pure functions from acts to text.

A briefing is the current selection as a dated list of acts, oldest first, each with its
date and how sure that date is, its summary, who acted on whom, the quoted sentence, the
source link and how many articles report it, stamped with the filters and the store's
as-of date. It renders as Markdown or as a standalone HTML page (every piece of text
escaped, links kept only when they are http(s) URLs), and the dashboard's storyline
panel shows the same lines (dashboards/storyline.py).
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

import pandas as pd

from dashboards.panels import safe_url
from dashboards.styles import style_of
from tracker.query import EventFilter
from tracker.timex.tables import month_names

TITLE = "Sanctions & policy events: briefing"
MONTHS = month_names()
# What each date source says about how sure the date is (docs/schema.md, date_source).
CERTAINTY = {
    "explicit": "stated in the article",
    "relative": "worked out from",
    "article": "not stated: the article's publication date",
}
MD_SPECIAL = frozenset("\\`*_[]<>|~&")
FIELD_LABELS = {"start": "From", "end": "To", "event_types": "Event type", "text": "Text"}
PRINT_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;color:#1f2328}"
    "li{margin-bottom:1rem}blockquote{margin:.3rem 0;padding-left:.8rem;"
    "border-left:3px solid #bf8700}.meta{color:#57606a}"
)


@dataclass(frozen=True)
class Briefing:
    """What a briefing holds: the acts shown (oldest first), how many acts match in all,
    the filters in words and the as-of line."""

    acts: pd.DataFrame
    total: int
    filters: tuple[str, ...]
    as_of: str

    @property
    def more(self) -> int:
        """How many matching acts the briefing leaves out."""
        return max(0, self.total - len(self.acts))


def _missing(value: object) -> bool:
    """True for None, NaN and NaT (a list, even an empty one, is a value)."""
    return value is None or (not pd.api.types.is_list_like(value) and pd.isna(value))


def dated(value: object, precision: object) -> str:
    """A date at its own precision: '2019-01-23', 'March 2014', '2016'; 'undated'."""
    if _missing(value):
        return "undated"
    day = pd.Timestamp(value)
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return day.date().isoformat()


def certainty(precision: object, source: object, words: object) -> str:
    """How sure a date is: its precision and where it came from.

    A date defaulted to the article's publication date says so plainly, so it is never
    read as a stated one.
    """
    said = CERTAINTY.get(str(source), "source unknown")
    if source in ("explicit", "relative") and not _missing(words):
        said = f"{said} “{words}”"
    return f"{precision or 'unknown'} precision; {said}"


def who_to_whom(sources: object, targets: object) -> str:
    """'United States → Venezuelan officials'; an empty side is shown as '?'."""

    def side(names: object) -> str:
        listed = [str(n) for n in names] if isinstance(names, Iterable) else []
        return ", ".join(listed) or "?"

    return f"{side(sources)} → {side(targets)}"


def reported_by(n_articles: float | None) -> str:
    """'reported by 1 article' / 'reported by N articles'."""
    n = 1 if n_articles is None or pd.isna(n_articles) else int(n_articles)
    return f"reported by {n} article" + ("" if n == 1 else "s")


def describe_filter(filt: EventFilter) -> tuple[str, ...]:
    """Every restriction of a filter in words ('Event type: Sanctions imposed'), in the
    filter's field order; an empty filter says it shows everything."""
    lines = []
    for item in dataclasses.fields(filt):
        value = getattr(filt, item.name)
        if not value:
            continue
        label = FIELD_LABELS.get(item.name, item.name.replace("_", " ").capitalize())
        if isinstance(value, tuple):
            names = [style_of(v).label if item.name == "event_types" else str(v) for v in value]
            lines.append(f"{label}: {', '.join(names)}")
        else:
            shown = value.isoformat() if hasattr(value, "isoformat") else str(value)
            lines.append(f"{label}: {shown}")
    return tuple(lines) or ("No filters: every event in the store",)


def source_label(row: pd.Series) -> str:
    """What names an act's article: its headline, else its outlet, else its link."""
    for name in ("title", "outlet", "url"):
        value = row.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return "untitled article (no link stored)"


class Entry(TypedDict):
    """One act of a briefing as plain text (`url` is None when it has no safe link)."""

    date: str
    certainty: str
    summary: str
    who: str
    quote: str
    url: str | None
    source: str
    reported: str


def entry(row: pd.Series) -> Entry:
    """One act's lines as plain text: date, certainty, summary, who → whom, quote, link,
    source and 'reported by'. The renderers escape them for their format."""
    return {
        "date": dated(row.get("event_date"), row.get("date_precision")),
        "certainty": certainty(
            row.get("date_precision"), row.get("date_source"), row.get("date_text")
        ),
        "summary": str(row.get("summary") or ""),
        "who": who_to_whom(row.get("sources"), row.get("targets")),
        "quote": str(row.get("sentence") or ""),
        "url": safe_url(row.get("url")),
        "source": source_label(row),
        "reported": reported_by(row.get("n_articles")),
    }


def entries(briefing: Briefing) -> list[Entry]:
    """The briefing's acts as plain-text entries, in its order."""
    return [entry(row) for _, row in briefing.acts.iterrows()]


def more_line(briefing: Briefing) -> str | None:
    """'N more acts match; narrow the filters to list them.' when the list is cut."""
    if not briefing.more:
        return None
    noun = "act matches" if briefing.more == 1 else "acts match"
    return (
        f"{briefing.more:,} more {noun} beyond these {len(briefing.acts):,}; "
        "narrow the filters to list them."
    )


def count_line(briefing: Briefing) -> str:
    """'3 acts, oldest first.'"""
    noun = "act" if briefing.total == 1 else "acts"
    return f"{briefing.total:,} {noun}, oldest first."


def _md(text: str) -> str:
    """Text made inert in Markdown, on one line: inline markup, links, raw HTML and
    entities escaped (every line it lands in starts with the briefing's own markup, so
    line-start markup such as '#' or '-' cannot take effect)."""
    return "".join("\\" + c if c in MD_SPECIAL else c for c in " ".join(text.split()))


def _md_url(url: str) -> str:
    """A URL that cannot close its <...> link destination or break its line."""
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20").replace("\n", "")


def to_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown: stamp, then one numbered entry per act."""
    lines = [f"# {TITLE}", "", _md(briefing.as_of), "", "Filters:"]
    lines += [f"- {_md(f)}" for f in briefing.filters]
    lines += ["", _md(count_line(briefing)), ""]
    for number, item in enumerate(entries(briefing), start=1):
        url = item["url"]
        source = f"[{_md(item['source'])}](<{_md_url(url)}>)" if url else _md(item["source"])
        lines += [
            f"{number}. **{_md(item['date'])}** ({_md(item['certainty'])}): {_md(item['summary'])}",
            f"   - {_md(item['who'])}",
            f"   - > {_md(item['quote'])}",
            f"   - Source: {source}; {_md(item['reported'])}",
            "",
        ]
    more = more_line(briefing)
    if more:
        lines.append(_md(more))
    return "\n".join(lines).rstrip() + "\n"


def to_html(briefing: Briefing) -> str:
    """The briefing as a standalone HTML page (UTF-8, inline print-friendly style)."""
    esc = html.escape
    items = []
    for item in entries(briefing):
        url = item["url"]
        source = (
            f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(item["source"])}</a>'
            if url
            else esc(item["source"])
        )
        items.append(
            f"<li><p><strong>{esc(item['date'])}</strong> "
            f'<span class="meta">({esc(item["certainty"])})</span>: {esc(item["summary"])}</p>'
            f"<p>{esc(item['who'])}</p><blockquote>{esc(item['quote'])}</blockquote>"
            f'<p class="meta">Source: {source}; {esc(item["reported"])}</p></li>'
        )
    filters = "".join(f"<li>{esc(f)}</li>" for f in briefing.filters)
    more_text = more_line(briefing)
    more = f"<p>{esc(more_text)}</p>" if more_text else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(TITLE)}</title><style>{PRINT_CSS}</style></head><body>"
        f'<h1>{esc(TITLE)}</h1><p class="meta">{esc(briefing.as_of)}</p>'
        f"<h2>Filters</h2><ul>{filters}</ul><p>{esc(count_line(briefing))}</p>"
        f"<ol>{''.join(items)}</ol>{more}</body></html>\n"
    )
