"""Roadmaps and plans: sections of measures with deadline, result, indicator and responsible."""

from __future__ import annotations

from pydantic import Field

from .base import Model, ShortText, Text
from .schedule import Deadline

__all__ = ["Measure", "MeasureSection", "MeasureTable"]


class Measure(Model):
    """One measure (мероприятие) of a roadmap or plan."""

    content: Text = Field(description="Содержание мероприятия.")
    deadline: Deadline = Field(description="Срок: дата, период, месяц или словами.")
    result: Text | None = Field(default=None, description="Ожидаемый результат (вид документа).")
    indicator: Text | None = Field(default=None, description="Показатель эффективности.")
    responsible: list[ShortText] = Field(
        default_factory=list,
        description="Ответственные: director, curator, team, working-group, mentors, … или ФИО/текст.",
    )


class MeasureSection(Model):
    """A section of a roadmap or plan («Организационно-методическое сопровождение деятельности»)."""

    title: Text = Field(description="Заголовок раздела.")
    rows: list[Measure] = Field(min_length=1, description="Мероприятия раздела.")


class MeasureTable(Model):
    """A whole roadmap or plan given in the data file; it replaces the bundled one."""

    title: Text | None = Field(default=None, description="Заголовок документа (по умолчанию — встроенный).")
    subtitle: Text | None = Field(default=None, description="Подзаголовок: период.")
    sections: list[MeasureSection] = Field(min_length=1, description="Разделы с мероприятиями.")
