"""``--export PATH``: write what a command showed, in the format the file's suffix names."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolecompare.files import write_atomic
from rolecompare.output import json_text, strip_trailing

if TYPE_CHECKING:
    from rich.console import RenderableType

KINDS = {".svg": "svg", ".html": "html", ".md": "markdown", ".txt": "text", ".json": "json"}


def unsupported(path: Path) -> str | None:
    """Why ``path`` cannot be exported to, or None when its suffix is supported."""
    if path.suffix.lower() in KINDS:
        return None
    return f"unsupported file type '{path.suffix or '(none)'}' for {path}; use one of {', '.join(KINDS)}"


def write(
    path: Path,
    *,
    view: Callable[[int], RenderableType],
    markdown: Callable[[], str],
    document: Callable[[], Any],
    title: str,
    width: int,
) -> None:
    kind = KINDS[path.suffix.lower()]
    if kind == "json":
        content = json_text(document())
    elif kind == "markdown":
        content = markdown()
    else:
        from rich.console import Console

        recorder = Console(
            record=True,
            file=io.StringIO(),
            width=width,
            force_terminal=kind != "text",
            color_system="truecolor" if kind != "text" else None,
            highlight=False,
            emoji=False,
            _environ={},  # an export looks the same whatever TERM, NO_COLOR or COLUMNS say
        )
        recorder.print(view(width))
        if kind == "svg":
            content = recorder.export_svg(title=title)
        elif kind == "html":
            content = recorder.export_html()
        else:
            content = strip_trailing(recorder.export_text())
    write_atomic(path, content)
