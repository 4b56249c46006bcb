"""Stage 4 in the data file: the school's mentorship programme and how it was approved."""

from __future__ import annotations

from pydantic import Field

from .base import Date, Model, ShortText, Text
from .documents import OrderRef

__all__ = ["Minutes", "ProgrammeApproval"]


class Minutes(Model):
    """The minutes (протокол) of a meeting of the teachers' council."""

    number: ShortText = Field(description="Номер протокола.")
    date: Date = Field(description="Дата заседания.")


class ProgrammeApproval(Model):
    """The school's mentorship programme: its title, the council that considered it, the order that approved it."""

    title: Text | None = Field(
        default=None,
        description="Название программы; по умолчанию — программа пар реестра («Программа наставничества … на 2026/2027 учебный год»).",
    )
    council: Minutes = Field(
        description="Протокол педагогического совета, на котором программа рассмотрена («РАССМОТРЕНО»)."
    )
    order: OrderRef = Field(
        description="Приказ об утверждении программы и индивидуальных планов наставнических пар («УТВЕРЖДЕНО»)."
    )
