"""Plain dictionaries for ``--format json``: stable keys and no rich, so scripts start fast."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass
