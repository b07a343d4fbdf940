"""The installed `rolecompare quiz` in a real pseudo-terminal, driven as a person would."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pexpect
import pytest

from rolecompare.core import loader

from ..conftest import REAL_DATA

pytestmark = pytest.mark.e2e

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
DATA = loader.load(REAL_DATA)
N = len(DATA.quiz.statements)


CURSOR_POSITION_REQUEST = "\x1b[6n"


class Terminal(pexpect.spawn):  # type: ignore[misc]
    """A pseudo-terminal that answers cursor position requests, as a terminal emulator does.

    prompt_toolkit asks where the cursor is each time it draws a statement and, when nothing
    answers, waits a second for the reply before it returns the answer: most of a quiz's time.
    The reply puts the cursor on the bottom row, where a terminal that has scrolled keeps it.
    """

    _tail = ""

    def read_nonblocking(self, size: int = 1, timeout: float | None = -1) -> str:
        data: str = super().read_nonblocking(size, timeout)
        seen = self._tail + data  # a request split over two reads is still seen once
        asked = seen.count(CURSOR_POSITION_REQUEST) - self._tail.count(CURSOR_POSITION_REQUEST)
        self._tail = seen[-(len(CURSOR_POSITION_REQUEST) - 1) :]
        rows = self.getwinsize()[0]
        for _ in range(asked):
            os.write(self.child_fd, f"\x1b[{rows};1R".encode())
        return data


def spawn(command: str, args: list[str], cwd: Path) -> pexpect.spawn:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "ROLECOMPARE_HOME": str(cwd / "home"),
        "LANG": "C.UTF-8",
    }
    child = Terminal(
        command, args, env=env, cwd=str(cwd), dimensions=(40, 100), encoding="utf-8", timeout=20
    )
    # No pause before each keystroke (pexpect's default is 50 ms): every test waits for the
    # prompt it answers, so the keys never arrive before the prompt reads them.
    child.delaybeforesend = None
    return child


def move(value: int, current: int = 3) -> str:
    """Arrow keys from ``current`` (Neutral is preselected) to ``value``, then Enter."""
    return (DOWN * (value - current) if value >= current else UP * (current - value)) + ENTER


def test_arrow_keys_one_back_to_the_result(command: str, tmp_path: Path) -> None:
    saved = tmp_path / "result.json"
    child = spawn(command, ["quiz", "--save", str(saved)], tmp_path)
    child.expect(f"{N} statements, about")
    answers: list[int] = []
    child.expect(f"Statement 1 of {N} - ")
    child.send(move(4))
    child.expect(f"Statement 2 of {N} - ")
    child.send(move(6))  # Back, directly below the five answers
    child.expect(f"Statement 1 of {N} - ")
    child.send(move(5, current=4))  # the earlier answer, 4, is preselected
    answers.append(5)
    for number in range(2, N + 1):
        child.expect(f"Statement {number} of {N} - ")
        value = 1 if number % 3 else 4
        child.send(move(value))
        answers.append(value)
    child.expect("Your result")
    child.expect("Recorded in your history")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    interactive = json.loads(saved.read_text(encoding="utf-8"))
    assert interactive["answers"] == answers
    scripted = subprocess.run(
        [command, "quiz", "--answers", ",".join(map(str, answers)), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={**os.environ, "ROLECOMPARE_HOME": str(tmp_path / "home")},
    )
    scripted_doc = json.loads(scripted.stdout)
    assert scripted_doc.pop("taken_at") and interactive.pop("taken_at")
    assert scripted_doc == interactive


def interrupt(child: pexpect.spawn, said: str) -> None:
    """Ctrl-C as the terminal sends it: the quiz says ``said`` and ends with exit 130."""
    child.sendintr()
    child.expect(said)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_ctrl_c_cancels_with_exit_130(command: str, tmp_path: Path) -> None:
    child = spawn(command, ["quiz", "--save", str(tmp_path / "never.json")], tmp_path)
    child.expect(f"Statement 1 of {N}")
    interrupt(child, "Quiz cancelled; nothing was saved.")
    assert "Traceback" not in (child.before or "")
    assert not (tmp_path / "never.json").exists()
    assert not (tmp_path / "home" / "unfinished-quiz.json").exists()


def test_ctrl_c_keeps_the_answers_and_resume_goes_on_from_the_next_statement(
    command: str, tmp_path: Path
) -> None:
    kept = tmp_path / "home" / "unfinished-quiz.json"
    child = spawn(command, ["quiz"], tmp_path)
    for number, value in enumerate((5, 1, 4), 1):
        child.expect(f"Statement {number} of {N} - ")
        child.send(move(value))
    child.expect(f"Statement 4 of {N} - ")
    interrupt(child, "Quiz stopped. Kept your 3 answers; continue with: rolecompare quiz --resume")
    assert oct(kept.stat().st_mode & 0o777) == "0o600"

    child = spawn(command, ["quiz", "--resume", "--format", "json"], tmp_path)
    child.expect(f"Going on from statement 4 of {N}, with your 3 answers kept")
    child.expect(f"Statement 4 of {N} - ")
    child.send(move(6))  # Back to statement 3, its kept answer (4) preselected
    child.expect(f"Statement 3 of {N} - ")
    child.send(move(2, current=4))
    for number in range(4, N + 1):
        child.expect(f"Statement {number} of {N} - ")
        child.send(move(3))
    child.expect('"answers"')
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not kept.exists()
    with (tmp_path / "home" / "history.jsonl").open(encoding="utf-8") as recorded:
        assert json.loads(recorded.readline())["answers"] == [5, 1, 2] + [3] * (N - 3)


def test_plain_mode_when_a_person_types_asks_again(command: str, tmp_path: Path) -> None:
    child = spawn(command, ["quiz", "--plain", "--format", "json"], tmp_path)
    child.expect(f"1/{N}")
    child.sendline("maybe")
    child.expect("is not an answer")
    for _ in range(N):
        child.sendline("3")
    child.expect('"verdict": "no-signal"')
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_the_verdict_is_on_an_80_by_24_screen_when_the_quiz_ends(
    command: str, tmp_path: Path
) -> None:
    child = spawn(command, ["quiz", "--no-history"], tmp_path)
    child.setwinsize(24, 80)
    for number in range(1, N + 1):
        child.expect(f"Statement {number} of {N} - ")
        keyed = DATA.quiz.statements[number - 1].keyed
        child.send(move(5 if keyed == "pmo" and number % 2 else 4 if keyed == "pmo" else 1))
    child.expect("Your result: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    tail = "Your result: " + (child.before or "")
    lines = [line for line in tail.replace("\r", "").split("\n") if line.strip()]
    assert len(lines) <= 22, tail
    assert "a clear preference for PMO" in lines[0]
    assert any("high" in line for line in lines[1:4]) and any("low" in line for line in lines[1:4])


def test_plain_end_of_input_at_the_first_prompt_cancels(command: str, tmp_path: Path) -> None:
    child = spawn(command, ["quiz", "--plain"], tmp_path)
    child.expect(f"1/{N}")
    child.sendeof()
    child.expect("Quiz cancelled; nothing was saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
