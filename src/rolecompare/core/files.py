"""Writing files the user asked for: all or nothing, never a half-written file, never a damaged target.

What a write does depends on what the target is (``os.lstat``): a regular file, or a name not
yet taken, is written to a temporary file beside it and renamed into place; a symbolic link is
followed, so the link survives and the file it points to is replaced; a character device or a
FIFO (``/dev/null``, a pipe) is written through, since renaming over it would replace the device
node itself; directories, block devices and sockets are refused. A target that is, by device and
inode, a file the tool reads in this run or keeps (the quiz history) is refused too: writing it
would replace the data, the tax figures or the history with a result.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from rolecompare.core.errors import FileWriteError, os_cause

TEMP_PREFIX = ".rolecompare-"
"""Temporary files are named ``.rolecompare-XXXXXXXX.tmp``: recognisable, and short whatever the
target's name, so a long but valid name never fails only because of the temporary one."""


STALE_SECONDS = 5 * 60
"""A temporary file this old was left by a save that was killed (a save takes well under a
second), so the next save to its folder removes it; a younger one may be another save's."""
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[a-z0-9_]{8}\.tmp")
"""The names ``tempfile.mkstemp`` gives with :data:`TEMP_PREFIX`: nothing else is ever removed."""


def _protected() -> list[tuple[str, str]]:
    """Every file no write may replace, with what it is: the history and a stopped quiz's saved
    answers, even when this run does not read them, and every file this run has read
    (:func:`rolecompare.core.untrusted.read_files`)."""
    from rolecompare.core.history import history_path, progress_path
    from rolecompare.core.untrusted import read_files

    return [
        (str(history_path()), "your quiz history"),
        (str(progress_path()), "the answers kept from a stopped quiz"),
        *((kept, "a file rolecompare reads in this command") for kept in sorted(read_files())),
    ]


def _refuse_protected(path: Path, real: Path) -> None:
    """Refuse ``path`` when it is the same file, by device and inode (so through any link or
    hard link), as a file the tool reads or keeps."""
    try:
        target = real.stat()
    except OSError:
        return  # nothing there yet: it cannot be a file in use
    for kept, what in _protected():
        try:
            info = Path(kept).stat()
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            same = "" if str(path.absolute()) == kept else f" ({kept})"
            raise FileWriteError(
                f"cannot write {path}: it is {what}{same}, and writing would replace it; "
                "choose another file name"
            )


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


def check_writable(path: Path, *, own: bool = False) -> None:
    """Fail early, before a person spends minutes on a quiz whose result could not be saved.
    ``own``: the tool updating a file it keeps, which no save may replace but it may."""
    real, mode = _target(path)
    if mode is not None and stat.S_ISDIR(mode):
        raise FileWriteError(f"cannot write {path}: it is a directory; give a file name")
    if _writes_through(mode):
        return
    if not own:
        _refuse_protected(path, real)
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


def write_atomic(path: Path, content: str, *, private: bool = False) -> None:
    """Write ``content`` to ``path`` as the module docstring describes; ``private`` files (the
    tool's own, such as saved quiz answers) are mode 0600 from their first byte, and may replace
    themselves where no save may.

    A failure at any point, SIGTERM and SIGHUP included (the command layer turns them into an
    exception), removes the temporary file and leaves an existing target untouched.
    """
    check_writable(path, own=private)
    real, mode = _target(path)
    data = content.encode("utf-8")
    if _writes_through(mode):
        _write_through(path, real, data)
        return
    import tempfile

    _remove_stale(real.parent)
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
        if not private:  # mkstemp made the file 0600
            temp.chmod(mode & 0o777 if mode is not None else 0o666 & ~_umask())
        temp.replace(real)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise FileWriteError(f"cannot write {path}: {os_cause(exc, path)}") from None
        raise


def _remove_stale(folder: Path) -> None:
    """Remove what a save killed mid-write (SIGKILL, a power cut) left in ``folder``: the whole
    result in a file of its own, forever otherwise. Only regular files named as this module names
    its temporary files, owned by this user and older than :data:`STALE_SECONDS`; never a link,
    and nothing that fails to go is an error: the save itself matters more."""
    import time

    geteuid = getattr(os, "geteuid", None)
    user = geteuid() if geteuid is not None else None
    cutoff = time.time() - STALE_SECONDS
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not _TEMP_NAME.fullmatch(entry.name):
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                    if (
                        stat.S_ISREG(info.st_mode)
                        and (user is None or info.st_uid == user)
                        and info.st_mtime < cutoff
                    ):
                        Path(entry.path).unlink()
                except OSError:
                    continue
    except OSError:
        return


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
