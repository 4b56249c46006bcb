"""Stage 8 in the data file: the date of the correction and which rows of this year's plans were done.

A row of the stage-2 roadmap or plan is named by its number as the document prints it («12.»).
Without a word from the coordinator a row is done when its deadline passed before the correction
date, unfinished when its deadline is later, and continuing when its deadline is in words;
``progress`` overrides that for the rows it names (``documents/correction.py``).
"""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Date, Model

__all__ = ["Correction", "CorrectionProgress", "RowProgress"]


class RowProgress(Model):
    """The rows of one document that the coordinator marks done or not done, by their printed numbers."""

    done: list[int] = Field(
        default_factory=list,
        description="Номера выполненных мероприятий (как в документе этапа 2): они исключаются, даже если срок ещё не наступил.",
    )
    not_done: list[int] = Field(
        default_factory=list,
        description="Номера невыполненных мероприятий: они переносятся на следующий год, даже если срок прошёл.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> RowProgress:
        numbers = [*self.done, *self.not_done]
        if any(number < 1 for number in numbers):
            raise PydanticCustomError("row_number", "номер мероприятия — целое число от 1")
        both = sorted(set(self.done) & set(self.not_done))
        if both:
            raise PydanticCustomError(
                "row_both",
                "мероприятие {numbers} указано и в done, и в not_done",
                {"numbers": ", ".join(map(str, both))},
            )
        return self


class CorrectionProgress(Model):
    """What was done of the roadmap and of the plan."""

    roadmap: RowProgress = Field(default_factory=RowProgress, description="Дорожная карта.")
    plan: RowProgress = Field(default_factory=RowProgress, description="План мероприятий.")


class Correction(Model):
    """The correction of the roadmap and the plan for the next year (stage 8, January – February)."""

    date: Date | None = Field(
        default=None,
        description="Дата корректировки: мероприятия со сроком до неё считаются выполненными. По умолчанию — 15 января года, следующего за годом мониторинга.",
    )
    progress: CorrectionProgress = Field(
        default_factory=CorrectionProgress,
        description="Какие мероприятия выполнены и какие нет, если это расходится со сроками.",
    )
