"""What the stage-6 kit is made from: the school, its register and, when the survey was held, the answers."""

from __future__ import annotations

from pydantic import Field

from .school import SchoolData
from .surveys import SurveyAnswers, SurveyRoster

__all__ = ["SchoolMonitoring"]


class SchoolMonitoring(SurveyRoster):
    """The data file, the participant register and the survey answers of the final monitoring (stage 6).

    It is a :class:`SurveyRoster` too: the questionnaires of the kit are made from its register.
    """

    school: SchoolData = Field(description="Данные организации (тот же файл, что для этапов 1–5).")
    answers: SurveyAnswers | None = Field(
        default=None,
        description="Ответы анкетирования удовлетворённости (без них доли удовлетворённости не заполняются).",
    )
