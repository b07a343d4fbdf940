"""The built-in data files, checked once when they were packaged, so that a run need not check
them again.

Checking a file needs pydantic, which costs about half of a start-up; the built-in files are the
same on every run. ``python -m rolecompare.core.make_snapshots`` checks each of them in full
(``roles.toml`` and ``uk-tax.toml``) and writes its snapshot beside it in the package's ``data``
folder (``roles.snapshot.json``, ``uk-tax.snapshot.json``): a first line with the size and
CRC-32 of the file it was made from and the CRC-32 of the rest, then the checked models as JSON
in which each model, date and exact number is tagged with its kind. The loader uses a snapshot
only for a file whose bytes have that size and CRC; any other file, or an edited built-in one,
is checked as before, and ``validate`` always checks.

The CRC finds a file that changed since the snapshot was made; it is not a defence against a
crafted file, and needs not be: the snapshot ships inside the package, as trusted as its code,
and a file that happened to match would be shown as the built-in data, nothing worse.
A test fails when a committed snapshot is not what this module makes from its data file.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import zlib
from dataclasses import fields, is_dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

from rolecompare.core.untrusted import Unreadable, read_bounded

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
MAX_BYTES = 4 << 20
"""As for a data file: a snapshot this large is not one (a device in its place, say)."""
TAG = "$model"
"""Names a model's class (or ``date``, ``decimal``) in the snapshot; ``$`` never begins an id or
a key of a built-in file (building a snapshot checks that it reads back equal)."""


class DataFile(Protocol[T_co]):
    """What a snapshot needs of a kind of data file (:class:`rolecompare.core.loader.DataFile`),
    stated here so that this module, which the loader uses, does not import the loader."""

    @property
    def model(self) -> type[T_co]: ...

    @property
    def snapshot_path(self) -> Path: ...

    def load_checked(
        self, path: Path, *, recheck: bool = False
    ) -> tuple[T_co, tuple[str, ...]]: ...


def fingerprint(blob: bytes) -> dict[str, int]:
    return {"bytes": len(blob), "crc32": zlib.crc32(blob)}


def path_of(kind: DataFile[Any]) -> Path:
    """Where the snapshot of ``kind``'s built-in file is, in the package's ``data`` folder."""
    return kind.snapshot_path


def checked(blob: bytes, kind: DataFile[T], snapshot: Path | None = None) -> T | None:
    """The checked file when ``blob`` is the one the snapshot was made from, else None (also
    when the snapshot is missing, unreadable or damaged: the file is then simply checked).

    The snapshot's own CRC-32 is in its first line too, so a damaged snapshot is never read
    as data: nothing in it is checked again, which is the point of it.
    """
    try:
        stored = read_bounded(snapshot or path_of(kind), MAX_BYTES, streams=False)
        first, _, body = stored.partition(b"\n")
        head = json.loads(first)
        if not isinstance(head, dict):
            return None
        made_from = {key: head.get(key) for key in ("bytes", "crc32")}
        if made_from != fingerprint(blob) or head.get("snapshot_crc32") != zlib.crc32(body):
            return None
        classes = _classes(kind.model.__module__)
        data = json.loads(body, object_hook=lambda table: _revive(table, classes))
    except (OSError, Unreadable, ValueError, TypeError, KeyError, RecursionError):
        return None
    return data if isinstance(data, kind.model) else None


@cache
def _classes(module: str) -> dict[str, type[Any]]:
    """The models a snapshot may name: the dataclasses of the module of its file's models."""
    return {
        cls.__name__: cls
        for cls in vars(sys.modules[module]).values()
        if isinstance(cls, type) and is_dataclass(cls) and cls.__module__ == module
    }


def _revive(table: dict[str, Any], classes: dict[str, type[Any]]) -> Any:
    """A JSON object back into what it was: a model, a date, an exact number or a plain table
    (the models hold tuples, never lists)."""
    kind = table.pop(TAG, None)
    if kind == "date":
        return dt.date.fromisoformat(table["iso"])
    if kind == "decimal":
        return Decimal(table["text"])
    values = {key: tuple(v) if isinstance(v, list) else v for key, v in table.items()}
    return values if kind is None else classes[kind](**values)


def _tagged(value: Any) -> Any:
    """A model (or anything holding models) as JSON values that :func:`_revive` reads back:
    fields in their order, tuples as lists, each model, date and Decimal named by :data:`TAG`."""
    if is_dataclass(value) and not isinstance(value, type):
        named = {TAG: type(value).__name__}
        return named | {f.name: _tagged(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_tagged(item) for item in value]
    if isinstance(value, dict):
        return {key: _tagged(item) for key, item in value.items()}
    if isinstance(value, dt.date):
        return {TAG: "date", "iso": value.isoformat()}
    if isinstance(value, Decimal):
        return {TAG: "decimal", "text": str(value)}
    return value


def build(source: Path, kind: DataFile[Any]) -> str:
    """The snapshot's text for ``source``, a file of ``kind``, checked in full first.

    Raises the loader's :class:`~rolecompare.core.errors.DataError` for a file with any problem,
    and ``ValueError`` when the snapshot would not read back as the same data.
    """
    blob = source.read_bytes()
    data, hygiene = kind.load_checked(source, recheck=True)
    if hygiene:
        raise ValueError(f"{source}: {'; '.join(hygiene)}")
    body = json.dumps(_tagged(data), ensure_ascii=False) + "\n"
    classes = _classes(kind.model.__module__)
    if json.loads(body, object_hook=lambda table: _revive(table, classes)) != data:
        raise ValueError(f"{source}: the snapshot would not read back as the same data")
    head = {**fingerprint(blob), "snapshot_crc32": zlib.crc32(body.encode("utf-8"))}
    return json.dumps(head) + "\n" + body
