"""Quiz history: one JSON record per line in the user's data folder.

Appends take an exclusive lock and write one whole line with one ``write`` call, so two quizzes
finishing together cannot interleave and a crash can at worst leave one damaged last line, which
reading skips with a warning and the next append fences off with a newline.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolecompare.core.errors import DataError, FileWriteError, os_cause
from rolecompare.core.untrusted import Unreadable, read_bounded

if TYPE_CHECKING:
    from rolecompare.core.history_model import RecordV1, ResultRecord

if sys.platform != "win32":
    import fcntl

HOME_ENV = "ROLECOMPARE_HOME"
FILE_NAME = "history.jsonl"
MAX_BYTES = 16 << 20
"""About fifty thousand results; a bigger file is not a history this program wrote."""
NEW_FORMAT = b'"taken_at"'
"""Bank version 2 records carry ``taken_at``; bank version 1 records carry ``time``."""


@dataclass(frozen=True)
class Figures:
    """One role's interest as a record keeps it."""

    mean: float
    standard_error: float
    level: str
    statements: int


@dataclass(frozen=True)
class Record:
    """One past result. Bank version 2 on records carry ``verdict`` and ``interest``; records of
    bank version 1 carry percentage ``scores`` and a ``band`` instead, and are shown as such."""

    time: dt.datetime
    bank_version: str
    answers: tuple[int, ...]
    recommendation: str | None
    verdict: str | None = None
    interest: dict[str, Figures] | None = None
    difference: float | None = None
    margin_of_error: float | None = None
    warnings: tuple[tuple[str, str], ...] = ()
    data_mark: str | None = None
    scores: dict[str, float] | None = None
    band: str | None = None
    name: str | None = None
    """A group respondent's name (``quiz --answers-file --record``); "" for one without a name,
    None for the person's own results. Results are only compared within one name, and never
    for a respondent without one."""

    @property
    def roles(self) -> list[str]:
        return list(self.interest or self.scores or {})

    def to_json(self) -> dict[str, Any]:
        if self.interest is None:
            return {
                "time": self.time.isoformat(timespec="seconds"),
                "bank_version": self.bank_version,
                "scores": self.scores,
                "recommendation": self.recommendation,
                "band": self.band,
                "answers": list(self.answers),
            }
        return {
            "verdict": self.verdict,
            "recommendation": self.recommendation,
            "interest": {
                role_id: {
                    "mean": f.mean,
                    "standard_error": f.standard_error,
                    "level": f.level,
                    "statements": f.statements,
                }
                for role_id, f in self.interest.items()
            },
            "difference": self.difference,
            "margin_of_error": self.margin_of_error,
            "warnings": [{"code": code, "message": message} for code, message in self.warnings],
            "bank_version": self.bank_version,
            "data_mark": self.data_mark,
            "answers": list(self.answers),
            "taken_at": self.time.isoformat(timespec="seconds"),
            **({} if self.name is None else {"name": self.name}),
        }


@dataclass(frozen=True)
class Loaded:
    records: tuple[Record, ...]  # oldest first
    warnings: tuple[str, ...]


def home() -> Path:
    """``ROLECOMPARE_HOME`` if set (a leading ``~`` is the home folder), else the platform's
    per-user data folder."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    return _app_dir()


def _app_dir() -> Path:
    """The per-user folder for the tool's own files, where Click's ``get_app_dir`` puts it, so
    history recorded by earlier versions is found; written out here so the core needs no CLI
    library."""
    if sys.platform.startswith("win"):
        base = os.environ.get("APPDATA") or os.environ.get("LOCALAPPDATA")
        return Path(base or Path.home()) / "rolecompare"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "rolecompare"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "rolecompare"


def history_path() -> Path:
    return home() / FILE_NAME


def now() -> dt.datetime:
    """The time a result is taken at, with the local offset."""
    return dt.datetime.now().astimezone()


def record_of(document: dict[str, Any]) -> Record:
    """The history record of a quiz result, from the same JSON document ``--save`` writes;
    ValueError when the model refuses it (a clock set before 1970, say)."""
    import json

    from pydantic import ValidationError

    from rolecompare.core.history_model import ResultRecord

    try:
        return _from_new(ResultRecord.model_validate_json(json.dumps(document)))
    except ValidationError as exc:
        raise ValueError(str(exc)) from None


def append(record: Record, path: Path | None = None) -> Path:
    """Add ``record`` as one whole line, or raise :class:`FileWriteError` and leave no part of it.

    A short write (a full disk) is truncated back to where the line began. A ``clear`` that
    removed the file while this waited for the lock is noticed, and the line goes to a new file.
    """
    import json

    target = path or history_path()
    line = (json.dumps(record.to_json(), ensure_ascii=False) + "\n").encode("utf-8")
    for _ in range(3):
        fd = _open_for_append(target)
        try:
            _lock(fd)
            info = os.fstat(fd)
            if info.st_nlink == 0:
                continue  # cleared while we waited: append to the new file instead
            _write_line(fd, target, line, info.st_size)
            return target
        except OSError as exc:
            raise FileWriteError(f"cannot record the result in {target}: {os_cause(exc)}") from None
        finally:
            os.close(fd)
    raise FileWriteError(f"cannot record the result in {target}: it keeps being removed")


def _open_for_append(target: Path) -> int:
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # O_NONBLOCK: a FIFO put in the history's place fails at once instead of hanging.
        fd = os.open(
            target,
            os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0),
            0o600,
        )
    except FileExistsError:
        raise FileWriteError(
            f"cannot record the result: {target.parent} is a file, not a folder; "
            f"set {HOME_ENV} to a folder"
        ) from None
    except OSError as exc:
        raise FileWriteError(
            f"cannot record the result in {target}: {os_cause(exc, target)}"
        ) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        from rolecompare.core.untrusted import kind_of

        raise FileWriteError(
            f"cannot record the result in {target}: it is {kind_of(mode)}, not a regular file; "
            f"move it away or set {HOME_ENV} to another folder"
        )
    if mode & 0o077 and hasattr(os, "fchmod"):
        os.fchmod(fd, 0o600)  # a history says how someone feels about their career: private
    return fd


def _write_line(fd: int, target: Path, line: bytes, size: int) -> None:
    if size and _last_byte(fd, size) != b"\n":
        line = b"\n" + line
    try:
        written = os.write(fd, line)
    except OSError:
        os.ftruncate(fd, size)
        raise
    if written != len(line):
        os.ftruncate(fd, size)
        raise FileWriteError(
            f"cannot record the result in {target}: only {written} of {len(line)} bytes "
            "could be written (is the disk full?); the partial record was removed"
        )
    os.fsync(fd)


def _lock(fd: int) -> None:
    """Exclusive until the file is closed. Windows has no flock; there one ``write`` to a file
    opened with ``O_APPEND`` is what keeps records whole."""
    if sys.platform != "win32":
        fcntl.flock(fd, fcntl.LOCK_EX)


def _last_byte(fd: int, size: int) -> bytes:
    """Read through the open descriptor: the path may no longer name this file."""
    os.lseek(fd, size - 1, os.SEEK_SET)
    return os.read(fd, 1)


def load(path: Path | None = None) -> Loaded:
    """Every valid record, oldest first; any other line becomes a warning that names it."""
    target = path or history_path()
    try:
        blob = read_bounded(target, MAX_BYTES, streams=False)
    except FileNotFoundError:
        return Loaded((), ())
    except (OSError, Unreadable) as exc:
        reason = exc.reason if isinstance(exc, Unreadable) else os_cause(exc, target)
        raise DataError(
            f"cannot read the history file {target}: {reason}; "
            f"move it away or set {HOME_ENV} to another folder"
        ) from None
    records: list[Record] = []
    warnings: list[str] = []
    if not blob.strip():
        return Loaded((), ())
    # The record models are built only when there is something to read: a scripted quiz with
    # no history pays nothing for them.
    from pydantic import ValidationError

    from rolecompare.core.history_model import RecordV1, ResultRecord

    # By b"\n" only: str.splitlines() would also split at U+2028 or U+0085 inside a string.
    for number, line in enumerate(blob.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            records.append(
                _from_new(ResultRecord.model_validate_json(line))
                if NEW_FORMAT in line
                else _from_old(RecordV1.model_validate_json(line))
            )
        except ValidationError:
            warnings.append(f"skipped damaged line {number} of {target}")
    records.sort(key=lambda r: r.time)
    return Loaded(tuple(records), tuple(warnings))


def _from_new(valid: ResultRecord) -> Record:
    return Record(
        time=valid.taken_at,
        bank_version=valid.bank_version,
        answers=valid.answers,
        recommendation=valid.recommendation,
        verdict=valid.verdict,
        interest={
            role_id: Figures(f.mean, f.standard_error, f.level, f.statements)
            for role_id, f in valid.interest.items()
        },
        difference=valid.difference,
        margin_of_error=valid.margin_of_error,
        warnings=tuple((w.code, w.message) for w in valid.warnings),
        data_mark=valid.data_mark,
        name=valid.name,
    )


def _from_old(valid: RecordV1) -> Record:
    return Record(
        time=valid.time,
        bank_version=valid.bank_version,
        answers=valid.answers,
        recommendation=valid.recommendation,
        scores=dict(valid.scores),
        band=valid.band,
    )


def clear(path: Path | None = None) -> int | None:
    """Remove the history; returns how many records it held, or None when that is unknown.

    Clearing never depends on reading: a file too large or damaged to read, or a link or device
    put in the history's place, is removed all the same (the name, never what a link points at),
    its count unknown. A regular file is counted under the appenders' lock, so a quiz finishing
    at the same time either lands before (and is counted) or after (in a new file): never lost
    unseen.
    """
    target = path or history_path()
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise FileWriteError(f"cannot clear {target}: {os_cause(exc, target)}") from None
    if not stat.S_ISREG(info.st_mode) or sys.platform == "win32":  # no flock on Windows
        count = _count(target) if stat.S_ISREG(info.st_mode) else None
        _remove(target)
        return count
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise FileWriteError(f"cannot clear {target}: {os_cause(exc, target)}") from None
    try:
        _lock(fd)
        count = _count(target)
        _remove(target)
    except OSError as exc:
        raise FileWriteError(f"cannot clear {target}: {os_cause(exc, target)}") from None
    finally:
        os.close(fd)
    return count


def _count(target: Path) -> int | None:
    """How many records ``target`` holds; None when it cannot be read (too large, say)."""
    try:
        return len(load(target).records)
    except DataError:
        return None


def _remove(target: Path) -> None:
    try:
        target.unlink(missing_ok=True)
    except OSError as exc:
        raise FileWriteError(f"cannot clear {target}: {os_cause(exc, target)}") from None
