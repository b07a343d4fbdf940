"""Group scoring: many respondents at once, one per line, for a coach running a workshop.

A line is an answer string as for ``--answers``, optionally preceded by a name and a comma
(``Ana,5,4,2,...`` or ``Ana,542...``). A line that is all answers has no name. A name may be
quoted as a spreadsheet's CSV export writes it (``"Smith, Ana",542...``, ``""`` for a quote
inside), so names with commas survive; an empty name (``,542...``) is no name. Blank lines and
lines starting with ``#`` are skipped. A bad line is reported by its number; the others are still
scored.
"""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from rolecompare.core.errors import DataError, UsageError
from rolecompare.core.models import Dataset
from rolecompare.core.quiz import SCALE, Result, Scorer, parse_answers
from rolecompare.core.untrusted import inert, reading

_ANSWER = {str(value) for value in range(1, len(SCALE) + 1)}
MAX_BYTES = 16 << 20
"""Largest answers file read: about half a million respondents, far past any workshop; read a
line at a time, it bounds the time a flood takes, not the memory."""


MAX_NAME = 1000
"""Longest name kept, in characters: far past any person's name, short enough for any table."""
MAX_PROBLEMS = 100
"""Bad lines reported one by one; past these they are only counted, so a file of nothing but
bad lines costs no more memory than a short one."""


@dataclass(frozen=True)
class Respondent:
    line: int
    name: str | None
    result: Result


@dataclass(frozen=True)
class Scored:
    respondents: tuple[Respondent, ...]
    problems: tuple[str, ...]
    bad_lines: int
    """How many lines could not be scored (a file with no respondents at all is not one)."""


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while a group is scored.

    Every full collection walks every object alive, and what the scorer remembers grows to tens
    of thousands of objects: with the collector on, 100,000 respondents cost a tenth more. The
    scoring makes no reference cycles, so reference counting alone frees each respondent's
    objects, as the flat peak memory of ``benchmarks/flood.py`` shows.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def read_lines(source: str, stdin: TextIO | None) -> Iterator[str]:
    """The file's lines (``-``: standard input), split on newlines only, one at a time.

    Lines are read as they are scored, so a large file costs the memory of its longest line, not
    of the whole file. At most :data:`MAX_BYTES` are read (characters from standard input): a
    regular file over that is refused before anything is scored, and ``/dev/zero`` or a runaway
    pipe is an error once it passes the limit, not a program that runs or grows for ever.
    """
    most = f"{MAX_BYTES >> 20} MB"
    if source == "-":
        if stdin is None:
            raise UsageError("--answers-file -: there is no standard input to read")
        return _stdin_lines(stdin, most)
    path = Path(source)
    return _file_lines(path, _open(path, most), most)


def _stdin_lines(stdin: TextIO, most: str) -> Iterator[str]:
    """Standard input's lines, its bytes decoded as a file's are (:func:`decode`): a
    spreadsheet's Windows-1252 export piped in reads as it does by name. A text stream without
    bytes underneath (a test's, say) is read as the text it is."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        try:
            blob = buffer.read(MAX_BYTES + 1)
        except OSError as exc:
            raise DataError(f"--answers-file -: cannot read standard input: {exc}") from None
        if len(blob) > MAX_BYTES:
            raise DataError(_too_large_input(most))
        yield from _split(decode(blob, "standard input"))
        return
    left = MAX_BYTES
    first = True
    while line := stdin.readline(left + 1):
        left -= len(line)
        if left < 0:
            raise DataError(_too_large_input(most))
        yield _clean(line.removesuffix("\n"), first)
        first = False


def _too_large_input(most: str) -> str:
    return (
        f"--answers-file -: standard input is larger than {most}, too large to be read; "
        "split the respondents into smaller files"
    )


def _open(path: Path, most: str) -> BinaryIO:
    """``path`` opened for reading as :func:`~rolecompare.core.untrusted.read_bounded` opens a
    file: without blocking on a FIFO, checked by its descriptor, a regular file over the limit
    refused at once."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise DataError(f"--answers-file: {path}: no such file; check the path") from None
    except IsADirectoryError:
        raise DataError(f"--answers-file: {path} is a directory; give a text file") from None
    except OSError as exc:
        raise DataError(f"--answers-file: cannot read {path}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DataError(f"--answers-file: {path} is a directory; give a text file")
        if stat.S_ISREG(info.st_mode):
            reading(path)
            if info.st_size > MAX_BYTES:
                raise DataError(
                    f"--answers-file: {path} is larger than {most}, too large to be read; "
                    f"give a text file of at most {most}"
                )
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _file_lines(path: Path, stream: BinaryIO, most: str) -> Iterator[str]:
    """The file's lines, its encoding decided once for the whole file (:func:`decode`): a
    spreadsheet's UTF-16 or Windows-1252 export reads as written, never mangled in silence."""
    with stream:
        blob = _read_all(path, stream, MAX_BYTES + 1)
    if len(blob) > MAX_BYTES:
        raise DataError(
            f"--answers-file: {path} is larger than {most}, too large to be read; "
            f"give a text file of at most {most}"
        )
    yield from _split(decode(blob, str(path)))


def _split(text: str) -> Iterator[str]:
    """Lines split on newlines only, without a byte order mark or the CRs of Windows."""
    lines = text.removeprefix("\ufeff").split("\n")
    if lines[-1] == "":  # the newline that ends the last line starts no line of its own
        lines.pop()
    for line in lines:
        yield line.removesuffix("\r")


def _read_all(path: Path, stream: BinaryIO, most: int) -> bytes:
    try:
        return stream.read(most)
    except OSError as exc:
        raise DataError(f"--answers-file: cannot read {path}: {exc.strerror or exc}") from None


def _clean(line: str, first: bool) -> str:
    """A line without its CR (files from Windows), the first also without a byte order mark."""
    return (line.removeprefix("\ufeff") if first else line).removesuffix("\r")


def decode(blob: bytes, path: str) -> str:
    """The file's text, its encoding decided once for the whole file and never guessed wrong in
    silence: UTF-16 when it starts with that byte-order mark, else UTF-8, else Windows-1252 (what
    a spreadsheet on Windows saves as "CSV"), else a DataError naming what was tried.

    Windows-1252 leaves five bytes undefined, so a file in another single-byte encoding is
    usually refused rather than shown with wrong letters.
    """
    if blob.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return blob.decode("utf-16")
        except UnicodeDecodeError:
            raise DataError(
                f"--answers-file: {path} starts like UTF-16 but is not valid UTF-16; "
                "save it as UTF-8"
            ) from None
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return blob.decode("cp1252")
    except UnicodeDecodeError:
        raise DataError(
            f"--answers-file: {path} is neither UTF-8 nor Windows-1252 (cp1252) text; "
            "save it as UTF-8"
        ) from None


class Normalised:
    """The lines as :class:`Scoring` reads them, made as they are read; :attr:`notes` says what
    was skipped once they have all been read.

    What a spreadsheet gives is accepted as it is: a header row (``Name,Q1,...``) is skipped,
    tab- or semicolon-separated fields become comma-separated. Skipped lines stay as blank lines,
    so every line keeps its number in the messages.
    """

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = lines
        self.notes: list[str] = []

    def __iter__(self) -> Iterator[str]:
        comments = 0
        looked_for_header = False
        for number, line in enumerate(self._lines, 1):
            if line.lstrip().startswith("#"):
                comments += 1
            elif line.strip() and not looked_for_header:
                looked_for_header = True
                if _is_header(_fields(line)):
                    self.notes.append(f"line {number}: skipped a header row")
                    yield ""
                    continue
            yield _commas(line)
        if comments:
            self.notes.insert(
                0, f"skipped {comments} comment line{'s' if comments > 1 else ''} (#)"
            )


def _separator(line: str) -> str:
    """A tab always separates (no name or answer holds one); a semicolon only where there is no
    comma, so a name such as ``Ana;Bo`` in a comma-separated line stays whole."""
    if "\t" in line:
        return "\t"
    return ";" if ";" in line and "," not in line else ","


def _fields(line: str) -> list[str]:
    return line.split(_separator(line))


def _is_header(fields: Sequence[str]) -> bool:
    """A header names its columns: no field after the first is an answer."""
    rest = [field.strip().strip('"') for field in fields[1:]]
    return bool(rest) and not any(field in _ANSWER or field.isdigit() for field in rest)


def _commas(line: str) -> str:
    """A tab- or semicolon-separated line as a comma-separated one; a name with a comma in it
    is quoted, as :func:`parse_line` reads it."""
    separator = _separator(line)
    if separator == ",":
        return line
    fields = line.split(separator)
    name = fields[0].strip()
    if "," in name and not name.startswith('"'):
        name = '"' + name.replace('"', '""') + '"'
    return ",".join([name, *(field.strip() for field in fields[1:])])


class Names:
    """The respondents' names, indexed as they come for the duplicate-name check: a large group's
    parts are added while the next ones are still being scored, so the check costs no wait at
    the end."""

    def __init__(self) -> None:
        self._lines: dict[str, tuple[str, list[int]]] = {}

    def add(self, respondents: Iterable[tuple[int, str | None]]) -> None:
        """``(line, name)`` pairs; a name is told apart whatever its case, shown as first written."""
        lines = self._lines
        for line, name in respondents:
            if name:
                lines.setdefault(name.casefold(), (name, []))[1].append(line)

    def duplicates(self) -> list[str]:
        """A note for each name given to more than one respondent, with their line numbers."""
        return [
            f"the name '{name}' is on lines {', '.join(map(str, numbers))}; their results are "
            "told apart only by line"
            for name, numbers in self._lines.values()
            if len(numbers) > 1
        ]


def parse_line(text: str, expected: int, number: int) -> tuple[str | None, tuple[int, ...]]:
    """A line's name (None when it has none) and answers; UsageError names the line."""
    where = f"line {number}"
    name, rest = split_name(text, where)
    return name, parse_answers(rest, expected, option=where)


def split_name(text: str, where: str) -> tuple[str | None, str]:
    """A line's name, made inert (None when it has none), and the answers after it; a name too
    long to keep is a UsageError naming ``where``."""
    quoted = _quoted_name(text)
    if quoted is not None:
        first, rest = quoted
    else:
        first, comma, rest = text.partition(",")
        if not comma or first.strip() in _ANSWER:
            return None, text
    name = first.strip()
    if len(name) > MAX_NAME:
        raise UsageError(
            f"{where}: the name is {len(name):,} characters long; give a name of at most "
            f"{MAX_NAME:,}"
        )
    return inert(name) or None, rest


def _quoted_name(text: str) -> tuple[str, str] | None:
    """A CSV-quoted first field and what follows its comma; None unless the line starts with one.

    The closing quote is found with ``str.find`` from quote to quote (a doubled quote is one
    quote of the name), and the name then cut out whole: a long name costs one pass at C speed
    and a copy or two of itself, not a step of Python and a small string per character.
    """
    line = text.lstrip()
    if not line.startswith('"'):
        return None
    start = 1
    while (end := line.find('"', start)) >= 0:
        if line.startswith('"', end + 1):
            start = end + 2
            continue
        after = line[end + 1 :].lstrip(" \t")
        if not after.startswith(","):
            return None
        return line[1:end].replace('""', '"'), after[1:]
    return None


class Scoring:
    """The respondents of ``lines``, scored one at a time as they are iterated.

    Bad lines are skipped and reported in :attr:`problems` (the first :data:`MAX_PROBLEMS` of
    them; :attr:`bad_lines` counts them all), so that a caller can print each result as soon as
    it is scored and hold nothing for the lines already done. Iterate once.

    A part of a file (``first``: the number of its first line) is scored the same way; its
    tally is then added to the whole file's with :meth:`add`, and the whole file's
    :meth:`finish` says what the file as a whole lacked.
    """

    def __init__(
        self, data: Dataset, lines: Iterable[str], first: int = 1, scorer: Scorer | None = None
    ) -> None:
        self._data = data
        self._scorer = scorer
        """One scorer for every part a process scores: what it remembers serves them all."""
        self._lines = lines
        self._first = first
        self.problems: list[str] = []
        self.names: dict[int, str] = {}
        """The names on the lines in :attr:`problems`, by line number, where they have one."""
        self.bad_lines = 0
        self.respondents = 0

    def __iter__(self) -> Iterator[Respondent]:
        yield from self.part()
        self.finish()

    def part(self) -> Iterator[Respondent]:
        """The respondents, without :meth:`finish`: for a part of a file."""
        expected = len(self._data.quiz.statements)
        scorer = self._scorer or Scorer(self._data)
        for number, line in enumerate(self._lines, self._first):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                name, answers = parse_line(line, expected, number)
            except UsageError as exc:
                self.bad_lines += 1
                if len(self.problems) < MAX_PROBLEMS:
                    self.problems.append(exc.message)
                    with suppress(UsageError):  # a name too long to keep is the problem itself
                        name = split_name(line, "")[0]
                        if name:
                            self.names[number] = name
                continue
            self.respondents += 1
            yield Respondent(number, name, scorer.score(answers))

    def add(self, part: Tally) -> None:
        """Count in a part of the file scored elsewhere: its bad lines follow those before it."""
        room = MAX_PROBLEMS - len(self.problems)
        self.problems += part.problems[:room]
        self.names.update(part.names)
        self.bad_lines += part.bad_lines
        self.respondents += part.respondents

    def tally(self) -> Tally:
        return Tally(self.problems, self.names, self.bad_lines, self.respondents)

    def finish(self) -> None:
        """What the file as a whole lacked: the bad lines past those reported, or any line."""
        if self.bad_lines > MAX_PROBLEMS:
            self.problems.append(
                f"--answers-file: {self.bad_lines - MAX_PROBLEMS:,} more lines could not be scored"
            )
        if not self.respondents and not self.bad_lines:
            self.problems.append(
                "--answers-file: no respondents found; give one answer string per line"
            )


@dataclass(frozen=True)
class Tally:
    """What a part of a file held besides its results: its bad lines (the first
    :data:`MAX_PROBLEMS`, with their names) and how many lines it scored or could not."""

    problems: list[str]
    names: dict[int, str]
    bad_lines: int
    respondents: int


def score_lines(data: Dataset, lines: Iterable[str]) -> Scored:
    """Every respondent of ``lines`` at once, for the screens that show them all together."""
    scoring = Scoring(data, lines)
    respondents = tuple(scoring)
    return Scored(respondents, tuple(scoring.problems), scoring.bad_lines)
