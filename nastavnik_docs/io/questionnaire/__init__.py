"""The Excel questionnaire: a data file (school, municipality, teachers) as a workbook to fill in.

:mod:`.layout` makes its sheets from the models, :mod:`.write` writes it blank or filled,
:mod:`.read` reads a filled one back with every problem by sheet, row and field. Those two need
openpyxl, which is imported when one of their names is first used: the producer needs only the
layout's names, and a kit of stage 1 should not wait for openpyxl (bench/render.py).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .layout import KINDS, Field, Heading, Layout, ListSheet, QuestionnaireData, layout_of, questionnaire_kind

if TYPE_CHECKING:
    from .read import read_questionnaire
    from .write import questionnaire_bytes, questionnaire_workbook

__all__ = [
    "KINDS",
    "Field",
    "Heading",
    "Layout",
    "ListSheet",
    "QuestionnaireData",
    "layout_of",
    "questionnaire_bytes",
    "questionnaire_kind",
    "questionnaire_workbook",
    "read_questionnaire",
]

_LAZY = {"read_questionnaire": ".read", "questionnaire_bytes": ".write", "questionnaire_workbook": ".write"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
