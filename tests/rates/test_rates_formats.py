"""Every format of `rates` carries what the table shows: differences, overlap, days, IR35."""

from __future__ import annotations

import json
import re

import pytest

from ..conftest import THREE_ROLES, Invoke
from ..helpers import flat

THREE = ["--data", str(THREE_ROLES)]


def table_markdown_json(invoke: Invoke, args: list[str]) -> tuple[str, str, dict]:  # type: ignore[type-arg]
    table = flat(invoke([*args], width=200).stdout)
    markdown = flat(invoke([*args, "-f", "md"]).stdout.replace("\\", ""))
    document = json.loads(invoke([*args, "-f", "json"]).stdout)
    return table, markdown, document


@pytest.mark.parametrize(
    "args",
    [["rates"], ["rates", "--days", "200"], ["rates", "-r", "pm", "-r", "pmo"], [*THREE, "rates"]],
)
def test_the_same_sentences_in_every_format(invoke: Invoke, args: list[str]) -> None:
    table, markdown, document = table_markdown_json(invoke, args)
    assert document["differences"]
    for difference in document["differences"]:
        sentence = difference["summary"]
        assert "at the bottom" in sentence and "at the top" in sentence
        assert "overlap" in sentence
        assert sentence in table
        head, _, rest = sentence.partition(": ")
        assert f"{head}: {rest}" in markdown.replace("**", "")
    note = document["billable_days_note"]
    assert note.startswith(f"A year = {document['billable_days']} billable days")
    assert note in table and note in markdown
    caveat = document["caveat_line"]
    assert document["caveat"] in caveat
    assert caveat in table and caveat in markdown


def test_ir35_facts_in_every_format(invoke: Invoke) -> None:
    table, markdown, document = table_markdown_json(invoke, ["rates"])
    [fact] = [f for f in document["facts"] if f["topic"] == "IR35"]
    assert "## IR35" in markdown
    for point in fact["points"]:
        assert flat(point) in table
        assert flat(point) in markdown
    citation = document["sources"][fact["source"]]["title"]
    assert citation in table and citation in markdown


def test_a_chosen_number_of_days_is_explained_everywhere(invoke: Invoke) -> None:
    table, markdown, document = table_markdown_json(invoke, ["rates", "--days", "200"])
    expected = "as you chose with --days (the usual assumption is 220)"
    assert expected in table and expected in markdown and expected in document["billable_days_note"]


def test_differences_in_json_have_the_bottom_and_top(invoke: Invoke) -> None:
    document = json.loads(invoke(["rates", "-f", "json"]).stdout)
    [difference] = document["differences"]
    assert difference["day"] == {"min": 50, "max": 100, "midpoint": 75.0}
    assert difference["overlap"] == [450, 600]


def test_markdown_emphasis_closes_next_to_its_text(invoke: Invoke) -> None:
    """``_text: _`` is not emphasis in CommonMark: the closing underscore must touch the text."""
    result = invoke(["rates", "--format", "markdown"])
    pointer = next(line for line in result.stdout.splitlines() if "rolecompare pay" in line)
    assert re.fullmatch(r"_\S[^_]*\S_ `rolecompare pay`", pointer), pointer
