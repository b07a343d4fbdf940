"""Class 8, signals: SIGTERM, SIGHUP or SIGINT (``kill -INT``, not the key) during the
interactive quiz restores the terminal and exits 143, 129 or 130 with the same message as
Ctrl-C; nothing is recorded, and the answers given are kept for ``quiz --resume``."""

from __future__ import annotations

import json
import os
import signal
import termios
import time
from pathlib import Path

import pexpect
import pytest

from ..quiz.test_quiz_e2e import ENTER, N, spawn

pytestmark = pytest.mark.e2e

BRACKETED_PASTE_OFF = "\x1b[?2004l"
CURSOR_SHOWN = "\x1b[?25h"


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)]
)
def test_a_signal_mid_quiz_restores_the_terminal(
    command: str, tmp_path: Path, signum: int, status: int
) -> None:
    saved = tmp_path / "never.json"
    child = spawn(command, ["quiz", "--save", str(saved)], tmp_path)
    child.expect(f"Statement 1 of {N}")
    child.send(ENTER)
    child.expect(f"Statement 2 of {N}")
    child.expect(r"\(arrow keys")  # the prompt is drawn: the terminal is in raw mode now
    child.kill(signum)
    # As after Ctrl-C, the answer given is kept for quiz --resume (issue 18, item 7).
    child.expect("Quiz stopped. Kept your answer; continue with: rolecompare quiz --resume")
    after = child.before or ""
    child.expect(pexpect.EOF)
    attributes = termios.tcgetattr(child.child_fd)
    child.close()
    assert child.signalstatus is None, "killed by the signal: no cleanup ran"
    assert child.exitstatus == status
    assert "Traceback" not in after + (child.before or "")
    assert BRACKETED_PASTE_OFF in after and CURSOR_SHOWN in after
    local = attributes[3]
    assert local & termios.ECHO and local & termios.ICANON, "echo or canonical mode left off"
    assert not saved.exists()
    assert not (tmp_path / "home" / "history.jsonl").exists()
    kept = json.loads((tmp_path / "home" / "unfinished-quiz.json").read_text("utf-8"))
    assert kept["answers"] == [3]


def test_a_signal_in_plain_mode_exits_like_ctrl_c(command: str, tmp_path: Path) -> None:
    child = spawn(command, ["quiz", "--plain"], tmp_path)
    child.expect(f"1/{N}")
    child.kill(signal.SIGTERM)
    child.expect("Quiz cancelled; nothing was saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 143


def hang_up(child: pexpect.spawn) -> int:
    """Close the terminal under the quiz, as closing its window does; the exit status."""
    child.ptyproc.fileobj.close()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        pid, status = os.waitpid(child.pid, os.WNOHANG)
        if pid:
            child.ptyproc.closed = True
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    child.kill(signal.SIGKILL)
    raise AssertionError("the quiz went on after its terminal was closed")


@pytest.mark.parametrize("plain", [False, True])
def test_closing_the_terminal_mid_quiz_keeps_the_answers_exit_129(
    command: str, tmp_path: Path, plain: bool
) -> None:
    child = spawn(command, ["quiz", *(["--plain"] if plain else [])], tmp_path)
    for number in (1, 2):
        child.expect(f"{number}/{N}" if plain else f"Statement {number} of {N}")
        child.expect("> " if plain else r"\(arrow keys")
        child.send(f"{number + 3}\r" if plain else f"{number + 3}{ENTER}")
    child.expect(f"3/{N}" if plain else f"Statement 3 of {N}")
    child.expect("> " if plain else r"\(arrow keys")
    assert hang_up(child) == 129
    kept = json.loads((tmp_path / "home" / "unfinished-quiz.json").read_text("utf-8"))
    assert kept["answers"] == [4, 5]


def test_a_signal_just_after_an_answer_is_not_lost(command: str, tmp_path: Path) -> None:
    # No cursor-position replies: prompt_toolkit waits a second for one after each answer.
    child = pexpect.spawn(
        command,
        ["quiz"],
        env=spawn(command, [], tmp_path).env,
        cwd=str(tmp_path),
        dimensions=(40, 100),
        encoding="utf-8",
        timeout=5,
    )
    child.expect(f"Statement 1 of {N}")
    child.expect(r"\(arrow keys")
    child.send("4" + ENTER)
    time.sleep(0.2)
    child.kill(signal.SIGTERM)
    child.expect("Quiz stopped. Kept your answer; continue with: rolecompare quiz --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 143
    kept = json.loads((tmp_path / "home" / "unfinished-quiz.json").read_text("utf-8"))
    assert kept["answers"] == [4]
