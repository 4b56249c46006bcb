"""Reading the survey answers workbook (``survey-answers``) into :class:`SurveyAnswers`, every problem at
once; writing the satisfaction shares as a small summary workbook.

A sheet per role («Наставники», «Наставляемые»), a row per filled questionnaire: the participant's
code and one score per scale question. A row with a code and no scores is a participant who did
not answer. Problems name the sheet, the row and the column header and what was expected, with
the kind of value found, never the value itself — like the register's reader, whose helpers
(:mod:`.sheets`) this one shares.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import Problem
from ..models.register import Register
from ..models.surveys import (
    ROLES,
    Questionnaire,
    Response,
    Role,
    Satisfaction,
    SurveyAnswers,
    SurveyCatalogue,
    summary_rows,
    survey_catalogue,
)
from .sheets import (
    cell_kind,
    data_rows,
    find_header,
    header_key,
    open_workbook,
    print_setup,
    raise_problems,
    sheets_by_title,
)

__all__ = ["load_answers", "summary_workbook"]

_CODE = "code"
_NUMBER = re.compile(r"^\d+\.\s*")  # «1. Удовлетворённость в целом» is also found as «Удовлетворённость в целом»
_DIGITS = re.compile(r"^[0-9]+$")
_MAX_CODE = 500
_WHOSE: dict[Role, str] = {"mentor": "наставника", "mentee": "наставляемого"}

Row = tuple[int, str, dict[str, int]]
"""(sheet row, participant code, scores by question id)."""


def load_answers(
    path: str | Path | BinaryIO, roster: Register | None = None, *, name: str | None = None
) -> SurveyAnswers:
    """Return the answers read from the workbook at ``path`` (or an open binary stream); every problem at once.

    With ``roster`` (the register) every code must be a mentor's on the mentors' sheet and a
    mentee's on the mentees' sheet. ``name`` is how messages call the workbook.
    """
    source, workbook = open_workbook(path, what="Файл ответов", name=name)
    catalogue = survey_catalogue()
    problems: list[Problem | str] = []
    rows: dict[Role, list[Row]] = {}
    try:
        titles = sheets_by_title(workbook, problems)
        for role in ROLES:
            questionnaire = catalogue.questionnaires[role]
            sheet = titles.get(questionnaire.sheet.strip().lower())
            if sheet is None:
                problems.append(f"нет листа «{questionnaire.sheet}»")
                rows[role] = []
                continue
            rows[role] = _read_sheet(sheet, questionnaire, catalogue, problems)
    finally:
        workbook.close()
    codes = (
        None
        if roster is None
        else {"mentor": {m.code for m in roster.mentors}, "mentee": {m.code for m in roster.mentees}}
    )
    responses: dict[Role, list[Response]] = {role: [] for role in ROLES}
    for role in ROLES:
        where = catalogue.questionnaires[role].sheet
        seen: dict[str, int] = {}
        for number, code, answers in rows[role]:
            place = f"{where}, строка {number}, «{catalogue.code_header}»"
            if code in seen:
                problems.append(f"{place}: этот участник уже есть в строке {seen[code]}")
                continue
            seen[code] = number
            if codes is not None and code not in codes[role]:
                other: Role = "mentee" if role == "mentor" else "mentor"
                if code in codes[other]:
                    sheet = catalogue.questionnaires[other].sheet
                    problems.append(f"{place}: это код {_WHOSE[other]} — его анкету внесите на лист «{sheet}»")
                else:
                    problems.append(f"{place}: в реестре нет {_WHOSE[role]} с таким кодом")
                continue
            responses[role].append(Response(code=code, role=role, answers=answers))
    raise_problems(source, problems, where="в ответах на анкеты")
    return SurveyAnswers(mentors=responses["mentor"], mentees=responses["mentee"])


def _columns(questionnaire: Questionnaire, catalogue: SurveyCatalogue) -> dict[str, str]:
    """Return the header keys of a sheet: the code's and every scale question's (with and without its number)."""
    keys = {header_key(catalogue.code_header): _CODE}
    for question in questionnaire.scale:
        header = questionnaire.column_header(question)
        keys[header_key(header)] = question.id
        keys[header_key(_NUMBER.sub("", header))] = question.id
    return keys


def _read_sheet(
    sheet: Any, questionnaire: Questionnaire, catalogue: SurveyCatalogue, problems: list[Problem | str]
) -> list[Row]:
    title = questionnaire.sheet
    keys = _columns(questionnaire, catalogue)
    headers = {_CODE: catalogue.code_header} | {q.id: questionnaire.column_header(q) for q in questionnaire.scale}
    found = find_header(sheet, keys, enough=min(2, len(headers)))
    if found is None:
        first, second = list(headers.values())[:2]
        problems.append(f"{title}: не найдена строка заголовков (ожидаются столбцы «{first}», «{second}»…)")
        return []
    header_row, columns = found
    positions: dict[str, int] = {}
    for index, key in sorted(columns.items()):
        positions.setdefault(keys[key], index)  # the first of a repeated header
    missing = [header for field, header in headers.items() if field not in positions]
    for header in missing:
        problems.append(f"{title}: нет столбца «{header}»")
    if missing:
        return []  # every row would repeat the same problem
    low, high = catalogue.low, catalogue.high
    rule = questionnaire.satisfied.questions
    result = []
    for number, values in data_rows(sheet, header_row + 1, title=title, what="ответы", problems=problems):
        cells = {field: values[index] if index < len(values) else None for field, index in positions.items()}
        scores = {field: value for field, value in cells.items() if field != _CODE and cell_kind(value) != "пусто"}
        if not scores:
            continue  # an empty row, or a participant who did not answer
        place = f"{title}, строка {number}"
        good = True
        answers = {}
        for field, value in scores.items():
            score = _score(value, low, high)
            if isinstance(score, int):
                answers[field] = score
            else:
                problems.append(
                    f"{place}, «{headers[field]}»: ожидается целое число от {low} до {high} (в ячейке — {score})"
                )
                good = False
        for field in rule:
            if field not in scores:
                problems.append(
                    f"{place}, «{headers[field]}»: нет оценки, а по этому вопросу считается удовлетворённость "
                    "(если участник не сдал анкету, оставьте строку без оценок)"
                )
                good = False
        code = _code(cells[_CODE])
        if code is None:
            problems.append(f"{place}, «{catalogue.code_header}»: не заполнен код участника")
        elif len(code) > _MAX_CODE:
            problems.append(f"{place}, «{catalogue.code_header}»: слишком длинный код: не больше {_MAX_CODE} знаков")
        elif good:
            result.append((number, code, answers))
    return result


def _score(value: Any, low: int, high: int) -> int | str:
    """Return the score in a cell, or what the cell holds instead («текст», «число вне шкалы»…)."""
    if isinstance(value, str) and _DIGITS.match(value.strip()):
        value = int(value.strip())  # a number typed into a text cell
    kind = cell_kind(value)
    if kind != "число":
        return kind
    if isinstance(value, float):
        if not value.is_integer():
            return "дробное число"
        value = int(value)
    return value if low <= value <= high else "число вне шкалы"


def _code(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def summary_workbook(result: Satisfaction) -> bytes:
    """Return the satisfaction shares as a workbook: a title, the headers, a row per role and form of mentorship."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    words = survey_catalogue().summary
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = words.sheet
    sheet.append([words.title])
    sheet.append([])
    sheet.append(list(words.columns))
    for row in summary_rows(result):
        sheet.append(list(row))
    for number, line in enumerate(sheet.iter_rows(), start=1):
        for cell in line:
            cell.font = Font(name="Times New Roman", size=11, bold=number in (1, 3))
            cell.alignment = Alignment(wrap_text=number == 3, vertical="top")
            if number > 3:
                cell.number_format = "0.0" if cell.column == 6 else "General"
    for index, width in enumerate((14, 26, 11, 11, 14, 24), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[3].height = 30  # the headers wrap on two lines
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    print_setup(sheet)  # its six columns are wider than a portrait page
    book.properties.creator = "nastavnik-docs"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
