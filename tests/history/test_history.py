"""Quiz history: appends, concurrent writers, damaged lines, clearing, and the previous attempt."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import re
from pathlib import Path
from typing import Any

import pytest

from rolecompare.core import history, loader
from rolecompare.core.history import Record
from rolecompare.core.quiz import data_mark

from ..conftest import REAL_DATA, THREE_ROLES, Invoke

DATA = loader.load(REAL_DATA)
N = len(DATA.quiz.statements)
PMO = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
LEAN_PM = "".join("2" if s.keyed == "pmo" else "4" for s in DATA.quiz.statements)


MARK = data_mark(DATA)


def make_record(day: int, pmo: float, version: str = "1") -> Record:
    """A record as bank version 1 wrote them: percentage shares and a band."""
    return Record(
        time=dt.datetime(2026, 3, day, 10, 0, tzinfo=dt.UTC),
        bank_version=version,
        scores={"pmo": pmo, "pm": 100 - pmo},
        recommendation="pmo" if pmo >= 60 else None,
        band="lean" if pmo >= 60 else "too-close",
        answers=(3,) * 16,
    )


def new_record(
    day: int, pmo: float, pm: float, verdict: str = "too-close", mark: str | None = None
) -> Record:
    """A record as the quiz writes it now (the JSON result)."""
    figures = {
        role_id: {"mean": mean, "standard_error": 0.2, "level": "mixed", "statements": N // 2}
        for role_id, mean in (("pmo", pmo), ("pm", pm))
    }
    return history.record_of(
        {
            "verdict": verdict,
            "recommendation": verdict if verdict in DATA.roles else None,
            "interest": figures,
            "difference": abs(pmo - pm),
            "margin_of_error": 0.6,
            "warnings": [],
            "bank_version": DATA.quiz.version,
            "data_mark": mark or MARK,
            "answers": [3] * N,
            "taken_at": f"2026-03-{day:02d}T10:00:00+00:00",
        }
    )


def test_home_follows_the_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLECOMPARE_HOME", str(tmp_path / "elsewhere"))
    assert history.history_path() == tmp_path / "elsewhere" / "history.jsonl"
    monkeypatch.delenv("ROLECOMPARE_HOME")
    assert history.history_path().name == "history.jsonl"
    assert "rolecompare" in str(history.history_path()).lower()


def test_append_then_load_round_trips_oldest_first(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    history.append(make_record(5, 70), path)
    history.append(make_record(3, 58), path)
    loaded = history.load(path)
    assert loaded.warnings == ()
    assert [r.time.day for r in loaded.records] == [3, 5]
    assert loaded.records[1].scores == {"pmo": 70, "pm": 30}
    assert path.read_text().count("\n") == 2


def _append_many(args: tuple[str, int]) -> None:
    path, worker = args
    for i in range(40):
        history.append(make_record(1 + (i % 28), float(worker)), Path(path))


def test_two_concurrent_writer_processes_keep_every_record(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        pool.map(_append_many, [(str(path), 10), (str(path), 90)])
    loaded = history.load(path)
    assert loaded.warnings == ()
    assert len(loaded.records) == 80
    assert sorted({(r.scores or {})["pmo"] for r in loaded.records}) == [10, 90]


def test_a_damaged_line_is_skipped_with_a_warning_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    history.append(make_record(1, 70), path)
    with path.open("a", encoding="utf-8") as stream:
        stream.write('{"time": "2026-03-02T10:00:00+00:00", "scores": {"pmo": 5\n')
        stream.write('["not", "a", "record"]\n')
    history.append(make_record(4, 40), path)
    loaded = history.load(path)
    assert [r.time.day for r in loaded.records] == [1, 4]
    assert loaded.warnings == (
        f"skipped damaged line 2 of {path}",
        f"skipped damaged line 3 of {path}",
    )


def test_a_truncated_last_line_does_not_swallow_the_next_record(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    history.append(make_record(1, 70), path)
    with path.open("a", encoding="utf-8") as stream:
        stream.write('{"time": "2026-03-0')  # a crash mid-write: no newline
    history.append(make_record(2, 30), path)
    loaded = history.load(path)
    assert [(r.scores or {})["pmo"] for r in loaded.records] == [70, 30]
    assert len(loaded.warnings) == 1


def test_quiz_records_unless_no_history(invoke: Invoke) -> None:
    assert invoke(["quiz", "--answers", PMO, "--no-history"]).exit_code == 0
    assert history.load().records == ()
    assert invoke(["quiz", "--answers", PMO]).exit_code == 0
    records = history.load().records
    assert len(records) == 1
    assert records[0].recommendation == "pmo"
    assert records[0].answers == tuple(int(c) for c in PMO)
    assert records[0].bank_version == DATA.quiz.version


def test_plain_mode_is_recorded_too(invoke: Invoke) -> None:
    assert invoke(["quiz", "--plain"], input="\n".join(PMO) + "\n").exit_code == 0
    assert len(history.load().records) == 1


def test_the_result_names_the_previous_attempt(invoke: Invoke) -> None:
    history.append(new_record(3, 3.62, 3.3))
    result = invoke(["quiz", "--answers", LEAN_PM])
    assert (
        "Last time, 3 Mar 2026: too close to call; PMO 3.6 mixed, Project Manager 3.3 mixed."
        in " ".join(result.stdout.split())
    )
    second = invoke(["quiz", "--answers", PMO])
    assert "Last time" in second.stdout
    assert "Project Manager 4.0 high" in " ".join(second.stdout.split())


def test_previous_attempt_with_an_older_bank_is_marked(invoke: Invoke) -> None:
    history.append(make_record(3, 70, version="1"))
    result = invoke(["quiz", "--answers", PMO])
    out = " ".join(result.stdout.split())
    assert "(question bank version 1, scored differently)" in out
    assert "PMO 70%, Project Manager 30%" in out


def test_a_previous_result_from_another_data_file_is_never_compared(invoke: Invoke) -> None:
    history.append(new_record(3, 4.0, 2.0, verdict="pmo", mark="0123456789ab"))
    result = invoke(["quiz", "--answers", PMO])
    assert "Last time" not in result.stdout


def test_history_lists_newest_first_with_change_and_trend(invoke: Invoke) -> None:
    history.append(new_record(3, 3.6, 3.3))
    history.append(new_record(20, 4.25, 2.0, verdict="pmo"))
    result = invoke(["history"], width=120)
    assert result.exit_code == 0
    out = result.stdout
    assert out.index("20 Mar 2026") < out.index("3 Mar 2026")
    assert "clear: PMO" in out and "4.3 mixed" in out
    assert "Change since last comparable" in out
    assert "PMO +0.7, Project Manager -1.3" in out
    assert "Interest over time" in out and "3.6 → 4.3" in out
    assert any(ch in out for ch in history_sparks())


def history_sparks() -> str:
    from rolecompare.commands.history import SPARKS

    return SPARKS


def test_no_change_reads_no_change_and_one_result_has_no_trend(invoke: Invoke) -> None:
    history.append(new_record(3, 3.62, 3.3))
    one = invoke(["history"]).stdout
    assert "Interest over time" not in one
    history.append(new_record(4, 3.6, 3.34))
    out = invoke(["history"]).stdout
    assert "no change" in out
    assert "+0" not in out


def test_changes_are_computed_from_the_figures_shown(invoke: Invoke) -> None:
    history.append(make_record(1, 69.4))
    history.append(make_record(2, 61.6))
    out = invoke(["history"]).stdout
    assert "69%" in out and "62%" in out
    assert "PMO -7" in out and "PMO -8" not in out


def test_history_json_and_limit(invoke: Invoke) -> None:
    for day in (1, 2, 3):
        history.append(make_record(day, 50 + day))
    doc = json.loads(invoke(["history", "--format", "json", "--limit", "2"]).stdout)
    assert [r["time"][:10] for r in doc["results"]] == ["2026-03-03", "2026-03-02"]
    assert doc["results"][0]["scores"]["pmo"] == 53
    assert invoke(["history", "--limit", "0"]).exit_code == 2


def test_history_marks_an_older_bank_and_another_data_file(invoke: Invoke) -> None:
    history.append(make_record(1, 70, version="1"))
    history.append(new_record(2, 4.0, 2.0, verdict="pmo", mark="0123456789ab"))
    history.append(new_record(3, 3.0, 4.5, verdict="pm"))
    out = invoke(["history"]).stdout
    assert "1 Mar 2026 10:00 *" in out
    assert "2 Mar 2026 10:00 †" in out
    assert f"another question bank (now version {DATA.quiz.version})" in out
    assert "† taken with another data file" in out
    newest = next(line for line in out.splitlines() if "3 Mar 2026" in line)
    assert "PMO" not in newest.split("clear: Project Manager")[1]  # no change across files


def test_old_records_are_listed_sensibly(invoke: Invoke) -> None:
    history.append(make_record(1, 58))
    history.append(make_record(2, 75))
    out = invoke(["history"]).stdout
    assert "lean: PMO" in out and "too close to call" in out
    assert "75%" in out and "PMO +17" in out
    doc = json.loads(invoke(["history", "-f", "json"]).stdout)
    assert doc["results"][0]["scores"] == {"pmo": 75, "pm": 25}
    assert doc["results"][0]["other_bank"] is True


def test_history_shows_damaged_lines_as_warnings_and_the_rest(invoke: Invoke) -> None:
    history.append(make_record(1, 70))
    with history.history_path().open("a") as stream:
        stream.write("garbage\n")
    result = invoke(["history"])
    assert result.exit_code == 0
    assert "skipped damaged line 2" in result.stderr
    assert "1 Mar 2026" in result.stdout


def test_empty_history_says_how_to_start(invoke: Invoke) -> None:
    result = invoke(["history"])
    assert result.exit_code == 0
    assert "No quiz results yet" in result.stderr
    assert json.loads(invoke(["history", "-f", "json"]).stdout)["results"] == []


def test_clear_without_a_terminal_refuses_unless_yes(invoke: Invoke) -> None:
    history.append(make_record(1, 70))
    refused = invoke(["history", "--clear"])
    assert refused.exit_code == 2
    assert "--yes" in refused.stderr
    assert len(history.load().records) == 1
    cleared = invoke(["history", "--clear", "--yes"])
    assert cleared.exit_code == 0
    assert "Cleared 1 result from" in cleared.stderr
    assert not history.history_path().exists()


def test_clear_asks_for_confirmation_in_a_terminal(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    history.append(make_record(1, 70))
    monkeypatch.setattr("rolecompare.cli._stdin_is_terminal", lambda: True)
    declined = invoke(["history", "--clear"], input="n\n")
    assert "Delete every quiz result" in declined.stderr
    assert "Nothing was deleted" in declined.stderr
    assert len(history.load().records) == 1
    accepted = invoke(["history", "--clear"], input="y\n")
    assert accepted.exit_code == 0
    assert history.load().records == ()


def test_unwritable_history_warns_but_shows_the_result(invoke: Invoke, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    result = invoke(["quiz", "--answers", PMO], env={"ROLECOMPARE_HOME": str(blocker / "sub")})
    assert result.exit_code == 0
    assert "Warning: cannot record the result" in result.stderr
    assert "Your result" in result.stdout


def test_three_role_history(invoke: Invoke) -> None:
    three = loader.load(THREE_ROLES)
    answers = "".join("5" if s.keyed == "scrum" else "1" for s in three.quiz.statements)
    for _ in range(2):
        assert invoke(["--data", str(THREE_ROLES), "quiz", "--answers", answers]).exit_code == 0
    out = invoke(["--data", str(THREE_ROLES), "history"], width=120).stdout
    assert "Scrum Master" in out
    assert len(history.load().records) == 2


def test_limit_keeps_the_change_of_the_oldest_row_shown(invoke: Invoke) -> None:
    for day, pmo in ((1, 50), (2, 60), (3, 80)):
        history.append(make_record(day, pmo))
    out = invoke(["history", "--limit", "2"]).stdout
    assert "3 Mar 2026" in out and "2 Mar 2026" in out and "1 Mar 2026" not in out
    assert "PMO +20" in out and "PMO +10" in out


def test_results_from_another_data_file_leave_gaps_not_zeros(invoke: Invoke) -> None:
    three = loader.load(THREE_ROLES)
    answers = "".join(
        ("5" if i % 2 else "4") if s.keyed == "scrum" else ("1" if i % 2 else "2")
        for i, s in enumerate(three.quiz.statements)
    )
    history.append(new_record(1, 4.0, 2.0, verdict="pmo"))
    for _ in range(2):
        invoke(["--data", str(THREE_ROLES), "quiz", "--answers", answers])
    out = invoke(["--data", str(THREE_ROLES), "history"], width=120).stdout
    scrum = next(line for line in out.splitlines() if line.startswith("Scrum Master"))
    assert re.search(r"(\d\.\d) → \1$", scrum)
    table_rows = [line for line in out.splitlines() if "Mar 2026" in line]
    assert table_rows and "-" in table_rows[0]  # no Scrum Master figure for that result
    assert "Scrum Master +" not in out


def test_narrow_history_stacks_each_result(invoke: Invoke) -> None:
    history.append(make_record(3, 58))
    history.append(make_record(20, 75))
    history.append(new_record(21, 3.0, 4.5, verdict="pm"))
    history.append(new_record(22, 3.0, 4.0, verdict="pm"))
    out = invoke(["history"], width=40).stdout
    assert all(len(line) <= 40 for line in out.splitlines())
    flat = " ".join(out.split())
    assert "20 Mar 2026 10:00 * lean: PMO" in flat
    assert "PMO 75%, Project Manager 25% (change: PMO +17, Project Manager -17)" in flat
    assert "22 Mar 2026 10:00 clear: Project Manager" in flat
    assert "(change: Project Manager -0.5)" in flat


def test_narrow_history_indents_every_wrapped_line_under_its_entry(invoke: Invoke) -> None:
    history.append(new_record(1, 4.0, 3.0, verdict="pmo"))
    history.append(new_record(2, 3.0, 4.0, verdict="pm"))
    out = invoke(["history"], width=80).stdout
    entry = out.split("clear: Project Manager\n", 1)[1].split("\n2 Mar", 1)[0].split("\n1 Mar")[0]
    lines = entry.splitlines()
    assert "(change: PMO -1.0, Project Manager +1.0)" in " ".join(" ".join(lines).split())
    assert len(lines) >= 2  # the change wraps at 80 columns
    assert all(line.startswith("  ") and line.strip() for line in lines), lines


def test_a_role_no_result_had_is_left_out_of_the_picture(invoke: Invoke) -> None:
    history.append(make_record(1, 70))
    result = invoke(["--data", str(THREE_ROLES), "history"], width=120)
    assert result.exit_code == 0, result.stderr
    assert "Scrum Master" in result.stdout  # its column, with "-"
    assert not [line for line in result.stdout.splitlines() if line.startswith("Scrum Master")]


def test_many_results_keep_the_picture_within_the_width(invoke: Invoke) -> None:
    for day in range(1, 29):
        history.append(new_record(day, 1 + day / 7, 2.0))
    out = invoke(["history"], width=40).stdout
    assert all(len(line) <= 40 for line in out.splitlines())
    assert "oldest to newest (last " in " ".join(out.split())


def test_impossible_scores_count_as_damaged(invoke: Invoke) -> None:
    history.append(make_record(1, 70))
    with history.history_path().open("a") as stream:
        stream.write(
            json.dumps({**make_record(2, 50).to_json(), "scores": {"pmo": "nan", "pm": 50}}) + "\n"
        )
    result = invoke(["history"])
    assert result.exit_code == 0
    assert "skipped damaged line 2" in result.stderr
    assert "nan" not in result.stdout


def test_an_unreadable_history_is_an_error_for_history_and_a_warning_for_the_quiz(
    invoke: Invoke,
) -> None:
    history.history_path().mkdir(parents=True)
    result = invoke(["history"])
    assert result.exit_code == 1
    assert "cannot read the history file" in result.stderr
    quiz = invoke(["quiz", "--answers", PMO])
    assert quiz.exit_code == 0
    assert "Warning: cannot read the history file" in quiz.stderr
    assert "Your result" in quiz.stdout


def test_exporting_an_empty_history_is_refused_in_every_format(
    invoke: Invoke, tmp_path: Path
) -> None:
    for args in (["history"], ["history", "--format", "json"]):
        result = invoke([*args, "--export", str(tmp_path / "h.md")])
        assert result.exit_code == 2
        assert "no history to export" in result.stderr
    assert not (tmp_path / "h.md").exists()


def test_cancelling_the_clear_prompt_deletes_nothing(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    history.append(make_record(1, 70))
    monkeypatch.setattr("rolecompare.cli._stdin_is_terminal", lambda: True)
    result = invoke(["history", "--clear"], input="")  # end of input at the prompt, like Ctrl-D
    assert result.exit_code == 130
    assert "Cancelled; nothing was deleted." in result.stderr
    assert len(history.load().records) == 1


def test_yes_without_clear_is_a_usage_error(invoke: Invoke) -> None:
    history.append(make_record(1, 70))
    result = invoke(["history", "--yes"])
    assert result.exit_code == 2
    assert "--yes only goes with --clear" in result.stderr
    assert len(history.load().records) == 1


def test_a_new_record_round_trips_and_damaged_fields_are_skipped(invoke: Invoke) -> None:
    assert invoke(["quiz", "--answers", PMO]).exit_code == 0
    line = history.history_path().read_text().splitlines()[0]
    good = json.loads(line)
    assert good["verdict"] == "pmo" and good["data_mark"] == MARK
    assert set(good) >= {"verdict", "recommendation", "interest", "difference", "taken_at"}
    bad_values: list[tuple[str, object]] = [
        ("verdict", "\x1b[31m"),
        ("interest", {"pmo": {"mean": 9, "standard_error": 0, "level": "high", "statements": 1}}),
        ("taken_at", 5),
        ("answers", [7]),
        ("data_mark", "not hex!"),
        ("difference", float("nan")),
    ]
    with history.history_path().open("a") as stream:
        for key, value in bad_values:
            stream.write(json.dumps({**good, key: value}) + "\n")
    result = invoke(["history"])
    assert result.exit_code == 0
    assert result.stderr.count("skipped damaged line") == len(bad_values)
    assert "\x1b" not in result.stdout


def test_a_bank_version_with_control_characters_is_shown_inert(invoke: Invoke) -> None:
    history.append(make_record(1, 70, version="\x1b]0;x\x07v0"))
    out = invoke(["history"]).stdout
    assert "\x1b" not in out and "\x07" not in out


@pytest.mark.parametrize("width", [60, 100])
def test_history_has_no_double_blank_lines(invoke: Invoke, width: int) -> None:
    for answers in (("54" * N)[:N], "".join("4253425142534251"[i % 16] for i in range(N))):
        assert invoke(["quiz", "--answers", answers]).exit_code == 0
    shown = invoke(["history"], width=width).stdout
    assert "Interest over time" in shown
    assert "\n\n\n" not in shown


@pytest.mark.parametrize("xdg", [None, "/srv/config"])
def test_the_default_home_is_where_click_puts_an_app_folder(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    """Results recorded before the core stopped using Typer's get_app_dir are still found."""
    import typer

    from rolecompare.core import history

    monkeypatch.delenv("ROLECOMPARE_HOME")
    if xdg is None:
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
    assert history.home() == Path(typer.get_app_dir("rolecompare"))


def written_by_an_older_bank(version: str, mark: str, day: int) -> dict[str, Any]:
    """A result of 24 answers (12 per role, as banks 2 and 3 had) as the quiz wrote it then: the
    shape of today's JSON, with the older bank's version, data mark, answers and counts."""
    doc: dict[str, Any] = json.loads(history_json_of_today())
    for figures in doc["interest"].values():
        figures["statements"] = 12
    return doc | {
        "bank_version": version,
        "data_mark": mark,
        "answers": [4] * 12 + [5] * 12,
        "taken_at": f"2026-03-{day:02d}T10:00:00+00:00",
    }


def history_json_of_today() -> str:
    from rolecompare.core.quiz import quiz_json, score

    answers = [4 if s.keyed == "pmo" else 5 for s in DATA.quiz.statements]
    return json.dumps(quiz_json(DATA, score(DATA, answers), dt.datetime(2026, 3, 1, tzinfo=dt.UTC)))


def test_bank_1_2_3_and_4_records_are_read_and_older_banks_marked(invoke: Invoke) -> None:
    history.append(make_record(1, 70, version="1"))
    # A bank version 2 result: its own data mark and an acquiescence warning, a warning bank
    # version 3 dropped; it predates retake_agreement.
    two = written_by_an_older_bank("2", "0000000000ab", 2)
    two["warnings"] = [{"code": "acquiescence", "message": "You agreed with nearly everything."}]
    two.pop("retake_agreement")
    history.append(history.record_of(two))
    # A bank version 3 result (24 statements, the mark bank version 3's data file gave).
    history.append(history.record_of(written_by_an_older_bank("3", "0db94b68affd", 3)))
    history.append(new_record(4, 4.0, 2.0, verdict="pmo"))
    loaded = history.load()
    assert loaded.warnings == ()
    assert DATA.quiz.version not in {"1", "2", "3"}
    assert [r.bank_version for r in loaded.records[-4:]] == ["1", "2", "3", DATA.quiz.version]
    assert len(loaded.records[-2].answers or ()) == 24
    out = invoke(["history"]).stdout
    for day in (1, 2, 3):
        assert f"{day} Mar 2026 10:00 *" in out
    assert "4 Mar 2026 10:00 *" not in out
    assert f"another question bank (now version {DATA.quiz.version})" in out
    shown = json.loads(invoke(["history", "--format", "json"]).stdout)["results"]
    assert sorted(row["other_bank"] for row in shown) == [False, True, True, True]


def test_a_bank_3_result_is_not_compared_with_a_bank_4_one(invoke: Invoke) -> None:
    """Only like results are compared: the last attempt a quiz mentions, and the change column,
    skip a result of another bank."""
    history.append(history.record_of(written_by_an_older_bank("3", "0db94b68affd", 3)))
    first = invoke(["quiz", "--answers", PMO]).stdout
    assert "Last time" not in first and "last time" not in first
    second = " ".join(invoke(["quiz", "--answers", PMO]).stdout.split())
    assert "Last time" in second and "question bank version 3" not in second
    out = invoke(["history"]).stdout
    assert "3 Mar 2026 10:00 *" in out
