"""Markdown for pasting into documents: tables a renderer such as GitHub's understands.

Text from the data file is escaped with :func:`md`, so characters such as ``*``, ``_``, ``<`` or
``[`` are shown as written instead of turning into emphasis, HTML or links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass
