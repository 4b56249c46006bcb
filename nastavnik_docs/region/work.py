"""The units of work of a region: one organisation's kit, one batch of monitoring forms, one kit job of the service.

Each is a plain function of paths and names, so that the same call runs in this process or as a
Celery task on a worker (:mod:`.queue`) — and gives the same files: a kit is written through the
producer's :class:`~nastavnik_docs.io.sinks.FolderSink` or ``ZipSink`` into a place named after
its organisation (or job), staged and swapped in whole, and outputs are reproducible, so a task
delivered twice writes the same bytes again. Arguments and results are JSON: they travel through
the broker, which never sees personal data (only paths, names of organisations and counts).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..documents import get_kit
from ..errors import ConverterMissingError, InputError, NastavnikDocsError, OutputError, RenderError, ValidationError
from ..io.datafile import read_data_file
from ..io.monitoring import read_forms
from ..io.region import organisation_files
from ..io.sinks import write_file
from ..models import MonitoringReport, OrganisationOutcome, RejectedForm, validate
from ..produce import count_documents, load_kit_input, produce_kit

__all__ = [
    "JOB_FILE",
    "JOB_INPUT",
    "forms_from_json",
    "kit_job",
    "organisation_kit",
    "read_form_batch",
    "retryable",
]

JOB_FILE = "job.json"
"""A kit job's description in its folder: the kit and its options."""
JOB_INPUT = "input.json"
"""A kit job's validated input in its folder, removed once the kit is made."""


def retryable(error: BaseException) -> bool:
    """Return whether trying again may succeed: a PDF conversion that failed, an output busy or a disk error.

    Bad data, a bad template or a missing LibreOffice fail the same way every time.
    """
    return isinstance(error, OutputError) or (
        isinstance(error, RenderError) and not isinstance(error, ConverterMissingError)
    )


def organisation_kit(
    kit: str,
    folder: str | Path,
    out: str | Path,
    *,
    as_zip: bool = False,
    pdf: bool = False,
    latin: bool = False,
    titles: bool = False,
    jobs: int = 1,
    raise_retryable: bool = False,
) -> OrganisationOutcome:
    """Make kit ``kit`` of the organisation in ``folder`` into ``out``/<its folder's name> (or ``….zip``).

    The kit replaces an earlier one there (the region job checked the output before); what went
    wrong is the outcome's ``error`` and ``problems`` — a bad organisation never stops the others.
    With ``raise_retryable`` an error worth another try (:func:`retryable`) is raised instead.
    """
    source = Path(folder)
    name, inn = None, None
    try:
        files = organisation_files(source)
        if "data" in files:
            name, inn = _identity(files["data"])
        if "data" not in files:
            raise InputError(f"В папке {source.name} нет файла данных (data.yaml, data.json или анкета data.xlsx).")
        reads = get_kit(kit).inputs  # a register beside the data file of a stage-1 kit is not its input
        model = load_kit_input(kit, **{key: path for key, path in files.items() if key in reads})
        target = produce_kit(
            kit, model, Path(out) / source.name, as_zip=as_zip, force=True, pdf=pdf, latin=latin, titles=titles,
            jobs=jobs, sources=[source],
        )  # fmt: skip
        return OrganisationOutcome(
            folder=source.name,
            organisation=name,
            inn=inn,
            ok=True,
            documents=count_documents(kit, model),
            output=target.name,
        )
    except NastavnikDocsError as error:
        if raise_retryable and retryable(error):
            raise
        lines = str(error).split("\n")
        problems = error.problems if isinstance(error, ValidationError) else []
        return OrganisationOutcome(
            folder=source.name, organisation=name, inn=inn, ok=False, error=lines[0].rstrip(":"), problems=problems
        )


def _identity(path: Path) -> tuple[str | None, str | None]:
    """Return the short name and ИНН the data file gives its organisation (a department's too), if it can be read."""
    try:
        raw = read_data_file(path)
    except NastavnikDocsError:
        return None, None
    if not isinstance(raw, Mapping):
        return None, None
    organisation = raw.get("organisation") or raw.get("department")
    if not isinstance(organisation, Mapping):
        return None, None
    name, inn = organisation.get("short_name"), organisation.get("inn")
    return (str(name) if name else None), (str(inn) if inn else None)


def read_form_batch(root: str | Path, names: list[str]) -> list[dict[str, Any]]:
    """Return the forms ``names`` (paths inside ``root``) read, as JSON: ``{"report": …}`` or ``{"rejected": …}``."""
    return [
        {"rejected" if isinstance(item, RejectedForm) else "report": item.model_dump(mode="json")}
        for item in read_forms(Path(root), names)
    ]


def forms_from_json(items: list[dict[str, Any]]) -> list[MonitoringReport | RejectedForm]:
    """Return the forms of :func:`read_form_batch` as models again."""
    return [
        RejectedForm.model_validate(item["rejected"])
        if "rejected" in item
        else MonitoringReport.model_validate(item["report"])
        for item in items
    ]


def kit_job(folder: str | Path, *, report: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Make the kit of the service's job in ``folder`` (its :data:`JOB_FILE` and :data:`JOB_INPUT`) as ``<kit>.zip``.

    ``report`` is called with the documents made so far and their number. Return ``{"kit", "documents",
    "result"}``. The input is removed once the archive is in place; a job
    delivered again after that finds its archive and returns at once.
    """
    place = Path(folder)
    try:
        job = json.loads((place / JOB_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("Задание удалено до того, как его начали.") from None
    kit, result = job["kit"], place / f"{job['kit']}.zip"
    if result.is_file() and not (place / JOB_INPUT).exists():  # made by an earlier delivery
        return {"kit": kit, "documents": job.get("documents"), "result": result.name}
    model = validate(json.loads((place / JOB_INPUT).read_text(encoding="utf-8")), get_kit(kit).model)
    documents = count_documents(kit, model)
    made = [0]

    def progress(count: int) -> None:
        made[0] += count
        if report is not None:
            report(made[0], documents)

    produce_kit(
        kit,
        model,
        place / kit,
        as_zip=True,
        force=True,
        pdf=bool(job.get("pdf")),
        latin=bool(job.get("latin")),
        titles=bool(job.get("titles")),
        progress=progress,
    )
    job["documents"] = documents
    write_file(place / JOB_FILE, json.dumps(job, ensure_ascii=False).encode("utf-8"), force=True)
    (place / JOB_INPUT).unlink(missing_ok=True)
    return {"kit": kit, "documents": documents, "result": result.name}
