"""``--export PATH``: write what a command showed, in the format the file's suffix names."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from rolecompare.core.text import drawing_for
from rolecompare.ui.output import json_text, strip_trailing

if TYPE_CHECKING:
    from rolecompare.ui.screen import Screen

KINDS = {
    ".svg": "svg",
    ".html": "html",
    ".md": "markdown",
    ".txt": "text",
    ".json": "json",
    ".csv": "csv",
}
"""By suffix; ``.csv`` only for a screen whose data is a plain table (:meth:`Screen.csv`)."""


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


def render(path: Path, screen: Screen, *, width: int) -> str:
    """``screen`` in the format ``path``'s suffix names, drawn for a UTF-8 file; made before
    anything is printed, so a format the screen does not have is refused before its output."""
    with drawing_for("utf-8"):
        return _content(KINDS[path.suffix.lower()], screen, width)


def _content(kind: str, screen: Screen, width: int) -> str:
    if kind == "json":
        content = json_text(screen.document())
    elif kind == "csv":
        content = screen.csv()
    elif kind == "markdown":
        content = screen.markdown()
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
        # Not cropped, as on the screen: a web address kept whole on purpose stays a link.
        recorder.print(screen.view(width), crop=False)
        if kind == "svg":
            # The picture as wide as its widest line, so an address kept whole is not cut at
            # the frame (the layout was made at ``width``; only the frame grows).
            widest = max(
                (len(line) for line in recorder.export_text(clear=False).splitlines()), default=0
            )
            recorder.width = max(width, widest)
            content = recorder.export_svg(title=screen.title)
        elif kind == "html":
            content = _titled(recorder.export_html(), screen.title)
        else:
            content = strip_trailing(recorder.export_text())
    return content


def _titled(page: str, title: str) -> str:
    """rich's HTML page with a ``<title>``: a browser tab, a bookmark or a mail attachment then
    names the document instead of showing its file name."""
    import html

    return page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
