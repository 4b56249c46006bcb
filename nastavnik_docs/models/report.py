"""A filled final monitoring form as read back (stage 7): the figures of one organisation for one year.

Its shape follows the form's layout (``content/data/final-monitoring.yaml``): the organisation's
identity, the pairs by form of mentorship, the participants by role and age group, the efficiency
indicators (group, involved, plan; the fact is computed, never read), the dissemination, comments.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field
from pydantic.dataclasses import dataclass

from ..ru import percent
from .base import Model, Text

Count = Annotated[int, Field(ge=0, le=100_000_000)]
"""A headcount or a number of pairs, events, partners: what the form's validation lets a cell hold."""
Share = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
"""A percentage of the form, 0–100."""

__all__ = ["FormFigures", "IndicatorFigures", "MonitoringReport", "OrganisationFigures"]


class OrganisationFigures(Model):
    """Section 1 of the form: who reports, for which year."""

    full_name: Text | None = None
    short_name: Text | None = None
    inn: Text | None = None
    municipality: Text | None = None
    year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    date: dt.date | None = None
    curator: Text | None = None
    contact: Text | None = None


# Rows of a form are slotted dataclasses (immutable, validated like a Model), not models: a thousand forms
# hold 13,000 of them, and a model keeps a dict and a set of the fields given (bench/collect.py's memory).
@dataclass(config=Model.model_config, slots=True, kw_only=True)
class FormFigures:
    """A row of section 2: the pairs of one form of mentorship."""

    mentors: Count | None = None
    mentees: Count | None = None
    pairs: Count | None = None
    started: Count | None = None
    completed: Count | None = None
    terminated: Count | None = None
    satisfied_mentees: Share | None = None
    satisfied_mentors: Share | None = None


@dataclass(config=Model.model_config, slots=True, kw_only=True)
class IndicatorFigures:
    """A row of section 4: the group, how many of it are involved (or satisfied), the plan in %."""

    base: Count | None = None
    count: Count | None = None
    plan: Share | None = None

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

    source: Text = Field(description="Файл формы.")
    version: Text = Field(description="Версия формы.")
    org: OrganisationFigures
    forms: dict[str, FormFigures] = Field(description="По формам наставничества (коды forms.yaml).")
    forms_total: dict[str, Share | None] = Field(default_factory=dict, description="Удовлетворённость в целом, %.")
    groups: dict[str, Count | None] = Field(default_factory=dict)
    indicators: dict[str, IndicatorFigures] = Field(default_factory=dict)
    practice: dict[str, Count | None] = Field(default_factory=dict)
    comments: dict[str, Text | None] = Field(default_factory=dict)

    @property
    def key(self) -> str:
        """Return what tells one organisation from another: its INN, else its short name."""
        return (self.org.inn or self.org.short_name or self.source).strip().lower()
