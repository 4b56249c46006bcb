"""Stage 4, the norms: the documents made from the participant register — the order on pairs, the
implementation plan, the blank register, and one consent per person, one agreement and one
individual plan per pair or group, one partnership agreement per partner.

Batch documents are produced one per person, pair or partner: :func:`each_consent` and its
siblings yield (file stem, context) without building every context up front.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from ..content import content_data
from ..errors import InputError
from ..models import (
    Mentee,
    Mentor,
    Pair,
    Partner,
    Person,
    Register,
    Schedule,
    SchoolData,
    SchoolRegister,
    forms_catalogue,
)
from ..models.register import IdentityDocument, age_on, pairs_by_person
from ..models.schedule import Deadline, shift
from ..ru import capfirst, format_date
from ..ru.filenames import file_stem
from .context import order_context, pair_row, school_context
from .measures import measures_context, rendered_deadline
from .spec import ContextBuilder, DocumentSpec, KitSpec

__all__ = [
    "DOCUMENTS",
    "KIT",
    "activities",
    "code_width",
    "consent_context",
    "consent_date",
    "consent_variant",
    "each_agreement",
    "each_consent",
    "each_individual_plan",
    "each_partnership",
    "pair_schedule",
    "pair_stem",
    "pairs_table",
    "party",
    "person_field",
    "school_with_register",
]


def consent_variant(age: int) -> str:
    """Return who signs a consent at ``age``: «adult» (18+), «minor» (14–17, with the representative), «child» (under 14).

    >>> [consent_variant(a) for a in (10, 13, 14, 17, 18)]
    ['child', 'child', 'minor', 'minor', 'adult']
    """
    if age >= 18:
        return "adult"
    return "minor" if age >= 14 else "child"


def _document(document: IdentityDocument) -> dict[str, Any]:
    return {
        "kind": document.kind,
        "series_number": document.number,
        "issued_by": document.issued_by,
        "issued_on": document.issued_on,
    }


def person_field(person: Mentor | Mentee, name: str) -> Any:
    """Return a field only some people have (a mentor's e-mail or organisation), else None: asking a
    pydantic model for a field it lacks raises and catches an error, a tenth of a batch's layout."""
    return getattr(person, name) if name in type(person).model_fields else None


def _person(person: Mentor | Mentee) -> dict[str, Any]:
    return {"name": person.name, "gender": person.gender.value if person.gender else None}


def consent_date(person: Mentor | Mentee, pairs: list[Pair], schedule: Schedule) -> dt.date:
    """Return the date of a person's consent: as the register gives it, else the schedule's deadline for
    consents (the order on pairs cites them), but never after the start of the person's first pair."""
    if person.consent_date is not None:
        return person.consent_date
    day = schedule.dates["consents"]
    return min([day, *(pair.start for pair in pairs)])


def each_consent(data: SchoolRegister) -> Iterator[tuple[str, Callable[[], dict[str, Any]]]]:
    """Yield a consent for every mentor and mentee: the name and the function making its context (:func:`consent_context`)."""
    register = data.roster
    pairs_of = pairs_by_person(register.pairs)
    timeline = data.school.timeline
    for role, people in (("наставник", register.mentors), ("наставляемый", register.mentees)):
        for person in people:
            yield person.name, partial(consent_context, person, role, pairs_of.get(person.code, []), timeline)


def consent_context(person: Mentor | Mentee, role: str, own: list[Pair], timeline: Schedule) -> dict[str, Any]:
    """Return a consent's context, the variant chosen by the person's age on the signing date."""
    day = consent_date(person, own, timeline)
    age = age_on(person.birth_date, day)
    variant = consent_variant(age)
    representative = None
    if variant != "adult" and person.representative is not None:
        rep = person.representative
        representative = {
            "name": rep.name,
            "gender": rep.gender.value if rep.gender else None,
            "relation": rep.relation,
            "address": rep.address or person.address,
            "document": _document(rep.document),
            "authority": rep.authority,
        }
    return {
        "consent": {
            "variant": variant,
            "date": day,
            "age": age,
            "role": role,
            "programme": own[0].programme if own else "",
            "subject": {
                **_person(person),
                "birth_date": person.birth_date,
                "address": person.address,
                "document": _document(person.document),
                "phone": person.phone or "",
                "email": person_field(person, "email") or "",
            },
            "representative": representative,
        }
    }


def _people(data: SchoolRegister) -> tuple[dict[str, Mentor], dict[str, Mentee]]:
    return {m.code: m for m in data.roster.mentors}, {m.code: m for m in data.roster.mentees}


def party(person: Mentor | Mentee, day: dt.date) -> dict[str, Any]:
    """Return a party of an agreement signed on ``day``, by the person's age then: ``band`` is «adult» (signs
    alone), «minor» (14–17: signs with the written consent of the legal representative, who signs too) or
    «child» (under 14: the legal representative acts and signs for the child), as for the consents."""
    band = consent_variant(age_on(person.birth_date, day))
    rep = person.representative if band != "adult" else None
    return {
        **_person(person),
        "position": person.position,
        "organisation": person_field(person, "organisation") or "",
        "phone": person.phone or "",
        "band": band if rep is not None else "adult",
        "minor": band != "adult",
        "representative": {
            "name": rep.name,
            "gender": rep.gender.value if rep.gender else None,
            "relation": rep.relation,
        }
        if rep
        else None,
    }


def _pair(pair: Pair, mentors: dict[str, Mentor], mentees_by_code: dict[str, Mentee]) -> dict[str, Any]:
    form = forms_catalogue()[pair.form]
    goal = pair.goal or form.goal
    return {
        "number": pair.code,
        "date": pair.start,
        "form": form.model_dump(),
        "programme": pair.programme,
        "start": pair.start,
        "end": pair.end,
        "goal": capfirst(goal),
        "mentor": party(mentors[pair.mentor], pair.start),
        "mentees": [party(mentees_by_code[code], pair.start) for code in pair.mentees],
    }


def pair_stem(pair: Pair, mentors: dict[str, Mentor], width: int = 0) -> str:
    """Return «12_Лебедев_ПИ»: the pair's number (a number padded with zeros to ``width``) and its mentor."""
    code = pair.code.zfill(width) if pair.code.isdigit() else pair.code
    return f"{code}_{file_stem(mentors[pair.mentor].name)}"


def code_width(pairs: list[Pair]) -> int:
    """Return the width of the longest numeric pair code: «01_…» sorts before «10_…» in any file manager."""
    return max((len(pair.code) for pair in pairs if pair.code.isdigit()), default=0)


def each_agreement(data: SchoolRegister) -> Iterator[tuple[str, Callable[[], dict[str, Any]]]]:
    """Yield an agreement for every pair or group: its file stem and the function making its context."""
    mentors, mentees = _people(data)
    width = code_width(data.roster.pairs)
    for pair in data.roster.pairs:
        yield pair_stem(pair, mentors, width), partial(_agreement, pair, mentors, mentees)


def _agreement(pair: Pair, mentors: dict[str, Mentor], mentees_by_code: dict[str, Mentee]) -> dict[str, Any]:
    return {"pair": _pair(pair, mentors, mentees_by_code)}


def _plan_wording() -> dict[str, Any]:
    return content_data("individual-plan.yaml")


def pair_schedule(pair: Pair, timeline: Schedule) -> Schedule:
    """Return the school's schedule with the pair's own points: its start and end, and its first meeting,
    planning meeting and survey at the school's distances from the start of the pairs (the same days for
    a pair that starts with the others)."""
    dates = timeline.dates
    monitoring = dates["monitoring"]
    return timeline.with_points(
        pair_start=pair.start,
        pair_end=pair.end,
        pair_first_meeting=pair.start + (dates["first_meetings"] - dates["pairs_start"]),
        pair_planning=pair.start + (dates["plans"] - dates["pairs_start"]),
        pair_survey=monitoring if pair.start < monitoring <= pair.end else pair.end,
    )


def _planned(row: dict[str, Any], schedule: Schedule, where: str, number: int) -> tuple[str, dt.date | None]:
    deadline = Deadline.model_validate(row["deadline"])
    return rendered_deadline(deadline, schedule, where=where, number=number), deadline.first_day(schedule)


def activities(pair: Pair, timeline: Schedule) -> list[dict[str, Any]]:
    """Return the individual plan's activities: opening meetings, the form's activities monthly, closing;
    each with ``due``, the first day its deadline names (None for words)."""
    wording = _plan_wording()
    where = "content/data/individual-plan.yaml"
    schedule = pair_schedule(pair, timeline)
    form = forms_catalogue()[pair.form]
    rows = [
        (row["content"], *_planned(row, schedule, where, number), row["result"])
        for number, row in enumerate(wording["opening"], start=1)
    ]
    months = max(1, (pair.end.year - pair.start.year) * 12 + pair.end.month - pair.start.month - 1)
    ends: dict[int, dt.date] = {}  # a month's activity is put after the dated rows of its month
    for index, activity in enumerate(form.activities):
        month = min(shift(pair.start, f"+{1 + index * months // max(1, len(form.activities))}m"), pair.end)
        rows.append(
            (capfirst(activity), format_date(month, "month-full"), month.replace(day=1), "Мероприятие проведено")
        )
        ends[len(rows) - 1] = month.replace(day=monthrange(month.year, month.month)[1])
    rows += [
        (row["content"], *_planned(row, schedule, where, len(rows) + number), row["result"])
        for number, row in enumerate(wording["closing"], start=1)
    ]
    keys, last = [], pair.start
    for index, (_, _, due, _) in enumerate(rows):  # a row with words keeps its place after the row before it
        last = ends.get(index) or due or last
        keys.append(last)
    rows = [row for _, row in sorted(zip(keys, rows, strict=True), key=lambda item: item[0])]
    return [
        {"number": f"{i}.", "content": c, "deadline": d, "due": due, "result": r}
        for i, (c, d, due, r) in enumerate(rows, start=1)
    ]


def each_individual_plan(data: SchoolRegister) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield an individual-plan context for every pair or group."""
    mentors, mentees = _people(data)
    timeline = data.school.timeline
    width = code_width(data.roster.pairs)
    for pair in data.roster.pairs:
        form = forms_catalogue()[pair.form]
        yield (
            pair_stem(pair, mentors, width),
            {
                "pair": _pair(pair, mentors, mentees),
                "tasks": [capfirst(t) for t in form.tasks],
                "activities": activities(pair, timeline),
            },
        )


def each_partnership(data: SchoolRegister) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield a partnership-agreement context for every partner."""
    for partner in data.roster.partners:
        yield partner.short_name, {"partner": _partner(partner)}


def _partner(partner: Partner) -> dict[str, Any]:
    return {
        "number": partner.number,
        "date": partner.date,
        "full_name": partner.full_name,
        "short_name": partner.short_name,
        "head": {
            "name": partner.head,
            "gender": partner.head_gender.value if partner.head_gender else None,
            "position": partner.head_position,
        },
        "basis": partner.basis,
        "address": partner.address,
        "inn": partner.inn or "",
        "subject": partner.subject,
        "term_end": partner.term_end,
    }


def pairs_table(data: SchoolRegister) -> list[dict[str, Any]]:
    """Return the rows of the order's appendix: every pair with mentor, mentees, form and period."""
    mentors, mentees = _people(data)
    catalogue = forms_catalogue()
    return [
        {
            **pair_row(index, mentors[pair.mentor], [mentees[code] for code in pair.mentees], pair.start, pair.end),
            "code": pair.code,
            "form": catalogue[pair.form].title,
        }
        for index, pair in enumerate(data.roster.pairs, start=1)
    ]


def _order_pairs(data: SchoolRegister, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    school = data.school
    if school.pairs_order is None:
        raise InputError(
            "Для приказа о закреплении наставнических пар укажите в файле данных pairs_order: номер и дату приказа."
        )
    mentors = [Person(name=m.name, position=m.position, gender=m.gender) for m in data.roster.mentors]
    context = {**base, "pairs": pairs_table(data)}
    return order_context(
        "order-pairs",
        context,
        ref=school.pairs_order,
        place=school.organisation.locality,
        signatory=school.organisation.director,
        acquaintance=[school.curator, *mentors],
        wording_dir=wording_dir,
    )


def _implementation_plan(data: SchoolRegister, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    school = data.school
    own = school.roadmap_implementation_plan
    return measures_context("roadmap-implementation-plan", school, base, wording_dir, own=own)


def _base_only(data: SchoolRegister, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return the shared variables alone: a batch document adds its own per item."""
    return base


def _school_base(data: SchoolRegister) -> dict[str, Any]:
    return school_context(data.school)


def _register_document(
    document_id: str,
    title: str,
    templates: tuple[str, ...],
    context: ContextBuilder,
    **batch: Any,
) -> DocumentSpec:
    wording = (document_id,) if document_id in ("order-pairs", "roadmap-implementation-plan") else ()
    return DocumentSpec(
        document_id,
        title,
        4,
        SchoolRegister,
        _school_base,
        templates,
        context,
        wording=wording,
        dated=_dated(_DATES.get(document_id, "pairs_start")),
        **batch,
    )


_DATES = {
    "order-pairs": "pairs_order",
    "roadmap-implementation-plan": "pairs_order",
    "register": "pairs_order",
    "consent-pd": "consents",
    "partnership-agreement": "partners",
}
"""The point of the schedule a stage-4 document is dated by (the others: the start of the pairs)."""


def _dated(point: str) -> Callable[[SchoolRegister], dt.date]:
    return lambda data: data.school.timeline.dates[point]


def _people_count(data: SchoolRegister) -> int:
    return len(data.roster.mentors) + len(data.roster.mentees)


def _pairs_count(data: SchoolRegister) -> int:
    return len(data.roster.pairs)


def _partners_count(data: SchoolRegister) -> int:
    return len(data.roster.partners)


DOCUMENTS = (
    _register_document(
        "order-pairs",
        "Приказ о закреплении наставнических пар (групп)",
        ("order-pairs.docx",),
        _order_pairs,
    ),
    _register_document(
        "roadmap-implementation-plan",
        "План внедрения «Дорожной карты» целевой модели наставничества",
        ("roadmap-implementation-plan.docx", "roadmap-implementation-plan.xlsx"),
        _implementation_plan,
    ),
    _register_document(
        "register",
        "Форма базы данных наставников, наставляемых и программ наставничества",
        ("register.xlsx",),
        _base_only,
    ),
    _register_document(
        "consent-pd",
        "Согласие на обработку персональных данных",
        ("consent-pd.docx",),
        _base_only,
        each=each_consent,
        folder="consents",
        plural="Согласия на обработку персональных данных",
        count=_people_count,
    ),
    _register_document(
        "agreement-pair",
        "Соглашение о сотрудничестве между наставником и наставляемым",
        ("agreement-pair.docx",),
        _base_only,
        each=each_agreement,
        folder="agreements",
        plural="Соглашения о сотрудничестве между наставником и наставляемым",
        count=_pairs_count,
    ),
    _register_document(
        "individual-plan",
        "Индивидуальный план наставнической пары (группы)",
        ("individual-plan.docx",),
        _base_only,
        each=each_individual_plan,
        folder="individual-plans",
        plural="Индивидуальные планы наставнических пар (групп)",
        count=_pairs_count,
    ),
    _register_document(
        "partnership-agreement",
        "Договор о социальном партнёрстве",
        ("partnership-agreement.docx",),
        _base_only,
        each=each_partnership,
        folder="partnership-agreements",
        plural="Договоры о социальном партнёрстве",
        count=_partners_count,
    ),
)


def school_with_register(school: SchoolData, roster: Register) -> SchoolRegister:
    """Return the input of the kits made from the data file and the register (stages 4 and 5)."""
    return SchoolRegister(school=school, roster=roster)


KIT = KitSpec(
    "stage-4",
    (
        "order-pairs",
        "mentorship-programme",
        "order-approve-programme",
        "roadmap-implementation-plan",
        "register",
        "consent-pd",
        "agreement-pair",
        "individual-plan",
        "partnership-agreement",
    ),
    model=SchoolRegister,
    data_model=SchoolData,
    samples=("school.yaml", "register.xlsx"),
    register="required",
    combine=school_with_register,
    title="Этап 4. Наставнические пары: программа, приказы, согласия, соглашения, планы, договоры",
)
