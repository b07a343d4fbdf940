"""Every example in the README and docs/ is real output, and every relative link leads somewhere.

test_docs.py pins the examples that must exist; this runs all of them, so an example added to any
page is checked too, the same way: at 88 columns, on the tests' fixed date. `history` is exempt
(its times vary) and `validate` is compared without its install paths.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolecompare.cli import app

from ..conftest import REPO
from ..docs.test_docs import DOCUMENTS, console_examples, normalised

EXEMPT = frozenset({"history"})
"""Commands whose examples show the times of quizzes, so their output cannot be reproduced."""

COMMANDS = frozenset({"show", "rates", "pay", "quiz", "history", "roles", "validate"})


def example_files(text: str) -> dict[str, str]:
    """Files a page shows with `$ cat NAME`, so that its later commands can read them."""
    return {
        command.split(maxsplit=1)[1]: output
        for command, output in console_examples(text)
        if command.startswith("cat ")
    }


EXAMPLES = [
    pytest.param(document, command, output, id=f"{document}: {command}")
    for document, text in DOCUMENTS.items()
    for command, output in console_examples(text)
    if not command.startswith("cat ")
]


def subcommand(args: list[str]) -> str | None:
    return next((arg for arg in args if arg in COMMANDS), None)


def test_there_are_examples_on_several_pages() -> None:
    pages = {param.values[0] for param in EXAMPLES}
    assert {"README.md", "docs/commands.md", "docs/pay.md", "docs/quiz.md"} <= pages


@pytest.mark.parametrize(
    "document", [name for name, text in DOCUMENTS.items() if "```console" in text]
)
def test_every_console_block_starts_with_a_command(document: str) -> None:
    """A console block without `$ ` would never be run: write output-less commands in ```sh."""
    for block in re.findall(r"```console\n(.*?)```", DOCUMENTS[document], re.DOTALL):
        assert block.startswith("$ "), f"{document}: a console block without a command:\n{block}"


@pytest.mark.parametrize(("document", "command", "shown"), EXAMPLES)
def test_example_is_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: str, command: str, shown: str
) -> None:
    args = shlex.split(command)
    assert args[0] == "rolecompare", (
        f"{document}: only `rolecompare ...` and `cat FILE` can be checked in a console block; "
        f"put {command!r} in a ```sh block"
    )
    name = subcommand(args)
    if name in EXEMPT:
        pytest.skip(f"`{name}` prints the times of quizzes")

    for file_name, content in example_files(DOCUMENTS[document]).items():
        (tmp_path / file_name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # The moment the docs' examples were run, as a group report prints it.
    moment = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
    monkeypatch.setattr("rolecompare.core.history.now", lambda warn: moment)
    result = CliRunner().invoke(
        app,
        args[1:],
        prog_name="rolecompare",
        env={"COLUMNS": "88", "TERM": "dumb"},
        color=False,
    )

    if shown.startswith("Usage:"):
        assert result.exit_code == 2, result.output
        printed, expected = result.stderr, shown
    else:
        assert result.exit_code == 0, result.stderr
        printed, expected = result.stdout, shown
    if name == "validate":
        printed, expected = (
            re.sub(r"^OK: .*/", "OK: ", normalised(text), flags=re.MULTILINE)
            for text in (printed, expected)
        )
    assert normalised(printed) == normalised(expected)


# ---------------------------------------------------------------- links

LINKED_PAGES = {
    **DOCUMENTS,
    **{
        page: (REPO / page).read_text(encoding="utf-8")
        for page in ("CONTRIBUTING.md", "benchmarks/README.md")
    },
}
"""The pages a reader follows from the README; the README and docs/ are among them."""
FENCE = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$", re.MULTILINE)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def prose(text: str) -> str:
    """The page without code, where brackets and parentheses are not links."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


def anchors(text: str) -> set[str]:
    """The `#anchor` of every heading, made the way GitHub makes them (repeats get -1, -2, ...)."""
    seen: dict[str, int] = {}
    found = set()
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", FENCE.sub("", text), re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def relative_links(text: str) -> list[str]:
    body = prose(text)
    targets = LINK.findall(body) + REFERENCE.findall(body)
    return [target for target in targets if not SCHEME.match(target)]


def test_the_pages_have_relative_links() -> None:
    assert "docs/commands.md" in relative_links(LINKED_PAGES["README.md"])
    assert "docs/data-format.md#adding-a-role" in relative_links(LINKED_PAGES["README.md"])


@pytest.mark.parametrize("page", sorted(LINKED_PAGES))
def test_every_relative_link_points_at_an_existing_file(page: str) -> None:
    base = (REPO / page).parent
    broken = []
    for target in relative_links(LINKED_PAGES[page]):
        path, _, anchor = target.partition("#")
        resolved = (base / path).resolve() if path else REPO / page
        if not resolved.is_relative_to(REPO) or not resolved.exists():
            broken.append(f"{target}: no such file")
        elif (
            anchor
            and resolved.suffix == ".md"
            and anchor not in anchors(resolved.read_text(encoding="utf-8"))
        ):
            broken.append(f"{target}: no heading makes #{anchor}")
    assert not broken, f"{page}: broken links:\n" + "\n".join(broken)
