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
    ├── RenderError                    a document could not be produced
    │   ├── ConverterMissingError      PDF was asked for and LibreOffice is not installed
    │   ├── ConverterBusyError         the PDF converter's queue is full
    │   └── RenderTimeoutError         producing took longer than allowed
    └── OutputError                    the result could not be written (disk full, no rights, busy)
        └── QueueUnavailableError      the task queue (Redis of the workers) cannot be reached

    NastavnikDocsWarning (UserWarning) something the user should know; the work went on

Every message is a full Russian sentence written for the person who fixes the problem. Messages
name the place (a field, a cell) and the rule, never the personal data itself. A
:class:`ValidationError` also carries each problem as a :class:`Problem` (a field's path, or a
sheet, row and column of the register), which the HTTP service returns as JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "CatalogueError",
    "ConverterBusyError",
    "ConverterMissingError",
    "DataFileError",
    "InputError",
    "LanguageError",
    "NameFormatError",
    "NastavnikDocsError",
    "NastavnikDocsWarning",
    "OutputError",
    "Problem",
    "QueueUnavailableError",
    "RenderError",
    "RenderTimeoutError",
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


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem of the input: where it is (a field's path, or a sheet, row and column) and what is wrong.

    ``str()`` gives the line the command line prints:

    >>> str(Problem("обязательное поле не заполнено", loc=("team", 2, "name")))
    'team[2].name: обязательное поле не заполнено'
    >>> str(Problem("ожидается дата ДД.ММ.ГГГГ", sheet="Наставляемые", row=4, column="Дата рождения"))
    'Наставляемые, строка 4, «Дата рождения»: ожидается дата ДД.ММ.ГГГГ'
    """

    message: str
    loc: tuple[str | int, ...] | None = None
    """The path of a field in the data (``("team", 2, "name")``); ``()`` is the top level."""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    @property
    def field(self) -> str | None:
        """Return the field's path as messages write it: ``team[2].name``."""
        if self.loc is None:
            return None
        text = ""
        for part in self.loc:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
        return text

    def __str__(self) -> str:
        if self.loc is not None:
            return f"{self.field or 'верхний уровень'}: {self.message}"
        if self.sheet is not None and self.row is not None:
            return f"{self.sheet}, строка {self.row}, «{self.column}»: {self.message}"
        if self.sheet is not None:
            return f"{self.sheet}: {self.message}"
        return self.message


class ValidationError(InputError):
    """Data that breaks the models' rules: ``details`` holds every problem, ``problems`` their lines."""

    def __init__(self, message: str, *, problems: Sequence[Problem | str] | None = None) -> None:
        super().__init__(message)
        self.details = tuple(p if isinstance(p, Problem) else Problem(p) for p in problems or ())
        self.problems = [str(p) for p in self.details]


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


class ConverterMissingError(RenderError):
    """PDF was asked for and LibreOffice is not installed."""


class ConverterBusyError(RenderError):
    """The PDF converter has more files waiting than its queue holds."""


class RenderTimeoutError(RenderError):
    """Producing took longer than the time allowed (a conversion, or a request of the HTTP service)."""


class OutputError(NastavnikDocsError):
    """The result could not be written: the disk is full or read-only, a path is wrong, another run writes there.

    The message names the output the user chose, never a document's own file name (it holds a name).
    """


class QueueUnavailableError(OutputError):
    """The task queue (the Redis of the workers) cannot be reached: the work was not sent; try again later."""


class NastavnikDocsWarning(UserWarning):
    """Something the user should know that did not stop the work (the command line prints «Предупреждение: …»)."""
