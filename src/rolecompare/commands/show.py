"""``rolecompare show``: the roles side by side, dimension by dimension, then what they share.

rich is imported only by the terminal view, so ``--format json`` and ``markdown`` do not load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rolecompare.core import loader, lookup
from rolecompare.ui.deliver import deliver, note
from rolecompare.ui.screen import Screen

if TYPE_CHECKING:
    import datetime as dt

    from rich.table import Table

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from rich.console import Group, RenderableType

    from rolecompare.core.models import Dataset, Dimension, Role
    from rolecompare.ui.charts import Bullets


def run(
    data_option: str | None,
    dimensions: Sequence[str],
    roles: Sequence[str],
    fmt: str,
    export: Path | None,
) -> None:
    data = loader.load_chosen(data_option)[0]
    chosen = lookup.resolve_roles(data, roles, dimensions_here=True)
    notes: list[str] = []
    dims = lookup.resolve_dimensions(data, dimensions, notes)
    for line in notes:
        note(f"Note: {line}")
    deliver(ShowScreen(data, chosen, dims, complete=not dimensions), fmt, export)


class ShowScreen(Screen):
    title = "rolecompare show"

    def __init__(
        self,
        data: Dataset,
        roles: Sequence[Role],
        dimensions: Sequence[Dimension],
        *,
        complete: bool,
    ) -> None:
        self.data, self.roles, self.dimensions, self.complete = data, roles, dimensions, complete

    def view(self, width: int) -> RenderableType:
        return show_view(self.data, self.roles, self.dimensions, width, complete=self.complete)

    def markdown(self) -> str:
        return show_markdown(self.data, self.roles, self.dimensions, complete=self.complete)

    def document(self) -> Any:
        return show_json(self.data, self.roles, self.dimensions, complete=self.complete)


def _role_cell(summary: str, points: Sequence[str]) -> Bullets:
    from rolecompare.ui.charts import Bullets

    return Bullets(tuple(points), lead=summary)


def show_view(
    data: Dataset,
    roles: Sequence[Role],
    dimensions: Sequence[Dimension],
    width: int,
    complete: bool,
    now: dt.date | None = None,
) -> Group:
    """The comparison: side-by-side tables when there is room, stacked below ``NARROW`` columns.

    ``complete`` adds the similarities, context and further facts; a user who picked dimensions
    asked for those alone. ``now`` is the date the rates' age is measured from (default: today).
    """
    from rich.console import Group
    from rich.text import Text

    from rolecompare.ui.draw import NARROW, cite

    parts: list[RenderableType] = [Text(comparison_title(roles), style="bold"), Text()]
    parts += _taglines(data, roles) if complete else []
    for dim in dimensions:
        parts.append(
            _dimension_stacked(dim, roles) if width < NARROW else _dimension_table(dim, roles)
        )
        parts += _beside_dimension(data, dim, roles, now, stacked=width < NARROW)
        parts.append(Text())
    if complete:
        parts += _similarities(data, width)
        parts += _context(data)
        for fact in data.facts_for("show"):
            parts += [*_fact(data, fact.topic, fact.points, fact.source), Text()]
    parts.append(cite(data.primary_source))
    return Group(*parts)


def _beside_dimension(
    data: Dataset, dim: Dimension, roles: Sequence[Role], now: dt.date | None, stacked: bool
) -> list[RenderableType]:
    """What goes under a dimension: the rates' date, the shared points, facts that qualify it.

    Each follows a blank line (a table's border is separation enough for the rates' date), and the
    shared points name the roles they are shared by, so in a stacked layout nothing reads as part
    of the last role.
    """
    from rich.text import Text

    from rolecompare.ui.draw import bullets

    parts: list[RenderableType] = []
    notes = rates_notes(data, dim, roles, now)
    if notes:
        parts += [Text()] if stacked else []
        parts += [Text(note, style="italic") for note in notes]
    if dim.shared:
        parts += [Text(), Text(f"{shared_label(roles)}:", style="italic"), bullets(dim.shared)]
    for fact in data.facts_beside(dim.id):
        parts += [Text(), *_fact(data, fact.topic, fact.points, fact.source)]
    return parts


def _fact(data: Dataset, topic: str, points: Sequence[str], source: str) -> list[RenderableType]:
    from rolecompare.ui.draw import bullets, cite, heading

    return [heading(topic), bullets(points), cite(data.sources[source])]


def _taglines(data: Dataset, roles: Sequence[Role]) -> list[RenderableType]:
    """One line per role saying what it is, then any note that prevents a confusion."""
    from rich.text import Text

    from rolecompare.core.models import display_name
    from rolecompare.ui.draw import role_notes

    lines: list[RenderableType] = []
    for role in roles:
        if role.tagline:
            line = Text(display_name(role), style="bold cyan")
            line.append(f": {role.tagline}", style="")
            lines.append(line)
    lines += role_notes(data, roles)
    return [*lines, Text()] if lines else []


def _dimension_table(dim: Dimension, roles: Sequence[Role]) -> Table:
    from rich import box
    from rich.table import Table  # here, not at the top: rates draws no rich table
    from rich.text import Text

    from rolecompare.core.models import role_text

    table = Table(
        title=Text(dim.title, style="bold"),
        title_justify="left",
        box=box.ROUNDED,
        expand=True,
        show_lines=False,
    )
    for role in roles:
        table.add_column(Text(role.name, style="bold cyan"), ratio=1, overflow="fold")
    texts = [role_text(dim, role) for role in roles]
    table.add_row(*(_role_cell(text.summary, text.points) for text in texts))
    return table


def _dimension_stacked(dim: Dimension, roles: Sequence[Role]) -> Group:
    """One role under another, a blank line between them so each role's text reads as its own."""
    from rich.console import Group
    from rich.text import Text

    from rolecompare.core.models import role_text
    from rolecompare.ui.draw import heading, role_heading

    parts: list[RenderableType] = [heading(dim.title)]
    for n, role in enumerate(roles):
        text = role_text(dim, role)
        parts += [Text()] if n else []
        parts += [role_heading(role.name), _role_cell(text.summary, text.points)]
    return Group(*parts)


def _similarities(data: Dataset, width: int) -> list[RenderableType]:
    from rich.text import Text

    from rolecompare.ui.draw import NARROW, heading

    if not data.similarities:
        return []
    if width < NARROW:
        stacked: list[RenderableType] = [heading("What the roles share")]
        for item in data.similarities.values():
            stacked += [Text(item.title, style="bold"), Text(item.text)]
        return [*stacked, Text()]
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=False)
    grid.add_column(ratio=1, overflow="fold")
    for item in data.similarities.values():
        grid.add_row(Text(item.title, style="bold"), Text(item.text))
    return [heading("What the roles share"), grid, Text()]


def _context(data: Dataset) -> list[RenderableType]:
    from rich.text import Text

    from rolecompare.ui.draw import bullets, heading

    if data.context is None:
        return []
    return [heading(data.context.title), bullets(data.context.points), Text()]


def show_markdown(
    data: Dataset,
    roles: Sequence[Role],
    dimensions: Sequence[Dimension],
    complete: bool,
    now: dt.date | None = None,
) -> str:
    """The comparison as Markdown; ``complete`` and ``now`` as in ``render.show_view``."""
    from rolecompare.core.models import role_text
    from rolecompare.ui.markdown import bullet_list, cite, fact_sections, md, role_notes, table

    lines = [f"# {' vs '.join(md(role.name) for role in roles)}", ""]
    if complete:
        lines += [f"- **{md(r.name)}**: {md(r.tagline)}" for r in roles if r.tagline]
        lines += [""] if any(r.tagline for r in roles) else []
        lines += role_notes(data, roles)
    for dim in dimensions:
        lines += [f"## {md(dim.title)}", ""]
        texts = [role_text(dim, role) for role in roles]
        row = [
            "<br>".join([f"**{md(text.summary)}**", *(f"• {md(p)}" for p in text.points)])
            for text in texts
        ]
        lines += table([md(role.name) for role in roles], [row])
        notes = rates_notes(data, dim, roles, now)
        lines += [*(f"_{md(note)}_" for note in notes), ""] if notes else []
        if dim.shared:
            lines += [f"{md(shared_label(roles))}:", "", *bullet_list(dim.shared), ""]
        for fact in data.facts_beside(dim.id):
            lines += [f"### {md(fact.topic)}", "", *bullet_list(fact.points), ""]
            lines += [cite(data, fact.source), ""]
    if complete and data.similarities:
        lines += ["## What the roles share", ""]
        lines += [f"- **{md(item.title)}**: {md(item.text)}" for item in data.similarities.values()]
        lines.append("")
    if complete and data.context:
        lines += [f"## {md(data.context.title)}", "", *bullet_list(data.context.points), ""]
    if complete:
        lines += fact_sections(data, "show")
    lines.append(cite(data, data.source))
    return "\n".join(lines) + "\n"


def show_json(
    data: Dataset,
    roles: Sequence[Role],
    dimensions: Sequence[Dimension],
    complete: bool,
    now: dt.date | None = None,
) -> dict[str, Any]:
    """The comparison; without ``complete`` (dimensions were picked) the extras are left empty.

    Every block names its source id (``source``); role texts have their placeholders filled in.
    """
    from rolecompare.core.models import plain, role_json, role_text, source_json

    return {
        "source": source_json(data.primary_source),
        "roles": [role_json(role) for role in roles],
        "dimensions": [
            {
                "id": dim.id,
                "title": dim.title,
                "source": dim.source or data.source,
                "rates_notes": rates_notes(data, dim, roles, now),
                "shared_label": shared_label(roles),
                "shared": list(dim.shared),
                "roles": {r.id: plain(role_text(dim, r)) for r in roles},
                "facts": plain(data.facts_beside(dim.id)),
            }
            for dim in dimensions
        ],
        "similarities": [
            {**plain(item), "source": item.source or data.source}
            for item in data.similarities.values()
        ]
        if complete
        else [],
        "context": plain(data.context) if data.context and complete else None,
        "facts": plain(data.facts_for("show")) if complete else [],
        "sources": {key: source_json(source) for key, source in data.sources.items()},
    }


def rates_notes(
    data: Dataset, dim: Dimension, roles: Sequence[Role], now: dt.date | None = None
) -> list[str]:
    """When the day rates ``dim`` shows for ``roles`` date from, one line per market and date.

    Lines that differ name their roles; rates from a source other than the dimension's are cited
    in full on their line, since nothing else on the screen would credit them. Empty when no
    role's text there shows its rates.
    """
    from rolecompare.core.rates import dated_groups
    from rolecompare.core.text import placeholders

    rated = [
        role
        for role in roles
        if any(
            "rates" in placeholders(line)
            for line in (dim.roles[role.id].summary, *dim.roles[role.id].points)
        )
    ]
    cited = dim.source or data.source
    return [
        f"Day rates{label}: {note}."
        for label, note in dated_groups(data, rated, now, cited, full=True, prefix=" for ")
    ]


def shared_label(roles: Sequence[Role]) -> str:
    """How points that hold for every role are introduced, worded for the roles on screen."""
    from rolecompare.core.text import name_list

    names = [role.name for role in roles]
    if len(names) == 1:
        return f"Shared by {names[0]} and every other role"
    return f"Shared by {name_list(names)}"


def comparison_title(roles: Sequence[Role]) -> str:
    """``PMO vs Project Manager``: the roles shown, in their order."""
    return " vs ".join(role.name for role in roles)
