"""The catalogue of documents and the kits, assembled from the family modules.

Each family module (one per stage or kit: ``introduction``, ``plans``, ``analysis``, ``pairs``,
``programme``, ``dissemination``, ``monitoring``, ``surveys``, ``results``, ``correction``,
``collection``, ``municipal``, ``teachers``) declares its catalogue
entries next to the context builders that feed them, and its kit, unless another family's kit
takes its documents. This module only gathers them into immutable mappings: nothing registers
itself on import. A document lives in one family module, one wording file
(``content/wording/<id>.yaml``, if it has words of its own) and one template source
(``templates/src/<id>.yaml``).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..errors import CatalogueError
from ..ru.filenames import href, title_stem
from . import (
    analysis,
    collection,
    correction,
    dissemination,
    introduction,
    monitoring,
    municipal,
    pairs,
    plans,
    programme,
    results,
    surveys,
    teachers,
)
from .spec import ContextBuilder, DocumentSpec, KitSpec

__all__ = [
    "CATALOGUE",
    "KITS",
    "ContextBuilder",
    "DocumentSpec",
    "KitSpec",
    "document_links",
    "file_stems",
    "get_document",
    "get_kit",
    "home_kit",
    "home_stem",
]

_FAMILIES = (
    introduction,
    plans,
    analysis,
    pairs,
    programme,
    dissemination,
    monitoring,
    surveys,
    results,
    correction,
    collection,
    municipal,
    teachers,
)
"""The family modules; each has ``DOCUMENTS`` and, unless its documents belong to another's kit, ``KIT``."""

CATALOGUE: Mapping[str, DocumentSpec] = MappingProxyType(
    {spec.id: spec for family in _FAMILIES for spec in family.DOCUMENTS}
)
"""Every document the project produces, by id (domain.md)."""

KITS: Mapping[str, KitSpec] = MappingProxyType(
    {kit.name: kit for kit in (getattr(family, "KIT", None) for family in _FAMILIES) if kit is not None}
)
"""Every kit by name; ``nastavnik-docs kit NAME`` builds one."""


def _unknown(what: str, name: str, known: Mapping[str, Any]) -> CatalogueError:
    message = f"{what} «{name}». Известные: {', '.join(known)}."
    hint = difflib.get_close_matches(name, known, n=1)
    if hint:
        message += f" Возможно, вы имели в виду «{hint[0]}»?"
    return CatalogueError(message)


def get_document(document_id: str) -> DocumentSpec:
    """Return the catalogue entry of ``document_id``."""
    try:
        return CATALOGUE[document_id]
    except KeyError:
        raise _unknown("Неизвестный документ", document_id, CATALOGUE) from None


def get_kit(name: str) -> KitSpec:
    """Return the kit ``name``."""
    try:
        return KITS[name]
    except KeyError:
        raise _unknown("Неизвестный комплект", name, KITS) from None


def file_stems(document_ids: tuple[str, ...], *, titles: bool) -> dict[str, str]:
    """Return the name of every document of a kit: the stem of its files, or a batch document's folder.

    By ids: ``order-pairs``, ``consents``. With ``titles`` a secretary finds the documents in the kit's
    order under the names they are known by: «01 Приказ о закреплении наставнических пар (групп)», and a
    batch document's folder under its plural title, «06 Согласия на обработку персональных данных».
    """
    stems = {}
    for number, document_id in enumerate(document_ids, start=1):
        spec = get_document(document_id)
        if spec.each is None:
            stems[document_id] = title_stem(number, spec.title) if titles else document_id
        else:
            stems[document_id] = title_stem(number, spec.plural or spec.title) if titles else spec.folder or document_id
    return stems


def home_kit(document_id: str) -> KitSpec | None:
    """Return the first kit that makes ``document_id`` (None for a document of no kit)."""
    return next((kit for kit in KITS.values() if document_id in kit.documents), None)


def home_stem(document_id: str, *, titles: bool) -> str:
    """Return the stem of a document's files as its kit names them: the results page of stage 7 links to
    the orders of stages 1 and 4, which a school has put on its website under those names."""
    kit = home_kit(document_id)
    return file_stems(kit.documents, titles=titles)[document_id] if kit is not None else document_id


def document_links(
    document_ids: tuple[str, ...], *, with_pdf: bool, stems: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Return what the website tab links to: title and file of every single Word document of a kit (``stems``: its
    names, :func:`file_stems`). Batch documents are left out: their files are people's."""
    links = []
    for document_id in document_ids:
        spec = get_document(document_id)
        stem = (stems or {}).get(document_id, document_id)
        if "docx" in spec.formats and spec.each is None:
            links.append(
                {
                    "id": document_id,
                    "title": spec.title,
                    "href": href(f"{stem}.docx"),
                    "pdf_href": href(f"{stem}.pdf") if with_pdf else None,
                    "xlsx_href": href(f"{stem}.xlsx") if "xlsx" in spec.formats else None,
                }
            )
    return links
