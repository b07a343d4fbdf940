"""Turn what a user typed (ids, aliases, titles, any case) into roles and dimensions.

A name may be shortened to any prefix of three or more letters that fits only one entry
(``-d salary``, ``-d tools``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from rolecompare.errors import UsageError
from rolecompare.models import Dataset, Dimension, Role


def resolve_roles(data: Dataset, names: Iterable[str]) -> tuple[Role, ...]:
    """The roles named, in the order given and without repeats; all roles when none are named."""
    names = list(names)
    if not names:
        return tuple(data.roles.values())
    index: dict[str, str] = {}
    for role in data.roles.values():
        for name in (role.id, role.name, role.full_name, *role.aliases):
            index.setdefault(name.casefold(), role.id)
    picked = [_pick("role", name, index, data.roles, "--role") for name in names]
    return tuple(data.roles[role_id] for role_id in dict.fromkeys(picked))


def resolve_dimensions(data: Dataset, names: Iterable[str]) -> tuple[Dimension, ...]:
    """The dimensions named by id or title, in data order; all when none are named."""
    names = list(names)
    if not names:
        return tuple(data.dimensions.values())
    index: dict[str, str] = {}
    for dim in data.dimensions.values():
        index.setdefault(dim.id.casefold(), dim.id)
        index.setdefault(dim.title.casefold(), dim.id)
    picked = {_pick("dimension", name, index, data.dimensions, "--dimension") for name in names}
    return tuple(dim for dim in data.dimensions.values() if dim.id in picked)


def _pick(
    kind: str, name: str, index: Mapping[str, str], known: Mapping[str, object], flag: str
) -> str:
    key = name.strip().casefold()
    if key in index:
        return index[key]
    by_prefix = {value for name_, value in index.items() if len(key) >= 3 and name_.startswith(key)}
    if len(by_prefix) == 1:
        return by_prefix.pop()
    close = difflib.get_close_matches(key, list(index), n=1, cutoff=0.6)
    hint = f"; did you mean '{index[close[0]]}'?" if close else ""
    raise UsageError(f"unknown {kind} '{name}' for {flag} (known: {', '.join(known)}){hint}")
