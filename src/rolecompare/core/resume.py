"""An unfinished quiz: the answers given so far, kept in the user's data folder until resumed.

Ctrl-C, SIGTERM or the end of input during a quiz keeps its answers here, beside the history
(:func:`rolecompare.core.history.home`), so ``quiz --resume`` can go on from the next statement.
The file is the tool's own and private (0600, written atomically), and is read as untrusted: the
same folder and ownership checks as the history's, never through a link, bounded in size, and
tied to the bank version and statements it was answered against, so answers are never carried
over to statements they were not given to.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rolecompare.core import history
from rolecompare.core.errors import DataError, FileWriteError, os_cause
from rolecompare.core.models import Dataset
from rolecompare.core.quiz import SCALE, data_mark
from rolecompare.core.untrusted import Unreadable, forget, read_bounded

KIND = "rolecompare unfinished quiz"
FORMAT = 1
MAX_BYTES = 64 << 10
"""Far more than the answers to any bank; a bigger file is not one this program wrote."""
SHOWN = 40
"""A version read from the file is quoted in a message only up to this length."""
COMMAND = "rolecompare quiz --resume"


progress_path = history.progress_path


def exists() -> bool:
    """Whether something stands where the saved answers go (checked without reading it)."""
    try:
        os.lstat(progress_path())
    except OSError:
        return False
    return True


def document(data: Dataset, answers: Sequence[int]) -> dict[str, Any]:
    """What is kept: the answers and what they were given to."""
    return {
        "kind": KIND,
        "format": FORMAT,
        "bank_version": data.quiz.version,
        "data_mark": data_mark(data),
        "statements": [s.id for s in data.quiz.statements],
        "answers": list(answers),
    }


def save(data: Dataset, answers: Sequence[int]) -> Path:
    """Keep ``answers`` (the first statements', in bank order), replacing any kept before;
    :class:`FileWriteError` when they cannot be kept, nothing half-written."""
    from rolecompare.core.files import write_atomic

    target = progress_path()
    what = f"cannot keep your answers in {target}"
    history.prepare_folder(target, what)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FileWriteError(f"{what}: {os_cause(exc, target)}") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise FileWriteError(f"{what}: {_link(target)}")
        history.check_file(info, target, what)
    write_atomic(target, json.dumps(document(data, answers)) + "\n", private=True)
    return target


Mark = tuple[int, int, bytes]
"""Which kept file this is: its device, inode and content. A quiz that finishes removes the kept
answers only if they are still the ones it saw, never those another quiz kept meanwhile."""


def peek() -> tuple[Mark, int | None] | None:
    """The kept file as it stands, unjudged: its :data:`Mark` and how many answers it holds (None
    when that cannot be read from it); None when no regular file of a readable size is there."""
    target = progress_path()
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(target, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        blob = os.read(fd, MAX_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    try:
        answers = json.loads(blob.decode("utf-8")).get("answers")
    except (ValueError, RecursionError, AttributeError):
        answers = None
    count = len(answers) if isinstance(answers, list) and answers else None
    return (info.st_dev, info.st_ino, blob), count


def load(data: Dataset) -> tuple[int, ...] | None:
    """The answers kept for ``data``'s bank, or None when none are kept."""
    loaded = load_marked(data)
    return None if loaded is None else loaded[0]


def load_marked(data: Dataset) -> tuple[tuple[int, ...], Mark] | None:
    """The answers kept for ``data``'s bank and the :data:`Mark` of the file they came from, or
    None when none are kept.

    Anything else in their place (a link, another user's file, a damaged or foreign file, or
    answers to another bank) is a :class:`DataError` saying what it is and what to do.
    """
    target = progress_path()
    what = f"cannot resume from {target}"
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataError(f"{what}: {os_cause(exc, target)}") from None
    if stat.S_ISLNK(info.st_mode):
        raise DataError(f"{what}: {_link(target)}")
    try:
        history.check_folder(target.parent, what)
        history.check_file(info, target, what)
    except FileWriteError as exc:
        raise DataError(exc.message) from None
    try:
        blob = read_bounded(target, MAX_BYTES, streams=False)
    except FileNotFoundError:
        return None
    except Unreadable as exc:
        raise DataError(f"{what}: it {exc.reason}; {_afresh(target)}") from None
    except OSError as exc:
        raise DataError(f"{what}: {os_cause(exc, target)}") from None
    forget(target)  # stopped again, the quiz keeps its answers here again
    return _answers(data, blob, what), (info.st_dev, info.st_ino, blob)


def _afresh(target: Path) -> str:
    import shlex

    return f"remove it (rm {shlex.quote(str(target))}) and start afresh: rolecompare quiz"


def _answers(data: Dataset, blob: bytes, what: str) -> tuple[int, ...]:
    afresh = _afresh(progress_path())
    try:
        kept = json.loads(blob.decode("utf-8"))
    except (ValueError, RecursionError):
        raise DataError(f"{what}: it is damaged (not a JSON document); {afresh}") from None
    if not isinstance(kept, dict) or kept.get("kind") != KIND:
        raise DataError(f"{what}: it is not a file of saved quiz answers; {afresh}")
    if kept.get("format") != FORMAT:
        raise DataError(f"{what}: it was written by another version of rolecompare; {afresh}")
    version = kept.get("bank_version")
    if version != data.quiz.version:
        said = f" {version}" if isinstance(version, str) and len(version) <= SHOWN else ""
        raise DataError(
            f"{what}: the answers were given to quiz bank version{said or ' (unknown)'}, and "
            f"this quiz is version {data.quiz.version}; {afresh}"
        )
    ids = [s.id for s in data.quiz.statements]
    if kept.get("statements") != ids or kept.get("data_mark") != data_mark(data):
        raise DataError(
            f"{what}: the answers were given to other statements (another data file, or the "
            f"bank was edited); {afresh}"
        )
    answers = kept.get("answers")
    if (
        not isinstance(answers, list)
        or not 0 < len(answers) < len(ids)
        or not all(type(a) is int and 1 <= a <= len(SCALE) for a in answers)
    ):
        raise DataError(
            f"{what}: it is damaged (its answers are not 1 to {len(SCALE)} for fewer than "
            f"{len(ids)} statements); {afresh}"
        )
    return tuple(answers)


def clear() -> None:
    """Forget the kept answers: the name is removed, never what a link points at;
    :class:`FileWriteError` when that fails."""
    target = progress_path()
    try:
        target.unlink(missing_ok=True)
    except OSError as exc:
        raise FileWriteError(
            f"cannot remove the saved answers {target}: {os_cause(exc, target)}"
        ) from None


def clear_if_unchanged(mark: Mark) -> bool:
    """:func:`clear`, only if the kept file is still the one ``mark`` describes; whether it was
    removed. Answers another quiz kept since (two quizzes at once) stay."""
    now = peek()
    if now is None or now[0] != mark:
        return False
    clear()
    return True


def _link(target: Path) -> str:
    return (
        "it is a symbolic link, and rolecompare never follows a link in its data folder (in a "
        f"shared folder it could lead to anyone's file); {_afresh(target)}"
    )
