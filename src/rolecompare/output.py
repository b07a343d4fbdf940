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
