"""The README and docs stay true: the test command is the one CI runs, the picture is the tool's own,
and the examples named here are what the tool prints (test_docs_examples.py runs every other one)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..conftest import REPO, Invoke

README = (REPO / "README.md").read_text(encoding="utf-8")
CI = (REPO / ".ci" / "run").read_text(encoding="utf-8")
README_MAX_LINES = 250
DOCUMENTS = {
    "README.md": README,
    **{
        f"docs/{path.name}": path.read_text(encoding="utf-8")
        for path in sorted((REPO / "docs").glob("*.md"))
    },
}
"""The README and every docs/*.md page, by path from the repository root."""


def test_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"bash -c '([^']+)'", README)
    assert commands, "the README lost its test command"
    assert f"bash -c '{commands[0]}'" in CI


def test_readme_has_exactly_two_quick_start_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick_start, re.DOTALL)
    assert len(blocks) == 2
    assert all(block.count("\n") == 1 for block in blocks)
    assert "rolecompare show" in blocks[0]
    assert "[test]" in blocks[1] and "pytest" in blocks[1]


def test_readme_is_short() -> None:
    """A newcomer's page: the reference lives in docs/, one file per topic."""
    lines = README.count("\n")
    assert lines <= README_MAX_LINES, (
        f"README.md has {lines} lines, more than {README_MAX_LINES}: move reference material to docs/"
    )


def test_readme_svg_is_what_the_tool_exports(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "rates.svg"
    assert invoke(["rates", "--export", str(target)], width=88).exit_code == 0
    expected = (REPO / "docs" / "rates.svg").read_text(encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected, (
        "docs/rates.svg is stale: run COLUMNS=88 rolecompare rates --export docs/rates.svg"
    )


QUIZ_EXAMPLE = "rolecompare quiz --answers 4235423425342453244352433425342434253434"

# Console examples that must be in these documents and match what the tool prints today (at 88
# columns). `history` and `validate` print times and install paths, so they are left out here.
CHECKED = (
    ("README.md", "rolecompare show -d decision-making"),
    ("README.md", "rolecompare pay --rate 525"),
    ("README.md", "rolecompare roles"),
    ("README.md", QUIZ_EXAMPLE),
    ("docs/commands.md", "rolecompare show -d decision-making"),
    ("docs/commands.md", "rolecompare show -d salary"),
    ("docs/commands.md", "rolecompare show -d focus-area --format markdown"),
    ("docs/commands.md", "rolecompare rates"),
    ("docs/commands.md", "rolecompare roles"),
    ("docs/pay.md", "rolecompare pay --role pm"),
    ("docs/pay.md", "rolecompare pay --rate 525 --region scotland --breakdown"),
    ("docs/quiz.md", QUIZ_EXAMPLE),
)


def console_examples(text: str) -> list[tuple[str, str]]:
    """Every `$ command` in the document's ```console blocks with the output shown under it."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output))
    return examples


def readme_examples(document: str = "README.md") -> dict[str, str]:
    return dict(console_examples(DOCUMENTS[document]))


def normalised(text: str, drop_prefix: str = "Last time,") -> str:
    lines = [line.rstrip() for line in text.splitlines() if not line.startswith(drop_prefix)]
    return "\n".join(lines).strip("\n")


@pytest.mark.parametrize(("document", "command"), CHECKED)
def test_readme_examples_are_real_output(invoke: Invoke, document: str, command: str) -> None:
    examples = readme_examples(document)
    assert command in examples, f"{document} lost its example of {command}"
    result = invoke(command.split()[1:], width=88)
    assert result.exit_code == 0
    assert normalised(result.stdout) == normalised(examples[command])


def test_readme_group_example_is_real_output(invoke: Invoke, tmp_path: Path) -> None:
    """The workshop file is shown in the docs too, so the example can be tried as it is."""
    examples = readme_examples("docs/quiz.md")
    sheet = tmp_path / "workshop.txt"
    sheet.write_text(examples["cat workshop.txt"], encoding="utf-8")
    result = invoke(["quiz", "--answers-file", str(sheet)], width=88)
    assert result.exit_code == 0, result.stderr
    assert normalised(result.stdout, "Scored ") == normalised(
        examples["rolecompare quiz --answers-file workshop.txt"], "Scored "
    )  # the report is dated with the moment it was scored


@pytest.mark.parametrize("document", ["README.md", "docs/commands.md"])
def test_readme_validate_example_is_real_output_but_its_paths(
    invoke: Invoke, document: str
) -> None:
    example = readme_examples(document)["rolecompare validate"]
    result = invoke(["validate"], width=88)
    assert result.exit_code == 0

    def paths_cut(text: str) -> str:
        # An install path longer than the line wraps onto lines of its own: join it back first.
        lines: list[str] = []
        for line in normalised(text).splitlines():
            if lines and lines[-1].startswith("OK:") and not lines[-1].endswith(".toml"):
                lines[-1] += line
            else:
                lines.append(line)
        return re.sub(r"^OK: ?.*/", "OK: ", "\n".join(lines), flags=re.MULTILINE)

    assert paths_cut(result.stdout) == paths_cut(example)


JSON_EXAMPLES = [
    (document, command)
    for document, text in DOCUMENTS.items()
    for command, _ in console_examples(text)
    if "--format json" in command and "quiz" not in command
]


def test_the_docs_have_json_examples() -> None:
    assert {command for _, command in JSON_EXAMPLES} >= {
        "rolecompare rates --role pmo --format json",
        "rolecompare pay --rate 500 --format json",
    }


@pytest.mark.parametrize(("document", "command"), JSON_EXAMPLES)
def test_readme_json_examples_are_whole_and_real(
    invoke: Invoke, document: str, command: str
) -> None:
    """Nothing elided: each example parses and is exactly what the tool prints."""
    import json

    example = readme_examples(document)[command]
    assert json.loads(example) == json.loads(invoke(command.split()[1:], width=88).stdout)


ERRORS_CHECKED = ("rolecompare --width 10 show", "rolecompare rates --dat my.toml")
"""Examples of option errors in docs/exit-codes.md: their text is stderr, and they exit 2."""


@pytest.mark.parametrize("command", ERRORS_CHECKED)
def test_readme_error_examples_are_real_output(command: str) -> None:
    from typer.testing import CliRunner

    from rolecompare.cli import app

    examples = readme_examples("docs/exit-codes.md")
    assert command in examples, f"docs/exit-codes.md lost its example of {command}"
    result = CliRunner().invoke(
        app, command.split()[1:], prog_name="rolecompare", env={"COLUMNS": "88", "TERM": "dumb"}
    )
    assert result.exit_code == 2
    assert normalised(result.stderr) == normalised(examples[command])


def test_the_readme_lists_every_format_pay_accepts(invoke: Invoke) -> None:
    """Issue 18, item 8: the formats are read from `pay --help` and the export suffixes from the
    exporter, so a format added to `pay` and not to the README fails here."""
    from rolecompare.ui.export import KINDS

    help_text = " ".join(invoke(["pay", "--help"], width=200).stdout.split())
    listed = re.search(r"One of: (.*?) \((.*?) also work\)", help_text)
    assert listed, help_text
    formats = re.split(r", | or ", listed[1]) + listed[2].split(" and ")
    assert "csv" in formats and "md" in formats
    paragraph = " ".join(README.split("`pay` works out", 1)[1].split("```", 1)[0].split())
    assert all(re.search(rf"\b{name}\b", paragraph) for name in formats), (formats, paragraph)
    assert all(f"`{suffix}`" in paragraph for suffix in KINDS), paragraph


FENCED = re.compile(r"^```(\w*)\n(.*?)^```", re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_json_is_shown_only_as_output_the_tests_run(document: str) -> None:
    """Issue 18, item 8: JSON on a page is what the tool prints. A JSON document in a block
    other than a ```console one (which test_docs_examples.py runs) would never be checked."""
    for language, block in FENCED.findall(DOCUMENTS[document]):
        if language != "console":
            assert not re.search(r'^\s*(\{|\[|"\w+": )', block, re.MULTILINE), (
                f"{document}: JSON in a ```{language} block is never checked; show it as the "
                f"output of a command in a ```console block:\n{block[:300]}"
            )
