"""Writing files the user asked for: all or nothing, never a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rolecompare.errors import FileWriteError


def check_writable(path: Path) -> None:
    """Fail early, before a person spends minutes on a quiz whose result could not be saved."""
    if path.is_dir():
        raise FileWriteError(f"cannot write {path}: it is a directory; give a file name")
    if not path.parent.is_dir():
        raise FileWriteError(f"cannot write {path}: the folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise FileWriteError(
            f"cannot write {path}: permission denied; choose a folder you can write to"
        )


def write_atomic(path: Path, content: str) -> None:
    """Write to a temporary file beside ``path``, then rename it into place.

    A failure at any point removes the temporary file and leaves an existing ``path`` untouched.
    """
    check_writable(path)
    folder = path.parent
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileWriteError(
            f"cannot write {path}: {exc.strerror or exc}; choose a folder you can write to"
        ) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        temp.replace(path)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise FileWriteError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
