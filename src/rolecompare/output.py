"""The consoles, made lazily so they see the colour settings of the run, not of import time."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

_settings = {"no_color": False}
_consoles: dict[str, Console] = {}


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
    return _consoles[key]


def show(renderable: RenderableType) -> None:
    console().print(renderable)


def json_text(payload: Any) -> str:
    """The one JSON layout for stdout, --save and --export."""
    import json

    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def print_json(payload: Any) -> None:
    """JSON goes straight to stdout, without rich, so scripts get exactly what they parse."""
    sys.stdout.write(json_text(payload))


def warn(message: str) -> None:
    sys.stderr.write(f"Warning: {message}\n")


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
            drawer.print(renderable)
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
