"""The Russian-language core: dates, names in six cases, phrases, numbers and typography.

Pure functions with no I/O; locale data comes from babel, names from the petrovich rules.
"""

from .dates import (
    DateStyle,
    add_months,
    format_date,
    format_date_range,
    format_month_range,
    format_months_list,
    format_school_year,
    format_year_range,
    format_years_during,
    parse_date,
)
from .grammar import Case, Gender, parse_case, parse_gender
from .names import PersonName, inflect_name
from .numbers import amount_to_words, number_to_words, percent, plural
from .phrases import inflect_phrase, inflect_place
from .typography import EM_DASH, EN_DASH, NBSP, capfirst, lowerfirst, number_sign, quote, typograph

__all__ = [
    "EM_DASH",
    "EN_DASH",
    "NBSP",
    "Case",
    "DateStyle",
    "Gender",
    "PersonName",
    "add_months",
    "amount_to_words",
    "capfirst",
    "format_date",
    "format_date_range",
    "format_month_range",
    "format_months_list",
    "format_school_year",
    "format_year_range",
    "format_years_during",
    "inflect_name",
    "inflect_phrase",
    "inflect_place",
    "lowerfirst",
    "number_sign",
    "number_to_words",
    "parse_case",
    "parse_date",
    "parse_gender",
    "percent",
    "plural",
    "quote",
    "typograph",
]
