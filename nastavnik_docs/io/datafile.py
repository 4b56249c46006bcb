"""Reading a data file (YAML, JSON or the Excel questionnaire) into a validated model, every problem at once.

The translation of pydantic's errors is :mod:`nastavnik_docs.models.validation`; this module
adds what only a file has: its size, its encoding and its syntax. The questionnaire (``.xlsx``) is
read by :mod:`nastavnik_docs.io.questionnaire`, which names cells instead of paths.
"""

from __future__ import annotations

import json as _json
from pathlib import Path
from typing import Any, TypeVar

import yaml

from ..content import MAX_NUMBER, YamlContentError, parse_yaml, repeated_key
from ..errors import DataFileError
from ..models import Model, SchoolData
from ..models.validation import validate

__all__ = ["MAX_DATA_BYTES", "existing_file", "load_data", "parse_data", "read_data_file"]

M = TypeVar("M", bound=Model)
MAX_DATA_BYTES = 5 * 1024 * 1024


def existing_file(path: str | Path, *, what: str, limit: int) -> Path:
    """Return ``path`` if it is a file of at most ``limit`` bytes; else a clear :class:`DataFileError`."""
    source = Path(path)
    if not source.is_file():
        raise DataFileError(f"{what} {source} не найден.", path=str(source))
    if source.stat().st_size > limit:
        raise DataFileError(
            f"{what} {source} больше {limit // (1024 * 1024)} МБ — это не похоже на {what.lower()}.", path=str(source)
        )
    return source


def read_data_file(path: str | Path) -> Any:
    """Return the parsed content of a YAML or JSON data file, or of a filled Excel questionnaire (``.xlsx``)."""
    source = existing_file(path, what="Файл данных", limit=MAX_DATA_BYTES)
    if source.suffix.lower() == ".xlsx":
        from .questionnaire import read_questionnaire  # openpyxl is needed only here

        return read_questionnaire(source)
    return parse_data(source.read_bytes(), source=str(source), json=source.suffix.lower() == ".json")


def parse_data(data: bytes, *, source: str, json: bool, what: str = "Файл данных") -> Any:
    """Return the parsed content of a data file's bytes (JSON, or YAML); messages call it ``what source``.

    Whatever the bytes, the result is data or a :class:`DataFileError`: a key repeated in one object,
    a number of more than :data:`~nastavnik_docs.content.MAX_NUMBER` characters, ``NaN`` or nesting
    too deep for Python are refused with their line, as a syntax error is.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(f"{what} {source}".strip() + " не в кодировке UTF-8.", path=source) from None
    if json:
        return _parse_json(text, source)
    try:
        return parse_yaml(text)
    except YamlContentError as error:
        raise DataFileError(f"{source}{_line(error.problem_mark)}: {error.problem}.", path=source) from None
    except yaml.MarkedYAMLError as error:
        line = _line(error.problem_mark)
        raise DataFileError(f"{source}{line}: ошибка синтаксиса YAML ({error.problem}).", path=source) from None
    except yaml.YAMLError:
        raise DataFileError(f"{source}: ошибка синтаксиса YAML.", path=source) from None


def _line(mark: Any) -> str:
    return f", строка {mark.line + 1}" if mark is not None else ""


class _JsonValueError(ValueError):
    """A JSON value that parses but is refused: a repeated key, a long number, NaN."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _JsonValueError(repeated_key(key, "в одном объекте"))
        result[key] = value
    return result


def _number(kind: type[int] | type[float]) -> Any:
    def parse(text: str) -> int | float:
        if len(text) > MAX_NUMBER:
            raise _JsonValueError(f"число длиннее {MAX_NUMBER} знаков")
        return kind(text)

    return parse


def _constant(name: str) -> Any:
    raise _JsonValueError(f"{name} — не число")


def _parse_json(text: str, source: str) -> Any:
    try:
        return _json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_number(int),
            parse_float=_number(float),
            parse_constant=_constant,
        )
    except _JsonValueError as error:
        raise DataFileError(f"{source}: {error}.", path=source) from None
    except _json.JSONDecodeError as error:
        raise DataFileError(
            f"{source}, строка {error.lineno}: ошибка синтаксиса JSON ({error.msg}).", path=source
        ) from None
    except RecursionError:
        raise DataFileError(f"{source}: слишком глубокая вложенность.", path=source) from None


def load_data(path: str | Path, model: type[M] = SchoolData) -> M:  # type: ignore[assignment]
    """Return the data file at ``path`` validated as ``model`` (a school by default)."""
    return validate(read_data_file(path), model, source=str(path))
