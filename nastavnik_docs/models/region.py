"""A region job's result: for every organisation of a region folder, whether its kit was made, and why not.

The same records travel from a worker back to the job (as JSON), fill the index workbook and the
job's ``region.json`` (``io/region.py``), and are compared between runs: they hold no time.
"""

from __future__ import annotations

from pydantic import Field

from .base import Model

__all__ = ["OrganisationOutcome", "RegionSummary"]


class OrganisationOutcome(Model):
    """What became of one organisation: its kit (where, how many documents) or its error."""

    folder: str = Field(description="Папка организации в папке региона.")
    organisation: str | None = Field(default=None, description="Краткое наименование из файла данных, если прочитано.")
    inn: str | None = Field(default=None, description="ИНН из файла данных, если прочитан.")
    ok: bool = Field(description="Комплект изготовлен.")
    documents: int = Field(default=0, ge=0, description="Сколько документов в комплекте.")
    output: str | None = Field(default=None, description="Папка или архив комплекта внутри папки результата.")
    error: str | None = Field(default=None, description="Почему комплект не изготовлен: первая строка ошибки.")
    problems: list[str] = Field(default_factory=list, description="Каждая ошибка данных с её местом (поле, ячейка).")


class RegionSummary(Model):
    """A region job: the kit, and every organisation's outcome in the order of their folders."""

    kit: str = Field(description="Комплект, изготовленный для каждой организации.")
    organisations: list[OrganisationOutcome] = Field(default_factory=list)

    @property
    def succeeded(self) -> list[OrganisationOutcome]:
        """Return the organisations whose kit was made."""
        return [item for item in self.organisations if item.ok]

    @property
    def failed(self) -> list[OrganisationOutcome]:
        """Return the organisations whose kit was not made."""
        return [item for item in self.organisations if not item.ok]

    @property
    def documents(self) -> int:
        """Return how many documents the region's kits hold together."""
        return sum(item.documents for item in self.organisations)
