"""Make samples/surveys.xlsx: the survey answers workbook of the sample register, filled with invented answers.

The workbook is the one ``nastavnik-docs surveys template --register samples/register.xlsx``
writes (through the producer); the scores are drawn with a fixed seed, so every run gives the same
answers: most participants answered, some did not; about nine mentors in ten and four mentees in
five rate their overall satisfaction 7 or higher.

    python tools/sample_surveys.py
"""

from __future__ import annotations

import io
import random

from office_package import workbook_bytes
from openpyxl import load_workbook
from openpyxl.workbook import Workbook
from template_files import ROOT

from nastavnik_docs.io.register import load_register
from nastavnik_docs.models import SurveyRoster
from nastavnik_docs.models.surveys import ROLES, Role, survey_catalogue
from nastavnik_docs.produce import build_document

REGISTER = ROOT / "samples" / "register.xlsx"
TARGET = ROOT / "samples" / "surveys.xlsx"
SEED = 4
ANSWERED: dict[Role, float] = {"mentor": 0.9, "mentee": 0.82}
"""Share of participants who handed in their questionnaire."""
SATISFIED: dict[Role, float] = {"mentor": 0.88, "mentee": 0.8}
"""Chance that a respondent's overall score is at the threshold or above."""
SKIPPED = 0.04
"""Chance that a respondent leaves a question other than those of the rule unanswered."""


def _overall(rng: random.Random, satisfied: bool, threshold: int, high: int) -> int:
    """Return an overall score: at the threshold or above for a satisfied respondent, below it otherwise."""
    if satisfied:
        return rng.randint(threshold, high)
    return rng.randint(max(1, threshold - 4), threshold - 1)


def workbook() -> Workbook:
    """Return the answers workbook of the sample register with the invented scores filled in."""
    catalogue = survey_catalogue()
    roster = load_register(REGISTER)
    [made] = build_document("survey-answers", SurveyRoster(roster=roster))
    book = load_workbook(io.BytesIO(made.data))
    rng = random.Random(SEED)
    for role in ROLES:
        questionnaire = catalogue.questionnaires[role]
        rule = questionnaire.satisfied
        sheet = book[questionnaire.sheet]
        columns = {question.id: index for index, question in enumerate(questionnaire.scale, start=2)}
        row = 5  # the first data row of the template (title, note, blank, headers)
        while sheet.cell(row, 1).value:
            if rng.random() < ANSWERED[role]:
                satisfied = rng.random() < SATISFIED[role]
                overall = _overall(rng, satisfied, rule.at_least, catalogue.high)
                for question, column in columns.items():
                    if question in rule.questions:
                        score = overall
                    elif rng.random() < SKIPPED:
                        continue
                    else:
                        score = min(catalogue.high, max(catalogue.low, overall + rng.randint(-2, 1)))
                    sheet.cell(row, column).value = score
            row += 1
    return book


def build() -> bytes:
    """Return the bytes of samples/surveys.xlsx."""
    return workbook_bytes(workbook())


def main() -> int:
    """Write samples/surveys.xlsx and print the shares it gives."""
    from nastavnik_docs.io.surveys import load_answers
    from nastavnik_docs.models import satisfaction

    TARGET.write_bytes(build())
    roster = load_register(REGISTER)
    result = satisfaction(load_answers(TARGET, roster), roster)
    for role in ROLES:
        total = result.of(role).total
        print(f"{role}: {total.respondents} of {total.participants} answered, {total.share} % satisfied")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
