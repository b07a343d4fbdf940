"""Markdown for pasting into documents: tables a renderer such as GitHub's understands.

Text from the data file is escaped with :func:`md`, so characters such as ``*``, ``_``, ``<`` or
``[`` are shown as written instead of turning into emphasis, HTML or links.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rolecompare.core.history import CHANGE_HEADING, Row, mark_notes, marks
from rolecompare.core.models import Dataset
from rolecompare.core.text import role_name
from rolecompare.ui.markdown import md, table

if TYPE_CHECKING:
    pass


def history_markdown(data: Dataset, rows: Sequence[Row]) -> str:
    role_ids = list(dict.fromkeys([*data.roles, *(r for row in rows for r in row.record.roles)]))
    body = [
        [
            row.when + md(marks(row)),
            md(row.outcome),
            *(md(row.figures.get(r, "-")) for r in role_ids),
            md(row.change),
        ]
        for row in rows
    ]
    lines = ["# Quiz history (newest first)", ""]
    lines += table(
        ["When", "Result", *(md(role_name(data, r)) for r in role_ids), CHANGE_HEADING], body
    )
    lines += [md(note) + "  " for note in mark_notes(data, rows)]
    return "\n".join(lines) + "\n"
