"""Checking a coordinator's own templates, and exporting the bundled ones to start from."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .build import build_document
from .documents import BASE_CONTEXT, CATALOGUE
from .errors import InputError, NastavnikDocsError
from .io.datafile import validate
from .io.templates import FOLDERS, bundled_templates
from .kits import KITS, SAMPLES
from .render.docx import template_variables
from .render.html import html_variables

__all__ = ["TemplateReport", "check_templates", "export_templates"]

# Variables that documents add to the data of their model.
_DOCUMENT_VARIABLES = {"order", "regulation", "documents", "fragment", "loop"}


@dataclass(slots=True)
class TemplateReport:
    """What was found in one template file."""

    name: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return whether the template has no problems."""
        return not self.problems


@cache
def _sample(document_id: str) -> Any:
    """Return the bundled sample data for the kit that contains ``document_id``."""
    for kit, ids in KITS.items():
        if document_id in ids:
            text = resources.files("nastavnik_docs").joinpath("samples", SAMPLES[kit]).read_text(encoding="utf-8")
            return validate(yaml.safe_load(text), CATALOGUE[document_id].model)
    return None


def _known_variables(document_id: str) -> set[str]:
    spec = CATALOGUE[document_id]
    sample = _sample(document_id)
    base = set(BASE_CONTEXT[spec.model](sample)) if sample is not None else set()
    return base | _DOCUMENT_VARIABLES


def check_templates(folder: Path) -> list[TemplateReport]:
    """Return a report for every template in ``folder``: syntax errors and unknown variables."""
    if not folder.is_dir():
        raise InputError(f"Папка шаблонов {folder} не найдена.")
    files = sorted(p for p in folder.iterdir() if p.suffix in FOLDERS and p.is_file())
    if not files:
        raise InputError(f"В папке {folder} нет шаблонов (.docx, .xlsx, .html).")
    by_template = {spec.template: spec.id for spec in CATALOGUE.values()}
    reports = []
    for path in files:
        report = TemplateReport(path.name)
        reports.append(report)
        document_id = by_template.get(path.name)
        if document_id is None:
            report.problems.append(
                f"имя файла не совпадает ни с одним шаблоном каталога ({', '.join(sorted(by_template))}) — он не будет использован"
            )
        try:
            used = _variables(path)
        except NastavnikDocsError as error:
            report.problems.append(str(error))
            continue
        if document_id is None:
            continue
        unknown = sorted(used - _known_variables(document_id))
        if unknown:
            report.problems.append(
                "переменные, которых нет в данных: " + ", ".join(unknown)
                + f" (есть: {', '.join(sorted(_known_variables(document_id) - {'loop'}))})"
            )
            continue
        try:
            build_document(document_id, _sample(document_id), templates=folder, extra={"documents": []})
        except NastavnikDocsError as error:
            report.problems.append(f"при пробной сборке на примере данных: {error}")
    return reports


def _variables(path: Path) -> set[str]:
    if path.suffix == ".docx":
        return template_variables(path.read_bytes(), name=path.name)
    if path.suffix == ".html":
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(f"Шаблон {path.name} не в кодировке UTF-8.") from None
        return html_variables(source, name=path.name)
    return set()


def export_templates(folder: Path, *, force: bool = False) -> list[Path]:
    """Copy every bundled template into ``folder``; existing files are kept unless ``force``."""
    folder.mkdir(parents=True, exist_ok=True)
    templates = bundled_templates()
    clashes = [name for name in templates if (folder / name).exists()]
    if clashes and not force:
        raise InputError(
            f"В папке {folder} уже есть {', '.join(clashes)}. Чтобы заменить их, добавьте --force."
        )
    written = []
    for name, source in templates.items():
        target = folder / name
        with source.open("rb") as reader, target.open("wb") as writer:
            shutil.copyfileobj(reader, writer)
        written.append(target)
    return written
