"""`roles` and `rates` at any width: words never split, the table used whenever it really fits."""

from __future__ import annotations

import json
import re

import pytest

from rolecompare.core import loader
from rolecompare.core.models import display_name

from ..conftest import REAL_DATA, Invoke
from ..helpers import flat, widest


def names_words() -> set[str]:
    data = loader.load(REAL_DATA)
    texts = [display_name(r) for r in data.roles.values()]
    texts += [a for r in data.roles.values() for a in (r.id, *r.aliases)]
    texts += [t for d in data.dimensions.values() for t in (d.id, d.title, *d.aliases)]
    return {word.strip("(),") for text in texts for word in text.split()}


@pytest.mark.parametrize("width", [20, 30, 40, 50, 60, 70, 80, 100])
def test_roles_never_splits_a_word(invoke: Invoke, width: int) -> None:
    out = invoke(["roles"], width=width).stdout
    shown = {word.strip("(),•") for word in out.split()}
    longest = max(map(len, names_words()))
    assert names_words() <= shown or width < longest + 2, sorted(names_words() - shown)
    assert widest(out) <= width


def test_roles_lists_at_40_columns(invoke: Invoke) -> None:
    out = invoke(["roles"], width=40).stdout
    assert "Prima" not in out.replace("Primary", "")
    assert "\n  Primary focus\n" in out and "Also accepted" not in out


def test_roles_is_a_table_where_it_fits(invoke: Invoke) -> None:
    assert re.search(r"^ Id +Name +Also accepted", invoke(["roles"], width=100).stdout, re.M)


@pytest.mark.parametrize("width", range(40, 100, 3))
def test_rates_uses_its_table_exactly_when_the_table_fits(invoke: Invoke, width: int) -> None:
    out = invoke(["rates"], width=width).stdout
    table = next(line for line in invoke(["rates"], width=120).stdout.splitlines() if "──" in line)
    assert ("Midpoint" in out) == (width >= len(table)), out[:300]
    assert widest(out) <= width


@pytest.mark.parametrize("fmt", ["table", "text", "markdown", "json"])
def test_roles_carries_every_note_and_its_source(invoke: Invoke, fmt: str) -> None:
    data = loader.load(REAL_DATA)
    out = invoke(["roles", "-f", fmt], width=300).stdout
    if fmt == "json":
        out = json.dumps(json.loads(out), ensure_ascii=False)
    noted = [r for r in data.roles.values() if r.note]
    assert noted
    for role in noted:
        assert role.note in flat(out)
        source = data.sources[role.note_source or data.source]
        assert (
            (source.title in flat(out))
            if fmt != "json"
            else (role.note_source or data.source) in out
        )
