"""Word documents from docxtpl templates, rendered through the project's sandboxed environment.

The only module that imports docxtpl. It wraps ``DocxTemplate`` without subclassing it and
without touching its private names.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from docxtpl import DocxTemplate

from ..errors import TemplateError
from .environment import OutputKind, make_environment, template_errors

__all__ = ["render_docx", "template_variables"]


def _open(data: bytes, name: str) -> DocxTemplate:
    try:
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except Exception as error:  # python-docx raises several unrelated types for a broken package
        raise TemplateError(
            f"Файл {name} не является документом Word (.docx): {type(error).__name__}.", template=name
        ) from None
    return template


def _check_source(template: DocxTemplate, name: str) -> None:
    # docxtpl cannot join a tag split by a tracked insertion or deletion: the document would be
    # cut short without an error, so such a template is refused.
    body = template.get_xml()
    if any(tag in body for tag in ("<w:ins ", "<w:ins>", "<w:del ", "<w:del>", "<w:moveFrom ", "<w:moveTo ")):
        raise TemplateError(
            f"В шаблоне {name} есть непринятые исправления (режим рецензирования). "
            "Примите или отклоните все исправления в Word и сохраните шаблон снова.",
            template=name,
        )
    # a tag missing a brace makes docxtpl swallow the text up to the next closing one, silently
    for opening, closing in (("{{", "}}"), ("{%", "%}")):
        if body.count(opening) != body.count(closing):
            raise TemplateError(
                f"В шаблоне {name} незакрытый тег: «{opening}» встречается {body.count(opening)} раз, "
                f"а «{closing}» — {body.count(closing)}. Проверьте фигурные скобки.",
                template=name,
            )


def render_docx(data: bytes, context: Mapping[str, Any], *, name: str) -> bytes:
    """Return the Word document rendered from the template bytes ``data`` with ``context``."""
    template = _open(data, name)
    _check_source(template, name)
    environment = make_environment(OutputKind.XML)
    with template_errors(name):
        template.render(dict(context), jinja_env=environment, autoescape=True)
    output = io.BytesIO()
    template.save(output)
    return output.getvalue()


def template_variables(data: bytes, *, name: str) -> set[str]:
    """Return the top-level variables the template uses (for ``templates check``)."""
    template = _open(data, name)
    _check_source(template, name)
    with template_errors(name):
        return set(template.get_undeclared_template_variables(jinja_env=make_environment(OutputKind.XML)))
