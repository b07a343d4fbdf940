"""``--export PATH``: write what a command showed, in the format the file's suffix names."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolecompare.core.files import write_atomic
from rolecompare.ui.output import drawing_for, json_text, strip_trailing

if TYPE_CHECKING:
    from rich.console import RenderableType

KINDS = {".svg": "svg", ".html": "html", ".md": "markdown", ".txt": "text", ".json": "json"}


def unsupported(path: Path) -> str | None:
    """Why ``path`` cannot be exported to, or None when its suffix is supported."""
    if path.suffix.lower() in KINDS:
        return None
    listing = f"{', '.join(list(KINDS)[:-1])} or {list(KINDS)[-1]}"
    if not path.suffix:
        return (
            f"{path} has no suffix, and the export format comes from the file's suffix; "
            f"give a file name ending in {listing} (e.g. report.md)"
        )
    return f"unsupported file type '{path.suffix}' for {path}; use one of {listing}"


def write(
    path: Path,
    *,
    view: Callable[[int], RenderableType],
    markdown: Callable[[], str],
    document: Callable[[], Any],
    title: str,
    width: int,
) -> None:
    with drawing_for("utf-8"):
        content = _content(KINDS[path.suffix.lower()], view, markdown, document, title, width)
    write_atomic(path, content)


def _content(
    kind: str,
    view: Callable[[int], RenderableType],
    markdown: Callable[[], str],
    document: Callable[[], Any],
    title: str,
    width: int,
) -> str:
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
    return content
