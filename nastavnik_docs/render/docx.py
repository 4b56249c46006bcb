"""Word documents from docxtpl templates, rendered through the project's sandboxed environment.

The only module that imports docxtpl. It wraps ``DocxTemplate`` without subclassing it and
without touching its private names.

A template is prepared once (:class:`PreparedDocx`): docxtpl opens the package and joins the
Jinja tags Word split across runs, the body is compiled once, and the parts that never change
stay compressed. Rendering a document is then one Jinja render of the body and one deflate:
well under a millisecond for a two-page agreement, against ~30 ms for docxtpl's load-render-save.
A template with Jinja outside the body (headers, footers) takes docxtpl's own path.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from docxtpl import DocxTemplate

from ..errors import TemplateError
from .environment import OutputKind, make_environment, template_errors
from ..archive import PackageTemplate

__all__ = ["PreparedDocx", "prepare_docx", "render_docx", "render_docx_plain", "template_variables"]

_BODY = "word/document.xml"
# docxtpl's escapes for literal braces, undone after rendering as docxtpl does
_LITERALS = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))


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
    _check_text(template.get_xml(), name)


def _check_text(body: str, name: str) -> None:
    # docxtpl cannot join a tag split by a tracked insertion or deletion: the document would be
    # cut short without an error, so such a template is refused.
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


class PreparedDocx:
    """A Word template prepared once, to render many documents."""

    def __init__(self, data: bytes, *, name: str) -> None:
        self.name = name
        self._data = data
        template = _open(data, name)
        _check_source(template, name)
        self._environment = make_environment(OutputKind.XML)
        self._fallback = _jinja_outside_body(data, name)
        if self._fallback:
            return
        with template_errors(name):
            self._body = self._environment.from_string(template.patch_xml(template.get_xml()))
        self._resolve_listing = template.resolve_listing  # \n, \t in data → Word breaks and tabs
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            document = package.read(_BODY).decode("utf-8")
        start, end = document.find("<w:body"), document.rfind("</w:body>")
        if start < 0 or end < 0:
            raise TemplateError(f"В шаблоне {name} нет тела документа (w:body).", template=name)
        self._head, self._tail = document[:start], document[end + len("</w:body>") :]
        self._package = PackageTemplate(data, {_BODY})

    def render(self, context: Mapping[str, Any]) -> bytes:
        """Return one document rendered with ``context``."""
        if self._fallback:
            return _render_with_docxtpl(self._data, context, self._environment, self.name)
        with template_errors(self.name):
            body = self._body.render(context)
        for escaped, literal in _LITERALS:
            body = body.replace(escaped, literal)
        if any(char in body for char in "\n\t\a\f"):  # only data with line breaks or tabs needs it
            body = self._resolve_listing(body)
        return self._package.build({_BODY: (self._head + body + self._tail).encode("utf-8")})


_PREPARED: OrderedDict[tuple[str, str], PreparedDocx] = OrderedDict()
_CACHE_SIZE = 32


def prepare_docx(data: bytes, *, name: str) -> PreparedDocx:
    """Return the template prepared once; the same bytes give the same prepared template."""
    key = (name, hashlib.sha1(data).hexdigest())
    if key in _PREPARED:
        _PREPARED.move_to_end(key)
        return _PREPARED[key]
    prepared = PreparedDocx(data, name=name)
    _PREPARED[key] = prepared
    if len(_PREPARED) > _CACHE_SIZE:
        _PREPARED.popitem(last=False)
    return prepared


def render_docx(data: bytes, context: Mapping[str, Any], *, name: str) -> bytes:
    """Return the Word document rendered from the template bytes ``data`` with ``context``."""
    return prepare_docx(data, name=name).render(context)


def render_docx_plain(data: bytes, context: Mapping[str, Any], *, name: str) -> bytes:
    """Return the document rendered by docxtpl's own load-render-save (the slow reference path)."""
    return _render_with_docxtpl(data, context, make_environment(OutputKind.XML), name)


def _render_with_docxtpl(data: bytes, context: Mapping[str, Any], environment, name: str) -> bytes:
    template = _open(data, name)
    with template_errors(name):
        try:
            template.render(dict(context), jinja_env=environment, autoescape=True)
        except (ValueError, KeyError, IndexError, SyntaxError) as error:  # lxml and docxtpl failures on odd XML
            raise TemplateError(f"Шаблон {name} не удалось заполнить: {type(error).__name__}.", template=name) from None
    output = io.BytesIO()
    template.save(output)
    return output.getvalue()


def _jinja_outside_body(data: bytes, name: str) -> bool:
    """Return whether a part other than the body (header, footer, footnotes) holds Jinja tags.

    Such parts are checked like the body: tracked changes and unbalanced braces are refused.
    """
    found = False
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            if info.filename != _BODY and info.filename.startswith("word/") and info.filename.endswith(".xml"):
                part = package.read(info.filename).decode("utf-8", "replace")
                if "{{" in part or "{%" in part:
                    _check_text(part, name)
                    found = True
    return found


def template_variables(data: bytes, *, name: str) -> set[str]:
    """Return the top-level variables the template uses (for ``templates check``)."""
    template = _open(data, name)
    _check_source(template, name)
    with template_errors(name):
        return set(template.get_undeclared_template_variables(jinja_env=make_environment(OutputKind.XML)))
