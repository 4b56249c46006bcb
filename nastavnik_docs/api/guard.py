"""What wraps every request: the body size limit, an access log without personal data, a last safety net.

The log names the method, the route's template (``/v1/documents/consent-pd``, never a query
string), the status and the time: no body, no query value, no uploaded file name, no client
address. An error nobody expected is answered with a 500 problem and logged by its type and the
lines of code it passed, never its message (which might quote the data).
"""

from __future__ import annotations

import copy
import html
import logging
import time
import traceback
from typing import Any

from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import ApiProblem, problem_response

__all__ = ["LOGGER", "Guard", "log_config"]

LOGGER = logging.getLogger("nastavnik_docs.api")


class _TooLarge(ApiProblem):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"Тело запроса больше {_size(limit)}.")


def _size(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} МБ" if limit >= 1024 * 1024 else f"{limit} байт"


class Guard:
    """ASGI middleware: refuse bodies over ``max_body`` bytes (413), log each request, answer the unexpected."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state: dict[str, Any] = {"status": 0}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
            await send(message)

        try:
            declared = _content_length(scope)
            if declared is not None and declared > self.max_body:
                raise _TooLarge(self.max_body)
            received = 0

            async def receiving() -> Message:
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > self.max_body:
                        raise _TooLarge(self.max_body)
                return message

            await self.app(scope, receiving, sending)
        except ApiProblem as error:
            if not state["status"]:
                answer = _page(error.status, error.detail) if _wants_html(scope) else None
                await (answer or problem_response(error.status, error.detail))(scope, receive, sending)
        except Exception as error:
            LOGGER.error(
                "unexpected %s in %s:\n%s",
                type(error).__name__,
                _route(scope),
                "".join(traceback.format_tb(error.__traceback__)),
            )
            if not state["status"]:
                await problem_response(500, "Внутренняя ошибка сервиса.")(scope, receive, sending)
        finally:
            milliseconds = (time.perf_counter() - started) * 1000
            LOGGER.info("%s %s %s %.0f ms", scope.get("method", ""), _route(scope), state["status"], milliseconds)


def _wants_html(scope: Scope) -> bool:
    """Return whether the request comes from a browser's page (its form), which should get a page back."""
    return any(name == b"accept" and b"text/html" in value for name, value in scope.get("headers", ()))


def _page(status: int, detail: str) -> HTMLResponse:
    """Return a minimal page for an error met before the coordinators' page could answer (a body over the limit)."""
    text = html.escape(detail)
    body = (
        '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Ошибка</title>'
        '<link rel="stylesheet" href="/static/page.css"></head><body><main id="main">'
        f'<section class="problems"><h1>Файлы не приняты</h1><p>{text}</p>'
        '<p><a href="/">Вернуться к загрузке файлов</a></p></section></main></body></html>'
    )
    return HTMLResponse(body, status_code=status)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _route(scope: Scope) -> str:
    """Return the template of the route that answered (no values), or a placeholder for an unknown address."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "(неизвестный адрес)"


def log_config() -> dict[str, Any]:
    """Return uvicorn's logging configuration with this service's access log added (on stderr)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"][LOGGER.name] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
