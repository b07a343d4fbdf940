"""Issue 16, items 1, 2 and 10: a shared folder, a planted link or a held lock never costs a result.

The history store refuses, like ssh with its files, a folder another user owns or can write to, a
link in the history's place and a history of another user's; the result is still shown, with one
warning that says why it was not recorded. A lock held by another process is waited for a few
seconds, then reported with what holds it. An ``OSError`` that escapes a command is never blamed
on standard output. The tests run as root here: ownership is faked with ``chown`` (root may give
a file away) or a patched ``os.geteuid``, and one test runs the tool as ``nobody`` for real.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import Result

from rolecompare.core import history, loader

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
ANSWERS = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
QUIZ = ["quiz", "--answers", ANSWERS]
OTHER_USER = 4242
"""A user id no test machine gives to the person running the tests."""


def recorded() -> int:
    return len(history.load().records)


def shown_unrecorded(result: Result, reason: str) -> None:
    """The quiz still showed its result, exit 0, with one line saying why it was not recorded."""
    assert result.exit_code == 0, result.stderr
    assert "Your result" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "cannot record" in line]
    assert len(warnings) == 1, result.stderr
    assert warnings[0].startswith("Warning: ")
    assert reason in warnings[0] and warnings[0].endswith("the result is shown but not kept")
    assert "standard output" not in result.stderr and "Traceback" not in result.stderr


@pytest.fixture
def home() -> Path:
    """The history's folder, made as the tool makes it: private to the user."""
    folder = history.history_path().parent
    folder.mkdir(mode=0o700, parents=True)
    return folder


# ------------------------------------------------------------------ item 1: the stray OSError


def test_a_failing_permission_change_is_a_history_warning_and_the_save_is_written(
    invoke: Invoke, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The setting of mode 600 fails as it does on a history the user can write but does not
    own (EPERM): the quiz shows its result, writes --save, and says the result was not kept."""
    history.history_path().write_text("", encoding="utf-8")
    history.history_path().chmod(0o644)  # so the append tightens it

    def refuse(fd: int, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchmod", refuse)
    saved = tmp_path / "result.json"
    result = invoke([*QUIZ, "--save", str(saved)])
    shown_unrecorded(result, "operation not permitted")
    assert json.loads(saved.read_text(encoding="utf-8"))["answers"]
    assert history.history_path().read_text(encoding="utf-8") == ""


def run_main(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``rolecompare.cli.main()`` in a fresh process, after ``code`` has patched something."""
    env = {**os.environ, "ROLECOMPARE_HOME": str(tmp_path / "home"), "TERM": "dumb"}
    script = f"import sys\n{code}\nfrom rolecompare.cli import main\nmain()\n"
    return subprocess.run(
        [sys.executable, "-c", script, *QUIZ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_main_never_blames_standard_output_for_another_failure(tmp_path: Path) -> None:
    patch = (
        "import rolecompare.core.history as h\n"
        "def append(*args, **kwargs):\n"
        "    raise PermissionError(1, 'Operation not permitted')\n"
        "h.append = append"
    )
    done = run_main(patch, tmp_path)
    assert done.returncode == 1
    assert "standard output" not in done.stderr
    assert "unexpected failure: operation not permitted" in done.stderr
    assert "Traceback" not in done.stderr


def test_main_still_reports_a_full_standard_output(tmp_path: Path) -> None:
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "rolecompare", *QUIZ, "--no-history"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 1
    assert "cannot write to standard output: no space left on the device" in done.stderr


# ------------------------------------------------------------------ item 2: places not the user's


def test_a_planted_link_is_not_followed(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    """The issue's case: history.jsonl links to another file of the user's, mode 644."""
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    notes.chmod(0o644)
    history.history_path().symlink_to(notes)
    shown_unrecorded(invoke(QUIZ), "it is a symbolic link")
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    assert stat.S_IMODE(notes.stat().st_mode) == 0o644
    assert history.history_path().is_symlink()


@pytest.mark.parametrize("mode", [0o1777, 0o770, 0o757], ids=oct)
def test_a_folder_others_can_write_to_is_refused(invoke: Invoke, home: Path, mode: int) -> None:
    home.chmod(mode)
    shown_unrecorded(invoke(QUIZ), "other users can write to the folder")
    assert not history.history_path().exists()


def test_a_folder_of_another_user_is_refused(invoke: Invoke, home: Path) -> None:
    os.chown(home, OTHER_USER, -1)
    shown_unrecorded(invoke(QUIZ), f"belongs to the user with id {OTHER_USER}")
    assert not history.history_path().exists()


def test_a_history_of_another_user_is_refused(invoke: Invoke, home: Path) -> None:
    path = history.history_path()
    path.write_text("", encoding="utf-8")
    path.chmod(0o600)
    os.chown(path, OTHER_USER, -1)
    shown_unrecorded(invoke(QUIZ), f"it belongs to the user with id {OTHER_USER}")
    assert path.read_text(encoding="utf-8") == ""


def test_a_root_owned_history_is_refused_for_another_user(
    invoke: Invoke, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's file: root's, mode 666, with a non-root user running the quiz."""
    path = history.history_path()
    path.write_text("", encoding="utf-8")
    path.chmod(0o666)
    os.chown(home, OTHER_USER, -1)  # the user's own folder
    monkeypatch.setattr(os, "geteuid", lambda: OTHER_USER)
    shown_unrecorded(invoke(QUIZ), "it belongs to the user root")
    assert path.read_text(encoding="utf-8") == ""
    assert stat.S_IMODE(path.stat().st_mode) == 0o666


def test_a_history_others_can_write_to_is_refused(invoke: Invoke, home: Path) -> None:
    assert invoke(QUIZ).exit_code == 0
    path = history.history_path()
    path.chmod(0o620)
    before = path.read_bytes()
    shown_unrecorded(invoke(QUIZ), "other users can write to it (mode 620)")
    assert path.read_bytes() == before


def test_a_private_history_of_the_user_is_still_kept_private(invoke: Invoke, home: Path) -> None:
    assert invoke(QUIZ).exit_code == 0
    history.history_path().chmod(0o644)  # readable, not writable, by others: made private
    result = invoke(QUIZ)
    assert result.exit_code == 0 and "Warning" not in result.stderr
    assert stat.S_IMODE(history.history_path().stat().st_mode) == 0o600
    assert recorded() == 2


def test_a_link_to_the_folder_made_by_the_user_is_followed(invoke: Invoke, tmp_path: Path) -> None:
    """A folder moved elsewhere and linked back (as dotfile managers do) still works."""
    real = tmp_path / "elsewhere"
    real.mkdir(mode=0o700)
    history.history_path().parent.parent.mkdir(parents=True, exist_ok=True)
    history.history_path().parent.symlink_to(real)
    assert invoke(QUIZ).exit_code == 0
    assert (real / history.FILE_NAME).exists()


def test_a_link_to_the_folder_made_by_another_user_is_refused(
    invoke: Invoke, tmp_path: Path
) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir(mode=0o700)
    link = history.history_path().parent
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(real)
    os.lchown(link, OTHER_USER, -1)
    shown_unrecorded(invoke(QUIZ), f"symbolic link made by the user with id {OTHER_USER}")
    assert not (real / history.FILE_NAME).exists()


def test_clear_refuses_a_shared_folder_and_a_history_of_another_user(
    invoke: Invoke, home: Path
) -> None:
    assert invoke(QUIZ).exit_code == 0
    path = history.history_path()
    home.chmod(0o1777)
    cleared = invoke(["history", "--clear", "--yes"])
    assert cleared.exit_code == 1
    assert "other users can write to the folder" in cleared.stderr
    home.chmod(0o700)
    os.chown(path, OTHER_USER, -1)
    cleared = invoke(["history", "--clear", "--yes"])
    assert cleared.exit_code == 1
    assert f"it belongs to the user with id {OTHER_USER}, not to you" in cleared.stderr
    assert path.exists()


def reachable_by_others(path: Path) -> bool:
    """Whether another user can run or read ``path``: every folder above it searchable."""
    folders_ok = all(folder.stat().st_mode & 0o001 for folder in path.parents)
    return folders_ok and bool(path.stat().st_mode & 0o005)


def python_for_others() -> Path | None:
    """An interpreter of this Python version that another user can run, with its standard
    library: this one, or the system's (pyenv's lives in root's private home folder)."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (Path(sys.executable), Path(f"/usr/bin/python{version}")):
        if candidate.exists() and reachable_by_others(candidate.resolve()):
            library = subprocess.run(
                [str(candidate), "-c", "import os; print(os.__file__)"],
                capture_output=True,
                text=True,
                check=False,
            ).stdout.strip()
            if library and reachable_by_others(Path(library)):
                return candidate
    return None


def nobody() -> tuple[int, int] | None:
    try:
        import pwd

        entry = pwd.getpwnam("nobody")
    except (ImportError, KeyError):
        return None
    return entry.pw_uid, entry.pw_gid


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A 1777 folder under /tmp, where another user can reach it (pytest's folders are 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="rolecompare-shared-", dir="/tmp"))
    folder.chmod(0o1777)
    try:
        yield folder
    finally:
        subprocess.run(["rm", "-rf", str(folder)], check=False)


@pytest.mark.skipif(os.geteuid() != 0 or nobody() is None, reason="needs root and a nobody user")
def test_the_issue_case_run_by_a_real_other_user(shared_folder: Path) -> None:
    """A 1777 folder, a root-owned history.jsonl of mode 666, and ``nobody`` finishes a quiz
    with --save: the result is shown, the save written, root's file untouched."""
    python = python_for_others()
    import rolecompare

    source = Path(rolecompare.__file__).parents[1]
    packages = [Path(entry) for entry in sys.path if entry.endswith("site-packages")]
    if python is None or not all(reachable_by_others(p) for p in [source, *packages]):
        pytest.skip("no interpreter and packages that another user can run and read")
    uid, gid = nobody() or (0, 0)
    path = shared_folder / history.FILE_NAME
    path.write_text("", encoding="utf-8")
    path.chmod(0o666)
    saved = shared_folder / "result.json"
    done = subprocess.run(
        [str(python), "-m", "rolecompare", *QUIZ, "--save", str(saved)],
        capture_output=True,
        text=True,
        env={
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": os.pathsep.join(map(str, [source, *packages])),
            "HOME": str(shared_folder),
            "ROLECOMPARE_HOME": str(shared_folder),
            "TERM": "dumb",
            "PYTHONDONTWRITEBYTECODE": "1",
        },
        cwd=shared_folder,
        user=uid,
        group=gid,
        extra_groups=[],
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Your result" in done.stdout
    assert "other users can write to the folder" in done.stderr
    assert "standard output" not in done.stderr
    assert json.loads(saved.read_text(encoding="utf-8"))["answers"]
    assert saved.stat().st_uid == uid
    assert path.read_text(encoding="utf-8") == ""
    assert stat.S_IMODE(path.stat().st_mode) == 0o666


# ------------------------------------------------------------------ item 10: a lock held elsewhere


@pytest.fixture
def held_lock(home: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the history's lock (as ``flock history.jsonl sleep 25`` does)."""
    path = history.history_path()
    path.write_text("", encoding="utf-8")
    path.chmod(0o600)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(path)!r}, os.O_RDONLY)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    try:
        yield holder
    finally:
        holder.kill()
        holder.wait()


def test_a_held_lock_shows_the_result_unrecorded_and_names_the_holder(
    invoke: Invoke, held_lock: subprocess.Popen[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "LOCK_WAIT", 0.5)
    started = time.monotonic()
    result = invoke(QUIZ)
    assert time.monotonic() - started < 30
    shown_unrecorded(result, f"process {held_lock.pid} (python")
    assert "held the history's lock for over 0.5 seconds" in result.stderr
    assert history.history_path().read_text(encoding="utf-8") == ""


def test_clear_says_the_history_is_busy_instead_of_hanging(
    invoke: Invoke, held_lock: subprocess.Popen[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "LOCK_WAIT", 0.5)
    result = invoke(["history", "--clear", "--yes"])
    assert result.exit_code == 1
    assert f"cannot clear {history.history_path()}: process {held_lock.pid}" in result.stderr
    assert history.history_path().exists()


def test_the_wait_is_a_few_seconds_by_default() -> None:
    assert 1 <= history.LOCK_WAIT <= 10
