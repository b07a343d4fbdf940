"""``rolecompare roles``: the ids, names and aliases that ``--role`` and ``--dimension`` accept.

rich is imported only by the terminal view, so ``--format json`` and ``markdown`` do not load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rolecompare.core import loader
from rolecompare.core.models import display_name
from rolecompare.ui.deliver import deliver
from rolecompare.ui.screen import Screen

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import RenderableType

    from rolecompare.core.models import Dataset
    from rolecompare.ui.charts import Fitting


def run(data_option: str | None, fmt: str) -> None:
    deliver(RolesScreen(loader.load_chosen(data_option)[0]), fmt)


class RolesScreen(Screen):
    title = "rolecompare roles"

    def __init__(self, data: Dataset) -> None:
        self.data = data

    def view(self, width: int) -> RenderableType:
        """Two tables, each listed one entry under another where its words would not fit whole."""
        from rich.console import Group
        from rich.text import Text

        from rolecompare.ui.draw import role_notes

        data = self.data
        roles = [(role.id, display_name(role), role.aliases) for role in data.roles.values()]
        dims = [(dim.id, dim.title, dim.aliases) for dim in data.dimensions.values()]
        notes = role_notes(data, list(data.roles.values()))
        return Group(
            _names(("Id", "Name"), roles, "Roles"),
            *([Text(), *notes] if notes else []),
            Text(),
            _names(("Dimension id", "Title"), dims, "Dimensions"),
        )

    def markdown(self) -> str:
        """The names ``--role`` and ``--dimension`` accept, as the ``roles`` table lists them."""
        from rolecompare.ui.markdown import md, role_notes, table

        data = self.data
        lines = ["# Roles", ""]
        lines += table(
            ["Id", "Name", "Also accepted"],
            [
                [md(r.id), md(display_name(r)), md(", ".join(r.aliases))]
                for r in data.roles.values()
            ],
        )
        lines += role_notes(data, list(data.roles.values()))
        lines += ["# Dimensions", ""]
        lines += table(
            ["Dimension id", "Title", "Also accepted"],
            [[md(d.id), md(d.title), md(", ".join(d.aliases))] for d in data.dimensions.values()],
        )
        return "\n".join(lines)

    def document(self) -> Any:
        data = self.data
        return {
            "roles": [
                {
                    "id": r.id,
                    "name": r.name,
                    "full_name": r.full_name,
                    "aliases": list(r.aliases),
                    "note": r.note,
                    "note_source": (r.note_source or data.source) if r.note else None,
                }
                for r in data.roles.values()
            ],
            "dimensions": [{"id": d.id, "title": d.title} for d in data.dimensions.values()],
        }


def _names(
    headers: tuple[str, str], rows: Sequence[tuple[str, str, Sequence[str]]], title: str
) -> Fitting:
    """Ids, names and aliases: a table, or at narrow widths a list that never splits a word."""
    from rich import box
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from rolecompare.ui.charts import Fitting
    from rolecompare.ui.draw import heading

    with_aliases = any(aliases for _, _, aliases in rows)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column(headers[0], style="bold cyan", no_wrap=True)
    table.add_column(headers[1], overflow="fold")
    if with_aliases:
        table.add_column("Also accepted", overflow="fold")
    listing: list[RenderableType] = [heading(title)]
    for id_, name, aliases in rows:
        cells = [Text(id_), Text(name)]
        table.add_row(*cells, *([Text(", ".join(aliases))] if with_aliases else []))
        under = [name, *([f"also accepted: {', '.join(aliases)}"] if aliases else [])]
        listing += [
            Text(id_, style="bold cyan"),
            *(Padding(Text(line), (0, 0, 0, 2)) for line in under),
        ]
    words = [word for row in rows for text in (row[0], row[1], *row[2]) for word in text.split()]
    return Fitting(table, Group(*listing), words)
