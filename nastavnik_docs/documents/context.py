"""Context builders shared by the families: a school's variables, orders, regulations, pair tables.

Templates never receive models with methods; they receive plain data (dicts, lists, strings,
dates) built here and in the family modules, and the grammar is done by filters (``fio``,
``case``, ``date``…) or here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import pydantic

from ..errors import TemplateError
from ..models import ApprovalStamp, Order, OrderRef, Person, Regulation, SchoolData, describe_errors, forms_catalogue
from ..ru import PersonName, format_date
from ..ru.typography import no_break_after_number_sign
from .wording import expand, expand_with_references, load_wording, numbered, render_text, require, wording_name

__all__ = ["order_context", "pair_row", "regulation_context", "school_context", "typeset"]


def school_context(data: SchoolData) -> dict[str, Any]:
    """Return the variables every stage-1 template may use: org, director, curator, team, forms…"""
    plain = typeset(data.model_dump(mode="python"))
    return {
        "org": plain["organisation"],
        "director": plain["organisation"]["director"],
        "curator": plain["curator"],
        "team": plain["team"],
        "forms": [typeset(forms_catalogue()[form].model_dump()) for form in data.forms],
        "period": plain["period"],
        "orders": plain["orders"],
        "website": plain["website"],
        "schedule": dict(data.timeline.dates),
    }


@contextmanager
def _shape(where: str) -> Iterator[None]:
    """Turn a wording file of the wrong shape into a :class:`TemplateError` naming its places."""
    try:
        yield
    except pydantic.ValidationError as error:
        problems = "; ".join(describe_errors(error, Order))
        raise TemplateError(f"Текст документа в {where} не подходит по форме: {problems}.", template=where) from None


def typeset(value: Any) -> Any:
    """Return ``value`` with a no-break space after every «№» in its strings, however deep."""
    if isinstance(value, str):
        return no_break_after_number_sign(value)
    if isinstance(value, dict):
        return {key: typeset(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typeset(item) for item in value]
    return value


def _acquaintance(people: list[Person], signatory: Person) -> list[Person]:
    """Return each person once, in order, without the one who signs."""
    seen = {PersonName.parse(signatory.name).full}
    result = []
    for person in people:
        key = PersonName.parse(person.name).full
        if key not in seen:
            seen.add(key)
            result.append(person)
    return result


def order_context(
    document_id: str,
    base: dict[str, Any],
    *,
    ref: OrderRef,
    place: str,
    signatory: Person,
    acquaintance: list[Person],
    wording_dir: Path | None = None,
) -> dict[str, Any]:
    """Return ``base`` plus ``order``: the order built from its wording, with clauses numbered."""
    wording = load_wording(document_id, wording_dir)
    where = wording_name(document_id, wording_dir)
    require(wording, ("title", "preamble", "clauses"), where)
    appendices = expand(wording.get("appendices"), base, where=where, max_depth=1)
    numbers = {item["id"]: str(index) for index, item in enumerate(appendices, start=1) if "id" in item}
    with _shape(where):
        order = Order(
            number=ref.number,
            date=ref.date,
            place=place,
            title=render_text(wording["title"], base, where=where),
            preamble=render_text(wording["preamble"], base, where=where),
            clauses=expand_with_references(wording["clauses"], base, where=where, max_depth=2, appendices=numbers),
            signatory=signatory,
            acquaintance=_acquaintance(acquaintance, signatory),
            appendices=appendices,
        )
    plain = order.model_dump(mode="python")
    plain["clauses"] = numbered(plain["clauses"])
    plain["appendix"] = {
        item["id"]: {"number": str(index), "title": item["title"]}
        for index, item in enumerate(plain["appendices"], start=1)
    }
    return {**base, "order": plain}


def regulation_context(
    document_id: str, base: dict[str, Any], *, ref: OrderRef, wording_dir: Path | None = None
) -> dict[str, Any]:
    """Return ``base`` plus ``regulation``: sections numbered, approval stamp from ``ref``."""
    wording = load_wording(document_id, wording_dir)
    where = wording_name(document_id, wording_dir)
    require(wording, ("title", "subtitle", "approved_by", "sections"), where)
    with _shape(where):
        regulation = Regulation(
            title=render_text(wording["title"], base, where=where),
            subtitle=render_text(wording["subtitle"], base, where=where),
            approval=ApprovalStamp(issuer=render_text(wording["approved_by"], base, where=where), order=ref),
            sections=expand(wording["sections"], base, where=where),
        )
    plain = regulation.model_dump(mode="python")
    plain["sections"] = [
        {**section, "number": f"{index}.", "items": numbered(section["items"], f"{index}.")}
        for index, section in enumerate(plain["sections"], start=1)
    ]
    return {**base, "regulation": plain}


class _Member(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def position(self) -> str: ...


def pair_row(number: int, mentor: _Member, mentees: Iterable[_Member], start: dt.date, end: dt.date) -> dict[str, str]:
    """Return a row of an order's table of pairs: number, «ФИО, должность» of the mentor and mentees, period."""
    return {
        "number": f"{number}.",
        "mentor": f"{PersonName.parse(mentor.name).full}, {mentor.position}",
        "mentees": "\n".join(f"{m.name}, {m.position}" for m in mentees),
        "period": f"{format_date(start, 'numeric')}–{format_date(end, 'numeric')}",
    }
