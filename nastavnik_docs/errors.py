"""Exceptions of nastavnik-docs: one tree, rooted in :class:`NastavnikDocsError`.

::

    NastavnikDocsError
    ├── InputError                     bad data from the user (exit code 2 at the command line)
    │   ├── DataFileError              a data file that cannot be read or parsed
    │   ├── ValidationError            data that breaks the models' rules (every problem at once)
    │   └── LanguageError (ValueError) the Russian-language core got something it cannot process
    │       ├── UnknownCaseError       a grammatical case name that does not exist
    │       └── NameFormatError        a person's name that is not «Фамилия Имя Отчество»
    ├── TemplateError                  a template with a syntax error or a forbidden construct
    ├── CatalogueError                 an unknown document id or kit (exit code 2)
    └── RenderError                    a document could not be produced

Every message is a full Russian sentence written for the person who fixes the problem. Messages
name the place (a field, a cell) and the rule, never the personal data itself.
"""

from __future__ import annotations

__all__ = [
    "CatalogueError",
    "DataFileError",
    "InputError",
    "LanguageError",
    "NameFormatError",
    "NastavnikDocsError",
    "RenderError",
    "TemplateError",
    "UnknownCaseError",
    "ValidationError",
]


class NastavnikDocsError(Exception):
    """Root of every error raised on purpose by nastavnik-docs."""

    exit_code: int = 1


class InputError(NastavnikDocsError):
    """Bad input from the user: the fix is in their data, not in the program."""

    exit_code = 2


class DataFileError(InputError):
    """A data file that cannot be read or parsed."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class ValidationError(InputError):
    """Data that breaks the models' rules; ``problems`` lists every one of them."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


class LanguageError(InputError, ValueError):
    """The Russian-language core was given a value it cannot process."""


class UnknownCaseError(LanguageError):
    """A grammatical case name that is not one of the six Russian cases."""

    def __init__(self, message: str, *, value: str, allowed: tuple[str, ...]) -> None:
        super().__init__(message)
        self.value = value
        self.allowed = allowed


class NameFormatError(LanguageError):
    """A person's name that cannot be read as «Фамилия Имя Отчество»."""


class TemplateError(NastavnikDocsError):
    """A template with a syntax error, an unknown variable or a forbidden construct."""

    def __init__(self, message: str, *, template: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.template = template
        self.line = line


class CatalogueError(NastavnikDocsError):
    """An unknown document id or kit name."""

    exit_code = 2


class RenderError(NastavnikDocsError):
    """A document could not be produced from valid data and a valid template."""
