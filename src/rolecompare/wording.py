"""Phrases that the terminal view and the Markdown report share, so the two never drift apart.

Also the placeholders a role's text in a dimension may use, so that a figure has one source:
``{rates}`` is the role's day-rate range from ``[roles.ID.rates]``; ``{{`` and ``}}`` are literal
braces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass
