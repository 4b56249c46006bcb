"""Dates as Russian official documents write them; month names and patterns come from babel."""

from __future__ import annotations

import calendar
import datetime as dt
from enum import StrEnum
from functools import cache, lru_cache
from typing import Literal

from babel.dates import format_date as _babel_format_date
from babel.dates import format_skeleton, get_month_names

from ..errors import LanguageError
from .typography import EN_DASH, NBSP

__all__ = [
    "DateStyle",
    "add_months",
    "format_date",
    "format_date_range",
    "format_month_range",
    "format_months_list",
    "format_school_year",
    "format_year_range",
    "format_years_during",
    "parse_date",
]

_LOCALE = "ru"  # fixed: output never depends on the machine's locale


class DateStyle(StrEnum):
    """How :func:`format_date` writes a date."""

    LONG = "long"  # «29» мая 2020 г.
    TEXT = "text"  # 29 мая 2020 г.
    NUMERIC = "numeric"  # 29.05.2020
    MONTH = "month"  # май 2020 г.
    MONTH_FULL = "month-full"  # Май 2020 года


DateLike = dt.date | str


def parse_date(value: DateLike) -> dt.date:
    """Return ``value`` as a date; strings may be ``2020-05-29`` or ``29.05.2020``.

    >>> parse_date("29.05.2020")
    datetime.date(2020, 5, 29)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise LanguageError(f"Не удалось прочитать дату «{value}»: ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД.")
    raise LanguageError(f"Ожидается дата, получено значение типа {type(value).__name__}.")


def add_months(value: DateLike, months: int) -> dt.date:
    """Return the same day ``months`` later (earlier when negative), the last day of a shorter month.

    >>> add_months("2026-01-31", 1), add_months("2026-05-29", -5)
    (datetime.date(2026, 2, 28), datetime.date(2025, 12, 29))
    """
    day = parse_date(value)
    index = day.month - 1 + int(months)
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@cache
def _month_names(context: Literal["format", "stand-alone"]) -> dict[int, str]:
    """Return babel's wide Russian month names: ``format`` is genitive, ``stand-alone`` nominative."""
    return dict(get_month_names("wide", context=context, locale=_LOCALE))


def _parse_style(style: str | DateStyle) -> DateStyle:
    try:
        return DateStyle(style)
    except ValueError:
        allowed = ", ".join(s.value for s in DateStyle)
        raise LanguageError(f"Неизвестный формат даты «{style}». Допустимые значения: {allowed}.") from None


def _month_year(value: dt.date, *, capital: bool) -> str:
    """Return ``Май 2020 года`` (or ``май 2020 года``)."""
    return f"{_month(value.month, capital=capital)}{NBSP}{value.year}{NBSP}года"


def _month(number: int, *, capital: bool) -> str:
    """Return the nominative month name, with a capital letter when it opens a cell."""
    month = _month_names("stand-alone")[number]
    return month[:1].upper() + month[1:] if capital else month


@lru_cache(maxsize=4096)  # a batch writes the same few dates in thousands of documents
def format_date(value: DateLike, style: str | DateStyle = DateStyle.LONG) -> str:
    """Return ``value`` written in ``style`` (see :class:`DateStyle`); spaces are no-break.

    >>> format_date("2020-05-29").replace("\\u00a0", " ")
    '«29» мая 2020 г.'
    >>> format_date("2016-06-05").replace("\\u00a0", " ")
    '«05» июня 2016 г.'
    >>> format_date("2020-05-29", "numeric")
    '29.05.2020'
    >>> format_date("2020-05-29", "month").replace("\\u00a0", " ")
    'май 2020 г.'
    >>> format_date("2020-05-29", "month-full").replace("\\u00a0", " ")
    'Май 2020 года'
    """
    day = parse_date(value)
    match _parse_style(style):
        case DateStyle.NUMERIC:  # CLDR's short Russian date, dd.MM.y, written out: a batch formats one per person
            return f"{day.day:02d}.{day.month:02d}.{day.year}"
        case DateStyle.TEXT:
            return _no_break(_babel_format_date(day, "long", locale=_LOCALE))
        case DateStyle.LONG:
            month = _month_names("format")[day.month]
            return f"«{day.day:02d}»{NBSP}{month}{NBSP}{day.year}{NBSP}г."  # «05» июня: two digits, as the blanks
        case DateStyle.MONTH:
            return _no_break(format_skeleton("yMMMM", day, locale=_LOCALE))
        case DateStyle.MONTH_FULL:
            return _month_year(day, capital=True)


def format_date_range(start: DateLike, end: DateLike) -> str:
    """Return a numeric range with the shared tail written once: ``01–16.09.2022``.

    >>> format_date_range("2022-09-01", "2022-09-16")
    '01–16.09.2022'
    >>> format_date_range("2022-09-01", "2022-10-16")
    '01.09–16.10.2022'
    >>> format_date_range("2022-12-20", "2023-01-10")
    '20.12.2022–10.01.2023'
    """
    first, last = _ordered(start, end)
    if first == last:
        return format_date(first, DateStyle.NUMERIC)
    if first.year != last.year:
        head = format_date(first, DateStyle.NUMERIC)
    elif first.month != last.month:
        head = f"{first.day:02d}.{first.month:02d}"
    else:
        head = f"{first.day:02d}"
    return f"{head}{EN_DASH}{format_date(last, DateStyle.NUMERIC)}"


def format_year_range(start: int | DateLike, end: int | DateLike, *, style: str = "dash") -> str:
    """Return a range of years: ``2020–2024 годы`` (``dash``) or ``с 2020 по 2024 годы`` (``from-to``).

    >>> format_year_range(2020, 2024).replace("\\u00a0", " ")
    '2020–2024 годы'
    >>> format_year_range(2020, 2024, style="from-to").replace("\\u00a0", " ")
    'с 2020 по 2024 годы'
    >>> format_year_range(2022, 2022).replace("\\u00a0", " ")
    '2022 год'
    """
    if style not in ("dash", "from-to"):
        raise LanguageError(f"Неизвестный формат диапазона лет «{style}». Допустимые значения: dash, from-to.")
    first, last = _year(start), _year(end)
    if last < first:
        raise LanguageError(f"Последний год ({last}) раньше первого ({first}).")
    if first == last:
        return f"{first}{NBSP}год"
    if style == "from-to":
        return f"с{NBSP}{first} по{NBSP}{last}{NBSP}годы"
    return f"{first}{EN_DASH}{last}{NBSP}годы"


def format_school_year(value: int | DateLike) -> str:
    """Return the school year starting in ``value`` (a year) or containing it (a date).

    A school year runs from 1 September to 31 August.

    >>> format_school_year(2022).replace("\\u00a0", " ")
    '2022/2023 учебный год'
    >>> format_school_year("2023-03-01").replace("\\u00a0", " ")
    '2022/2023 учебный год'
    """
    if isinstance(value, int):
        first = _year(value)
    else:
        day = parse_date(value)
        first = day.year if day.month >= 9 else day.year - 1
    return f"{first}/{first + 1}{NBSP}учебный год"


def format_month_range(start: DateLike, end: DateLike, *, capital: bool = True) -> str:
    """Return a deadline spanning months: ``Август – сентябрь 2020 года``.

    >>> format_month_range("2020-08-01", "2020-09-30").replace("\\u00a0", " ")
    'Август – сентябрь 2020 года'
    >>> format_month_range("2020-12-01", "2021-01-31").replace("\\u00a0", " ")
    'Декабрь 2020 года – январь 2021 года'
    >>> format_month_range("2020-05-01", "2020-05-31").replace("\\u00a0", " ")
    'Май 2020 года'
    """
    first, last = _ordered(start, end)
    if (first.year, first.month) == (last.year, last.month):
        return _month_year(first, capital=capital)
    if first.year != last.year:
        return f"{_month_year(first, capital=capital)}{NBSP}{EN_DASH} {_month_year(last, capital=False)}"
    return f"{_month(first.month, capital=capital)}{NBSP}{EN_DASH} {_month_year(last, capital=False)}"


def format_months_list(days: list[dt.date], *, capital: bool = True) -> str:
    """Return several months of a deadline, each with its year: ``Декабрь 2020 года, май 2021 года``.

    >>> format_months_list([dt.date(2020, 12, 20), dt.date(2021, 5, 31)]).replace("\\u00a0", " ")
    'Декабрь 2020 года, май 2021 года'
    """
    if not days:
        raise LanguageError("Нужен хотя бы один месяц.")
    return ", ".join(_month_year(day, capital=capital and index == 0) for index, day in enumerate(days))


def format_years_during(first: int, last: int, *, capital: bool = False) -> str:
    """Return a deadline spanning whole years, each named as seed 002 does: ``в течение 2020, 2021 годов``.

    >>> format_years_during(2020, 2021).replace("\\u00a0", " ")
    'в течение 2020, 2021 годов'
    >>> format_years_during(2020, 2020, capital=True).replace("\\u00a0", " ")
    'В течение 2020 года'
    """
    if last < first:
        raise LanguageError(f"Последний год ({last}) раньше первого ({first}).")
    years = ", ".join(str(year) for year in range(first, last + 1))
    during = "В течение" if capital else "в течение"
    return f"{during} {years}{NBSP}{'года' if first == last else 'годов'}"


def _no_break(text: str) -> str:
    """Return babel's output with every space (CLDR uses U+202F before «г.») as a no-break space."""
    return text.replace("\u202f", NBSP).replace(" ", NBSP)


def _ordered(start: DateLike, end: DateLike) -> tuple[dt.date, dt.date]:
    first, last = parse_date(start), parse_date(end)
    if last < first:
        raise LanguageError(
            f"Конец периода ({format_date(last, 'numeric')}) раньше его начала ({format_date(first, 'numeric')})."
        )
    return first, last


def _year(value: int | DateLike) -> int:
    if isinstance(value, bool):
        raise LanguageError("Ожидается год числом, например 2020.")
    if isinstance(value, int):
        if 1900 <= value <= 2200:
            return value
        raise LanguageError(f"Год {value} вне допустимого диапазона 1900–2200.")
    return parse_date(value).year
