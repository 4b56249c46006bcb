"""Word documents from docxtpl templates, rendered through the project's sandboxed environment.

The only module that imports docxtpl. It wraps ``DocxTemplate`` without subclassing it and
without touching its private names.

A template is prepared once (:class:`PreparedDocx`): docxtpl opens the package and joins the
Jinja tags Word split across runs, the body is compiled once, and the parts that never change
stay compressed. Rendering a document is then one Jinja render of the body and one deflate:
well under a millisecond for a two-page agreement, against ~30 ms for docxtpl's load-render-save.

The fast path covers Jinja in the body: text, paragraphs, rows, and loops and conditions within a cell.
A template takes docxtpl's own path where its post-render fixes would change the document: Jinja in a header,
footer, footnote or document property, a drawing a loop may repeat, a Jinja block between or across table
cells (``{%tc %}``, ``colspan``), a table grid that disagrees with its cells (``PreparedDocx.fallback`` says which).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, nodes

from ..archive import PackageTemplate, rezip
from ..errors import TemplateError
from .environment import OutputKind, make_environment, template_errors
from .pictures import Picture

__all__ = ["PreparedDocx", "prepare_docx", "render_docx", "render_docx_plain", "template_variables"]

_BODY = "word/document.xml"
_CORE = "docProps/core.xml"
# docxtpl's escapes for literal braces, undone after rendering as docxtpl does
_LITERALS = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
_ESCAPED = frozenset(escaped for escaped, _ in _LITERALS)
_JINJA = ("{{", "{%", "{#")


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
    """A Word template prepared once, to render many documents.

    ``fallback`` says why the template takes docxtpl's own load-render-save instead of the fast
    path (``None`` when it does not; :attr:`fast` is the same as a yes or no).
    """

    def __init__(self, data: bytes, *, name: str) -> None:
        self.name = name
        self._data = data
        template = _open(data, name)
        _check_source(template, name)
        self._environment = make_environment(OutputKind.XML)
        self.fallback: str | None = _parts_fence(data, name)
        if self.fallback:
            return
        source = template.get_xml()
        with template_errors(name):
            tree = self._environment.parse(template.patch_xml(source))
            self.fallback = _body_fence(tree) or _template_fence(template, source)
            if self.fallback:
                return
            self._body = self._environment.from_string(tree)
        self._resolve_listing = template.resolve_listing  # \n, \t in data → Word breaks and tabs
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            document = package.read(_BODY).decode("utf-8")
        start, end = document.find("<w:body"), document.rfind("</w:body>")
        if start < 0 or end < 0:
            raise TemplateError(f"В шаблоне {name} нет тела документа (w:body).", template=name)
        self._head = document[:start].encode("utf-8")
        self._tail = document[end + len("</w:body>") :].encode("utf-8")
        self._package = PackageTemplate(data, {_BODY})

    @property
    def fast(self) -> bool:
        """Return whether documents are rendered on the fast path (the body alone)."""
        return self.fallback is None

    def render(self, context: Mapping[str, Any]) -> bytes:
        """Return one document rendered with ``context``.

        Pictures (the context's ``pictures``: name → :class:`.pictures.Picture`) need new parts in
        the package, so a document with pictures takes docxtpl's own path.
        """
        if self.fallback or context.get("pictures"):
            return _render_with_docxtpl(self._data, context, self._environment, self.name)
        with template_errors(self.name):
            body = self._body.render(context)
        if _has_literals(body):
            for escaped, literal in _LITERALS:
                body = body.replace(escaped, literal)
        if "\n" in body or "\t" in body or "\a" in body or "\f" in body:  # data with line breaks or tabs
            body = self._resolve_listing(body)
        return self._package.build({_BODY: self._head + body.encode("utf-8") + self._tail})


def _has_literals(body: str) -> bool:
    """Return whether ``body`` holds one of docxtpl's escaped braces («{_{», «%_}»…), found by their underscore.

    Looking for the underscores is one quick scan each (a body has a few dozen, in signature lines), where
    looking for the four escapes themselves took four slow scans of the whole body: a tenth of a document.
    """
    at = body.find("_")
    while at >= 0:
        if body[at - 1 : at + 2] in _ESCAPED:
            return True
        at = body.find("_", at + 1)
    return False


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


def _render_with_docxtpl(data: bytes, context: Mapping[str, Any], environment: Environment, name: str) -> bytes:
    template = _open(data, name)
    pictures = context.get("pictures")
    if pictures:  # placed as docxtpl's inline images, which add their image parts to this package
        context = {
            **context,
            "pictures": {
                key: InlineImage(template, io.BytesIO(picture.data), width=Mm(picture.width_mm))
                for key, picture in pictures.items()
                if isinstance(picture, Picture)
            },
        }
    with template_errors(name):
        try:
            template.render(dict(context), jinja_env=environment, autoescape=True)
        except (ValueError, KeyError, IndexError, SyntaxError) as error:  # lxml and docxtpl failures on odd XML
            raise TemplateError(f"Шаблон {name} не удалось заполнить: {type(error).__name__}.", template=name) from None
    output = io.BytesIO()
    template.save(output)
    return rezip(output.getvalue())  # python-docx stamps every member with the time of saving


def _parts_fence(data: bytes, name: str) -> str | None:
    """Return which part besides the body docxtpl would render through Jinja, or ``None``.

    docxtpl renders headers, footers and footnotes, and the document properties (title, author…)
    of ``docProps/core.xml``, which it creates when the package has none. A part holding Jinja is
    checked like the body: tracked changes and unbalanced braces are refused.
    """
    found = None
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        for part_name in names:
            if part_name != _BODY and part_name.endswith(".xml") and part_name.startswith(("word/", _CORE)):
                part = package.read(part_name).decode("utf-8", "replace")
                if any(mark in part for mark in _JINJA) or any(escaped in part for escaped, _ in _LITERALS):
                    _check_text(part, name)
                    found = found or f"{part_name} holds Jinja"
    if found is None and _CORE not in names:
        found = f"{_CORE} is missing: docxtpl adds default document properties"
    return found


# Jinja statements that output their body at most once; any other (for, macro, call, set or
# filter block, block) may output it several times.
_ONCE = (nodes.If, nodes.With, nodes.Scope, nodes.ScopedEvalContextModifier)
_TABLE_TAGS = ("w:tbl", "w:tr", "w:tc")  # depth index 0, 1, 2


def _body_fence(tree: nodes.Template) -> str | None:
    """Return why docxtpl's post-render fixes could change this body, or ``None``.

    docxtpl renumbers every drawing's ``wp:docPr`` id and refits each table's grid to its widest
    row. Both are no-ops when no drawing sits in a block that may repeat it and every Jinja block
    lies inside one table cell or around whole rows or tables (so each rendered row is a copy of
    a template row), and no cell width is computed (docxtpl's ``colspan`` and ``hm``). The compiled
    body is walked in source order, following the table, row and cell tags of the XML between the
    Jinja tags.
    """
    depth = [0, 0, 0]  # open tables, rows, cells

    def walk(body: list[nodes.Node], repeated: bool) -> str | None:
        floor = tuple(depth)
        for node in body:
            if isinstance(node, nodes.Output):
                previous = ""
                for child in node.nodes:
                    if not isinstance(child, nodes.TemplateData):
                        if _in_tag(previous, "w:gridSpan"):
                            return "a table cell's width (gridSpan) is computed"
                        continue
                    if repeated and "docPr" in child.data:
                        return "a drawing (wp:docPr) is inside a Jinja loop or other repeating block"
                    for index, step in _table_steps(child.data):
                        depth[index] += step
                        if depth[index] < floor[index]:
                            return "a Jinja block runs across table cells, rows or tables"
                    previous = child.data
                continue
            bodies = [value for _, value in node.iter_fields() if _is_body(value)]
            if bodies and depth[1] > depth[2]:
                return "a Jinja block stands between table cells ({%tc %})"
            for inner in bodies:
                before = tuple(depth)
                reason = walk(inner, repeated or not isinstance(node, _ONCE))
                if reason:
                    return reason
                if tuple(depth) != before:
                    return "a Jinja block runs across table cells, rows or tables"
        return None

    return walk(tree.body, False)


def _is_body(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, nodes.Stmt) for item in value)


def _table_steps(xml: str) -> list[tuple[int, int]]:
    """Return (depth index, +1 or -1) for every table, row and cell tag opened or closed in ``xml``.

    ``xml`` is a piece of lxml's serialisation of the body, where every ``<`` starts a tag (text
    and attribute values escape it), so the tags are found by their names alone.
    """
    steps = []
    for tag in xml.split("<")[1:]:
        closing = tag.startswith("/")
        for index, element in enumerate(_TABLE_TAGS):
            end = len(element) + closing
            if tag.startswith(element, int(closing)) and tag[end : end + 1] in (" ", ">"):
                steps.append((index, -1 if closing else 1))
    return steps


def _in_tag(xml: str, element: str) -> bool:
    """Return whether ``xml`` ends inside an opening tag of ``element`` (in an attribute value)."""
    opening = xml.rfind("<")
    return opening >= 0 and ">" not in xml[opening:] and xml.startswith(f"<{element} ", opening)


def _template_fence(template: DocxTemplate, body: str) -> str | None:
    """Return why docxtpl would change the template's own tables or drawings (``body``), or ``None``."""
    try:
        refitted = template.xml_to_string(template.fix_tables(body))
    except (AttributeError, TypeError, ValueError):  # a table without a grid or widths: docxtpl fails too
        return "docxtpl cannot refit its tables"
    if refitted != body:
        return "a table's grid (w:gridCol) disagrees with its cells"
    ids = [drawing.get("id") for drawing in template.docx.element.body.iter(qn("wp:docPr"))]
    if len(ids) != len(set(ids)):
        return "drawings share a wp:docPr id"
    return None


def template_variables(data: bytes, *, name: str) -> set[str]:
    """Return the top-level variables the template uses (for ``templates check``)."""
    template = _open(data, name)
    _check_source(template, name)
    with template_errors(name):
        return set(template.get_undeclared_template_variables(jinja_env=make_environment(OutputKind.XML)))
