"""The catalogue: one immutable entry per document id — its model, template, formats and context.

Nothing registers itself on import; :data:`CATALOGUE` lists every document the project can
produce. Titles and stages come from ``content/catalogue.yaml``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any


from .content_data import content_data
from .context import order_context, regulation_context, school_context
from .errors import CatalogueError
from .errors import InputError
from .models import Model, MunicipalData, OrderRef, Person, SchoolData, SchoolRegister, TeachersData
from .municipal import municipal_context, order_municipal_context
from .pairs import each_agreement, each_consent, each_individual_plan, each_partnership, pairs_table
from .teachers import (
    order_teacher_model_context,
    order_teacher_pairs_context,
    regulation_teacher_context,
    roadmap_teacher_context,
    teachers_context,
)
from .tables import (
    criteria_context,
    forms_context,
    indicators_context,
    measures_context,
    monitoring_context,
    participants_context,
)

__all__ = ["CATALOGUE", "DocumentSpec", "get_document"]

ContextBuilder = Callable[[Any, dict[str, Any], Path | None], dict[str, Any]]
"""(validated data, shared variables, folder of the user's wording overrides) → template context."""


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """What the catalogue knows of one document."""

    id: str
    model: type[Model]
    templates: tuple[str, ...]
    context: ContextBuilder
    each: Callable[[Any], Iterable[tuple[str, dict[str, Any]]]] | None = None
    """For batch documents: (file-name source, own context) for every person, pair or partner."""
    folder: str | None = None
    """For batch documents: the folder of the kit they go into."""
    count: Callable[[Any], int] | None = None
    """For batch documents: how many there will be (for a progress bar)."""

    @property
    def formats(self) -> tuple[str, ...]:
        """Return the output formats: the suffixes of the templates (docx, xlsx, html)."""
        return tuple(name.rsplit(".", 1)[-1] for name in self.templates)

    @property
    def title(self) -> str:
        """Return the Russian title of the document."""
        return _titles()[self.id]["title"]

    @property
    def stage(self) -> int | str:
        """Return the stage of the model the document belongs to."""
        return _titles()[self.id]["stage"]


def _titles() -> dict[str, dict[str, Any]]:
    return content_data("catalogue.yaml")


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
    def build(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
        return regulation_context(document_id, base, ref=data.orders.introduce_model, wording_dir=wording_dir)

    return build


def _website(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    return base  # the kit adds ``documents``: the files the page links to


def _order_pairs(data: SchoolRegister, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    school = data.school
    if school.pairs_order is None:
        raise InputError(
            "Для приказа о закреплении наставнических пар укажите в файле данных pairs_order: номер и дату приказа."
        )
    mentors = [Person(name=m.name, position=m.position, gender=m.gender) for m in data.roster.mentors]
    context = {**base, "pairs": pairs_table(data)}
    return order_context(
        "order-pairs", context, ref=school.pairs_order, place=school.organisation.locality,
        signatory=school.organisation.director, acquaintance=[school.curator, *mentors], wording_dir=wording_dir,
    )


def _plain(builder: Callable[[Any, dict[str, Any]], dict[str, Any]]) -> ContextBuilder:
    """Return a context builder for a document that has no wording file of its own."""
    return lambda data, base, wording_dir: builder(data, base)


def _school_measures(document_id: str) -> ContextBuilder:
    """Return the context builder of a school's roadmap or plan (the data file may give its own)."""
    return lambda data, base, wording_dir: measures_context(
        document_id, data, base, wording_dir, own=getattr(data, document_id)
    )


_base_only: ContextBuilder = _plain(lambda data, base: base)
"""For documents that need only the shared variables (batch documents add their own per item)."""

CATALOGUE: Mapping[str, DocumentSpec] = MappingProxyType(
    {
        spec.id: spec
        for spec in (
            DocumentSpec(
                "order-management-team", SchoolData, ("order-management-team.docx",),
                _school_order("order-management-team", lambda data: data.orders.management_team),
            ),
            DocumentSpec(
                "order-introduce-model", SchoolData, ("order-introduce-model.docx",),
                _school_order("order-introduce-model", lambda data: data.orders.introduce_model),
            ),
            DocumentSpec("regulation-model", SchoolData, ("regulation-model.docx",), _regulation("regulation-model")),
            DocumentSpec("regulation-forms", SchoolData, ("regulation-forms.docx",), _regulation("regulation-forms")),
            DocumentSpec("website-tab", SchoolData, ("website-tab.html",), _website),
            DocumentSpec("roadmap", SchoolData, ("roadmap.docx", "roadmap.xlsx"), _school_measures("roadmap")),
            DocumentSpec("plan", SchoolData, ("plan.docx", "plan.xlsx"), _school_measures("plan")),
            DocumentSpec(
                "participants-list", SchoolData, ("participants-list.docx", "participants-list.xlsx"),
                _plain(participants_context),
            ),
            DocumentSpec("forms-characteristics", SchoolData, ("forms-characteristics.docx",), _plain(forms_context)),
            DocumentSpec(
                "practice-criteria", SchoolData, ("practice-criteria.docx",),
                lambda data, base, wording_dir: criteria_context(data, base, wording_dir),
            ),
            DocumentSpec(
                "planned-indicators", SchoolData, ("planned-indicators.xlsx", "planned-indicators.docx"),
                _plain(indicators_context),
            ),
            DocumentSpec("monitoring-form", SchoolData, ("monitoring-form.xlsx",), _plain(monitoring_context)),
            DocumentSpec("order-pairs", SchoolRegister, ("order-pairs.docx",), _order_pairs),
            DocumentSpec(
                "roadmap-implementation-plan", SchoolRegister,
                ("roadmap-implementation-plan.docx", "roadmap-implementation-plan.xlsx"),
                lambda data, base, wording_dir: measures_context(
                    "roadmap-implementation-plan", data.school, base, wording_dir, own=data.school.roadmap_implementation_plan
                ),
            ),
            DocumentSpec("register", SchoolRegister, ("register.xlsx",), _base_only),
            DocumentSpec(
                "consent-pd", SchoolRegister, ("consent-pd.docx",), _base_only,
                each=each_consent, folder="consents",
                count=lambda data: len(data.roster.mentors) + len(data.roster.mentees),
            ),
            DocumentSpec(
                "agreement-pair", SchoolRegister, ("agreement-pair.docx",), _base_only,
                each=each_agreement, folder="agreements", count=lambda data: len(data.roster.pairs),
            ),
            DocumentSpec(
                "individual-plan", SchoolRegister, ("individual-plan.docx",), _base_only,
                each=each_individual_plan, folder="individual-plans", count=lambda data: len(data.roster.pairs),
            ),
            DocumentSpec(
                "partnership-agreement", SchoolRegister, ("partnership-agreement.docx",), _base_only,
                each=each_partnership, folder="partnership-agreements", count=lambda data: len(data.roster.partners),
            ),
            DocumentSpec("order-municipal", MunicipalData, ("order-municipal.docx",), order_municipal_context),
            DocumentSpec("order-teacher-model", TeachersData, ("order-teacher-model.docx",), order_teacher_model_context),
            DocumentSpec(
                "regulation-teacher-system", TeachersData, ("regulation-teacher-system.docx",), regulation_teacher_context
            ),
            DocumentSpec("roadmap-teacher", TeachersData, ("roadmap-teacher.docx",), roadmap_teacher_context),
            DocumentSpec("order-teacher-pairs", TeachersData, ("order-teacher-pairs.docx",), order_teacher_pairs_context),
        )
    }
)
"""Every document the project produces, by id (domain.md)."""

BASE_CONTEXT: Mapping[type[Model], Callable[[Any], dict[str, Any]]] = MappingProxyType(
    {
        SchoolData: school_context,
        SchoolRegister: lambda data: school_context(data.school),
        MunicipalData: municipal_context,
        TeachersData: teachers_context,
    }
)
"""How the variables shared by all documents of a data model are built."""


WORDING_PARTS: Mapping[str, str] = MappingProxyType({"roadmap-municipal": "order-municipal"})
"""Wording files that are a part of another document (its appendix), by the document they belong to."""


def get_document(document_id: str) -> DocumentSpec:
    """Return the catalogue entry of ``document_id``."""
    try:
        return CATALOGUE[document_id]
    except KeyError:

        hint = difflib.get_close_matches(document_id, CATALOGUE, n=1)
        message = f"Неизвестный документ «{document_id}». Известные: {', '.join(CATALOGUE)}."
        if hint:
            message += f" Возможно, вы имели в виду «{hint[0]}»?"
        raise CatalogueError(message) from None
