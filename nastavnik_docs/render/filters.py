"""Jinja filters: the language core as plain functions, listed once in :data:`FILTERS`.

Every template format (docx, xlsx, html, content strings) gets the same filters; the
template-authoring guide in ``docs/templates.md`` lists each one with an example. The inflecting
filters (``fio``, ``initials``, ``case``, ``place``) read the kit's corrected forms from the render
context (:mod:`.declensions`) when the producer put them there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from jinja2.utils import missing

from ..errors import LanguageError
from ..ru import (
    Case,
    PersonName,
    add_months,
    amount_to_words,
    capfirst,
    format_date,
    format_date_range,
    format_month_range,
    format_school_year,
    format_year_range,
    inflect_phrase,
    inflect_place,
    lowerfirst,
    number_sign,
    number_to_words,
    parse_case,
    parse_date,
    plural,
    quote,
    typograph,
)
from .declensions import CONTEXT_KEY, Declensions
from .pictures import data_uri

__all__ = ["FILTERS"]


def _person(value: Any) -> PersonName:
    """Return a :class:`PersonName` from a person mapping (``name`` and ``gender``) or a string."""
    kind = type(value)
    if kind is PersonName:
        return value
    if kind is dict or (kind is not str and isinstance(value, Mapping)):  # an ABC's check is slow: plain types first
        return _parsed(str(value["name"]), value.get("gender"))
    if isinstance(value, PersonName):
        return value
    return _parsed(str(value), None)


@lru_cache(maxsize=8192)
def _parsed(name: str, gender: str | None) -> PersonName:
    # a batch names the same people in many documents: parse each once
    return PersonName.parse(name, gender=gender)


def _declensions(context: Context) -> Declensions | None:
    """Return the kit's corrected forms if the render has them (looked up without ``Context.get``'s KeyError)."""
    found = context.resolve_or_missing(CONTEXT_KEY)
    return None if found is missing else found


def _inflected(context: Context, value: Any, case: str) -> PersonName:
    """Return the person in ``case``: the kit's corrected form where there is one."""
    name, target = _person(value), parse_case(case)
    declensions = _declensions(context)
    if declensions is None:
        return name.inflect(target)
    return declensions.person(name, target)


def _written(name: PersonName, form: str) -> str:
    """Return ``name`` as ``form`` writes it: «full» «Фамилия Имя Отчество», «initials» «Фамилия И. О.»,
    «before» «И. О. Фамилия»."""
    return name.full if form == "full" else name.initials(before=form == "before")


@lru_cache(maxsize=16384)
def _plain_written(name: str, gender: str | None, case: str, form: str) -> str:
    # a person of the data (a dict of text) without the kit's corrections: a batch writes each name in several documents
    return _written(_parsed(name, gender).inflect(case), form)


def _name(context: Context, value: Any, case: str, form: str) -> str:
    """Return the person ``value`` in ``case`` as ``form`` writes it (:func:`_written`)."""
    if type(value) is dict and type(case) is str and _declensions(context) is None:
        gender = value.get("gender")
        if gender is None or type(gender) is str:
            return _plain_written(str(value["name"]), gender, case, form)
    return _written(_inflected(context, value, case), form)


@pass_context
def fio(context: Context, value: Any, case: str = "nominative") -> str:
    """Return the full name «Фамилия Имя Отчество» in ``case``."""
    return _name(context, value, case, "full")


@pass_context
def initials(context: Context, value: Any, case: str = "nominative", before: bool = False) -> str:
    """Return «Фамилия И. О.» (or «И. О. Фамилия» with ``before=True``) in ``case``."""
    return _name(context, value, case, "before" if before else "initials")


def gendered(value: Any, male: str, female: str) -> str:
    """Return ``male`` or ``female`` as the person's gender asks: «действующего» / «действующей».

    The gender is the person's own, else the one told by the patronymic or first name; when it
    cannot be told, the masculine form (the default of Russian official writing).
    """
    gender = _person(value).gender
    return female if gender is not None and gender.value == "female" else male


@pass_context
def case(context: Context, value: Any, case: str) -> str:
    """Return a position or an organisation name in ``case`` (for a person use ``fio``)."""
    if isinstance(value, Mapping):
        raise LanguageError("Фильтр case склоняет должности и наименования; для человека используйте fio или initials.")
    return _phrase(context, str(value), parse_case(case), "phrase")


@pass_context
def place(context: Context, value: Any, case: str) -> str:
    """Return a place name in ``case``: «город Новоборск» → «городе Новоборске»."""
    return _phrase(context, str(value), parse_case(case), "place")


def _phrase(context: Context, text: str, target: Case, kind: str) -> str:
    declensions = _declensions(context)
    if declensions is not None:
        return declensions.phrase(text, target, kind=kind)
    return inflect_place(text, target) if kind == "place" else inflect_phrase(text, target)


def date(value: Any, style: str = "long") -> str:
    """Return a date written in ``style``: long, text, numeric, month or month-full."""
    return format_date(value, style)


def date_range(start: Any, end: Any) -> str:
    """Return ``01–16.09.2022``."""
    return format_date_range(start, end)


def month_range(start: Any, end: Any, capital: bool = True) -> str:
    """Return ``Август – сентябрь 2020 года``."""
    return format_month_range(start, end, capital=capital)


def years(start: Any, end: Any, style: str = "dash") -> str:
    """Return ``2020–2024 годы`` or, with ``style="from-to"``, ``с 2020 по 2024 годы``."""
    return format_year_range(start, end, style=style)


def school_year(value: Any) -> str:
    """Return ``2022/2023 учебный год``."""
    return format_school_year(value)


def words(value: Any, gender: str = "male", case: str = "nominative") -> str:
    """Return a whole number in words, agreeing in gender and case."""
    return number_to_words(value, gender=gender, case=case)


def add_days(value: Any, days: int) -> dt.date:
    """Return the date ``days`` after ``value`` (negative goes back)."""
    return parse_date(value) + dt.timedelta(days=int(days))


FILTERS: dict[str, Callable[..., Any]] = {
    "add_days": add_days,
    "add_months": add_months,
    "amount": amount_to_words,
    "capfirst": capfirst,
    "case": case,
    "data_uri": data_uri,
    "date": date,
    "date_range": date_range,
    "fio": fio,
    "gendered": gendered,
    "initials": initials,
    "lowerfirst": lowerfirst,
    "month_range": month_range,
    "number_sign": number_sign,
    "place": place,
    "plural": plural,
    "quote": quote,
    "school_year": school_year,
    "typograph": typograph,
    "words": words,
    "years": years,
}
