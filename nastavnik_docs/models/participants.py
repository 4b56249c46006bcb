"""Organisations taking part in the model, and the planned involvement indicators per year."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Model, ShortText, Text
from .mentorship import FormId
from .people import Person

__all__ = ["IndicatorPlan", "Participant", "ParticipantsList"]


class IndicatorPlan(Model):
    """Planned values of one indicator: base and target, or values by year."""

    id: ShortText = Field(description="Код показателя из встроенного перечня (mentees-10-19, …) или свой.")
    title: Text | None = Field(default=None, description="Наименование (обязательно для своего показателя).")
    unit: ShortText | None = Field(default=None, description="Единица измерения: «%», «чел.».")
    base: float | None = Field(default=None, ge=0, description="Значение в первом году периода.")
    target: float | None = Field(default=None, ge=0, description="Значение в последнем году периода.")
    values: dict[int, float] = Field(
        default_factory=dict, description="Значения по годам, если они заданы явно: {2026: 10, 2027: 25}."
    )


class Participant(Model):
    """An organisation in the list of participants of the current year."""

    full_name: Text = Field(description="Полное наименование.")
    short_name: ShortText = Field(description="Сокращённое наименование.")
    municipality: ShortText | None = Field(default=None, description="Муниципальное образование.")
    head: Person | None = Field(default=None, description="Руководитель.")
    forms: list[FormId] = Field(default_factory=list, description="Формы наставничества, которые внедряет организация.")
    indicators: list[IndicatorPlan] = Field(
        default_factory=list, description="Плановые показатели организации, если они отличаются от общих."
    )


class ParticipantsList(Model):
    """The list of organisations introducing the model in the current year."""

    year: int = Field(ge=2019, le=2100, description="Год, на который составлен перечень.")
    approved_by: Text | None = Field(
        default=None,
        description="Чем утверждён перечень: «распоряжением Министерства образования Омской области от … № …».",
    )
    organisations: list[Participant] = Field(min_length=1, description="Организации-участники.")

    @model_validator(mode="after")
    def _unique(self) -> ParticipantsList:
        names = [o.short_name for o in self.organisations]
        if len(set(names)) != len(names):
            raise PydanticCustomError("duplicate_participants", "одна и та же организация указана в перечне дважды")
        return self
