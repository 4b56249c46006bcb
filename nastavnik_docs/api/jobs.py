"""Kit jobs over HTTP: ``POST /v1/jobs`` queues a kit for the Celery workers and answers at once with its id.

The routes exist whether or not a broker is configured (the OpenAPI schema is the same); without
one they answer 503. The body of ``POST /v1/jobs?kit=…`` is what ``POST /v1/kits/{kit}`` takes: a
JSON body or an upload, checked here, so a bad input is 422 at once and never reaches a worker.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..documents import get_kit
from ..errors import Problem
from .inputs import IdsQuery
from .problems import PROBLEM_RESPONSES, ApiProblem, ProblemDetails
from .settings import Settings

__all__ = ["JobInfo", "add_job_routes", "job_store"]

_ZIP = "application/zip"


class JobInfo(BaseModel):
    """A kit job: where it stands and where its result is."""

    id: str = Field(description="Номер задания.")
    kit: str = Field(description="Комплект.")
    state: str = Field(description="queued — ждёт воркера, running — изготавливается, done — готово, failed — ошибка.")
    done: int | None = Field(default=None, description="Сколько документов изготовлено (пока running).")
    total: int | None = Field(default=None, description="Сколько документов в комплекте.")
    documents: int | None = Field(default=None, description="Документов в готовом комплекте.")
    error: str | None = Field(default=None, description="Почему задание не выполнено (failed).")
    status_url: str = Field(description="Адрес состояния задания.")
    result_url: str = Field(description="Адрес архива комплекта (когда state — done).")


def job_store(settings: Settings) -> Any:
    """Return the store of kit jobs for ``settings`` (a broker and a results folder), or None without a broker."""
    if not settings.broker:
        return None
    from ..errors import InputError

    if not settings.results:
        raise InputError("С очередью заданий нужна общая с воркерами папка результатов: --results ПАПКА.")
    try:
        from ..region.jobs import JobStore
        from ..region.queue import QueueSettings
    except ImportError:
        raise InputError("Нужны пакеты очереди заданий: pip install 'nastavnik-docs[queue]'.") from None
    settings_of_queue = QueueSettings.from_env(settings.broker)
    assert settings_of_queue is not None
    return JobStore(settings.results, settings_of_queue)


def _store(request: Request) -> Any:
    store = request.app.state.kit_jobs
    if store is None:
        raise ApiProblem(503, "Очередь заданий не настроена: запустите сервис с --broker и --results.")
    return store


def _info(state: Any) -> JobInfo:
    url = f"/v1/jobs/{state.id}"
    return JobInfo(
        id=state.id,
        kit=state.kit,
        state=state.state,
        done=state.done,
        total=state.total,
        documents=state.documents,
        error=state.error,
        status_url=url,
        result_url=f"{url}/result",
    )


_NOT_READY: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ProblemDetails,
        "description": "Задание ещё не выполнено",
        "content": {"application/problem+json": {}},
    }
}


def add_job_routes(app: FastAPI) -> None:
    """Add the kit jobs' routes to the service (its ``app.state.kit_jobs`` is the store, or None)."""
    from .inputs import kit_request  # the routes read bodies as the kit routes do

    @app.post(
        "/v1/jobs",
        status_code=202,
        response_model=JobInfo,
        tags=["jobs"],
        responses=PROBLEM_RESPONSES,
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "То же, что принимает POST /v1/kits/{kit}: тело JSON или загрузка data и register.",
                "content": {
                    "application/json": {"schema": {"type": "object"}},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "data": {"type": "string", "format": "binary"},
                                "register": {"type": "string", "format": "binary"},
                            },
                            "required": ["data"],
                        }
                    },
                },
            }
        },
    )
    async def create_job(
        request: Request,
        kit: Annotated[str, Query(description="Комплект: stage-4 и другие (GET /v1/kits).")],
        pdf: Annotated[bool, Query(description="Добавить PDF каждого документа (LibreOffice воркера).")] = False,
        latin: Annotated[bool, Query(description="Имена файлов пакетных документов латиницей.")] = False,
        ids: IdsQuery = False,
    ) -> JSONResponse:
        """Поставить комплект в очередь: ответ сразу, с номером задания; комплект изготовит воркер."""
        store = _store(request)
        spec = get_kit(kit)
        if spec.reader is not None:
            raise ApiProblem(
                422,
                f"Комплект {kit} собирается из папки форм и заданием не ставится.",
                problems=[Problem("комплект из файлов организации", loc=("kit",))],
            )
        async with kit_request(request, spec) as make:
            model = await run_in_threadpool(make)
        job_id = await run_in_threadpool(lambda: store.create(kit, model, pdf=pdf, latin=latin, titles=not ids))
        info = _info(await run_in_threadpool(store.state, job_id))
        return JSONResponse(info.model_dump(), status_code=202, headers={"Location": info.status_url})

    @app.get("/v1/jobs/{job_id}", response_model=JobInfo, tags=["jobs"], responses=PROBLEM_RESPONSES)
    def job_state(request: Request, job_id: str) -> JobInfo:
        """Состояние задания: queued, running (с числом готовых документов), done или failed."""
        return _info(_store(request).state(job_id))

    @app.get(
        "/v1/jobs/{job_id}/result",
        tags=["jobs"],
        response_class=Response,
        responses={
            200: {
                "description": "Архив комплекта",
                "content": {_ZIP: {"schema": {"type": "string", "format": "binary"}}},
            },
            **PROBLEM_RESPONSES,
            **_NOT_READY,
        },
    )
    def job_result(request: Request, job_id: str) -> FileResponse:
        """Архив комплекта готового задания (409, пока оно не готово)."""
        path, state = _store(request).result(job_id)
        if state.state != "done":
            reason = f": {state.error}" if state.error else f" (состояние {state.state})"
            raise ApiProblem(409, f"Задание {job_id} не выполнено{reason}.")
        return FileResponse(path, media_type=_ZIP, filename=path.name)

    @app.delete("/v1/jobs/{job_id}", status_code=204, tags=["jobs"], responses=PROBLEM_RESPONSES)
    def delete_job(request: Request, job_id: str) -> Response:
        """Удалить задание: его данные и архив (задание, которое ещё ждёт, не будет выполнено)."""
        _store(request).delete(job_id)
        return Response(status_code=204)
