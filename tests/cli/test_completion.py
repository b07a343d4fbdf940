"""Tab completion offers role ids from whichever data file is in use."""

from __future__ import annotations

import os
import subprocess

import pytest

from ..conftest import THREE_ROLES, installed_command

pytestmark = pytest.mark.e2e


def complete(words: str) -> list[str]:
    command = installed_command()
    if command is None:
        pytest.skip("rolecompare is not installed next to this Python; set ROLECOMPARE_BIN")
    env = {
        **os.environ,
        "_ROLECOMPARE_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    done = subprocess.run([command], env=env, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_role_ids_complete() -> None:
    assert complete("rolecompare rates --role p") == ["pmo", "pm"]
    assert complete("rolecompare show --role pmo") == ["pmo"]


def test_completion_follows_the_data_option() -> None:
    assert complete(f"rolecompare --data {THREE_ROLES} rates --role s") == ["scrum"]


def test_dimension_ids_complete() -> None:
    assert complete("rolecompare show -d dec") == ["decision-making"]
