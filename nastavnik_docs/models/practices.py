"""Stage 7 in the data file: what the school tells of a best practice beyond the register's result."""

from __future__ import annotations

from pydantic import Field

from .base import Model, ShortText, Text

__all__ = ["PracticeStory"]


class PracticeStory(Model):
    """The story of a pair marked as a best practice in the register, for its case («кейс»)."""

    pair: ShortText = Field(description="Номер пары (группы) в реестре; она должна быть отмечена как лучшая практика.")
    title: ShortText | None = Field(
        default=None, description="Название практики (по умолчанию — по форме наставничества и номеру пары)."
    )
    problem: Text | None = Field(
        default=None, description="Проблема, которую решала пара (без неё кейс называет только цель пары)."
    )
    done: list[Text] = Field(
        default_factory=list,
        description="Что сделано, по пунктам (по умолчанию — мероприятия индивидуального плана).",
    )
    mentor_review: Text | None = Field(default=None, description="Отзыв наставника.")
    mentee_review: Text | None = Field(default=None, description="Отзыв наставляемого.")
