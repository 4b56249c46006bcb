"""Stage 6 in the data file: the date of the final monitoring and the headcounts its shares need."""

from __future__ import annotations

from pydantic import Field

from .base import Date, Model

__all__ = ["Headcount", "MonitoringData"]


class Headcount(Model):
    """How many people of each group the organisation has: the denominators of the efficiency indicators."""

    students_10_19: int | None = Field(
        default=None, ge=0, le=100_000, description="Обучающихся в возрасте от 10 до 19 лет."
    )
    students_15_19: int | None = Field(
        default=None, ge=0, le=100_000, description="Обучающихся в возрасте от 15 до 19 лет."
    )
    young_teachers: int | None = Field(
        default=None, ge=0, le=100_000, description="Учителей — молодых специалистов с опытом работы от 0 до 3 лет."
    )


class MonitoringData(Model):
    """What the final monitoring form needs beyond the register and the surveys."""

    date: Date | None = Field(
        default=None, description="Дата, на которую заполняется форма; по умолчанию — 20 ноября года мониторинга."
    )
    headcount: Headcount = Field(default_factory=Headcount, description="Численность групп (знаменатели показателей).")
