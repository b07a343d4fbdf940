"""Content from files is untrusted: read it with a bound, make its text inert once, where it enters.

The data loader and the history reader pass everything they read through here, so no table,
Markdown, JSON, export or error message can carry an escape sequence to a terminal: control
characters are shown as visible escapes (``\\x1b``) instead. Any other loader (a tax figures
file, say) reuses :func:`read_bounded` and :func:`clean` the same way; :func:`clean` also keeps
every text of a data file on one line, since every field is drawn as one (a table cell, a
Markdown bullet or heading, a CSV cell, an SVG line).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MAX_DEPTH = 32
"""Deeper nesting than any rolecompare file needs; a guard against parser-busting input."""

# C0 except tab and newline, DEL, C1, the line and paragraph separators (a terminal or editor
# may break the line there), the bidirectional marks, embeddings, overrides and isolates that can
# make text read differently from what it is, lone surrogates and the two non-characters that
# XML (and so SVG) forbids.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff\ufffe\uffff"
    # Invisible, so a name can pass for another: zero-width space, word joiner and invisible
    # operators, the zero-width no-break space, annotation marks, the Mongolian vowel
    # separator, tag characters. (Zero-width joiners stay: emoji and scripts need them.)
    "\u200b\u2060-\u2064\ufeff\ufff9-\ufffb\u180e\U000e0000-\U000e007f]"
)


HYGIENE = "contains control characters (shown as \\x.. or \\u....); remove them"
"""What ``validate`` says of a string that had to be made inert."""

BREAKS = "contains a line break or tab (shown as \\x0a or \\x09); remove it: the text is one line"
"""What ``validate`` says of a data file's text that had to be kept on one line."""


_read: set[str] = set()


def reading(path: Path) -> None:
    """Remember that this run reads the regular file ``path``, so that no write replaces it.

    :func:`read_bounded` calls this for every regular file it reads (the data file, the tax
    figures, the history, a snapshot), so a reader cannot forget to; a reader that streams a
    file instead calls it itself.
    """
    _read.add(str(path.absolute()))


def forget(path: Path) -> None:
    """Let a write replace ``path`` after all: for a file of the tool's own that a command reads
    and then writes anew (the answers a stopped quiz kept, kept again when it stops again)."""
    _read.discard(str(path.absolute()))


def read_files() -> frozenset[str]:
    """Every regular file this run has read, as absolute paths: :mod:`rolecompare.core.files`
    refuses to write any of them."""
    return frozenset(_read)


class Unreadable(Exception):
    """A file that cannot be read safely; ``reason`` completes "PATH: ..."."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        return "\ufffd"
    if code > 0xFFFF:
        return f"\\U{code:08x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def inert(text: str) -> str:
    """``text`` with every control character replaced by a visible escape such as ``\\x1b``."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _UNSAFE.sub(_visible, text)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_inert(encoded: str) -> str:
    """JSON text with the control characters JSON itself leaves raw (C1, bidirectional marks,
    line and paragraph separators) written as ``\\u`` escapes: the same values for a script
    that parses it, nothing a terminal acts on for a person who reads it. They can only stand
    inside strings, where an escape means the same character."""
    if encoded.isascii():  # none of them is ASCII; this check costs a fraction of the search
        return encoded
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", encoded)


def inert_line(text: str) -> str:
    """:func:`inert`, kept on one line: a newline shows as ``\\x0a`` too.

    The one escape for every message and every path shown to a person: a file name may hold any
    character but ``/`` and NUL, and a newline in one, echoed raw ("Saved the result to ..."),
    would start a line of its own that reads as the tool's output.
    """
    return inert(text).replace("\n", "\\x0a")


def is_inert(text: str) -> bool:
    return _UNSAFE.search(text) is None and "\r\n" not in text


def one_line(text: str) -> str:
    """:func:`inert_line`, with a tab shown as ``\\x09`` too: a data file's text as it is drawn.

    No field of a data file holds paragraphs: a name, a title, a bullet point and a sentence of
    prose are each drawn as one line (a table cell, a Markdown bullet or heading, a CSV cell, an
    SVG line), so a line break in one would forge a line, a heading or a row of its own.
    """
    return inert_line(text).replace("\t", "\\x09")


def _breaks(text: str) -> bool:
    """A line break or tab inside the text; at its ends it is whitespace the schema strips."""
    inner = text.strip()
    return "\n" in inner or "\t" in inner


def clean(value: Any, found: list[str] | None = None) -> Any:
    """A copy of parsed data file content (dicts, lists, scalars) with every string made inert
    and kept on one line (:func:`one_line`).

    Keys are cleaned too. Each string that had to change is added to ``found`` as
    ``key.path: what was wrong`` (``roles.pm.tagline: contains control characters ...``), so
    ``validate`` can name it. Nesting deeper than :data:`MAX_DEPTH` raises :class:`Unreadable`.
    """
    return _clean(value, "", found if found is not None else [], 0)


def _safe(text: str, *, key: bool = False) -> tuple[str, list[str]]:
    """``text`` inert and on one line, and what was wrong with it. A value's surrounding
    whitespace is left for the schema to strip; a key's is part of the key."""
    breaks = ("\n" in text or "\t" in text) if key else _breaks(text)
    shown = text if key or not breaks else text.strip()
    controls = not is_inert(shown.replace("\r\n", "\n"))
    wrong = [message for message, bad in ((HYGIENE, controls), (BREAKS, breaks)) if bad]
    if breaks:
        return one_line(shown), wrong
    return (inert(text) if controls else text), wrong


def _clean(value: Any, where: str, found: list[str], depth: int) -> Any:
    if isinstance(value, str):
        safe, wrong = _safe(value)
        found += [f"{where or '(top level)'}: {message}" for message in wrong]
        return safe
    if depth > MAX_DEPTH and isinstance(value, dict | list):
        raise Unreadable(f"nested more than {MAX_DEPTH} levels deep (at {where}); flatten it")
    if isinstance(value, dict):
        cleaned: dict[str, Any] = {}
        for key, item in value.items():
            safe_key, wrong = _safe(key, key=True)
            path = f"{where}.{safe_key}" if where else safe_key
            found += [f"{path}: {message}" for message in wrong]
            cleaned[safe_key] = _clean(item, path, found, depth + 1)
        return cleaned
    if isinstance(value, list):
        return [_clean(item, f"{where}[{i}]", found, depth + 1) for i, item in enumerate(value)]
    return value


def read_bounded(path: Path, limit: int, *, streams: bool = True) -> bytes:
    """At most ``limit`` bytes of ``path``, or :class:`Unreadable` saying why not.

    The file is opened without blocking, so a FIFO with no writer cannot hang the program, and
    checked by its descriptor, so it cannot be swapped between check and read. Regular files over
    the limit are refused before reading; FIFOs and devices are read only up to the limit, and
    only when ``streams`` allows them at all. :class:`OSError` from opening is left to the caller.
    A regular file read is remembered (:func:`reading`), so that no ``--save`` or ``--export``
    of the same run can write over it.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise Unreadable("is a directory")
        if stat.S_ISREG(mode):
            reading(path)
            if os.fstat(fd).st_size > limit:
                raise Unreadable(f"is larger than {_size(limit)}, too large to be read")
        elif not streams:
            raise Unreadable(f"is {kind_of(mode)}, not a regular file")
        elif hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)
        blob = b"".join(_chunks(fd, limit + 1))
    finally:
        os.close(fd)
    if len(blob) > limit:
        raise Unreadable(f"is larger than {_size(limit)}, too large to be read")
    return blob


def _chunks(fd: int, most: int) -> Iterator[bytes]:
    while most > 0:
        chunk = os.read(fd, min(most, 1 << 16))
        if not chunk:
            return
        most -= len(chunk)
        yield chunk


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words for a message."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "a special file"


def _size(limit: int) -> str:
    return f"{limit // (1 << 20)} MB" if limit >= 1 << 20 else f"{limit} bytes"
