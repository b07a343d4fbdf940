"""What every command's screen offers: the terminal view, Markdown and JSON, in one object.

Apart from :mod:`rolecompare.ui.deliver`, which prints and exports screens, so that the export
writer can name a screen without importing the delivery path that calls it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar

from rolecompare.ui import output

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import RenderableType


NO_TABLE = (
    "CSV needs a plain table: use --format csv or --export FILE.csv with rates, pay or "
    "quiz --answers-file"
)
"""Why a screen without one flat table has no CSV, wherever CSV was asked for."""


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

    def json_chunks(self) -> Iterator[str]:
        """``--format json`` in pieces written as they are made; a screen that streams (JSON
        Lines) yields one per line, so a large result is never held whole."""
        yield self.json_text()

    def csv(self) -> str:
        """What ``--format csv`` prints: the screen's table, for a screen whose data is one.

        Most screens are prose, bars and several tables at once, where one flat table would
        leave things out, so the default refuses and says which commands have one.
        """
        from rolecompare.core.errors import UsageError

        raise UsageError(NO_TABLE)

    def csv_chunks(self) -> Iterator[str]:
        """``--format csv`` in pieces written as they are made; a screen that streams yields a
        row at a time, so a large result is never held whole."""
        yield self.csv()

    def exported(self) -> Screen:
        """The screen as ``--export`` writes it: a document handed to someone else, so without
        what only means something at the terminal it ran in (whether it was recorded, commands
        to type next). Most screens have nothing of the kind and are written as shown."""
        return self
