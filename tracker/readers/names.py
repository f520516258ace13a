"""Strings from outside made safe to hash, store and print, without losing what they said.

A file name that is not valid UTF-8 reaches Python with its undecodable bytes as lone
surrogates (`surrogateescape`: b"m\\xe9xico.txt" is "m\\udce9xico.txt"), and a JSON string
may hold a lone surrogate of its own ("t \\ud800"). Neither can be encoded as UTF-8, so
neither can be hashed, written to parquet or printed as it is. Here:

- `raw_bytes` gives the bytes a string stands for (a file name's own bytes), to hash ids;
- `storable` escapes each lone surrogate as text (`\\xe9` for a name's byte, `\\ud800`
  otherwise), so the stored value is valid Unicode and still says what the input held;
- `printable` also escapes control characters, so a newline in a file name cannot forge a
  line of the console report.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape_surrogate(match: re.Match[str]) -> str:
    """`\\xNN` for a byte a file name could not decode, `\\uXXXX` for any other surrogate."""
    code = ord(match[0])
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def raw_bytes(value: str) -> bytes:
    """The bytes a string stands for: UTF-8, with a file name's undecodable bytes given
    back as they were; any other lone surrogate is kept by its code (`surrogatepass`)."""
    try:
        return value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogatepass")


def has_surrogates(value: str) -> bool:
    """Whether the string holds a lone surrogate (so cannot be encoded as UTF-8)."""
    return _SURROGATE.search(value) is not None


def storable(value: str) -> str:
    """The string with every lone surrogate escaped as text: valid Unicode, same meaning."""
    return _SURROGATE.sub(_escape_surrogate, value)


def printable(value: str) -> str:
    """`storable`, with control characters and line separators escaped (`\\n`, `\\x1b`):
    one line of a console report, whatever the name or reason holds."""
    return _CONTROL.sub(lambda m: repr(m[0])[1:-1], storable(value))
