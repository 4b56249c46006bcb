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

__all__ = [
    "EARLIEST",
    "LATEST",
    "Choices",
    "Date",
    "FullName",
    "Model",
    "ShortText",
    "Text",
    "Url",
    "illegal_character",
    "in_date_range",
]

# Control characters other than tab and newline are not allowed in XML 1.0: drop them (they come from
# copying out of Word or a terminal and carry nothing).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# What XML 1.0 forbids besides them: surrogates (never a character on their own) and U+FFFE, U+FFFF. Word
# does not open a document holding one; they are refused, not dropped: they mean the text was damaged.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_TEXT = 10_000
EARLIEST = dt.date(1900, 1, 1)
"""The earliest date any field may hold: the birth date of the oldest person a register may name."""
LATEST = dt.date(2100, 12, 31)
"""The latest date any field may hold: the years of the models end in 2100, and a deadline moved from it
by the longest offset stays far from Python's year 9999."""
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_NOT_IN_URL = frozenset("\"'<>`\\«»")


class Model(BaseModel):
    """Base of all models: unknown fields are errors, text is stripped, instances are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        frozen=True,
        validate_default=True,
        allow_inf_nan=False,
    )


def illegal_character(text: str) -> str | None:
    """Return the first character of ``text`` that XML 1.0 forbids, as «U+FFFF», or None.

    >>> illegal_character("ул. Школьная" + chr(0xFFFF)), illegal_character("две\\tколонки\\n")
    ('U+FFFF', None)
    """
    found = _ILLEGAL.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


@dataclass(frozen=True, slots=True)
class Choices:
    """Marks a type whose values come from a fixed list (``Annotated[str, …, Choices(…)]``).

    ``values`` returns the allowed values and how a person sees each (``{"student-student": "ученик –
    ученик"}``); the Excel questionnaire makes a drop-down list of them. Pydantic ignores the mark.
    """

    values: Callable[[], Mapping[str, str]]


def _clean_text(value: str) -> str:
    value = _CONTROL.sub("", value)
    character = illegal_character(value)
    if character is not None:
        raise PydanticCustomError(
            "text_character",
            "недопустимый символ {character} (текст повреждён при копировании?) — Word не откроет такой документ",
            {"character": character},
        )
    return value.replace("\r\n", "\n").replace("\r", "\n")


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


def in_date_range(value: dt.date) -> dt.date:
    """Return ``value`` if it lies between :data:`EARLIEST` and :data:`LATEST`; else a validation error.

    The range keeps every date arithmetic of the documents (ages, deadlines moved by months) far
    from Python's limits, and catches a year typed wrong: 2206 for 2026, 1026 for 2026.
    """
    if not EARLIEST <= value <= LATEST:
        raise PydanticCustomError(
            "date_range",
            "дата вне допустимого диапазона (01.01.1900 – 31.12.2100): проверьте год",
        )
    return value


def _url(value: str) -> str:
    """Return a link as typed if browsers open it as a page: ``https://…``, ``http://…`` or a path on the site."""
    if any(character.isspace() for character in value):
        raise PydanticCustomError("url", "в адресе не должно быть пробелов")
    # browsers ignore tabs and line breaks inside a scheme («java\tscript:»): they were refused above
    scheme = _SCHEME.match(value)
    if scheme is not None and (
        scheme.group(1).lower() not in ("http", "https") or not value[scheme.end() :].startswith("//")
    ):
        raise PydanticCustomError("url", "ожидается адрес, начинающийся с https:// или http://, или путь на сайте")
    if any(character in _NOT_IN_URL for character in value):
        # a link goes into an attribute of a web page: quotes and angle brackets are markup, not an address
        raise PydanticCustomError("url", "в адресе не должно быть кавычек, угловых скобок и обратной косой черты")
    return value


Text = Annotated[str, AfterValidator(_clean_text), Field(min_length=1, max_length=MAX_TEXT)]
"""Free text of a document: control characters removed, line breaks kept."""

ShortText = Annotated[str, AfterValidator(_clean_text), Field(min_length=1, max_length=500)]
"""A name, a title, a number: one line of reasonable length."""

FullName = Annotated[str, AfterValidator(_full_name), Field(max_length=200)]
"""«Фамилия Имя Отчество» in Cyrillic; the patronymic may be absent."""

Date = Annotated[dt.date, BeforeValidator(_date), AfterValidator(in_date_range)]
"""A date between 1900 and 2100; ``2020-05-29`` and ``29.05.2020`` are both accepted."""

Url = Annotated[str, AfterValidator(_clean_text), AfterValidator(_url), Field(min_length=1, max_length=500)]
"""A link a document or the website tab shows: ``https://…``, ``http://…`` or a path on the site (``/docs``);
``javascript:``, ``data:`` and other schemes are refused."""

GenderField = Annotated[
    Gender | None,
    Field(description="Род: male или female. Обычно не нужен — определяется по отчеству и имени."),
]
