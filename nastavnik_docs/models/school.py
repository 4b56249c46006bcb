"""The data file of a school (or college) for the stage-1 kit: who, what forms, which orders."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..errors import Problem
from .base import Date, Model, ShortText, Url
from .correction import Correction
from .declensions import Declension
from .dissemination import DisseminationEvent, Resources
from .documents import OrderRef
from .mentorship import FormId, ProgrammePeriod
from .monitoring import MonitoringData
from .organisation import Organisation
from .participants import IndicatorPlan, ParticipantsList
from .people import Person, TeamMember
from .practices import PracticeStory
from .programme import ProgrammeApproval
from .roadmap import MeasureTable
from .schedule import DateOrOffset, Schedule
from .school_year import ScheduleDates, schedule_problems, school_schedule

__all__ = ["NewsItem", "SchoolData", "SchoolOrders", "Website"]


class SchoolOrders(Model):
    """Numbers and dates of the school's stage-1 orders."""

    management_team: OrderRef = Field(description="Приказ о создании управленческой команды: номер и дата.")
    introduce_model: OrderRef = Field(
        description="Приказ о внедрении целевой модели наставничества: номер и дата (им утверждаются положения)."
    )


class NewsItem(Model):
    """A news item of the website tab: its text and its date, a day or a point of the school year's schedule."""

    date: DateOrOffset = Field(
        default="website",
        description="Дата новости: дата (01.09.2026) или точка графика со сдвигом (management_team, introduce_model, year_start+1d); по умолчанию — website, дата создания вкладки.",
    )
    text: ShortText = Field(description="Текст новости.")

    @model_validator(mode="before")
    @classmethod
    def _from_plain(cls, value: object) -> object:
        return {"text": value} if isinstance(value, str) else value


class Website(Model):
    """What the «Наставничество» tab of the school site shows besides the documents."""

    url: Url | None = Field(default=None, description="Адрес страницы вкладки на сайте.")
    documents_url: Url | None = Field(
        default=None,
        description="Адрес папки на сайте, куда будут выложены документы (ссылки вкладки, её фрагмента для сайта и страницы итогов ведут туда); без него ссылки относительные — файлы выкладываются рядом со страницей.",
    )
    news: list[NewsItem] = Field(
        default_factory=list,
        description="Новости о наставничестве для вкладки: текст (date — дата или точка графика; без неё — дата создания вкладки, schedule.website).",
    )


class SchoolData(Model):
    """Everything the stage-1 kit of a school needs: organisation, curator, team, forms, period, orders."""

    organisation: Organisation = Field(description="Образовательная организация.")
    curator: Person = Field(description="Куратор внедрения целевой модели наставничества.")
    team: list[TeamMember] = Field(
        min_length=2, description="Управленческая команда (рабочая группа) по внедрению ЦМН."
    )
    forms: list[FormId] = Field(
        min_length=1,
        description="Формы наставничества, которые реализует организация: student-student, teacher-teacher, student-pupil, employer-pupil, teacher-pupil, …",
    )
    period: ProgrammePeriod = Field(description="Период внедрения целевой модели: первый и последний год.")
    orders: SchoolOrders = Field(description="Номера и даты приказов первого этапа.")
    website: Website = Field(default_factory=Website, description="Вкладка «Наставничество» на сайте.")
    programme_start: Date | None = Field(
        default=None,
        description="Начало программы: от него отсчитываются сроки без точки графика («+2w»). По умолчанию — дата приказа о внедрении модели.",
    )
    schedule: ScheduleDates = Field(
        default_factory=ScheduleDates,
        description="График учебного года: даты, которых нет в приказах (начало работы пар, сроки согласий, встреч, публикации итогов); из них и из дат приказов берутся сроки дорожной карты, планов и документов пар.",
    )
    roadmap: MeasureTable | None = Field(default=None, description="Своя дорожная карта вместо встроенной.")
    plan: MeasureTable | None = Field(default=None, description="Свой план мероприятий вместо встроенного.")
    roadmap_implementation_plan: MeasureTable | None = Field(
        default=None, description="Свой план внедрения «Дорожной карты» (этап 4) вместо встроенного."
    )
    pairs_order: OrderRef | None = Field(
        default=None, description="Номер и дата приказа о закреплении наставнических пар (групп) (этап 4)."
    )
    participants: ParticipantsList | None = Field(
        default=None,
        description="Перечень организаций — участников внедрения в текущем году (по умолчанию — сама организация).",
    )
    indicators: list[IndicatorPlan] = Field(
        default_factory=list, description="Плановые показатели вовлечения, если они отличаются от встроенных."
    )
    programme: ProgrammeApproval | None = Field(
        default=None,
        description="Программа наставничества (этап 4): протокол педагогического совета и приказ об её утверждении.",
    )
    events: list[DisseminationEvent] = Field(
        default_factory=list, description="Мероприятия по распространению практик наставничества (этап 5)."
    )
    resources: Resources = Field(
        default_factory=Resources, description="Ресурсы программы для ресурсной карты (этап 5)."
    )
    monitoring_year: int | None = Field(
        default=None, ge=2019, le=2100, description="Год формы мониторинга (по умолчанию — первый год периода)."
    )
    monitoring: MonitoringData = Field(
        default_factory=MonitoringData, description="Итоговый мониторинг (этап 6): дата и численность групп."
    )
    best_practices: list[PracticeStory] = Field(
        default_factory=list,
        description="Лучшие практики (этап 7): рассказ о паре, отмеченной в реестре как лучшая практика, для её кейса.",
    )
    correction: Correction = Field(
        default_factory=Correction,
        description="Корректировка дорожной карты и плана на следующий год (этап 8): дата и выполнение мероприятий.",
    )
    declensions: list[Declension] = Field(
        default_factory=list,
        description="Исправленные формы: фраза комплекта (ФИО, должность, организация, место), падеж и форма, которую печатать во всех документах.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> SchoolData:
        if len(set(self.forms)) != len(self.forms):
            raise PydanticCustomError("duplicate_forms", "одна и та же форма наставничества указана дважды")
        if self.orders.introduce_model.date < self.orders.management_team.date:
            raise PydanticCustomError(
                "order_dates",
                "приказ о внедрении модели не может быть издан раньше приказа о создании управленческой команды",
            )
        return self

    def cross_check(self) -> list[Problem]:
        """Return the explicit dates that break the order of the school year's events (errors only), and the
        news dated by a point the school's schedule does not have."""
        problems = [Problem(p.message, loc=p.loc) for p in schedule_problems(self) if not p.warning]
        timeline = self.timeline
        for index, item in enumerate(self.website.news):
            try:
                timeline.day(item.date)
            except KeyError as error:
                problems.append(Problem(str(error.args[0]), loc=("website", "news", index, "date")))
        return problems

    def cross_warnings(self) -> list[str]:
        """Return the dates in an order the law allows but a reader of the documents would stop at."""
        return [str(Problem(p.message, loc=p.loc)) for p in schedule_problems(self) if p.warning]

    @property
    def timeline(self) -> Schedule:
        """Return the school year's schedule: every point the deadlines of the kits count from."""
        return school_schedule(self)

    @property
    def start(self) -> dt.date:
        """Return the date the bundled deadlines count from."""
        return self.programme_start or self.orders.introduce_model.date

    @property
    def report_year(self) -> int:
        """Return the year the monitoring reports on (the first year of the period unless given)."""
        return self.monitoring_year or self.period.start_year

    @property
    def correction_date(self) -> dt.date:
        """Return the date of the correction (stage 8): as given, else 15 January after the monitoring year."""
        return self.correction.date or dt.date(self.report_year + 1, 1, 15)

    @property
    def report_date(self) -> dt.date:
        """Return the date the final monitoring form is filled on: as given, else 20 November of the year."""
        return self.monitoring.date or dt.date(self.report_year, 11, 20)
