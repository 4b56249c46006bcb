"""Stage 1, planning (May): the orders introducing the model, its two regulations, the website tab."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..models import OrderRef, SchoolData
from .context import order_context, regulation_context, school_context
from .spec import ContextBuilder, DocumentSpec, KitSpec

__all__ = ["DOCUMENTS", "KIT"]


def _school_order(document_id: str, ref: Callable[[SchoolData], OrderRef]) -> ContextBuilder:
    """Return the context builder of a school order signed by the director, read by the team."""

    def build(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
        org = data.organisation
        return order_context(
            document_id,
            base,
            ref=ref(data),
            place=org.locality,
            signatory=org.director,
            acquaintance=[data.curator, *data.team],
            wording_dir=wording_dir,
        )

    return build


def _regulation(document_id: str) -> ContextBuilder:
    """Return the context builder of a regulation approved by the order introducing the model."""

    def build(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
        return regulation_context(document_id, base, ref=data.orders.introduce_model, wording_dir=wording_dir)

    return build


def _website(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    return base  # the kit adds ``documents``: the files the page links to


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
        _school_order("order-management-team", lambda data: data.orders.management_team),
        wording=True,
        dated=lambda data: data.orders.management_team.date,
    ),
    _school(
        "order-introduce-model",
        "Приказ о внедрении целевой модели наставничества обучающихся",
        ("order-introduce-model.docx",),
        _school_order("order-introduce-model", lambda data: data.orders.introduce_model),
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
