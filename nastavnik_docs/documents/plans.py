"""Stage 2, the plan: the roadmap of measures (after seed 002) and the plan of measures (seed 003)."""

from __future__ import annotations

import datetime as dt

from ..models import SchoolData
from .context import school_context
from .measures import measures_context
from .spec import ContextBuilder, DocumentSpec, KitSpec

__all__ = ["DOCUMENTS", "KIT"]


def _school_measures(document_id: str) -> ContextBuilder:
    """Return the context builder of a school's roadmap or plan (the data file may give its own rows)."""
    return lambda data, base, wording_dir: measures_context(
        document_id, data, base, wording_dir, own=getattr(data, document_id)
    )


def _approved(data: SchoolData) -> dt.date:
    """Return the day the roadmap and the plan are approved by: the schedule's ``plan``."""
    return data.timeline.dates["plan"]


DOCUMENTS = (
    DocumentSpec(
        "roadmap",
        "Дорожная карта реализации системы мероприятий по внедрению целевой модели наставничества",
        2,
        SchoolData,
        school_context,
        ("roadmap.docx", "roadmap.xlsx"),
        _school_measures("roadmap"),
        wording=("roadmap",),
        dated=_approved,
    ),
    DocumentSpec(
        "plan",
        "План реализации мероприятий по внедрению целевой модели наставничества",
        2,
        SchoolData,
        school_context,
        ("plan.docx", "plan.xlsx"),
        _school_measures("plan"),
        wording=("plan",),
        dated=_approved,
    ),
)

KIT = KitSpec(
    "stage-2",
    ("roadmap", "plan"),
    model=SchoolData,
    samples=("school.yaml",),
    title="Этап 2. Дорожная карта и план мероприятий",
)
