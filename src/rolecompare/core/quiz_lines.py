"""Quiz results as JSON text, one line per respondent, for groups of up to a hundred thousand.

``json.dumps`` of a result document costs more than scoring it: about 2.7 KB per respondent, most
of it the same in every line (the bank's statement ids, the source, the disclaimer) or one of a
few hundred pieces (an answer weighed most, a warning, an interest). :class:`QuizLines` encodes
each such piece once and joins them, so a line costs little more than its own numbers. The text
is exactly what ``json_inert(json.dumps(document, ensure_ascii=False))`` writes for
:meth:`QuizDocuments.of`'s document: a test holds the two to that.
"""

from __future__ import annotations

import json
import json.encoder
import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from rolecompare.core.quiz import QuizDocuments, interest_entry
from rolecompare.core.untrusted import json_inert

if TYPE_CHECKING:
    import datetime as dt

    from rolecompare.core.models import Dataset
    from rolecompare.core.quiz import Laid, Result, Scorer

REMEMBERED = 1 << 14
"""At most this many encoded pieces are kept per kind: the built-in bank needs a few thousand."""

_encode = json.JSONEncoder(ensure_ascii=False).encode
encode_string: Callable[[str], str] = json.encoder.encode_basestring
"""A string as ``json.dumps(..., ensure_ascii=False)`` writes it, in C where there is C."""


_DIGIT_TEXT = bytes.maketrans(bytes(range(10)), b"0123456789")


def answers_text(answers: tuple[int, ...]) -> str:
    """``1, 5, 3, ...``: the answers as JSON writes the list's items, made at C speed (answers
    are single digits; anything else takes the long way)."""
    if answers and min(answers) >= 0 and max(answers) <= 9:
        return ", ".join(bytes(answers).translate(_DIGIT_TEXT).decode("ascii"))
    return ", ".join(map(str, answers))


def encode(value: Any) -> str:
    """JSON text as ``json.dumps(value, ensure_ascii=False)`` writes it, made inert."""
    return json_inert(_encode(value))


class Pieces:
    """The encoded text of values met before, found by identity: the engine hands out the same
    interest and warning objects again and again. Each object is kept alive while
    its text is remembered, so its id cannot pass to another object meanwhile."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        self._make = make
        self._texts: dict[int, str] = {}
        self._alive: list[object] = []

    def __call__(self, value: Any) -> str:
        text = self._texts.get(id(value))
        if text is None:
            text = self._make(value)
            if len(self._alive) < REMEMBERED:
                self._alive.append(value)
                self._texts[id(value)] = text
        return text

    def joined(self, values: Iterable[Any]) -> str:
        """The texts of ``values`` joined by commas; the values met before are found at C speed."""
        values = tuple(values)
        texts = list(map(self._texts.get, map(id, values)))
        if None in texts:
            texts = [self(value) for value in values]
        return ", ".join(texts)  # type: ignore[arg-type]


def number(value: float) -> str:
    """A figure as JSON writes it: ``float.__repr__`` for finite floats, as ``json`` does."""
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    return _encode(value)


def members(text: str) -> str:
    """An encoded object's members without its braces, to join into another object."""
    return text[1:-1]


class QuizLines:
    """JSON Lines of quiz results taken at one time with one dataset (a group's)."""

    def __init__(self, data: Dataset, taken_at: dt.datetime) -> None:
        documents = QuizDocuments(data, taken_at)
        self._interest = Pieces(lambda i: members(encode({i.role: interest_entry(i)})))
        self._notice = Pieces(lambda n: encode({"code": n.code, "message": n.message}))
        self._documents = documents
        self._texts: tuple[Scorer, Laid[str]] | None = None
        self._leans: tuple[Scorer, list[dict[int, str]]] | None = None
        self._strings: dict[str | None, str] = {}
        self._rankings: dict[tuple[str, ...], str] = {}
        self._verdicts: dict[int, tuple[object, tuple[object, ...], str]] = {}
        shared = {"data_mark": documents.mark, "answers": None, **documents.shared}
        before, _, after = members(encode(shared)).partition('"answers": null')
        self._around_answers = (before + '"answers": [', "]" + after + "}")
        """What follows the bank version, before and after the answers."""

    def _entries(self, scorer: Scorer) -> Laid[str]:
        """The text of every answer weighed most, laid out as the scorer's own table."""
        if self._texts is None or self._texts[0] is not scorer:
            entry = self._documents.entry
            table = {
                role_id: [{a: encode(entry(w)) for a, w in row.items()} for row in rows]
                for role_id, rows in scorer.weighed_at.items()
            }
            self._texts = (scorer, scorer.lay_out(table))
        return self._texts[1]

    def _dimensions(self, result: Result) -> str:
        """The dimensions' entries, each remembered as text by its dimension's packed sums: six
        dictionary lookups for a respondent whose leans were all met before."""
        scorer = result.scorer
        if self._leans is None or self._leans[0] is not scorer:
            self._leans = (scorer, [{} for _ in scorer.dimensions])
        sums, texts = scorer.sums, self._leans[1]
        packed = sums.of(result.answers)
        entries = []
        for group, known in enumerate(texts, 1):
            block = (packed >> sums.shifts[group]) & sums.masks[group]
            text = known.get(block)
            if text is None:
                text = encode(self._documents.lean(scorer.lean(group, block)))
                if len(known) < REMEMBERED:
                    known[block] = text
            entries.append(text)
        return ", ".join(entries)

    def _string(self, value: str | None) -> str:
        known = self._strings.get(value)
        if known is None:
            known = encode(value)
            if len(self._strings) < REMEMBERED:
                self._strings[value] = known
        return known

    def _ranking(self, ranking: tuple[str, ...]) -> str:
        known = self._rankings.get(ranking)
        if known is None:
            known = encode(list(ranking))
            if len(self._rankings) < REMEMBERED:
                self._rankings[ranking] = known
        return known

    def text(self, result: Result, name: str | None, line: int) -> str:
        """The JSON text of ``{"name": name, "line": line, **QuizDocuments.of(result)}``."""
        most = ", ".join(
            f"{self._string(role)}: [{', '.join(texts)}]"
            for role, texts in result.scorer.furthest(result.answers, self._entries(result.scorer))
        )
        before_answers, after_answers = self._around_answers
        return "".join(
            (
                '{"name": ',
                "null" if name is None else json_inert(encode_string(name)),
                ', "line": ',
                str(line),
                ", ",
                self._verdict(result),
                ', "dimensions": [',
                self._dimensions(result),
                '], "weighed_most": {',
                most,
                '}, "bank_version": ',
                self._string(result.bank_version),
                ", ",
                before_answers,
                answers_text(result.answers),
                after_answers,
            )
        )

    def _verdict(self, result: Result) -> str:
        """The members from the verdict to the warnings. The engine hands every result with the
        same verdict the same ``interest`` mapping, so the text is remembered by it, and kept
        only while every value it was made from is the same."""
        made_of = (
            result.verdict,
            result.recommendation,
            result.ranking,
            result.difference,
            result.margin_of_error,
            result.clear,
            result.retake_agreement,
            result.warnings,
        )
        known = self._verdicts.get(id(result.interest))
        if known is not None and known[0] is result.interest and known[1] == made_of:
            return known[2]
        string = self._string
        text = "".join(
            (
                '"verdict": ',
                string(result.verdict),
                ', "recommendation": ',
                string(result.recommendation),
                ', "interest": {',
                self._interest.joined(result.interest.values()),
                '}, "ranking": ',
                self._ranking(result.ranking),
                ', "difference": ',
                number(round(result.difference, 2)),
                ', "margin_of_error": ',
                number(round(result.margin_of_error, 2)),
                ', "clear_difference": ',
                "true" if result.clear else "false",
                ', "retake_agreement": ',
                number(round(result.retake_agreement, 2)),
                ', "warnings": [',
                self._notice.joined(result.warnings),
                "]",
            )
        )
        if len(self._verdicts) < REMEMBERED:
            self._verdicts[id(result.interest)] = (result.interest, made_of, text)
        return text
