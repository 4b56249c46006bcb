"""Validating raw data against the models, with pydantic's errors translated for the person who fixes them.

Each problem becomes one Russian line with its path in the data (``team[2].name``) and what was
expected, never the value itself: the data holds personal data.
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, NoReturn, TypeVar, get_args, get_origin

import pydantic
from pydantic import BaseModel

from ..errors import NastavnikDocsWarning, Problem, ValidationError
from ..ru import plural
from .base import Model

__all__ = ["describe_errors", "error_message", "error_problems", "validate"]

M = TypeVar("M", bound=Model)
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)

_MESSAGES: dict[str, str] = {
    "missing": "обязательное поле не заполнено",
    "string_type": "ожидается текст",
    "string_too_short": "не должно быть пустым",
    "string_too_long": "слишком длинный текст: не больше {max_length} знаков",
    "int_type": "ожидается целое число",
    "int_parsing": "ожидается целое число",
    "int_from_float": "ожидается целое число",
    "float_type": "ожидается число",
    "float_parsing": "ожидается число",
    "finite_number": "ожидается конечное число",
    "string_unicode": "недопустимый символ в тексте (половина суррогатной пары UTF-16: текст повреждён)",
    "greater_than_equal": "ожидается число не меньше {ge}",
    "less_than_equal": "ожидается число не больше {le}",
    "date_type": "ожидается дата ДД.ММ.ГГГГ",
    "date_parsing": "ожидается дата ДД.ММ.ГГГГ",
    "date_from_datetime_parsing": "ожидается дата ДД.ММ.ГГГГ",
    "date_from_datetime_inexact": "ожидается дата без времени",
    "list_type": "ожидается список",
    "too_short": "нужно не меньше {min_length} {items}",
    "too_long": "можно не больше {max_length} {items}",
    "model_type": "ожидается раздел с полями",
    "model_attributes_type": "ожидается раздел с полями",
    "dict_type": "ожидается раздел с полями",
    "enum": "допустимые значения: {expected}",
    "literal_error": "допустимые значения: {expected}",
    "bool_type": "ожидается да или нет (true/false)",
    "bool_parsing": "ожидается да или нет (true/false)",
}
_PATTERNS: dict[str, str] = {
    "inn": "ожидается ИНН из 10 или 12 цифр",
    "kpp": "ожидается КПП из 9 цифр",
    "ogrn": "ожидается ОГРН из 13 цифр",
}


def validate(raw: Any, model: type[M], *, source: str = "данные") -> M:
    """Return ``raw`` validated as ``model``; every problem is reported at once."""
    if isinstance(raw, model):
        return raw
    if not isinstance(raw, Mapping):
        expected = "ожидается набор полей (YAML-словарь или JSON-объект) на верхнем уровне"
        raise ValidationError(f"{source}: {expected}.", problems=[Problem(expected, loc=())])
    try:
        result = model.model_validate(raw)
    except pydantic.ValidationError as error:
        _raise(source, error_problems(error, model))
    check = getattr(result, "cross_check", None)  # rules across records that per-field validation cannot see
    if callable(check) and (problems := check()):
        _raise(source, problems)
    doubts = getattr(result, "cross_warnings", None)  # allowed, but a reader of the documents would stop at it
    for line in doubts() if callable(doubts) else ():
        warnings.warn(NastavnikDocsWarning(f"{source}: {line}"), stacklevel=2)
    return result


def _raise(source: str, problems: list[Problem]) -> NoReturn:
    listing = "\n".join(f"  {p}" for p in problems)
    count = plural(len(problems), ("ошибка", "ошибки", "ошибок"), space=" ")
    raise ValidationError(f"{source}: {count} в данных:\n{listing}", problems=problems) from None


def error_problems(error: pydantic.ValidationError, model: type[BaseModel]) -> list[Problem]:
    """Return one :class:`Problem` per pydantic error: its path and what was expected, without the bad value."""
    return [
        Problem(error_message(item, model), loc=_location(item["loc"]))
        for item in error.errors(include_url=False, include_input=False)
    ]


def describe_errors(error: pydantic.ValidationError, model: type[BaseModel]) -> list[str]:
    """Return one line per pydantic error: «path: what was expected», without the bad value."""
    return [str(problem) for problem in error_problems(error, model)]


def _location(loc: Sequence[int | str]) -> tuple[int | str, ...]:
    return tuple(part for part in loc if not str(part).startswith(("function-", "json-or-python")))


def error_message(item: Mapping[str, Any], model: type[BaseModel]) -> str:
    """Return the Russian text for one pydantic error: what was expected, never the value."""
    kind = item["type"]
    ctx = dict(item.get("ctx") or {})
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):  # the second from a dataclass (a form's rows)
        return _unknown_field(item["loc"], model)
    if kind == "string_pattern_mismatch":
        field = str(item["loc"][-1]) if item["loc"] else ""
        return _PATTERNS.get(field, "значение не подходит по формату")
    if kind in ("too_short", "too_long") and ctx.get("field_type") != "List":
        return "не должно быть пустым" if kind == "too_short" else _MESSAGES["string_too_long"].format(**ctx)
    if kind in ("too_short", "too_long"):
        limit = int(ctx.get("min_length" if kind == "too_short" else "max_length", 0))
        # «не меньше одного элемента», «не меньше двух элементов»: the genitive after «меньше/больше»
        ctx["items"] = plural(limit, ("элемента", "элементов", "элементов"), number=False)
    template = _MESSAGES.get(kind)
    if template is None:
        # our own PydanticCustomError types already carry a Russian message
        message = str(item["msg"])
        if kind in {"value_error", "assertion_error"} or not _CYRILLIC.search(message):
            return "недопустимое значение"  # pydantic's own English text is not for the person who fixes it
        return message
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


def _unknown_field(loc: Sequence[int | str], model: type[BaseModel]) -> str:
    """Return «неизвестное поле», with the closest allowed field name when there is one."""
    allowed = _fields_at(model, loc[:-1])
    message = "неизвестное поле"
    if allowed:
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        if hint:
            return f"{message}. Возможно, вы имели в виду «{hint[0]}»?"
        return f"{message}; допустимые поля: {', '.join(allowed)}"
    return message


def _fields_at(model: type[BaseModel], path: Sequence[int | str]) -> list[str]:
    """Return the field names of the sub-model that ``path`` leads to inside ``model``."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(str(part))
        if field is None:
            return []
        current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not None:
        for argument in get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None
