"""Issue 18, item 7: a stopped quiz keeps its answers, and ``quiz --resume`` goes on from there.

The store (:mod:`rolecompare.core.resume`) on its own, the prompt loops with a resumed start, and
the command through CliRunner: end of input with ``--plain``, Ctrl-C and SIGTERM, ``--resume``
and what it refuses. The kept file is read as untrusted: every bad file gives one line, exit 1.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from rolecompare.core import history, loader, resume
from rolecompare.core.errors import DataError, FileWriteError
from rolecompare.core.signals import Terminated
from rolecompare.ui import prompts

from ..conftest import REAL_DATA, Invoke
from ..helpers import variant
from .test_prompts import SHORT, pick

DATA = loader.load(REAL_DATA)
N = len(DATA.quiz.statements)
OTHER_USER = 4242
"""A user id no test machine gives to the person running the tests."""
KEPT = "Kept your 3 answers; continue with: rolecompare quiz --resume --plain"


def kept_file() -> Path:
    return history.home() / "unfinished-quiz.json"


def written(**changes: Any) -> Path:
    """A kept file as the tool writes it for the first three answers, with ``changes``."""
    path = kept_file()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_text(json.dumps({**resume.document(DATA, [5, 1, 4]), **changes}), "utf-8")
    path.chmod(0o600)
    return path


# ------------------------------------------------------------------------------ the store


def test_saved_answers_come_back_private_and_beside_the_history() -> None:
    path = resume.save(DATA, [5, 1, 4])
    assert path.parent == history.history_path().parent
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert resume.load(DATA) == (5, 1, 4)
    saved = json.loads(path.read_text("utf-8"))
    assert saved["bank_version"] == DATA.quiz.version
    assert saved["statements"] == [s.id for s in DATA.quiz.statements]
    resume.clear()
    assert resume.load(DATA) is None and not path.exists()


def test_saving_again_replaces_the_earlier_answers_and_stays_private() -> None:
    path = written()
    path.chmod(0o644)  # group and others may read; writing again makes it private
    resume.save(DATA, [2, 2])
    assert resume.load(DATA) == (2, 2)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_nothing_kept_is_none_and_clearing_nothing_is_fine() -> None:
    assert resume.load(DATA) is None
    resume.clear()
    assert not resume.exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "it is damaged (not a JSON document)"),
        (b"\xff\xfe\x00", "it is damaged (not a JSON document)"),
        (b"[" * 30000 + b"]" * 30000, "it is damaged (not a JSON document)"),
        (b'{"answers": [5, 1]}', "it is not a file of saved quiz answers"),
        (b'["rolecompare unfinished quiz"]', "it is not a file of saved quiz answers"),
    ],
)
def test_a_damaged_or_foreign_file_is_refused_with_one_line(content: bytes, reason: str) -> None:
    path = written()
    path.write_bytes(content)
    with pytest.raises(DataError) as refused:
        resume.load(DATA)
    assert f"cannot resume from {path}: {reason}" in refused.value.message
    assert "start afresh: rolecompare quiz" in refused.value.message


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"format": 2}, "written by another version of rolecompare"),
        ({"bank_version": "1"}, "given to quiz bank version 1, and this quiz is version"),
        ({"bank_version": ["1"]}, "given to quiz bank version (unknown)"),
        ({"statements": ["q01"]}, "given to other statements"),
        ({"data_mark": "000000000000"}, "given to other statements"),
        ({"answers": [5, 6]}, "its answers are not 1 to 5"),
        ({"answers": [5, True]}, "its answers are not 1 to 5"),
        ({"answers": []}, "its answers are not 1 to 5"),
        ({"answers": [3] * N}, f"for fewer than {N} statements"),
        ({"answers": "531"}, "its answers are not 1 to 5"),
    ],
)
def test_answers_that_do_not_fit_this_bank_are_refused(
    changes: dict[str, Any], reason: str
) -> None:
    written(**changes)
    with pytest.raises(DataError) as refused:
        resume.load(DATA)
    assert reason in refused.value.message


def test_answers_kept_for_another_bank_version_are_not_carried_over(tmp_path: Path) -> None:
    resume.save(DATA, [5, 1, 4])
    now = DATA.quiz.version
    edited = loader.load(variant(tmp_path, (f'version = "{now}"', f'version = "{now}b"')))
    with pytest.raises(DataError, match=f"bank version {now}, and this quiz is version {now}b"):
        resume.load(edited)


def test_a_file_too_large_is_refused_before_it_is_read() -> None:
    written().write_bytes(b" " * (resume.MAX_BYTES + 1))
    with pytest.raises(DataError, match="too large to be read"):
        resume.load(DATA)


def test_a_link_in_its_place_is_never_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps(resume.document(DATA, [5, 1, 4])), "utf-8")
    path = kept_file()
    path.parent.mkdir(mode=0o700, parents=True)
    path.symlink_to(elsewhere)
    with pytest.raises(DataError, match="it is a symbolic link"):
        resume.load(DATA)
    with pytest.raises(FileWriteError, match="it is a symbolic link"):
        resume.save(DATA, [2])
    assert json.loads(elsewhere.read_text("utf-8"))["answers"] == [5, 1, 4]
    resume.clear()  # the link goes, never what it points at
    assert not path.is_symlink() and elsewhere.exists()


def test_another_users_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    path = written()
    monkeypatch.setattr(os, "geteuid", lambda: path.stat().st_uid + 1)
    with pytest.raises(DataError, match="it belongs to the user"):
        resume.load(DATA)


def test_a_folder_others_can_write_to_is_refused() -> None:
    path = written()
    path.parent.chmod(0o777)
    with pytest.raises(DataError, match="other users can write to the folder"):
        resume.load(DATA)
    with pytest.raises(FileWriteError, match="other users can write to the folder"):
        resume.save(DATA, [2])


def test_a_version_with_escape_sequences_is_shown_inert(invoke: Invoke) -> None:
    written(bank_version="\x1b[2J\x1b]0;owned\x07")
    result = invoke(["quiz", "--plain", "--resume"], input="")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b[2J" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------------------ the prompts


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def test_the_prompts_keep_the_answers_so_far_up_to_date(pipe: PipeInput) -> None:
    given: list[int] = []
    pipe.send_text(pick(5) + pick(1) + "\x03")
    with pytest.raises(KeyboardInterrupt):
        prompts.ask_all(SHORT, given, input=pipe, output=DummyOutput())
    assert given == [5, 1]


def test_the_prompts_go_on_after_the_given_answers_and_back_revisits_them(
    pipe: PipeInput,
) -> None:
    given = [5, 1]
    # Statement 3 first; Back goes to statement 2 with its kept answer (1) preselected.
    pipe.send_text(pick(6) + pick(2, current=1) + pick(4) + pick(4))
    assert prompts.ask_all(SHORT, given, input=pipe, output=DummyOutput()) == [5, 2, 4, 4]


# ------------------------------------------------------------------------------ --plain


def test_end_of_input_keeps_the_answers_and_resume_goes_on(invoke: Invoke) -> None:
    stopped = invoke(["quiz", "--plain"], input="5\n1\n4\n")
    assert stopped.exit_code == 2
    line = stopped.stderr.strip().splitlines()[-1]
    assert line.startswith(f"Error: standard input ended after 3 of {N} answers")
    assert line.endswith(KEPT)
    assert stat.S_IMODE(kept_file().stat().st_mode) == 0o600
    rest = "\n".join(["b", "", *"3" * (N - 3)]) + "\n"  # back to 3: Enter keeps its 4
    finished = invoke(["quiz", "--plain", "--resume", "-f", "json"], input=rest)
    assert finished.exit_code == 0, finished.stderr
    assert f"Going on from statement 4 of {N}, with your 3 answers kept" in finished.stderr
    assert f"3/{N} (" in finished.stderr and "(Enter keeps 4)" in finished.stderr
    assert json.loads(finished.stdout)["answers"] == [5, 1, 4] + [3] * (N - 3)
    assert not kept_file().exists()
    assert history.load().records[-1].answers == (5, 1, 4, *[3] * (N - 3))


def test_no_history_keeps_nothing_and_says_so(invoke: Invoke) -> None:
    result = invoke(["quiz", "--plain", "--no-history"], input="5\n1\n4\n")
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .endswith(
            f"ended after 3 of {N} answers; give one answer (1-5) per line. "
            "Nothing was kept (--no-history)."
        )
    )
    assert not kept_file().exists()


def test_resume_with_nothing_kept_is_a_clear_error_exit_1(invoke: Invoke) -> None:
    result = invoke(["quiz", "--plain", "--resume"], input="3\n" * N)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: there is no stopped quiz to resume in ")
    assert "start one with: rolecompare quiz" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "extra", [["--answers", "3" * N], ["--answers-file", "x.csv"], ["--questions"]]
)
def test_resume_with_answers_given_otherwise_is_a_usage_error(
    invoke: Invoke, extra: list[str]
) -> None:
    written()
    result = invoke(["quiz", "--resume", *extra])
    assert result.exit_code == 2
    assert "--resume goes on with a quiz answered in the terminal" in result.stderr
    assert kept_file().exists()


def test_a_damaged_kept_file_stops_resume_with_one_line(invoke: Invoke) -> None:
    written().write_text("{", "utf-8")
    result = invoke(["quiz", "--plain", "--resume"], input="3\n" * N)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: cannot resume from {kept_file()}: it is damaged (not a JSON document); "
        f"remove it (rm {kept_file()}) and start afresh: rolecompare quiz"
    ]


def test_a_new_quiz_mentions_the_kept_one_and_finishing_clears_it(invoke: Invoke) -> None:
    written()
    result = invoke(["quiz", "--plain", "-f", "json"], input="3\n" * N)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        "A stopped quiz kept your 3 answers: stopping this quiz after an answer would replace "
        "them, finishing it removes them. To go on with them instead, run: rolecompare quiz "
        "--resume"
    )  # answers piped in: no "press Ctrl-C now"
    assert not kept_file().exists()


def test_scripted_answers_leave_the_kept_quiz_alone(invoke: Invoke) -> None:
    written()
    assert invoke(["quiz", "--answers", "3" * N, "-f", "json"]).exit_code == 0
    assert resume.load(DATA) == (5, 1, 4)


@pytest.mark.parametrize(("stop", "code"), [(KeyboardInterrupt(), 130), (Terminated(15), 143)])
def test_ctrl_c_and_sigterm_keep_the_answers_and_say_so_in_one_line(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, stop: BaseException, code: int
) -> None:
    from rolecompare.ui import plain

    def stopped(data: object, *args: object, given: list[int], **kwargs: object) -> list[int]:
        given += [5, 1, 4]
        raise stop

    monkeypatch.setattr(plain, "ask_all", stopped)
    result = invoke(["quiz", "--plain"], input="")
    assert result.exit_code == code
    assert result.stderr.strip().splitlines() == [f"Quiz stopped. {KEPT}"]
    assert resume.load(DATA) == (5, 1, 4)


def test_ctrl_c_when_the_answers_cannot_be_kept_says_why(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolecompare.ui import plain

    def stopped(data: object, *args: object, given: list[int], **kwargs: object) -> list[int]:
        given += [5]
        raise KeyboardInterrupt

    monkeypatch.setattr(plain, "ask_all", stopped)
    history.home().parent.mkdir(parents=True, exist_ok=True)
    history.home().write_text("a file where the folder goes", "utf-8")
    result = invoke(["quiz", "--plain"], input="")
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines() == [
        f"Quiz stopped. Your answers were not kept: cannot keep your answers in {kept_file()}: "
        f"{history.home()} is a file, not a folder; set ROLECOMPARE_HOME to a folder"
    ]


def test_the_prompts_keep_the_answers_when_input_ends(pipe: PipeInput) -> None:
    given: list[int] = []
    pipe.send_text(pick(4) + pick(2))
    pipe.close()
    with pytest.raises(EOFError):
        prompts.ask_all(SHORT, given, input=pipe, output=DummyOutput())
    assert given == [4, 2]


def test_input_ending_in_the_interactive_quiz_keeps_the_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rolecompare.commands import quiz as command
    from rolecompare.core.errors import InputEnded

    def ended(data: object, given: list[int]) -> list[int]:
        given += [4, 2]
        raise EOFError

    monkeypatch.setattr(prompts, "ask_all", ended)
    monkeypatch.setattr("rolecompare.ui.output.show", lambda *args, **kwargs: None)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)  # still a terminal
    with pytest.raises(InputEnded) as stopped:
        command._asked(DATA, False, True, [], keep=True, data_path=None)
    assert stopped.value.message == (
        "input ended before the quiz was finished; run it again in a terminal, or use --plain. "
        "Kept your 2 answers; continue with: rolecompare quiz --resume"
    )
    assert stopped.value.exit_code == 2
    assert resume.load(DATA) == (4, 2)


def test_ctrl_c_with_no_history_keeps_nothing_and_says_so(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolecompare.ui import plain

    def stopped(data: object, *args: object, given: list[int], **kwargs: object) -> list[int]:
        given += [5, 1]
        raise KeyboardInterrupt

    monkeypatch.setattr(plain, "ask_all", stopped)
    result = invoke(["quiz", "--plain", "--no-history"], input="")
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines() == [
        "Quiz cancelled; nothing was kept (--no-history)."
    ]
    assert not resume.exists()


def test_answers_to_another_data_file_resume_only_with_it(invoke: Invoke) -> None:
    from ..conftest import THREE_ROLES

    three = loader.load(THREE_ROLES)
    count = len(three.quiz.statements)
    stopped = invoke(["--data", str(THREE_ROLES), "quiz", "--plain"], input="5\n1\n")
    assert stopped.stderr.rstrip().endswith(
        f"Kept your 2 answers; continue with: rolecompare --data {THREE_ROLES} quiz --resume --plain"
    )
    other = invoke(["quiz", "--plain", "--resume"], input="3\n" * N)
    assert other.exit_code == 1
    assert (
        f"the answers were given to quiz bank version {three.quiz.version}, and this quiz is"
        in (other.stderr)
    )
    assert resume.exists()  # refused, not removed: the right data file still resumes them
    again = invoke(["--data", str(THREE_ROLES), "quiz", "--plain", "--resume"], input="4\n")
    assert again.exit_code == 2
    assert again.stderr.rstrip().endswith(
        f"Kept your 3 answers; continue with: rolecompare --data {THREE_ROLES} quiz --resume --plain"
    )
    rest = "3\n" * (count - 3)
    command = ["--data", str(THREE_ROLES), "quiz", "--plain", "--resume", "-f", "json"]
    same = invoke(command, input=rest)
    assert same.exit_code == 0, same.stderr
    assert json.loads(same.stdout)["answers"] == [5, 1, 4] + [3] * (count - 3)


def test_a_piped_line_that_is_not_an_answer_keeps_the_answers_before_it(invoke: Invoke) -> None:
    result = invoke(["quiz", "--plain"], input="4\n4\nx\n")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: line 3 of standard input is 'x'; expected 1-5 or b for back. "
        "Kept your 2 answers; continue with: rolecompare quiz --resume --plain"
    )
    assert resume.load(DATA) == (4, 4)


def test_resume_without_a_terminal_refuses_before_going_on(invoke: Invoke) -> None:
    written()
    result = invoke(["quiz", "--resume"], input="")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: the interactive quiz needs a terminal")
    assert "Going on" not in result.stderr
    assert resume.load(DATA) == (5, 1, 4)


def test_a_new_quiz_stopped_says_it_replaced_the_kept_answers(invoke: Invoke) -> None:
    written()
    result = invoke(["quiz", "--plain"], input="4\n4\n")
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .endswith(
            "Kept your 2 answers, replacing the 3 answers kept earlier; "
            "continue with: rolecompare quiz --resume --plain"
        )
    )
    assert resume.load(DATA) == (4, 4)


def test_a_resumed_quiz_stopped_again_replaces_only_its_own_answers_quietly(
    invoke: Invoke,
) -> None:
    written()
    result = invoke(["quiz", "--plain", "--resume"], input="4\n")
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .endswith("Kept your 4 answers; continue with: rolecompare quiz --resume --plain")
    )


def test_finishing_leaves_the_answers_another_quiz_kept_meanwhile(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolecompare.ui import plain

    def answered(data: object, *args: object, given: list[int], **kwargs: object) -> list[int]:
        resume.save(DATA, [2, 2])  # another quiz, stopped while this one was being answered
        return [*given, *[3] * (N - len(given))]

    monkeypatch.setattr(plain, "ask_all", answered)
    written()
    result = invoke(["quiz", "--plain", "--resume", "-f", "json"], input="")
    assert result.exit_code == 0, result.stderr
    assert resume.load(DATA) == (2, 2)


def test_only_the_kept_file_a_quiz_saw_is_cleared() -> None:
    written()
    seen = resume.peek()
    assert seen is not None and seen[1] == 3
    resume.save(DATA, [5, 1, 4])  # the same answers, written anew: another file
    assert not resume.clear_if_unchanged(seen[0]) and resume.load(DATA) == (5, 1, 4)
    now = resume.peek()
    assert now is not None and resume.clear_if_unchanged(now[0]) and not resume.exists()


def test_a_second_ctrl_c_cannot_cut_the_keeping_short() -> None:
    """While the answers are kept, and once a stop has begun, SIGINT is ignored."""
    import signal

    from rolecompare.core import signals

    before = signal.getsignal(signal.SIGINT)
    try:
        signals.stopping()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        with signals.held():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # and stays so to the end
    finally:
        signal.signal(signal.SIGINT, before)
