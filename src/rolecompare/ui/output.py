"""The consoles and the standard streams, in one place.

Consoles are made lazily, so they see the colour settings of the run, not of import time. The
streams are made safe once per run (:func:`prepare_streams`, :func:`finish`): any encoding prints
with readable replacements, and a closed or full stream is one line on stderr, not a traceback.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from rolecompare.core.text import drawing_for

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

_settings = {"no_color": False}
_consoles: dict[str, Console] = {}

MIN_WIDTH = 20
"""Narrower than this nothing can be drawn legibly; ``COLUMNS=0`` means unknown, not zero."""
FALLBACK_WIDTH = 80
ENCODING_ERRORS = "rolecompare-replace"

# Readable ASCII for characters this program prints itself, where the stream cannot encode them.
_ASCII = {
    "\u00a3": "GBP",
    "\u20ac": "EUR",
    "\u2013": "-",
    "\u2014": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u2022": "*",
    "\u00b7": ".",
    "\u2190": "<-",
    "\u2192": "->",
    "\u00d7": "x",
    "\u2265": ">=",
    "\u2264": "<=",
    "\u00a0": " ",
}


def configure(*, no_color: bool) -> None:
    """Called once per run by the command layer, before anything is printed.

    A non-empty ``NO_COLOR`` counts as ``--no-color``: rich alone would drop colours but keep
    bold and italic escape codes, and people who set it want plain text.
    """
    _settings["no_color"] = no_color or bool(os.environ.get("NO_COLOR"))
    _consoles.clear()


def console(*, stderr: bool = False) -> Console:
    key = "stderr" if stderr else "stdout"
    if key not in _consoles:
        from rich.console import Console

        plain = _settings["no_color"]
        _consoles[key] = Console(
            stderr=stderr,
            highlight=False,
            emoji=False,
            no_color=True if plain else None,
            color_system=None if plain else "auto",
        )
        if _consoles[key].width < MIN_WIDTH:
            _consoles[key].width = FALLBACK_WIDTH
    return _consoles[key]


def drawing_for_stdout() -> AbstractContextManager[None]:
    """Draw for standard output, in whatever encoding it takes (ASCII, Latin-1, cp437...)."""
    return drawing_for(getattr(sys.stdout, "encoding", None) or "utf-8")


def show(renderable: RenderableType) -> None:
    console().print(renderable)


def json_text(payload: Any) -> str:
    """The one JSON layout for stdout, --save and --export."""
    import json

    from rolecompare.core.untrusted import json_inert

    return json_inert(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"


def print_json(payload: Any) -> None:
    """JSON goes straight to stdout, without rich, so scripts get exactly what they parse."""
    sys.stdout.write(stdout_json(payload))


def stdout_json(payload: Any) -> str:
    """:func:`json_text` for stdout. A stream that cannot encode every character gets
    ``\\u00a3`` escapes: the same JSON, losslessly, where a replacement would change the data."""
    if _is_utf8(sys.stdout):
        return json_text(payload)
    import json

    return json.dumps(payload, indent=2, ensure_ascii=True) + "\n"


def _is_utf8(stream: Any) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "") == "utf8"


def warn(message: str) -> None:
    """A warning on stderr, one inert line like every error message (it may name a path)."""
    from rolecompare.core.untrusted import inert_line

    sys.stderr.write(f"Warning: {inert_line(message)}\n")


def _replacement(char: str) -> str:
    if char in _ASCII:
        return _ASCII[char]
    import unicodedata

    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        return (
            "-"
            if "HORIZONTAL" in name and "VERTICAL" not in name
            else ("|" if "VERTICAL" in name and "HORIZONTAL" not in name else "+")
        )
    if "BLOCK" in name or "SHADE" in name:
        return "#"
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return plain or "?"


def _replace_unencodable(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(_replacement(c) for c in exc.object[exc.start : exc.end]), exc.end


def prepare_streams() -> str | None:
    """Make the standard streams safe for this run; a problem that stops it, or None.

    Streams that cannot encode everything get readable replacements (``GBP`` for ``£``, ``?``
    as the last resort); input that is not valid in its encoding becomes U+FFFD.
    """
    if sys.stderr is None:  # closed: messages go nowhere, exit codes still tell
        from pathlib import Path

        sys.stderr = Path(os.devnull).open("w")  # noqa: SIM115 - open for the rest of the run
    if sys.stdout is None:
        return "standard output is closed; run rolecompare with its output open"
    import codecs

    codecs.register_error(ENCODING_ERRORS, _replace_unencodable)
    for stream in (sys.stdout, sys.stderr):
        if not _is_utf8(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=ENCODING_ERRORS)
    if sys.stdin is not None and hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")
    return None


def finish() -> str | None:
    """Flush standard output at the end of a run; the problem when that fails, or None.

    After a failure standard output is pointed at the null device, so that the interpreter's own
    flush at exit has nothing left to fail on.
    """
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:
        return stream_failed(exc)
    return None


def discard_stderr() -> None:
    """After a failed write to standard error (a terminal that hung up), point it at the null
    device: the interpreter's own flush at exit would fail again and change the exit code."""
    _to_null_device(sys.stderr)


def _to_null_device(stream: Any) -> None:
    """Point ``stream``'s descriptor at the null device, if it has one to point."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


def uncaught(exc: OSError) -> str | None:
    """The message for an ``OSError`` no command turned into an error of its own.

    Only a failed write to a standard stream is reported as one: such a write names no file and
    fails as only a stream does (a closed pipe, a full disk, an I/O error). Anything else is a
    file operation the core should have reported itself, and saying "standard output" would send
    the person looking in the wrong place: it is named for what it is.
    """
    if isinstance(exc, BrokenPipeError) or (exc.filename is None and exc.errno in _STREAM_ERRNOS):
        return stream_failed(exc)
    from rolecompare.core.errors import os_cause
    from rolecompare.core.untrusted import inert_line

    where = f" ({inert_line(str(exc.filename))})" if exc.filename is not None else ""
    return f"unexpected failure: {os_cause(exc)}{where}; nothing more was done"


_STREAM_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("EPIPE", "ENOSPC", "EIO", "EBADF", "EDQUOT", "EFBIG", "EAGAIN", "ECONNRESET")
    if hasattr(errno, name)
)
"""How a write to a standard stream fails."""


OUT_OF_MEMORY = (
    "not enough memory to finish; nothing more was done (free some memory, raise the limit "
    "set by ulimit -v, or give fewer lines at once)"
)
"""What a run that ran out of memory says, instead of a traceback."""


def stream_failed(exc: OSError) -> str | None:
    """The message for a failed write to a standard stream; None for a closed pipe (``| head``),
    which is the reader's choice, not an error to report."""
    import errno

    _to_null_device(sys.stdout)
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        return None
    from rolecompare.core.errors import os_cause

    return f"cannot write to standard output: {os_cause(exc)}"


# Layout and delivery: width, plain text, the pager. Kept apart from the consoles above.

READABLE_WIDTH = 120
"""Prose tables wider than this are hard to read: lines get too long for the eye to follow."""

_layout: dict[str, Any] = {"width": None, "pager": True}


def configure_layout(*, width: int | None, pager: bool) -> None:
    """``--width N`` and ``--no-pager``, once per run."""
    _layout["width"] = width
    _layout["pager"] = pager


def layout_width() -> int:
    """``--width`` when given; else the terminal's width, capped at :data:`READABLE_WIDTH`."""
    chosen: int | None = _layout["width"]
    return chosen if chosen is not None else min(console().width, READABLE_WIDTH)


def strip_trailing(text: str) -> str:
    """Plain text without the spaces rich pads lines with; they only get in the way in files."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def render_text(renderable: RenderableType, width: int, *, plain: bool) -> str:
    """What ``renderable`` looks like on stdout at ``width``; ``plain`` drops colours and styles."""
    if plain:
        import io

        from rich.console import Console

        drawer = Console(
            file=io.StringIO(),
            width=width,
            color_system=None,
            force_terminal=False,
            highlight=False,
            emoji=False,
            _environ={},
        )
    else:
        drawer = console()
    detected = drawer.width
    drawer.width = width  # print(width=...) could only narrow it; --width may also widen
    try:
        with drawer.capture() as captured:
            # Not cropped: a line kept whole on purpose (a web address wider than the screen)
            # is printed whole, so it can still be copied; everything else wraps to the width.
            drawer.print(renderable, crop=False)
    finally:
        drawer.width = detected
    text = captured.get()
    return strip_trailing(text) if plain or drawer.color_system is None else text


def show_long(renderable: RenderableType, *, plain: bool = False, page: bool = False) -> None:
    """Print a screen at the layout width; with ``page``, paged when taller than the terminal."""
    deliver_text(render_text(renderable, layout_width(), plain=plain), page=page)


def deliver_text(text: str, *, page: bool = False) -> None:
    """Write ``text`` to stdout; with ``page``, through the pager when a person would otherwise
    have to scroll back to read it."""
    if not (page and _should_page(text) and _page(text)):
        sys.stdout.write(text)
        sys.stdout.flush()


def deliver_chunks(chunks: Iterable[str]) -> None:
    """Write each of ``chunks`` to stdout as it comes (never paged: a stream)."""
    for chunk in chunks:
        sys.stdout.write(chunk)
    sys.stdout.flush()


def _should_page(text: str) -> bool:
    if not _layout["pager"] or os.environ.get("TERM") == "dumb":
        return False
    stdout = sys.stdout
    if stdout is None or not stdout.isatty():
        return False
    import shutil

    return text.count("\n") > shutil.get_terminal_size().lines - 1


def _page(text: str) -> bool:
    """Show ``text`` in ``$PAGER`` (else ``less``); False when there is no pager to use.

    ``less`` gets ``-FRX`` unless ``$LESS`` says otherwise: keep colours, leave the text on the
    screen on exit. Ctrl-C belongs to the pager while it runs, as in git.
    """
    import shutil
    import signal
    import subprocess

    command = os.environ.get("PAGER", "").strip()
    if command in ("", "less") and shutil.which("less") is None:
        return False
    if command == "cat":
        return False
    env = {**os.environ}
    env.setdefault("LESS", "FRX")
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            pager = subprocess.Popen(
                command or "less",
                shell=True,
                stdin=subprocess.PIPE,
                env=env,
                encoding=getattr(sys.stdout, "encoding", None) or "utf-8",
                errors="replace",
            )
        except OSError:
            return False
        stdin = pager.stdin
        try:
            if stdin is not None:
                stdin.write(text)
                stdin.close()
        except OSError:  # the person quit the pager before reading everything
            pass
        status = pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return status != 127  # the shell's "command not found": print the text instead
