"""Checks that span the data file: what pydantic cannot see from one field alone.

Each problem is reported as ``key.path: what is wrong``, so a person can find it in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rolecompare.models import Dataset, Role
from rolecompare.rates import money_range, symbol
from rolecompare.wording import PLACEHOLDERS, placeholders

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def find_problems(data: Dataset) -> list[str]:
    """Every cross-reference problem in ``data``, in file order; empty when consistent."""
    return [
        *_id_problems(data),
        *_alias_problems(data),
        *_source_problems(data),
        *_rate_problems(data),
        *_dimension_problems(data),
        *_text_problems(data),
        *_fact_problems(data),
        *_quiz_problems(data),
    ]


def _id_problems(data: Dataset) -> Iterator[str]:
    for table, ids in (
        ("roles", data.roles),
        ("dimensions", data.dimensions),
        ("similarities", data.similarities),
    ):
        for key in ids:
            if not ID_PATTERN.match(key):
                yield (
                    f"{table}.{key}: ids use lowercase letters, digits and hyphens "
                    f"(e.g. {re.sub(r'[^a-z0-9-]+', '-', key.lower()).strip('-') or 'my-id'})"
                )


def _alias_problems(data: Dataset) -> Iterator[str]:
    # ``--role`` accepts a role's id, name, full name or any alias, in any case: each must name
    # one role.
    owner: dict[str, str] = {role_id.casefold(): role_id for role_id in data.roles}
    for role in data.roles.values():
        for key, value in (("name", role.name), ("full_name", role.full_name)):
            name = value.casefold()
            if name and owner.setdefault(name, role.id) != role.id:
                yield (
                    f"roles.{role.id}.{key}: '{value}' already names role '{owner[name]}'; "
                    "each name must point to one role"
                )
    for role in data.roles.values():
        for alias in role.aliases:
            name = alias.casefold()
            if name in owner and owner[name] != role.id:
                yield (
                    f"roles.{role.id}.aliases: '{alias}' already names role '{owner[name]}'; "
                    "each name must point to one role"
                )
            owner.setdefault(name, role.id)


def _source_problems(data: Dataset) -> Iterator[str]:
    known = ", ".join(data.sources)
    refs: list[tuple[str, str | None]] = [("source", data.source)]
    for role in data.roles.values():
        refs += [
            (f"roles.{role.id}.source", role.source),
            (f"roles.{role.id}.rates.source", role.rates.source),
            (f"roles.{role.id}.next_steps.source", role.next_steps.source),
            (f"roles.{role.id}.next_steps.tools_source", role.next_steps.tools_source),
            (f"roles.{role.id}.next_steps.practice_source", role.next_steps.practice_source),
            (f"roles.{role.id}.note_source", role.note_source),
        ]
    refs += [(f"dimensions.{dim.id}.source", dim.source) for dim in data.dimensions.values()]
    refs += [(f"similarities.{s.id}.source", s.source) for s in data.similarities.values()]
    if data.context is not None:
        refs.append(("context.source", data.context.source))
    refs += [(f"facts[{i}].source", fact.source) for i, fact in enumerate(data.facts)]
    refs.append(("rates.source", data.rates.source))
    for path, ref in refs:
        if ref is not None and ref not in data.sources:
            yield f"{path}: unknown source '{ref}' (known: {known})"


def _rate_problems(data: Dataset) -> Iterator[str]:
    first = next(iter(data.roles.values()))  # the schema guarantees at least two roles
    for role in data.roles.values():
        if role.rates.currency != first.rates.currency:
            yield (
                f"roles.{role.id}.rates.currency: '{role.rates.currency}' differs from "
                f"'{first.rates.currency}' ({first.id}); rates are compared on one axis, so use one currency"
            )
    for role in data.roles.values():
        if role.rates.min > role.rates.max:
            yield f"roles.{role.id}.rates.max: must be >= min ({role.rates.min})"
        as_of = role.rates.as_of
        if as_of is not None and as_of.year != role.rates.year:
            yield (
                f"roles.{role.id}.rates.as_of: {as_of} is not in year {role.rates.year}; "
                "make year and as_of agree"
            )


def _dimension_problems(data: Dataset) -> Iterator[str]:
    known = ", ".join(data.roles)
    for dim in data.dimensions.values():
        for role_id in data.roles:
            if role_id not in dim.roles:
                yield f"dimensions.{dim.id}.roles.{role_id}: missing; every role needs a text here"
        for role_id in dim.roles:
            if role_id not in data.roles:
                yield f"dimensions.{dim.id}.roles.{role_id}: unknown role (known: {known})"


def _text_problems(data: Dataset) -> Iterator[str]:
    """Placeholders must be known, and a figure written by hand must match the role's rates.

    A role's day rates are written once, in ``[roles.ID.rates]``; the text shows them through
    ``{rates}``, so editing the rates changes every screen.
    """
    known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    for dim in data.dimensions.values():
        for i, line in enumerate(dim.shared):
            for name in placeholders(line):
                yield (
                    f"dimensions.{dim.id}.shared[{i}]: placeholder {{{name}}} needs a role; "
                    f"use it in dimensions.{dim.id}.roles.ROLE (write {{{{ and }}}} for a brace)"
                )
        for role_id, text in dim.roles.items():
            role = data.roles.get(role_id)
            lines = [("summary", text.summary)]
            lines += [(f"points[{i}]", point) for i, point in enumerate(text.points)]
            for key, line in lines:
                path = f"dimensions.{dim.id}.roles.{role_id}.{key}"
                for name in placeholders(line):
                    if name not in PLACEHOLDERS:
                        yield (
                            f"{path}: unknown placeholder {{{name}}} (known: {known}; "
                            "write {{ and }} for a literal brace)"
                        )
                if role is not None:
                    yield from _figure_problems(path, line, role)


def _figure_problems(path: str, line: str, role: Role) -> Iterator[str]:
    rates = role.rates
    mark = re.escape(symbol(rates.currency).strip())
    for match in re.finditer(rf"{mark}\s?(\d[\d,]*(?:\.\d+)?)", line):
        amount = float(match.group(1).replace(",", ""))
        if amount not in (rates.min, rates.max):
            yield (
                f"{path}: '{match.group(0)}' does not match roles.{role.id}.rates "
                f"({money_range(rates.min, rates.max, rates.currency)}); write {{rates}} to show "
                "the role's day rates"
            )


def _fact_problems(data: Dataset) -> Iterator[str]:
    for i, fact in enumerate(data.facts):
        if fact.dimension is None:
            continue
        if fact.screen != "show":
            yield f'facts[{i}].dimension: only facts with screen = "show" sit beside a dimension'
        elif fact.dimension not in data.dimensions:
            yield (
                f"facts[{i}].dimension: unknown dimension '{fact.dimension}' "
                f"(known: {', '.join(data.dimensions)})"
            )


def _quiz_problems(data: Dataset) -> Iterator[str]:
    quiz = data.quiz
    if quiz.strong_margin < quiz.close_margin:
        yield f"quiz.strong_margin: must be >= close_margin ({quiz.close_margin:g})"
    seen: set[str] = set()
    for i, statement in enumerate(quiz.statements):
        path = f"quiz.statements[{i}]"  # counted from 0, as TOML tools do; messages add the id
        if statement.id in seen:
            yield f"{path}.id: '{statement.id}' is used twice; statement ids must be unique"
        seen.add(statement.id)
        if statement.keyed not in data.roles:
            yield (
                f"{path}.keyed: unknown role '{statement.keyed}' in statement {statement.id} "
                f"(known: {', '.join(data.roles)})"
            )
        if statement.dimension not in data.dimensions:
            yield (
                f"{path}.dimension: unknown dimension '{statement.dimension}' in statement "
                f"{statement.id} (known: {', '.join(data.dimensions)})"
            )
