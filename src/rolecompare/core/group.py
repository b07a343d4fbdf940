"""Group scoring: many respondents at once, one per line, for a coach running a workshop.

A line is an answer string as for ``--answers``, optionally preceded by a name and a comma
(``Ana,5,4,2,...`` or ``Ana,542...``). A line that is all answers has no name. A name may be
quoted as a spreadsheet's CSV export writes it (``"Smith, Ana",542...``, ``""`` for a quote
inside), so names with commas survive; an empty name (``,542...``) is no name. Blank lines and
lines starting with ``#`` are skipped. A bad line is reported by its number; the others are still
scored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rolecompare.core.errors import DataError, UsageError
from rolecompare.core.models import Dataset
from rolecompare.core.quiz import SCALE, Result, Scorer, parse_answers
from rolecompare.core.untrusted import Unreadable, inert, read_bounded

_ANSWER = {str(value) for value in range(1, len(SCALE) + 1)}
MAX_BYTES = 16 << 20
"""Largest answers file read: about half a million respondents, far past any workshop."""


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


def read_lines(source: str, stdin: TextIO | None) -> list[str]:
    """The file's lines (``-``: standard input), split on newlines only.

    At most :data:`MAX_BYTES` are read (characters from standard input), so ``/dev/zero`` or a
    runaway pipe is an error, not a program that eats the machine's memory.
    """
    most = f"{MAX_BYTES >> 20} MB"
    if source == "-":
        if stdin is None:
            raise UsageError("--answers-file -: there is no standard input to read")
        text = stdin.read(MAX_BYTES + 1)
        if len(text) > MAX_BYTES:
            raise DataError(
                f"--answers-file -: standard input is larger than {most}, too large to be read; "
                "split the respondents into smaller files"
            )
    else:
        path = Path(source)
        try:
            text = decode(read_bounded(path, MAX_BYTES), path)
        except FileNotFoundError:
            raise DataError(f"--answers-file: {path}: no such file; check the path") from None
        except IsADirectoryError:
            raise DataError(f"--answers-file: {path} is a directory; give a text file") from None
        except Unreadable as exc:
            size = f" of at most {most}" if "too large" in exc.reason else ""
            raise DataError(
                f"--answers-file: {path} {exc.reason}; give a text file{size}"
            ) from None
        except OSError as exc:
            raise DataError(f"--answers-file: cannot read {path}: {exc.strerror or exc}") from None
    return [line.removesuffix("\r") for line in text.removeprefix("\ufeff").split("\n")]


def decode(blob: bytes, path: Path) -> str:
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


def normalise(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """The lines as :func:`score_lines` reads them, and notes on what was skipped.

    What a spreadsheet gives is accepted as it is: a header row (``Name,Q1,...``) is skipped,
    tab- or semicolon-separated fields become comma-separated. Skipped lines stay as blank lines,
    so every line keeps its number in the messages.
    """
    kept = list(lines)
    notes = []
    comments = sum(1 for line in lines if line.lstrip().startswith("#"))
    if comments:
        notes.append(f"skipped {comments} comment line{'s' if comments > 1 else ''} (#)")
    for number, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            if _is_header(_fields(line)):
                kept[number] = ""
                notes.append(f"line {number + 1}: skipped a header row")
            break
    return [_commas(line) for line in kept], notes


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


def duplicates(respondents: Sequence[Respondent]) -> list[str]:
    """A note for each name given to more than one respondent, with their line numbers."""
    lines: dict[str, list[int]] = {}
    for respondent in respondents:
        if respondent.name:
            lines.setdefault(respondent.name.casefold(), []).append(respondent.line)
    return [
        f"the name '{name}' is on lines {', '.join(map(str, numbers))}; their results are "
        "told apart only by line"
        for name, numbers in lines.items()
        if len(numbers) > 1
    ]


def parse_line(text: str, expected: int, number: int) -> tuple[str | None, tuple[int, ...]]:
    """A line's name (None when it has none) and answers; UsageError names the line."""
    where = f"line {number}"
    quoted = _quoted_name(text)
    if quoted is not None:
        first, rest = quoted
    else:
        first, comma, rest = text.partition(",")
        if not comma or first.strip() in _ANSWER:
            return None, parse_answers(text, expected, option=where)
    name = inert(first.strip())
    return name or None, parse_answers(rest, expected, option=where)


def _quoted_name(text: str) -> tuple[str, str] | None:
    """A CSV-quoted first field and what follows its comma; None unless the line starts with one."""
    line = text.lstrip()
    if not line.startswith('"'):
        return None
    name: list[str] = []
    i = 1
    while i < len(line):
        if line[i] == '"':
            if line[i + 1 : i + 2] == '"':
                name.append('"')
                i += 2
                continue
            after = line[i + 1 :].lstrip(" \t")
            return ("".join(name), after[1:]) if after.startswith(",") else None
        name.append(line[i])
        i += 1
    return None


def score_lines(data: Dataset, lines: Sequence[str]) -> Scored:
    expected = len(data.quiz.statements)
    scorer = Scorer(data)
    respondents = []
    problems = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            name, answers = parse_line(line, expected, number)
        except UsageError as exc:
            problems.append(exc.message)
            continue
        respondents.append(Respondent(number, name, scorer.score(answers)))
    bad_lines = len(problems)
    if not respondents and not problems:
        problems.append("--answers-file: no respondents found; give one answer string per line")
    return Scored(tuple(respondents), tuple(problems), bad_lines)
