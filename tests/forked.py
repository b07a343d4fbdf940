"""Many command lines for the price of one interpreter start.

A real process is the only way to test encodings, closed or full streams and a Typer without its
internals, but each interpreter start costs a few tenths of a second. The driver here starts one
interpreter, imports the command once, and runs each command line in a process forked from it,
with standard output and error in files of their own: what a test sees is what a separate run
of the console script would give (``sys.exit(main())``, streams flushed at exit).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

DRIVER = """
import gc, json, os, sys

folder, stdout_to, cases = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
{before}
from rolecompare.cli import main  # what the console script imports: here once for every case
{imports}
gc.freeze()  # what was imported stays put: the forked processes do not copy or scan it again
codes = []
for n, args in enumerate(cases):
    pid = os.fork()
    if pid == 0:  # the case's own process, its standard output and error in files of its own
        out = stdout_to or f"{{folder}}/{{n}}.out"
        for fd, name in ((1, out), (2, f"{{folder}}/{{n}}.err")):
            target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(target, fd)
            os.close(target)
        sys.argv = ["rolecompare", *args]
        try:
            sys.exit(main())  # as the console script ends: streams flushed at exit
        finally:
{after}
    codes.append(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
print(json.dumps(codes))
"""

EVERY_MODULE = """
import importlib, pkgutil, rolecompare

for module in pkgutil.walk_packages(rolecompare.__path__, "rolecompare."):
    if not module.name.endswith("__main__"):  # importing that one would run the command
        importlib.import_module(module.name)  # what commands import lazily: once, not per case
"""


@dataclass(frozen=True)
class Case:
    """One command line's exit status and what it wrote."""

    code: int
    stdout: bytes
    stderr: bytes


def interpreter_of(command: str) -> str | None:
    """The Python a console script runs with, from its ``#!`` line; None for any other script."""
    first = Path(command).read_bytes().split(b"\n", 1)[0].decode(errors="replace")
    python = first.removeprefix("#!").strip()
    return python if first.startswith("#!/") and " " not in python and "python" in python else None


def run_forked(
    python: str,
    cases: list[list[str]],
    folder: Path,
    env: dict[str, str],
    *,
    before: str = "",
    after: str = "pass",
    stdout_to: str = "",
) -> list[Case]:
    """Each case in a process forked from one interpreter of ``python``, started with ``env``.

    ``before`` runs before the command is imported (an import hook, say); ``after`` runs in each
    case's process as it ends (indented into a ``finally``); ``stdout_to`` sends every case's
    standard output to that file instead (``/dev/full``, say).
    """
    folder.mkdir(parents=True, exist_ok=True)
    indented = "\n".join("            " + line for line in after.splitlines())
    driver = DRIVER.format(
        before=before,
        imports=EVERY_MODULE,
        after=indented,
    )
    done = subprocess.run(
        [python, "-c", driver, str(folder), stdout_to, json.dumps(cases)],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    codes = json.loads(done.stdout)
    assert len(codes) == len(cases)
    return [
        Case(
            code,
            b"" if stdout_to else (folder / f"{n}.out").read_bytes(),
            (folder / f"{n}.err").read_bytes(),
        )
        for n, code in enumerate(codes)
    ]


def base_environment(home: Path) -> dict[str, str]:
    """What every forked run needs: a path, this checkout's modules and a home of its own."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        "ROLECOMPARE_HOME": str(home),
    }
