"""How numbers, money, names and lists read as words, and the placeholders of a role's text.

Shared by every screen and by the checks of a data file; nothing here draws. Money is written in
the encoding of what is being drawn (:func:`drawing_for`), so ``£`` becomes ``GBP`` only where the
output cannot carry it, and a character is never measured as one cell and written as several.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

_drawing: dict[str, str | None] = {"encoding": None}


def encodable(text: str) -> bool:
    """Whether what is being drawn can carry ``text`` as it is: UTF-8 (files, JSON) unless
    drawing for standard output (:func:`drawing_for_stdout`). Asked before drawing, so a
    character is never measured as one cell and then written as several (``£`` as ``GBP``)."""
    encoding = _drawing["encoding"] or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


@contextmanager
def drawing_for(encoding: str) -> Iterator[None]:
    """Draw for a stream or file in ``encoding``."""
    saved = _drawing["encoding"]
    _drawing["encoding"] = encoding
    try:
        yield
    finally:
        _drawing["encoding"] = saved


_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def money(amount: float, currency: str, signed: bool = False) -> str:
    """``£88,000``; with ``signed``, ``+£50`` or ``-£50``; no pence unless there are some."""
    mark = symbol(currency)
    sign = (
        ("+" if amount > 0 else "-" if amount < 0 else "±")
        if signed
        else ("-" if amount < 0 else "")
    )
    value = abs(amount)
    digits = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return f"{sign}{mark}{digits}"


def symbol(currency: str) -> str:
    """``£`` for GBP, as drawn: the code and a space where the output cannot carry the symbol
    (an ASCII terminal), so tables stay aligned."""
    mark = written_symbol(currency)
    return mark if encodable(mark) else f"{currency} "


def written_symbol(currency: str) -> str:
    """``£`` for GBP, as a data file writes it; a currency without a symbol is written as its
    code and a space."""
    return _SYMBOLS.get(currency, f"{currency} ")


def money_range(low: float, high: float, currency: str) -> str:
    """``£400`` to ``£600`` joined by an en dash, as in print."""
    return f"{money(low, currency)}\N{EN DASH}{money(high, currency)}"


def plural(count: int, noun: str) -> str:
    """``1 day``, ``220 days``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


PLACEHOLDER_PATTERN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


PLACEHOLDERS = ("rates",)
"""The names ``{name}`` may take in a role's text; anything else is an error in the data file."""


def placeholders(text: str) -> Iterator[str]:
    """The ``{name}`` placeholders in ``text``, in order (``{{`` and ``}}`` are not)."""
    for match in PLACEHOLDER_PATTERN.finditer(text):
        if match.group(1) is not None:
            yield match.group(1)


def name_list(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def tenths(value: float) -> str:
    """One decimal, halves rounded up (4.25 is 4.3), as people round."""
    return f"{math.floor(value * 10 + 0.5) / 10:.1f}"


def number_text(value: float) -> str:
    """A number as a message shows it, for any value: ``:g`` cannot format an integer too large
    for a float, and a 4000-digit figure would swamp the message."""
    if isinstance(value, int):
        digits = str(value)
        return digits if len(digits) <= 20 else f"{digits[:12]}... ({len(digits)} digits)"
    return f"{value:g}"
