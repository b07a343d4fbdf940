"""Rich renderables for each screen. Nothing here prints; the command layer does.

Text from the data file always goes through ``Text(...)``, never through markup, so a value like
``[Jira]`` is shown as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from rolecompare.core.models import Dataset
from rolecompare.ui.charts import Bullets

if TYPE_CHECKING:
    pass


def validate_view(
    path: str, data: Dataset, balance: dict[str, tuple[int, int]], warnings: Sequence[str]
) -> Group:
    from rolecompare.core.untrusted import inert_line

    lines = [
        Text(f"OK: {inert_line(path)}", style="bold green"),
        Text(f"{len(data.roles)} roles: {', '.join(data.roles)}"),
        Text(
            f"{len(data.dimensions)} dimensions, {len(data.similarities)} similarities, {len(data.facts)} further facts"
        ),
        Text(f"{len(data.quiz.statements)} quiz statements (bank version {data.quiz.version})"),
    ]
    for role_id, (count, weight) in balance.items():
        lines.append(Text(f"  keyed to {role_id}: {count} statements, maximum weight {weight}"))
    lines += [Text(f"Warning: {w}", style="yellow") for w in warnings]
    return Group(*lines)


def problems_view(summary: str, problems: Sequence[str]) -> Group:
    """``summary`` alone when the file could not be read at all, else one line per problem."""
    lines: list[RenderableType] = [Text(f"Invalid: {summary}", style="bold red")]
    if problems:
        from rich.padding import Padding  # only an invalid file needs it

        lines.append(Padding(Bullets(tuple(problems), bullet="-"), (0, 0, 0, 2)))
    return Group(*lines)
