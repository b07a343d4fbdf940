"""``--format csv``: a command's plain table as comma-separated values for a spreadsheet.

Written with the standard library's :mod:`csv` (quoting, embedded commas and newlines) and without
rich, so a script asking for CSV pays no more at start-up than one asking for JSON.

Text cells come from data files and answer files, which anyone may have written, so each is made
inert (no control characters) and one that starts like a formula (``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) gets a leading ``'``: a spreadsheet then shows it as text instead of running
it (CSV injection, as OWASP describes it). Numbers are written as numbers, so ``-1.5`` stays a
number a spreadsheet can add up.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator, Sequence

from rolecompare.core.untrusted import inert

_FORMULA = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


def cell(value: Cell) -> str:
    """One cell as written: numbers as they are, None empty, text inert and never a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    text = inert(value)
    return "'" + text if text.startswith(_FORMULA) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """The header and rows as CSV, lines ending in CRLF as RFC 4180 and spreadsheets expect."""
    return "".join(csv_lines(header, rows))


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Iterator[str]:
    """The same CSV a row at a time, each made as ``rows`` gives it: a large group streams."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in itertools.chain([header], rows):
        writer.writerow([cell(value) for value in row])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
