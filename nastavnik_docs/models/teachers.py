"""The data file of a school's system of mentorship of teaching staff (seed 001)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..errors import Problem
from .base import Date, Model, ShortText
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
    pay: ShortText | None = Field(
        default=None,
        description="Оплата наставничества (ст. 351.8 ТК РФ), например «доплата в размере 15 % должностного оклада»; по умолчанию — «в соответствии с Положением об оплате труда работников».",
    )
    contract: ShortText | None = Field(
        default=None,
        description="Реквизиты трудового договора наставника: «от 01.09.2020 № 15»; без них в дополнительном соглашении остаётся место для записи от руки.",
    )
    consent_date: Date | None = Field(
        default=None,
        description="Дата письменного согласия наставника на наставничество; по умолчанию — за 3 дня до приказа о назначении пар.",
    )
    agreement_date: Date | None = Field(
        default=None,
        description="Дата дополнительного соглашения к трудовому договору наставника; по умолчанию — накануне приказа о назначении пар.",
    )

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

    def consent_date(self, pair: TeacherPair) -> dt.date:
        """Return the date of the mentor's written consent: as given, else 3 days before the order on pairs."""
        return pair.consent_date or self.orders.pairs.date - dt.timedelta(days=3)

    def agreement_date(self, pair: TeacherPair) -> dt.date:
        """Return the date of the supplementary agreement: as given, else the day before the order on pairs."""
        return pair.agreement_date or self.orders.pairs.date - dt.timedelta(days=1)

    def cross_check(self) -> list[Problem]:
        """Return the dates out of the order art. 351.8 gives: consent, agreement, the order citing both, the start."""
        problems = []
        order = self.orders.pairs.date
        if order < self.orders.model.date:
            problems.append(
                Problem(
                    f"приказ о назначении пар ({order:%d.%m.%Y}) раньше приказа о внедрении системы "
                    f"(orders.model.date, {self.orders.model.date:%d.%m.%Y})",
                    loc=("orders", "pairs", "date"),
                )
            )
        for index, pair in enumerate(self.pairs):
            consent, agreement = self.consent_date(pair), self.agreement_date(pair)
            if consent > agreement:
                problems.append(
                    Problem(
                        f"согласие наставника ({consent:%d.%m.%Y}) позже дополнительного соглашения "
                        f"(pairs[{index}].agreement_date, {agreement:%d.%m.%Y}), которое на нём основано",
                        loc=("pairs", index, "consent_date"),
                    )
                )
            if agreement > order:
                problems.append(
                    Problem(
                        f"дополнительное соглашение ({agreement:%d.%m.%Y}) позже приказа о назначении пар "
                        f"(orders.pairs.date, {order:%d.%m.%Y}), который на него ссылается",
                        loc=("pairs", index, "agreement_date"),
                    )
                )
            if pair.start < order:
                problems.append(
                    Problem(
                        f"пара начинает работу ({pair.start:%d.%m.%Y}) раньше приказа о назначении пар "
                        f"(orders.pairs.date, {order:%d.%m.%Y})",
                        loc=("pairs", index, "start"),
                    )
                )
        return problems

    @property
    def start(self) -> dt.date:
        """Return the date the roadmap's deadlines count from."""
        return self.programme_start or self.orders.model.date
