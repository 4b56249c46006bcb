"""Bundled content: the wording of documents (``wording/<id>.yaml``) and data (``data/<name>.yaml``).

Wording files are the Russian text of orders, regulations and roadmaps, which a coordinator may
replace through ``--templates``; data files are the forms of mentorship, indicators, the register
layout and other lists the package reads as they are. Both are read with the safe YAML loader.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

__all__ = ["content_data", "parse_yaml", "wording_file", "wording_files"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses 8–9 × faster; the same safe subset


def parse_yaml(text: str) -> Any:
    """Return the content of a YAML text, read with the safe loader (libyaml's when PyYAML has it).

    A text libyaml refuses is read again by PyYAML's own loader, whose error names the line a person
    sees (libyaml counts an unclosed bracket's line after the end).
    """
    try:
        return yaml.load(text, Loader=_LOADER)  # a safe loader: no Python objects
    except yaml.YAMLError:
        if _LOADER is yaml.SafeLoader:
            raise
    return yaml.safe_load(text)


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
