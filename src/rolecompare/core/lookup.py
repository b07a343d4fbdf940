"""Turn what a user typed (ids, names, aliases, titles, any case) into roles and dimensions.

Spaces, hyphens and underscores count alike, however many (``"PMO analyst"`` is
``pmo-analyst``), and compatibility forms are folded (full-width letters count as ASCII). A name may
be shortened to a start of :data:`MIN_PREFIX` or more letters, of the whole name or of a word in it
(``-d salary``, ``-d skills``), as long as it fits one entry; otherwise the error lists what fits,
or suggests what was probably meant (accents aside: ``pmö`` suggests ``pmo``). A name two entries
share is never settled by picking one: the error asks for the id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from rolecompare.core.errors import UsageError

if TYPE_CHECKING:
    from rolecompare.core.models import Dataset, Dimension, Role

MIN_PREFIX = 3
"""The shortest start of a name accepted in its place."""

T = TypeVar("T")
_SEPARATORS = re.compile(r"[\s_-]+")


class Kind(NamedTuple):
    """What is looked up, the option it came from, and every name of each entry by id; and,
    for a kind the current command has no option for, the command that has one."""

    kind: str
    flag: str
    entries: Mapping[str, Sequence[str]]
    command: str | None = None


def normalise(name: str) -> str:
    """Case folded, compatibility forms folded (NFKC), runs of spaces, hyphens and underscores
    as one hyphen."""
    if not name.isascii():
        import unicodedata

        name = unicodedata.normalize("NFKC", name)
    return _SEPARATORS.sub("-", name.strip().casefold()).strip("-")


def fold_accents(text: str) -> str:
    """``text`` without accents and other combining marks: only to suggest, never to accept."""
    if text.isascii():
        return text
    import unicodedata

    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def role_kind(data: Dataset) -> Kind:
    """Roles by id, name, full name, the name as ``roles`` prints it, and aliases."""
    from rolecompare.core.models import display_name

    entries = {
        role.id: [role.id, role.name, role.full_name, display_name(role), *role.aliases]
        for role in data.roles.values()
    }
    return Kind("role", "--role", entries)


def dimension_kind(data: Dataset) -> Kind:
    """Dimensions by id, title and aliases."""
    entries = {dim.id: [dim.id, dim.title, *dim.aliases] for dim in data.dimensions.values()}
    return Kind("dimension", "--dimension", entries)


def resolve_roles(
    data: Dataset, names: Iterable[str], *, dimensions_here: bool = False
) -> tuple[Role, ...]:
    """The roles named, in the order given and without repeats; all roles when none are named.

    A dimension's name is pointed to ``-d``, or to ``show -d`` when the command has no
    ``--dimension`` (``dimensions_here`` False).
    """
    dimensions = dimension_kind(data)
    if not dimensions_here:
        dimensions = dimensions._replace(command="show")
    return _resolve(role_kind(data), list(names), data.roles, dimensions)


def resolve_dimensions(
    data: Dataset, names: Iterable[str], notes: list[str] | None = None
) -> tuple[Dimension, ...]:
    """The dimensions named, in the order given and without repeats; all when none are named.

    A name taken as a dimension through a word of its title or the start of an alias, or one
    that other dimensions also match (``focus``: focus-area, and primary-focus by a word), adds a line to
    ``notes`` saying which dimension it was taken for and what else matched.
    """
    names = list(names)
    kind = dimension_kind(data)
    found = _resolve(kind, names, data.dimensions, role_kind(data))
    if notes is None:
        return found
    for name in names:
        dim = data.dimensions[pick(kind, name)]
        key = normalise(name)
        others = [i for i in matches(kind, key) if i != dim.id]
        own = any(normalise(n).startswith(key) for n in (dim.id, dim.title)) or key in {
            normalise(alias) for alias in dim.aliases
        }  # a documented alias (``roles`` lists them) needs no note
        if others or not own:
            also = f"; also matches {_listing(others)}" if others else ""
            notes.append(f"-d {name.strip()}: showing {dim.id} ({dim.title}){also}")
    return found


def _resolve(
    kind: Kind, names: Sequence[str], known: Mapping[str, T], other: Kind | None = None
) -> tuple[T, ...]:
    if not names:
        return tuple(known.values())
    picked = [pick(kind, name, other) for name in names]
    return tuple(known[key] for key in dict.fromkeys(picked))


def _names(kind: Kind) -> dict[str, list[str]]:
    """Every normalised name, with the ids it names (more than one when entries share it)."""
    names: dict[str, list[str]] = {}
    for id_, all_names in kind.entries.items():
        for name in map(normalise, all_names):
            if name and id_ not in names.setdefault(name, []):
                names[name].append(id_)
    return names


def matches(kind: Kind, key: str) -> list[str]:
    """Ids whose name starts with ``key`` or has a word starting with it (an exact one first)."""
    if len(key) < MIN_PREFIX:
        return []
    names = _names(kind)
    exact = names.get(key, [])
    starts = _ids_where(names, lambda full: full.startswith(key))
    words = _ids_where(names, lambda full: f"-{key}" in f"-{full}")
    return list(dict.fromkeys([*exact, *starts, *words]))


def pick(kind: Kind, name: str, other: Kind | None = None) -> str:
    """The id ``name`` stands for among ``kind``'s entries.

    ``other`` is the kind the name may have been meant for (a role given to ``-d``): when it
    names one of those, the error says to use the other option.
    """
    key = normalise(name)
    names = _names(kind)
    known = f"(known: {', '.join(kind.entries)})"
    if not key:
        raise UsageError(f"{kind.flag} needs a {kind.kind} name {known}")
    if key in names:
        owners = names[key]
        if len(owners) == 1 or key in owners:
            return key if key in owners else owners[0]
        raise UsageError(
            f"'{name}' names more than one {kind.kind} for {kind.flag}: {_listing(owners)}; "
            "give the id"
        )
    starts = _ids_where(names, lambda full: full.startswith(key))
    in_words = _ids_where(names, lambda full: f"-{key}" in f"-{full}")
    if len(key) < MIN_PREFIX and in_words:
        raise UsageError(
            f"'{name}' is too short for {kind.flag}: give at least {MIN_PREFIX} letters "
            f"(it could be {_listing(in_words, 'or')})"
        )
    for found in (starts, in_words):
        if len(key) >= MIN_PREFIX and len(found) == 1:
            return found[0]
        if len(key) >= MIN_PREFIX and found:
            raise UsageError(
                f"'{name}' fits more than one {kind.kind} for {kind.flag}: {_listing(found)}; "
                "give more of the name"
            )
    elsewhere = _elsewhere(other, key) if other else None
    if other and elsewhere:
        short = other.flag.replace("--role", "-r").replace("--dimension", "-d")
        use = f"rolecompare {other.command} {short}" if other.command else f"{short}/{other.flag}"
        raise UsageError(
            f"'{name}' is a {other.kind}, not a {kind.kind}: use {use} {elsewhere[0]} {known}"
        )
    close = _close(key, names)
    hint = f"; did you mean {_listing(close, 'or')}?" if close else ""
    raise UsageError(f"unknown {kind.kind} '{name}' for {kind.flag} {known}{hint}")


def _elsewhere(other: Kind, key: str) -> list[str] | None:
    """The entries of ``other`` that ``key`` names exactly, or the one it fits by start or
    word (``salary`` for salary-and-job-outlook); None when it fits none or several."""
    exact = _names(other).get(key)
    if exact:
        return exact
    fits = matches(other, key)
    return fits if len(fits) == 1 else None


def _ids_where(names: Mapping[str, Sequence[str]], test: Callable[[str], bool]) -> list[str]:
    return list(dict.fromkeys(id_ for full, ids in names.items() if test(full) for id_ in ids))


def _listing(ids: Sequence[str], last: str = "and") -> str:
    quoted = [f"'{id_}'" for id_ in ids]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {last} {quoted[-1]}"


def _close(key: str, names: Mapping[str, Sequence[str]]) -> list[str]:
    """Ids whose name, a word of it, or its start is spelt like ``key`` (a typo, not a guess).

    Accents are folded on both sides first, so ``pmö`` is as close to ``pmo`` as it looks.
    """
    import difflib

    key = fold_accents(key)

    def ratio(word: str) -> float:
        return difflib.SequenceMatcher(None, key, word).ratio()

    scored: dict[str, float] = {}
    for written, ids in names.items():
        full = fold_accents(written)
        words = [full, *(w for w in full.split("-") if len(w) >= MIN_PREFIX)]
        best = max(ratio(word) for word in words)
        if best < 0.6 and len(key) >= MIN_PREFIX and len(full) > len(key):
            # A misspelt start ("decison" for decision-making) must be closer to count.
            best = max(ratio(full[: len(key)]) - 0.15, 0.0)
        if best >= 0.6:
            for id_ in ids:
                scored[id_] = max(scored.get(id_, 0.0), best)
    best = max(scored.values(), default=0.0)
    return sorted((i for i in scored if scored[i] >= best - 0.1), key=lambda i: -scored[i])[:3]
