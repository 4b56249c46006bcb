"""A filled final monitoring form as read back (stage 7): the figures of one organisation for one year.

Its shape follows the form's layout (``content/data/final-monitoring.yaml``): the organisation's
identity, the pairs by form of mentorship, the participants by role and age group, the efficiency
indicators (group, involved, plan; the fact is computed, never read), the dissemination, comments.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ..ru import percent
from .base import Model

__all__ = ["FormFigures", "IndicatorFigures", "MonitoringReport", "OrganisationFigures"]


class OrganisationFigures(Model):
    """Section 1 of the form: who reports, for which year."""

    full_name: str | None = None
    short_name: str | None = None
    inn: str | None = None
    municipality: str | None = None
    year: int | None = None
    date: dt.date | None = None
    curator: str | None = None
    contact: str | None = None


class FormFigures(Model):
    """A row of section 2: the pairs of one form of mentorship."""

    mentors: int | None = None
    mentees: int | None = None
    pairs: int | None = None
    started: int | None = None
    completed: int | None = None
    terminated: int | None = None
    satisfied_mentees: float | None = None
    satisfied_mentors: float | None = None


class IndicatorFigures(Model):
    """A row of section 4: the group, how many of it are involved (or satisfied), the plan in %."""

    base: int | None = None
    count: int | None = None
    plan: float | None = None

    @property
    def fact(self) -> float | None:
        """Return the fact in %, as the form's formula computes it."""
        return percent(self.count, self.base) if self.count is not None and self.base else None

    @property
    def done(self) -> float | None:
        """Return how much of the plan is done, in %."""
        fact = self.fact
        return percent(fact, self.plan) if fact is not None and self.plan else None


class MonitoringReport(Model):
    """Everything one filled form says; ``source`` is the file it was read from."""

    source: str = Field(description="Файл формы.")
    version: str = Field(description="Версия формы.")
    org: OrganisationFigures
    forms: dict[str, FormFigures] = Field(description="По формам наставничества (коды forms.yaml).")
    forms_total: dict[str, float | None] = Field(default_factory=dict, description="Удовлетворённость в целом, %.")
    groups: dict[str, int | None] = Field(default_factory=dict)
    indicators: dict[str, IndicatorFigures] = Field(default_factory=dict)
    practice: dict[str, int | None] = Field(default_factory=dict)
    comments: dict[str, str | None] = Field(default_factory=dict)

    @property
    def key(self) -> str:
        """Return what tells one organisation from another: its INN, else its short name."""
        return (self.org.inn or self.org.short_name or self.source).strip().lower()
