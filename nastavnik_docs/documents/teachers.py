"""The teacher-mentorship kit (seed 001, наставник – стажёр): the order introducing the system, its
regulation and roadmap, and the order appointing the pairs (from the data file or the register); per
pair, under art. 351.8 of the Labour Code, the mentor's written consent and the supplementary agreement
to the employment contract, which the order on pairs cites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Person, Register, TeacherPair, TeachersData
from ..ru.filenames import file_stem
from .context import order_context, pair_row, regulation_context, typeset
from .measures import measures_context, people_responsible
from .spec import DocumentSpec, KitSpec

__all__ = [
    "DOCUMENTS",
    "KIT",
    "each_mentor_agreement",
    "each_mentor_consent",
    "order_teacher_model_context",
    "order_teacher_pairs_context",
    "regulation_teacher_context",
    "roadmap_teacher_context",
    "teachers_context",
    "teachers_with_register_pairs",
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
        "order-teacher-model",
        base,
        ref=data.orders.model,
        place=org.locality,
        signatory=org.director,
        acquaintance=[data.curator, *_mentors(data)],
        wording_dir=wording_dir,
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
    rows = [pair_row(index, p.mentor, p.mentees, p.start, p.end) for index, p in enumerate(data.pairs, start=1)]
    mentees = [m for pair in data.pairs for m in pair.mentees]
    return order_context(
        "order-teacher-pairs",
        {**base, "pairs_table": rows},
        ref=data.orders.pairs,
        place=org.locality,
        signatory=org.director,
        acquaintance=[data.curator, *_mentors(data), *mentees],
        wording_dir=wording_dir,
    )


def _teacher_pair(data: TeachersData, index: int, pair: TeacherPair) -> dict[str, Any]:
    """Return a pair of the teacher kit as its consent and its supplementary agreement print it."""
    plain = typeset(pair.model_dump(mode="python"))
    return {
        **plain,
        "number": index,
        "group": len(pair.mentees) > 1,
        "consent_date": data.consent_date(pair),
        "agreement_date": data.agreement_date(pair),
    }


def _pair_stem(index: int, pair: TeacherPair) -> str:
    return f"{index:02d}_{file_stem(pair.mentor.name)}"


def each_mentor_consent(data: TeachersData) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield the mentor's written consent to mentoring (art. 351.8 of the Labour Code) for every pair."""
    for index, pair in enumerate(data.pairs, start=1):
        yield _pair_stem(index, pair), {"pair": _teacher_pair(data, index, pair)}


def each_mentor_agreement(data: TeachersData) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield the supplementary agreement to the mentor's employment contract for every pair."""
    for index, pair in enumerate(data.pairs, start=1):
        yield _pair_stem(index, pair), {"pair": _teacher_pair(data, index, pair)}


def teachers_with_register_pairs(data: TeachersData, roster: Register) -> TeachersData:
    """Return ``data`` with its pairs taken from the register's «учитель – учитель» pairs."""
    mentors = {m.code: m for m in roster.mentors}
    mentees = {m.code: m for m in roster.mentees}

    def person(member: Any) -> Person:
        return Person(name=member.name, position=member.position, gender=member.gender)

    pairs = [
        TeacherPair(
            mentor=person(mentors[p.mentor]), mentees=[person(mentees[c]) for c in p.mentees], start=p.start, end=p.end
        )
        for p in roster.pairs
        if p.form == "teacher-teacher"
    ]
    if not pairs:
        raise InputError("В реестре нет пар формы «учитель – учитель»: приказу о назначении пар некого назначать.")
    combined = data.model_copy(update={"pairs": pairs})
    if problems := combined.cross_check():
        listing = "; ".join(str(problem).replace("pairs[", "пара реестра [") for problem in problems[:3])
        raise InputError(f"Даты реестра не согласуются с приказами файла данных: {listing}.")
    return combined


def _teachers(document_id: str, title: str, context: Any, **batch: Any) -> DocumentSpec:
    pairs_dated = document_id == "order-teacher-pairs" or "each" in batch
    return DocumentSpec(
        document_id,
        title,
        "teachers",
        TeachersData,
        teachers_context,
        (f"{document_id}.docx",),
        context,
        wording=() if "each" in batch else (document_id,),
        dated=_pairs_order if pairs_dated else _model_order,
        **batch,
    )


def _model_order(data: TeachersData) -> dt.date:
    return data.orders.model.date


def _pairs_order(data: TeachersData) -> dt.date:
    return data.orders.pairs.date


def _base_only(data: TeachersData, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    return base


def _pairs_count(data: TeachersData) -> int:
    return len(data.pairs)


DOCUMENTS = (
    _teachers(
        "order-teacher-model",
        "Приказ о внедрении системы наставничества педагогических работников",
        order_teacher_model_context,
    ),
    _teachers(
        "regulation-teacher-system",
        "Положение о системе наставничества педагогических работников",
        regulation_teacher_context,
    ),
    _teachers(
        "roadmap-teacher",
        "Дорожная карта (план мероприятий) по реализации Положения о системе наставничества педагогических работников",
        roadmap_teacher_context,
    ),
    _teachers(
        "consent-teacher-mentor",
        "Письменное согласие педагогического работника на осуществление наставничества (ст. 351.8 ТК РФ)",
        _base_only,
        each=each_mentor_consent,
        folder="mentor-consents",
        plural="Письменные согласия педагогических работников на осуществление наставничества (ст. 351.8 ТК РФ)",
        count=_pairs_count,
    ),
    _teachers(
        "agreement-teacher-mentor",
        "Дополнительное соглашение к трудовому договору наставника (ст. 351.8 ТК РФ)",
        _base_only,
        each=each_mentor_agreement,
        folder="mentor-agreements",
        plural="Дополнительные соглашения к трудовым договорам наставников (ст. 351.8 ТК РФ)",
        count=_pairs_count,
    ),
    _teachers(
        "order-teacher-pairs",
        "Приказ о назначении наставнических пар (групп) педагогических работников",
        order_teacher_pairs_context,
    ),
)

KIT = KitSpec(
    "teachers",
    tuple(spec.id for spec in DOCUMENTS),
    model=TeachersData,
    samples=("teachers.yaml",),
    register="optional",
    combine=teachers_with_register_pairs,
    title="Наставничество педагогических работников: приказы, положение, дорожная карта",
)
