"""The data file of a school's system of mentorship of teaching staff (seed 001)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Date, Model
from .declensions import Declension
from .documents import OrderRef
from .organisation import Organisation
from .people import Person
from .plausibility import pair_period_problem
from .roadmap import MeasureTable

__all__ = ["TeacherOrders", "TeacherPair", "TeachersData"]


class TeacherPair(Model):
    """A mentor and one or several mentees (стажёры) among the teaching staff."""

    mentor: Person = Field(description="Наставник: ФИО и должность.")
    mentees: list[Person] = Field(min_length=1, description="Наставляемые (стажёры): ФИО и должность.")
    start: Date = Field(description="Дата начала.")
    end: Date = Field(description="Дата окончания.")

    @model_validator(mode="after")
    def _period(self) -> TeacherPair:
        problem = pair_period_problem(self.start, self.end)  # the register's rule for its pairs
        if problem is not None:
            raise PydanticCustomError("pair_period", problem)
        return self


class TeacherOrders(Model):
    """Numbers and dates of the teacher-mentorship orders."""

    model: OrderRef = Field(description="Приказ о внедрении системы наставничества педагогических работников.")
    pairs: OrderRef = Field(description="Приказ о назначении наставнических пар (групп).")


class TeachersData(Model):
    """The data file of a school's system of mentorship of teaching staff (seed 001)."""

    organisation: Organisation = Field(description="Образовательная организация.")
    curator: Person = Field(description="Куратор системы наставничества педагогических работников.")
    orders: TeacherOrders = Field(description="Приказы: о внедрении системы и о назначении пар.")
    year: int = Field(
        ge=2019,
        le=2100,
        description="Первый год учебного года, с которого внедряется система (2026 — 2026/2027 учебный год).",
    )
    programme_start: Date | None = Field(
        default=None,
        description="Начало: от него отсчитываются сроки дорожной карты (по умолчанию — дата приказа о внедрении).",
    )
    pairs: list[TeacherPair] = Field(
        default_factory=list, description="Наставнические пары (группы); можно взять из реестра этапа 4."
    )
    roadmap: MeasureTable | None = Field(default=None, description="Своя дорожная карта вместо встроенной.")
    declensions: list[Declension] = Field(
        default_factory=list,
        description="Исправленные формы: фраза комплекта (ФИО, должность, организация, место), падеж и форма, которую печатать во всех документах.",
    )

    @property
    def start(self) -> dt.date:
        """Return the date the roadmap's deadlines count from."""
        return self.programme_start or self.orders.model.date
