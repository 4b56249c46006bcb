"""Building blocks of every model: strict config, clean text, dates and people's names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ..errors import NastavnikDocsError
from ..ru import Gender, PersonName, parse_date

__all__ = ["Choices", "Date", "FullName", "Model", "ShortText", "Text"]

# Control characters other than tab and newline are not allowed in XML 1.0: drop them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_TEXT = 10_000


class Model(BaseModel):
    """Base of all models: unknown fields are errors, text is stripped, instances are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        frozen=True,
        validate_default=True,
    )


@dataclass(frozen=True, slots=True)
class Choices:
    """Marks a type whose values come from a fixed list (``Annotated[str, …, Choices(…)]``).

    ``values`` returns the allowed values and how a person sees each (``{"student-student": "ученик –
    ученик"}``); the Excel questionnaire makes a drop-down list of them. Pydantic ignores the mark.
    """

    values: Callable[[], Mapping[str, str]]


def _clean_text(value: str) -> str:
    return _CONTROL.sub("", value).replace("\r\n", "\n").replace("\r", "\n")


def _full_name(value: str) -> str:
    try:
        name = PersonName.parse(value)
    except NastavnikDocsError as error:
        raise PydanticCustomError(
            "full_name", "ожидается «Фамилия Имя Отчество» ({detail})", {"detail": str(error).rstrip(".")}
        ) from None
    if not (name.last and name.first):
        raise PydanticCustomError(
            "full_name", "ожидается «Фамилия Имя Отчество» (нужны хотя бы фамилия и имя)", {"detail": ""}
        )
    return name.full


def _date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return parse_date(value)
        except NastavnikDocsError:
            raise PydanticCustomError("date_format", "ожидается дата ДД.ММ.ГГГГ") from None
    return value


Text = Annotated[str, AfterValidator(_clean_text), Field(min_length=1, max_length=MAX_TEXT)]
"""Free text of a document: control characters removed, line breaks kept."""

ShortText = Annotated[str, AfterValidator(_clean_text), Field(min_length=1, max_length=500)]
"""A name, a title, a number: one line of reasonable length."""

FullName = Annotated[str, AfterValidator(_full_name), Field(max_length=200)]
"""«Фамилия Имя Отчество» in Cyrillic; the patronymic may be absent."""

Date = Annotated[dt.date, BeforeValidator(_date)]
"""A date; ``2020-05-29`` and ``29.05.2020`` are both accepted."""

GenderField = Annotated[
    Gender | None,
    Field(description="Род: male или female. Обычно не нужен — определяется по отчеству и имени."),
]
