"""Data files bundled in ``nastavnik_docs/content`` (catalogue, forms, indicators, layouts), read once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["content_data"]


@cache
def content_data(name: str) -> Any:
    """Return the parsed bundled YAML file ``content/<name>``; the result is shared, do not change it."""
    text = resources.files(__package__).joinpath("content", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
