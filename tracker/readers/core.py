"""Files in, `Article` records out: discovery, the format dispatch, dates and ids.

`read_file` never raises: a file that cannot be read (or is a link out of the input
folder, a dangling link, a pipe) becomes a `SkippedFile` with a reason a user can act on,
and a record that cannot be read is skipped while its file's other records are kept.

The publication date is the first of: a structured date stated in the file (text header,
Reuters `<DATE>`, feed item date, record date field); the manifest row; htmldate's guess
for HTML; a date in the file name; the `published` option. A date that is stated but is
not a calendar date ("yesterday") is left unresolved with a warning, never guessed; one
outside the plausible range (`tracker.date_range`) is refused with a warning and the next
source is tried.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.date_range import publication_refusal
from tracker.errors import InputError
from tracker.language import detect
from tracker.readers.dates import filename_date, parse_date
from tracker.readers.decoding import decode
from tracker.readers.draft import Draft, Parsed
from tracker.readers.feed import read_feed
from tracker.readers.manifest import MANIFEST_NAME, ManifestRow, manifest_row
from tracker.readers.markdown import read_markdown
from tracker.readers.names import has_surrogates, raw_bytes, storable
from tracker.readers.plaintext import read_text
from tracker.readers.records import read_csv, read_json, read_jsonl
from tracker.readers.reuters import read_reuters
from tracker.readers.sniff import sniff
from tracker.readers.webpage import read_html
from tracker.records import Article, SkippedFile

DEFAULT_MAX_BYTES = 50_000_000

READERS: dict[str, Callable[[str, str], Parsed]] = {
    "text": read_text,
    "html": read_html,
    "feed": read_feed,
    "json": read_json,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "reuters_sgml": read_reuters,
    "markdown": read_markdown,
}

_NOT_ARTICLES = ("readme", "license", "licence")


@dataclass
class ReadResult:
    """What one input file gave: its articles, what was skipped and why, and warnings."""

    path: str
    articles: list[Article] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _is_article_file(path: Path, root: Path) -> bool:
    """False for hidden files, README*, LICENSE* and the manifest: they are not articles."""
    parts = path.relative_to(root).parts
    if any(part.startswith(".") for part in parts):
        return False
    name = path.name.lower()
    return name != MANIFEST_NAME and not name.startswith(_NOT_ARTICLES)


def discover(paths: Sequence[Path]) -> list[tuple[Path, Path]]:
    """Expand files/folders into (file, ingest_root) pairs, sorted, skipping README*,
    LICENSE*, manifest.csv and hidden files; a path that does not exist raises InputError.

    Every entry of a folder that is not a folder is listed, symbolic links, pipes and
    devices included, so that `read_file` reports why it does not read them: nothing in
    the input is passed over without a word. Links to folders are not descended into."""
    found: set[tuple[Path, Path]] = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(str(path), "no such file or directory")
        if path.is_dir():
            found.update(
                (file, path)
                for file in path.rglob("*")
                if (file.is_symlink() or not file.is_dir()) and _is_article_file(file, path)
            )
        elif _is_article_file(path, path.parent):
            found.add((path, path.parent))
    return sorted(found)


def _sha1(value: str) -> str:
    """Hex sha1 of the bytes a string stands for (`names.raw_bytes`): its UTF-8 bytes, and
    a file name's own bytes when the name is not valid UTF-8."""
    return hashlib.sha1(raw_bytes(value)).hexdigest()


def _relative(path: Path, root: Path) -> str:
    """The path relative to the ingest root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _check_link(path: Path, root: Path, rel: str) -> None:
    """InputError for a symbolic link that is dangling, loops, or leads out of the input
    folder (`passwd.txt -> /etc/passwd` must not become an article)."""
    if not path.is_symlink():
        return
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError as error:
        raise InputError(rel, "dangling symbolic link (its target does not exist)") from error
    except (RuntimeError, OSError) as error:
        raise InputError(rel, "symbolic link loop (it never reaches a file)") from error
    if not target.is_relative_to(root.resolve()):
        raise InputError(
            rel, f"symbolic link to {storable(str(target))}, outside the input folder; not followed"
        )


def _load_text(path: Path, root: Path, rel: str, max_bytes: int) -> tuple[str, str | None]:
    """A file's decoded text and an encoding warning, or InputError; links and the kind of
    file checked first, then the size."""
    _check_link(path, root, rel)
    try:
        info = path.stat()
    except FileNotFoundError as error:
        raise InputError(rel, "no such file") from error
    except OSError as error:
        raise InputError(rel, f"cannot read ({error.strerror})") from error
    for is_kind, kind in _NOT_REGULAR:
        if is_kind(info.st_mode):
            raise InputError(rel, f"{kind}, not a regular file")
    size = info.st_size
    if size > max_bytes:
        raise InputError(rel, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
    if size == 0:
        raise InputError(rel, "empty file")
    try:
        with path.open("rb") as handle:
            data = handle.read(size + 1)
    except OSError as error:
        raise InputError(rel, f"cannot read ({error.strerror})") from error
    if len(data) > max_bytes:
        raise InputError(rel, f"file grew over the {max_bytes:,}-byte limit while read")
    decoded = decode(data, rel)
    if not any(ch.isalpha() for ch in decoded.text):
        raise InputError(rel, "no text (no letters in the file)")
    return decoded.text, decoded.warning


@dataclass
class _Context:
    """What the folder and the caller know about a file, beyond its own content."""

    rel: str
    raw_rel: str
    row: ManifestRow | None
    filename: tuple[dt.date, str] | None
    option: dt.date | None
    single: bool


def _stated_dates(
    draft: Draft, ctx: _Context, warnings: list[str]
) -> Iterator[tuple[dt.date, str, str | None]]:
    """Every (date, raw text, source) the article has, in the order of the module
    docstring's precedence; a stated value that is not a calendar date is warned about."""
    if draft.date_text:
        stated = parse_date(draft.date_text)
        if stated:
            yield stated, draft.date_text.strip(), draft.date_source
        else:
            warnings.append(
                f"{ctx.rel}: {draft.date_source} date {draft.date_text[:60]!r} is not a "
                "calendar date; not used (relative dates are never guessed)"
            )
    if ctx.row and ctx.row.published:
        listed = parse_date(ctx.row.published)
        if listed:
            yield listed, ctx.row.published, "manifest"
        else:
            warnings.append(f"{ctx.rel}: manifest date {ctx.row.published!r} is not a date")
    guess = draft.guess_date() if draft.guess_date else None
    if guess:
        yield guess[0], guess[1], "html"
    if ctx.filename:
        yield ctx.filename[0], ctx.filename[1], "filename"
    if ctx.option:
        yield ctx.option, ctx.option.isoformat(), "option"


def _publication(
    draft: Draft, ctx: _Context, warnings: list[str]
) -> tuple[dt.date | None, str | None, str | None]:
    """(date, raw text, source): the first stated date in the plausible range
    (`tracker.date_range`); one outside it is refused with a warning."""
    for date, text, source in _stated_dates(draft, ctx, warnings):
        refusal = publication_refusal(date)
        if refusal is None:
            return date, text, source
        warnings.append(f"{ctx.rel}: {source} date {text[:60]!r} {refusal}; not used")
    where = f" record {draft.record_index}" if not ctx.single else ""
    warnings.append(
        f"{ctx.rel}:{where} no publication date found (add it to manifest.csv or use --published)"
    )
    return None, None, None


_DRAFT_TEXTS = ("text", "title", "url", "author", "outlet", "date_text")


def _storable_draft(draft: Draft, ctx: _Context, warnings: list[str]) -> Draft:
    """The draft with lone surrogates (invalid Unicode a JSON string can hold) escaped as
    text, with a warning naming the fields: such text cannot be stored as it is."""
    bad = [
        name
        for name in _DRAFT_TEXTS
        if isinstance(getattr(draft, name), str) and has_surrogates(getattr(draft, name))
    ]
    if not bad:
        return draft
    where = f" record {draft.record_index}" if not ctx.single else ""
    warnings.append(
        f"{ctx.rel}:{where} invalid Unicode (lone surrogate code points) in "
        f"{', '.join(bad)}; kept escaped as \\uXXXX text"
    )
    # Any: the field names are only known at run time (all of them str | None fields).
    escaped: dict[str, Any] = {name: storable(getattr(draft, name)) for name in bad}
    return dataclasses.replace(draft, **escaped)


def _article(draft: Draft, ctx: _Context, fmt: str, warnings: list[str]) -> Article:
    """The finished Article: manifest fills gaps, date picked, ids and language computed."""
    draft = _storable_draft(draft, ctx, warnings)
    row = ctx.row
    url = draft.url or (row.url if row and ctx.single else None)
    title = draft.title or (row.title if row and ctx.single else None)
    published, published_text, published_source = _publication(draft, ctx, warnings)
    identity = url or f"{ctx.raw_rel}#{draft.record_index}"
    return Article(
        article_id=_sha1(identity)[:16],
        source_path=ctx.rel,
        record_index=draft.record_index,
        text=draft.text,
        title=title,
        url=url,
        outlet=draft.outlet or (row.source if row else None),
        author=draft.author,
        published=published,
        published_text=published_text,
        published_source=published_source,
        language=detect(f"{title or ''}\n{draft.text}"),
        content_hash=_sha1(" ".join(draft.text.split())),
        format=fmt,
    )


def read_file(
    path: Path,
    root: Path,
    *,
    published: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ReadResult:
    """Read one file into articles. Never raises: bad files become `skipped` with a
    reason, bad records are skipped while the others are kept, and an error no reader
    foresaw becomes that file's skip, so one file never ends a batch.

    The path relative to the root is stored escaped (`names.storable`) when the name is
    not valid UTF-8; the article id is hashed from the name's own bytes."""
    path, root = Path(path), Path(root)
    raw_rel = _relative(path, root)
    rel = storable(raw_rel)
    try:
        return _read(path, root, raw_rel, rel, published, max_bytes)
    except Exception as error:  # noqa: BLE001 - see the docstring: a file's error is its skip
        reason = f"unexpected error while reading: {type(error).__name__}: {error}"
        return ReadResult(path=rel, skipped=[SkippedFile(rel, storable(reason.splitlines()[0]))])


def _read(
    path: Path, root: Path, raw_rel: str, rel: str, published: dt.date | None, max_bytes: int
) -> ReadResult:
    """`read_file`'s work, which may raise for what no reader foresaw."""
    result = ReadResult(path=rel)
    try:
        text, encoding_warning = _load_text(path, root, rel, max_bytes)
        fmt = sniff(text, path.name)
        parsed = READERS[fmt](text, rel)
    except InputError as error:
        result.skipped.append(SkippedFile(rel, error.reason))
        return result
    if encoding_warning:
        result.warnings.append(f"{rel}: {encoding_warning}")
    result.warnings.extend(parsed.warnings)
    row, manifest_warnings = manifest_row(path, root)
    result.warnings.extend(manifest_warnings)
    ctx = _Context(
        rel=rel,
        raw_rel=raw_rel,
        row=row,
        filename=filename_date(path.name),
        option=published,
        single=len(parsed.drafts) + len(parsed.skipped) == 1,
    )
    result.skipped.extend(SkippedFile(rel, reason) for _, reason in parsed.skipped)
    result.articles.extend(_article(d, ctx, fmt, result.warnings) for d in parsed.drafts)
    if not result.articles and not result.skipped:
        result.skipped.append(SkippedFile(rel, f"no articles found in this {fmt} file"))
    return result
