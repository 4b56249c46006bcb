"""The HTTP service: FastAPI routes over the one producer, errors as problem details.

Every document and every kit has a route of its own (``POST /v1/documents/order-pairs``,
``POST /v1/kits/stage-4``) whose request body is documented with the input's JSON Schema, so the
OpenAPI schema tells a client generator exactly what to send. Producing runs in a pool of
threads, under a time limit (504): the producer's progress callbacks stop it when time is up.
"""

from __future__ import annotations

import asyncio
import io
import shutil
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from pydantic.json_schema import models_json_schema
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException

from ..archive import ZipWriter
from ..documents import CATALOGUE, KITS, DocumentSpec, KitSpec, get_document, get_kit
from ..errors import NastavnikDocsError, Problem, RenderTimeoutError, ValidationError
from ..io.sinks import KitFile
from ..models import Model, validate
from ..produce import build_document, produce_kit
from ..render.pdf import (
    OfficeConverter,
    close_pdf_converter,
    find_libreoffice,
    find_uno_python,
    pdf_converter,
    require_libreoffice,
)
from ..version import release
from .guard import Guard
from .inputs import BODY, IdsQuery, json_body, kit_request, read_form, register_file
from .jobs import add_job_routes, job_store
from .problems import PROBLEM_RESPONSES, ApiProblem, handle, problem_item
from .settings import Settings

__all__ = ["create_app", "input_models"]

T = TypeVar("T")

_MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "zip": "application/zip",
}
_DESCRIPTION = """Документы целевой модели наставничества по данным в JSON: приказы, положения, планы,
согласия, соглашения. Ошибки — в формате RFC 9457 (application/problem+json) со списком ошибок
по полям и ячейкам. Руководство с примерами curl и httpx — docs/api.md."""


class DocumentInfo(BaseModel):
    """A document of the catalogue."""

    id: str
    title: str
    stage: int | str
    formats: list[str] = Field(description="Форматы, которые можно запросить: docx, xlsx, html, pdf.")
    input: str = Field(description="Модель входных данных (схема — по адресу schema).")
    schema_url: str = Field(alias="schema")
    batch: bool = Field(description="Один документ на каждого участника, пару или партнёра (ответ — zip).")
    kit: str | None = Field(description="Комплект, в который входит документ.")


class KitInfo(BaseModel):
    """A kit: the documents one request makes."""

    name: str
    documents: list[str]
    input: str = Field(description="Модель тела JSON (схема — по адресу schema).")
    data_file: str = Field(description="Модель загружаемого файла данных (поле data формы).")
    register_use: str = Field(
        alias="register", description="Реестр участников (поле register формы): none, optional или required."
    )
    schema_url: str = Field(alias="schema")


class Health(BaseModel):
    """The service is up; which PDF converter it has."""

    status: str
    version: str
    pdf: str | None = Field(description="office (постоянный LibreOffice), soffice или null — PDF недоступен.")


def input_models() -> list[type[Model]]:
    """Return every model a document or a kit is made from (what a JSON body holds), by name."""
    found = {spec.model for spec in CATALOGUE.values()}
    found |= {kit.model for kit in KITS.values()} | {kit.data_file_model for kit in KITS.values()}
    return sorted(found, key=lambda model: model.__name__)


def formats_of(spec: DocumentSpec) -> list[str]:
    """Return the formats a document can be asked in: its templates' and PDF for Word or Excel documents."""
    return [*spec.formats, *(["pdf"] if {"docx", "xlsx"} & set(spec.formats) else [])]


def _kit_of(document_id: str) -> str | None:
    return next((kit.name for kit in KITS.values() if document_id in kit.documents), None)


# --- running the producer under a time limit --------------------------------------------------------------


class _Deadline:
    """A request's time limit, checked by the producer's progress callbacks."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds
        self._gone = threading.Event()

    def check(self, _count: int = 0) -> None:
        if self._gone.is_set() or time.monotonic() > self._end:
            raise RenderTimeoutError(f"Документы не изготовлены за отведённое время ({self.seconds:g} с).")

    def give_up(self) -> None:
        self._gone.set()


@dataclass(frozen=True, slots=True)
class _TempFile:
    """A produced file in a temporary folder, removed once sent (or once given up)."""

    path: Path
    folder: Path

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _discard(future: Future[Any]) -> None:
    if not future.cancelled() and future.exception() is None and isinstance(future.result(), _TempFile):
        future.result().cleanup()


_EXECUTOR_LOCK = threading.Lock()


def _executor(app: FastAPI) -> ThreadPoolExecutor:
    """Return the app's producing threads, started on first use (and again after a shutdown)."""
    with _EXECUTOR_LOCK:
        if app.state.executor is None:
            settings: Settings = app.state.settings
            app.state.executor = ThreadPoolExecutor(settings.threads, thread_name_prefix="nastavnik-render")
        executor: ThreadPoolExecutor = app.state.executor
        return executor


async def _run(request: Request, job: Callable[[_Deadline], T]) -> T:
    """Run ``job`` in the producing threads; past the time limit answer 504 and let the job stop itself."""
    settings: Settings = request.app.state.settings
    executor = _executor(request.app)
    deadline = _Deadline(settings.timeout)
    future = executor.submit(job, deadline)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), settings.timeout)
    except TimeoutError:
        deadline.give_up()
        future.add_done_callback(_discard)
        raise RenderTimeoutError(f"Документы не изготовлены за отведённое время ({settings.timeout:g} с).") from None


# --- producing -----------------------------------------------------------------------------------------------


def _document_files(spec: DocumentSpec, raw: Any, chosen: str, deadline: _Deadline) -> list[KitFile]:
    model = validate(raw, spec.model, source=BODY)
    files = build_document(spec.id, model, with_pdf=chosen == "pdf", progress=deadline.check)
    deadline.check()
    return [f for f in files if f.name.endswith(f".{chosen}") and not f.name.endswith("-fragment.html")]


def _files_response(spec: DocumentSpec, chosen: str, files: list[KitFile]) -> Response:
    if spec.each is None and len(files) == 1:
        return _attachment(files[0].data, chosen, f"{spec.id}.{chosen}")
    stream = io.BytesIO()
    writer = ZipWriter(stream)
    for item in files:
        writer.add(item.name, item.data)
    writer.close()
    return _attachment(stream.getvalue(), "zip", f"{spec.id}.zip")


def _attachment(data: bytes, kind: str, filename: str) -> Response:
    return Response(
        data, media_type=_MEDIA[kind], headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


def _kit_zip(
    name: str, make: Callable[[], Model], *, pdf: bool, latin: bool, titles: bool, deadline: _Deadline
) -> _TempFile:
    folder = Path(tempfile.mkdtemp(prefix="nastavnik-api-"))
    try:
        model = make()
        deadline.check()
        path = produce_kit(
            name,
            model,
            folder / name,
            as_zip=True,
            pdf=pdf,
            latin=latin,
            titles=titles,
            progress=deadline.check,
            pdf_progress=deadline.check,
        )
        deadline.check()
        return _TempFile(path, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


# --- routes ----------------------------------------------------------------------------------------------------


FormatQuery = Annotated[str | None, Query(description="Формат ответа; по умолчанию — первый формат документа.")]
PdfQuery = Annotated[bool, Query(description="Добавить PDF каждого документа (нужен LibreOffice).")]
LatinQuery = Annotated[bool, Query(description="Имена файлов пакетных документов латиницей.")]


def _document_route(spec: DocumentSpec) -> Callable[..., Awaitable[Response]]:
    formats = formats_of(spec)

    async def produce_document(request: Request, format: FormatQuery = None) -> Response:
        chosen = format or spec.formats[0]
        if chosen not in formats:
            raise ApiProblem(
                422,
                f"Документ {spec.id} не делается в формате «{chosen}».",
                problems=[Problem(f"допустимые значения: {', '.join(formats)}", loc=("format",))],
            )
        if chosen == "pdf":
            require_libreoffice()  # 503 at once, before any work
        raw = await json_body(request)
        files = await _run(request, lambda deadline: _document_files(spec, raw, chosen, deadline))
        return _files_response(spec, chosen, files)

    return produce_document


def _kit_route(kit: KitSpec) -> Callable[..., Awaitable[Response]]:
    async def produce_kit_zip(
        request: Request, pdf: PdfQuery = False, latin: LatinQuery = False, ids: IdsQuery = False
    ) -> Response:
        if pdf:
            require_libreoffice()  # 503 at once, before any work
        async with kit_request(request, kit) as make:
            result = await _run(
                request, lambda d: _kit_zip(kit.name, make, pdf=pdf, latin=latin, titles=not ids, deadline=d)
            )
        return FileResponse(
            result.path, media_type=_MEDIA["zip"], filename=f"{kit.name}.zip", background=BackgroundTask(result.cleanup)
        )

    return produce_kit_zip


def _json_body_doc(model: type[Model], *, upload: bool) -> dict[str, Any]:
    content: dict[str, Any] = {"application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}
    if upload:
        binary = {"type": "string", "format": "binary"}
        content["multipart/form-data"] = {
            "schema": {
                "type": "object",
                "properties": {
                    "data": {**binary, "description": "Файл данных: YAML, JSON или заполненная анкета Excel (.xlsx)."},
                    "register": {**binary, "description": "Реестр участников (.xlsx), где комплект его читает."},
                },
                "required": ["data"],
            }
        }
    return {"requestBody": {"required": True, "content": content}}


def _binary_responses(kinds: list[str]) -> dict[int | str, dict[str, Any]]:
    content = {_MEDIA[kind].split(";")[0]: {"schema": {"type": "string", "format": "binary"}} for kind in kinds}
    return {200: {"description": "Документ (или zip пакетного документа)", "content": content}, **PROBLEM_RESPONSES}


def _add_routes(app: FastAPI) -> None:
    @app.get("/healthz", response_model=Health, tags=["service"])
    def health() -> Health:
        """Сервис работает; какой преобразователь в PDF доступен."""
        kind = None if find_libreoffice() is None else ("office" if find_uno_python() else "soffice")
        return Health(status="ok", version=release(), pdf=kind)

    @app.get("/v1/documents", response_model=list[DocumentInfo], tags=["catalogue"], response_model_by_alias=True)
    def documents() -> list[dict[str, Any]]:
        """Каталог документов: id, название, этап, форматы, модель входных данных."""
        return [
            {
                "id": spec.id,
                "title": spec.title,
                "stage": spec.stage,
                "formats": formats_of(spec),
                "input": spec.model.__name__,
                "schema": f"/v1/documents/{spec.id}/schema",
                "batch": spec.each is not None,
                "kit": _kit_of(spec.id),
            }
            for spec in CATALOGUE.values()
        ]

    @app.get("/v1/kits", response_model=list[KitInfo], tags=["catalogue"], response_model_by_alias=True)
    def kits() -> list[dict[str, Any]]:
        """Комплекты и их документы."""
        return [
            {
                "name": kit.name,
                "documents": list(kit.documents),
                "input": kit.model.__name__,
                "data_file": kit.data_file_model.__name__,
                "register": kit.register,
                "schema": f"/v1/kits/{kit.name}/schema",
            }
            for kit in KITS.values()
        ]

    @app.get("/v1/documents/{document_id}/schema", tags=["catalogue"], responses=PROBLEM_RESPONSES)
    def document_schema(document_id: str) -> JSONResponse:
        """JSON Schema входных данных документа (тело POST /v1/documents/{id})."""
        return JSONResponse(get_document(document_id).model.model_json_schema())

    @app.get("/v1/kits/{kit}/schema", tags=["catalogue"], responses=PROBLEM_RESPONSES)
    def kit_schema(kit: str) -> JSONResponse:
        """JSON Schema тела JSON комплекта (POST /v1/kits/{kit})."""
        return JSONResponse(get_kit(kit).model.model_json_schema())

    for spec in CATALOGUE.values():
        app.add_api_route(
            f"/v1/documents/{spec.id}",
            _document_route(spec),
            methods=["POST"],
            name=f"document-{spec.id}",
            summary=spec.title,
            description=f"Документ «{spec.title}» по данным {spec.model.__name__} в теле JSON. "
            + ("Пакетный документ: zip, один файл на участника, пару или партнёра." if spec.each else ""),
            tags=["documents"],
            response_class=Response,
            responses=_binary_responses([*formats_of(spec), "zip"] if spec.each else formats_of(spec)),
            openapi_extra=_json_body_doc(spec.model, upload=False),
        )
    for kit in KITS.values():
        app.add_api_route(
            f"/v1/kits/{kit.name}",
            _kit_route(kit),
            methods=["POST"],
            name=f"kit-{kit.name}",
            summary=f"Комплект {kit.name} (zip)",
            description=f"Все документы комплекта {kit.name} одним zip: из тела JSON ({kit.model.__name__}) "
            f"или из загрузки multipart/form-data: data — файл данных ({kit.data_file_model.__name__}), "
            f"register — реестр участников ({kit.register}).",
            tags=["kits"],
            response_class=Response,
            responses=_binary_responses(["zip"]),
            openapi_extra=_json_body_doc(kit.model, upload=True),
        )

    @app.post("/v1/documents/{document_id}", tags=["documents"], responses=PROBLEM_RESPONSES, include_in_schema=False)
    def unknown_document(document_id: str) -> None:
        get_document(document_id)  # an id no route above has: the catalogue's 404 with a suggestion

    @app.post("/v1/kits/{kit}", tags=["kits"], responses=PROBLEM_RESPONSES, include_in_schema=False)
    def unknown_kit(kit: str) -> None:
        get_kit(kit)

    @app.post(
        "/v1/register/check",
        tags=["register"],
        responses=PROBLEM_RESPONSES,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {"register": {"type": "string", "format": "binary"}},
                            "required": ["register"],
                        }
                    }
                },
            }
        },
    )
    async def check_register(request: Request) -> JSONResponse:
        """Проверить реестр участников: все ошибки сразу, с листом, строкой и столбцом."""
        form = await read_form(request, ("register",))
        try:
            stream = register_file(form)
            if stream is None:
                raise ApiProblem(
                    422, "Нет реестра.", problems=[Problem("обязательное поле не заполнено", loc=("register",))]
                )
            return JSONResponse(await _run(request, lambda _deadline: _register_report(stream)))
        finally:
            await form.close()


def _register_report(stream: Any) -> dict[str, Any]:
    from ..io.register import load_register  # openpyxl is needed only here

    warnings: list[Problem] = []
    try:
        roster = load_register(stream, name="register.xlsx", warnings=warnings)
    except ValidationError as error:
        return {
            "valid": False,
            "detail": str(error).split("\n", 1)[0].rstrip(":") + ".",
            "counts": None,
            "problems": [problem_item(p) for p in error.details],
            "warnings": [problem_item(p) for p in warnings],
        }
    counts = {
        "mentors": len(roster.mentors),
        "mentees": len(roster.mentees),
        "pairs": len(roster.pairs),
        "partners": len(roster.partners),
    }
    return {
        "valid": True,
        "detail": "Реестр в порядке.",
        "counts": counts,
        "problems": [],
        "warnings": [problem_item(p) for p in warnings],  # legal but rare: worth a second look
    }


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    def schema() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            _, definitions = models_json_schema(
                [(model, "validation") for model in input_models()], ref_template="#/components/schemas/{model}"
            )
            document.setdefault("components", {}).setdefault("schemas", {}).update(definitions.get("$defs", {}))
            app.openapi_schema = document
        return app.openapi_schema

    return schema


def _warm_up() -> None:
    """Start the persistent LibreOffice in the background, so the first PDF request does not wait for it."""
    try:
        converter = pdf_converter()
        if isinstance(converter, OfficeConverter):
            converter.start()
    except NastavnikDocsError:
        pass  # PDF requests will say why (503)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Return the service: every route, the error handlers, the body limit and the access log."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.warm_up:
            threading.Thread(target=_warm_up, name="nastavnik-pdf-warm-up", daemon=True).start()
        yield
        with _EXECUTOR_LOCK:
            executor, app.state.executor = app.state.executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        close_pdf_converter()

    app = FastAPI(
        title="nastavnik-docs",
        version=release(),
        description=_DESCRIPTION,
        lifespan=lifespan,
        responses={},
    )
    app.state.settings = settings
    app.state.executor = None
    app.state.kit_jobs = job_store(settings)
    for kind in (NastavnikDocsError, ApiProblem, HTTPException, RequestValidationError):
        app.add_exception_handler(kind, handle)
    app.add_middleware(Guard, max_body=settings.max_body)
    _add_routes(app)
    add_job_routes(app)
    from ..web import add_page  # the coordinators' page at «/», on the same producer

    add_page(app)
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    return app
