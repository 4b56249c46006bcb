"""Reading what a request sends: a JSON body, or an upload of the data file and the register.

Uploads stay in Starlette's spooled temporary files (memory, then the system's temporary folder)
and are closed, hence removed, when the request ends. Their file names are used only for their
suffix: messages call the files ``data.yaml`` and ``register.xlsx``, logs never name them.
"""

from __future__ import annotations

import io
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Annotated, Any, BinaryIO

from fastapi import Query, Request
from starlette.datastructures import FormData, UploadFile

from ..documents import KitSpec
from ..errors import Problem
from ..io.datafile import MAX_DATA_BYTES, parse_data
from ..io.sheets import MAX_BYTES as MAX_REGISTER_BYTES
from ..models import Model, Register, SurveyAnswers, validate
from ..produce import check_kit_files, kit_input
from .problems import ApiProblem

__all__ = ["BODY", "DATA_READERS", "IdsQuery", "KitUpload", "json_body", "kit_request", "read_form", "register_file"]

BODY = "тело запроса"
"""How messages call a JSON body (a data file is called by its name)."""

IdsQuery = Annotated[
    bool,
    Query(
        description="Называть файлы комплекта идентификаторами документов (order-pairs.docx, папка consents), "
        "а не номером в комплекте и названием («01 Приказ о закреплении наставнических пар (групп).docx», "
        "папка «06 Согласия на обработку персональных данных»)."
    ),
]
"""The ``ids`` query parameter of a kit: a zip a person downloads is named by titles unless it asks for ids."""

DataReader = Callable[[bytes, str], Any]
_XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ZIP_MAGIC = b"PK\x03\x04"


def _questionnaire(data: bytes, source: str) -> Any:
    from ..io.questionnaire import read_questionnaire  # openpyxl is needed only here

    if not data.startswith(_ZIP_MAGIC):
        raise ApiProblem(415, "Файл данных: файл не является книгой Excel (.xlsx).")
    return read_questionnaire(io.BytesIO(data), name=source)


DATA_READERS: dict[str, DataReader] = {
    ".json": lambda data, source: parse_data(data, source=source, json=True),
    ".yaml": lambda data, source: parse_data(data, source=source, json=False),
    ".yml": lambda data, source: parse_data(data, source=source, json=False),
    ".xlsx": _questionnaire,
}
"""Readers of an uploaded data file by suffix: YAML, JSON, or the filled Excel questionnaire."""

_DATA_TYPES = {
    "application/json": ".json",
    "application/yaml": ".yaml",
    "application/x-yaml": ".yaml",
    "text/yaml": ".yaml",
    "text/x-yaml": ".yaml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _is_json(media: str) -> bool:
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


async def json_body(request: Request) -> Any:
    """Return the parsed JSON body (415 if it is not JSON, 413 over the data file's limit)."""
    if not _is_json(_media_type(request)):
        raise ApiProblem(415, "Ожидается тело application/json: те же данные, что в файле данных.")
    body = await request.body()
    if len(body) > MAX_DATA_BYTES:
        raise ApiProblem(413, f"Данные больше {MAX_DATA_BYTES // (1024 * 1024)} МБ — это не похоже на файл данных.")
    return parse_data(body, source=BODY, json=True, what="")


async def read_form(request: Request, fields: tuple[str, ...]) -> FormData:
    """Return the multipart form of the request (415 if the body is not multipart); unknown fields are 422."""
    if _media_type(request) != "multipart/form-data":
        raise ApiProblem(415, "Ожидается application/json или multipart/form-data.")
    form = await request.form(max_files=len(fields), max_fields=len(fields))
    unknown = sorted({key for key in form if key not in fields})
    if unknown:
        await form.close()
        allowed = ", ".join(fields)
        raise ApiProblem(
            422,
            "В форме есть неизвестные поля.",
            problems=[Problem(f"неизвестное поле формы; допустимые поля: {allowed}", loc=(key,)) for key in unknown],
        )
    return form


def _upload(form: FormData, field: str) -> UploadFile | None:
    value = form.get(field)
    if value is None:
        return None
    if not isinstance(value, UploadFile):
        raise ApiProblem(
            422, "Ожидается файл.", problems=[Problem("ожидается файл, а не текстовое поле", loc=(field,))]
        )
    return value


def _check_size(upload: UploadFile, limit: int, what: str) -> None:
    # measured by seeking, not by reading: a spooled upload of 50 MB is not copied into memory to count it
    size = upload.size if upload.size is not None else upload.file.seek(0, os.SEEK_END)
    upload.file.seek(0)
    if size > limit:
        raise ApiProblem(413, f"{what} больше {limit // (1024 * 1024)} МБ.")


def register_file(form: FormData, field: str = "register", what: str = "Реестр участников") -> BinaryIO | None:
    """Return an uploaded workbook (the register, the survey answers) as an open file (415 unless it is an
    .xlsx workbook; 413 over 50 MB).

    The stream goes as it is to the readers, which check what it unpacks to before parsing it
    (:mod:`nastavnik_docs.io.packages`: 422 past the limits), in the producing threads rather than
    here, in the event loop.
    """
    upload = _upload(form, field)
    if upload is None:
        return None
    suffix = PurePosixPath(upload.filename or "").suffix.lower()
    media = (upload.content_type or "").lower()
    if suffix != ".xlsx" and media != _XLSX_TYPE:
        raise ApiProblem(415, f"{what}: ожидается книга Excel (.xlsx).")
    _check_size(upload, MAX_REGISTER_BYTES, what)
    head = upload.file.read(4)
    upload.file.seek(0)
    if head != _ZIP_MAGIC:
        raise ApiProblem(415, f"{what}: файл не является книгой Excel (.xlsx).")
    return upload.file


@dataclass(frozen=True, slots=True)
class KitUpload:
    """A kit's files as uploaded and checked: the data file (not parsed yet), the register and the survey answers."""

    data: bytes
    suffix: str
    register: BinaryIO | None
    surveys: BinaryIO | None = None

    @classmethod
    def read(cls, form: FormData) -> KitUpload:
        """Return the upload of ``form`` (fields ``data`` and ``register``): types and sizes checked (415, 413)."""
        upload = _upload(form, "data")
        if upload is None:
            raise ApiProblem(
                422, "Нет файла данных.", problems=[Problem("обязательное поле не заполнено", loc=("data",))]
            )
        suffix = PurePosixPath(upload.filename or "").suffix.lower()
        if suffix not in DATA_READERS:
            suffix = _DATA_TYPES.get((upload.content_type or "").lower(), suffix)
        if suffix not in DATA_READERS:
            known = ", ".join(DATA_READERS)
            raise ApiProblem(415, f"Файл данных: ожидается YAML, JSON или анкета Excel ({known}).")
        _check_size(upload, MAX_DATA_BYTES, "Файл данных")
        surveys = register_file(form, "surveys", "Книга ответов анкетирования")
        return cls(upload.file.read(), suffix, register_file(form), surveys)

    def kit_input(self, name: str) -> Model:
        """Return the input of kit ``name``: the same reading and checks as ``nastavnik-docs kit`` on these files."""
        source = f"data{self.suffix}"
        raw = DATA_READERS[self.suffix](self.data, source)
        stream = self.register
        if stream is None:
            return kit_input(name, raw, source=source)
        from ..io.register import load_register  # openpyxl is needed only here

        answers = None
        surveys = self.surveys
        if surveys is not None:
            from ..io.surveys import load_answers

            def answers(roster: Register) -> SurveyAnswers:
                return load_answers(surveys, roster, name="surveys.xlsx")

        register = lambda: load_register(stream, name="register.xlsx")  # noqa: E731 - read only when data is valid
        return kit_input(name, raw, register, answers=answers, source=source)


@asynccontextmanager
async def kit_request(request: Request, kit: KitSpec) -> AsyncIterator[Callable[[], Model]]:
    """Yield what makes kit ``kit``'s input from the request — a JSON body or an upload — once called.

    The upload's files are checked (types, sizes, which files the kit reads) before, read when
    called (in a worker thread: a register takes a while) and removed after the block.
    """
    if not request.headers.get("content-type", "").lower().startswith("multipart/"):
        raw = await json_body(request)
        yield lambda: validate(raw, kit.model, source=BODY)
        return
    form = await read_form(request, ("data", "register", "surveys"))
    try:
        check_kit_files(kit.name, register=form.get("register") is not None, surveys=form.get("surveys") is not None)
        upload = KitUpload.read(form)
        yield lambda: upload.kit_input(kit.name)
    finally:
        await form.close()
