"""The wording of documents (``nastavnik_docs/content/wording/<id>.yaml``), rendered for one organisation.

Content files hold Russian text as Jinja strings plus a little structure (``each``/``as``,
``when``, ``bullets``, ``bullets_each``/``bullet``, nested ``items``); see
``docs/templates.md``. This module expands that structure with the data and renders every
string in the sandboxed text environment. Numbering is added later, by :func:`numbered`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Template
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..content import YamlContentError, parse_yaml, wording_file
from ..errors import CatalogueError, TemplateError
from ..models.base import illegal_character
from ..render.budget import current
from ..render.environment import OutputKind, make_environment, template_errors
from ..ru.typography import no_break_after_number_sign

__all__ = [
    "expand",
    "expand_with_references",
    "load_wording",
    "numbered",
    "render_text",
    "require",
    "wording_name",
]

_SPACES = re.compile(r"[ \t\r\n]+")  # not str.split(): no-break spaces from filters must stay
_NODE_KEYS = {"id", "text", "title", "items", "bullets", "bullets_each", "bullet", "each", "as", "when"}


def wording_name(document_id: str, override: Path | None = None) -> str:
    """Return the file the wording of ``document_id`` comes from, for error messages."""
    if override is not None and (override / f"{document_id}.yaml").is_file():
        return str(override / f"{document_id}.yaml")
    return f"content/wording/{document_id}.yaml"


def require(wording: Mapping[str, Any], keys: tuple[str, ...], where: str) -> None:
    """Raise :class:`TemplateError` unless every key is in the wording file."""
    missing = [key for key in keys if key not in wording]
    if missing:
        raise TemplateError(f"В {where} нет обязательных полей: {', '.join(missing)}.", template=where)


def load_wording(document_id: str, override: Path | None = None) -> dict[str, Any]:
    """Return the wording of ``document_id``: ``<override>/<id>.yaml`` when there is one, else bundled."""
    if override is not None and (override / f"{document_id}.yaml").is_file():
        path = override / f"{document_id}.yaml"
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TemplateError(f"Текст документа {path.name} не в кодировке UTF-8.", template=path.name) from None
        return _parse(text, path.name)
    return _bundled_wording(document_id)


@cache
def _bundled_wording(document_id: str) -> dict[str, Any]:
    path = wording_file(document_id)
    where = wording_name(document_id)
    if not path.is_file():
        raise CatalogueError(f"Для документа «{document_id}» нет файла с текстом ({where}).")
    return _parse(path.read_text(encoding="utf-8"), where)


def _parse(text: str, name: str) -> dict[str, Any]:
    try:
        wording = parse_yaml(text)
    except YamlContentError as error:
        line = f", строка {error.problem_mark.line + 1}" if error.problem_mark is not None else ""
        raise TemplateError(f"В {name}{line}: {error.problem}.", template=name) from None
    except yaml.MarkedYAMLError as error:
        line = f", строка {error.problem_mark.line + 1}" if error.problem_mark is not None else ""
        raise TemplateError(f"Ошибка синтаксиса YAML в {name}{line}: {error.problem}.", template=name) from None
    except yaml.YAMLError:
        raise TemplateError(f"Ошибка синтаксиса YAML в {name}.", template=name) from None
    if not isinstance(wording, dict):
        raise TemplateError(f"В {name} ожидается набор полей (title, preamble, clauses или sections).", template=name)
    place = _bad_text(wording)
    if place is not None:
        path, character = place
        raise TemplateError(
            f"В {name}, поле {path}: недопустимый символ {character} — Word не откроет такой документ.",
            template=name,
        )
    return wording


def _bad_text(value: Any, path: str = "") -> tuple[str, str] | None:
    """Return the path of the first string holding a character Word cannot open, and that character."""
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:  # no recursion: nesting was bounded by the parser, not by this walk
        where, item = stack.pop()
        if isinstance(item, str):
            character = illegal_character(item)
            if character is not None:
                return where or "верхний уровень", character
        elif isinstance(item, dict):
            stack.extend((f"{where}.{key}" if where else str(key), child) for key, child in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((f"{where}[{index}]", child) for index, child in reversed(list(enumerate(item))))
    return None


@cache
def _text_environment() -> ImmutableSandboxedEnvironment:
    return make_environment(OutputKind.TEXT)


@cache
def _compiled(source: str) -> Template:
    return _text_environment().from_string(source)


def render_text(source: str, context: Mapping[str, Any], *, where: str) -> str:
    """Return the Jinja string ``source`` rendered with ``context`` as plain text."""
    if "{" not in source:  # most sentences hold no Jinja: compiling them would only cost time
        return _plain_text(source)
    with template_errors(where):
        return no_break_after_number_sign(_SPACES.sub(" ", _compiled(source).render(context)).strip())


@cache
def _plain_text(source: str) -> str:
    return no_break_after_number_sign(_SPACES.sub(" ", source).strip())


def _truthy(expression: str, context: Mapping[str, Any], where: str) -> bool:
    with template_errors(where):
        return bool(_expression(expression)(**context))


def _value(expression: str, context: Mapping[str, Any], where: str) -> Any:
    with template_errors(where):
        value = _expression(expression)(**context)
        return list(value) if value is not None and not isinstance(value, str | Mapping) else value


@cache
def _expression(source: str) -> Callable[..., Any]:
    # undefined_to_none=False keeps StrictUndefined: a typo in `when`/`each` is an error, not «no rows»
    return _text_environment().compile_expression(source, undefined_to_none=False)


def expand(
    nodes: Sequence[Mapping[str, Any]] | None,
    context: Mapping[str, Any],
    *,
    where: str,
    max_depth: int = 3,
) -> list[dict[str, Any]]:
    """Return ``nodes`` with ``each`` repeated, ``when`` applied and every string rendered.

    ``max_depth`` is how many levels the document's template shows; deeper items are an error
    rather than text that silently disappears. The whole expansion renders on one budget
    (:mod:`nastavnik_docs.render.budget`): every item of an ``each`` is a step.
    """
    with template_errors(where):
        return _expand(nodes, context, where=where, max_depth=max_depth, depth=1)


def _expand(
    nodes: Sequence[Mapping[str, Any]] | None,
    context: Mapping[str, Any],
    *,
    where: str,
    max_depth: int,
    depth: int,
) -> list[dict[str, Any]]:
    if nodes and depth > max_depth:
        raise TemplateError(
            f"В {where} пункты вложены глубже, чем показывает шаблон документа ({max_depth} уровня).",
            template=where,
        )
    if nodes is not None and not isinstance(nodes, list):
        raise TemplateError(f"В {where} ожидается список пунктов (строки, начинающиеся с «- »).", template=where)
    result: list[dict[str, Any]] = []
    for node in nodes or ():
        if not isinstance(node, Mapping):
            raise TemplateError(
                f"В {where} каждый пункт — набор полей (text, items, …), а не просто строка.", template=where
            )
        unknown = set(node) - _NODE_KEYS
        if unknown:
            raise TemplateError(
                f"В {where} неизвестные ключи: {', '.join(sorted(unknown))}. Допустимы: {', '.join(sorted(_NODE_KEYS))}.",
                template=where,
            )
        if "each" in node:
            name = node.get("as", "item")
            budget = current()
            for element in _value(node["each"], context, where) or ():
                if budget is not None:
                    budget.step()
                inner = {k: v for k, v in node.items() if k not in ("each", "as")}
                result.extend(
                    _expand([inner], {**context, name: element}, where=where, max_depth=max_depth, depth=depth)
                )
            continue
        if "when" in node and not _truthy(node["when"], context, where):
            continue
        result.append(_render_node(node, context, where, max_depth, depth))
    return result


def _render_node(
    node: Mapping[str, Any], context: Mapping[str, Any], where: str, max_depth: int, depth: int
) -> dict[str, Any]:
    out: dict[str, Any] = {"id": node["id"]} if "id" in node else {}
    for key in ("text", "title"):
        if key in node:
            out[key] = render_text(node[key], context, where=where)
    rendered = (render_text(b, context, where=where) for b in node.get("bullets", ()))
    bullets = [b for b in rendered if b.strip()]  # a bullet that renders to nothing (an act not in force) is left out
    if "bullets_each" in node:
        template = node.get("bullet", "{{ item }}")
        elements = list(_value(node["bullets_each"], context, where) or ())
        budget = current()
        for index, element in enumerate(elements, start=1):
            if budget is not None:
                budget.step()
            scope = {**context, "item": element, "index": index, "last": index == len(elements)}
            bullets.append(render_text(template, scope, where=where))
    if bullets:
        out["bullets"] = bullets
    items = _expand(node.get("items"), context, where=where, max_depth=max_depth, depth=depth + 1)
    if items:
        out["items"] = items
    return out


def expand_with_references(
    nodes: Sequence[Mapping[str, Any]] | None,
    context: Mapping[str, Any],
    *,
    where: str,
    max_depth: int = 3,
    appendices: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Return the items of ``nodes`` (number them with :func:`numbered`), texts referring to clauses and appendices.

    ``{{ clause('approve-roadmap') }}`` gives the number of the item with that ``id`` («2.1»),
    ``{{ appendix('roadmap') }}`` the number of an appendix («1»). Numbers depend only on which
    items exist, so the items are laid out once to number them, then rendered with the numbers:
    adding a clause renumbers everything after it, in the text and in the references.
    """
    appendix_numbers = dict(appendices or {})

    def appendix(key: str) -> str:
        if key not in appendix_numbers:
            raise TemplateError(f"В {where} ссылка на приложение «{key}», которого нет в документе.", template=where)
        return appendix_numbers[key]

    layout = numbered(
        expand(nodes, {**context, "clause": lambda key: "", "appendix": appendix}, where=where, max_depth=max_depth)
    )
    clause_numbers: dict[str, str] = {}
    for item in _walk(layout):
        if "id" in item:
            if item["id"] in clause_numbers:
                raise TemplateError(f"В {where} метка пункта «{item['id']}» встречается дважды.", template=where)
            clause_numbers[item["id"]] = item["number"].rstrip(".")

    def clause(key: str) -> str:
        if key not in clause_numbers:
            raise TemplateError(f"В {where} ссылка на пункт «{key}», которого нет в документе.", template=where)
        return clause_numbers[key]

    return expand(nodes, {**context, "clause": clause, "appendix": appendix}, where=where, max_depth=max_depth)


def _walk(items: Sequence[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    for item in items:
        yield item
        yield from _walk(item.get("items") or [])


def numbered(items: Sequence[Mapping[str, Any]], prefix: str = "") -> list[dict[str, Any]]:
    """Return plain dicts of ``items`` with ``number`` computed: ``1.``, ``2.1.``, ``2.1.3.``.

    >>> [i["number"] for i in numbered([{"text": "a"}, {"text": "b", "items": [{"text": "c"}]}])]
    ['1.', '2.']
    >>> numbered([{"text": "b", "items": [{"text": "c"}]}], "3.")[0]["items"][0]["number"]
    '3.1.1.'
    """
    result = []
    for index, item in enumerate(items, start=1):
        number = f"{prefix}{index}."
        entry = {key: value for key, value in dict(item).items() if key != "items"}
        entry["number"] = number
        entry.setdefault("bullets", [])
        entry["items"] = numbered(item.get("items") or [], number)
        result.append(entry)
    return result
