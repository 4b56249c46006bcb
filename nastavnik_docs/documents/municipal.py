"""The municipal kit (seed 002): the education department's order introducing the model, with its
four appendices — the roadmap on two levels, the efficiency indicators, the organisations, the
responsible persons."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..content import content_data
from ..models import MunicipalData, Person, forms_catalogue
from ..render.declensions import CONTEXT_KEY, Declensions
from ..ru import Case, PersonName, inflect_place
from .context import order_context, typeset
from .measures import indicator_rows, measures_context
from .spec import DocumentSpec, KitSpec
from .wording import render_text

__all__ = ["DOCUMENTS", "KIT", "municipal_context", "order_municipal_context"]


def municipal_context(data: MunicipalData) -> dict[str, Any]:
    """Return the variables of the municipal documents: department, municipality in cases, schools…"""
    plain = typeset(data.model_dump(mode="python"))
    org = plain["department"]
    years = data.years
    return {
        "org": org,
        "director": org["director"],
        "municipality": _municipality(data, None),
        "period": plain["period"],
        "roadmap_years": {"start": years.start, "end": years.end},
        "organisations": plain["organisations"],
        "staff": plain["staff"],
        "forms": [typeset(forms_catalogue()[form].model_dump()) for form in data.forms],
    }


def _municipality(data: MunicipalData, declensions: Declensions | None) -> dict[str, str]:
    """Return the municipality in the six cases: ``municipality_cases`` of the data file, else the kit's forms."""
    name = data.department.municipality
    given: dict[str, str] = {str(key): value for key, value in data.municipality_cases.items()}
    forms = {"nominative": name}
    for case in list(Case)[1:]:
        if declensions is not None:
            forms[case.value] = given.get(case.value) or declensions.phrase(name, case, kind="place")
        else:
            forms[case.value] = given.get(case.value) or inflect_place(name, case)
    return forms


def _with_position(person: Person) -> str:
    return typeset(f"{PersonName.parse(person.name, gender=person.gender).initials()}, {person.position}")


def _grouped_responsible(data: MunicipalData) -> Callable[[list[str]], str]:
    """Return a resolver naming the department's people grouped by unit: «Отдел … (Абдреева Н. П.)»."""
    bodies = content_data("responsible.yaml")
    by_role: dict[str, list[Person]] = {
        role: [m for m in data.staff if role.removesuffix("s") in m.roles]
        for role in ("lead", "curator", "co-executor", "co-executors")
    }
    by_role["director"] = [data.department.director]

    def resolve(keys: list[str]) -> str:
        groups: dict[str, list[str]] = {}
        for key in keys:
            if key == "heads":  # the heads are named once, in the appendix of responsible persons
                groups.setdefault(bodies["heads"], [])
            elif key in by_role:
                for member in by_role[key]:
                    unit = getattr(member, "department", None) or data.department.short_name
                    groups.setdefault(unit, []).append(PersonName.parse(member.name).initials())
            else:
                groups.setdefault(bodies.get(key, key), [])
        parts = []
        for label, names in groups.items():
            unique = list(dict.fromkeys(names))
            parts.append(f"{label} ({', '.join(unique)})" if unique else label)
        return "; ".join(parts)

    return resolve


def order_municipal_context(data: MunicipalData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return the order with its appendices: roadmap, indicators, organisations, responsible persons."""
    if (declensions := base.get(CONTEXT_KEY)) is not None:  # the kit's corrected forms of the municipality
        base = {**base, "municipality": _municipality(data, declensions)}
    department = data.department
    heads = [
        Person(name=o.head.name, position=f"{o.head.position} {o.short_name}", gender=o.head.gender)
        for o in data.organisations
    ]
    context = order_context(
        "order-municipal",
        base,
        ref=data.order,
        place=department.locality,
        signatory=department.director,
        acquaintance=[*data.staff, *heads],
        wording_dir=wording_dir,
    )
    roadmap = measures_context(
        "roadmap-municipal",
        data,
        base,
        wording_dir,
        own=data.roadmap,
        responsible=_grouped_responsible(data),
        restart=True,
    )
    roles = content_data("municipal-roles.yaml")
    responsible = []
    for role in ("lead", "curator", "co-executor"):
        members = [m for m in data.staff if role in m.roles]
        if members:
            responsible.append(
                {
                    "role": render_text(roles[role], base, where="content/data/municipal-roles.yaml"),
                    "people": ";\n".join(_with_position(m) for m in members),
                }
            )
    responsible.append(
        {
            "role": render_text(roles["heads"], base, where="content/data/municipal-roles.yaml"),
            "people": ";\n".join(_with_position(h) for h in heads),
        }
    )
    years = [data.period.start_year, data.period.end_year]
    indicators = indicator_rows(list(data.indicators), years, base, source="indicators-municipal.yaml")
    return {
        **context,
        "roadmap": roadmap["doc"] | {"measures": roadmap["measures"]},
        "indicators": indicators,
        "responsible": responsible,
    }


DOCUMENTS = (
    DocumentSpec(
        "order-municipal",
        "Приказ органа управления образованием о внедрении целевой модели наставничества обучающихся",
        "municipal",
        MunicipalData,
        municipal_context,
        ("order-municipal.docx",),
        order_municipal_context,
        wording=("order-municipal", "roadmap-municipal"),
        dated=lambda data: data.order.date,
    ),
)

KIT = KitSpec(
    "municipal",
    ("order-municipal",),
    model=MunicipalData,
    samples=("municipality.yaml",),
    title="Муниципалитет: приказ о внедрении модели с приложениями",
)
