"""Stage 3, analysis: the organisations taking part, the forms' characteristics, the criteria of
practices, the planned indicators and the blank monitoring form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..models import Participant, SchoolData, forms_catalogue
from ..ru import capfirst
from .context import school_context
from .measures import indicator_rows, initials_of
from .spec import ContextBuilder, DocumentSpec, KitSpec
from .wording import load_wording, render_text, wording_name

__all__ = ["DOCUMENTS", "KIT"]


def _participants(data: SchoolData) -> list[Participant]:
    if data.participants is not None:
        return list(data.participants.organisations)
    org = data.organisation
    return [
        Participant(
            full_name=org.full_name,
            short_name=org.short_name,
            municipality=org.municipality,
            head=org.director,
            forms=data.forms,
        )
    ]


def participants_context(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return ``base`` plus ``participants``: the year, what approved the list, and its rows."""
    catalogue = forms_catalogue()
    rows = [
        {
            "number": f"{index}.",
            "full_name": item.full_name,
            "short_name": item.short_name,
            "municipality": item.municipality or data.organisation.municipality,
            "head": f"{initials_of(item.head)}, {item.head.position}" if item.head else "",
            "forms": "\n".join(f"«{catalogue[f].title}»" for f in item.forms),
        }
        for index, item in enumerate(_participants(data), start=1)
    ]
    year = data.participants.year if data.participants else (data.monitoring_year or data.period.start_year)
    approved = data.participants.approved_by if data.participants else None
    return {**base, "participants": {"year": year, "approved_by": approved or "", "rows": rows}}


def indicators_context(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return ``base`` plus ``years`` and ``indicators``: per organisation, values for every year."""
    years = list(range(data.period.start_year, data.period.end_year + 1))
    organisations = _participants(data)
    items: list[dict[str, Any]] = []
    for organisation in organisations:
        if len(organisations) > 1:
            items.append({"section": organisation.short_name})
        items.extend(indicator_rows([*data.indicators, *organisation.indicators], years, base))
    return {**base, "years": years, "indicators": items}


def monitoring_context(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return ``base`` plus what the blank monitoring form shows: year, forms, planned values."""
    year = data.monitoring_year or data.period.start_year
    years = list(range(data.period.start_year, data.period.end_year + 1))
    column = years.index(year) if year in years else None
    rows = indicator_rows(list(data.indicators), years, base)
    catalogue = forms_catalogue()
    form_rows = [{"title": catalogue[f].title} for f in data.forms] + [{"title": ""}, {"title": ""}]
    return {
        **base,
        "monitoring": {
            "year": year,
            "forms": form_rows,
            "all_forms": [form.title for form in catalogue.values()],
            "indicators": [{**row, "plan": row["values"][column] if column is not None else ""} for row in rows],
        },
    }


def forms_context(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return ``base`` plus ``characteristics``: one row per chosen form, lists as lines."""
    rows = []
    for index, form in enumerate(base["forms"], start=1):
        rows.append(
            {
                "number": f"{index}.",
                "title": form["title"],
                "goal": capfirst(form["goal"]),
                "tasks": "\n".join(f"– {t}" for t in form["tasks"]),
                "mentor": capfirst(form["mentor"]),
                "mentee": capfirst(form["mentee"]),
                "activities": "\n".join(f"– {a}" for a in form["activities"]),
                "results": "\n".join(f"– {r}" for r in form["results"]),
            }
        )
    return {**base, "characteristics": rows}


def criteria_context(data: SchoolData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return ``base`` plus ``criteria``: title, introduction and the numbered criteria."""
    where = wording_name("practice-criteria", wording_dir)
    wording = load_wording("practice-criteria", wording_dir)
    items = [
        {"number": f"{index}.", **{k: render_text(v, base, where=where) for k, v in item.items()}}
        for index, item in enumerate(wording["criteria"], start=1)
    ]
    return {
        **base,
        "criteria": {
            "title": render_text(wording["title"], base, where=where),
            "intro": render_text(wording.get("intro", ""), base, where=where),
            "items": items,
        },
    }


def _school(document_id: str, title: str, templates: tuple[str, ...], context: ContextBuilder) -> DocumentSpec:
    wording = (document_id,) if document_id == "practice-criteria" else ()
    return DocumentSpec(
        document_id, title, 3, SchoolData, school_context, templates, context, wording=wording, dated=_analysed
    )


def _analysed(data: SchoolData) -> dt.date:
    """Return the date of the analysis (stage 3, May): the order introducing the model."""
    return data.orders.introduce_model.date


DOCUMENTS = (
    _school(
        "participants-list",
        "Перечень образовательных организаций — участников внедрения целевой модели наставничества",
        ("participants-list.docx", "participants-list.xlsx"),
        participants_context,
    ),
    _school(
        "forms-characteristics",
        "Характеристика форм наставничества",
        ("forms-characteristics.docx",),
        forms_context,
    ),
    _school(
        "practice-criteria",
        "Критерии отнесения мероприятий к наставническим практикам",
        ("practice-criteria.docx",),
        criteria_context,
    ),
    _school(
        "planned-indicators",
        "Плановые показатели вовлечения в наставнические практики",
        ("planned-indicators.xlsx", "planned-indicators.docx"),
        indicators_context,
    ),
    _school(
        "monitoring-form",
        "Форма мониторинга реализации целевой модели наставничества",
        ("monitoring-form.xlsx",),
        monitoring_context,
    ),
)

KIT = KitSpec(
    "stage-3",
    tuple(spec.id for spec in DOCUMENTS),
    model=SchoolData,
    samples=("school.yaml",),
    title="Этап 3. Анализ: участники, формы наставничества, показатели, форма мониторинга",
)
