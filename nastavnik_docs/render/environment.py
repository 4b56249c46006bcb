"""The one Jinja environment shape every format renders through: sandboxed, strict, escaping.

Templates are user-editable files, so they run in Jinja's immutable sandbox: no attribute
that reaches Python internals, no mutation of the data. A missing variable is an error, not an
empty string. Jinja's own errors become :class:`~nastavnik_docs.errors.TemplateError` naming the
template and the line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import InputError, LanguageError, TemplateError
from .filters import FILTERS

__all__ = ["OutputKind", "make_environment", "template_errors"]


class OutputKind(StrEnum):
    """What a template produces, which decides how data is escaped."""

    TEXT = "text"  # content strings: plain text, escaped later by the document renderer
    XML = "xml"  # Word and Excel parts
    HTML = "html"


def make_environment(kind: OutputKind | str = OutputKind.XML) -> ImmutableSandboxedEnvironment:
    """Return a fresh sandboxed environment with the project's filters and strict undefined."""
    kind = OutputKind(kind)
    env = ImmutableSandboxedEnvironment(
        autoescape=kind is not OutputKind.TEXT,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=kind is OutputKind.HTML,
        lstrip_blocks=kind is OutputKind.HTML,
    )
    env.filters.update(FILTERS)
    return env


@contextmanager
def template_errors(template: str) -> Iterator[None]:
    """Turn Jinja's errors raised inside the block into :class:`TemplateError` naming ``template``."""
    try:
        yield
    except SecurityError as error:
        raise TemplateError(
            f"Шаблон {template} обращается к внутренним объектам Python, это запрещено: {error}.",
            template=template,
        ) from None
    except TemplateSyntaxError as error:
        raise TemplateError(
            f"Синтаксическая ошибка в шаблоне {template}, строка {error.lineno}: {error.message}.",
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
        raise TemplateError(f"Ошибка в шаблоне {template}: {error}.", template=template) from None
    except (TypeError, ValueError, AttributeError) as error:
        # a filter applied to the wrong kind of value, e.g. a date filter on a name
        raise TemplateError(
            f"Ошибка в шаблоне {template}: фильтр или выражение получили значение не того вида ({type(error).__name__}).",
            template=template,
        ) from None


def _undefined(error: UndefinedError) -> str:
    return str(error.message or error).replace("'", "«", 1).replace("'", "»", 1)
