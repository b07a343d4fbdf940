"""Markdown pieces every report shares: escaping, tables, lists, citations and fact sections.

Text from the data file is escaped with :func:`md`, so characters such as ``*``, ``_``, ``<`` or
``[`` are shown as written instead of turning into emphasis, HTML or links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rolecompare.core.models import Dataset, Role

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md(text: str) -> str:
    """Data text as literal Markdown."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def bullet_list(points: Iterable[str]) -> list[str]:
    return [f"- {md(point)}" for point in points]


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A table of cells that are already Markdown (escape data with :func:`md` first)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def cite(data: Dataset, source_id: str, prefix: str = "Source") -> str:
    return f"{prefix}: {md(data.sources[source_id].citation())}"


def role_notes(data: Dataset, roles: Sequence[Role]) -> list[str]:
    """Each role's note, then the notes' sources other than the primary one, as the table has."""
    noted = [r for r in roles if r.note]
    lines = [f"Note: {md(r.note)}" + "  " for r in noted]
    refs = dict.fromkeys(r.note_source or data.source for r in noted)
    lines += [cite(data, ref) + "  " for ref in refs if ref != data.source]
    return [*lines, ""] if noted else []


def fact_sections(data: Dataset, screen: str) -> list[str]:
    """The further facts a screen shows, each a section with its own source."""
    lines: list[str] = []
    for fact in data.facts_for(screen):
        lines += [
            f"## {md(fact.topic)}",
            "",
            *bullet_list(fact.points),
            "",
            cite(data, fact.source),
            "",
        ]
    return lines
