"""One delivery path for every command: the format chosen, the width, the pager and ``--export``.

A command builds a :class:`Screen` and hands it to :func:`deliver`; nothing else prints a result.
A new output format is one branch here and one method on :class:`Screen` (with a default where
one makes sense); a new command is one new module under :mod:`rolecompare.commands`.
"""

from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar

from rolecompare.ui import output

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import RenderableType


class Screen(ABC):
    """What a command shows, in every format it can be printed or exported in."""

    title: ClassVar[str] = "rolecompare"
    """The title of an SVG export."""
    page: ClassVar[bool] = True
    """Reference screens a person reads at leisure go through the pager when taller than the
    terminal; the end of a quiz they just answered does not."""

    @abstractmethod
    def view(self, width: int) -> RenderableType:
        """The terminal view at ``width`` columns (also the .svg, .html and .txt exports)."""

    @abstractmethod
    def markdown(self) -> str:
        """The Markdown report (``--format markdown``, ``.md``)."""

    @abstractmethod
    def document(self) -> Any:
        """The JSON document (``--format json``, ``.json``): plain values, stable keys."""

    def json_text(self) -> str:
        """What ``--format json`` prints: the document, unless a screen streams several."""
        return output.stdout_json(self.document())


def deliver(screen: Screen, fmt: str, export: Path | None = None) -> None:
    """Print ``screen`` in the chosen format, then write the export."""
    if fmt == "json":
        output.deliver_text(screen.json_text(), page=screen.page)
    else:
        with output.drawing_for_stdout():
            if fmt == "markdown":
                output.deliver_text(screen.markdown(), page=screen.page)
            else:
                output.show_long(
                    screen.view(output.layout_width()), plain=fmt == "text", page=screen.page
                )
    if export is not None:
        from rolecompare.ui.export import write

        write(export, screen, width=output.layout_width())
        note(f"Exported to {export}")


def note(message: str) -> None:
    """A message on stderr; paths in it may hold anything a file name can, so it is made one
    inert line: no escape sequence, and no newline from a file name to forge a line."""
    from rolecompare.core.untrusted import inert_line

    sys.stderr.write(f"{inert_line(message)}\n")
    sys.stderr.flush()
