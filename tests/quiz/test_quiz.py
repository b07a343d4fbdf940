"""`rolecompare quiz` through CliRunner: scripted, plain, JSON, saving and the error paths."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from rolecompare.core import history, loader

from ..conftest import REAL_DATA, THREE_ROLES, Invoke

DATA = loader.load(REAL_DATA)
N = len(DATA.quiz.statements)
PMO_EXTREME = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)


def by_role(values: dict[str, str]) -> str:
    """Answers per role, cycling through ``values[role]`` over that role's statements."""
    seen: dict[str, int] = {}
    answers = []
    for s in DATA.quiz.statements:
        index = seen.get(s.keyed, 0)
        answers.append(values[s.keyed][index % len(values[s.keyed])])
        seen[s.keyed] = index + 1
    return "".join(answers)


LIKES_PMO = by_role({"pmo": "54", "pm": "12"})
TOO_CLOSE = by_role({"pmo": "443", "pm": "3424"})
LIKES_BOTH = "".join("5" if i % 2 else "4" for i in range(N))
LIKES_NEITHER = "".join("1" if i % 2 else "2" for i in range(N))


def test_answers_give_a_recommendation_with_both_interests_and_next_steps(invoke: Invoke) -> None:
    result = invoke(["quiz", "--answers", LIKES_PMO])
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "Your result: a clear preference for PMO" in out
    assert "PMO" in out and "4.5 high" in out and "1.5 low" in out
    assert "PMO is 3.0 points above Project Manager; the margin of error is ±0.3 (95%)" in out
    assert "so the difference is clear" in out
    assert "Next steps: PMO" in out and "Next steps: Project Manager" not in out
    assert "Day rates: rolecompare rates --role pmo" in out
    assert "Recorded in your history: rolecompare history" in out
    assert f"rolecompare quiz --details --no-history --answers {LIKES_PMO}" in out


def test_details_come_first_and_the_verdict_last(invoke: Invoke) -> None:
    out = invoke(["quiz", "--answers", LIKES_PMO, "--details", "--no-history"]).stdout
    assert out.index("How your answers were scored") < out.index("Your result:")
    assert "What weighed most, per role" in out and "By dimension" in out
    assert "P3O" in out  # every next step, certifications included
    assert "hiring or employment decisions" in " ".join(out.split())
    assert "Not recorded in your history (--no-history)." in out
    assert "--details --no-history --answers" not in out
    narrow = invoke(["quiz", "--answers", LIKES_BOTH, "--details", "--no-history"], width=80)
    last = narrow.stdout[narrow.stdout.index("Your result:") :].rstrip("\n").splitlines()
    assert len(last) <= 22


@pytest.mark.parametrize(
    ("answers", "headline"),
    [
        (LIKES_PMO, "a clear preference for PMO"),
        (LIKES_BOTH, "drawn to both"),
        (LIKES_NEITHER, "neither role draws you"),
        ("4" * N, "no signal in the answers"),
        (TOO_CLOSE, "too close to call"),
    ],
)
def test_the_compact_result_fits_80_by_24_with_the_verdict(
    invoke: Invoke, answers: str, headline: str
) -> None:
    history.append(
        history.record_of(json.loads(invoke(["quiz", "--answers", answers, "-f", "json"]).stdout))
    )
    out = invoke(["quiz", "--answers", answers], width=80).stdout
    lines = out.rstrip("\n").splitlines()
    assert len(lines) <= 22, out
    assert all(len(line) <= 80 for line in lines)
    assert f"Your result: {headline}" in lines[0]
    assert "Last time" in out


def test_neither_says_so_and_points_to_show(invoke: Invoke) -> None:
    out = " ".join(invoke(["quiz", "--answers", LIKES_NEITHER]).stdout.split())
    assert "Neither role draws you on these answers" in out
    assert "rolecompare show" in out
    assert "Next steps: PMO" not in out and "Next steps: Project Manager" not in out


def test_both_gives_next_steps_for_both_roles(invoke: Invoke) -> None:
    out = invoke(["quiz", "--answers", LIKES_BOTH]).stdout
    assert "Next steps: PMO" in out and "Next steps: Project Manager" in out
    details = invoke(["quiz", "--answers", LIKES_BOTH, "--details"]).stdout
    assert "Hybrid paths" in details


def test_compact_and_comma_answers_give_the_same_json(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One fixed time for both runs: otherwise a second may tick between them.
    taken = history.now(print)
    monkeypatch.setattr(history, "now", lambda warn: taken)
    compact = invoke(["quiz", "--answers", PMO_EXTREME, "--format", "json"])
    listed = invoke(["quiz", "--answers", ",".join(PMO_EXTREME), "--format", "json"])
    assert compact.exit_code == listed.exit_code == 0
    assert json.loads(compact.stdout) == json.loads(listed.stdout)


def test_json_result_fields(invoke: Invoke) -> None:
    import datetime as dt

    result = invoke(["quiz", "--answers", LIKES_PMO, "--format", "json"])
    doc = json.loads(result.stdout)
    assert doc["verdict"] == doc["recommendation"] == "pmo"
    assert set(doc["interest"]) == {"pmo", "pm"}
    pmo = doc["interest"]["pmo"]
    assert set(pmo) == {"mean", "standard_error", "level", "statements"}
    assert pmo["level"] == "high"
    assert pmo["statements"] == sum(s.keyed == "pmo" for s in DATA.quiz.statements)
    assert doc["difference"] == pytest.approx(pmo["mean"] - doc["interest"]["pm"]["mean"], abs=0.01)
    assert 0 < doc["margin_of_error"] < doc["difference"]
    assert doc["warnings"] == []
    assert doc["answers"] == [int(c) for c in LIKES_PMO]
    assert doc["bank_version"] == DATA.quiz.version
    taken = dt.datetime.fromisoformat(doc["taken_at"])
    assert taken.utcoffset() is not None
    assert re.search(r"[+-]\d\d:\d\d$|Z$", doc["taken_at"])
    assert "scores" not in doc and "band" not in doc


@pytest.mark.parametrize(
    ("answers", "verdict"),
    [(LIKES_BOTH, "both"), (LIKES_NEITHER, "neither"), ("5" * N, "no-signal")],
)
def test_recommendation_is_null_unless_the_verdict_is_a_role(
    invoke: Invoke, answers: str, verdict: str
) -> None:
    doc = json.loads(invoke(["quiz", "--answers", answers, "--format", "json"]).stdout)
    assert doc["verdict"] == verdict
    assert doc["recommendation"] is None


def test_warnings_have_a_code_and_a_sentence(invoke: Invoke) -> None:
    scattered = "".join("15"[i % 2] if i % 3 else "3" for i in range(N))
    doc = json.loads(invoke(["quiz", "--answers", scattered, "--format", "json"]).stdout)
    assert [w["code"] for w in doc["warnings"]] == ["inconsistent"]
    assert doc["warnings"][0]["message"].endswith(".")
    flat = json.loads(invoke(["quiz", "--answers", "5" * N, "--format", "json"]).stdout)
    assert [w["code"] for w in flat["warnings"]] == ["straight-lining"]
    table = invoke(["quiz", "--answers", "5" * N])
    assert "Warning: Almost every answer was 'Strongly like'" in " ".join(table.stdout.split())


def test_the_result_stacks_when_narrow(invoke: Invoke) -> None:
    out = invoke(["quiz", "--answers", LIKES_PMO, "--details"], width=40).stdout
    assert all(len(line) <= 40 for line in out.splitlines())
    assert "Key responsibilities: PMO (PMO" in " ".join(out.split())


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
    assert json.loads(target.read_text())["verdict"] == "no-signal"


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
    assert doc["scale"]["1"] == "Strongly dislike"


def test_three_role_dataset_through_the_whole_quiz(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    three = loader.load(THREE_ROLES)
    answers = "".join(
        ("5" if i % 2 else "4") if s.keyed == "scrum" else ("1" if i % 2 else "2")
        for i, s in enumerate(three.quiz.statements)
    )
    # Named from its own folder, as in test_the_why_command_copied_from_the_screen_runs_as_one:
    # a path as long as the checkout's would decide where the Why: command breaks, and one
    # longer than a line cannot be copied from the screen at all.
    monkeypatch.chdir(THREE_ROLES.parent)
    result = invoke(["--data", THREE_ROLES.name, "quiz", "--answers", answers])
    assert result.exit_code == 0, result.stderr
    assert "a clear preference for Scrum Master" in result.stdout
    assert "Next steps: Scrum Master" in result.stdout
    assert result.stdout.count(" low") == 2
    # The Why: command as a shell reads it, continuation lines joined.
    lines = result.stdout[result.stdout.index("Why: ") :].removeprefix("Why: ").splitlines()
    last = next(n for n, line in enumerate(lines) if not line.endswith("\\"))
    command = shlex.split(" ".join(line.removesuffix("\\") for line in lines[: last + 1]))
    assert command[:5] == ["rolecompare", "--data", THREE_ROLES.name, "quiz", "--details"]
    doc = json.loads(
        invoke(["--data", str(THREE_ROLES), "quiz", "--answers", answers, "-f", "json"]).stdout
    )
    assert set(doc["interest"]) == {"pmo", "pm", "scrum"}
    assert doc["recommendation"] == "scrum"
    plain = invoke(
        ["--data", str(THREE_ROLES), "quiz", "--plain", "-f", "json"],
        input="\n".join(answers) + "\n",
    )
    assert json.loads(plain.stdout)["interest"] == doc["interest"]
    details = invoke(["--data", str(THREE_ROLES), "quiz", "--answers", answers, "--details"])
    assert "Focus" in details.stdout and "Tools" in details.stdout


def three_role_answers(patterns: dict[str, str]) -> str:
    """Answers cycling through each role's pattern, in the three-role bank's order."""
    seen = dict.fromkeys(patterns, 0)
    answers = []
    for s in loader.load(THREE_ROLES).quiz.statements:
        answers.append(patterns[s.keyed][seen[s.keyed] % len(patterns[s.keyed])])
        seen[s.keyed] += 1
    return "".join(answers)


@pytest.mark.parametrize(
    ("patterns", "drawn", "left_out"),
    [
        ({"pmo": "54", "pm": "45", "scrum": "54"}, ["PMO", "Project Manager", "Scrum Master"], []),
        ({"pmo": "2", "pm": "54", "scrum": "45"}, ["Project Manager", "Scrum Master"], ["PMO"]),
    ],
)
def test_drawn_to_several_roles_names_every_one_level_with_the_top(
    invoke: Invoke, patterns: dict[str, str], drawn: list[str], left_out: list[str]
) -> None:
    answers = three_role_answers(patterns)
    result = invoke(["--data", str(THREE_ROLES), "quiz", "--answers", answers, "--no-history"])
    assert result.exit_code == 0, result.stderr
    head = " ".join(result.stdout.split()).split(" PMO ")[0]
    assert all(name in head for name in drawn), head
    assert not any(name in head for name in left_out), head
    flat = " ".join(result.stdout.split())
    listing = " and ".join(drawn) if len(drawn) == 2 else "PMO, Project Manager and Scrum Master"
    assert f"You are drawn to {'both ' if len(drawn) == 2 else ''}{listing}" in flat
    doc = invoke(["--data", str(THREE_ROLES), "quiz", "--answers", answers, "-f", "json"]).stdout
    assert json.loads(doc)["verdict"] == "both"
    steps = re.findall(r"^Next steps: (.+)$", result.stdout, flags=re.MULTILINE)
    assert steps == drawn


def test_neither_with_three_roles_says_none_of_them(invoke: Invoke) -> None:
    answers = three_role_answers({"pmo": "21", "pm": "12", "scrum": "1"})
    result = invoke(["--data", str(THREE_ROLES), "quiz", "--answers", answers, "--no-history"])
    flat = " ".join(result.stdout.split())
    assert "Your result: none of the roles draws you" in flat
    assert "None of the roles draws you on these answers" in flat
    assert "Neither" not in flat and "neither role" not in flat
    two = invoke(["quiz", "--answers", ("21" * N)[:N], "--no-history"]).stdout
    assert "neither role draws you" in " ".join(two.split())


def test_validate_reports_quiz_balance(invoke: Invoke, tmp_path: Path) -> None:
    ok = invoke(["validate"])
    per_role = sum(s.keyed == "pmo" for s in DATA.quiz.statements)
    assert f"keyed to pmo: {per_role} statements, maximum weight {2 * per_role}" in ok.stdout
    text = REAL_DATA.read_text(encoding="utf-8")
    unbalanced = tmp_path / "unbalanced.toml"
    last = text.rindex("[[quiz.statements]]")
    unbalanced.write_text(text[:last], encoding="utf-8")
    result = invoke(["validate", str(unbalanced)], width=200)
    assert result.exit_code == 0
    assert "unbalanced" in result.stdout
    assert DATA.quiz.statements[-1].keyed == "pmo"  # the statement cut off
    assert f"keyed to pmo: {per_role - 1} statements, maximum weight {2 * per_role - 2}" in (
        result.stdout
    )


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

    from rolecompare.ui import plain

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


# ---------------------------------------------------------------- group scoring


def test_group_scoring_from_a_file_as_a_table(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "group.csv"
    sheet.write_text(
        f"Ana,{LIKES_PMO}\n\n# a comment\nBen,{','.join(LIKES_BOTH)}\n{LIKES_NEITHER}\n",
        encoding="utf-8",
    )
    result = invoke(["quiz", "--answers-file", str(sheet)], width=120)
    assert result.exit_code == 0, result.stderr
    rows = {
        line.split()[0]: line
        for line in result.stdout.splitlines()
        if line.split() and line.split()[0].isdigit()
    }
    assert "Ana" in rows["1"] and "PMO" in rows["1"] and "4.5 high" in rows["1"]
    assert "Ben" in rows["4"] and "both" in rows["4"]
    assert "neither" in rows["5"]
    assert "Quiz results: 3 respondents" in result.stdout
    assert history.load().records == ()


def test_group_scoring_json_lines_from_standard_input(invoke: Invoke) -> None:
    lines = f"Ana,{LIKES_PMO}\nBen,{LIKES_BOTH}\n"
    result = invoke(["quiz", "--answers-file", "-", "--format", "json"], input=lines)
    assert result.exit_code == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["name"] for d in docs] == ["Ana", "Ben"]
    assert [d["verdict"] for d in docs] == ["pmo", "both"]
    assert [d["recommendation"] for d in docs] == ["pmo", None]
    assert all({"interest", "margin_of_error", "taken_at", "answers"} <= set(d) for d in docs)
    single = json.loads(invoke(["quiz", "--answers", LIKES_PMO, "-f", "json"]).stdout)
    assert docs[0]["interest"] == single["interest"]


def test_group_scoring_reports_bad_lines_and_scores_the_rest(invoke: Invoke) -> None:
    lines = f"Ana,{LIKES_PMO}\nBob,123\nCy,{LIKES_NEITHER[:-1]}x\n{LIKES_BOTH}\n"
    result = invoke(["quiz", "--answers-file", "-", "--format", "json"], input=lines)
    assert result.exit_code == 1
    assert [json.loads(line)["line"] for line in result.stdout.splitlines()] == [1, 4]
    assert "line 2 (Bob): got 3 answers" in result.stderr  # whose answers to ask for again
    assert f"line 3 (Cy): position {N} is 'x'" in result.stderr
    assert "2 lines could not be scored; 2 respondents were" in result.stderr
    assert "Traceback" not in result.stderr


def test_group_scoring_records_history_only_when_asked(invoke: Invoke) -> None:
    lines = f"Ana,{LIKES_PMO}\nBen,{LIKES_BOTH}\n"
    assert invoke(["quiz", "--answers-file", "-"], input=lines).exit_code == 0
    assert history.load().records == ()
    recorded = invoke(["quiz", "--answers-file", "-", "--record"], input=lines)
    assert recorded.exit_code == 0
    assert [r.verdict for r in history.load().records] == ["pmo", "both"]


def test_group_scoring_names_are_inert_text(invoke: Invoke) -> None:
    lines = f"\x1b[31mEvil\x07 [bold]x[/bold],{LIKES_PMO}\n"
    out = invoke(["quiz", "--answers-file", "-"], input=lines, width=140).stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "Evil" in out and "[bold]x[/bold]" in out


def test_group_scoring_problems_with_the_file(invoke: Invoke, tmp_path: Path) -> None:
    missing = invoke(["quiz", "--answers-file", str(tmp_path / "none.csv")])
    assert missing.exit_code == 1
    assert "no such file" in missing.stderr
    empty = invoke(["quiz", "--answers-file", "-"], input="\n# nothing\n")
    assert empty.exit_code == 1
    assert "no respondents found" in empty.stderr
    assert "could not be scored" not in empty.stderr  # no line was bad
    assert empty.stdout == ""  # no empty table
    all_bad = invoke(["quiz", "--answers-file", "-", "-f", "text"], input="Ana,1\nBo,2\n")
    assert all_bad.exit_code == 1
    assert all_bad.stdout == ""
    assert "2 lines could not be scored; 0 respondents were scored" in all_bad.stderr
    both = invoke(["quiz", "--answers-file", "-", "--answers", LIKES_PMO], input="")
    assert both.exit_code == 2
    assert "--answers-file scores a group on its own" in both.stderr
    record_alone = invoke(["quiz", "--answers", LIKES_PMO, "--record"])
    assert record_alone.exit_code == 2


def test_group_scoring_markdown(invoke: Invoke) -> None:
    out = invoke(
        ["quiz", "--answers-file", "-", "--format", "markdown"], input=f"Ana,{LIKES_PMO}\n"
    ).stdout
    assert "| Line | Name | Verdict | PMO | Project Manager | Warnings |" in out
    assert "| 1 | Ana | PMO | 4.5 high | 1.5 low |  |" in out


def test_plain_with_nothing_piped_in_is_an_input_error_not_a_cancel(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Nobody pressed Ctrl-C: the input was empty (Ctrl-D at a terminal still cancels, see
    test_quiz_e2e)."""
    target = tmp_path / "never.json"
    result = invoke(["quiz", "--plain", "--save", str(target)], input="")
    assert result.exit_code == 2
    assert "standard input ended after 0 of" in result.stderr
    assert not target.exists()
    assert history.load().records == ()


def test_a_bank_version_1_data_file_still_loads_and_validate_names_the_old_keys(
    invoke: Invoke, tmp_path: Path
) -> None:
    from ..helpers import variant

    old = variant(tmp_path, ("min_difference = 0.5", "close_margin = 20\nstrong_margin = 50"))
    result = invoke(["validate", str(old)], width=200)
    assert result.exit_code == 0
    assert "quiz.close_margin is no longer used" in result.stdout
    assert "quiz.strong_margin is no longer used" in result.stdout
    assert invoke(["--data", str(old), "quiz", "--answers", LIKES_PMO]).exit_code == 0


def test_a_role_without_statements_is_left_out_of_the_quiz(invoke: Invoke, tmp_path: Path) -> None:
    text = THREE_ROLES.read_text(encoding="utf-8").replace('keyed = "scrum"', 'keyed = "pm"')
    path = tmp_path / "no-scrum.toml"
    path.write_text(text, encoding="utf-8")
    report = invoke(["validate", str(path)], width=200)
    assert "role 'scrum' has no quiz statements; the quiz leaves it out" in report.stdout
    three = loader.load(path)
    answers = "".join("5" if s.keyed == "pmo" else "1" for s in three.quiz.statements)
    doc = json.loads(
        invoke(["--data", str(path), "quiz", "--answers", answers, "-f", "json"]).stdout
    )
    assert set(doc["interest"]) == {"pmo", "pm"}


def test_a_clear_preference_names_a_second_role_that_also_appeals(invoke: Invoke) -> None:
    answers = by_role({"pmo": "5", "pm": "44443"})
    out = " ".join(invoke(["quiz", "--answers", answers]).stdout.split())
    assert "Your result: a clear preference for PMO" in out
    assert "though Project Manager appeals to you too (3.8, high)" in out


def test_a_difference_beyond_the_margin_but_below_the_minimum_is_explained(invoke: Invoke) -> None:
    answers = by_role({"pmo": "5", "pm": "554"})
    out = " ".join(invoke(["quiz", "--answers", answers]).stdout.split())
    assert "PMO is 0.3 points above Project Manager; the margin of error is ±0.2 (95%)" in out
    assert "but a clear difference needs at least 0.5 points" in out
    assert "Your result: drawn to both PMO and Project Manager" in out


@pytest.mark.parametrize(
    ("patterns", "reason"),
    [
        # 3.85 and 3.45: beyond the margin of error (±0.28), under the 0.5-point minimum
        ({"pmo": "444443444443", "pm": "443433343433"}, "under the 0.5 points"),
        # 3.5 and 3.0, the first widely spread: inside the margin of error (±0.75)
        ({"pmo": "5135", "pm": "3"}, "within the margin of error"),
    ],
)
def test_too_close_says_why_in_agreement_with_the_comparison(
    invoke: Invoke, patterns: dict[str, str], reason: str
) -> None:
    answers = by_role(patterns)
    doc = json.loads(invoke(["quiz", "--answers", answers, "-f", "json"]).stdout)
    assert doc["verdict"] == "too-close"
    flat = " ".join(invoke(["quiz", "--answers", answers, "--no-history"]).stdout.split())
    assert (
        f"the difference from Project Manager {'is beyond' if 'under' in reason else 'is'}" in flat
    )
    assert reason in flat
    other = "within the margin of error" if "under" in reason else "needs at least"
    assert other not in flat


def test_plain_piped_answers_may_start_with_a_byte_order_mark(invoke: Invoke) -> None:
    lines = "\r\n".join(LIKES_PMO) + "\r\n"
    result = invoke(["quiz", "--plain", "-f", "json", "--no-history"], input="\ufeff" + lines)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["answers"] == [int(a) for a in LIKES_PMO]


def test_an_answers_file_too_large_to_read_is_an_error_not_a_memory_hog(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolecompare.core import group

    monkeypatch.setattr(group, "MAX_BYTES", 1000)
    line = f"Ana,{LIKES_PMO}\n"
    big = tmp_path / "big.csv"
    big.write_text(line * 100, encoding="utf-8")
    for source, given in ((str(big), None), ("-", line * 100)):
        result = invoke(["quiz", "--answers-file", source], input=given)
        assert result.exit_code == 1
        assert "larger than" in result.stderr and "too large to be read" in result.stderr
        assert result.stdout == ""
    device = invoke(["quiz", "--answers-file", "/dev/zero"])
    assert device.exit_code == 1
    assert "/dev/zero is larger than" in device.stderr
    small = tmp_path / "small.csv"
    small.write_text(line * 3, encoding="utf-8")
    assert invoke(["quiz", "--answers-file", str(small)]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--answers-file", "-", "--details"], "--answers-file scores a group on its own"),
        (["--answers-file", "-", "--record", "--no-history"], "--record and --no-history"),
        (["--questions", "--details"], "--questions only lists the statements"),
    ],
)
def test_options_that_would_be_ignored_are_usage_errors(
    invoke: Invoke, args: list[str], message: str
) -> None:
    result = invoke(["quiz", *args], input=f"Ana,{LIKES_PMO}\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert history.load().records == ()


def test_a_json_result_alone_does_not_read_the_history(invoke: Invoke) -> None:
    """JSON never shows the last attempt, so a script's run does not read (or warn about) the
    history; a table does."""
    path = history.history_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("not a record\n", encoding="utf-8")
    answers = "".join("4253425142534251"[i % 16] for i in range(N))
    scripted = invoke(["quiz", "--answers", answers, "--format", "json", "--no-history"])
    assert scripted.exit_code == 0
    assert scripted.stderr == ""
    shown = invoke(["quiz", "--answers", answers, "--no-history"])
    assert shown.exit_code == 0
    assert "line 1" in shown.stderr


@pytest.mark.parametrize("width", [40, 60, 80, 100])
@pytest.mark.parametrize("name", ["roles.toml", "my roles with a longer name.toml"])
def test_the_why_command_copied_from_the_screen_runs_as_one(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int, name: str
) -> None:
    """A long command goes on shell continuation lines, never on a plain wrapped line."""
    import shlex

    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(REAL_DATA.read_bytes())
    out = invoke(["--data", name, "quiz", "--answers", LIKES_PMO], width=width).stdout
    block = out[out.index("Why: ") :].rstrip("\n")
    lines = block.splitlines()
    assert all(len(line) <= width for line in lines), lines
    assert all(line.endswith(" \\") for line in lines[:-1]), lines
    command = block.removeprefix("Why: ").replace("\\\n", " ")
    assert shlex.split(command) == [
        "rolecompare",
        "--data",
        name,
        "quiz",
        "--details",
        "--no-history",
        "--answers",
        LIKES_PMO,
    ]


def test_one_answer_is_counted_in_the_singular(invoke: Invoke) -> None:
    result = invoke(["quiz", "--answers", "4", "--no-history"])
    assert result.exit_code == 2
    assert f"--answers: got 1 answer, the quiz has {N} statements" in result.stderr
