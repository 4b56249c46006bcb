"""The mentorship programme: its period and the forms of mentorship (from the forms catalogue)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ..content import content_data
from .base import Choices, Model, ShortText

__all__ = ["FormId", "MentorshipForm", "ProgrammePeriod", "forms_catalogue"]


class MentorshipForm(Model):
    """One form of mentorship («ученик – ученик»…) with its characteristics."""

    id: ShortText = Field(description="Код формы: student-student, teacher-teacher, …")
    title: ShortText = Field(description="Название: «ученик – ученик».")
    goal: str = Field(description="Цель формы.")
    tasks: list[str] = Field(description="Задачи.")
    mentor: str = Field(description="Кто наставник.")
    mentee: str = Field(description="Кто наставляемый.")
    activities: list[str] = Field(description="Типичные мероприятия.")
    results: list[str] = Field(description="Ожидаемые результаты.")


@cache
def forms_catalogue() -> dict[str, MentorshipForm]:
    """Return the bundled catalogue of forms of mentorship by id."""
    return {item["id"]: MentorshipForm(**item) for item in content_data("forms.yaml")}


def _known_form(value: str) -> str:
    catalogue = forms_catalogue()
    if value in catalogue:
        return value
    by_title = {form.title.replace("–", "-").replace(" ", ""): key for key, form in catalogue.items()}
    key = value.replace("–", "-").replace("—", "-").replace(" ", "").strip('«»"').lower()
    if key in by_title:
        return by_title[key]
    raise PydanticCustomError(
        "mentorship_form",
        "неизвестная форма наставничества; допустимые значения: {allowed}",
        {"allowed": ", ".join(f"{key} («{form.title}»)" for key, form in catalogue.items())},
    )


def _form_titles() -> dict[str, str]:
    return {key: form.title for key, form in forms_catalogue().items()}


FormId = Annotated[str, AfterValidator(_known_form), Choices(_form_titles)]
"""A form of mentorship by its id (``student-student``) or title («ученик – ученик»)."""


class ProgrammePeriod(Model):
    """The years in which the target model is introduced, e.g. 2020–2024."""

    start_year: int = Field(ge=2019, le=2100, description="Первый год внедрения.")
    end_year: int = Field(ge=2019, le=2100, description="Последний год внедрения.")

    @model_validator(mode="after")
    def _ordered(self) -> ProgrammePeriod:
        if self.end_year < self.start_year:
            raise PydanticCustomError("period_order", "последний год раньше первого")
        return self

    def contains(self, day: dt.date) -> bool:
        """Return whether ``day`` falls inside the period."""
        return self.start_year <= day.year <= self.end_year
