"""HTML pages (the website tab) rendered through the same sandboxed environment, HTML-escaped."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import meta

from .environment import OutputKind, make_environment, template_errors

__all__ = ["html_variables", "render_html"]


def render_html(source: str, context: Mapping[str, Any], *, name: str) -> str:
    """Return the HTML page rendered from the template text ``source``."""
    environment = make_environment(OutputKind.HTML)
    with template_errors(name):
        return environment.from_string(source).render(dict(context))


def html_variables(source: str, *, name: str) -> set[str]:
    """Return the top-level variables an HTML template uses."""
    with template_errors(name):
        return set(meta.find_undeclared_variables(make_environment(OutputKind.HTML).parse(source)))
