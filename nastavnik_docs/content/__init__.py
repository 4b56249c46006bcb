"""Bundled content: the wording of documents (``wording/<id>.yaml``) and data (``data/<name>.yaml``).

Wording files are the Russian text of orders, regulations and roadmaps, which a coordinator may
replace through ``--templates``; data files are the forms of mentorship, indicators, the register
layout and other lists the package reads as they are. Both are read with the safe YAML loader,
made strict: a key repeated in one mapping, a number longer than :data:`MAX_NUMBER` characters, an
impossible date or a value its tag cannot hold is an error with its line, and nesting too deep for
Python is an error too (:class:`YamlContentError`), never another exception.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

__all__ = [
    "MAX_NUMBER",
    "YamlContentError",
    "content_data",
    "parse_yaml",
    "repeated_key",
    "wording_file",
    "wording_files",
]

MAX_NUMBER = 50
"""The longest number a YAML text may hold, in characters: no field needs more, and Python refuses
to read integers of more than 4300 digits."""
_KEY_SHOWN = 40


def repeated_key(key: object, where: str) -> str:
    """Return the message for a key repeated ``where`` («в одном разделе»), the key cut to 40 characters.

    A key is a field's name, not a value: quoting it tells where to look.
    """
    text = str(key)
    shown = text if len(text) <= _KEY_SHOWN else text[:_KEY_SHOWN] + "…"
    return f"ключ «{shown}» повторяется {where}"


class YamlContentError(yaml.MarkedYAMLError):
    """A YAML text that parses but cannot be read as data; ``problem`` says why in Russian.

    ``problem_mark`` is where (None for nesting too deep).
    """


def _strict(base: type) -> type:
    """Return ``base`` (a safe loader) refusing repeated keys and the values that crash PyYAML's constructors."""

    class StrictLoader(base):
        def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
            if isinstance(node, yaml.MappingNode):
                seen: set[Any] = set()
                for key_node, _ in node.value:
                    if key_node.tag == "tag:yaml.org,2002:merge":
                        continue  # «<<: *defaults»: its keys may be overridden on purpose
                    key = self.construct_object(key_node, deep=True)
                    try:
                        repeated = key in seen
                    except TypeError:
                        continue  # an unhashable key: PyYAML's own check reports it
                    if repeated:
                        raise YamlContentError(
                            problem=repeated_key(key, "в одном разделе"), problem_mark=key_node.start_mark
                        )
                    seen.add(key)
            return super().construct_mapping(node, deep=deep)

        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            if isinstance(node, yaml.ScalarNode) and node.tag in _NUMBERS and len(str(node.value)) > MAX_NUMBER:
                raise YamlContentError(problem=f"число длиннее {MAX_NUMBER} знаков", problem_mark=node.start_mark)
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, TypeError, LookupError, AttributeError, OverflowError):
                # «2020-02-30», «!!int abc», «!!bool maybe», a timestamp out of range: PyYAML's constructors fail
                # with Python's own errors
                problem = _INVALID.get(node.tag, "недопустимое значение")
                raise YamlContentError(problem=problem, problem_mark=node.start_mark) from None

    return StrictLoader


_NUMBERS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_INVALID = {
    "tag:yaml.org,2002:int": "недопустимое целое число",
    "tag:yaml.org,2002:float": "недопустимое число",
    "tag:yaml.org,2002:bool": "недопустимое логическое значение (ожидается true или false)",
    "tag:yaml.org,2002:timestamp": "недопустимая дата (ожидается ГГГГ-ММ-ДД с существующими месяцем и днём)",
}
_LOADER = _strict(getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml parses 8–9 × faster; the same safe subset
_PURE_LOADER = _strict(yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """Return the content of a YAML text, read with the strict safe loader (libyaml's when PyYAML has it).

    Raises :class:`yaml.YAMLError` for anything it cannot read: a :class:`YamlContentError` with a
    Russian ``problem`` for a repeated key, a long number, an impossible value or nesting too deep.
    A text libyaml refuses is read again by PyYAML's own loader, whose error names the line a person
    sees (libyaml counts an unclosed bracket's line after the end).
    """
    try:
        try:
            return yaml.load(text, Loader=_LOADER)  # a safe loader: no Python objects
        except YamlContentError:
            raise
        except yaml.YAMLError:
            if _LOADER is _PURE_LOADER:
                raise
        return yaml.load(text, Loader=_PURE_LOADER)
    except RecursionError:
        raise YamlContentError(problem="слишком глубокая вложенность") from None
    except (ValueError, TypeError, LookupError, AttributeError, OverflowError):
        # PyYAML's own scanner reads the version of «%YAML 1.1…» with int(): a number of 5,000 digits fails there
        raise YamlContentError(problem="текст не читается как YAML") from None


def _folder(kind: str) -> Traversable:
    return resources.files(__package__).joinpath(kind)


@cache
def content_data(name: str) -> Any:
    """Return the parsed bundled data file ``data/<name>``; the result is shared, do not change it."""
    return parse_yaml(_folder("data").joinpath(name).read_text(encoding="utf-8"))


def wording_file(name: str) -> Traversable:
    """Return the bundled wording file ``wording/<name>.yaml`` (it may not exist)."""
    return _folder("wording").joinpath(f"{name}.yaml")


def wording_files() -> dict[str, Traversable]:
    """Return every bundled wording file by file name (``<name>.yaml``), sorted."""
    entries = (entry for entry in _folder("wording").iterdir() if entry.name.endswith(".yaml"))
    return {entry.name: entry for entry in sorted(entries, key=lambda entry: entry.name)}
