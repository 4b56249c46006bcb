"""A coordinator's own templates: exporting the bundled ones to start from, and checking edited ones.

A check builds each document from the bundled sample data through the producer, so it finds
what a real run would.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .content import wording_files
from .documents import CATALOGUE, KITS, KitSpec
from .documents.legal import outdated_citations
from .documents.spec import own_context
from .documents.wording import load_wording
from .errors import InputError, NastavnikDocsError
from .io.templates import FOLDERS, bundled_templates, read_template
from .models import validate
from .produce import build_document, kit_extra, sample_input
from .render.docx import template_variables
from .render.html import html_variables
from .render.xlsx import xlsx_variables

__all__ = ["TemplateReport", "check_templates", "export_templates"]


@dataclass(slots=True)
class TemplateReport:
    """What was found in one template file."""

    name: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What the file may keep but should look at: acts it cites that are not in force on the document's date."""

    @property
    def ok(self) -> bool:
        """Return whether the template has no problems."""
        return not self.problems


def _kit_of(document_id: str) -> KitSpec | None:
    return next((kit for kit in KITS.values() if document_id in kit.documents), None)


@cache
def _sample(document_id: str) -> Any:
    """Return the bundled sample input of the kit that contains ``document_id``.

    A document in no kit yet is tried on its model's defaults (the survey documents: blank forms).
    """
    kit = _kit_of(document_id)
    return sample_input(kit.name) if kit is not None else validate({}, CATALOGUE[document_id].model)


def _extra(document_id: str) -> dict[str, Any]:
    """Return what a kit adds to every document: the links of the website tab, with PDFs."""
    return kit_extra(document_id, with_pdf=True)


def _known_variables(document_id: str, folder: Path) -> set[str]:
    """Return the variables the document's template really receives, built from the sample."""
    spec = CATALOGUE[document_id]
    sample = _sample(document_id)
    names = set(spec.build_context(sample, _extra(document_id), folder))
    if spec.each is not None:
        names |= set(own_context(next(iter(spec.each(sample)), ("", {}))[1]))
    if any(name.endswith(".html") for name in spec.templates):
        names.add("fragment")
    return names | {"loop"}


def check_templates(folder: Path) -> list[TemplateReport]:
    """Return a report for every template and wording file in ``folder``.

    Each is checked for syntax, for variables that no data provides, and by a trial build of
    its document from the bundled sample data.
    """
    if not folder.is_dir():
        raise InputError(f"Папка шаблонов {folder} не найдена.")
    files = sorted(p for p in folder.iterdir() if p.is_file() and (p.suffix in FOLDERS or p.suffix == ".yaml"))
    if not files:
        raise InputError(f"В папке {folder} нет шаблонов (.docx, .xlsx, .html) и текстов документов (.yaml).")
    by_template = {name: spec.id for spec in CATALOGUE.values() for name in spec.templates}
    by_wording = {f"{name}.yaml": spec.id for spec in CATALOGUE.values() for name in spec.wording}
    reports = []
    for path in files:
        report = TemplateReport(path.name)
        reports.append(report)
        document_id = (by_wording if path.suffix == ".yaml" else by_template).get(path.name)
        if document_id is None:
            known = sorted(by_template) if path.suffix != ".yaml" else sorted(by_wording)
            report.problems.append(
                f"имя файла не совпадает ни с одним документом ({', '.join(known)}) — он не будет использован"
            )
            document_id = None
        try:
            used = _variables(path)
            if document_id is None:
                continue
            unknown = sorted(used - _known_variables(document_id, folder))
        except NastavnikDocsError as error:
            report.problems.append(str(error))
            continue
        if unknown:
            available = sorted(_known_variables(document_id, folder) - {"loop"})
            report.problems.append(
                f"переменные, которых нет в данных: {', '.join(unknown)} (есть: {', '.join(available)})"
            )
            continue
        if path.suffix == ".yaml":
            report.warnings += _outdated(document_id, path)
        try:
            build_document(document_id, _sample(document_id), templates=folder, extra=_extra(document_id))
        except NastavnikDocsError as error:
            report.problems.append(f"при пробной сборке на примере данных: {error}")
    return reports


def _outdated(document_id: str, path: Path) -> list[str]:
    """Return a line for every act the wording's own text names that is not in force on its document's date
    (the date from the sample data: the bundled wording cites acts through ``law``, which follows the date)."""
    spec = CATALOGUE[document_id]
    if spec.dated is None:
        return []
    day = spec.dated(_sample(document_id))
    text = "\n".join(_strings(load_wording(path.stem, path.parent)))
    return [f"ссылка на недействующий акт {line}" for line in outdated_citations(text, day)]


def _strings(node: Any) -> list[str]:
    """Return every string of a parsed wording file (its comments are not read)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in _strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in _strings(value)]
    return []


def _variables(path: Path) -> set[str]:
    if path.suffix == ".yaml":
        load_wording(path.stem, path.parent)  # syntax; the trial build checks the rest
        return set()
    if path.suffix == ".docx":  # read as a kit reads it: within the size limits, the package checked
        return template_variables(read_template(path.name, path.parent), name=path.name)
    if path.suffix == ".xlsx":
        return xlsx_variables(read_template(path.name, path.parent), name=path.name)
    if path.suffix == ".html":
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(f"Шаблон {path.name} не в кодировке UTF-8.") from None
        return html_variables(source, name=path.name)
    return set()


def export_templates(folder: Path, *, force: bool = False) -> list[Path]:
    """Copy every bundled template and wording file into ``folder``; existing files are kept unless ``force``."""
    folder.mkdir(parents=True, exist_ok=True)
    templates = {**bundled_templates(), **wording_files()}
    clashes = [name for name in templates if (folder / name).exists()]
    if clashes and not force:
        raise InputError(f"В папке {folder} уже есть {', '.join(clashes)}. Чтобы заменить их, добавьте --force.")
    written = []
    for name, source in templates.items():
        target = folder / name
        with source.open("rb") as reader, target.open("wb") as writer:
            shutil.copyfileobj(reader, writer)
        written.append(target)
    return written
