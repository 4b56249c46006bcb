"""Errors as RFC 9457 problem details: one JSON shape for every error of the service.

Every error response is ``application/problem+json`` with ``type``, ``title``, ``status``,
``detail`` and, for bad input, ``problems``: one entry per field or cell, with the same path and
the same Russian line the command line prints. Nothing in it repeats the data that was sent.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ..errors import (
    CatalogueError,
    ConverterBusyError,
    ConverterMissingError,
    InputError,
    NastavnikDocsError,
    OutputError,
    Problem,
    QueueUnavailableError,
    RenderError,
    RenderTimeoutError,
    TemplateError,
    ValidationError,
)
from ..models.validation import error_message

__all__ = [
    "PROBLEM_RESPONSES",
    "ApiProblem",
    "ProblemDetails",
    "ProblemItem",
    "handle",
    "problem_for",
    "problem_item",
    "problem_response",
]

MEDIA_TYPE = "application/problem+json"
_TYPE = "urn:nastavnik-docs:problem:"

_KINDS: dict[int, tuple[str, str]] = {
    400: ("bad-request", "Запрос не удалось разобрать"),
    404: ("not-found", "Не найдено"),
    405: ("method-not-allowed", "Метод не поддерживается"),
    409: ("not-ready", "Задание ещё не выполнено"),
    413: ("too-large", "Слишком большой запрос"),
    415: ("unsupported-media-type", "Неподдерживаемый тип данных"),
    422: ("invalid-data", "Данные не прошли проверку"),
    500: ("internal", "Внутренняя ошибка сервиса"),
    503: ("unavailable", "Временно недоступно: преобразование в PDF или очередь заданий"),
    504: ("timeout", "Превышено время на изготовление документов"),
    507: ("insufficient-storage", "Недостаточно места на диске сервиса"),
}


class ProblemItem(BaseModel):
    """One problem of the input: a field of the data, or a cell of the register."""

    message: str = Field(description="Что не так и что ожидалось (без самого значения).")
    text: str = Field(description="Та же строка, что печатает командная строка.")
    field: str | None = Field(default=None, description="Путь к полю данных: team[2].name.")
    loc: list[str | int] | None = Field(default=None, description="Тот же путь по частям.")
    sheet: str | None = Field(default=None, description="Лист реестра.")
    row: int | None = Field(default=None, description="Строка листа.")
    column: str | None = Field(default=None, description="Заголовок столбца.")


class ProblemDetails(BaseModel):
    """An error (RFC 9457 problem details)."""

    type: str = Field(description="Вид ошибки: urn:nastavnik-docs:problem:invalid-data и т. п.")
    title: str = Field(description="Краткое название вида ошибки.")
    status: int = Field(description="Код ответа HTTP.")
    detail: str = Field(description="Что случилось, одной фразой.")
    problems: list[ProblemItem] = Field(default_factory=list, description="Ошибки по полям или ячейкам.")


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ProblemDetails, "description": title, "content": {MEDIA_TYPE: {}}}
    for status, (_, title) in _KINDS.items()
    if status not in (400, 405, 409, 500)
}
"""The error responses every producing endpoint documents in the OpenAPI schema."""


class ApiProblem(Exception):
    """An error the service answers with a given status (415 for a wrong file type, 413 over a limit…)."""

    def __init__(self, status: int, detail: str, *, problems: list[Problem] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.problems = problems or []


def problem_item(problem: Problem) -> dict[str, Any]:
    """Return one problem as the JSON of :class:`ProblemItem`."""
    item: dict[str, Any] = {"message": problem.message, "text": str(problem)}
    if problem.loc is not None:
        item |= {"field": problem.field or "", "loc": list(problem.loc)}
    if problem.sheet is not None:
        item |= {"sheet": problem.sheet, "row": problem.row, "column": problem.column}
    return item


def problem_response(status: int, detail: str, problems: list[Problem] | tuple[Problem, ...] = ()) -> JSONResponse:
    """Return the problem-details response for ``status``."""
    kind, title = _KINDS.get(status, _KINDS[500] if status >= 500 else _KINDS[400])
    body = {
        "type": _TYPE + kind,
        "title": title,
        "status": status,
        "detail": detail,
        "problems": [problem_item(p) for p in problems],
    }
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE)


def problem_for(error: BaseException) -> JSONResponse:
    """Return the response for an error of the library, of the service or of the web framework."""
    if isinstance(error, ApiProblem):
        return problem_response(error.status, error.detail, error.problems)
    if isinstance(error, ValidationError):
        return problem_response(422, _headline(str(error)), error.details)
    if isinstance(error, CatalogueError):
        return problem_response(404, str(error))
    if isinstance(error, InputError):
        return problem_response(422, str(error), [Problem(str(error))])
    if isinstance(error, RenderTimeoutError):
        return problem_response(504, str(error))
    if isinstance(error, ConverterMissingError | ConverterBusyError):
        return problem_response(503, str(error))
    if isinstance(error, RenderError):  # LibreOffice failed twice on a file: try again later
        return problem_response(503, str(error))
    if isinstance(error, QueueUnavailableError):  # Redis is down or restarting: try again later
        return problem_response(503, str(error))
    if isinstance(error, OutputError):  # the server's disk is full or read-only: the operator must act
        return problem_response(507, "Сервису не удалось записать документы: нет места или прав на его диске.")
    if isinstance(error, TemplateError | NastavnikDocsError):
        return problem_response(500, "Документ не удалось изготовить: ошибка в шаблоне или программе.")
    if isinstance(error, RequestValidationError):
        problems = error_problems_of(error)
        return problem_response(422, "Параметры запроса не прошли проверку.", problems)
    if isinstance(error, HTTPException):
        return problem_response(error.status_code, _http_detail(error.status_code))
    return problem_response(500, "Внутренняя ошибка сервиса.")


def error_problems_of(error: RequestValidationError) -> list[Problem]:
    """Return the framework's validation errors (of query parameters) in the library's words and paths."""
    problems = []
    for item in error.errors():
        loc = tuple(part for part in item.get("loc", ()) if part not in ("query", "path", "body", "header"))
        problems.append(Problem(error_message(item, BaseModel), loc=loc))
    return problems


def _headline(message: str) -> str:
    """Return the first line of a multi-line message (the problems follow as a list)."""
    return message.split("\n", 1)[0].rstrip(":") + "."


def _http_detail(status: int) -> str:
    return {
        404: "Такого адреса нет. Список документов: GET /v1/documents, комплектов: GET /v1/kits.",
        405: "Этот адрес не принимает такой метод.",
        400: "Запрос не удалось разобрать.",
    }.get(status, _KINDS.get(status, _KINDS[400])[1] + ".")


async def handle(request: Request, error: Exception) -> JSONResponse:
    """Answer any error with its problem details (installed for every exception type the app sees)."""
    return problem_for(error)
