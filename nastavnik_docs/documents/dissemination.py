"""Stage 5, spreading the practice (November–December): the list of the school's dissemination events
and the resource map — people, partners, premises, equipment, information channels, events.

Both are made from the data file's ``events:`` and ``resources:`` and from the register (its mentors
and partners).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import InputError, TemplateError
from ..models import Mentor, SchoolData, SchoolRegister
from ..models.dissemination import event_levels
from ..ru import capfirst, format_date, format_school_year
from .context import school_context, typeset
from .measures import initials_of, school_responsible
from .pairs import school_with_register
from .spec import DocumentSpec, KitSpec
from .wording import load_wording, render_text, require, wording_name

__all__ = ["DOCUMENTS", "KIT", "events_by_level", "mentors_from"]


def _school_year(data: SchoolRegister) -> str:
    start = min((pair.start for pair in data.roster.pairs), default=data.school.start)
    return format_school_year(start)


def _events(data: SchoolRegister, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    school = data.school
    if not school.events:
        raise InputError(
            "Для перечня мероприятий по распространению практик наставничества укажите в файле данных events: "
            "дату, название, вид и уровень каждого мероприятия."
        )
    resolve = school_responsible(school)
    events = sorted(school.events, key=lambda event: event.date)
    rows = [
        {
            "number": f"{index}.",
            "date": format_date(event.date, "numeric"),
            "title": event.title,
            "kind": capfirst(event.kind),
            "level": capfirst(event.level),
            "participants": event.participants if event.participants is not None else "",
            "responsible": resolve(event.responsible),
            "result": event.result or "",
        }
        for index, event in enumerate(events, start=1)
    ]
    return {**base, "events": typeset({"school_year": _school_year(data), "rows": rows})}


def mentors_from(mentors: list[Mentor], partner_names: set[str]) -> dict[str, int]:
    """Return how many mentors each partner organisation gives (by the mentors' «Место работы»)."""
    return dict(Counter(m.organisation for m in mentors if m.organisation in partner_names))


def events_by_level(school: SchoolData, *, until: dt.date | None = None) -> dict[str, int]:
    """Return the number of dissemination events per level title, in the levels' order (those held by ``until``)."""
    held = Counter(event.level for event in school.events if until is None or event.date <= until)
    return {level: held[level] for level in event_levels()}


def _resource_map(data: SchoolRegister, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    school, roster = data.school, data.roster
    where = wording_name("resource-map", wording_dir)
    wording = load_wording("resource-map", wording_dir)
    require(wording, ("title", "sections", "rows"), where)
    context = {**base, "school_year": _school_year(data)}

    def text(key: str, **values: Any) -> str:
        return render_text(wording["rows"][key], {**context, **values}, where=where)

    given = mentors_from(list(roster.mentors), {p.short_name for p in roster.partners})
    people = [
        (text("curator"), text("curator_content"), text("people_count", count=1)),
        (
            text("team"),
            ", ".join(initials_of(member) for member in school.team),
            text("people_count", count=len(school.team)),
        ),
    ]
    for category, count in Counter(mentor.category for mentor in roster.mentors).most_common():
        people.append((text("mentors", category=category), text("mentors_content"), text("people_count", count=count)))
    partners = [
        (
            partner.short_name,
            capfirst(school.resources.partners.get(partner.short_name, partner.subject)),
            text("agreement", partner=partner.model_dump(), mentors=given.get(partner.short_name, 0)),
        )
        for partner in roster.partners
    ]
    premises = [(item.name, capfirst(item.purpose), "") for item in school.resources.premises]
    equipment = [
        (
            capfirst(item.name),
            capfirst(item.purpose or ""),
            text("equipment_count", count=item.count) if item.count else "",
        )
        for item in school.resources.equipment
    ]
    information = [(item.name, "", item.url or "") for item in school.resources.information]
    if school.website.url:
        information.insert(0, (text("website"), "", school.website.url))
    events = [
        (text("events", level=level), text("events_content"), text("events_count", count=count))
        for level, count in events_by_level(school).items()
        if count
    ]
    rows = {
        "people": people,
        "partners": partners,
        "premises": premises,
        "equipment": equipment,
        "information": information,
        "events": events,
    }
    items: list[dict[str, Any]] = []
    number = 0
    for key, title in wording["sections"].items():
        if key not in rows:
            raise TemplateError(f"В {where} неизвестный раздел «{key}». Допустимы: {', '.join(rows)}.", template=where)
        if not rows[key]:
            continue
        items.append({"section": render_text(title, context, where=where)})
        for name, content, amount in rows[key]:
            number += 1
            items.append({"number": f"{number}.", "name": name, "content": content, "amount": amount})
    title = render_text(wording["title"], context, where=where)
    return {**base, "resources": typeset({"title": title, "rows": items})}


def _base(data: SchoolRegister) -> dict[str, Any]:
    return school_context(data.school)


def _year_start(data: SchoolRegister) -> dt.date:
    return data.school.timeline.dates["year_start"]


DOCUMENTS = (
    DocumentSpec(
        "dissemination-events",
        "Перечень мероприятий по распространению практик наставничества",
        5,
        SchoolRegister,
        _base,
        ("dissemination-events.docx", "dissemination-events.xlsx"),
        _events,
        dated=_year_start,
    ),
    DocumentSpec(
        "resource-map",
        "Ресурсная карта реализации программы наставничества",
        5,
        SchoolRegister,
        _base,
        ("resource-map.xlsx", "resource-map.docx"),
        _resource_map,
        wording=("resource-map",),
        dated=_year_start,
    ),
)

KIT = KitSpec(
    "stage-5",
    ("dissemination-events", "resource-map"),
    model=SchoolRegister,
    data_model=SchoolData,
    samples=("school.yaml", "register.xlsx"),
    register="required",
    combine=school_with_register,
    title="Этап 5. Распространение практик: мероприятия и ресурсная карта",
)
