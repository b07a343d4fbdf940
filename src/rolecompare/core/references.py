"""Checks that span the data file: what pydantic cannot see from one field alone.

They run on the parsed TOML, not on the models, so that they still run when the schema found
problems too: ``validate`` reports every problem of a file in one go. Each check looks only at the
parts that have the right shape (a wrong shape is the schema's problem, reported once, there).
Each problem is reported as ``key.path: what is wrong``, so a person can find it in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from rolecompare.core.text import (
    PLACEHOLDERS,
    money_range,
    number_text,
    placeholders,
    written_symbol,
)

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
"""Matched with ``fullmatch``: ``$`` in ``match`` would also accept a trailing newline."""

Raw = Mapping[str, Any]


def find_problems(raw: Raw) -> list[str]:
    """Every cross-reference problem in the parsed file, in file order; empty when consistent."""
    return [
        *_id_problems(raw),
        *_alias_problems(raw),
        *_invisible_problems(raw),
        *_source_problems(raw),
        *_rate_problems(raw),
        *_dimension_problems(raw),
        *_text_problems(raw),
        *_fact_problems(raw),
        *_quiz_problems(raw),
    ]


def _table(raw: Raw, key: str) -> dict[str, dict[str, Any]]:
    """The sub-tables of ``raw[key]`` (ids to tables), leaving out whatever is not a table."""
    value = raw.get(key)
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(v, dict)}


def _text(value: Any) -> str | None:
    """A string as the models keep it (stripped), or None when it is not a string."""
    return value.strip() if isinstance(value, str) else None


def _texts(value: Any) -> list[str]:
    return [s.strip() for s in value if isinstance(s, str)] if isinstance(value, list) else []


MAX_FIGURE = 10**15
"""Larger than any figure a data file holds; beyond it a number is reported, not used."""


def _number(value: Any) -> int | float | None:
    """A number fit to compare and show; None for anything else, a huge integer included (the
    schema reports it against the field's own range)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value if abs(value) < MAX_FIGURE else None


def _id_problems(raw: Raw) -> Iterator[str]:
    for table in ("roles", "dimensions", "similarities"):
        for key in _table(raw, table):
            if not ID_PATTERN.fullmatch(key):
                # The key is already inert and on one line: a stray newline shows as \x0a.
                yield (
                    f"{table}.{key}: ids use lowercase letters, digits and hyphens "
                    f"(e.g. {re.sub(r'[^a-z0-9-]+', '-', key.lower()).strip('-') or 'my-id'})"
                )


def _alias_problems(raw: Raw) -> Iterator[str]:
    # ``--role`` and ``--dimension`` accept an id, name, title or alias in any case: each must
    # name one entry.
    for table, kind, name_keys in (
        ("roles", "role", ("name", "full_name")),
        ("dimensions", "dimension", ("title",)),
    ):
        entries = _table(raw, table)
        owner = {entry_id.casefold(): entry_id for entry_id in entries}
        for entry_id, entry in entries.items():
            for key in name_keys:
                value = _text(entry.get(key))
                name = (value or "").casefold()
                if name and owner.setdefault(name, entry_id) != entry_id:
                    yield (
                        f"{table}.{entry_id}.{key}: '{value}' already names {kind} "
                        f"'{owner[name]}'; each name must point to one {kind}"
                    )
        for entry_id, entry in entries.items():
            for alias in _texts(entry.get("aliases")):
                name = alias.casefold()
                if name in owner and owner[name] != entry_id:
                    yield (
                        f"{table}.{entry_id}.aliases: '{alias}' already names {kind} "
                        f"'{owner[name]}'; each name must point to one {kind}"
                    )
                owner.setdefault(name, entry_id)


def visible(text: str) -> str:
    """``text`` as a reader sees it, case folded: without format characters (zero-width spaces,
    joiners, bidi marks) and characters that draw nothing; blank when nothing shows."""
    if text.isascii():
        return text.strip().casefold()
    import unicodedata

    return (
        "".join(
            ch
            for ch in unicodedata.normalize("NFKC", text)
            if unicodedata.category(ch) != "Cf" and ch not in _FILLERS
        )
        .strip()
        .casefold()
    )


# Characters that draw nothing although Unicode does not call them format characters.
_FILLERS = frozenset("\u034f\u115f\u1160\u2800\u3164\uffa0")

# Cyrillic and Greek letters (case folded) drawn like a Latin letter in common fonts.
_LOOK_ALIKES = str.maketrans(
    {
        **dict(zip("авекмнорстухіјѕԁԛԝѵӏ", "abekmhopctyxijsdqwvl", strict=True)),
        **dict(zip("αβεζηικμνορτυχϲ", "abezhikmnoptyxc", strict=True)),
    }
)
_SEPARATORS = re.compile(r"[\s_-]+")


def skeleton(text: str) -> str:
    """What a name looks like to a reader and to ``--role``: :func:`visible`, with look-alike
    Cyrillic and Greek letters as the Latin ones they resemble, and any run of spaces, hyphens
    and underscores as one hyphen (as lookups treat them). Two names with one skeleton cannot be
    told apart on screen or on the command line."""
    seen = visible(text).translate(_LOOK_ALIKES)
    return _SEPARATORS.sub("-", seen).strip("-")


def _invisible_problems(raw: Raw) -> Iterator[str]:
    """Names that show as nothing, or as another entry's name: either would mislead a reader.

    Roles and dimensions are chosen by name (``--role``, ``--dimension``), so their names must
    also look different from each other; every other name-like field must show something.
    """
    for table, kind, name_keys in (
        ("roles", "role", ("name", "full_name")),
        ("dimensions", "dimension", ("title",)),
    ):
        entries = _table(raw, table)
        owner: dict[str, tuple[str, str]] = {entry_id: (entry_id, entry_id) for entry_id in entries}
        exact = _exact_owners(entries, name_keys)
        for entry_id, entry in entries.items():
            named = [(key, _texts([entry.get(key)])) for key in name_keys]
            for key, values in [*named, ("aliases", _texts(entry.get("aliases")))]:
                for value in values:
                    if not visible(value):
                        if value:  # an empty one is the schema's problem
                            yield (
                                f"{table}.{entry_id}.{key}: '{value}' shows nothing; "
                                "use visible characters"
                            )
                        continue
                    if exact.get(value.casefold(), entry_id) != entry_id:
                        continue  # an exact repeat: _alias_problems reports it
                    look = skeleton(value)
                    other, written = owner.setdefault(look, (entry_id, value.casefold()))
                    if other != entry_id and written != value.casefold():
                        yield (
                            f"{table}.{entry_id}.{key}: '{value}' looks the same as a name of "
                            f"{kind} '{other}' (they differ only in invisible characters, "
                            f"spacing or look-alike letters); each name must point to one {kind}"
                        )
    for path, text in _named_texts(raw):
        if text and not visible(text):
            yield f"{path}: shows nothing; use visible characters"


def _named_texts(raw: Raw) -> Iterator[tuple[str, str | None]]:
    """Every other name-like field, by key path: titles, publishers, topics, statements."""
    for table, keys in (("sources", ("title", "publisher")), ("similarities", ("title",))):
        for entry_id, entry in _table(raw, table).items():
            for key in keys:
                yield f"{table}.{entry_id}.{key}", _text(entry.get(key))
    facts = raw.get("facts")
    for i, fact in enumerate(facts if isinstance(facts, list) else []):
        if isinstance(fact, dict):
            yield f"facts[{i}].topic", _text(fact.get("topic"))
    quiz = raw.get("quiz")
    statements = quiz.get("statements") if isinstance(quiz, dict) else None
    for i, statement in enumerate(statements if isinstance(statements, list) else []):
        if isinstance(statement, dict):
            yield f"quiz.statements[{i}].text", _text(statement.get("text"))


def _exact_owners(
    entries: Mapping[str, dict[str, Any]], name_keys: tuple[str, ...]
) -> dict[str, str]:
    """Each case-folded id, name and alias with the entry that claims it first, in the order
    :func:`_alias_problems` checks them."""
    exact = {entry_id: entry_id for entry_id in entries}
    for entry_id, entry in entries.items():
        for key in name_keys:
            for value in _texts([entry.get(key)]):
                exact.setdefault(value.casefold(), entry_id)
    for entry_id, entry in entries.items():
        for alias in _texts(entry.get("aliases")):
            exact.setdefault(alias.casefold(), entry_id)
    return exact


def _source_problems(raw: Raw) -> Iterator[str]:
    sources = raw.get("sources")
    if not isinstance(sources, dict):
        return  # the schema reports a missing or malformed [sources]
    known = ", ".join(sources)
    refs: list[tuple[str, Any]] = [("source", raw.get("source"))]
    for role_id, role in _table(raw, "roles").items():
        for key in ("source", "note_source"):
            refs.append((f"roles.{role_id}.{key}", role.get(key)))
        rates = role.get("rates")
        if isinstance(rates, dict):
            refs.append((f"roles.{role_id}.rates.source", rates.get("source")))
        steps = role.get("next_steps")
        if isinstance(steps, dict):
            for key in ("source", "tools_source", "practice_source"):
                refs.append((f"roles.{role_id}.next_steps.{key}", steps.get(key)))
    for name in ("dimensions", "similarities"):
        for entry_id, entry in _table(raw, name).items():
            refs.append((f"{name}.{entry_id}.source", entry.get("source")))
    for part in ("context", "rates"):
        block = raw.get(part)
        if isinstance(block, dict):
            refs.append((f"{part}.source", block.get("source")))
    facts = raw.get("facts")
    if isinstance(facts, list):
        refs += [
            (f"facts[{i}].source", fact.get("source"))
            for i, fact in enumerate(facts)
            if isinstance(fact, dict)
        ]
    for path, value in refs:
        ref = _text(value)
        if ref is not None and ref not in sources:
            yield f"{path}: unknown source '{ref}' (known: {known})"


def _rate_problems(raw: Raw) -> Iterator[str]:
    rates = {
        role_id: role["rates"]
        for role_id, role in _table(raw, "roles").items()
        if isinstance(role.get("rates"), dict)
    }
    currencies = {
        role_id: currency
        for role_id, table in rates.items()
        if (currency := _text(table.get("currency")))
    }
    if len(set(currencies.values())) > 1:
        # The currency most roles use is the one the others differ from. On a tie (two roles,
        # one currency each), the one the file's own text writes amounts in; failing that, the
        # first role's, since it is the base the other roles are compared with.
        counts = Counter(currencies.values())
        in_text = _currency_mentions(raw, set(counts))
        first = next(iter(currencies.values()))
        usual = max(counts, key=lambda c: (counts[c], in_text[c], c == first))
        users = ", ".join(r for r, c in currencies.items() if c == usual)
        for role_id, currency in currencies.items():
            if currency != usual:
                yield (
                    f"roles.{role_id}.rates.currency: '{currency}' differs from '{usual}' "
                    f"({users}); rates are compared on one axis, so use one currency"
                )
    for role_id, table in rates.items():
        low, high = table.get("min"), table.get("max")
        if type(low) is int and type(high) is int and low > high:
            yield f"roles.{role_id}.rates.max: must be >= min ({number_text(low)})"
        as_of, year = table.get("as_of"), table.get("year")
        if isinstance(as_of, dt.date) and type(year) is int and as_of.year != year:
            yield (
                f"roles.{role_id}.rates.as_of: {as_of} is not in year {year}; "
                "make year and as_of agree"
            )


def _currency_mentions(raw: Raw, currencies: set[str]) -> Counter[str]:
    """How often the file's text (not its ``currency`` keys) names each currency or its symbol."""
    found: Counter[str] = Counter()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            for currency in currencies:
                mark = written_symbol(currency).strip()
                found[currency] += value.count(mark) + (
                    value.count(currency) if mark != currency else 0
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "currency":
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(raw)
    return found


def _dimension_problems(raw: Raw) -> Iterator[str]:
    roles = _table(raw, "roles")
    if not roles:
        return  # no roles to compare with; the schema says so
    known = ", ".join(roles)
    for dim_id, dim in _table(raw, "dimensions").items():
        texts = dim.get("roles")
        if not isinstance(texts, dict):
            continue
        for role_id in roles:
            if role_id not in texts:
                yield f"dimensions.{dim_id}.roles.{role_id}: missing; every role needs a text here"
        for role_id in texts:
            if role_id not in roles:
                yield f"dimensions.{dim_id}.roles.{role_id}: unknown role (known: {known})"


def _text_problems(raw: Raw) -> Iterator[str]:
    """Placeholders must be known, and a figure written by hand must match the role's rates.

    A role's day rates are written once, in ``[roles.ID.rates]``; the text shows them through
    ``{rates}``, so editing the rates changes every screen.
    """
    known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    roles = _table(raw, "roles")
    for dim_id, dim in _table(raw, "dimensions").items():
        for i, line in enumerate(_texts(dim.get("shared"))):
            for name in placeholders(line):
                yield (
                    f"dimensions.{dim_id}.shared[{i}]: placeholder {{{name}}} needs a role; "
                    f"use it in dimensions.{dim_id}.roles.ROLE (write {{{{ and }}}} for a brace)"
                )
        texts = dim.get("roles")
        if not isinstance(texts, dict):
            continue
        for role_id, text in texts.items():
            if not isinstance(text, dict):
                continue
            lines = [("summary", _text(text.get("summary")) or "")]
            lines += [(f"points[{i}]", point) for i, point in enumerate(_texts(text.get("points")))]
            rates = roles.get(role_id, {}).get("rates")
            for key, line in lines:
                path = f"dimensions.{dim_id}.roles.{role_id}.{key}"
                for name in placeholders(line):
                    if name not in PLACEHOLDERS:
                        yield (
                            f"{path}: unknown placeholder {{{name}}} (known: {known}; "
                            "write {{ and }} for a literal brace)"
                        )
                if isinstance(rates, dict):
                    yield from _figure_problems(path, line, role_id, rates)


def _figure_problems(path: str, line: str, role_id: str, rates: dict[str, Any]) -> Iterator[str]:
    low, high, currency = rates.get("min"), rates.get("max"), _text(rates.get("currency"))
    if type(low) is not int or type(high) is not int or not currency:
        return  # the schema reports the rates themselves
    if _number(low) is None or _number(high) is None:
        return  # too large to be a rate: the schema says so
    mark = re.escape(written_symbol(currency).strip())
    for match in re.finditer(rf"{mark}\s?(\d[\d,]*(?:\.\d+)?)", line):
        amount = float(match.group(1).replace(",", ""))
        if amount not in (low, high):
            yield (
                f"{path}: '{match.group(0)}' does not match roles.{role_id}.rates "
                f"({money_range(low, high, currency)}); write {{rates}} to show "
                "the role's day rates"
            )


def _fact_problems(raw: Raw) -> Iterator[str]:
    facts = raw.get("facts")
    if not isinstance(facts, list):
        return
    dimensions = _table(raw, "dimensions")
    for i, fact in enumerate(facts):
        dimension = _text(fact.get("dimension")) if isinstance(fact, dict) else None
        if dimension is None:
            continue
        if _text(fact.get("screen")) != "show":
            yield f'facts[{i}].dimension: only facts with screen = "show" sit beside a dimension'
        elif dimension not in dimensions:
            yield (
                f"facts[{i}].dimension: unknown dimension '{dimension}' "
                f"(known: {', '.join(dimensions)})"
            )


def _quiz_problems(raw: Raw) -> Iterator[str]:
    quiz = raw.get("quiz")
    if not isinstance(quiz, dict):
        return
    low = _number(quiz.get("low_below", 2.5))
    high = _number(quiz.get("high_from", 3.5))
    if low is not None and high is not None and high <= low:
        yield f"quiz.high_from: must be above low_below ({number_text(low)})"
    statements = quiz.get("statements")
    if not isinstance(statements, list):
        return
    roles = _table(raw, "roles")
    dimensions = _table(raw, "dimensions")
    seen: set[str] = set()
    for i, statement in enumerate(statements):
        if not isinstance(statement, dict):
            continue
        path = f"quiz.statements[{i}]"  # counted from 0, as TOML tools do; messages add the id
        statement_id = _text(statement.get("id")) or f"#{i + 1}"
        if statement_id in seen:
            yield f"{path}.id: '{statement_id}' is used twice; statement ids must be unique"
        seen.add(statement_id)
        keyed = _text(statement.get("keyed"))
        if roles and keyed is not None and keyed not in roles:
            yield (
                f"{path}.keyed: unknown role '{keyed}' in statement {statement_id} "
                f"(known: {', '.join(roles)})"
            )
        dimension = _text(statement.get("dimension"))
        if dimensions and dimension is not None and dimension not in dimensions:
            yield (
                f"{path}.dimension: unknown dimension '{dimension}' in statement "
                f"{statement_id} (known: {', '.join(dimensions)})"
            )
