"""Contexts of the teacher-mentorship kit (seed 001): the order introducing the system, its
regulation and roadmap, and the order appointing the pairs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .context import order_context, regulation_context, typeset
from .errors import InputError
from .models import Person, TeachersData
from .ru import PersonName, format_date
from .tables import measures_context, people_responsible

__all__ = [
    "order_teacher_model_context",
    "order_teacher_pairs_context",
    "regulation_teacher_context",
    "roadmap_teacher_context",
    "teachers_context",
]


def teachers_context(data: TeachersData) -> dict[str, Any]:
    """Return the variables of the teacher-mentorship documents."""
    plain = typeset(data.model_dump(mode="python"))
    org = plain["organisation"]
    return {
        "org": org,
        "director": org["director"],
        "curator": plain["curator"],
        "orders": plain["orders"],
        "year": data.year,
        "pairs": plain["pairs"],
    }


def _mentors(data: TeachersData) -> list[Person]:
    return [pair.mentor for pair in data.pairs]


def order_teacher_model_context(data: TeachersData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return the order introducing the system (it approves the regulation and the roadmap)."""
    org = data.organisation
    return order_context(
        "order-teacher-model", base, ref=data.orders.model, place=org.locality, signatory=org.director,
        acquaintance=[data.curator, *_mentors(data)], wording_dir=wording_dir,
    )


def regulation_teacher_context(data: TeachersData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return the regulation on the system of mentorship of teaching staff."""
    return regulation_context("regulation-teacher-system", base, ref=data.orders.model, wording_dir=wording_dir)


def roadmap_teacher_context(data: TeachersData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return the roadmap of the seven stages, approved by the order introducing the system."""
    # «mentors» stays the body «Наставники»: a roadmap names the role, not every mentor
    responsible = people_responsible({"director": [data.organisation.director], "curator": [data.curator]})
    context = measures_context("roadmap-teacher", data, base, wording_dir, own=data.roadmap, responsible=responsible)
    return {**context, "approval": {"number": data.orders.model.number, "date": data.orders.model.date}}


def order_teacher_pairs_context(data: TeachersData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return the order appointing the pairs, with the pairs as its appendix table."""
    if not data.pairs:
        raise InputError(
            "Для приказа о назначении наставнических пар укажите пары в файле данных (pairs) "
            "или реестр: nastavnik-docs kit teachers DATA REGISTER -o OUT."
        )
    org = data.organisation
    rows = []
    for index, pair in enumerate(data.pairs, start=1):
        rows.append({
            "number": f"{index}.",
            "mentor": f"{PersonName.parse(pair.mentor.name).full}, {pair.mentor.position}",
            "mentees": "\n".join(f"{m.name}, {m.position}" for m in pair.mentees),
            "period": f"{format_date(pair.start, 'numeric')}–{format_date(pair.end, 'numeric')}",
        })
    mentees = [m for pair in data.pairs for m in pair.mentees]
    context = order_context(
        "order-teacher-pairs", {**base, "pairs_table": rows}, ref=data.orders.pairs, place=org.locality,
        signatory=org.director, acquaintance=[data.curator, *_mentors(data), *mentees], wording_dir=wording_dir,
    )
    return context
