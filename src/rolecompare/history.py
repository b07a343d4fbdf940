"""Quiz history: one JSON record per line in the user's data folder.

Appends take an exclusive lock and write one whole line with one ``write`` call, so two quizzes
finishing together cannot interleave and a crash can at worst leave one damaged last line, which
reading skips with a warning and the next append fences off with a newline.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolecompare.errors import DataError, FileWriteError
from rolecompare.quiz import Result, rounded

if TYPE_CHECKING:
    from rolecompare.models import Dataset

if sys.platform != "win32":
    import fcntl

HOME_ENV = "ROLECOMPARE_HOME"
FILE_NAME = "history.jsonl"
_REQUIRED = {"time": str, "bank_version": str, "scores": dict, "answers": list, "band": str}


@dataclass(frozen=True)
class Record:
    time: dt.datetime
    bank_version: str
    scores: dict[str, float]
    recommendation: str | None
    band: str
    answers: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "time": self.time.isoformat(timespec="seconds"),
            "bank_version": self.bank_version,
            "scores": self.scores,
            "recommendation": self.recommendation,
            "band": self.band,
            "answers": list(self.answers),
        }


@dataclass(frozen=True)
class Loaded:
    records: tuple[Record, ...]  # oldest first
    warnings: tuple[str, ...]


def home() -> Path:
    """``ROLECOMPARE_HOME`` if set, else the platform's per-user data folder."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    from typer import get_app_dir

    return Path(get_app_dir("rolecompare"))


def history_path() -> Path:
    return home() / FILE_NAME


def record_of(result: Result, now: dt.datetime | None = None) -> Record:
    return Record(
        time=now or dt.datetime.now().astimezone(),
        bank_version=result.bank_version,
        scores=rounded(result.shares),
        recommendation=result.recommendation,
        band=result.band,
        answers=result.answers,
    )


def append(record: Record, path: Path | None = None) -> Path:
    target = path or history_path()
    line = (json.dumps(record.to_json(), ensure_ascii=False) + "\n").encode("utf-8")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except FileExistsError:
        raise FileWriteError(
            f"cannot record the result: {target.parent} is a file, not a folder; "
            f"set {HOME_ENV} to a folder"
        ) from None
    except OSError as exc:
        raise FileWriteError(
            f"cannot record the result in {target}: {exc.strerror or exc}"
        ) from None
    try:
        _lock(fd)
        size = os.fstat(fd).st_size
        if size and _last_byte(target, size) != b"\n":
            line = b"\n" + line
        os.write(fd, line)
        os.fsync(fd)
    except OSError as exc:
        raise FileWriteError(
            f"cannot record the result in {target}: {exc.strerror or exc}"
        ) from None
    finally:
        os.close(fd)
    return target


def _lock(fd: int) -> None:
    """Exclusive until the file is closed. Windows has no flock; there one ``write`` to a file
    opened with ``O_APPEND`` is what keeps records whole."""
    if sys.platform != "win32":
        fcntl.flock(fd, fcntl.LOCK_EX)


def _last_byte(path: Path, size: int) -> bytes:
    with path.open("rb") as stream:
        stream.seek(size - 1)
        return stream.read(1)


def load(path: Path | None = None) -> Loaded:
    """Every readable record, oldest first; damaged lines become warnings that name them."""
    target = path or history_path()
    try:
        text = target.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return Loaded((), ())
    except OSError as exc:
        raise DataError(
            f"cannot read the history file {target}: {exc.strerror or exc}; "
            f"move it away or set {HOME_ENV} to another folder"
        ) from None
    records: list[Record] = []
    warnings: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        record = _parse(line)
        if record is None:
            warnings.append(f"skipped damaged line {number} of {target}")
        else:
            records.append(record)
    records.sort(key=lambda r: r.time)
    return Loaded(tuple(records), tuple(warnings))


def _parse(line: str) -> Record | None:
    try:
        raw = json.loads(line)
        if not isinstance(raw, dict) or any(
            not isinstance(raw.get(k), t) for k, t in _REQUIRED.items()
        ):
            return None
        time = dt.datetime.fromisoformat(raw["time"])
        scores = {str(k): float(v) for k, v in raw["scores"].items()}
        if not all(0 <= v <= 100 for v in scores.values()):  # also false for NaN
            return None
        answers = tuple(int(a) for a in raw["answers"])
        recommendation = raw.get("recommendation")
    except (ValueError, TypeError):
        return None
    if recommendation is not None and not isinstance(recommendation, str):
        return None
    if time.tzinfo is None:
        time = time.astimezone()
    return Record(time, raw["bank_version"], scores, recommendation, raw["band"], answers)


def clear(path: Path | None = None) -> int:
    """Remove the history; returns how many records it held."""
    target = path or history_path()
    count = len(load(target).records)
    try:
        target.unlink(missing_ok=True)
    except OSError as exc:
        raise FileWriteError(f"cannot clear {target}: {exc.strerror or exc}") from None
    return count


@dataclass(frozen=True)
class Row:
    """One past result as every history screen shows it (table, Markdown)."""

    record: Record
    when: str
    outcome: str
    change: str
    other_bank: bool


def role_name(data: Dataset, role_id: str) -> str:
    """Records may name roles that the data in use no longer has; show their id then."""
    return data.roles[role_id].name if role_id in data.roles else role_id


def describe(data: Dataset, records: Sequence[Record], limit: int | None = None) -> list[Row]:
    """The newest ``limit`` records, newest first, each with its change from the one before."""
    rows = []
    for index in range(len(records) - 1, max(len(records) - (limit or len(records)), 0) - 1, -1):
        record = records[index]
        rows.append(
            Row(
                record=record,
                when=f"{record.time.day} {record.time:%b %Y %H:%M}",
                outcome=_outcome(data, record),
                change=_change(data, records[index - 1], record) if index else "",
                other_bank=record.bank_version != data.quiz.version,
            )
        )
    return rows


def _outcome(data: Dataset, record: Record) -> str:
    if record.recommendation is None:
        return "too close to call"
    return f"{record.band}: {role_name(data, record.recommendation)}"


def _change(data: Dataset, before: Record, after: Record) -> str:
    top = after.recommendation or max(after.scores, key=lambda r: after.scores[r])
    if top not in before.scores:
        return ""
    return f"{role_name(data, top)} {after.scores[top] - before.scores[top]:+.0f}"


def shares_text(data: Dataset, record: Record) -> str:
    return ", ".join(f"{role_name(data, r)} {v:.0f}%" for r, v in record.scores.items())


def previous_line(data: Dataset, record: Record) -> str:
    """The quiz result's reminder of the attempt before it."""
    other = (
        ""
        if record.bank_version == data.quiz.version
        else f" (question bank version {record.bank_version})"
    )
    return f"Last time, {record.time.day} {record.time:%B %Y}: {shares_text(data, record)}; {_outcome(data, record)}{other}."
