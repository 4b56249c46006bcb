"""What the kits of stages 7 and 8 are made from: the school's files and its filled final monitoring form."""

from __future__ import annotations

from pydantic import Field

from .base import Model
from .register import SchoolRegister
from .report import MonitoringReport
from .school import SchoolData

__all__ = ["SchoolCorrection", "SchoolResults"]


class SchoolResults(SchoolRegister):
    """The data file, the participant register and the filled final monitoring form (stage 7)."""

    report: MonitoringReport = Field(description="Заполненная форма итогового мониторинга.")


class SchoolCorrection(Model):
    """The data file and the filled final monitoring form (stage 8: next year's roadmap and plan)."""

    school: SchoolData = Field(description="Данные организации (тот же файл, что для этапов 1–7).")
    report: MonitoringReport = Field(description="Заполненная форма итогового мониторинга.")
