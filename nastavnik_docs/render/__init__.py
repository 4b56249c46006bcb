"""Renderers, one module per output format, sharing one sandboxed Jinja environment shape."""

from .environment import OutputKind, make_environment
from .filters import FILTERS

__all__ = ["FILTERS", "OutputKind", "make_environment"]
