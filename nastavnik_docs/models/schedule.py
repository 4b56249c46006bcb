"""Deadlines of roadmaps and plans: dates, ranges, months, or words — absolute or counted from the
school year's schedule.

A bundled deadline names a point of the schedule and an offset from it («pairs_order», «pairs_start+7d»,
«year_end-1m»; a bare offset such as «+6w» counts from the programme start), so one roadmap serves
any year and agrees with the dates of the school's own orders; a coordinator may also write absolute
dates. The points a kit knows are a :class:`Schedule` (``models/school_year.py`` builds the school's).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ..errors import LanguageError
from ..ru import (
    add_months,
    format_date,
    format_date_range,
    format_month_range,
    format_months_list,
    format_years_during,
    lowerfirst,
    parse_date,
)
from ..ru.typography import NBSP
from .base import Model, ShortText, in_date_range

__all__ = [
    "ANCHORS",
    "HALF_YEAR_END_MONTHS",
    "DateOrOffset",
    "Deadline",
    "Schedule",
    "half_year_ends",
    "resolve",
    "shift",
]

_OFFSET = re.compile(r"^([+-])(\d{1,3})([dwm])(?:(\d{1,3})d)?$")
_POINT = re.compile(r"^([a-z][a-z_]*)?((?:[+-])\d{1,3}[dwm](?:\d{1,3}d)?)?$")

ANCHORS: dict[str, str] = {
    "programme_start": "начало программы: приказ о внедрении модели (или programme_start)",
    "management_team": "приказ о создании управленческой команды (orders.management_team.date)",
    "introduce_model": "приказ о внедрении модели (orders.introduce_model.date)",
    "plan": "утверждение плана реализации мероприятий (schedule.plan)",
    "website": "создание вкладки «Наставничество» на сайте (schedule.website)",
    "year_start": "начало учебного года (schedule.year_start)",
    "partners": "договоры о социальном партнёрстве (schedule.partners)",
    "consents": "согласия на обработку персональных данных (schedule.consents)",
    "pairs_order": "приказ о закреплении наставнических пар (pairs_order.date)",
    "pairs_start": "начало работы наставнических пар (schedule.pairs_start)",
    "first_meetings": "встречи-знакомства в парах (schedule.first_meetings)",
    "plans": "встречи-планирования, индивидуальные планы (schedule.plans)",
    "programme_council": "педагогический совет о программе (programme.council.date)",
    "programme_order": "приказ об утверждении программы и индивидуальных планов (programme.order.date)",
    "monitoring": "итоговый мониторинг: дата формы (monitoring.date)",
    "monitoring_due": "срок представления формы мониторинга: 25 ноября",
    "results": "публикация итогов года и кейсов (schedule.results)",
    "correction": "корректировка дорожной карты и плана (correction.date)",
    "year_end": "окончание работы пар в учебном году (schedule.year_end)",
    "half_year_end": "конец I полугодия учебного года: 20 декабря",
    "roadmap_start": "1 января первого года дорожной карты (roadmap_years.start)",
    "roadmap_end": "31 декабря последнего года дорожной карты (roadmap_years.end)",
    "model_order": "приказ о внедрении системы наставничества педагогических работников (orders.model.date)",
    "agreements": "дополнительные соглашения к трудовым договорам наставников (schedule.agreements)",
    "programmes": "персонализированные программы наставничества (schedule.programmes)",
    "pair_start": "начало работы пары (её «Дата начала»)",
    "pair_end": "окончание работы пары (её «Дата окончания»)",
    "pair_first_meeting": "встреча-знакомство пары",
    "pair_planning": "встреча-планирование пары",
    "pair_survey": "анкетирование удовлетворённости участников пары",
}
"""The points of a schedule a deadline may count from, with what each is (messages and docs/templates.md)."""


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


@dataclass(frozen=True, slots=True)
class Schedule:
    """The named points of a kit's year (``ANCHORS``): what the deadlines of its documents count from."""

    dates: Mapping[str, dt.date] = field(default_factory=dict)

    @classmethod
    def at(cls, start: dt.date) -> Schedule:
        """Return a schedule that knows only the programme start: bare offsets count from ``start``."""
        return cls({"programme_start": start})

    @property
    def start(self) -> dt.date:
        """Return the programme start, which bare offsets («+2w») count from."""
        return self.dates["programme_start"]

    def with_points(self, **points: dt.date) -> Schedule:
        """Return this schedule with more points (a pair's own start and end)."""
        return Schedule({**self.dates, **points})

    def day(self, value: dt.date | str) -> dt.date:
        """Return the date a deadline's value names: a date as it is, ``point±offset`` resolved.

        >>> Schedule({"programme_start": dt.date(2026, 5, 29), "pairs_start": dt.date(2026, 9, 15)}).day("pairs_start+1w")
        datetime.date(2026, 9, 22)
        """
        if isinstance(value, dt.date):
            return value
        found = _POINT.match(value.strip())
        if found is None or not (found.group(1) or found.group(2)):
            raise ValueError(value)
        name = found.group(1) or "programme_start"
        if name not in self.dates:
            known = ", ".join(sorted(self.dates))
            raise KeyError(f"в графике этого комплекта нет точки «{name}» (есть: {known})")
        base = self.dates[name]
        return shift(base, found.group(2)) if found.group(2) else base


HALF_YEAR_END_MONTHS = (12, 5)
"""The months a school year's half-years end in: the I полугодие in December, the II in May."""


def half_year_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """Return the first day of every month between ``first`` and ``last`` that ends a half-year.

    >>> [f"{d:%m.%Y}" for d in half_year_ends(dt.date(2026, 12, 20), dt.date(2027, 12, 31))]
    ['12.2026', '05.2027', '12.2027']
    """
    ends = []
    month = dt.date(first.year, first.month, 1)
    while month <= last:
        if month.month in HALF_YEAR_END_MONTHS:
            ends.append(month)
        month = add_months(month, 1)
    return ends


def resolve(value: dt.date | str, schedule: Schedule | dt.date) -> dt.date:
    """Return the date of a deadline's value on ``schedule`` (a bare date: the programme start)."""
    return (schedule if isinstance(schedule, Schedule) else Schedule.at(schedule)).day(value)


def _date_or_offset(value: Any) -> Any:
    if isinstance(value, dt.date):
        return in_date_range(value)
    text = str(value).strip()
    found = _POINT.match(text)
    if found is not None and (found.group(1) or found.group(2)):
        if found.group(1) and found.group(1) not in ANCHORS:
            raise PydanticCustomError(
                "deadline_point",
                "неизвестная точка графика «{name}»: допустимы {known}",
                {"name": found.group(1), "known": ", ".join(ANCHORS)},
            )
        return text
    try:
        return in_date_range(parse_date(text))
    except LanguageError:
        raise PydanticCustomError(
            "deadline_date",
            "ожидается дата ДД.ММ.ГГГГ, сдвиг от начала программы (+15d, +6w, +3m) или точка графика со сдвигом (pairs_start+7d)",
        ) from None


DateOrOffset = Annotated[dt.date | str, BeforeValidator(_date_or_offset)]
"""A date, an offset from the programme start such as ``+6w``, or a point of the schedule with an offset (``pairs_order-3d``)."""

YEARLY = "и далее ежегодно"
"""What a yearly deadline adds after its first year's date."""


class Deadline(Model):
    """The deadline of a measure: exactly one of the forms below, maybe repeated every year."""

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
    during: list[DateOrOffset] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="«В течение 2026, 2027 годов»: годы от первой даты до второй.",
    )
    half_years: list[DateOrOffset] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="Итоги каждого полугодия от первой даты до второй (декабрь и май): «Декабрь 2026 года, май 2027 года, декабрь 2027 года».",
    )
    text: ShortText | None = Field(
        default=None, description="Срок словами: «в течение всего периода», «1 раз в квартал»."
    )
    before: ShortText | None = Field(
        default=None, description="Слова перед сроком с датой: «постоянно,» → «Постоянно, в течение 2026, 2027 годов»."
    )
    after: ShortText | None = Field(
        default=None,
        description="Слова после срока с датой: «(сроки устанавливаются распорядительными актами образовательной организации)».",
    )
    yearly: bool = Field(
        default=False,
        description="Мероприятие повторяется каждый учебный год: «до 14.09.2026 и далее ежегодно» (корректировка переносит его на следующий год).",
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
            name
            for name in ("by", "on", "month", "months", "year_end", "during", "half_years", "text")
            if getattr(self, name) is not None
        ]
        if self.start is not None or self.to is not None:
            if self.start is None or self.to is None:
                raise PydanticCustomError("deadline_range", "для периода нужны и from, и to")
            forms.append("from")
        if len(forms) != 1:
            raise PydanticCustomError(
                "deadline_form",
                "ожидается ровно один вид срока: by, on, from+to, month, months, year_end, during, half_years или text",
            )
        if self.yearly and self.text is not None:
            raise PydanticCustomError("deadline_yearly", "yearly — только для срока с датой, не для срока словами")
        if self.text is not None and (self.before is not None or self.after is not None):
            raise PydanticCustomError(
                "deadline_words", "before и after — только для срока с датой: слова пишутся в text"
            )
        return self

    def render(self, schedule: Schedule | dt.date) -> str:
        """Return the deadline as a roadmap cell writes it, points and offsets resolved on ``schedule``."""
        if self.text is not None:
            return self.text
        first = self._first_year(schedule)
        dated = f"{first} {YEARLY}" if self.yearly else first
        if self.before is not None:
            dated = f"{self.before} {lowerfirst(dated)}"
        return f"{dated} {self.after}" if self.after is not None else dated

    def _first_year(self, schedule: Schedule | dt.date) -> str:
        def day(value: dt.date | str) -> dt.date:
            return resolve(value, schedule)

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
        if self.during is not None:
            return format_years_during(day(self.during[0]).year, day(self.during[1]).year)
        if self.half_years is not None:
            first, last = day(self.half_years[0]), day(self.half_years[1])
            if not (ends := half_year_ends(first, last)):
                raise LanguageError(
                    f"Срок по итогам полугодий пуст: с {format_date(first, 'numeric')} по "
                    f"{format_date(last, 'numeric')} нет ни декабря, ни мая."
                )
            return format_months_list(ends)
        return format_date_range(day(self.start), day(self.to))  # type: ignore[arg-type]

    def first_day(self, schedule: Schedule | dt.date) -> dt.date | None:
        """Return the earliest date the deadline names (None for words), to sort or compare."""
        for value in (
            self.by,
            self.on,
            self.start,
            self.month,
            self.year_end,
            *(self.months or []),
            *(self.during or []),
            *(self.half_years or []),
        ):
            if value is not None:
                return resolve(value, schedule)
        return None
