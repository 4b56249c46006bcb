import datetime as dt

import pytest

from nastavnik_docs.errors import LanguageError, NastavnikDocsError
from nastavnik_docs.ru import (
    format_date,
    format_date_range,
    format_month_range,
    format_school_year,
    format_year_range,
    parse_date,
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("long", "«29»~мая~2020~г."),
        ("text", "29~мая~2020~г."),
        ("numeric", "29.05.2020"),
        ("month", "май~2020~г."),
        ("month-full", "Май~2020~года"),
    ],
)
def test_every_date_style(style, expected, visible):
    assert visible(format_date(dt.date(2020, 5, 29), style)) == expected


def test_long_style_is_the_default_and_months_are_genitive(visible):
    assert visible(format_date("2022-09-01")) == "«01»~сентября~2022~г."
    assert visible(format_date("01.03.2021", "text")) == "1~марта~2021~г."


def test_month_style_uses_nominative_month(visible):
    assert visible(format_date("2020-08-15", "month")) == "август~2020~г."


def test_dates_accept_datetime_and_both_string_forms():
    assert parse_date(dt.datetime(2020, 5, 29, 13, 0)) == dt.date(2020, 5, 29)
    assert parse_date(" 29.05.2020 ") == parse_date("2020-05-29") == dt.date(2020, 5, 29)


@pytest.mark.parametrize("bad", ["31.02.2020", "вчера", "2020/05/29", ""])
def test_unreadable_date_is_a_language_error(bad):
    with pytest.raises(LanguageError, match=r"ДД\.ММ\.ГГГГ"):
        format_date(bad)


def test_wrong_type_and_unknown_style_are_reported():
    with pytest.raises(NastavnikDocsError, match="Ожидается дата"):
        format_date(20200529)
    with pytest.raises(LanguageError, match="long, text, numeric, month, month-full"):
        format_date("2020-05-29", "short")


def test_day_range_within_a_month_writes_month_once():
    assert format_date_range("2022-09-01", "2022-09-16") == "01–16.09.2022"


def test_day_range_across_months_and_years():
    assert format_date_range("2022-09-20", "2022-10-05") == "20.09–05.10.2022"
    assert format_date_range("2022-12-20", "2023-01-10") == "20.12.2022–10.01.2023"
    assert format_date_range("2022-09-01", "2022-09-01") == "01.09.2022"


def test_reversed_range_is_an_error():
    with pytest.raises(LanguageError, match="раньше его начала"):
        format_date_range("2022-09-16", "2022-09-01")


def test_year_ranges(visible):
    assert visible(format_year_range(2020, 2024)) == "2020–2024~годы"
    assert visible(format_year_range(2020, 2024, style="from-to")) == "с~2020 по~2024~годы"
    assert visible(format_year_range("2022-09-01", "2023-05-31")) == "2022–2023~годы"
    assert visible(format_year_range(2022, 2022)) == "2022~год"
    with pytest.raises(LanguageError):
        format_year_range(2020, 2024, style="dots")
    with pytest.raises(LanguageError, match="1900–2200"):
        format_year_range(20, 24)


def test_school_year_from_year_and_from_date(visible):
    assert visible(format_school_year(2022)) == "2022/2023~учебный год"
    assert visible(format_school_year("2022-09-01")) == "2022/2023~учебный год"
    assert visible(format_school_year("2023-08-31")) == "2022/2023~учебный год"


def test_month_deadlines_as_roadmaps_write_them(visible):
    assert visible(format_month_range("2020-08-01", "2020-09-30")) == "Август~– сентябрь~2020~года"
    assert visible(format_month_range("2020-05-04", "2020-05-29")) == "Май~2020~года"
    assert (
        visible(format_month_range("2020-12-01", "2021-01-31", capital=False)) == "декабрь~2020~года~– январь~2021~года"
    )


def test_year_range_checks_style_and_order_always():
    with pytest.raises(LanguageError):
        format_year_range(2022, 2022, style="bogus")
    with pytest.raises(LanguageError, match="раньше первого"):
        format_year_range(2024, 2020)
    with pytest.raises(LanguageError):
        format_school_year(5)
    with pytest.raises(LanguageError):
        format_school_year(True)


def test_numeric_dates_are_cldrs_short_russian_date():
    # format_date writes the numeric style itself (a batch formats a birth date per person): babel's own
    # short Russian date, day by day over two centuries and at the edges of the calendar
    from babel.dates import format_date as babel_format_date

    days = [dt.date(1900, 1, 1) + dt.timedelta(days=n) for n in range(0, 73_000, 7)]
    days += [dt.date(1, 1, 1), dt.date(999, 12, 31), dt.date(2100, 12, 31), dt.date(9999, 12, 31)]
    for day in days:
        assert format_date(day, "numeric") == babel_format_date(day, "short", locale="ru_RU"), day
