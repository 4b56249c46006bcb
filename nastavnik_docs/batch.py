"""Producing kits with batch documents (stage 4): one document per person, pair or partner.

Each template is prepared once per batch (:class:`~nastavnik_docs.render.docx.PreparedDocx`);
every document is written to disk as soon as it is rendered, so memory does not grow with the
register. With ``jobs`` > 1 the documents are shared out to worker processes in chunks, each
worker preparing the template once. Everything goes into a staging folder that becomes the
output only when the whole kit is done.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any

from .build import build_document, document_links
from .documents import BASE_CONTEXT, get_document
from .errors import CatalogueError, InputError
from .io.datafile import load_data, validate
from .io.output import convert_folder_to_pdf, final_path, staging
from .io.register import load_register
from .io.templates import read_template
from .kits import KITS, SAMPLES
from .models import Model, Person, Register, SchoolRegister, TeacherPair, TeachersData
from .render.docx import prepare_docx
from .ru.filenames import unique_file_names

__all__ = [
    "count_documents",
    "kit_model",
    "load_kit_input",
    "produce_kit",
    "Batch",
    "render_batch",
    "render_batches",
    "sample_input",
    "write_kit_files",
]

Progress = Callable[[int], None]
CHUNK = 40


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
    progress: Progress | None = None,
) -> Path:
    """Write kit ``name`` to ``out``, batch documents in their own folders; return the output path."""
    model = kit_model(name, data)
    with staging(out, as_zip=as_zip, force=force) as stage:
        write_kit_files(name, model, stage, templates=templates, pdf=pdf, jobs=jobs, latin=latin, progress=progress)
    return final_path(out, as_zip=as_zip)


def kit_model(name: str, data: Model | Mapping[str, Any]) -> Model:
    """Return ``data`` validated as the model kit ``name`` is made from."""
    if name not in KITS:
        raise CatalogueError(f"Неизвестный комплект «{name}». Известные: {', '.join(KITS)}.")
    return validate(data, get_document(KITS[name][0]).model)


def write_kit_files(
    name: str,
    model: Model,
    folder: Path,
    *,
    templates: Path | None = None,
    pdf: bool = False,
    jobs: int = 1,
    latin: bool = False,
    progress: Progress | None = None,
) -> None:
    """Write every document of kit ``name`` into the existing ``folder`` (batch ones in subfolders)."""
    ids = KITS[name]
    extra = {"documents": document_links(ids, with_pdf=pdf)}
    batches = []
    for document_id in ids:
        spec = get_document(document_id)
        if spec.each is None:
            for item in build_document(document_id, model, templates=templates, extra=extra):
                (folder / item.name).write_bytes(item.data)
            if progress:
                progress(1)
            continue
        target = folder / spec.folder
        target.mkdir()
        items = unique_file_names(spec.each(model), latin=latin)
        template = spec.templates[0]
        base = {**BASE_CONTEXT[spec.model](model), **extra}
        batches.append(Batch(template, read_template(template, templates), base, items, target))
    render_batches(batches, jobs=jobs, progress=progress)
    if pdf:
        convert_folder_to_pdf(folder)


def count_documents(name: str, model: Model) -> int:
    """Return how many documents kit ``name`` makes from ``model`` (for a progress bar)."""
    return sum(spec.count(model) if spec.each else 1 for spec in map(get_document, KITS[name]))


@dataclass(frozen=True, slots=True)
class Batch:
    """One kind of batch document: its template, the context shared by all, the items, where they go."""

    name: str
    template: bytes
    base: Mapping[str, Any]
    items: Iterable[tuple[str, Mapping[str, Any]]]
    folder: Path


def render_batch(
    template: bytes,
    name: str,
    base: Mapping[str, Any],
    items: Iterable[tuple[str, Mapping[str, Any]]],
    folder: Path,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> int:
    """Render ``items`` (file name, context) from one template into ``folder``; return the count."""
    return render_batches([Batch(name, template, base, items, folder)], jobs=jobs, progress=progress)


def render_batches(batches: list[Batch], *, jobs: int = 1, progress: Progress | None = None) -> int:
    """Render every batch, each template prepared once (per process); return the number of documents."""
    prepared = {b.name: prepare_docx(b.template, name=b.name) for b in batches}  # template errors surface here
    if jobs <= 1:
        done = 0
        for batch in batches:
            for filename, context in batch.items:
                (batch.folder / filename).write_bytes(prepared[batch.name].render({**batch.base, **context}))
                done += 1
                if progress:
                    progress(1)
        return done
    return _render_parallel(batches, jobs, progress)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _render_parallel(batches: list[Batch], jobs: int, progress: Progress | None) -> int:
    """Share the documents out to ``jobs`` processes, one pool for every batch.

    Where processes are forked, the contexts are laid out once in this process and inherited by
    the workers, which receive only ranges: this process does nothing but wait while they
    render (on a two-core machine it would otherwise compete with them). Elsewhere the contexts
    travel in chunks, a few in flight at a time.
    """
    fork = "fork" in multiprocessing.get_all_start_methods()
    templates = {b.name: (b.template, dict(b.base), str(b.folder)) for b in batches}
    shared = [(b.name, list(b.items)) for b in batches] if fork else None
    _WORKER["shared"] = shared
    done = 0
    context = multiprocessing.get_context("fork" if fork else "spawn")
    try:
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(templates,)) as pool:
            pending: set[Future[int]] = set()
            if shared is not None:
                for index, (_, items) in enumerate(shared):
                    size = max(10, len(items) // (jobs * 16) or 1)  # small ranges: the workers finish together
                    for start in range(0, len(items), size):
                        pending.add(pool.submit(_render_range, index, start, start + size))
            else:
                for batch in batches:
                    for chunk in _chunks(batch.items, CHUNK):
                        pending.add(pool.submit(_render_chunk, batch.name, chunk))
                        if len(pending) >= jobs * 3:  # keep memory flat: only a few chunks in flight
                            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                            done += sum(_collect(future, progress) for future in finished)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                done += sum(_collect(future, progress) for future in finished)
    finally:
        _WORKER.pop("shared", None)
    return done


def _collect(future: Future[int], progress: Progress | None) -> int:
    count = future.result()
    if progress:
        progress(count)
    return count


_WORKER: dict[str, Any] = {}


def _start_worker(templates: dict[str, tuple[bytes, dict[str, Any], str]]) -> None:
    _WORKER.update(templates=templates, prepared={})


def _render_range(index: int, start: int, stop: int) -> int:
    name, items = _WORKER["shared"][index]  # inherited from the parent when the worker was forked
    return _render_chunk(name, items[start:stop])


def _render_chunk(name: str, chunk: list[tuple[str, Mapping[str, Any]]]) -> int:
    template, base, folder = _WORKER["templates"][name]
    prepared = _WORKER["prepared"].get(name)
    if prepared is None:
        prepared = _WORKER["prepared"][name] = prepare_docx(template, name=name)
    target = Path(folder)
    for filename, context in chunk:
        (target / filename).write_bytes(prepared.render({**base, **context}))
    return len(chunk)


def load_kit_input(name: str, data: str | Path, register: str | Path | None = None) -> Model:
    """Return the input of kit ``name`` read from files: the data file, and the register for stage 4."""
    if name not in KITS:
        raise CatalogueError(f"Неизвестный комплект «{name}». Известные: {', '.join(KITS)}.")
    model = get_document(KITS[name][0]).model
    if model is SchoolRegister:
        if register is None:
            raise InputError(f"Для комплекта {name} нужен реестр участников: nastavnik-docs kit {name} DATA REGISTER -o OUT.")
        return SchoolRegister(school=load_data(data), roster=load_register(register))
    if model is TeachersData and register is not None:
        return teachers_with_register_pairs(load_data(data, TeachersData), load_register(register))
    if register is not None:
        raise InputError(f"Комплекту {name} реестр участников не нужен: укажите только файл данных.")
    return load_data(data, model)


def teachers_with_register_pairs(data: TeachersData, roster: Register) -> TeachersData:
    """Return ``data`` with its pairs taken from the register's «учитель – учитель» pairs."""
    mentors = {m.code: m for m in roster.mentors}
    mentees = {m.code: m for m in roster.mentees}
    pairs = [
        TeacherPair(
            mentor=Person(name=mentors[p.mentor].name, position=mentors[p.mentor].position, gender=mentors[p.mentor].gender),
            mentees=[Person(name=mentees[c].name, position=mentees[c].position, gender=mentees[c].gender) for c in p.mentees],
            start=p.start,
            end=p.end,
        )
        for p in roster.pairs
        if p.form == "teacher-teacher"
    ]
    if not pairs:
        raise InputError("В реестре нет пар формы «учитель – учитель»: приказу о назначении пар некого назначать.")
    return data.model_copy(update={"pairs": pairs})


def sample_input(name: str) -> Model:
    """Return the bundled sample input of kit ``name`` (a fictional school and invented people)."""
    files = resources.files("nastavnik_docs").joinpath("samples")
    with ExitStack() as stack:
        paths = [stack.enter_context(resources.as_file(files.joinpath(sample))) for sample in SAMPLES[name]]
        return load_kit_input(name, *paths)
