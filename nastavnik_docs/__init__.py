"""nastavnik-docs: the paperwork of the target model of mentorship, generated from typed data.

The public names below are imported when first used (PEP 562), so that ``import nastavnik_docs``
and ``nastavnik-docs --version`` cost nothing: a command imports only what it needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    __version__: str
    from .errors import (
        CatalogueError,
        DataFileError,
        InputError,
        LanguageError,
        NameFormatError,
        NastavnikDocsError,
        NastavnikDocsWarning,
        OutputError,
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

_EXPORTS: dict[str, str] = {
    "Case": ".ru",
    "CatalogueError": ".errors",
    "DataFileError": ".errors",
    "DateStyle": ".ru",
    "Gender": ".ru",
    "InputError": ".errors",
    "Kit": ".io",
    "KitFile": ".io",
    "LanguageError": ".errors",
    "NameFormatError": ".errors",
    "NastavnikDocsError": ".errors",
    "NastavnikDocsWarning": ".errors",
    "OutputError": ".errors",
    "PersonName": ".ru",
    "RenderError": ".errors",
    "SchoolData": ".models",
    "TemplateError": ".errors",
    "UnknownCaseError": ".errors",
    "ValidationError": ".errors",
    "amount_to_words": ".ru",
    "build_document": ".produce",
    "build_kit": ".produce",
    "format_date": ".ru",
    "format_date_range": ".ru",
    "format_month_range": ".ru",
    "format_school_year": ".ru",
    "format_year_range": ".ru",
    "inflect_name": ".ru",
    "inflect_phrase": ".ru",
    "load_data": ".io",
    "load_kit_input": ".produce",
    "number_to_words": ".ru",
    "plural": ".ru",
    "produce_kit": ".produce",
    "quote": ".ru",
    "typograph": ".ru",
    "write_kit": ".produce",
}
"""Every public name and the module it comes from."""


def __getattr__(name: str) -> Any:
    if name == "__version__":  # read from the installed metadata when asked for (nastavnik_docs.version)
        from .version import release

        return release()
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


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
    "NastavnikDocsWarning",
    "OutputError",
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
