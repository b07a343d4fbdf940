"""Quiz history: one JSON record per line in the user's data folder.

Appends take an exclusive lock and write one whole line with one ``write`` call, so two quizzes
finishing together cannot interleave and a crash can at worst leave one damaged last line, which
reading skips with a warning and the next append fences off with a newline.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolecompare.core.errors import DataError, FileWriteError, os_cause
from rolecompare.core.text import tenths
from rolecompare.core.untrusted import Unreadable, read_bounded

if TYPE_CHECKING:
    from rolecompare.core.history_model import RecordV1, ResultRecord
    from rolecompare.core.models import Dataset

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


PROGRESS_FILE_NAME = "unfinished-quiz.json"
"""Where a stopped quiz keeps its answers (:mod:`rolecompare.core.resume`), beside the history:
named here so that no save can replace it (:mod:`rolecompare.core.files`)."""


def progress_path() -> Path:
    return home() / PROGRESS_FILE_NAME


def now(warn: Callable[[str], None]) -> dt.datetime:
    """The time a result is taken at, with the local offset.

    A time zone 24 hours or more from UTC (``TZ='XXX+24'``, which ``date`` accepts) has an offset
    no Python datetime can hold; the result is then taken at UTC and ``warn`` is told why, so a
    finished quiz is never lost to its time stamp.
    """
    try:
        return dt.datetime.now().astimezone()
    except (ValueError, OverflowError, OSError):
        tz = os.environ.get("TZ")
        warn(
            "the local time zone"
            + (f" (TZ={tz})" if tz else "")
            + " is 24 hours or more from UTC, which cannot be recorded; the time is given in UTC"
        )
        return dt.datetime.now(dt.UTC)


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


LOCK_WAIT = 5.0
"""Seconds an append or a clear waits for whoever holds the history's lock: another quiz takes
milliseconds, so a longer hold is something else, and a finished quiz is then shown unrecorded
rather than hanging with nothing on screen."""


def encode(record: Record) -> bytes:
    """``record`` as the one line an append writes."""
    import json

    return (json.dumps(record.to_json(), ensure_ascii=False) + "\n").encode("utf-8")


def append(record: Record, path: Path | None = None) -> Path:
    """Add ``record`` as one whole line, or raise :class:`FileWriteError` and leave no part of it;
    see :func:`append_lines`."""
    return append_lines([encode(record)], path)


def append_lines(lines: Sequence[bytes], path: Path | None = None) -> Path:
    """Add ``lines`` (each from :func:`encode`) with one write, all or none, or raise
    :class:`FileWriteError` and leave no part of them.

    A short write (a full disk) is truncated back to where the lines began. A ``clear`` that
    removed the file while this waited for the lock is noticed, and the lines go to a new file.
    Lines that would take the file past :data:`MAX_BYTES`, the most :func:`load` reads back, are
    refused with the reason: a history this program cannot read would lose every earlier result.
    """
    target = path or history_path()
    what = f"cannot record {'the result' if len(lines) == 1 else 'the results'} in {target}"
    blob = b"".join(lines)
    for _ in range(3):
        fd = _open_for_append(target, what)
        try:
            _lock(fd, what)
            info = os.fstat(fd)
            if info.st_nlink == 0:
                continue  # cleared while we waited: append to the new file instead
            _write_lines(fd, what, blob, info.st_size)
            return target
        except OSError as exc:
            raise FileWriteError(f"{what}: {os_cause(exc)}") from None
        finally:
            os.close(fd)
    raise FileWriteError(f"{what}: it keeps being removed")


class Batch:
    """Records to append together, all or none (``quiz --answers-file --record``).

    They are held encoded, and only up to what the history can take: past :data:`MAX_BYTES` the
    rest are counted, not held, and :meth:`append` refuses them all, so recording a flood costs
    no more memory than the largest history and never makes one this program cannot read.
    """

    def __init__(self) -> None:
        self.lines: list[bytes] = []
        self.size = 0
        self.count = 0

    def add(self, record: Record) -> None:
        self.count += 1
        if self.size > MAX_BYTES:
            return
        line = encode(record)
        self.size += len(line)
        if self.size <= MAX_BYTES:
            self.lines.append(line)

    def append(self, path: Path | None = None) -> Path | None:
        """Append every record held (see :func:`append_lines`); None when there were none."""
        if self.size > MAX_BYTES:
            raise FileWriteError(
                f"cannot record the results: {self.count:,} results take more than "
                f"{MAX_BYTES >> 20} MB, more than the history can hold, and nothing was "
                "recorded; record the group in smaller files"
            )
        return append_lines(self.lines, path) if self.lines else None


def _open_for_append(target: Path, what: str) -> int:
    """The history opened for appending, once it and its folder are found safe to write.

    Every failure, the permission change included, is a :class:`FileWriteError` naming the
    history: an ``OSError`` escaping from here would be taken for a failure of the output.
    """
    prepare_folder(target, what)
    try:
        # O_NONBLOCK: a FIFO put in the history's place fails at once instead of hanging;
        # O_NOFOLLOW: a link put in its place is refused, never followed to another file.
        fd = os.open(
            target,
            os.O_RDWR
            | os.O_APPEND
            | os.O_CREAT
            | getattr(os, "O_NONBLOCK", 0)
            | getattr(os, "O_NOFOLLOW", 0),
            0o600,
        )
    except OSError as exc:
        raise FileWriteError(f"{what}: {_open_cause(exc, target)}") from None
    try:
        info = os.fstat(fd)
        check_file(info, target, what)
        if info.st_mode & 0o077 and hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # a history says how someone feels about their career: private
    except BaseException as exc:
        os.close(fd)
        if isinstance(exc, OSError):
            raise FileWriteError(f"{what}: {os_cause(exc, target)}") from None
        raise
    return fd


def prepare_folder(target: Path, what: str) -> None:
    """Create the folder of ``target``, one of the tool's own files, private to the user, and
    check that it is safe to write in (:func:`check_folder`); ``what`` begins each message."""
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:
        raise FileWriteError(
            f"{what}: {target.parent} is a file, not a folder; set {HOME_ENV} to a folder"
        ) from None
    except OSError as exc:
        raise FileWriteError(f"{what}: {os_cause(exc, target)}") from None
    check_folder(target.parent, what)


def _open_cause(exc: OSError, target: Path) -> str:
    """``ELOOP`` from ``O_NOFOLLOW`` means the history is a link, not a loop of links."""
    if exc.errno == errno.ELOOP and target.is_symlink():
        return (
            "it is a symbolic link, and rolecompare never follows a link in its history's place "
            f"(in a shared folder it could lead to anyone's file); remove it or set {HOME_ENV} "
            "to a folder of your own"
        )
    return os_cause(exc, target)


def _euid() -> int | None:
    """The user this runs as; None where there are no Unix owners to check (Windows)."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid() if geteuid is not None else None


def _owner(uid: int) -> str:
    try:
        import pwd

        return f"the user {pwd.getpwuid(uid).pw_name}"
    except (ImportError, KeyError):
        return f"the user with id {uid}"


def check_folder(folder: Path, what: str) -> None:
    """Like ssh with its files: refuse a folder that another user owns or can write to, or a
    link in the folder's place that another user made; any of them could swap the history for a
    link to a file of the user's, or read what is recorded."""
    euid = _euid()
    if euid is None:
        return
    try:
        link, info = folder.lstat(), folder.stat()
    except OSError as exc:
        raise FileWriteError(f"{what}: {os_cause(exc, folder)}") from None
    advice = f"set {HOME_ENV} to a folder that only you can write to"
    if stat.S_ISLNK(link.st_mode) and link.st_uid not in (euid, 0):
        raise FileWriteError(
            f"{what}: the folder {folder} is a symbolic link made by {_owner(link.st_uid)}; "
            f"{advice}"
        )
    if not stat.S_ISDIR(info.st_mode):
        raise FileWriteError(f"{what}: {folder} is not a folder; {advice}")
    if info.st_uid not in (euid, 0):
        raise FileWriteError(
            f"{what}: the folder {folder} belongs to {_owner(info.st_uid)}; {advice}"
        )
    if info.st_mode & 0o022:
        raise FileWriteError(
            f"{what}: other users can write to the folder {folder} "
            f"(mode {stat.S_IMODE(info.st_mode):o}); if it is yours, chmod go-w it, or {advice}"
        )


def check_file(info: os.stat_result, target: Path, what: str) -> None:
    """Refuse anything but a regular file of the user's own that no one else can write to."""
    if not stat.S_ISREG(info.st_mode):
        from rolecompare.core.untrusted import kind_of

        raise FileWriteError(
            f"{what}: it is {kind_of(info.st_mode)}, not a regular file; "
            f"move it away or set {HOME_ENV} to another folder"
        )
    euid = _euid()
    if euid is None:
        return
    if info.st_uid != euid:
        raise FileWriteError(
            f"{what}: it belongs to {_owner(info.st_uid)}, and rolecompare uses only files of "
            f"your own in its data folder; move it away or set {HOME_ENV} to another folder"
        )
    if info.st_mode & 0o022:
        raise FileWriteError(
            f"{what}: other users can write to it (mode {stat.S_IMODE(info.st_mode):o}), so it "
            f"may not be what you recorded; if it is, make it private: chmod 600 {target}"
        )


def _write_lines(fd: int, what: str, blob: bytes, size: int) -> None:
    if size and _last_byte(fd, size) != b"\n":
        blob = b"\n" + blob
    if size + len(blob) > MAX_BYTES:
        raise FileWriteError(
            f"{what}: the history would grow past {MAX_BYTES >> 20} MB, more than rolecompare "
            "reads back, and nothing was recorded; keep a copy (rolecompare history --export "
            "old.json) and start afresh (rolecompare history --clear)"
        )
    try:
        written = os.write(fd, blob)
    except OSError:
        os.ftruncate(fd, size)
        raise
    if written != len(blob):
        os.ftruncate(fd, size)
        raise FileWriteError(
            f"{what}: only {written} of {len(blob)} bytes could be written (is the disk full?); "
            "the partial record was removed"
        )
    os.fsync(fd)


def _lock(fd: int, what: str) -> None:
    """Exclusive until the file is closed, waited for at most :data:`LOCK_WAIT` seconds. Windows
    has no flock; there one ``write`` to a file opened with ``O_APPEND`` keeps records whole."""
    if sys.platform == "win32":
        return
    import time

    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = _lock_holder(os.fstat(fd))
                raise FileWriteError(
                    f"{what}: {holder or 'another program'} has held the history's lock for "
                    f"over {LOCK_WAIT:g} seconds; try again once it has finished"
                ) from None
            time.sleep(0.05)


def _lock_holder(info: os.stat_result) -> str | None:
    """Which process holds a lock on the file ``info`` describes, as ``/proc/locks`` tells
    (Linux); None when that cannot be found out."""
    wanted = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    try:
        listing = read_bounded(Path("/proc/locks"), 1 << 20).decode("ascii", "replace")
    except (OSError, Unreadable):
        return None
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) > 5 and fields[5] == wanted and fields[4].isdigit():
            pid = fields[4]
            try:
                name = read_bounded(Path(f"/proc/{pid}/comm"), 256).decode("utf-8", "replace")
            except (OSError, Unreadable):
                return f"process {pid}"
            from rolecompare.core.untrusted import inert

            return f"process {pid} ({inert(name.strip())})"
    return None


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
    unseen. As for appends, a folder another user owns or can write to is refused, and so is a
    file that belongs to another user; a lock held for longer than :data:`LOCK_WAIT` seconds is
    reported, not waited out.
    """
    target = path or history_path()
    what = f"cannot clear {target}"
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise FileWriteError(f"{what}: {os_cause(exc, target)}") from None
    check_folder(target.parent, what)
    if stat.S_ISREG(info.st_mode):
        euid = _euid()
        if euid is not None and info.st_uid != euid:
            raise FileWriteError(
                f"{what}: it belongs to {_owner(info.st_uid)}, not to you; "
                f"move it away or set {HOME_ENV} to another folder"
            )
    if not stat.S_ISREG(info.st_mode) or sys.platform == "win32":  # no flock on Windows
        count = _count(target) if stat.S_ISREG(info.st_mode) else None
        _remove(target)
        return count
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise FileWriteError(f"{what}: {os_cause(exc, target)}") from None
    try:
        _lock(fd, what)
        count = _count(target)
        _remove(target)
    except OSError as exc:
        raise FileWriteError(f"{what}: {os_cause(exc, target)}") from None
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


def role_name(data: Dataset, role_id: str) -> str:
    """Records may name roles that the data in use no longer has; show their id then."""
    return data.roles[role_id].name if role_id in data.roles else role_id


def outcome(data: Dataset, record: Record) -> str:
    if record.verdict is None:
        if record.recommendation is None:
            return "too close to call"
        return f"{record.band}: {role_name(data, record.recommendation)}"
    return {
        "both": "drawn to both",
        "neither": "neither",
        "too-close": "too close to call",
        "no-signal": "no signal",
    }.get(record.verdict, f"clear: {role_name(data, record.verdict)}")


def figure(record: Record, role_id: str) -> str:
    """A role's figure as shown; changes are computed from these same rounded figures."""
    if record.interest is not None:
        interest = record.interest[role_id]
        return f"{tenths(interest.mean)} {interest.level}"
    assert record.scores is not None
    return f"{round(record.scores[role_id])}%"


def figures_text(data: Dataset, record: Record) -> str:
    return ", ".join(f"{role_name(data, r)} {figure(record, r)}" for r in record.roles)
