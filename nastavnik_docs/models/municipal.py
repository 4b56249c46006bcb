"""The data file of a municipal education department (seed 002)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Date, Model, ShortText, Text
from .declensions import Declension
from .documents import OrderRef
from .mentorship import FormId, ProgrammePeriod
from .organisation import Organisation
from .participants import IndicatorPlan
from .people import Person
from .roadmap import MeasureTable
from .schedule import Schedule
from .school_year import municipal_schedule

__all__ = [
    "MunicipalData",
    "MunicipalSchool",
    "RoadmapYears",
    "StaffMember",
]

Role = Literal["lead", "curator", "co-executor"]


class StaffMember(Person):
    """A specialist of the department responsible for the model."""

    department: ShortText = Field(description="Отдел: «Отдел по организационно-педагогической деятельности».")
    roles: list[Role] = Field(
        min_length=1,
        description="Роли: lead — общее руководство, curator — куратор, co-executor — соисполнитель мероприятий.",
    )


class MunicipalSchool(Model):
    """An organisation introducing the model in the municipality."""

    full_name: Text = Field(description="Полное наименование.")
    short_name: ShortText = Field(description="Сокращённое наименование.")
    head: Person = Field(description="Руководитель.")


class RoadmapYears(Model):
    """The years the municipal roadmap covers (seed 002: 2020–2021)."""

    start: int = Field(ge=2019, le=2100, description="Первый год дорожной карты.")
    end: int = Field(ge=2019, le=2100, description="Последний год дорожной карты.")


class MunicipalData(Model):
    """Everything the municipal kit needs: the department, its people, the schools, the order."""

    department: Organisation = Field(description="Орган управления образованием; director — его руководитель.")
    municipality_cases: dict[
        Literal["genitive", "dative", "accusative", "instrumental", "prepositional"], ShortText
    ] = Field(
        default_factory=dict,
        description="Название муниципального образования в падежах, если автоматическое склонение ошибается: {prepositional: «городе Когалыме»}.",
    )
    order: OrderRef = Field(description="Номер и дата приказа о внедрении целевой модели.")
    period: ProgrammePeriod = Field(description="Период внедрения целевой модели.")
    roadmap_years: RoadmapYears | None = Field(
        default=None, description="Годы дорожной карты (по умолчанию — первые два года периода)."
    )
    programme_start: Date | None = Field(
        default=None, description="Начало: от него отсчитываются сроки дорожной карты (по умолчанию — дата приказа)."
    )
    forms: list[FormId] = Field(min_length=1, description="Формы наставничества, внедряемые в муниципалитете.")
    staff: list[StaffMember] = Field(
        min_length=1, description="Ответственные специалисты органа управления образованием."
    )
    organisations: list[MunicipalSchool] = Field(
        min_length=1, description="Образовательные организации, внедряющие модель."
    )
    indicators: list[IndicatorPlan] = Field(
        default_factory=list, description="Показатели эффективности, если они отличаются от встроенных."
    )
    roadmap: MeasureTable | None = Field(default=None, description="Своя дорожная карта вместо встроенной.")
    declensions: list[Declension] = Field(
        default_factory=list,
        description="Исправленные формы: фраза комплекта (ФИО, должность, организация, место), падеж и форма, которую печатать во всех документах.",
    )

    @model_validator(mode="after")
    def _roles(self) -> MunicipalData:
        roles = {role for member in self.staff for role in member.roles}
        missing = [r for r in ("lead", "curator") if r not in roles]
        if missing:
            raise PydanticCustomError(
                "staff_roles", "в staff нужен хотя бы один человек с ролью {roles}", {"roles": " и ".join(missing)}
            )
        return self

    @property
    def start(self) -> dt.date:
        """Return the date the roadmap's deadlines count from."""
        return self.programme_start or self.order.date

    @property
    def timeline(self) -> Schedule:
        """Return the points the roadmap's deadlines count from (``models/school_year.py``)."""
        return municipal_schedule(self)

    @property
    def years(self) -> RoadmapYears:
        """Return the roadmap's years."""
        return self.roadmap_years or RoadmapYears(
            start=self.period.start_year, end=min(self.period.start_year + 1, self.period.end_year)
        )
