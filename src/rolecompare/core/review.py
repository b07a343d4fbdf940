"""Warnings, not errors, about text meant for every role that may have been written for two.

The shipped data compares two roles, so its shared points, similarities and context say "both"
or name the two roles. A user who adds a third role keeps that text, and it then shows under a
heading that claims it for all three. Two cheap signs are flagged for review, once the data has
more than two roles: "both" (or "the two"), and text naming some roles but not all of them (by
name, full name or alias, in any case). Either may be fine ("both PRINCE2 and PMP"), so
``validate`` warns and still passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rolecompare.core.models import Dataset, Role
from rolecompare.core.text import name_list

_BOTH = re.compile(r"\bboth\b|\bthe two\b", re.IGNORECASE)


def shared_text(data: Dataset) -> Iterator[tuple[str, str]]:
    """(key path, text) of everything shown as holding for every role, the quiz's
    introduction and its note on hybrid paths included."""
    for dim in data.dimensions.values():
        for i, point in enumerate(dim.shared):
            yield f"dimensions.{dim.id}.shared[{i}]", point
    for item in data.similarities.values():
        yield f"similarities.{item.id}.title", item.title
        yield f"similarities.{item.id}.text", item.text
    if data.context is not None:
        yield "context.title", data.context.title
        for i, point in enumerate(data.context.points):
            yield f"context.points[{i}]", point
    yield "quiz.intro", data.quiz.intro
    yield "quiz.hybrid", data.quiz.hybrid


def two_role_warnings(data: Dataset) -> list[str]:
    """One warning per shared text that says "both", or names some roles but not all."""
    roles = list(data.roles.values())
    if len(roles) <= 2:
        return []
    warnings = []
    for where, text in shared_text(data):
        named = [r.name for r in roles if _names(text, r)]
        both = _BOTH.search(text)
        if both:
            reason = f'says "{both.group(0).lower()}"'
        elif 0 < len(named) < len(roles):
            reason = f"names {name_list(named)} only"
        else:
            continue
        warnings.append(
            f"{where} {reason}, but the data has {len(roles)} roles and shows it as "
            "shared by all: check that it holds for every role"
        )
    return warnings


def _names(text: str, role: Role) -> bool:
    """Whether ``text`` mentions ``role`` by its name, full name or an alias, as words in any
    case (a plural or possessive counts: "project managers", "PMO's")."""
    return any(
        re.search(rf"(?<!\w){re.escape(name)}(?:s|'s)?(?!\w)", text, re.IGNORECASE)
        for name in (role.name, role.full_name, *role.aliases)
        if name
    )
