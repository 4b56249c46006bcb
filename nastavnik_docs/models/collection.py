"""A collection of filled final monitoring forms (stage 7): the forms accepted, the files set aside, and
what the collector says of itself — the year, who collects, the title of its documents.

The summary, the analytical report and the region-level results page are made from it
(``documents/collection.py``); ``io/monitoring.py`` reads a folder into it.
"""

from __future__ import annotations

from collections import Counter

from pydantic import Field

from .base import Model, Text
from .report import MonitoringReport

__all__ = ["FormIssue", "MonitoringCollection", "RejectedForm"]

DEFAULT_COLLECTOR = "Региональный наставнический центр"
DEFAULT_TITLE = "Итоги мониторинга реализации целевой модели наставничества обучающихся"


class FormIssue(Model):
    """One problem of a file that was set aside: the file, the sheet and cell where it is known, what is wrong."""

    file: Text = Field(description="Файл (путь внутри папки сбора).")
    sheet: Text | None = Field(default=None, description="Лист, если известен.")
    cell: Text | None = Field(default=None, description="Ячейка (C18), если известна.")
    label: Text | None = Field(default=None, description="Подпись ячейки в форме, если ошибка в значении ячейки.")
    message: Text = Field(description="Что не так: правило, никогда не значение.")

    def __str__(self) -> str:
        place = f", лист «{self.sheet}», ячейка {self.cell}" if self.sheet and self.cell else ""
        label = f" («{self.label}»)" if self.label else ""
        return f"{self.file}{place}{label}: {self.message}"


class RejectedForm(Model):
    """A file that could not be collected, with every problem found in it."""

    source: Text = Field(description="Файл (путь внутри папки сбора).")
    problems: list[FormIssue] = Field(description="Ошибки файла.")


class MonitoringCollection(Model):
    """The filled forms of many organisations collected from one folder, and who collects them."""

    reports: list[MonitoringReport] = Field(
        default_factory=list, description="Принятые формы, по одной на организацию."
    )
    rejected: list[RejectedForm] = Field(default_factory=list, description="Отклонённые файлы и их ошибки.")
    year: int | None = Field(
        default=None, ge=2000, le=2100, description="Отчётный год; без него — год, который указан в большинстве форм."
    )
    collector: Text = Field(
        default=DEFAULT_COLLECTOR, max_length=500, description="Кто собирает формы (подпись документов)."
    )
    title: Text = Field(default=DEFAULT_TITLE, max_length=500, description="Заголовок документов сбора.")

    @property
    def reporting_year(self) -> int | None:
        """Return the year given, else the year most forms report (the earliest of equally common ones)."""
        if self.year is not None:
            return self.year
        years = Counter(report.org.year for report in self.reports if report.org.year is not None)
        if not years:
            return None
        return min(years, key=lambda year: (-years[year], year))
