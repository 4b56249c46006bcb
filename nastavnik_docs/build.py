"""Building documents and kits from data: the catalogue, the templates and the renderers together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .documents import BASE_CONTEXT, get_document
from .errors import CatalogueError
from .io.datafile import validate
from .io.templates import read_template
from .kits import KITS
from .models import Model
from .render.docx import prepare_docx, render_docx
from .ru.filenames import unique_file_names
from .render.html import render_html
from .render.xlsx import render_xlsx

__all__ = ["Kit", "KitFile", "build_document", "build_kit", "document_links", "render_file"]


@dataclass(frozen=True, slots=True)
class KitFile:
    """One produced file: its name in the kit, its bytes and the document it is."""

    name: str
    data: bytes
    document_id: str


@dataclass(slots=True)
class Kit:
    """The files of a kit, in the order of the kit's list."""

    name: str
    files: list[KitFile] = field(default_factory=list)

    def names(self) -> list[str]:
        """Return the file names of the kit."""
        return [f.name for f in self.files]


def document_links(document_ids: tuple[str, ...], *, with_pdf: bool) -> list[dict[str, Any]]:
    """Return what the website tab links to: title and file of every Word document of a kit."""
    links = []
    for document_id in document_ids:
        spec = get_document(document_id)
        if "docx" in spec.formats:
            links.append(
                {
                    "id": document_id,
                    "title": spec.title,
                    "href": f"{document_id}.docx",
                    "pdf_href": f"{document_id}.pdf" if with_pdf else None,
                    "xlsx_href": f"{document_id}.xlsx" if "xlsx" in spec.formats else None,
                }
            )
    return links


def build_document(
    document_id: str,
    data: Model | Mapping[str, Any],
    *,
    templates: Path | None = None,
    extra: Mapping[str, Any] | None = None,
) -> list[KitFile]:
    """Return the files of one document (one per format) built from ``data``."""
    spec = get_document(document_id)
    model = validate(data, spec.model)
    base = BASE_CONTEXT[spec.model](model)
    context = spec.context(model, {**base, **(extra or {})}, templates)
    files: list[KitFile] = []
    if spec.each is not None:  # one document per person, pair or partner, in the spec's folder
        prepared = prepare_docx(read_template(spec.templates[0], templates), name=spec.templates[0])
        for filename, own in unique_file_names(spec.each(model)):
            files.append(KitFile(f"{spec.folder}/{filename}", prepared.render({**context, **own}), document_id))
        return files
    for name in spec.templates:
        files.extend(render_file(document_id, name, read_template(name, templates), context))
    return files


def render_file(document_id: str, name: str, source: bytes, context: dict[str, Any]) -> list[KitFile]:
    """Return the files rendered from one template (a page and its fragment for HTML)."""
    if name.endswith(".docx"):
        return [KitFile(f"{document_id}.docx", render_docx(source, context, name=name), document_id)]
    if name.endswith(".xlsx"):
        return [KitFile(f"{document_id}.xlsx", render_xlsx(source, context, name=name), document_id)]
    if name.endswith(".html"):
        text = source.decode("utf-8")
        page = render_html(text, {**context, "fragment": False}, name=name)
        part = render_html(text, {**context, "fragment": True}, name=name)
        return [
            KitFile(f"{document_id}.html", page.encode("utf-8"), document_id),
            KitFile(f"{document_id}-fragment.html", part.encode("utf-8"), document_id),
        ]
    raise CatalogueError(f"Неизвестный формат шаблона {name}.")


def build_kit(
    name: str,
    data: Model | Mapping[str, Any],
    *,
    templates: Path | None = None,
    with_pdf: bool = False,
) -> Kit:
    """Return every document of kit ``name`` built from ``data`` (validated once, up front)."""
    if name not in KITS:
        raise CatalogueError(f"Неизвестный комплект «{name}». Известные: {', '.join(KITS)}.")
    ids = KITS[name]
    model = validate(data, get_document(ids[0]).model)
    extra = {"documents": document_links(ids, with_pdf=with_pdf)}
    kit = Kit(name)
    for document_id in ids:
        kit.files.extend(build_document(document_id, model, templates=templates, extra=extra))
    return kit
