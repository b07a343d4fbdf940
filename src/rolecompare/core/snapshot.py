"""The built-in data, checked once when it was packaged, so that a run need not check it again.

Checking a data file needs pydantic, which costs about half of a start-up; the built-in file is
the same on every run. ``python -m rolecompare.core.snapshot`` checks it in full and writes
``roles.snapshot.json`` beside it, in the package's ``data`` folder: a first line with the size
and CRC-32 of the ``roles.toml`` it was made from and the CRC-32 of the rest, then the checked
dataset as JSON in which each model is tagged with its class. The loader uses the snapshot only for a file whose
bytes have that size and CRC; any other file, or an edited built-in one, is checked as before,
and ``validate`` always checks.

The CRC finds a file that changed since the snapshot was made; it is not a defence against a
crafted file, and needs not be: the snapshot ships inside the package, as trusted as its code,
and a file that happened to match would be shown as the built-in data, nothing worse.
A test fails when the committed snapshot is not what this module makes from ``data/roles.toml``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import zlib
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any

from rolecompare.core import models
from rolecompare.core.untrusted import Unreadable, read_bounded

MAX_BYTES = 4 << 20
"""As for a data file: a snapshot this large is not one (a device in its place, say)."""
TAG = "$model"
"""Names a model's class in the snapshot; ``$`` never begins an id or a key of the built-in
file (building a snapshot checks that it reads back equal)."""
_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in vars(models).values()
    if isinstance(cls, type) and is_dataclass(cls) and cls.__module__ == models.__name__
}


def path() -> Path:
    """Where the snapshot is: beside ``roles.toml`` in the package's ``data`` folder."""
    from rolecompare.core.loader import builtin_file

    return builtin_file("roles.snapshot.json")


def fingerprint(blob: bytes) -> dict[str, int]:
    return {"bytes": len(blob), "crc32": zlib.crc32(blob)}


def checked(blob: bytes, snapshot: Path | None = None) -> models.Dataset | None:
    """The checked dataset when ``blob`` is the file the snapshot was made from, else None
    (also when the snapshot is missing, unreadable or damaged: the file is then simply checked).

    The snapshot's own CRC-32 is in its first line too, so a damaged snapshot is never read
    as data: nothing in it is checked again, which is the point of it.
    """
    try:
        stored = read_bounded(snapshot or path(), MAX_BYTES, streams=False)
        first, _, body = stored.partition(b"\n")
        head = json.loads(first)
        if not isinstance(head, dict):
            return None
        made_from = {key: head.get(key) for key in ("bytes", "crc32")}
        if made_from != fingerprint(blob) or head.get("snapshot_crc32") != zlib.crc32(body):
            return None
        data = json.loads(body, object_hook=_revive)
    except (OSError, Unreadable, ValueError, TypeError, KeyError, RecursionError):
        return None
    return data if isinstance(data, models.Dataset) else None


def _revive(table: dict[str, Any]) -> Any:
    """A JSON object back into what it was: a model, a date or a plain table."""
    kind = table.pop(TAG, None)
    if kind is None:
        return table
    if kind == "date":
        return dt.date.fromisoformat(table["iso"])
    values = {key: tuple(v) if isinstance(v, list) else v for key, v in table.items()}
    return _CLASSES[kind](**values)


def build(source: Path) -> str:
    """The snapshot's text for the data file ``source``, checked in full first.

    Raises the loader's :class:`~rolecompare.core.errors.DataError` for a file with any problem, and
    ``ValueError`` when the snapshot would not read back as the same data.
    """
    from rolecompare.core import loader
    from rolecompare.serialize import plain

    blob = source.read_bytes()
    data, hygiene = loader.load_checked(source, recheck=True)
    if hygiene:
        raise ValueError(f"{source}: {'; '.join(hygiene)}")
    body = json.dumps(plain(data, TAG), ensure_ascii=False) + "\n"
    if json.loads(body, object_hook=_revive) != data:
        raise ValueError(f"{source}: the snapshot would not read back as the same data")
    head = {**fingerprint(blob), "snapshot_crc32": zlib.crc32(body.encode("utf-8"))}
    return json.dumps(head) + "\n" + body


def main() -> int:
    """Write the snapshot of the built-in data file (run after editing ``data/roles.toml``)."""
    from rolecompare.core import loader
    from rolecompare.core.errors import RoleCompareError
    from rolecompare.core.files import write_atomic

    source = loader.builtin_data_path()
    target = path()
    try:
        write_atomic(target, build(source))
    except RoleCompareError as exc:
        print("\n".join([f"Error: {exc.message}", *exc.details]), file=sys.stderr)
        return 1
    except (ValueError, OSError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {target} from {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
