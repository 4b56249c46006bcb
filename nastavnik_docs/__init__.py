"""nastavnik-docs: the paperwork of the target model of mentorship, generated from typed data."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nastavnik-docs")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

from .errors import (
    CatalogueError,
    DataFileError,
    InputError,
    LanguageError,
    NameFormatError,
    NastavnikDocsError,
    RenderError,
    TemplateError,
    UnknownCaseError,
    ValidationError,
)
from .io import Kit, KitFile, load_data
from .models import SchoolData
from .produce import build_document, build_kit, load_kit_input, produce_kit, write_kit
from .ru import (
    Case,
    DateStyle,
    Gender,
    PersonName,
    amount_to_words,
    format_date,
    format_date_range,
    format_month_range,
    format_school_year,
    format_year_range,
    inflect_name,
    inflect_phrase,
    number_to_words,
    plural,
    quote,
    typograph,
)

__all__ = [
    "Case",
    "CatalogueError",
    "DataFileError",
    "DateStyle",
    "Gender",
    "InputError",
    "Kit",
    "KitFile",
    "LanguageError",
    "NameFormatError",
    "NastavnikDocsError",
    "PersonName",
    "RenderError",
    "SchoolData",
    "TemplateError",
    "UnknownCaseError",
    "ValidationError",
    "__version__",
    "amount_to_words",
    "build_document",
    "build_kit",
    "format_date",
    "format_date_range",
    "format_month_range",
    "format_school_year",
    "format_year_range",
    "inflect_name",
    "inflect_phrase",
    "load_data",
    "load_kit_input",
    "number_to_words",
    "plural",
    "produce_kit",
    "quote",
    "typograph",
    "write_kit",
]
