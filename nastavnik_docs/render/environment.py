"""The one Jinja environment shape every format renders through: sandboxed, strict, escaping, on a budget.

Templates are user-editable files, so they run in Jinja's immutable sandbox: no attribute
that reaches Python internals, no mutation of the data; and within a budget of time, steps and
size (:mod:`.budget`, :mod:`.sandbox`). A missing variable is an error, not an empty string.
Jinja's own errors, and a budget overspent, become :class:`~nastavnik_docs.errors.TemplateError`
naming the template and, where it means something to the person who edits it, the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from types import TracebackType
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import InputError, LanguageError, TemplateError
from ..ru.typography import keep_together
from .budget import BudgetExceeded, rendering
from .filters import FILTERS
from .sandbox import BudgetedSandbox

__all__ = ["OutputKind", "make_environment", "template_errors"]


class OutputKind(StrEnum):
    """What a template produces, which decides how data is escaped."""

    TEXT = "text"  # content strings: plain text, escaped later by the document renderer
    XML = "xml"  # Word parts: every printed value kept together where a line must not break
    HTML = "html"


def make_environment(kind: OutputKind | str = OutputKind.XML) -> ImmutableSandboxedEnvironment:
    """Return a fresh sandboxed environment (on a budget) with the project's filters and strict undefined."""
    kind = OutputKind(kind)
    env = BudgetedSandbox(
        autoescape=kind is not OutputKind.TEXT,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=kind is OutputKind.HTML,
        lstrip_blocks=kind is OutputKind.HTML,
        finalize=_printed if kind is OutputKind.XML else None,
    )
    env.filters.update(FILTERS)
    return env


def _printed(value: Any) -> Any:
    """Return a value as a Word page prints it: a string with :func:`keep_together` applied.

    Template text has its no-break spaces from the template's author; values from the data get
    theirs here, so «№ 273-ФЗ» or «11 «А» класса» never break across lines whatever their source.
    Markup (text the template marked safe) is XML already and is left alone. The template's printer keeps
    each string's result (render/sandbox.py ``_escaped``): a batch prints the school's name in every document.
    """
    if type(value) is str:
        return keep_together(value)
    return value


@contextmanager
def template_errors(template: str) -> Iterator[None]:
    """Turn Jinja's errors raised inside the block into :class:`TemplateError` naming ``template``.

    The block renders within one budget (:func:`.budget.rendering`; a block inside another shares its
    budget): a renderer puts a whole document in one block.
    """
    try:
        with rendering():
            yield
    except (BudgetExceeded, RecursionError, ArithmeticError) as error:  # ArithmeticError: 1/0, range too big
        raise _runtime_error(template, error) from None
    except MemoryError:
        raise TemplateError(
            f"Шаблону {template} не хватило памяти: он создаёт слишком большие значения.", template=template
        ) from None
    except SecurityError as error:
        raise TemplateError(
            f"Шаблон {template} обращается к внутренним объектам Python, это запрещено ({_plain(error)}).",
            template=template,
        ) from None
    except TemplateSyntaxError as error:
        where = f", строка {error.lineno}" if not template.endswith(".docx") else ""
        raise TemplateError(
            f"Синтаксическая ошибка в шаблоне {template}{where}: {_plain(error.message or error)}.",
            template=template,
            line=error.lineno,
        ) from None
    except UndefinedError as error:
        raise TemplateError(
            f"Шаблон {template} использует значение, которого нет в данных: {_undefined(error)}.",
            template=template,
        ) from None
    except LanguageError as error:
        raise TemplateError(f"Шаблон {template}: {error}", template=template) from None
    except InputError:
        raise
    except JinjaTemplateError as error:
        raise TemplateError(f"В шаблоне {template} ошибка: {_plain(error)}.", template=template) from None
    except (TypeError, ValueError, AttributeError) as error:
        # a filter applied to the wrong kind of value, e.g. a date filter on a name
        hint = " Если это c.items — пишите c['items']." if "method" in str(error) else ""
        raise TemplateError(
            f"В шаблоне {template} фильтр или выражение получили значение не того вида "
            f"({type(error).__name__}: {_plain(error)}).{hint}",
            template=template,
        ) from None


def _runtime_error(template: str, error: Exception) -> TemplateError:
    """Return the error of a template that ran over its budget, recursed without end or miscalculated."""
    line = _template_line(error.__traceback__)
    where = _line(template, line)
    if isinstance(error, BudgetExceeded):
        where, why = (f", {error.place}" if error.place else where), error.reason
    elif isinstance(error, RecursionError):
        why = "слишком глубокая рекурсия (макрос вызывает сам себя без конца)"
    else:
        why = f"ошибка в вычислении ({type(error).__name__}: {_plain(error)})"
    return TemplateError(f"Шаблон {template}{where}: {why}.", template=template, line=line)


def _template_line(traceback: TracebackType | None) -> int | None:
    """Return the template line of the innermost template frame of ``traceback`` (``None`` if none is)."""
    line = None
    while traceback is not None:
        namespace = traceback.tb_frame.f_globals
        if "__jinja_exception__" in namespace:  # a frame Jinja rewrote to the template's lines
            line = traceback.tb_lineno
        elif (compiled := namespace.get("__jinja_template__")) is not None:
            line = compiled.get_corresponding_lineno(traceback.tb_lineno)
        traceback = traceback.tb_next
    return line


def _line(template: str, line: int | None) -> str:
    """Return «, строка N» where the line is the user's: in an HTML page (Word's and Excel's are the program's)."""
    return f", строка {line}" if line is not None and template.endswith(".html") else ""


_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_NOT_DEFINED = re.compile(r"'([^']+)' is undefined")


def _undefined(error: UndefinedError) -> str:
    text = str(error.message or error)
    if found := _NO_ATTRIBUTE.search(text):
        return f"нет поля «{found.group(1)}»"
    if found := _NOT_DEFINED.search(text):
        return f"нет переменной «{found.group(1)}»"
    return _plain(text)


def _plain(error: object) -> str:
    """Return an error's text without its final full stop (our sentence adds one)."""
    return str(error).strip().rstrip(".")
