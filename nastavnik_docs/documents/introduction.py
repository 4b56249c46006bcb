"""Stage 1, planning (May): the orders introducing the model, its two regulations, the website tab."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..models import OrderRef, SchoolData
from ..models.schedule import resolve
from .context import order_context, regulation_context, school_context, typeset
from .references import document_references, issuing_order
from .spec import ContextBuilder, DocumentSpec, KitSpec

__all__ = ["DOCUMENTS", "KIT"]


def _order(document_id: str, data: SchoolData) -> OrderRef:
    """Return the order that issued or approved a stage-1 document (``references.yaml``: the website tab names the same)."""
    ref = issuing_order(document_id, data)
    assert ref is not None, document_id  # the stage-1 orders are required fields of the data file
    return ref


def _school_order(document_id: str) -> ContextBuilder:
    """Return the context builder of a school order signed by the director, read by the team."""

    def build(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
        org = data.organisation
        return order_context(
            document_id,
            base,
            ref=_order(document_id, data),
            place=org.locality,
            signatory=org.director,
            acquaintance=[data.curator, *data.team],
            wording_dir=wording_dir,
        )

    return build


def _regulation(document_id: str) -> ContextBuilder:
    """Return the context builder of a regulation approved by the order introducing the model."""

    def build(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
        return regulation_context(document_id, base, ref=_order(document_id, data), wording_dir=wording_dir)

    return build


def site_folder(data: SchoolData) -> str:
    """Return what every link of a website page starts with: the documents' folder on the site and «/», or nothing.

    Without ``website.documents_url`` the links are relative: the files go next to the page.
    """
    url = data.website.documents_url
    return f"{url.rstrip('/')}/" if url else ""


def _website(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Add to the kit's ``documents`` (the files the page links to) the date and number of each, and date the news."""
    documents = base.get("documents", [])
    references = document_references(data, ((doc["id"], doc["title"]) for doc in documents))
    timeline = data.timeline
    news = [
        {"date": day, "datetime": day.isoformat(), "text": item.text}
        for item in data.website.news
        for day in [resolve(item.date, timeline)]
    ]
    return {
        **base,
        "documents": typeset([{**doc, **references.get(doc["id"], {})} for doc in documents]),
        "news": typeset(sorted(news, key=lambda item: item["date"])),
        "folder": site_folder(data),
    }


def _introduced(data: SchoolData) -> dt.date:
    return data.orders.introduce_model.date


def _school(
    document_id: str,
    title: str,
    templates: tuple[str, ...],
    context: ContextBuilder,
    wording: bool,
    dated: Callable[[SchoolData], dt.date] = _introduced,
) -> DocumentSpec:
    return DocumentSpec(
        document_id,
        title,
        1,
        SchoolData,
        school_context,
        templates,
        context,
        wording=(document_id,) if wording else (),
        dated=dated,
    )


DOCUMENTS = (
    _school(
        "order-management-team",
        "Приказ о создании и организации работы управленческой команды для внедрения целевой модели наставничества",
        ("order-management-team.docx",),
        _school_order("order-management-team"),
        wording=True,
        dated=lambda data: data.orders.management_team.date,
    ),
    _school(
        "order-introduce-model",
        "Приказ о внедрении целевой модели наставничества обучающихся",
        ("order-introduce-model.docx",),
        _school_order("order-introduce-model"),
        wording=True,
    ),
    _school(
        "regulation-model",
        "Положение о реализации целевой модели наставничества",
        ("regulation-model.docx",),
        _regulation("regulation-model"),
        wording=True,
    ),
    _school(
        "regulation-forms",
        "Положение о формах наставничества",
        ("regulation-forms.docx",),
        _regulation("regulation-forms"),
        wording=True,
    ),
    _school(
        "website-tab",
        "Вкладка «Наставничество» на сайте организации",
        ("website-tab.html",),
        _website,
        wording=False,
    ),
)

KIT = KitSpec(
    "stage-1",
    tuple(spec.id for spec in DOCUMENTS),
    model=SchoolData,
    samples=("school.yaml",),
    title="Этап 1. Планирование: управленческая команда, внедрение модели, положения, вкладка сайта",
)
