"""The coordinators' page: choose a kit, download the blanks, upload the filled files, see every mistake, get the zip.

Server-rendered HTML (Jinja templates in ``web/templates``, Russian text in them), a small script
for the progress bar, nothing fetched from elsewhere. Uploads are read from Starlette's temporary
files; what must be a file (a filled monitoring form, a collection's forms) goes into the job's
temporary folder, removed with the zip after the download. Problems are shown by file, sheet, row
and field, never with the value.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.background import BackgroundTask
from starlette.datastructures import FormData, UploadFile

from ..api.inputs import DATA_READERS, register_file
from ..api.problems import ApiProblem
from ..api.settings import Settings
from ..documents import KITS, KitSpec, get_document
from ..errors import InputError, NastavnikDocsError, Problem, ValidationError
from ..io.questionnaire import questionnaire_bytes, questionnaire_kind
from ..io.templates import read_template
from ..models import Model, Register, SurveyAnswers, SurveyRoster
from ..produce import build_document, count_documents, count_pdfs, kit_input, produce_kit
from ..render.pdf import find_libreoffice
from .jobs import Job, Jobs

__all__ = ["add_page"]

T = TypeVar("T")

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_STATIC = {"page.css": "text/css; charset=utf-8", "page.js": "text/javascript; charset=utf-8"}
_MAX_FORMS = 500  # filled forms of a collection in one upload
_SAFE_NAME = re.compile(r"[^\w.\- ]+")


@dataclass(frozen=True, slots=True)
class KitView:
    """What the page shows of a kit and which files its form asks for (read from its ``KitSpec``)."""

    name: str
    title: str
    documents: tuple[str, ...]
    questionnaire: str | None
    """The kind of Excel questionnaire its data file may be (``school``…), None if it reads no data file."""
    data: bool
    register: str
    surveys: bool
    monitoring: bool
    forms: bool
    """A collection: filled forms instead of a data file."""

    @classmethod
    def of(cls, kit: KitSpec) -> KitView:
        return cls(
            name=kit.name,
            title=kit.title or kit.name,
            documents=tuple(get_document(d).title for d in kit.documents),
            questionnaire=None if kit.reader else questionnaire_kind(kit.data_file_model),
            data=kit.reader is None,
            register=kit.register,
            surveys=kit.surveys,
            monitoring=kit.monitoring,
            forms=kit.reader is not None,
        )


class _Refused(Exception):
    """Problems of the uploaded files, each row of the page's table tagged with its file."""

    def __init__(self, rows: list[dict[str, Any]], status: int = 422) -> None:
        super().__init__(f"{len(rows)} problems")
        self.rows = rows
        self.status = status


def _rows(file: str, error: BaseException) -> list[dict[str, Any]]:
    """Return the rows of the problem table for an error of one file (or of a check across files)."""
    if isinstance(error, ValidationError) and error.details:
        return [_row(file, problem) for problem in error.details]
    if isinstance(error, ApiProblem):
        return [_row(file, problem) for problem in error.problems] or [_row(file, Problem(error.detail))]
    return [_row(file, Problem(str(error)))]


def _row(file: str, problem: Problem) -> dict[str, Any]:
    return {
        "file": file,
        "sheet": problem.sheet,
        "row": problem.row,
        "field": problem.column if problem.loc is None else (problem.field or None),
        "message": problem.message,
    }


def _tagged(file: str, read: Callable[[], T]) -> T:
    """Return what ``read`` returns; its input errors become rows of the table naming ``file``."""
    try:
        return read()
    except (InputError, ApiProblem) as error:
        raise _Refused(_rows(file, error)) from None


# --- the page ------------------------------------------------------------------------------------------------


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("nastavnik_docs.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _static(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


def _html(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_environment().get_template(name).render(**context), status_code=status)


def _kits() -> list[KitView]:
    return [KitView.of(kit) for kit in KITS.values()]


def _page(
    request: Request, chosen: str | None, *, problems: list[dict[str, Any]] | None = None, status: int = 200
) -> HTMLResponse:
    kits = _kits()
    kit = next((k for k in kits if k.name == chosen), kits[0])
    return _html(
        "index.html",
        status,
        kits=kits,
        kit=kit,
        problems=problems or [],
        pdf=find_libreoffice() is not None,
        settings=request.app.state.settings,
    )


# --- reading the upload --------------------------------------------------------------------------------------


def _upload(form: FormData, field: str) -> UploadFile | None:
    value = form.get(field)
    if isinstance(value, UploadFile) and (value.filename or value.size):
        return value
    return None


def _data_file(form: FormData) -> tuple[bytes, str]:
    upload = _upload(form, "data")
    if upload is None:
        raise _Refused([_row("data", Problem("файл не выбран"))])
    suffix = PurePosixPath(upload.filename or "").suffix.lower()
    if suffix not in DATA_READERS:
        known = ", ".join(DATA_READERS)
        raise _Refused([_row("data", Problem(f"ожидается анкета Excel или файл данных ({known})"))], 415)
    from ..io.datafile import MAX_DATA_BYTES

    data = upload.file.read(MAX_DATA_BYTES + 1)
    if len(data) > MAX_DATA_BYTES:
        raise _Refused([_row("data", Problem(f"файл больше {MAX_DATA_BYTES // (1024 * 1024)} МБ"))], 413)
    return data, suffix


def _workbook(form: FormData, field: str, what: str) -> Any:
    """Return an uploaded workbook as an open file (checked to be an .xlsx within the size limit), or None."""
    if _upload(form, field) is None:
        return None
    return _tagged(field, lambda: register_file(form, field, what))


def _saved(stream: Any, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    with target.open("wb") as out:
        while chunk := stream.read(1024 * 1024):
            out.write(chunk)
    return target


def _forms(form: FormData, folder: Path) -> Path:
    """Save a collection's uploaded forms into ``folder``/forms under safe names; return that folder."""
    uploads = [u for u in form.getlist("forms") if isinstance(u, UploadFile) and u.filename]
    if not uploads:
        raise _Refused([_row("forms", Problem("не выбрано ни одной формы"))])
    target = folder / "forms"
    for number, upload in enumerate(uploads, start=1):
        single = FormData([("forms", upload)])
        stream = _tagged("forms", lambda: register_file(single, "forms", "Форма"))  # noqa: B023 - called at once
        stem = _SAFE_NAME.sub("", PurePosixPath(upload.filename or "").stem)[:60].strip() or "форма"
        _saved(stream, target, f"{number:03d}-{stem}.xlsx")
    return target


def _input(kit: KitSpec, form: FormData, job: Job) -> Model:
    """Return the kit's input read from the upload: the same reading and checks as ``nastavnik-docs kit``."""
    reader = kit.reader
    if reader is not None:
        forms = _forms(form, job.folder)
        return _tagged("forms", lambda: reader(forms))
    data, suffix = _data_file(form)
    register = _workbook(form, "register", "Реестр участников")
    surveys = _workbook(form, "surveys", "Книга ответов анкетирования")
    monitoring = _workbook(form, "monitoring", "Форма итогового мониторинга")
    missing = []
    if register is None and kit.register == "required":
        missing.append(_row("register", Problem("файл не выбран: комплекту нужен реестр участников")))
    if monitoring is None and kit.monitoring:
        missing.append(_row("monitoring", Problem("файл не выбран: комплекту нужна заполненная форма мониторинга")))
    if missing:
        raise _Refused(missing)
    source = f"data{suffix}"
    raw = _tagged("data", lambda: DATA_READERS[suffix](data, source))
    read_register = None
    if register is not None and kit.register != "none":
        from ..io.register import load_register  # openpyxl is needed only here

        def read_register() -> Register:
            return _tagged("register", lambda: load_register(register, name="register.xlsx"))

    answers = None
    if surveys is not None and kit.surveys:
        from ..io.surveys import load_answers

        def answers(roster: Register) -> SurveyAnswers:
            return _tagged("surveys", lambda: load_answers(surveys, roster, name="surveys.xlsx"))

    report = None
    if monitoring is not None and kit.monitoring:
        from ..io.monitoring import read_report

        path = _saved(monitoring, job.folder / "monitoring", "monitoring.xlsx")

        def report() -> Any:
            return _tagged("monitoring", lambda: read_report(path))

    return _tagged(
        "data", lambda: kit_input(kit.name, raw, read_register, answers=answers, report=report, source=source)
    )


def _make(kit: str, model: Model, pdf: bool, titles: bool) -> Callable[[Job, Callable[[], None]], Path]:
    def work(job: Job, check: Callable[[], None]) -> Path:
        def advance(count: int) -> None:
            job.done += count
            check()

        def converted(count: int) -> None:
            job.converted += count
            check()

        path = produce_kit(
            kit,
            model,
            job.folder / "kit" / kit,
            as_zip=True,
            pdf=pdf,
            titles=titles,
            progress=advance,
            pdf_progress=converted,
        )
        import zipfile

        with zipfile.ZipFile(path) as archive:
            job.files = len(archive.namelist())
        return path

    return work


# --- routes --------------------------------------------------------------------------------------------------


def add_page(app: FastAPI) -> None:
    """Add the coordinators' page to the service ``app`` (at ``/``; none of its routes is in the OpenAPI schema)."""
    settings: Settings = app.state.settings
    jobs = Jobs(threads=settings.threads, timeout=settings.timeout)
    app.state.jobs = jobs

    @app.get("/", include_in_schema=False)
    def index(request: Request, kit: str | None = None) -> HTMLResponse:
        if kit is not None and kit not in KITS:
            return _page(request, None, problems=[_row("kit", Problem(f"неизвестный комплект «{kit}»"))], status=404)
        return _page(request, kit)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in _STATIC:
            return _html("gone.html", 404, kit=None)
        return Response(_static(name), media_type=_STATIC[name], headers={"Cache-Control": "no-cache"})

    @app.get("/blank/{name}", include_in_schema=False)
    def blank(name: str) -> Response:
        content = _blank(name)
        if content is None:
            return _html("gone.html", 404, kit=None)
        return Response(content, media_type=_XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.post("/kits/{name}", include_in_schema=False)
    async def build(request: Request, name: str) -> Response:
        spec = KITS.get(name)
        if spec is None:
            return _page(request, None, problems=[_row("kit", Problem(f"неизвестный комплект «{name}»"))], status=404)
        job = jobs.create(name)
        try:
            try:
                form = await request.form(max_files=_MAX_FORMS + 4, max_fields=_MAX_FORMS + 10)
            except ApiProblem as error:  # the body is over the service's limit
                raise _Refused([_row("upload", Problem(error.detail))], error.status) from None
            try:
                pdf = form.get("pdf") is not None and find_libreoffice() is not None
                titles = form.get("ids") is None  # what a person downloads is named by titles unless asked
                model = await asyncio.to_thread(_input, spec, form, job)
                job.total = count_documents(name, model)
                job.pdfs = count_pdfs(name, model) if pdf else 0
            finally:
                await form.close()
        except _Refused as refused:
            jobs.remove(job)
            return _page(request, name, problems=refused.rows, status=refused.status)
        except NastavnikDocsError as error:
            jobs.remove(job)
            return _page(request, name, problems=_rows("data", error), status=422)
        except BaseException:
            jobs.remove(job)
            raise
        jobs.start(job, _make(name, model, pdf, titles))
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", include_in_schema=False)
    def job_page(job_id: str) -> HTMLResponse:
        job = jobs.get(job_id)
        if job is None:
            return _html("gone.html", 404, kit=None)
        return _html("job.html", job=job, kit=KitView.of(KITS[job.kit]) if job.kit in KITS else None)

    @app.get("/jobs/{job_id}/status", include_in_schema=False)
    def job_status(job_id: str) -> JSONResponse:
        job = jobs.get(job_id)
        if job is None:
            return JSONResponse({"state": "gone"}, status_code=404)
        return JSONResponse(job.status())

    @app.get("/jobs/{job_id}/download", include_in_schema=False)
    def download(job_id: str) -> Response:
        job = jobs.get(job_id)
        if job is None or job.state != "done" or job.path is None:
            return _html("gone.html", 404, kit=None)
        return FileResponse(
            job.path,
            media_type="application/zip",
            filename=f"{job.kit}.zip",
            background=BackgroundTask(jobs.remove, job),
        )


def _blank(name: str) -> bytes | None:
    """Return a blank workbook by its file name: a questionnaire, the register, the survey answers."""
    kind = name.removesuffix(".xlsx")
    if name.endswith(".xlsx") and kind in ("school", "municipality", "teachers"):
        return questionnaire_bytes(kind)
    if name == "register.xlsx":
        return read_template("register.xlsx")
    if name == "surveys.xlsx":
        [answers] = build_document("survey-answers", SurveyRoster(roster=Register()))
        return answers.data
    return None
