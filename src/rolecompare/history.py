"""Quiz history: one JSON record per line in the user's data folder.

Appends take an exclusive lock and write one whole line with one ``write`` call, so two quizzes
finishing together cannot interleave and a crash can at worst leave one damaged last line, which
reading skips with a warning and the next append fences off with a newline.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolecompare.errors import DataError, FileWriteError
from rolecompare.history_model import inert
from rolecompare.wording import tenths

if TYPE_CHECKING:
    from rolecompare.models import Dataset

if sys.platform != "win32":
    import fcntl

HOME_ENV = "ROLECOMPARE_HOME"
FILE_NAME = "history.jsonl"
_OLD_REQUIRED = {"time": str, "bank_version": str, "scores": dict, "answers": list, "band": str}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_OLD_BANDS = {"too-close", "lean", "strong"}


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


def record_of(document: dict[str, Any]) -> Record:
    """The history record of a quiz result, from the same JSON document ``--save`` writes."""
    record = _parse_new(document)
    if record is None:
        raise ValueError("not a quiz result document")
    return record


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
    except ValueError:
        return None
    if not isinstance(raw, dict):
        return None
    try:
        return _parse_new(raw) if "taken_at" in raw else _parse_old(raw)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        return None


def _time(value: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise TypeError(value)
    time = dt.datetime.fromisoformat(value)
    return time.astimezone() if time.tzinfo is None else time


def _answers(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(type(a) is int and 1 <= a <= 5 for a in value):
        raise ValueError(value)
    return tuple(value)


def _number(value: Any, low: float, high: float) -> float:
    if type(value) not in (int, float) or not low <= value <= high:  # false for NaN too
        raise ValueError(value)
    return float(value)


def _role_id(value: Any) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise ValueError(value)
    return value


def _parse_new(raw: dict[str, Any]) -> Record | None:
    """A bank version 2 record (the quiz's JSON result); None unless the model accepts it."""
    from pydantic import ValidationError

    from rolecompare.history_model import ResultRecord

    try:
        valid = ResultRecord.model_validate_json(json.dumps(raw))
    except (ValidationError, ValueError):
        return None
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
    )


def _parse_old(raw: dict[str, Any]) -> Record | None:
    """A bank version 1 record: percentage shares and a band."""
    if any(not isinstance(raw.get(k), t) for k, t in _OLD_REQUIRED.items()):
        return None
    scores = {_role_id(k): _number(v, 0, 100) for k, v in raw["scores"].items()}
    recommendation = raw.get("recommendation")
    if recommendation is not None:
        recommendation = _role_id(recommendation)
    if raw["band"] not in _OLD_BANDS:
        return None
    return Record(
        time=_time(raw["time"]),
        bank_version=inert(raw["bank_version"]),
        answers=_answers(raw["answers"]),
        recommendation=recommendation,
        scores=scores,
        band=raw["band"],
    )


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
    figures: dict[str, str]  # per role: "4.3 high" or, for bank version 1, "75%"
    change: str
    other_bank: bool
    other_data: bool


CHANGE_HEADING = "Change since last comparable"
OTHER_BANK, OTHER_DATA = "*", "†"
NO_CHANGE = "no change"


def marks(row: Row) -> str:
    """`` *`` for another question bank, `` †`` for another data file."""
    return (f" {OTHER_BANK}" if row.other_bank else "") + (
        f" {OTHER_DATA}" if row.other_data else ""
    )


def mark_notes(data: Dataset, rows: Sequence[Row]) -> list[str]:
    notes = []
    if any(row.other_bank for row in rows):
        notes.append(
            f"{OTHER_BANK} taken with another question bank (now version {data.quiz.version}); "
            "scored differently"
        )
    if any(row.other_data for row in rows):
        notes.append(
            f"{OTHER_DATA} taken with another data file; never compared with the results above"
        )
    return notes


def role_name(data: Dataset, role_id: str) -> str:
    """Records may name roles that the data in use no longer has; show their id then."""
    return data.roles[role_id].name if role_id in data.roles else role_id


def describe(
    data: Dataset, records: Sequence[Record], mark: str, limit: int | None = None
) -> list[Row]:
    """The newest ``limit`` records, newest first, each with its change since the last result
    taken with the same data file and bank (results are never compared across them)."""
    changes: list[str] = []
    last: dict[tuple[str | None, str, bool], Record] = {}
    for record in records:
        key = (record.data_mark, record.bank_version, record.interest is None)
        before = last.get(key)
        changes.append(change_text(data, before, record) if before else "")
        last[key] = record
    rows = []
    shown = records[-limit:] if limit else records
    offset = len(records) - len(shown)
    for index in range(len(shown) - 1, -1, -1):
        record = shown[index]
        rows.append(
            Row(
                record=record,
                when=f"{record.time.day} {record.time:%b %Y %H:%M}",
                outcome=outcome(data, record),
                figures={r: figure(record, r) for r in record.roles},
                change=changes[offset + index],
                other_bank=record.bank_version != data.quiz.version,
                other_data=record.data_mark is not None and record.data_mark != mark,
            )
        )
    return rows


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


def _shown_value(record: Record, role_id: str) -> float:
    if record.interest is not None:
        return float(tenths(record.interest[role_id].mean))
    assert record.scores is not None
    return float(round(record.scores[role_id]))


def change_text(data: Dataset, before: Record, after: Record) -> str:
    """Per role, the change in the figure shown, or "no change"."""
    parts = []
    for role_id in after.roles:
        if role_id not in before.roles:
            continue
        delta = _shown_value(after, role_id) - _shown_value(before, role_id)
        if round(delta, 1):
            shown = f"{delta:+.1f}" if after.interest is not None else f"{delta:+.0f}"
            parts.append(f"{role_name(data, role_id)} {shown}")
    return ", ".join(parts) or NO_CHANGE


def figures_text(data: Dataset, record: Record) -> str:
    return ", ".join(f"{role_name(data, r)} {figure(record, r)}" for r in record.roles)


def previous_line(data: Dataset, records: Sequence[Record], mark: str) -> str | None:
    """The quiz result's reminder of the last result taken with the same data file; results from
    another data file are never compared, and bank version 1 results are named as such."""
    same = [r for r in records if r.data_mark == mark]
    older = [r for r in records if r.data_mark is None]
    record = same[-1] if same else older[-1] if older else None
    if record is None:
        return None
    other = (
        ""
        if record.bank_version == data.quiz.version
        else f" (question bank version {record.bank_version}, scored differently)"
    )
    return (
        f"Last time, {record.time.day} {record.time:%b %Y}{other}: {outcome(data, record)}; "
        f"{figures_text(data, record)}."
    )
