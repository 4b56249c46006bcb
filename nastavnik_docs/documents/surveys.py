"""Stage 6, the satisfaction surveys: the printable questionnaires of mentors and of mentees (one
per participant of the register, and a blank) and the workbook their answers are entered in.

A questionnaire shows the participant's code only, never a name, and is named after the code:
the survey is anonymous. The answers feed :func:`nastavnik_docs.models.surveys.satisfaction`.
The builders read only ``data.roster``: any model with the register as ``roster`` will do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import zip_longest
from pathlib import Path
from typing import Any

from ..models.surveys import Role, SurveyRoster, survey_catalogue
from .spec import ContextBuilder, DocumentSpec

__all__ = ["BLANK", "DOCUMENTS", "KIT", "each_questionnaire", "questionnaire_context"]

BLANK = "бланк"
"""The file name of the blank questionnaire in each folder (``blank`` with ``--latin``)."""


def questionnaire_context(role: Role) -> dict[str, Any]:
    """Return the questionnaire of ``role`` for its template: headings, introduction, numbered questions by kind."""
    catalogue = survey_catalogue()
    questionnaire = catalogue.questionnaires[role]
    by_kind: dict[str, list[dict[str, Any]]] = {"scale": [], "yes_no": [], "text": []}
    for number, question in questionnaire.numbered:
        by_kind[question.kind].append({"number": number, "text": question.text})
    return {
        "heading": questionnaire.heading,
        "audience": questionnaire.audience,
        "introduction": questionnaire.introduction,
        "low": catalogue.low,
        "high": catalogue.high,
        "scale": by_kind["scale"],
        "yes_no": by_kind["yes_no"],
        "open": by_kind["text"],
    }


def _codes(data: Any, role: Role) -> list[str]:
    roster = data.roster
    return [person.code for person in (roster.mentors if role == "mentor" else roster.mentees)]


def each_questionnaire(role: Role) -> Callable[[Any], Iterator[tuple[str, dict[str, Any]]]]:
    """Return the batch of ``role``: a blank questionnaire, then one per participant, named after the code."""

    def each(data: Any) -> Iterator[tuple[str, dict[str, Any]]]:
        yield BLANK, {"participant": {"code": None}}
        for code in _codes(data, role):
            yield code, {"participant": {"code": code}}

    return each


def _questionnaire_builder(role: Role) -> ContextBuilder:
    def build(data: Any, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
        return {**base, "survey": questionnaire_context(role)}

    return build


def _count(role: Role) -> Callable[[Any], int]:
    return lambda data: 1 + len(_codes(data, role))


def _answers(data: Any, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return the rows of the answers workbook: one per participant of the register, or blank rows without one."""
    blank = survey_catalogue().blank_rows
    codes = {role: _codes(data, role) for role in ("mentor", "mentee")}
    return {
        **base,
        "answers": {
            "rows": {
                role: [{"code": code} for code in listed] or [{"code": None}] * blank for role, listed in codes.items()
            },
            "codes": [{"mentor": a, "mentee": b} for a, b in zip_longest(codes["mentor"], codes["mentee"])],
            "known": {role: len(listed) for role, listed in codes.items()},
        },
    }


def _nothing_shared(data: Any) -> dict[str, Any]:
    return {}


def _survey_document(
    document_id: str, title: str, template: str, context: ContextBuilder, **batch: Any
) -> DocumentSpec:
    return DocumentSpec(document_id, title, 6, SurveyRoster, _nothing_shared, (template,), context, **batch)


def _questionnaire_document(role: Role, title: str, plural: str) -> DocumentSpec:
    """Return the catalogue entry of a questionnaire: ``survey-<role>``, one per participant, in ``surveys/<role>s``."""
    return _survey_document(
        f"survey-{role}",
        title,
        f"survey-{role}.docx",
        _questionnaire_builder(role),
        each=each_questionnaire(role),
        folder=f"surveys/{role}s",
        plural=plural,
        count=_count(role),
    )


DOCUMENTS = (
    _questionnaire_document(
        "mentor",
        "Анкета удовлетворённости наставника участием в программе наставничества",
        "Анкеты удовлетворённости наставников участием в программе наставничества",
    ),
    _questionnaire_document(
        "mentee",
        "Анкета удовлетворённости наставляемого участием в программе наставничества",
        "Анкеты удовлетворённости наставляемых участием в программе наставничества",
    ),
    _survey_document(
        "survey-answers",
        "Ответы на анкеты удовлетворённости участием в программе наставничества",
        "survey-answers.xlsx",
        _answers,
    ),
)

KIT = None
"""Not a kit of their own: the stage-6 kit takes these documents."""
