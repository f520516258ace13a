"""Bytes to text: UTF-8 first, other encodings only when declared or confidently detected.

Binary content (NUL bytes, many control characters) is refused, and so is text whose
encoding cannot be told with confidence: a wrongly decoded article would feed mojibake
to every later step.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from tracker.errors import InputError

#: Largest share of control characters a text file may hold.
MAX_CONTROL_SHARE = 0.005
#: charset_normalizer's "chaos" (0-1) above which a detected encoding is not trusted.
MAX_CHAOS = 0.1
#: charset_normalizer's "coherence" (0-1) a detected encoding's text must reach.
MIN_COHERENCE = 0.5

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_DECLARED = re.compile(
    rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']"""
    rb"""|<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._-]+)""",
    re.IGNORECASE,
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class Decoded:
    """The text of a file and, when it was not UTF-8, the warning saying how it was read."""

    text: str
    warning: str | None = None


def _declared_encoding(data: bytes) -> str | None:
    """The encoding an XML declaration or HTML meta tag names, when Python knows it."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = (match[1] or match[2]).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _detected_encoding(data: bytes) -> str | None:
    """The encoding charset_normalizer finds, only when it is confident.

    Single-byte encodings are hard to tell apart when few bytes are non-ASCII, so among
    the clean candidates (low chaos) cp1252, the web's legacy default, is preferred when
    it is one of them; otherwise the best candidate must also read as a known language.
    """
    from charset_normalizer import from_bytes

    candidates = [r for r in from_bytes(data[:200_000]) if r.chaos <= MAX_CHAOS]
    if not candidates:
        return None
    if any("cp1252" in r.could_be_from_charset for r in candidates):
        return "cp1252"
    best = candidates[0]
    return best.encoding if best.coherence >= MIN_COHERENCE else None


def _refuse_binary(text: str, path: str) -> None:
    """Raise InputError when decoded text holds more control characters than text does."""
    controls = len(_CONTROL.findall(text))
    if "\x00" in text:
        raise InputError(path, "binary content (NUL bytes), not text")
    if controls > max(2, MAX_CONTROL_SHARE * len(text)):
        raise InputError(path, f"binary content ({controls} control characters), not text")


def decode(data: bytes, path: str) -> Decoded:
    """Decode a file's bytes to text, or raise InputError saying why it cannot be read."""
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(path, f"invalid UTF-16 ({error.reason})") from error
        _refuse_binary(text, path)
        return Decoded(text, "not UTF-8: decoded as UTF-16 (byte-order mark)")
    if b"\x00" in data:
        raise InputError(path, "binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        declared = _declared_encoding(data)
        encoding = declared or _detected_encoding(data)
        if encoding is None or encoding.replace("_", "-") == "utf-8":
            raise InputError(
                path,
                f"not valid UTF-8 (byte {error.start}) and no confident encoding detected",
            ) from error
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as again:
            raise InputError(path, f"not decodable as declared {encoding}") from again
        how = "declared" if declared else "detected"
        _refuse_binary(text, path)
        return Decoded(text, f"not UTF-8: decoded as {encoding} ({how})")
    _refuse_binary(text, path)
    return Decoded(text)
