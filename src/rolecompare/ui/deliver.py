"""One delivery path for every command: the format chosen, the width, the pager and ``--export``.

A command builds a :class:`Screen` and hands it to :func:`deliver`; nothing else prints a result.
A new output format is one branch here and one method on :class:`Screen` (with a default where
one makes sense); a new command is one new module under :mod:`rolecompare.commands`.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from rolecompare.ui import output
from rolecompare.ui.screen import Screen

if TYPE_CHECKING:
    from pathlib import Path

    from rolecompare.core.errors import RoleCompareError


def deliver(screen: Screen, fmt: str, export: Path | None = None) -> None:
    """Print ``screen`` in the chosen format, then write the export (made first, so an export
    the screen cannot give is refused before anything is printed)."""
    exported: tuple[Path, str] | None = None
    if export is not None:
        from rolecompare.ui.export import render

        exported = export, render(export, screen.exported(), width=output.layout_width())
    if fmt == "json" and screen.page:
        output.deliver_text(screen.json_text(), page=True)
    elif fmt == "json":
        output.deliver_chunks(screen.json_chunks())
    elif fmt == "csv":
        output.deliver_chunks(screen.csv_chunks())
    else:
        with output.drawing_for_stdout():
            if fmt == "markdown":
                output.deliver_text(screen.markdown(), page=screen.page)
            else:
                output.show_long(
                    screen.view(output.layout_width()), plain=fmt == "text", page=screen.page
                )
    if exported is not None:
        from rolecompare.core.files import write_atomic

        target, content = exported
        write_atomic(target, content)
        note(f"Exported to {target}")


def note(message: str) -> None:
    """A message on stderr; paths in it may hold anything a file name can, so it is made one
    inert line: no escape sequence, and no newline from a file name to forge a line.

    Written by ``typer.echo``, as every message of the command layer is, so it reaches a
    stderr set to ASCII the same way (typer writes UTF-8 there, not replacements)."""
    import typer

    from rolecompare.core.untrusted import inert_line

    typer.echo(inert_line(message), err=True)


def report(exc: RoleCompareError) -> None:
    """An error on stderr. Messages may quote file content or what was typed: made inert here
    too, so no message can carry an escape sequence whatever its origin. A stderr that cannot
    be written (full, closed) loses the message but not the exit code that follows."""
    import typer

    from rolecompare.core.untrusted import inert

    lines = [f"Error: {inert(exc.message)}", *(f"  - {inert(detail)}" for detail in exc.details)]
    with suppress(OSError, ValueError):
        typer.echo("\n".join(lines), err=True)
