"""Tables of measures and of indicators, shared by the families: roadmaps and plans (stages 2 and 4,
the municipal and teacher kits), planned indicators (stage 3 and the municipal order).

Rows come out as plain dicts; a ``{"section": title}`` item starts a section, as the Word and
Excel templates expect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pydantic

from ..content import content_data
from ..errors import TemplateError
from ..models import Deadline, IndicatorPlan, MeasureTable, Person, Schedule, SchoolData, describe_errors
from ..ru import PersonName, capfirst, lowerfirst
from .wording import load_wording, render_text, require, wording_name

__all__ = [
    "indicator_rows",
    "initials_of",
    "measure_rows",
    "measure_sections",
    "measures_context",
    "people_responsible",
    "rendered_deadline",
    "row_deadline",
    "schedule_of",
    "school_responsible",
]


def schedule_of(data: Any) -> Schedule:
    """Return the schedule a kit's deadlines count from: its ``timeline``, or a bare programme start."""
    timeline = getattr(data, "timeline", None)
    return timeline if isinstance(timeline, Schedule) else Schedule.at(data.start)


def initials_of(person: Person | dict[str, Any]) -> str:
    """Return «Фамилия И. О.» of a person model or a person mapping (``name``, ``gender``)."""
    name = person.name if isinstance(person, Person) else person["name"]
    gender = person.gender if isinstance(person, Person) else person.get("gender")
    return PersonName.parse(name, gender=gender).initials()


def school_responsible(data: SchoolData) -> Callable[[list[str]], str]:
    """Return how a school's roadmap names who is responsible: people by initials, bodies by name."""
    people: dict[str, list[Person]] = {
        "director": [data.organisation.director],
        "curator": [data.curator],
        "team": list(data.team),
    }
    return people_responsible(people)


def people_responsible(people: Mapping[str, list[Any]]) -> Callable[[list[str]], str]:
    """Return a resolver naming the people of each key by initials; other keys are bodies or text."""

    def resolve(keys: list[str]) -> str:
        bodies = content_data("responsible.yaml")
        parts: list[str] = []
        for key in keys:
            if key in people:
                parts.extend(initials_of(p) for p in people[key])
            else:  # a body after a comma is written in lower case: «Черных Л. П., классные руководители»
                body = bodies.get(key, key)
                parts.append(lowerfirst(body) if parts and key in bodies else body)
        return ", ".join(dict.fromkeys(parts))

    return resolve


def measure_sections(
    document_id: str, data: Any, base: dict[str, Any], wording_dir: Path | None, *, own: MeasureTable | None = None
) -> tuple[str, str, list[tuple[str, list[dict[str, Any]]]]]:
    """Return the title, the subtitle and the sections (title, rows) of a roadmap or plan, rows not yet numbered.

    ``own`` replaces the bundled rows. A row is a dict of the data file's fields (``content``,
    ``deadline`` as written, ``result``, ``indicator``, ``responsible``).
    """
    where = wording_name(document_id, wording_dir)
    wording = load_wording(document_id, wording_dir)
    require(wording, ("title", "sections"), where)
    if own is not None:
        # the coordinator's own rows are data, not templates: they are never rendered as Jinja
        title = own.title or render_text(wording["title"], base, where=where)
        subtitle = own.subtitle or render_text(wording.get("subtitle", ""), base, where=where)
        return title, subtitle, [(s.title, [m.model_dump(by_alias=True) for m in s.rows]) for s in own.sections]
    title = render_text(wording["title"], base, where=where)
    subtitle = render_text(wording.get("subtitle", ""), base, where=where)
    sections = []
    for section in wording["sections"]:
        rows = []
        for row in section.get("rows") or []:
            if "content" not in row or "deadline" not in row:
                raise TemplateError(f"В {where} у мероприятия нет content или deadline.", template=where)
            rows.append({k: (render_text(v, base, where=where) if isinstance(v, str) else v) for k, v in row.items()})
        sections.append((render_text(section["title"], base, where=where), rows))
    return title, subtitle, sections


def row_deadline(row: Mapping[str, Any], *, where: str, number: int) -> Deadline:
    """Return the deadline of a row; a wrong one is a :class:`TemplateError` naming the row's number."""
    try:
        return Deadline.model_validate(row["deadline"])
    except pydantic.ValidationError as error:
        problems = "; ".join(describe_errors(error, Deadline))
        raise TemplateError(f"В {where} неверный срок мероприятия {number}: {problems}.", template=where) from None


def rendered_deadline(deadline: Deadline, schedule: Schedule | dt.date, *, where: str, number: int) -> str:
    """Return a row's deadline as its cell writes it; a point the kit's schedule lacks is a :class:`TemplateError`."""
    try:
        return deadline.render(schedule)
    except KeyError as error:
        raise TemplateError(f"В {where} у мероприятия {number}: {error.args[0]}.", template=where) from None


def measure_rows(
    sections: list[tuple[str, list[dict[str, Any]]]],
    schedule: Schedule | dt.date,
    resolve: Callable[[list[str]], str],
    *,
    where: str,
    restart: bool = False,
) -> list[dict[str, Any]]:
    """Return the rows of a table of measures: a ``{"section": title}`` item, then its rows numbered.

    Deadlines count from the points of ``schedule``; ``resolve`` names who is responsible; ``restart``
    numbers each section from 1, as seed 002 does.
    """
    measures: list[dict[str, Any]] = []
    number = 0
    for section_title, rows in sections:
        measures.append({"section": section_title})
        number = 0 if restart else number
        previous = None
        for row in rows:
            number += 1
            deadline = capfirst(
                rendered_deadline(row_deadline(row, where=where, number=number), schedule, where=where, number=number)
            )
            measures.append(
                {
                    "number": f"{number}.",
                    "content": row["content"],
                    "deadline": deadline,
                    # the same deadline as the row above: a table may merge the two cells (seed 002)
                    "deadline_continues": deadline == previous,
                    "result": row.get("result") or "",
                    "indicator": row.get("indicator") or "",
                    "responsible": resolve(list(row.get("responsible") or [])),
                }
            )
            previous = deadline
    return measures


def measures_context(
    document_id: str,
    data: Any,
    base: dict[str, Any],
    wording_dir: Path | None,
    *,
    own: MeasureTable | None = None,
    responsible: Callable[[list[str]], str] | None = None,
    restart: bool = False,
) -> dict[str, Any]:
    """Return ``base`` plus ``doc`` (title, subtitle) and ``measures`` of a roadmap or plan.

    ``own`` replaces the bundled rows; ``responsible`` turns the keys of a row into names (a
    school's people by default); ``restart`` numbers each section from 1, as seed 002 does.
    """
    title, subtitle, sections = measure_sections(document_id, data, base, wording_dir, own=own)
    resolve = responsible or school_responsible(data)
    where = wording_name(document_id, wording_dir)
    measures = measure_rows(sections, schedule_of(data), resolve, where=where, restart=restart)
    return {**base, "doc": {"title": title, "subtitle": subtitle}, "measures": measures}


def _planned(plan: IndicatorPlan, default: dict[str, Any], years: list[int]) -> list[float | int | str]:
    """Return the planned value of every year; «» where neither a value nor a base and target is known."""
    base_value = plan.base if plan.base is not None else default.get("base")
    target_value = plan.target if plan.target is not None else default.get("target")
    values: list[float | int | str] = []
    for year in years:
        if year in plan.values:
            given = plan.values[year]
            values.append(int(given) if float(given).is_integer() else given)
        elif base_value is None or target_value is None:
            values.append("")
        elif len(years) == 1:
            values.append(target_value)
        else:
            share = Decimal(year - years[0]) / Decimal(years[-1] - years[0])
            value = Decimal(str(base_value)) + (Decimal(str(target_value)) - Decimal(str(base_value))) * share
            values.append(int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)))
    return values


def indicator_rows(
    given_plans: list[IndicatorPlan], years: list[int], base: dict[str, Any], *, source: str = "indicators.yaml"
) -> list[dict[str, Any]]:
    """Return the rows of planned indicators: the bundled ones of ``source``, values per year.

    A value not given explicitly is interpolated between the base and the target year.
    """
    where = f"content/data/{source}"
    defaults = {
        item["id"]: {**item, **{k: render_text(item[k], base, where=where) for k in ("title", "method") if k in item}}
        for item in content_data(source)
    }
    given = {p.id: p for p in given_plans}
    order = [*defaults, *(key for key in given if key not in defaults)]
    rows = []
    for index, key in enumerate(order, start=1):
        default = defaults.get(key, {})
        plan = given.get(key, IndicatorPlan(id=key))
        values = _planned(plan, default, years)
        rows.append(
            {
                "number": f"{index}.",
                "id": key,
                "title": plan.title or default.get("title", key),
                "unit": plan.unit or default.get("unit", ""),
                "method": default.get("method", ""),
                "values": values,
                "base": values[0],
                "target": values[-1],
                "by_year": "\n".join(f"{year}\u00a0г. — {value}" for year, value in zip(years, values, strict=True)),
            }
        )
    return rows
