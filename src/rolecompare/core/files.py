"""Writing files the user asked for: all or nothing, never a half-written file, never a damaged target.

What a write does depends on what the target is (``os.lstat``): a regular file, or a name not
yet taken, is written to a temporary file beside it and renamed into place; a symbolic link is
followed, so the link survives and the file it points to is replaced; a character device or a
FIFO (``/dev/null``, a pipe) is written through, since renaming over it would replace the device
node itself; directories, block devices and sockets are refused.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from rolecompare.core.errors import FileWriteError, os_cause

TEMP_PREFIX = ".rolecompare-"
"""Temporary files are named ``.rolecompare-XXXXXXXX.tmp``: recognisable, and short whatever the
target's name, so a long but valid name never fails only because of the temporary one."""


def _target(path: Path) -> tuple[Path, int | None]:
    """Where a write to ``path`` really goes, and the mode of what is there (None: nothing yet)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path, None
    except OSError as exc:
        raise FileWriteError(f"cannot write {path}: {os_cause(exc, path)}") from None
    if not stat.S_ISLNK(mode):
        return path, mode
    real = Path(os.path.realpath(path))
    try:
        return real, real.stat().st_mode
    except FileNotFoundError:
        return real, None  # a dangling link: create the file it points to
    except OSError as exc:
        raise FileWriteError(f"cannot write {path}: {os_cause(exc, real)}") from None


def _writes_through(mode: int | None) -> bool:
    return mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode))


def check_writable(path: Path) -> None:
    """Fail early, before a person spends minutes on a quiz whose result could not be saved."""
    real, mode = _target(path)
    if mode is not None and stat.S_ISDIR(mode):
        raise FileWriteError(f"cannot write {path}: it is a directory; give a file name")
    if _writes_through(mode):
        return
    if mode is not None and not stat.S_ISREG(mode):
        from rolecompare.core.untrusted import kind_of

        raise FileWriteError(
            f"cannot write {path}: it is {kind_of(mode)}, not a regular file; give a file name"
        )
    folder = real.parent
    try:
        folder_mode = folder.stat().st_mode
    except FileNotFoundError:
        raise FileWriteError(f"cannot write {path}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise FileWriteError(f"cannot write {path}: {os_cause(exc, path)}") from None
    if not stat.S_ISDIR(folder_mode):
        raise FileWriteError(f"cannot write {path}: {folder} is a file, not a folder")
    if _read_only(folder):
        raise FileWriteError(
            f"cannot write {path}: {os_cause(OSError(errno.EROFS, 'read-only'), path)}"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileWriteError(
            f"cannot write {path}: permission denied in the folder {folder}; "
            "choose a folder you can write to"
        )


def _read_only(folder: Path) -> bool:
    """Whether ``folder`` is on a read-only file system: ``os.access`` only says "no", which
    would be reported as a permission problem a person cannot fix with permissions."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows): the write itself will tell
        return False


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` as the module docstring describes.

    A failure at any point, SIGTERM and SIGHUP included (the command layer turns them into an
    exception), removes the temporary file and leaves an existing target untouched.
    """
    check_writable(path)
    real, mode = _target(path)
    data = content.encode("utf-8")
    if _writes_through(mode):
        _write_through(path, real, data)
        return
    import tempfile

    try:
        handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise FileWriteError(f"cannot write {path}: {os_cause(exc, path)}") from None
    temp = Path(temp_name)
    try:
        try:
            _write_all(handle, data)
            os.fsync(handle)
        finally:
            os.close(handle)
        temp.chmod(mode & 0o777 if mode is not None else 0o666 & ~_umask())
        temp.replace(real)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise FileWriteError(f"cannot write {path}: {os_cause(exc, path)}") from None
        raise


def _write_through(path: Path, real: Path, data: bytes) -> None:
    try:
        # O_NONBLOCK: a FIFO nobody reads fails at once (ENXIO) instead of hanging.
        fd = os.open(real, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise FileWriteError(f"cannot write {path}: {os_cause(exc, path)}") from None
    try:
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)
        _write_all(fd, data)
    except OSError as exc:
        raise FileWriteError(f"cannot write {path}: {os_cause(exc, path)}") from None
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    """``os.write`` may write less than asked; go on until done, or until it writes nothing."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, "no space left on the device")
        view = view[written:]


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
