"""Text pictures that size themselves to the space rich gives them.

Plain classes rather than dataclasses: they load on the start-up path of ``rates``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from rolecompare.core.text import money

FILLED = "█"
TRACK = "·"
PALETTE = ("cyan", "magenta", "green", "yellow", "blue", "red")


def nice_step(span: float, most_ticks: int) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving at most ``most_ticks`` gaps."""
    raw = span / max(most_ticks, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


class Fitting:
    """``wide`` when it fits the width it is given, else ``narrow``: decided on the real width.

    Without ``words``, ``wide`` must fit at its natural width (nothing wrapped, as a table of
    figures should be). With ``words`` it may wrap, but only between words: it is drawn once to see
    that each of ``words`` still shows whole, since a table squeezed below its columns' longest
    words cuts them mid-word whatever their minimum widths say.
    """

    def __init__(
        self, wide: RenderableType, narrow: RenderableType, words: Sequence[str] = ()
    ) -> None:
        self.wide, self.narrow, self.words = wide, narrow, words

    def fits(self, console: Console, options: ConsoleOptions) -> bool:
        natural = Measurement.get(console, options.update_width(10**6), self.wide).maximum
        if natural <= options.max_width or not self.words:
            return natural <= options.max_width
        lines = console.render_lines(self.wide, options, pad=False)
        drawn = "\n".join("".join(segment.text for segment in line) for line in lines)
        shown = {token.strip(_PUNCTUATION) for token in drawn.split()}
        return all(word.strip(_PUNCTUATION) in shown for word in self.words)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if self.fits(console, options) else self.narrow


_PUNCTUATION = "(),;:"


class Bullets:
    """Bulleted lines with a hanging indent, so wrapped lines stay under their bullet; an optional
    bold ``lead`` line goes first.

    Drawn by hand, straight to segments, rather than as a rich grid of ``Text``: a grid per bullet
    list nested in table cells is measured and wrapped over and over, and was the slowest part of
    ``show``.
    """

    BULLET = "•"

    def __init__(
        self, points: Sequence[str], lead: str | None = None, bullet: str = BULLET
    ) -> None:
        self.points = points
        self.lead = lead
        self.bullet = bullet

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lead = [self.lead] if self.lead else []
        words = [len(word) + 2 for point in self.points for word in point.split()]
        words += [len(word) for text in lead for word in text.split()]
        lines = [len(point) + 2 for point in self.points] + [len(text) for text in lead]
        if not lines:
            return Measurement(0, 0)
        return Measurement(
            min(max(words, default=0), options.max_width), min(max(lines), options.max_width)
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 3)
        if self.lead:
            for line in Text(self.lead, style="bold").wrap(console, width, overflow="fold"):
                yield from line.render(console)
                yield Segment.line()
        for point in self.points:
            for number, line in enumerate(Text(point).wrap(console, width - 2, overflow="fold")):
                yield Segment(f"{self.bullet} " if number == 0 else "  ")
                yield from line.render(console)
                yield Segment.line()


class Bar(NamedTuple):
    label: str
    low: float
    high: float
    marker: float | None = None


class RangeChart:
    """Horizontal range bars on one shared axis, so overlaps between roles are visible."""

    def __init__(self, bars: Sequence[Bar], currency: str) -> None:
        self.bars = bars
        self.currency = currency

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(30, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        longest = max(len(bar.label) for bar in self.bars)
        labels_above = longest > options.max_width // 3
        label_width = 0 if labels_above else longest
        width = max(options.max_width - label_width - (0 if labels_above else 1), 10)
        lo = min(bar.low for bar in self.bars)
        hi = max(bar.high for bar in self.bars)
        step = nice_step(max(hi - lo, abs(hi) / 5, 1), max(width // 8, 2))
        lo = math.floor(lo / step) * step
        hi = max(math.ceil(hi / step) * step, lo + step)

        def column(value: float) -> int:
            return round((value - lo) / (hi - lo) * (width - 1))

        for index, bar in enumerate(self.bars):
            if labels_above:
                yield Text(bar.label, style="bold")
                line = Text()
            else:
                line = Text(bar.label.ljust(label_width) + " ")
            start, end = column(bar.low), column(bar.high)
            mid = column(bar.marker) if bar.marker is not None else None
            cells = [
                ("│" if cell == mid else FILLED) if start <= cell <= end else TRACK
                for cell in range(width)
            ]
            line.append("".join(cells[:start]), style="dim")
            line.append("".join(cells[start : end + 1]), style=PALETTE[index % len(PALETTE)])
            line.append("".join(cells[end + 1 :]), style="dim")
            yield line
        yield from self._axis(label_width, width, lo, hi, step, column)

    def _axis(
        self,
        label_width: int,
        width: int,
        lo: float,
        hi: float,
        step: float,
        column: Callable[[float], int],
    ) -> Iterator[Text]:
        ticks = [""] * width
        labels = [" "] * (width + 12)
        value = lo
        while value <= hi + 1e-9:
            at = column(value)
            ticks[at] = "┴"
            label = money(value, self.currency)
            start = min(max(at - len(label) // 2, 0), width - len(label))
            if all(ch == " " for ch in labels[max(start - 1, 0) : start + len(label) + 1]):
                labels[start : start + len(label)] = list(label)
            value += step
        ruler = "".join(tick or "─" for tick in ticks)
        pad = " " * (label_width + 1) if label_width else ""
        yield Text(pad + ruler, style="dim")
        yield Text(pad + "".join(labels[:width]).rstrip())


class InterestBars:
    """One bar per role on the answer scale (1 to 5), with the mean and its label after it, and
    a ruler below; long names go above their bar."""

    def __init__(self, rows: Sequence[tuple[str, float, str]], low: int, high: int) -> None:
        self.rows = rows  # (name, mean, "4.3 high")
        self.low = low
        self.high = high

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(20, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        longest = max(len(name) for name, _, _ in self.rows)
        labels_above = longest > options.max_width // 3
        label_width = 0 if labels_above else longest + 1
        tail = max(len(text) for _, _, text in self.rows) + 1
        width = max(min(options.max_width - label_width - tail, 48), 5)
        span = self.high - self.low
        for index, (name, mean, text) in enumerate(self.rows):
            filled = round((mean - self.low) / span * width)
            if labels_above:
                yield Text(name, style="bold")
            line = Text("" if labels_above else name.ljust(label_width))
            line.append(FILLED * filled, style=PALETTE[index % len(PALETTE)])
            line.append(TRACK * (width - filled), style="dim")
            line.append(f" {text}")
            yield line
        ruler = [" "] * width
        for value in range(self.low, self.high + 1):
            at = min(round((value - self.low) / span * width), width - 1)
            ruler[at] = str(value)
        yield Text(" " * label_width + "".join(ruler), style="dim")


class _PlainTable:
    """What the tables drawn without ``rich.table`` are made of: a title, headers, rows of
    one-line cells, the indexes of right-aligned columns and the first column's style."""

    def __init__(
        self,
        title: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        right: Sequence[int] = (),
        first_style: str = "bold cyan",
    ) -> None:
        self.title = title
        self.headers = headers
        self.rows = rows
        self.right = set(right)
        self.first_style = first_style


class AlignedTable(_PlainTable):
    """A plain table in the look of rich's ``SIMPLE_HEAD`` box, drawn straight to text lines.

    For short cells (figures, names) it draws the same thing as ``rich.table.Table`` at a tenth of
    the cost, and without importing it. Headers may span lines (``"Inside IR35\\na year"``).
    When the columns do not fit, the first one wraps.
    """

    @property
    def _header_lines(self) -> list[list[str]]:
        return [header.split("\n") for header in self.headers]

    def _natural(self) -> list[int]:
        widths = [max(len(line) for line in header) for header in self._header_lines]
        for row in self.rows:
            widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
        return widths

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        total = sum(self._natural()) + 2 * len(self._header_lines)
        return Measurement(min(total, options.max_width), min(total, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._natural()
        spare = options.max_width - (sum(widths) + 2 * len(widths))
        if spare < 0:
            widths[0] = max(widths[0] + spare, 4)
        total = sum(widths) + 2 * len(widths)
        yield Text(self.title, style="bold")
        depth = max(len(header) for header in self._header_lines)
        for level in range(depth):
            line = Text()
            for index, (header, width) in enumerate(zip(self._header_lines, widths, strict=True)):
                padded = [""] * (depth - len(header)) + header
                line.append(" " + self._fit(padded[level], width, index) + " ", style="bold")
            yield line
        yield Text("─" * total)
        for row in self.rows:
            first = Text(row[0]).wrap(console, widths[0], overflow="fold")
            for number, part in enumerate(first):
                line = Text(" ")
                line.append(part.plain.ljust(widths[0]), style=self.first_style)
                line.append(" ")
                for index, (cell, width) in enumerate(zip(row[1:], widths[1:], strict=True), 1):
                    shown = cell if number == 0 else ""
                    line.append(" " + self._fit(shown, width, index) + " ")
                yield line

    def _fit(self, text: str, width: int, index: int) -> str:
        return text.rjust(width) if index in self.right else text.ljust(width)


def _odd_space(text: str) -> bool:
    """Whitespace other than plain spaces (tabs, line breaks, no-break spaces)."""
    return any(char.isspace() and char != " " for char in text)


class SimpleHeadTable(_PlainTable):
    """Draws exactly what ``rich.table.Table(box=SIMPLE_HEAD, show_edge=False)`` with a left
    title draws, for one-line cells that fit at their natural widths; otherwise it hands over to
    that rich table, imported only then.

    ``rates`` draws its overview on every run: building and measuring a rich table (and importing
    it) was a good part of the command's start-up cost. ``right`` holds the indexes of
    right-aligned columns; the first column is in ``first_style``.
    """

    def _widths(self) -> list[int]:
        widths = [cell_len(header) for header in self.headers]
        for row in self.rows:
            widths = [max(width, cell_len(cell)) for width, cell in zip(widths, row, strict=True)]
        return widths

    def _total(self, widths: Sequence[int]) -> int:
        return sum(widths) + 3 * len(widths) - 1

    def _simple(self, width: int) -> bool:
        cells = [self.title, *self.headers, *(cell for row in self.rows for cell in row)]
        if any(cell != cell.strip() or _odd_space(cell) for cell in cells):
            return False  # rich trims and breaks these its own way: let it draw them
        total = self._total(self._widths())
        return cell_len(self.title) <= total <= width

    def _rich_table(self) -> RenderableType:
        from rich import box
        from rich.table import Table

        table = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            title=Text(self.title, style="bold"),
            title_justify="left",
        )
        for index, header in enumerate(self.headers):
            table.add_column(
                header,
                style=self.first_style if index == 0 else None,
                justify="right" if index in self.right else "left",
            )
        for row in self.rows:
            table.add_row(*(Text(cell) for cell in row))
        return table

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        if not self._simple(options.max_width):
            return Measurement.get(console, options, self._rich_table())
        total = self._total(self._widths())
        return Measurement(total, total)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self._simple(options.max_width):
            yield self._rich_table()
            return
        widths = self._widths()
        total = self._total(widths)
        bold, first = Style.parse("bold"), Style.parse(self.first_style)
        yield Segment(self.title.ljust(total - cell_len(self.title) + len(self.title)), bold)
        yield Segment.line()
        yield from self._line(self.headers, widths, [bold] * len(widths))
        yield Segment("─" * total, Style())
        yield Segment.line()
        styles: list[Style | None] = [first] + [None] * (len(widths) - 1)
        for row in self.rows:
            yield from self._line(row, widths, styles)

    def _line(
        self, cells: Sequence[str], widths: Sequence[int], styles: Sequence[Style | None]
    ) -> Iterator[Segment]:
        for index, (cell, width, style) in enumerate(zip(cells, widths, styles, strict=True)):
            # The same segments as rich's, down to its empty styles, so that an SVG export (named
            # by a hash of the segments) comes out byte for byte the same.
            edge = style or Style()
            if index:
                yield Segment(" ", Style())
            pad = " " * (width - cell_len(cell))
            yield Segment(" ", edge)
            yield Segment(pad + cell if index in self.right else cell + pad, style)
            yield Segment(" ", edge)
        yield Segment.line()


class LaidOut:
    """Lines of plain text laid out already (a group's table, one row a line), each with its
    width in cells: a line that fits is written as it is, a longer one folds as a ``Text``
    would. A hundred thousand rows then cost a write each, not a wrap each."""

    def __init__(self, lines: Sequence[tuple[str, int]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width, newline = options.max_width, Segment.line()
        for line, cells in self.lines:
            if cells <= width:
                yield Segment(line)
                yield newline
            else:
                yield from console.render(Text(line, overflow="fold"), options)
