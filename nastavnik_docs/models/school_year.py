"""The school year's schedule: one set of dates every kit of a school takes its dates from.

The data file gives some points explicitly (the orders' dates, ``monitoring.date``, ``correction.date``,
the optional ``schedule:`` section); :func:`school_schedule` fills in the others from them, so a
roadmap made in May names the same day for the order on pairs as the order itself, and the
individual plans the same first meetings as the roadmap. :func:`schedule_problems` lists the
explicit dates that break the order of events: errors where the documents would contradict each
other, warnings (``SchoolData.cross_warnings``, shown by :func:`~.validation.validate`) where the law allows the order but a reader would stop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import Field

from ..ru import add_months, format_date
from .base import Date, Model
from .schedule import Schedule

if TYPE_CHECKING:
    from .municipal import MunicipalData
    from .school import SchoolData

__all__ = ["ScheduleDates", "ScheduleProblem", "municipal_schedule", "schedule_problems", "school_schedule"]


class ScheduleDates(Model):
    """Points of the school year that no order of the data file dates; each has a default."""

    year_start: Date | None = Field(
        default=None, description="Начало учебного года; по умолчанию — 1 сентября первого года периода."
    )
    website: Date | None = Field(
        default=None,
        description="Срок создания вкладки «Наставничество» на сайте; по умолчанию — через месяц после приказа о создании управленческой команды.",
    )
    plan: Date | None = Field(
        default=None,
        description="Срок утверждения плана реализации мероприятий; по умолчанию — через месяц после приказа о создании управленческой команды.",
    )
    partners: Date | None = Field(
        default=None,
        description="Срок заключения договоров о социальном партнёрстве; по умолчанию — накануне начала учебного года.",
    )
    consents: Date | None = Field(
        default=None,
        description="Срок сбора согласий на обработку персональных данных (не позже приказа о закреплении пар: он на них ссылается); по умолчанию — за 3 дня до приказа.",
    )
    pairs_start: Date | None = Field(
        default=None,
        description="Начало работы наставнических пар (дата соглашений о сотрудничестве); по умолчанию — на следующий день после приказа о закреплении пар, без приказа — через две недели после начала учебного года.",
    )
    first_meetings: Date | None = Field(
        default=None, description="Срок встреч-знакомств в парах; по умолчанию — через неделю после начала работы пар."
    )
    plans: Date | None = Field(
        default=None,
        description="Срок встреч-планирования и согласования индивидуальных планов; по умолчанию — через три недели после начала работы пар.",
    )
    results: Date | None = Field(
        default=None,
        description="Срок публикации итогов года и кейсов (этап 7); по умолчанию — 20 декабря (не раньше недели после начала учебного года).",
    )
    year_end: Date | None = Field(
        default=None, description="Окончание работы пар в учебном году; по умолчанию — 31 мая следующего года."
    )


def school_schedule(data: SchoolData) -> Schedule:
    """Return the school year's points: the data file's dates, and the defaults derived from them."""
    given = data.schedule
    management = data.orders.management_team.date
    start = data.start
    year_start = given.year_start or max(dt.date(data.period.start_year, 9, 1), start)
    pairs_order = data.pairs_order.date if data.pairs_order is not None else None
    pairs_start = given.pairs_start or (
        pairs_order + dt.timedelta(days=1) if pairs_order is not None else year_start + dt.timedelta(days=14)
    )
    pairs_order = pairs_order or pairs_start - dt.timedelta(days=1)
    plans = given.plans or pairs_start + dt.timedelta(days=21)
    programme_order = data.programme.order.date if data.programme is not None else plans + dt.timedelta(days=1)
    council = data.programme.council.date if data.programme is not None else programme_order - dt.timedelta(days=7)
    monitoring = data.report_date
    return Schedule(
        {
            "programme_start": start,
            "management_team": management,
            "introduce_model": data.orders.introduce_model.date,
            "website": given.website or add_months(management, 1),
            "plan": given.plan or add_months(management, 1),
            "year_start": year_start,
            "partners": given.partners or year_start - dt.timedelta(days=1),
            "consents": given.consents or pairs_order - dt.timedelta(days=3),
            "pairs_order": pairs_order,
            "pairs_start": pairs_start,
            "first_meetings": given.first_meetings or pairs_start + dt.timedelta(days=7),
            "plans": plans,
            "programme_council": council,
            "programme_order": programme_order,
            "monitoring": monitoring,
            "monitoring_due": dt.date(monitoring.year, 11, 25),
            # 20 December, but never before the school year's work has begun (an order of late December)
            "results": given.results or max(dt.date(monitoring.year, 12, 20), year_start + dt.timedelta(days=7)),
            "correction": data.correction_date,
            "year_end": given.year_end or dt.date(year_start.year + 1, 5, 31),
        }
    )


def _half_year_end(year_start: dt.date) -> dt.date:
    """Return the end of the I полугодие of the school year starting on ``year_start``: 20 December."""
    return dt.date(year_start.year, 12, 20)


def municipal_schedule(data: MunicipalData) -> Schedule:
    """Return the points a municipal roadmap counts from: the order, its school year, the roadmap's years.

    The school year is the one the order prepares (seed 002: the order of 29 May 2020 and the
    monitoring of December 2020, May 2021 and December 2021).
    """
    start = data.start
    year_start = max(dt.date(data.period.start_year, 9, 1), start)
    years = data.years
    return Schedule(
        {
            "programme_start": start,
            "year_start": year_start,
            "half_year_end": _half_year_end(year_start),
            "year_end": dt.date(year_start.year + 1, 5, 31),
            "roadmap_start": dt.date(years.start, 1, 1),
            "roadmap_end": dt.date(years.end, 12, 31),
        }
    )


@dataclass(frozen=True, slots=True)
class ScheduleProblem:
    """Two explicit dates in the wrong order: where the later one is, the message, and whether the law allows it."""

    loc: tuple[str | int, ...]
    message: str
    warning: bool = False


def _on(day: dt.date) -> str:
    return format_date(day, "numeric")


def schedule_problems(data: SchoolData) -> Iterator[ScheduleProblem]:
    """Yield every pair of the data file's explicit dates that come in the wrong order."""
    orders = data.orders
    explicit: list[tuple[tuple[str, ...], str, dt.date]] = []
    if data.pairs_order is not None:
        explicit.append((("pairs_order", "date"), "приказ о закреплении пар", data.pairs_order.date))
    given = data.schedule
    if given.consents is not None:
        explicit.append((("schedule", "consents"), "срок сбора согласий", given.consents))
    if given.pairs_start is not None:
        explicit.append((("schedule", "pairs_start"), "начало работы пар", given.pairs_start))
    # Errors: the documents themselves would contradict each other.
    introduced = orders.introduce_model.date
    for loc, what, day in explicit:
        if day < introduced:
            yield ScheduleProblem(
                loc,
                f"{what} ({_on(day)}) раньше приказа о внедрении модели (orders.introduce_model.date, "
                f"{_on(introduced)}): наставничество начинается после внедрения модели",
            )
    if data.pairs_order is not None and given.pairs_start is not None and given.pairs_start < data.pairs_order.date:
        yield ScheduleProblem(
            ("schedule", "pairs_start"),
            f"пары начинают работу ({_on(given.pairs_start)}) раньше приказа о закреплении пар "
            f"(pairs_order.date, {_on(data.pairs_order.date)}), который их формирует",
        )
    if given.consents is not None and given.pairs_start is not None and given.consents > given.pairs_start:
        yield ScheduleProblem(
            ("schedule", "consents"),
            f"согласия на обработку персональных данных ({_on(given.consents)}) собираются позже начала работы пар "
            f"(schedule.pairs_start, {_on(given.pairs_start)}): без согласия данные участников не обрабатываются",
        )
    if data.programme is not None and data.programme.council.date > data.programme.order.date:
        yield ScheduleProblem(
            ("programme", "order", "date"),
            f"программа утверждена приказом ({_on(data.programme.order.date)}) раньше, чем рассмотрена педагогическим "
            f"советом (programme.council.date, {_on(data.programme.council.date)})",
        )
    if data.correction.date is not None and data.correction.date <= data.report_date:
        yield ScheduleProblem(
            ("correction", "date"),
            f"корректировка ({_on(data.correction.date)}) не позже даты итогового мониторинга "
            f"(monitoring.date, {_on(data.report_date)}), по итогам которого она делается",
        )
    # Warnings: allowed, but a reader of the folder stops at them.
    timeline = school_schedule(data)
    if given.consents is not None and data.pairs_order is not None and given.consents > data.pairs_order.date:
        yield ScheduleProblem(
            ("schedule", "consents"),
            f"согласия ({_on(given.consents)}) собираются позже приказа о закреплении пар (pairs_order.date, "
            f"{_on(data.pairs_order.date)}), который ссылается на письменное согласие участников",
            warning=True,
        )
    if data.programme is not None:
        approved, pairs_order = data.programme.order.date, timeline.dates["pairs_order"]
        if data.pairs_order is not None and approved < pairs_order:
            yield ScheduleProblem(
                ("programme", "order", "date"),
                f"приказ об утверждении программы и индивидуальных планов ({_on(approved)}) раньше приказа "
                f"о закреплении пар (pairs_order.date, {_on(pairs_order)}): планы утверждаются для закреплённых пар",
                warning=True,
            )
        elif approved < timeline.dates["plans"]:
            yield ScheduleProblem(
                ("programme", "order", "date"),
                f"индивидуальные планы утверждаются ({_on(approved)}) раньше встреч-планирования в парах "
                f"(schedule.plans, {_on(timeline.dates['plans'])}), на которых они согласуются",
                warning=True,
            )
    if timeline.dates["pairs_start"] >= data.report_date:
        yield ScheduleProblem(
            ("monitoring", "date"),
            f"к дате итогового мониторинга ({_on(data.report_date)}) пары ещё не начали работу "
            f"(schedule.pairs_start, {_on(timeline.dates['pairs_start'])}): в форме не будет пар отчётного года",
            warning=True,
        )
