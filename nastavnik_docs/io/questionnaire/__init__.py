"""The Excel questionnaire: a data file (school, municipality, teachers) as a workbook to fill in.

:mod:`.layout` makes its sheets from the models, :mod:`.write` writes it blank or filled,
:mod:`.read` reads a filled one back with every problem by sheet, row and field. It needs openpyxl.
"""

from .layout import KINDS, Field, Heading, Layout, ListSheet, layout_of
from .read import QuestionnaireData, read_questionnaire
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


def questionnaire_kind(model: type) -> str | None:
    """Return the kind of questionnaire that holds ``model`` (``school``…), or None if none does."""
    return next((kind for kind, holds in KINDS.items() if holds is model), None)
