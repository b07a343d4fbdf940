"""Class 2, saving over what is not a regular file: decide per kind, never damage the target.

A symbolic link is followed (the link survives), a character device or a FIFO is written through
(never replaced by a regular file), a socket is refused, and a temporary file is never left
behind, not even when the process is terminated in the middle of a write.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from rolecompare.core import loader

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
ANSWERS = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
QUIZ = ["quiz", "--answers", ANSWERS]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_link_to_a_file_survives_and_its_file_is_replaced(invoke: Invoke, tmp_path: Path) -> None:
    real = tmp_path / "results" / "real.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = invoke([*QUIZ, "--save", str(link)])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["answers"]
    assert leftovers(tmp_path) == [] and leftovers(real.parent) == []


def test_a_dangling_link_creates_the_file_it_points_to(invoke: Invoke, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "new.json")
    assert invoke([*QUIZ, "--save", str(link)]).exit_code == 0
    assert link.is_symlink() and json.loads((tmp_path / "new.json").read_text())["answers"]


def test_an_export_through_a_link_keeps_the_link(invoke: Invoke, tmp_path: Path) -> None:
    real = tmp_path / "real.svg"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.svg"
    link.symlink_to(real)
    assert invoke(["show", "--export", str(link)]).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_written_through_not_replaced(invoke: Invoke, tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    for args in ([*QUIZ, "--save", str(null)], ["show", "--export", str(tmp_path / "n.svg")]):
        assert invoke(args).exit_code == 0
    assert stat.S_ISCHR(null.lstat().st_mode)
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # what /dev/full is
    result = invoke([*QUIZ, "--save", str(full)])
    assert result.exit_code == 1
    assert f"cannot write {full}: no space left on the device" in result.stderr
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert leftovers(tmp_path) == []


def test_a_fifo_with_a_reader_is_written_through(invoke: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    deadline = time.monotonic() + 10
    result = None
    while time.monotonic() < deadline:  # the reader has to open its end first
        result = invoke([*QUIZ, "--save", str(fifo)])
        if result.exit_code == 0:
            break
        time.sleep(0.05)
    reader.join(10)
    assert result is not None and result.exit_code == 0, result.stderr if result else ""
    assert json.loads(received[0])["answers"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_fifo_nobody_reads_fails_at_once(invoke: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = invoke([*QUIZ, "--save", str(fifo)])
    assert result.exit_code == 1
    assert f"cannot write {fifo}: no process is reading from it" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert leftovers(tmp_path) == []


def test_a_socket_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        result = invoke([*QUIZ, "--save", str(path)])
    finally:
        server.close()
    assert result.exit_code == 1
    assert "it is a socket, not a regular file" in result.stderr
    assert stat.S_ISSOCK(path.lstat().st_mode)


SLOW_WRITE = """
import os, sys, time
real_fsync = os.fsync
def slow_fsync(fd):
    sys.stderr.write("WRITING\\n"); sys.stderr.flush()
    time.sleep(30)
    real_fsync(fd)
os.fsync = slow_fsync
from rolecompare.cli import main
sys.argv = ["rolecompare", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_terminated_mid_write_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "out" / "result.json"
    target.parent.mkdir()
    env = {**os.environ, "ROLECOMPARE_HOME": str(tmp_path / "home")}
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, *QUIZ, "--no-history", "--save", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stderr is not None
    try:
        assert child.stderr.readline().strip() == "WRITING"
        names = [p.name for p in target.parent.iterdir()]
        assert len(names) == 1 and names[0].startswith(".rolecompare-"), names
        child.send_signal(signum)
        status = child.wait(20)
    finally:
        child.kill()
    assert status == 128 + signum
    assert "Traceback" not in child.stderr.read()
    assert list(target.parent.iterdir()) == []


def test_the_temporary_name_does_not_grow_with_the_target_name(
    invoke: Invoke, tmp_path: Path
) -> None:
    target = tmp_path / ("r" * 250 + ".json")  # a valid name, at the file system's limit
    result = invoke([*QUIZ, "--save", str(target)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["answers"]
