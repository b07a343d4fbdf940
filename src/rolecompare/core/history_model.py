"""What a history record may hold, for bank version 2 and for bank version 1 as it was written:
a line is a record only when a model accepts every field (strict types, finite numbers in range, ids that are ids, a plausible date).

Its own module, built on first use, so the scripted quiz does not pay for a schema it never reads.
Text is made inert and one line here (as a data file's is): no control character reaches a
screen, and no line break forges a line.
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rolecompare.core.quiz import SCALE
from rolecompare.core.untrusted import one_line

RoleId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, strict=True, extra="ignore", defer_build=True)


class InterestFigures(_Strict):
    mean: float = Field(ge=1, le=5, allow_inf_nan=False)
    standard_error: float = Field(ge=0, le=4, allow_inf_nan=False)
    level: Literal["low", "mixed", "high"]
    statements: int = Field(ge=1, le=1_000_000)


class WarningRecord(_Strict):
    code: RoleId
    message: str

    @field_validator("message")
    @classmethod
    def _inert(cls, value: str) -> str:
        return one_line(value)


class ResultRecord(_Strict):
    taken_at: dt.datetime
    verdict: RoleId
    recommendation: RoleId | None
    interest: dict[RoleId, InterestFigures] = Field(min_length=2)
    difference: float = Field(ge=-4, le=4, allow_inf_nan=False)
    margin_of_error: float = Field(ge=0, le=100, allow_inf_nan=False)
    warnings: tuple[WarningRecord, ...] = ()
    bank_version: str = Field(min_length=1)
    data_mark: str | None = Field(default=None, pattern=r"^[0-9a-f]{1,64}$")
    answers: tuple[Annotated[int, Field(ge=1, le=5)], ...]
    name: str | None = None

    @field_validator("taken_at")
    @classmethod
    def _plausible_time(cls, value: dt.datetime) -> dt.datetime:
        if not 1970 <= value.year <= 9998:  # as for bank version 1 records
            raise ValueError("the date is out of range")
        return value if value.tzinfo is not None else value.astimezone()

    @field_validator("bank_version")
    @classmethod
    def _inert(cls, value: str) -> str:
        return one_line(value)

    @field_validator("name")
    @classmethod
    def _inert_name(cls, value: str | None) -> str | None:
        return None if value is None else one_line(value)


class RecordV1(BaseModel):
    """One finished quiz as bank version 1 wrote it: percentage shares and a band.

    The one place that decides what a valid record is: a line is kept only when this model
    accepts every field (strict types, finite numbers in range, a plausible date), so no value in
    a history file can crash a screen. Fields a newer version adds are ignored, not fatal.
    Strings are made inert here, like everything the data loader reads. There are no length
    limits: whatever a data file lets the quiz write must read back (the file size is bounded).
    """

    model_config = ConfigDict(frozen=True, strict=True, extra="ignore")

    time: dt.datetime
    bank_version: str = Field(min_length=1)
    scores: dict[str, float] = Field(min_length=1)
    recommendation: str | None
    band: str = Field(min_length=1)
    answers: tuple[int, ...]

    @field_validator("time")
    @classmethod
    def _plausible_time(cls, value: dt.datetime) -> dt.datetime:
        if not 1970 <= value.year <= 9998:  # also keeps astimezone() below from overflowing
            raise ValueError("the date is out of range")
        return value if value.tzinfo is not None else value.astimezone()

    @field_validator("bank_version", "band", "recommendation")
    @classmethod
    def _inert(cls, value: str | None) -> str | None:
        return None if value is None else one_line(value)

    @field_validator("scores")
    @classmethod
    def _shares(cls, value: dict[str, float]) -> dict[str, float]:
        if not all(0 <= share <= 100 for share in value.values()):  # also false for NaN
            raise ValueError("a share is out of range")
        return {one_line(role_id): share for role_id, share in value.items()}

    @field_validator("answers")
    @classmethod
    def _answers(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if not all(1 <= answer <= len(SCALE) for answer in value):
            raise ValueError("an answer is out of range")
        return value
