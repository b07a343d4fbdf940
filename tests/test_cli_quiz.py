"""`rolecompare quiz` through CliRunner: scripted, plain, JSON, saving and the error paths."""

from __future__ import annotations

import json
from pathlib import Path

from rolecompare import loader

from .conftest import REAL_DATA, THREE_ROLES, Invoke

DATA = loader.load(REAL_DATA)
N = len(DATA.quiz.statements)
PMO_EXTREME = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)


def test_answers_give_a_recommendation_with_reasons_and_next_steps(invoke: Invoke) -> None:
    result = invoke(["quiz", "--answers", PMO_EXTREME])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "A strong fit towards PMO (PMO 100%, Project Manager 0%)" in out
    assert "By dimension" in out and "Decision-making" in out
    assert "What weighed most" in out
    assert "Next steps: PMO" in out
    assert "P3O" in out and "rolecompare rates --role pmo" in out and "£400–£600" in out
    assert "hiring or employment decisions" in " ".join(out.split())
    assert "Find Contract Jobs" in out
    assert "●" in out  # the marker on the axis


def test_compact_and_comma_answers_give_the_same_json(invoke: Invoke) -> None:
    compact = invoke(["quiz", "--answers", PMO_EXTREME, "--format", "json"])
    listed = invoke(["quiz", "--answers", ",".join(PMO_EXTREME), "--format", "json"])
    assert compact.exit_code == listed.exit_code == 0
    assert json.loads(compact.stdout) == json.loads(listed.stdout)


def test_json_result_fields(invoke: Invoke) -> None:
    result = invoke(["quiz", "--answers", PMO_EXTREME, "--format", "json"])
    doc = json.loads(result.stdout)
    assert doc["scores"] == {"pmo": 100.0, "pm": 0.0}
    assert doc["recommendation"] == "pmo"
    assert doc["band"] == "strong"
    assert doc["warnings"] == []
    assert [d["id"] for d in doc["dimensions"]] == list(DATA.dimensions)
    assert all(d["lean"] == "pmo" for d in doc["dimensions"])
    assert doc["answers"] == [int(c) for c in PMO_EXTREME]
    assert doc["bank_version"] == DATA.quiz.version


def test_agreeing_with_everything_is_flagged_not_pushed_to_a_side(invoke: Invoke) -> None:
    result = invoke(["quiz", "--answers", "5" * N, "--format", "json"])
    doc = json.loads(result.stdout)
    assert doc["recommendation"] is None
    assert doc["band"] == "too-close"
    assert doc["scores"] == {"pmo": 50.0, "pm": 50.0}
    assert any("Flat profile" in w for w in doc["warnings"])
    table = invoke(["quiz", "--answers", "5" * N])
    assert "No recommendation: every answer was the same." in table.stdout
    assert "Flat profile" in table.stdout
    assert "towards" not in table.stdout.split("By dimension")[0]


def test_close_but_varied_answers_are_too_close_to_call(invoke: Invoke) -> None:
    answers = ["3"] * N
    answers[0] = "5"
    result = invoke(["quiz", "--answers", "".join(answers)])
    assert "Too close to call" in result.stdout
    assert "Hybrid paths" in result.stdout


def test_the_result_stacks_when_narrow(invoke: Invoke) -> None:
    out = invoke(["quiz", "--answers", PMO_EXTREME], width=40).stdout
    assert all(len(line) <= 40 for line in out.splitlines())
    assert "Decision-making: PMO (PMO 100%, Project Manager 0%)" in " ".join(out.split())


def test_questions_in_markdown_narrow_and_exported(invoke: Invoke, tmp_path: Path) -> None:
    md = invoke(["quiz", "--questions", "--format", "markdown"]).stdout
    assert "| # | Id | Dimension | Keyed | Statement |" in md
    assert DATA.quiz.statements[0].text in md
    narrow = invoke(["quiz", "--questions"], width=40).stdout
    assert all(len(line) <= 40 for line in narrow.splitlines())
    assert f"1. {DATA.dimensions[DATA.quiz.statements[0].dimension].title}" in narrow
    target = tmp_path / "questions.json"
    assert invoke(["quiz", "--questions", "--export", str(target)]).exit_code == 0
    assert len(json.loads(target.read_text())["statements"]) == N


def test_questions_refuses_answering_options(invoke: Invoke) -> None:
    result = invoke(["quiz", "--questions", "--answers", PMO_EXTREME])
    assert result.exit_code == 2
    assert "--questions only lists the statements" in result.stderr


def test_wrong_answer_count_or_value_exits_2_naming_the_position(invoke: Invoke) -> None:
    short = invoke(["quiz", "--answers", "5" * (N - 1)])
    assert short.exit_code == 2
    assert f"got {N - 1} answers, the quiz has {N} statements" in short.stderr
    bad = invoke(["quiz", "--answers", "55955"])
    assert bad.exit_code == 2
    assert "position 3 is '9'" in bad.stderr and "1 to 5" in bad.stderr
    assert "Traceback" not in bad.stderr + bad.stdout


def test_plain_reads_piped_answers_with_back(invoke: Invoke) -> None:
    lines = ["4", "b", *PMO_EXTREME]
    result = invoke(["quiz", "--plain", "--format", "json"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["answers"] == [int(c) for c in PMO_EXTREME]
    assert f"1/{N} (" in result.stderr and DATA.quiz.statements[0].text in result.stderr


def test_plain_piped_invalid_line_is_an_error_naming_the_line(invoke: Invoke) -> None:
    result = invoke(["quiz", "--plain"], input="5\n4\nmaybe\n")
    assert result.exit_code == 2
    assert "line 3 of standard input is 'maybe'" in result.stderr
    assert "Traceback" not in result.stderr


def test_plain_end_of_input_is_a_clear_error(invoke: Invoke) -> None:
    result = invoke(["quiz", "--plain"], input="5\n4\n")
    assert result.exit_code == 2
    assert f"standard input ended after 2 of {N} answers" in result.stderr


def test_without_a_terminal_the_interactive_quiz_names_both_options(invoke: Invoke) -> None:
    result = invoke(["quiz"], input="")
    assert result.exit_code == 2
    assert "--plain" in result.stderr and "--answers" in result.stderr
    assert result.stdout == ""


def test_plain_and_answers_together_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["quiz", "--plain", "--answers", PMO_EXTREME])
    assert result.exit_code == 2
    assert "--plain and --answers" in result.stderr


def test_save_writes_the_json_result(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    result = invoke(["quiz", "--answers", PMO_EXTREME, "--format", "json", "--save", str(target)])
    assert result.exit_code == 0
    assert json.loads(target.read_text()) == json.loads(result.stdout)
    assert f"Saved the result to {target}" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["result.json"]


def test_save_replaces_an_existing_file(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    target.write_text("old")
    assert invoke(["quiz", "--answers", "5" * N, "--save", str(target)]).exit_code == 0
    assert json.loads(target.read_text())["band"] == "too-close"


def test_save_to_an_unwritable_path_fails_cleanly_and_leaves_nothing(
    invoke: Invoke, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file, not a folder")
    result = invoke(["quiz", "--answers", PMO_EXTREME, "--save", str(blocker / "result.json")])
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and f"{blocker} is a file, not a folder" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["not-a-folder"]
    proc = invoke(["quiz", "--answers", PMO_EXTREME, "--save", "/proc/rolecompare-result.json"])
    assert proc.exit_code == 1
    assert "cannot write /proc/rolecompare-result.json" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_save_to_a_directory_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["quiz", "--answers", PMO_EXTREME, "--save", str(tmp_path)])
    assert result.exit_code == 1
    assert "is a directory" in result.stderr


def test_questions_lists_the_bank_in_order(invoke: Invoke) -> None:
    table = invoke(["quiz", "--questions", "--width", "160"])
    assert table.exit_code == 0
    first = DATA.quiz.statements[0]
    assert first.id in table.stdout and first.text in table.stdout
    doc = json.loads(invoke(["quiz", "--questions", "--format", "json"]).stdout)
    assert [s["id"] for s in doc["statements"]] == [s.id for s in DATA.quiz.statements]
    assert doc["statements"][0]["keyed"] == first.keyed
    assert doc["scale"]["1"] == "Strongly disagree"


def test_three_role_dataset_through_the_whole_quiz(invoke: Invoke) -> None:
    three = loader.load(THREE_ROLES)
    answers = "".join("5" if s.keyed == "scrum" else "1" for s in three.quiz.statements)
    result = invoke(["--data", str(THREE_ROLES), "quiz", "--answers", answers])
    assert result.exit_code == 0, result.stderr
    assert "towards Scrum Master" in result.stdout
    assert "Next steps: Scrum Master" in result.stdout and "PSM I" in result.stdout
    assert result.stdout.count("%") >= 3
    doc = json.loads(
        invoke(["--data", str(THREE_ROLES), "quiz", "--answers", answers, "-f", "json"]).stdout
    )
    assert set(doc["scores"]) == {"pmo", "pm", "scrum"}
    assert doc["recommendation"] == "scrum"
    plain = invoke(
        ["--data", str(THREE_ROLES), "quiz", "--plain", "-f", "json"],
        input="\n".join(answers) + "\n",
    )
    assert json.loads(plain.stdout)["scores"] == doc["scores"]


def test_validate_reports_quiz_balance(invoke: Invoke, tmp_path: Path) -> None:
    ok = invoke(["validate"])
    assert "keyed to pmo: 8 statements, maximum weight 16" in ok.stdout
    text = REAL_DATA.read_text(encoding="utf-8")
    unbalanced = tmp_path / "unbalanced.toml"
    last = text.rindex("[[quiz.statements]]")
    unbalanced.write_text(text[:last], encoding="utf-8")
    result = invoke(["validate", str(unbalanced)], width=200)
    assert result.exit_code == 0
    assert "unbalanced" in result.stdout
    assert "keyed to pm: 7 statements, maximum weight 14" in result.stdout


def test_digits_from_other_scripts_are_not_answers(invoke: Invoke) -> None:
    result = invoke(["quiz", "--answers", "²" + "2" * (N - 1)])
    assert result.exit_code == 2
    assert "position 1 is '²'" in result.stderr
    arabic = invoke(["quiz", "--answers", "٣" * N])
    assert arabic.exit_code == 2
    plain = invoke(["quiz", "--plain"], input="²\n")
    assert plain.exit_code == 2
    assert "line 1 of standard input is '²'" in plain.stderr


def test_an_unwritable_save_path_is_refused_before_any_question(
    invoke: Invoke, tmp_path: Path
) -> None:
    result = invoke(
        ["quiz", "--plain", "--save", str(tmp_path / "missing" / "r.json")], input="5\n" * N
    )
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
    assert f"1/{N}" not in result.stderr


def test_plain_back_shows_and_keeps_the_earlier_answer() -> None:
    import io

    from rolecompare import plain

    typed = io.StringIO("b\n4\nb\n\n" + "3\n" * (N - 1))
    prompts = io.StringIO()
    answers = plain.ask_all(DATA, typed, prompts, interactive=True)
    assert answers == [4] + [3] * (N - 1)
    said = prompts.getvalue()
    assert "there is no earlier statement" in said
    assert "(Enter keeps 4)>" in said


def test_three_role_chart_puts_long_names_above_their_bars(invoke: Invoke) -> None:
    three = loader.load(THREE_ROLES)
    answers = "".join("5" if s.keyed == "pm" else "2" for s in three.quiz.statements)
    out = invoke(["--data", str(THREE_ROLES), "quiz", "--answers", answers], width=40).stdout
    assert "Project Manager\n" in out
    assert all(len(line) <= 40 for line in out.splitlines())
