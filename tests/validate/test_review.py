"""`validate` warns (and passes) when text shown as shared by every role reads as written for two."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rolecompare.core import loader
from rolecompare.core.review import two_role_warnings

from ..conftest import REAL_DATA, Invoke
from ..helpers import many_roles, third_role


def test_two_roles_get_no_such_warning() -> None:
    assert two_role_warnings(loader.load(REAL_DATA)) == []


def test_a_third_role_flags_every_both_and_every_partial_naming(tmp_path: Path) -> None:
    data = loader.load(third_role(tmp_path))
    warnings = two_role_warnings(data)
    flagged = {w.split(" ", 1)[0] for w in warnings}
    expected = {
        "similarities.collaboration.text",
        "similarities.project-management-expertise.text",
        "similarities.goal-orientation.text",
        "dimensions.salary-and-job-outlook.shared[1]",
        "context.points[0]",
        "context.points[1]",
        "context.points[2]",
        "quiz.intro",  # "PMO staff or project managers": written for two
        "quiz.hybrid",
    }
    assert flagged == expected
    partial = next(w for w in warnings if w.startswith("dimensions.salary"))
    assert "names PMO and Project Manager only" in partial and "3 roles" in partial


def extra_similarity_warnings(tmp_path: Path, text: str) -> list[str]:
    """The review's warnings about a similarity saying ``text``, in data with three roles."""
    path = many_roles(tmp_path, 1)
    raw = path.read_text(encoding="utf-8")
    for old in ("[similarities.", "[context]"):
        assert old in raw
    raw = raw.replace(
        "[context]", f'[similarities.extra]\ntitle = "Extra"\ntext = "{text}"\n\n[context]', 1
    )
    path.write_text(raw, encoding="utf-8")
    return [w for w in two_role_warnings(loader.load(path)) if "similarities.extra" in w]


@pytest.mark.parametrize(
    "text",
    [
        "Both need planning.",
        "They BOTH plan.",
        "Shared by both.",
        "PMO and Project Managers plan.",
        "pmo and project managers plan.",  # names in any case
        "The two roles plan.",
    ],
)
def test_each_sign_is_caught_wherever_shared_text_lives(tmp_path: Path, text: str) -> None:
    warnings = extra_similarity_warnings(tmp_path, text)
    assert any(w.startswith("similarities.extra.text ") for w in warnings)


def test_a_role_named_in_lower_case_or_by_its_full_name_counts_as_named(tmp_path: Path) -> None:
    """Text like "PMO staff or project managers" names two roles, not one."""
    text = "Project Management Office staff or project managers plan."
    (warning,) = extra_similarity_warnings(tmp_path, text)
    assert "names PMO and Project Manager only" in warning


def test_text_naming_every_role_or_none_is_fine(tmp_path: Path) -> None:
    text = "PMO, project managers and role 0 all plan; every role needs people skills."
    assert extra_similarity_warnings(tmp_path, text) == []


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_validate_warns_but_passes(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    result = invoke(["validate", str(third_role(tmp_path)), "-f", fmt])
    assert result.exit_code == 0
    if fmt == "json":
        doc = json.loads(result.stdout)
        assert doc["valid"] and any('says "both"' in w for w in doc["warnings"])
    else:
        assert 'Warning: similarities.collaboration.text says "both"' in result.stdout
