"""Stage 4, the school's own programme: the mentorship programme, considered by the teachers' council,
and the order approving it together with the individual plans of the pairs (seed 003).

Both are documents of the stage-4 kit (its list is in :mod:`.pairs`); they are made from the data
file's ``programme:`` and the register.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import ProgrammeApproval, SchoolRegister, forms_catalogue
from ..ru import format_school_year
from .context import order_context, school_context, typeset
from .pairs import pairs_table
from .spec import DocumentSpec
from .wording import expand, load_wording, numbered, render_text, require, wording_name

__all__ = ["DOCUMENTS", "programme_variables"]


def _approval(data: SchoolRegister, document_id: str) -> ProgrammeApproval:
    """Return the data file's ``programme:``; the documents cannot be made without it."""
    if data.school.programme is None:
        raise InputError(
            f"Для документа {document_id} укажите в файле данных programme: протокол педагогического совета "
            "(council: number, date) и приказ об утверждении программы (order: number, date)."
        )
    return data.school.programme


def _title(data: SchoolRegister, approval: ProgrammeApproval) -> str:
    """Return the programme's title: as given, else the one programme the register's pairs follow."""
    if approval.title:
        return approval.title
    names = sorted({pair.programme for pair in data.roster.pairs})
    if len(names) != 1:
        raise InputError(
            "В реестре пары следуют разным программам: укажите в файле данных programme.title — "
            "название программы, которую утверждает приказ."
        )
    return names[0]


def programme_variables(data: SchoolRegister, document_id: str) -> dict[str, Any]:
    """Return ``programme``: title, subject, school year, approvals, forms with their counts, partners."""
    approval = _approval(data, document_id)
    title = _title(data, approval)
    roster = data.roster
    catalogue = forms_catalogue()
    pairs = Counter(pair.form for pair in roster.pairs)
    mentors = {form: {p.mentor for p in roster.pairs if p.form == form} for form in pairs}
    mentees = {form: {code for p in roster.pairs if p.form == form for code in p.mentees} for form in pairs}
    order = [form for form in catalogue if form in pairs]
    forms = [
        {
            "number": f"{index}.",
            "id": form,
            "title": catalogue[form].title,
            "goal": catalogue[form].goal,
            "results": catalogue[form].results,
            "pairs": pairs[form],
            "mentors": len(mentors[form]),
            "mentees": len(mentees[form]),
        }
        for index, form in enumerate(order, start=1)
    ]
    first, _, rest = title.partition(" ")
    start = min((pair.start for pair in roster.pairs), default=data.school.start)
    return typeset(
        {
            "title": title,
            "subject": rest if first.lower() == "программа" and rest else title,
            "school_year": format_school_year(start),
            "date": approval.order.date,
            "council": approval.council.model_dump(),
            "order": approval.order.model_dump(),
            "forms": forms,
            "totals": {
                "pairs": len(roster.pairs),
                "mentors": len({p.mentor for p in roster.pairs}),
                "mentees": len({code for p in roster.pairs for code in p.mentees}),
            },
            "partners": [
                {
                    "number": f"{index}.",
                    "name": partner.short_name,
                    "full_name": partner.full_name,
                    "gives": data.school.resources.partners.get(partner.short_name, partner.subject),
                    "agreement": {"number": partner.number, "date": partner.date},
                }
                for index, partner in enumerate(roster.partners, start=1)
            ],
        }
    )


def _base(data: SchoolRegister) -> dict[str, Any]:
    return school_context(data.school)


def _programme(data: SchoolRegister, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    context = {**base, "programme": programme_variables(data, "mentorship-programme")}
    where = wording_name("mentorship-programme", wording_dir)
    wording = load_wording("mentorship-programme", wording_dir)
    require(wording, ("title", "subtitle", "sections"), where)
    context["programme"] |= {
        "kind": render_text(wording["title"], context, where=where),
        "heading": render_text(wording["subtitle"], context, where=where),
        "sections": [{"id": "", **section} for section in numbered(expand(wording["sections"], context, where=where))],
    }
    return context


def _order(data: SchoolRegister, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    programme = programme_variables(data, "order-approve-programme")
    school = data.school
    return order_context(
        "order-approve-programme",
        {**base, "programme": programme, "pairs": pairs_table(data)},
        ref=_approval(data, "order-approve-programme").order,
        place=school.organisation.locality,
        signatory=school.organisation.director,
        acquaintance=[school.curator],
        wording_dir=wording_dir,
    )


def _approved(data: SchoolRegister) -> dt.date:
    """Return the date of the order approving the programme (the schedule's, when the data file has none)."""
    return data.school.timeline.dates["programme_order"]


DOCUMENTS = (
    DocumentSpec(
        "mentorship-programme",
        "Программа наставничества образовательной организации",
        4,
        SchoolRegister,
        _base,
        ("mentorship-programme.docx",),
        _programme,
        wording=("mentorship-programme",),
        dated=_approved,
    ),
    DocumentSpec(
        "order-approve-programme",
        "Приказ об утверждении программы наставничества и индивидуальных планов наставнических пар (групп)",
        4,
        SchoolRegister,
        _base,
        ("order-approve-programme.docx",),
        _order,
        wording=("order-approve-programme",),
        dated=_approved,
    ),
)
