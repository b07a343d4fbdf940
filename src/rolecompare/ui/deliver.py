"""One delivery path for every command: the format chosen, the width, the pager and ``--export``.

A command builds a :class:`Screen` and hands it to :func:`deliver`; nothing else prints a result.
A new output format is one branch here and one method on :class:`Screen` (with a default where
one makes sense); a new command is one new module under :mod:`rolecompare.commands`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import suppress
from typing import TYPE_CHECKING, Any, ClassVar

from rolecompare.ui import output

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import RenderableType

    from rolecompare.core.errors import RoleCompareError


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

    def csv(self) -> str:
        """What ``--format csv`` prints: the screen's table, for a screen whose data is one.

        Most screens are prose, bars and several tables at once, where one flat table would
        leave things out, so the default refuses and says which commands have one.
        """
        from rolecompare.core.errors import UsageError

        raise UsageError(
            "--format csv needs a plain table; use it with rates, pay or quiz --answers-file"
        )

    def exported(self) -> Screen:
        """The screen as ``--export`` writes it: a document handed to someone else, so without
        what only means something at the terminal it ran in (whether it was recorded, commands
        to type next). Most screens have nothing of the kind and are written as shown."""
        return self


def deliver(screen: Screen, fmt: str, export: Path | None = None) -> None:
    """Print ``screen`` in the chosen format, then write the export."""
    if fmt == "json":
        output.deliver_text(screen.json_text(), page=screen.page)
    elif fmt == "csv":
        output.deliver_text(screen.csv())
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

        write(export, screen.exported(), width=output.layout_width())
        note(f"Exported to {export}")


def note(message: str) -> None:
    """A message on stderr; paths in it may hold anything a file name can, so made inert.

    Written by ``typer.echo``, as every message of the command layer is, so it reaches a
    stderr set to ASCII the same way (typer writes UTF-8 there, not replacements)."""
    import typer

    from rolecompare.core.untrusted import inert

    typer.echo(inert(message), err=True)


def report(exc: RoleCompareError) -> None:
    """An error on stderr. Messages may quote file content or what was typed: made inert here
    too, so no message can carry an escape sequence whatever its origin. A stderr that cannot
    be written (full, closed) loses the message but not the exit code that follows."""
    import typer

    from rolecompare.core.untrusted import inert

    lines = [f"Error: {inert(exc.message)}", *(f"  - {inert(detail)}" for detail in exc.details)]
    with suppress(OSError, ValueError):
        typer.echo("\n".join(lines), err=True)
