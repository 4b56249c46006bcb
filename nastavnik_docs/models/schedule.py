"""Deadlines of roadmaps and plans: dates, ranges, months, or words — absolute or relative.

A deadline in the bundled roadmap is relative to the programme start («+6w», «+3m15d»), so the
same roadmap serves any year; a coordinator may also write absolute dates.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ..errors import LanguageError
from ..ru import add_months, format_date, format_date_range, format_month_range, parse_date
from ..ru.typography import NBSP
from .base import Model, ShortText, in_date_range

__all__ = ["DateOrOffset", "Deadline", "shift"]

_OFFSET = re.compile(r"^([+-])(\d{1,3})([dwm])(?:(\d{1,3})d)?$")


def shift(start: dt.date, offset: str) -> dt.date:
    """Return ``start`` moved by ``offset``: ``+15d``, ``+6w``, ``+3m``, ``+3m15d``, ``-1m``.

    >>> shift(dt.date(2026, 5, 29), "+3m3d")
    datetime.date(2026, 9, 1)
    >>> shift(dt.date(2026, 1, 31), "+1m")
    datetime.date(2026, 2, 28)
    """
    found = _OFFSET.match(offset.strip())
    if found is None:
        raise ValueError(offset)
    sign = -1 if found.group(1) == "-" else 1
    amount, unit, extra_days = int(found.group(2)), found.group(3), int(found.group(4) or 0)
    if unit == "d":
        return start + dt.timedelta(days=sign * amount)
    if unit == "w":
        return start + dt.timedelta(weeks=sign * amount)
    return add_months(start, sign * amount) + dt.timedelta(days=sign * extra_days)


def _date_or_offset(value: Any) -> Any:
    if isinstance(value, dt.date):
        return in_date_range(value)
    text = str(value).strip()
    if _OFFSET.match(text):
        return text
    try:
        return in_date_range(parse_date(text))
    except LanguageError:
        raise PydanticCustomError(
            "deadline_date", "ожидается дата ДД.ММ.ГГГГ или сдвиг от начала программы (+15d, +6w, +3m)"
        ) from None


DateOrOffset = Annotated[dt.date | str, BeforeValidator(_date_or_offset)]
"""A date, or an offset from the programme start such as ``+6w``."""


class Deadline(Model):
    """The deadline of a measure: exactly one of the forms below."""

    by: DateOrOffset | None = Field(default=None, description="«до 16.09.2026».")
    on: DateOrOffset | None = Field(default=None, description="«16.09.2026».")
    start: DateOrOffset | None = Field(
        default=None, alias="from", description="Начало периода: «01–16.09.2026» (вместе с to)."
    )
    to: DateOrOffset | None = Field(default=None, description="Конец периода (вместе с from).")
    month: DateOrOffset | None = Field(default=None, description="«Сентябрь 2026 года».")
    months: list[DateOrOffset] | None = Field(
        default=None, min_length=2, max_length=2, description="«Август – сентябрь 2026 года»."
    )
    year_end: DateOrOffset | None = Field(default=None, description="«до 31.12.2026»: конец года этой даты.")
    text: ShortText | None = Field(
        default=None, description="Срок словами: «в течение всего периода», «1 раз в квартал»."
    )

    model_config = Model.model_config | {"populate_by_name": True}

    @model_validator(mode="before")
    @classmethod
    def _from_plain(cls, value: Any) -> Any:
        # a plain string is a date when it reads as one, else words
        if isinstance(value, dt.date):
            return {"on": value}
        if isinstance(value, str):
            try:
                return {"on": parse_date(value)}
            except LanguageError:
                return {"text": value}
        if isinstance(value, dict) and True in value:  # YAML 1.1 reads an unquoted «on:» as true
            return {("on" if key is True else key): item for key, item in value.items()}
        return value

    @model_validator(mode="after")
    def _one_form(self) -> Deadline:
        forms = [
            name for name in ("by", "on", "month", "months", "year_end", "text") if getattr(self, name) is not None
        ]
        if self.start is not None or self.to is not None:
            if self.start is None or self.to is None:
                raise PydanticCustomError("deadline_range", "для периода нужны и from, и to")
            forms.append("from")
        if len(forms) != 1:
            raise PydanticCustomError(
                "deadline_form", "ожидается ровно один вид срока: by, on, from+to, month, months, year_end или text"
            )
        return self

    def render(self, start: dt.date) -> str:
        """Return the deadline as a roadmap cell writes it, offsets resolved from ``start``."""

        def day(value: dt.date | str) -> dt.date:
            return shift(start, value) if isinstance(value, str) else value

        if self.text is not None:
            return self.text
        if self.by is not None:
            return f"до{NBSP}{format_date(day(self.by), 'numeric')}"
        if self.on is not None:
            return format_date(day(self.on), "numeric")
        if self.year_end is not None:
            return f"до{NBSP}{format_date(dt.date(day(self.year_end).year, 12, 31), 'numeric')}"
        if self.month is not None:
            return format_date(day(self.month), "month-full")
        if self.months is not None:
            return format_month_range(day(self.months[0]), day(self.months[1]))
        return format_date_range(day(self.start), day(self.to))  # type: ignore[arg-type]

    def first_day(self, start: dt.date) -> dt.date | None:
        """Return the earliest date the deadline names (None for words), to sort or compare."""
        for value in (self.by, self.on, self.start, self.month, self.year_end, *(self.months or [])):
            if value is not None:
                return shift(start, value) if isinstance(value, str) else value
        return None
