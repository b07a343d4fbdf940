"""Class 8, signals: SIGTERM or SIGHUP during the interactive quiz restores the terminal and
exits 143 or 129 with the same message as Ctrl-C; nothing is recorded, and the answers given
are kept for ``quiz --resume`` as after Ctrl-C."""

from __future__ import annotations

import json
import signal
import termios
from pathlib import Path

import pexpect
import pytest

from ..quiz.test_quiz_e2e import ENTER, N, spawn

pytestmark = pytest.mark.e2e

BRACKETED_PASTE_OFF = "\x1b[?2004l"
CURSOR_SHOWN = "\x1b[?25h"


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
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
