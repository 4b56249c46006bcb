"""The one producer: any kit or document, rendered into a sink — a folder, a zip archive, or memory.

Every door calls this module: the Python API (:func:`build_kit`, :func:`build_document`,
:func:`produce_kit`, :func:`write_kit`), the command line, ``demo``, and the HTTP service to come.
Worker processes, progress reporting, PDF conversion and the coordinator's corrected forms
(:class:`~nastavnik_docs.render.declensions.Declensions`) are options here, not in the doors.

Batch documents (one per person, pair or partner) are rendered from a template prepared once
(:class:`~nastavnik_docs.render.docx.PreparedDocx`) and handed to the sink as soon as each is
made, so memory does not grow with the register. With ``jobs`` > 1 they are shared out to worker
processes that write straight into the sink's folder.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import Any

from .documents import KITS, document_links, file_stems, get_document, get_kit, home_kit
from .documents.spec import OwnContext, own_context
from .errors import InputError, RenderError, TemplateError, ValidationError
from .io.datafile import read_data_file
from .io.manifest import Digest
from .io.output import check_not_source
from .io.questionnaire import QuestionnaireData, questionnaire_kind
from .io.sinks import FolderSink, Kit, KitFile, MemorySink, Sink, ZipSink, final_path, write_file, written
from .io.templates import read_template
from .models import Declension, Model, MonitoringReport, Register, SurveyAnswers, validate
from .render.declensions import CONTEXT_KEY, Declensions, ProofRow
from .render.docx import prepare_docx, render_docx
from .render.html import render_html
from .render.pdf import pdf_converter
from .ru.filenames import unique_file_names

__all__ = [
    "Corrections",
    "Progress",
    "build_document",
    "build_kit",
    "check_kit_files",
    "count_documents",
    "count_pdfs",
    "kit_declensions",
    "kit_extra",
    "kit_input",
    "kits_for_data",
    "load_kit_input",
    "produce",
    "produce_documents",
    "produce_files",
    "produce_kit",
    "produce_kits",
    "proof_rows",
    "sample_input",
    "write_kit",
]

Progress = Callable[[int], None]
"""Called with the number of documents just made (for a progress bar)."""

Corrections = Iterable[tuple[str, Declension]]
"""Corrected forms, each with where it was given (a row of a proof sheet): see :func:`read_corrections`."""

_CHUNK = 40  # contexts sent to a spawned worker at a time


# --- the doors' entry points -------------------------------------------------------------------


def build_kit(
    name: str,
    data: Model | Mapping[str, Any],
    *,
    templates: Path | None = None,
    with_pdf: bool = False,
    corrections: Corrections = (),
) -> Kit:
    """Return every document of kit ``name`` made from ``data`` (validated once, up front), in memory.

    ``with_pdf`` adds a PDF of every document (LibreOffice) and the website tab links to them;
    ``corrections`` are corrected forms (a proof sheet's), on top of the data file's ``declensions``.
    """
    model = validate(data, get_kit(name).model)
    sink = MemorySink(name)
    with sink:
        produce(name, model, sink, templates=templates, pdf=with_pdf, declensions=kit_declensions(model, corrections))
    return sink.kit


def build_document(
    document_id: str,
    data: Model | Mapping[str, Any],
    *,
    templates: Path | None = None,
    extra: Mapping[str, Any] | None = None,
    with_pdf: bool = False,
    progress: Progress | None = None,
) -> list[KitFile]:
    """Return the files of one document (one per format, or one per item of a batch) made from ``data``.

    ``extra`` adds variables a kit would give its documents (by default what the document's kit
    gives: the website tab's ``documents``); ``with_pdf`` adds a PDF of the Word file (or of the
    workbook of a document without one); ``progress`` is called with 1 per document made and per
    PDF converted.
    """
    model = validate(data, get_document(document_id).model)
    extra = kit_extra(document_id, with_pdf=with_pdf) if extra is None else extra
    sink = MemorySink(document_id)
    with sink:
        produce_documents((document_id,), model, sink, templates=templates, extra=dict(extra), progress=progress)
        if with_pdf:
            _add_pdfs(sink, progress=progress)
    return sink.kit.files


def kit_extra(document_id: str, *, with_pdf: bool) -> dict[str, Any]:
    """Return what the kit of ``document_id`` adds to its documents: the website tab's links to them."""
    kit = home_kit(document_id)
    return {"documents": document_links(kit.documents, with_pdf=with_pdf)} if kit is not None else {}


def produce_files(
    targets: Mapping[str, str | Path],
    data: Model | Mapping[str, Any],
    *,
    templates: Path | None = None,
    force: bool = False,
    sources: Iterable[str | Path] = (),
) -> list[Path]:
    """Write documents made from ``data`` to files the user named: document id → file (one of the document's formats).

    Every file is made in memory first and every target checked (an existing one is refused
    unless ``force``, one of the run's ``sources`` always) before the first is written; each is
    written whole or not at all.
    """
    paths = {document_id: Path(target) for document_id, target in targets.items()}
    sources = list(sources)
    for path in paths.values():
        if path.is_dir():
            raise InputError(f"{path} — это папка; укажите имя файла.")
        check_not_source(path, sources, folder=False)
        if path.exists() and not force:
            raise InputError(f"Файл {path} уже существует. Чтобы заменить его, добавьте --force.")
    made: list[tuple[Path, bytes]] = []
    for document_id, path in paths.items():
        suffix = path.suffix.lower().lstrip(".")
        formats = get_document(document_id).formats
        if suffix not in formats:
            raise InputError(
                f"{path}: документ {document_id} делается в форматах {', '.join(formats)}, а не «{suffix}»."
            )
        files = build_document(document_id, data, templates=templates)
        made.append((path, next(f.data for f in files if f.name == f"{document_id}.{suffix}")))
    return [write_file(path, content, force=force, sources=sources) for path, content in made]


def produce_kit(
    name: str,
    data: Model | Mapping[str, Any],
    out: str | Path,
    *,
    templates: Path | None = None,
    as_zip: bool = False,
    force: bool = False,
    pdf: bool = False,
    jobs: int = 1,
    latin: bool = False,
    titles: bool = False,
    progress: Progress | None = None,
    corrections: Corrections = (),
    pdf_progress: Progress | None = None,
    sources: Iterable[str | Path] = (),
) -> Path:
    """Write kit ``name`` to the folder ``out`` (or the archive ``out.zip``); return where it is.

    ``corrections`` are corrected forms (a proof sheet's), on top of the data file's ``declensions``;
    ``sources`` are the files and folders the run read (data file, register, templates…): the output
    may not be or hold one of them, so ``force`` can never write over the user's own input.
    """
    model = validate(data, get_kit(name).model)
    declensions = kit_declensions(model, corrections)
    with _sink(out, as_zip=as_zip, force=force, sources=sources) as sink:
        produce(
            name,
            model,
            sink,
            templates=templates,
            pdf=pdf,
            jobs=jobs,
            latin=latin,
            titles=titles,
            progress=progress,
            declensions=declensions,
            pdf_progress=pdf_progress,
        )
    return final_path(out, as_zip=as_zip)


def produce_kits(
    inputs: Mapping[str, Model],
    out: str | Path,
    *,
    as_zip: bool = False,
    force: bool = False,
    pdf: bool = False,
    jobs: int = 1,
    titles: bool = False,
    progress: Progress | None = None,
    pdf_progress: Progress | None = None,
    sources: Iterable[str | Path] = (),
) -> Path:
    """Write several kits (name → its validated input) to ``out``, each in a folder of its name."""
    with _sink(out, as_zip=as_zip, force=force, sources=sources) as sink:
        for name, model in inputs.items():
            declensions = kit_declensions(model)
            produce(
                name,
                model,
                sink,
                prefix=f"{name}/",
                pdf=pdf,
                jobs=jobs,
                titles=titles,
                progress=progress,
                pdf_progress=pdf_progress,
                declensions=declensions,
            )
    return final_path(out, as_zip=as_zip)


def write_kit(
    kit: Kit | Iterable[Kit],
    out: str | Path,
    *,
    as_zip: bool = False,
    force: bool = False,
    pdf: bool = False,
    sources: Iterable[str | Path] = (),
) -> Path:
    """Write one kit made in memory (or several, each in a subfolder) to ``out``; return the folder or archive.

    An existing target is refused unless ``force``; with ``force`` an earlier kit is replaced as a
    whole (see :class:`~nastavnik_docs.io.sinks.FolderSink`). ``pdf`` adds a PDF of every document
    (LibreOffice). ``sources`` are the files the caller read: the output may not be or hold one of them.
    """
    kits = [kit] if isinstance(kit, Kit) else list(kit)
    with _sink(out, as_zip=as_zip, force=force, sources=sources) as sink:
        for one in kits:
            prefix = f"{one.name}/" if len(kits) > 1 else ""
            sink.kits.append(one.name)
            for item in one.files:
                sink.add(prefix + item.name, item.data, item.document_id)
        if pdf:
            _add_pdfs(sink)
    return final_path(out, as_zip=as_zip)


def produce(
    name: str,
    model: Model,
    sink: Sink,
    *,
    prefix: str = "",
    templates: Path | None = None,
    pdf: bool = False,
    jobs: int = 1,
    latin: bool = False,
    titles: bool = False,
    progress: Progress | None = None,
    declensions: Declensions | None = None,
    pdf_progress: Progress | None = None,
) -> None:
    """Write every document of kit ``name``, made from the validated ``model``, into ``sink`` under ``prefix``.

    ``templates`` is a folder of the user's templates and wording files overriding the bundled
    ones; ``pdf`` adds a PDF of every document (:func:`_add_pdfs`), ``pdf_progress`` is called
    with 1 per converted file; ``jobs`` > 1 shares batch documents out to worker processes;
    ``latin`` writes their file names in Latin letters; ``titles`` names the other files by their place
    in the kit and their title («01 Приказ о создании управленческой команды.docx», :func:`file_stems`), batch
    documents' folders by their place and plural title («06 Согласия на обработку персональных данных»), instead
    of their ids and English folders (``consents``), and the results page links the other kits' files by the
    same names; ``declensions`` gives every document the
    corrected forms (and records the forms asked for). A correction that matches no phrase of the
    kit is an :class:`InputError`, raised before the sink is finished. A progress callback may
    raise to stop the work (the HTTP service does when a request runs out of time): the sink is
    discarded.
    """
    ids = get_kit(name).documents
    stems = file_stems(ids, titles=titles)
    extra = {"documents": document_links(ids, with_pdf=pdf, stems=stems), "latin": latin, "titles": titles}
    start = len(sink.names)
    sink.kits.append(name)
    produce_documents(
        ids,
        model,
        sink,
        prefix=prefix,
        templates=templates,
        extra=extra,
        jobs=jobs,
        latin=latin,
        stems=stems,
        progress=progress,
        declensions=declensions,
    )
    if declensions is not None:
        declensions.check_used()
    if pdf:
        _add_pdfs(sink, sink.names[start:], progress=pdf_progress, jobs=jobs)


def kit_declensions(model: Model, corrections: Corrections = ()) -> Declensions | None:
    """Return the corrected forms of a kit: the data file's ``declensions`` and ``corrections``; ``None`` if none."""
    school = getattr(model, "school", model)  # stage 4: the school's data file inside the register's model
    given: list[tuple[str, Declension]] = [
        (f"declensions[{index}]", item) for index, item in enumerate(getattr(school, "declensions", ()))
    ]
    given += list(corrections)
    return Declensions(given) if given else None


def proof_rows(
    inputs: Mapping[str, Model], *, templates: Path | None = None, corrections: Corrections = ()
) -> list[tuple[str, ProofRow]]:
    """Return every inflected form that each kit (name → its validated input) prints, with the kit's name.

    The kits are made in memory with the corrections applied, so a proof made after corrections
    shows the corrected forms.
    """
    rows: list[tuple[str, ProofRow]] = []
    for name, model in inputs.items():
        given = kit_declensions(model, corrections)
        recorder = Declensions(given.corrections() if given else (), record=True)
        with MemorySink(name) as sink:
            produce(name, model, sink, templates=templates, declensions=recorder)
        rows += [(name, row) for row in recorder.rows()]
    return rows


# --- reading a kit's input -----------------------------------------------------------------------


def load_kit_input(
    name: str,
    data: str | Path,
    register: str | Path | None = None,
    surveys: str | Path | None = None,
    monitoring: str | Path | None = None,
) -> Model:
    """Return the input of kit ``name`` read from files: the data file (or what the kit reads instead,
    a folder of forms), the register where the kit reads one, the answers of the satisfaction survey
    (stage 6) and the filled final monitoring form (stages 7 and 8) where the kit takes them."""
    check_kit_files(name, register=register is not None, surveys=surveys is not None, monitoring=monitoring is not None)
    kit = get_kit(name)
    if kit.reader is not None:
        return kit.reader(Path(data))
    read = None
    if register is not None:
        from .io.register import load_register  # openpyxl is needed only here

        def read() -> Register:
            return load_register(register)

    answers = None
    if surveys is not None:
        from .io.surveys import load_answers

        def answers(roster: Register) -> SurveyAnswers:
            return load_answers(surveys, roster)

    report = None
    if monitoring is not None:
        from .io.monitoring import read_report

        def report() -> MonitoringReport:
            return read_report(monitoring)

    return kit_input(name, read_data_file(data), read, answers=answers, report=report, source=str(data))


def check_kit_files(name: str, *, register: bool, surveys: bool = False, monitoring: bool = False) -> None:
    """Refuse an input given to a kit that reads none of its kind, or one missing where the kit needs it."""
    kit = get_kit(name)
    if kit.reader is not None and (register or surveys or monitoring):
        raise InputError(f"Комплекту {name} нужна только папка с формами: реестр и другие файлы не читаются.")
    if surveys and not kit.surveys:
        raise InputError(f"Комплекту {name} ответы анкетирования не нужны: они читаются в комплекте этапа 6.")
    if monitoring and not kit.monitoring:
        raise InputError(f"Комплекту {name} форма мониторинга не нужна: она читается в комплектах этапов 7 и 8.")
    if not monitoring and kit.monitoring:
        raise InputError(
            f"Для комплекта {name} нужна заполненная форма итогового мониторинга: --monitoring ФОРМА.xlsx."
        )
    if not register and kit.register == "required":
        raise InputError(
            f"Для комплекта {name} нужен реестр участников: nastavnik-docs kit {name} DATA REGISTER -o OUT."
        )
    if register and kit.register == "none":
        raise InputError(f"Комплекту {name} реестр участников не нужен: укажите только файл данных.")


def kit_input(
    name: str,
    data: Any,
    register: Callable[[], Register] | None = None,
    *,
    answers: Callable[[Register], SurveyAnswers] | None = None,
    report: Callable[[], MonitoringReport] | None = None,
    source: str = "данные",
) -> Model:
    """Return the input of kit ``name`` from a data file's content and, where the kit reads them, the
    register, the survey answers and the filled monitoring form.

    ``data`` is what a data file holds (validated as the kit's data-file model, messages calling it
    ``source``); ``register`` reads the register, after the data is found valid, ``answers`` the
    survey answers, checked against the register, ``report`` the filled form. Every door reading
    files (the command line, uploads to the HTTP service) comes through here.
    """
    check_kit_files(name, register=register is not None, surveys=answers is not None, monitoring=report is not None)
    kit = get_kit(name)
    _check_questionnaire(name, data, kit.data_file_model, source)
    model = validate(data, kit.data_file_model, source=source)
    if register is None and report is None:
        return model
    assert kit.combine is not None, f"kit {name} reads more than its data file but does not say how to combine them"
    roster = register() if register is not None else None
    extras: dict[str, Any] = {}
    if answers is not None and roster is not None:
        extras["answers"] = answers(roster)
    if report is not None:
        extras["monitoring"] = report()
    return kit.combine(model, roster, **extras)


def _check_questionnaire(name: str, data: Any, model: type[Model], source: str) -> None:
    """Refuse a filled questionnaire of another kind than the kit reads (a school's for the municipal kit)."""
    if isinstance(data, QuestionnaireData) and data.model is not model:
        wanted = questionnaire_kind(model)
        if wanted is None:
            raise InputError(f"{source} — анкета вида «{data.kind}»: комплект {name} читает другой файл данных.")
        raise InputError(
            f"{source} — анкета вида «{data.kind}», а комплекту {name} нужна анкета «{wanted}»: "
            f"nastavnik-docs datafile template {wanted}."
        )


def kits_for_data(data: str | Path, register: str | Path | None = None) -> dict[str, Model]:
    """Return the input of every kit that the data file (and the register, if given) can make.

    A school's file makes stages 1–3, and stages 4–6 with a register (stages 7 and 8 need the filled
    monitoring form too); a department's makes the municipal kit; a teachers' file the teachers kit.
    When no kit accepts the file, the errors of the kit it resembles most (the fewest problems) are
    raised.
    """
    raw = read_data_file(data)
    found: dict[str, Model] = {}
    failures: list[tuple[int, ValidationError]] = []
    for name, kit in KITS.items():
        if (register is None and kit.register == "required") or kit.monitoring or kit.reader is not None:
            continue  # a kit that needs a file not given here (the register, a filled form, a folder of forms)
        try:
            validate(raw, kit.data_file_model, source=str(data))
        except ValidationError as error:
            failures.append((len(error.problems), error))
            continue
        found[name] = load_kit_input(name, data, register if kit.register != "none" else None)
    if not found:
        raise (
            min(failures, key=lambda failure: failure[0])[1]
            if failures
            else InputError("Нет комплекта для этих данных.")
        )
    return found


def sample_input(name: str) -> Model:
    """Return the bundled sample input of kit ``name`` (a fictional organisation and invented people)."""
    kit = get_kit(name)
    files = resources.files(__package__).joinpath("samples")
    with ExitStack() as stack:
        paths = [stack.enter_context(resources.as_file(files.joinpath(sample))) for sample in kit.samples]
        return load_kit_input(name, **dict(zip(kit.inputs, paths, strict=False)))


def count_documents(name: str, model: Model) -> int:
    """Return how many documents kit ``name`` makes from ``model`` (for a progress bar)."""
    return sum(get_document(document_id).how_many(model) for document_id in get_kit(name).documents)


def count_pdfs(name: str, model: Model) -> int:
    """Return how many PDFs kit ``name`` makes from ``model`` with ``pdf`` (one per Word or Excel document)."""
    return sum(
        get_document(document_id).how_many(model)
        for document_id in get_kit(name).documents
        if {"docx", "xlsx"} & set(get_document(document_id).formats)
    )


# --- rendering ------------------------------------------------------------------------------------


def _sink(out: str | Path, *, as_zip: bool, force: bool, sources: Iterable[str | Path]) -> Sink:
    return ZipSink(out, force=force, sources=sources) if as_zip else FolderSink(out, force=force, sources=sources)


@dataclass(frozen=True, slots=True)
class _Batch:
    """One batch document: its template, the context shared by all items, the items, their folder."""

    document_id: str
    template_name: str
    template: bytes
    context: Mapping[str, Any]
    items: Iterable[tuple[str, OwnContext]]
    folder: str


def produce_documents(
    ids: tuple[str, ...],
    model: Model,
    sink: Sink,
    *,
    prefix: str = "",
    templates: Path | None = None,
    extra: Mapping[str, Any] | None = None,
    jobs: int = 1,
    latin: bool = False,
    stems: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    declensions: Declensions | None = None,
) -> None:
    """Write documents ``ids`` made from the validated ``model`` into ``sink``, in that order.

    ``extra`` adds variables to every document's context (a kit adds the website tab's links);
    the other options are those of :func:`produce`.
    """
    shared = extra or {}

    def own_extra(document_id: str) -> Mapping[str, Any]:
        if declensions is None:
            return shared
        return {**shared, CONTEXT_KEY: declensions.for_document(document_id)}

    batches: dict[str, _Batch] = {}
    for document_id in ids:  # every batch is laid out before any worker starts (they inherit it)
        spec = get_document(document_id)
        if spec.each is not None:
            items = unique_file_names(spec.each(model), latin=latin)
            name = spec.templates[0]
            batches[document_id] = _Batch(
                document_id,
                name,
                read_template(name, templates),
                spec.build_context(model, own_extra(document_id), templates),
                list(items) if jobs > 1 else items,
                f"{prefix}{(stems or {}).get(document_id) or spec.folder}",
            )
    with ExitStack() as stack:
        # the workers start on every batch at once; this process writes the single documents meanwhile
        pool = stack.enter_context(_Pool(list(batches.values()), jobs, sink.folder())) if jobs > 1 and batches else None
        for document_id in ids:
            batch = batches.get(document_id)
            if batch is None:
                stem = (stems or {}).get(document_id, document_id)
                _write_single(
                    document_id,
                    model,
                    sink,
                    prefix=prefix,
                    templates=templates,
                    extra=own_extra(document_id),
                    stem=stem,
                )
                if progress:
                    progress(1)
            elif pool is None:
                _write_batch(batch, sink, progress)
            else:
                digests = pool.run(batch, progress)
                for filename, _ in batch.items:
                    sink.adopt(f"{batch.folder}/{filename}", batch.document_id, digests.get(filename))


def _write_single(
    document_id: str,
    model: Model,
    sink: Sink,
    *,
    prefix: str,
    templates: Path | None,
    extra: Mapping[str, Any],
    stem: str,
) -> None:
    spec = get_document(document_id)
    context = spec.build_context(model, extra, templates)
    for name in spec.templates:
        fragment = f"{stem}-fragment" if stem == document_id else f"{stem} (фрагмент для сайта)"
        for filename, data in _render(stem, name, read_template(name, templates), context, fragment=fragment):
            sink.add(prefix + filename, data, document_id)


def _render(stem: str, name: str, source: bytes, context: dict[str, Any], *, fragment: str) -> list[tuple[str, bytes]]:
    """Return the files named ``stem`` rendered from one template (an HTML page comes with its ``fragment`` for a CMS)."""
    if name.endswith(".docx"):
        return [(f"{stem}.docx", render_docx(source, context, name=name))]
    if name.endswith(".xlsx"):
        from .render.xlsx import render_xlsx  # openpyxl: imported by the kits that make workbooks only

        return [(f"{stem}.xlsx", render_xlsx(source, context, name=name))]
    if name.endswith(".html"):
        text = source.decode("utf-8")
        page = render_html(text, {**context, "fragment": False}, name=name)
        part = render_html(text, {**context, "fragment": True}, name=name)
        return [(f"{stem}.html", page.encode("utf-8")), (f"{fragment}.html", part.encode("utf-8"))]
    raise TemplateError(f"Неизвестный формат шаблона {name}.", template=name)


def _write_batch(batch: _Batch, sink: Sink, progress: Progress | None) -> None:
    prepared = prepare_docx(batch.template, name=batch.template_name)
    for filename, own in batch.items:
        sink.add(
            f"{batch.folder}/{filename}", prepared.render({**batch.context, **own_context(own)}), batch.document_id
        )
        if progress:
            progress(1)


def _pdf_sources(names: Iterable[str]) -> list[str]:
    """Return the files of ``names`` that get a PDF: every Word file, and every Excel file without a Word twin.

    A document made in both formats (a roadmap, a plan) is printed from its Word file: both PDFs
    would be called ``<id>.pdf``.
    """
    names = list(names)
    words = {PurePosixPath(n).with_suffix("") for n in names if n.endswith(".docx")}
    return [
        n
        for n in names
        if n.endswith(".docx") or (n.endswith(".xlsx") and PurePosixPath(n).with_suffix("") not in words)
    ]


def _add_pdfs(
    sink: Sink, names: Iterable[str] | None = None, *, progress: Progress | None = None, jobs: int = 1
) -> None:
    """Add a PDF next to every file of ``names`` (all of the sink's by default) that gets one (:func:`_pdf_sources`).

    With ``jobs`` > 1 the files are shared out to as many LibreOffices working in parallel. Every
    file has its own result; a file that fails is retried once, and if it fails again the kit
    fails, naming how many files of which documents (never a file name: names hold people's names).
    """
    sources = _pdf_sources(list(sink.names if names is None else names))
    if not sources:
        return
    paths = [sink.path(name) for name in sources]
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        results = pdf_converter().convert(paths, progress=progress)
    else:
        shares = [paths[index::jobs] for index in range(jobs)]
        with ThreadPoolExecutor(jobs) as pool:  # the threads wait on LibreOffice processes
            done = list(
                pool.map(lambda index: pdf_converter(index).convert(shares[index], progress=progress), range(jobs))
            )
        by_path = {
            path: result
            for share, results_of in zip(shares, done, strict=True)
            for path, result in zip(share, results_of, strict=True)
        }
        results = [by_path[path] for path in paths]
    failed: dict[str, int] = {}
    for name, result in zip(sources, results, strict=True):
        if result.ok:
            sink.adopt(str(PurePosixPath(name).with_suffix(".pdf")), sink.documents[name])
        else:
            failed[sink.documents[name]] = failed.get(sink.documents[name], 0) + 1
    if failed:
        which = ", ".join(f"{document_id} — {count}" for document_id, count in failed.items())
        reason = next(r.error for r in results if not r.ok)
        raise RenderError(
            f"PDF не получился для {sum(failed.values())} из {len(sources)} файлов ({which}) "
            f"даже со второй попытки: {reason}."
        )


# --- worker processes -----------------------------------------------------------------------------


class _Pool:
    """Worker processes rendering batch documents straight into a folder.

    Where processes are forked, the contexts are laid out once in this process and inherited by
    the workers, which receive only ranges, every batch's at once (no batch waits for the one
    before it to finish): this process only writes the kit's single documents while they render
    (on a two-core machine it would otherwise compete with them). Elsewhere the contexts travel
    in chunks, a few in flight at a time.
    """

    def __init__(self, batches: list[_Batch], jobs: int, folder: Path) -> None:
        for batch in batches:  # a template error surfaces here, once, not in every worker
            prepare_docx(batch.template, name=batch.template_name)
            (folder / batch.folder).mkdir(parents=True, exist_ok=True)
        self._jobs = jobs
        self._fork = "fork" in multiprocessing.get_all_start_methods()
        setup = {b.document_id: (b.template_name, b.template, dict(b.context), str(folder / b.folder)) for b in batches}
        _WORKER["shared"] = [list(b.items) for b in batches] if self._fork else None
        context = multiprocessing.get_context("fork" if self._fork else "spawn")
        from concurrent.futures import ProcessPoolExecutor  # a fifth of a second's start for a kit of one job

        self._executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(setup,))
        self._ranges: dict[str, list[Future[list[tuple[str, Digest]]]]] = {}
        if self._fork:
            # the workers are forked at the first submit: what they inherit is frozen for the collector, whose
            # passes in a worker would otherwise write to (and so copy) every page of the inherited heap
            gc.freeze()
            try:
                for index, batch in enumerate(batches):
                    count = len(_WORKER["shared"][index])
                    size = max(10, count // (jobs * 16) or 1)  # small ranges: the workers finish together
                    self._ranges[batch.document_id] = [
                        self._executor.submit(_render_range, batch.document_id, index, start, start + size)
                        for start in range(0, count, size)
                    ]
            finally:
                gc.unfreeze()

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        try:  # all done: the idle workers are left to exit on their own; after an error they are stopped first
            self._executor.shutdown(wait=kind is not None, cancel_futures=True)
        finally:
            _WORKER.pop("shared", None)

    def run(self, batch: _Batch, progress: Progress | None) -> dict[str, Digest]:
        """Render every item of ``batch``; return when all are written, with each file's digest (for the manifest)."""
        digests: dict[str, Digest] = {}
        pending: set[Future[list[tuple[str, Digest]]]] = set()
        if self._fork:
            pending.update(self._ranges.pop(batch.document_id))
        else:
            for chunk in _chunks(batch.items, _CHUNK):
                pending.add(self._executor.submit(_render_chunk, batch.document_id, chunk))
                if len(pending) >= self._jobs * 3:  # keep memory flat: only a few chunks in flight
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    _collect(finished, progress, digests)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            _collect(finished, progress, digests)
        return digests


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _collect(
    finished: set[Future[list[tuple[str, Digest]]]], progress: Progress | None, digests: dict[str, Digest]
) -> None:
    for future in finished:
        written = future.result()
        digests.update(written)
        if progress:
            progress(len(written))


_WORKER: dict[str, Any] = {}


def _start_worker(setup: dict[str, tuple[str, bytes, dict[str, Any], str]]) -> None:
    """Keep the batch's setup; leave signals to the parent, which stops the pool and removes the kit."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole process group
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _WORKER["setup"] = setup


def _render_range(document_id: str, index: int, start: int, stop: int) -> list[tuple[str, Digest]]:
    items = _WORKER["shared"][index]  # inherited from the parent when the worker was forked
    return _render_chunk(document_id, items[start:stop])


def _render_chunk(document_id: str, chunk: list[tuple[str, OwnContext]]) -> list[tuple[str, Digest]]:
    """Render and write ``chunk``; return each file's name and digest (taken here, in parallel, for the manifest)."""
    name, template, context, folder = _WORKER["setup"][document_id]
    prepared = prepare_docx(template, name=name)  # cached: prepared once per process
    return [
        (filename, written(os.path.join(folder, filename), prepared.render({**context, **own_context(own)})))
        for filename, own in chunk
    ]
