"""Issue 18, item 5: ``history --export`` writes a past result's full report, chosen with
``--result N`` (1, the latest, by default)."""

from __future__ import annotations

import json
from pathlib import Path

from rolecompare.core import loader

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
PMO = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
PM = "".join("1" if s.keyed == "pmo" else "5" for s in DATA.quiz.statements)


def test_the_latest_result_is_exported_in_full(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["quiz", "--answers", PMO])
    invoke(["quiz", "--answers", PM])
    target = tmp_path / "last.md"
    result = invoke(["history", "--export", str(target)])
    assert result.exit_code == 0, result.stderr
    report = target.read_text(encoding="utf-8")
    assert "**Your result: a clear preference for Project Manager**" in report
    assert "## Next steps: Project Manager" in report
    assert DATA.quiz.disclaimer in report.replace("\\", "")
    assert "Taken on " in report
    assert "rolecompare " not in report and "Recorded" not in report


def test_result_n_chooses_an_older_one(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["quiz", "--answers", PMO])
    invoke(["quiz", "--answers", PM])
    target = tmp_path / "first.txt"
    assert invoke(["history", "--export", str(target), "--result", "2"]).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "Your result: a clear preference for PMO" in text and "█" in text
    as_json = tmp_path / "first.json"
    invoke(["history", "--export", str(as_json), "--result", "2"])
    assert json.loads(as_json.read_text(encoding="utf-8"))["answers"] == [int(a) for a in PMO]


def test_a_result_that_does_not_exist_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["quiz", "--answers", PMO])
    result = invoke(["history", "--export", str(tmp_path / "x.md"), "--result", "5"])
    assert result.exit_code == 2
    assert "only 1 result" in result.stderr
    assert invoke(["history", "--result", "1"]).exit_code == 2
