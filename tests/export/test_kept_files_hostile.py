"""Issue 16, items 3 and 9: a save never replaces a file the tool reads or keeps, and cleans up
after a save that was killed.

Both live in the one safe-write helper (:mod:`rolecompare.core.files`) that every ``--save`` and
``--export`` goes through: a target that is, by device and inode, the history or a file read in
this run is refused; and a write to a folder removes the tool's own temporary files that a killed
save left there, and nothing else.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rolecompare.core import files, history, loader
from rolecompare.core.errors import FileWriteError
from rolecompare.core.untrusted import read_bounded

from ..conftest import REAL_DATA, REPO, Invoke

DATA = loader.load(REAL_DATA)
ANSWERS = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
QUIZ = ["quiz", "--answers", ANSWERS]
OTHER_USER = 4242


# ------------------------------------------------------------------ item 3: files in use


def test_saving_onto_the_history_is_refused_and_the_history_kept(invoke: Invoke) -> None:
    """The issue's case: every record was lost to 196 "skipped damaged line" warnings."""
    for _ in range(3):
        assert invoke(QUIZ).exit_code == 0
    path = history.history_path()
    before = path.read_bytes()
    result = invoke([*QUIZ, "--save", str(path)])
    assert result.exit_code == 1
    assert "Your result" in result.stdout
    assert f"cannot write {path}: it is your quiz history, and writing would replace it" in (
        result.stderr
    )
    assert path.read_bytes().startswith(before)
    assert len(history.load().records) == 4 and history.load().warnings == ()


def test_saving_onto_a_stopped_quizs_answers_is_refused_and_they_are_kept(
    invoke: Invoke,
) -> None:
    """Finishing a quiz removes the kept answers: a result saved there would be lost with them."""
    from rolecompare.core import resume

    resume.save(DATA, [4, 2, 5])
    path = history.progress_path()
    before = path.read_bytes()
    for command in ([*QUIZ, "--save", str(path)], ["show", "--export", str(path)]):
        result = invoke(command)
        assert result.exit_code == 1, command
        assert (
            f"cannot write {path}: it is the answers kept from a stopped quiz, and writing "
            "would replace it" in result.stderr
        )
        assert path.read_bytes() == before


def test_exporting_the_history_onto_itself_through_a_link_is_refused(
    invoke: Invoke, tmp_path: Path
) -> None:
    assert invoke(QUIZ).exit_code == 0
    link = tmp_path / "history.json"
    link.symlink_to(history.history_path())
    before = history.history_path().read_bytes()
    result = invoke(["history", "--export", str(link)])
    assert result.exit_code == 1
    assert f"it is your quiz history ({history.history_path()})" in result.stderr
    assert history.history_path().read_bytes() == before


def test_saving_onto_the_data_file_in_use_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    """The issue's case: ``--data my.toml quiz --save my.toml`` replaced the data with JSON."""
    mine = tmp_path / "my.toml"
    shutil.copy(REAL_DATA, mine)
    result = invoke(["--data", str(mine), *QUIZ, "--save", str(mine)])
    assert result.exit_code == 1
    assert "Your result" in result.stdout
    assert f"cannot write {mine}: it is a file rolecompare reads in this command" in result.stderr
    assert mine.read_bytes() == REAL_DATA.read_bytes()


@pytest.mark.parametrize("kind", ["hard link", "symbolic link"])
def test_an_export_onto_the_data_file_by_another_name_is_refused(
    invoke: Invoke, tmp_path: Path, kind: str
) -> None:
    mine = tmp_path / "my.toml"
    shutil.copy(REAL_DATA, mine)
    other = tmp_path / "report.md"
    if kind == "hard link":
        os.link(mine, other)
    else:
        other.symlink_to(mine)
    result = invoke(["--data", str(mine), "show", "--export", str(other)])
    assert result.exit_code == 1
    assert f"cannot write {other}: it is a file rolecompare reads in this command ({mine})" in (
        result.stderr
    )
    assert mine.read_bytes() == REAL_DATA.read_bytes()


def test_an_export_onto_the_tax_figures_in_use_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    tax = tmp_path / "tax.toml"
    shutil.copy(REPO / "data" / "uk-tax.toml", tax)
    other = tmp_path / "pay.txt"
    os.link(tax, other)
    result = invoke(["pay", "--role", "pmo", "--tax-data", str(tax), "--export", str(other)])
    assert result.exit_code == 1
    assert "it is a file rolecompare reads in this command" in result.stderr
    assert tax.read_bytes() == (REPO / "data" / "uk-tax.toml").read_bytes()


def test_every_regular_file_read_is_protected_at_the_write_helper(tmp_path: Path) -> None:
    """One check, in the helper every write goes through: an answers file, or anything else
    read, is refused as a target however it is named."""
    answers = tmp_path / "answers.txt"
    answers.write_text("5,4\n", encoding="utf-8")
    read_bounded(answers, 1 << 20)
    alias = tmp_path / "alias.json"
    os.link(answers, alias)
    with pytest.raises(FileWriteError, match="a file rolecompare reads in this command"):
        files.write_atomic(alias, "{}")
    with pytest.raises(FileWriteError):
        files.check_writable(answers)
    assert answers.read_text(encoding="utf-8") == "5,4\n"
    files.write_atomic(tmp_path / "new.json", "{}")  # anything else is written as before


def test_an_answers_file_read_line_by_line_is_protected_too(tmp_path: Path) -> None:
    from rolecompare.core.group import read_lines

    answers = tmp_path / "group.csv"
    answers.write_text("Ana,5\n", encoding="utf-8")
    assert list(read_lines(str(answers), None)) == ["Ana,5"]
    with pytest.raises(FileWriteError, match="reads in this command"):
        files.write_atomic(answers, "{}")


# ------------------------------------------------------------------ item 9: killed saves' leftovers


def age(path: Path, seconds: float) -> Path:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def test_a_save_removes_its_own_stale_leftovers_and_nothing_else(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    old = files.STALE_SECONDS + 60

    def make(name: str, seconds: float = old) -> Path:
        path = folder / name
        path.write_text("the whole result", encoding="utf-8")
        return age(path, seconds)

    stale = make(".rolecompare-ab12_xyz.tmp")
    young = make(".rolecompare-cd34_xyz.tmp", seconds=10)
    foreign = make(".rolecompare-ef56_xyz.tmp")
    os.chown(foreign, OTHER_USER, -1)
    unlike = [make(".rolecompare-ABCDEFGH.tmp"), make(".rolecompare-toolongname.tmp")]
    others = [make("notes.tmp"), make(".rolecompare-gh78_xyz.json")]
    target = make("elsewhere.txt")
    link = folder / ".rolecompare-ij90_xyz.tmp"
    link.symlink_to(target)
    age(link, old)
    directory = folder / ".rolecompare-kl12_xyz.tmp"
    directory.mkdir()
    age(directory, old)

    result = invoke([*QUIZ, "--save", str(folder / "result.json")])
    assert result.exit_code == 0, result.stderr
    assert not stale.exists()
    kept = [young, foreign, *unlike, *others, target, directory]
    assert all(path.exists() for path in kept)
    assert link.is_symlink()
    assert json.loads((folder / "result.json").read_text(encoding="utf-8"))["answers"]


def test_the_leftover_of_a_killed_save_goes_with_the_next_save(tmp_path: Path) -> None:
    """SIGKILL in the middle of a save leaves the whole result in a temporary file; a later
    save to the same folder, once it is a few minutes old, removes it."""
    target = tmp_path / "result.json"
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from rolecompare.core import files\n"
        "def stop(fd):\n"
        "    print('writing', flush=True)\n"
        "    os.kill(os.getpid(), 9)\n"
        "os.fsync = stop\n"
        f"files.write_atomic(Path({str(target)!r}), 'the whole result')\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert killed.returncode == -9 and "writing" in killed.stdout
    (leftover,) = tmp_path.glob(".rolecompare-*.tmp")
    files.write_atomic(target, "a younger save")
    assert leftover.exists()  # it might be another save's, still being written
    age(leftover, files.STALE_SECONDS + 1)
    files.write_atomic(target, "a later save")
    assert not leftover.exists()
    assert target.read_text(encoding="utf-8") == "a later save"
