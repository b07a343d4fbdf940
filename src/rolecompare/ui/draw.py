"""Drawing pieces every screen shares: headings, citations, bullet lists and role notes.

Text from a data file always goes through ``Text(...)``, never through markup, so a value like
``[Jira]`` is shown as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text

from rolecompare.core.models import Dataset, Role, Source
from rolecompare.ui.charts import Bullets


def heading(text: str) -> Text:
    return Text(text, style="bold underline")


def cite(source: Source, prefix: str = "Source") -> Text:
    line = Text(f"{prefix}: ", style="dim")
    line.append(source.citation(), style="dim italic")
    return line


def role_heading(name: str) -> Group:
    """A role's name over a rule as long as it, so it stands out without colour too."""
    return Group(Text(name, style="bold cyan"), Text("─" * cell_len(name), style="cyan"))


def bullets(points: Iterable[str]) -> Bullets:
    return Bullets(tuple(points))


def role_notes(data: Dataset, roles: Sequence[Role]) -> list[RenderableType]:
    """Each role's note, then the notes' sources other than the primary one."""
    noted = [role for role in roles if role.note]
    lines: list[RenderableType] = [Text(f"Note: {role.note}") for role in noted]
    refs = dict.fromkeys(role.note_source or data.source for role in noted)
    return lines + [cite(data.sources[ref]) for ref in refs if ref != data.source]


NARROW = 70
