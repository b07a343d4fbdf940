"""Turn what a user typed (ids, names, aliases, titles, any case) into roles and dimensions.

Spaces, hyphens and underscores count alike (``"PMO analyst"`` is ``pmo-analyst``). A name may be
shortened to a start of :data:`MIN_PREFIX` or more letters, of the whole name or of a word in it
(``-d salary``, ``-d skills``), as long as it fits one entry; otherwise the error lists what fits,
or suggests what was probably meant.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from rolecompare.errors import UsageError

if TYPE_CHECKING:
    from rolecompare.models import Dataset, Dimension, Role

MIN_PREFIX = 3
"""The shortest start of a name accepted in its place."""

T = TypeVar("T")
_SEPARATORS = re.compile(r"[\s_-]+")


def normalise(name: str) -> str:
    """Case folded, with runs of spaces, hyphens and underscores as one hyphen."""
    return _SEPARATORS.sub("-", name.strip().casefold()).strip("-")


def resolve_roles(data: Dataset, names: Iterable[str]) -> tuple[Role, ...]:
    """The roles named, in the order given and without repeats; all roles when none are named."""
    entries = {
        role.id: [role.id, role.name, role.full_name, *role.aliases] for role in data.roles.values()
    }
    return _resolve("role", "--role", list(names), entries, data.roles)


def resolve_dimensions(
    data: Dataset, names: Iterable[str], notes: list[str] | None = None
) -> tuple[Dimension, ...]:
    """The dimensions named, in the order given and without repeats; all when none are named.

    A name taken as a dimension through an alias or a word of its title, not its id or title,
    adds a line to ``notes`` saying which dimension it was taken for.
    """
    names = list(names)
    entries = {dim.id: [dim.id, dim.title, *dim.aliases] for dim in data.dimensions.values()}
    found = _resolve("dimension", "--dimension", names, entries, data.dimensions)
    if notes is None:
        return found
    for name in names:
        dim = data.dimensions[pick("dimension", "--dimension", name, entries)]
        key = normalise(name)
        if not any(normalise(own).startswith(key) for own in (dim.id, dim.title)):
            notes.append(f"-d {name.strip()}: showing {dim.id} ({dim.title})")
    return found


def _resolve(
    kind: str,
    flag: str,
    names: Sequence[str],
    entries: Mapping[str, Sequence[str]],
    known: Mapping[str, T],
) -> tuple[T, ...]:
    if not names:
        return tuple(known.values())
    picked = [pick(kind, flag, name, entries) for name in names]
    return tuple(known[key] for key in dict.fromkeys(picked))


def pick(kind: str, flag: str, name: str, entries: Mapping[str, Sequence[str]]) -> str:
    """The id ``name`` stands for among ``entries`` (id -> every name it goes by)."""
    key = normalise(name)
    names = {key_: id_ for id_, all_names in entries.items() for key_ in map(normalise, all_names)}
    names.pop("", None)
    if key in names:
        return names[key]
    known = f"(known: {', '.join(entries)})"
    if not key:
        raise UsageError(f"{flag} needs a {kind} name {known}")
    starts = _ids_where(names, lambda full: full.startswith(key))
    in_words = _ids_where(names, lambda full: f"-{key}" in f"-{full}")
    if len(key) < MIN_PREFIX and in_words:
        raise UsageError(
            f"'{name}' is too short for {flag}: give at least {MIN_PREFIX} letters "
            f"(it could be {_listing(in_words, 'or')})"
        )
    for found in (starts, in_words):
        if len(key) >= MIN_PREFIX and len(found) == 1:
            return found[0]
        if len(key) >= MIN_PREFIX and found:
            raise UsageError(
                f"'{name}' fits more than one {kind} for {flag}: {_listing(found)}; "
                "give more of the name"
            )
    close = _close(key, names)
    hint = f"; did you mean {_listing(close, 'or')}?" if close else ""
    raise UsageError(f"unknown {kind} '{name}' for {flag} {known}{hint}")


def _ids_where(names: Mapping[str, str], test: Callable[[str], bool]) -> list[str]:
    return list(dict.fromkeys(id_ for full, id_ in names.items() if test(full)))


def _listing(ids: Sequence[str], last: str = "and") -> str:
    quoted = [f"'{id_}'" for id_ in ids]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {last} {quoted[-1]}"


def _close(key: str, names: Mapping[str, str]) -> list[str]:
    """Ids whose name, a word of it, or its start is spelt like ``key`` (a typo, not a guess)."""
    import difflib

    def ratio(word: str) -> float:
        return difflib.SequenceMatcher(None, key, word).ratio()

    scored: dict[str, float] = {}
    for full, id_ in names.items():
        words = [full, *(w for w in full.split("-") if len(w) >= MIN_PREFIX)]
        best = max(ratio(word) for word in words)
        if best < 0.6 and len(key) >= MIN_PREFIX and len(full) > len(key):
            # A misspelt start ("decison" for decision-making) must be closer to count.
            best = max(ratio(full[: len(key)]) - 0.15, 0.0)
        if best >= 0.6:
            scored[id_] = max(scored.get(id_, 0.0), best)
    best = max(scored.values(), default=0.0)
    return sorted((i for i in scored if scored[i] >= best - 0.1), key=lambda i: -scored[i])[:3]
