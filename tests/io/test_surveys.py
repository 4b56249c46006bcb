"""Reading the survey answers: the sample reads clean; every kind of bad answer is reported with its
sheet, row and column, all at once, never with the value itself."""

from pathlib import Path

import openpyxl
import pytest

from nastavnik_docs.errors import DataFileError, ValidationError
from nastavnik_docs.io import sheets
from nastavnik_docs.io.register import load_register
from nastavnik_docs.io.surveys import load_answers

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "surveys.xlsx"
REGISTER = ROOT / "samples" / "register.xlsx"
FIRST = 5  # the first data row of the answers workbook


@pytest.fixture(scope="module")
def roster():
    return load_register(REGISTER)


def edited(tmp_path, changes, *, name="answers.xlsx"):
    """Return a copy of the sample with ``changes``: (sheet, row, column number, value)."""
    book = openpyxl.load_workbook(SAMPLE)
    for sheet, row, column, value in changes:
        book[sheet].cell(row, column).value = value
    path = tmp_path / name
    book.save(path)
    return path


def problems(path, roster=None):
    with pytest.raises(ValidationError) as caught:
        load_answers(path, roster)
    return caught.value.problems, str(caught.value)


def answered_row(sheet="Наставники"):
    """Return the first data row of the sample with an overall score, and its code."""
    book = openpyxl.load_workbook(SAMPLE, read_only=True)
    for number, row in enumerate(book[sheet].iter_rows(min_row=FIRST, values_only=True), start=FIRST):
        if row[1] is not None:
            return number, row[0]
    raise AssertionError(sheet)


def test_sample_reads_clean_with_and_without_the_register(roster):
    with_register = load_answers(SAMPLE, roster)
    without = load_answers(SAMPLE)
    assert with_register == without
    book = openpyxl.load_workbook(SAMPLE, read_only=True)
    for role, sheet in (("mentor", "Наставники"), ("mentee", "Наставляемые")):
        rows = [row for row in book[sheet].iter_rows(min_row=FIRST, values_only=True) if any(row[1:])]
        responses = with_register.of(role)
        assert [r.code for r in responses] == [row[0] for row in rows]
        assert [r.answers.get("overall") for r in responses] == [row[1] for row in rows]
        assert all(r.role == role for r in responses)


def test_every_kind_of_bad_answer_is_reported_by_sheet_row_and_column(tmp_path, roster):
    row, code = answered_row()
    mentee_row, mentee_code = answered_row("Наставляемые")
    path = edited(
        tmp_path,
        [
            ("Наставники", row, 2, "очень доволен"),  # text for a score
            ("Наставники", row, 3, 11),  # out of the scale
            ("Наставники", row, 4, 7.5),  # not a whole number
            ("Наставники", row, 5, True),  # a tick box's value
            ("Наставники", row + 1, 1, "Н-999"),  # unknown code
            ("Наставники", row + 1, 2, 9),
            ("Наставники", row + 2, 1, mentee_code),  # a mentee's code on the mentors' sheet
            ("Наставники", row + 2, 2, 9),
            ("Наставляемые", mentee_row + 1, 1, mentee_code),  # the same mentee twice
            ("Наставляемые", mentee_row + 1, 2, 8),
            ("Наставляемые", mentee_row + 2, 1, None),  # scores without a code
            ("Наставляемые", mentee_row + 2, 2, 8),
            ("Наставляемые", mentee_row + 3, 2, None),  # other scores, but not the question of the rule
            ("Наставляемые", mentee_row + 3, 3, 8),
        ],
    )
    found, message = problems(path, roster)
    assert found == [
        f"Наставники, строка {row}, «1. Удовлетворённость в целом»: ожидается целое число от 1 до 10 (в ячейке — текст)",
        f"Наставники, строка {row}, «2. Комфорт общения»: ожидается целое число от 1 до 10 (в ячейке — число вне шкалы)",
        f"Наставники, строка {row}, «3. Понятность целей и задач»: ожидается целое число от 1 до 10 (в ячейке — дробное число)",
        f"Наставники, строка {row}, «4. Поддержка куратора»: ожидается целое число от 1 до 10 (в ячейке — логическое значение)",
        f"Наставляемые, строка {mentee_row + 2}, «Код участника»: не заполнен код участника",
        f"Наставляемые, строка {mentee_row + 3}, «1. Удовлетворённость в целом»: нет оценки, а по этому вопросу "
        "считается удовлетворённость (если участник не сдал анкету, оставьте строку без оценок)",
        f"Наставники, строка {row + 1}, «Код участника»: в реестре нет наставника с таким кодом",
        f"Наставники, строка {row + 2}, «Код участника»: это код наставляемого — его анкету внесите на лист «Наставляемые»",
        f"Наставляемые, строка {mentee_row + 1}, «Код участника»: этот участник уже есть в строке {mentee_row}",
    ]
    assert message.startswith("answers.xlsx: 9 ошибок в ответах на анкеты:\n  Наставники, строка")
    for value in ("очень доволен", "Н-999", mentee_code, code):
        assert value not in message  # the values themselves are never quoted


def test_without_the_register_codes_are_not_checked_but_duplicates_are(tmp_path):
    row, code = answered_row()
    path = edited(tmp_path, [("Наставники", row + 1, 1, "Н-999"), ("Наставники", row + 2, 1, code)])
    found, _ = problems(path)
    assert found == [f"Наставники, строка {row + 2}, «Код участника»: этот участник уже есть в строке {row}"]


def test_a_participant_who_did_not_answer_is_no_respondent(tmp_path):
    row, code = answered_row()
    book = openpyxl.load_workbook(SAMPLE)
    for column in range(2, 10):
        book["Наставники"].cell(row, column).value = None
    book.save(tmp_path / "answers.xlsx")
    answers = load_answers(tmp_path / "answers.xlsx")
    assert code not in [r.code for r in answers.mentors]
    assert len(answers.mentors) == len(load_answers(SAMPLE).mentors) - 1


def test_a_score_typed_as_text_digits_is_a_number_and_a_numeric_code_is_text(tmp_path):
    row, _ = answered_row()
    path = edited(tmp_path, [("Наставники", row, 2, " 8 "), ("Наставники", row, 1, 17.0)])
    response = next(r for r in load_answers(path).mentors if r.code == "17")
    assert response.answers["overall"] == 8


def test_missing_sheet_and_missing_columns(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    del book["Наставляемые"]
    book["Наставники"].cell(4, 3).value = "Комфорт"
    book["Наставники"].cell(4, 5).value = None
    book.save(tmp_path / "answers.xlsx")
    found, _ = problems(tmp_path / "answers.xlsx")
    assert found == [
        "Наставники: нет столбца «2. Комфорт общения»",
        "Наставники: нет столбца «4. Поддержка куратора»",
        "нет листа «Наставляемые»",
    ]


def test_headers_are_found_without_their_numbers_and_in_any_case(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book["Наставники"]
    sheet.cell(4, 2).value = "удовлетворённость  в целом"
    sheet.cell(4, 1).value = "КОД УЧАСТНИКА"
    book.save(tmp_path / "answers.xlsx")
    assert load_answers(tmp_path / "answers.xlsx") == load_answers(SAMPLE)


def test_no_header_row(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Наставники"
    book.active["A1"] = "что-то другое"
    book.create_sheet("Наставляемые")
    book.save(tmp_path / "answers.xlsx")
    found, _ = problems(tmp_path / "answers.xlsx")
    assert found == [
        "Наставники: не найдена строка заголовков (ожидаются столбцы «Код участника», «1. Удовлетворённость в целом»…)",
        "Наставляемые: не найдена строка заголовков (ожидаются столбцы «Код участника», «1. Удовлетворённость в целом»…)",
    ]


def test_rows_beyond_the_limit_are_a_problem(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 10)
    found, _ = problems(SAMPLE)
    assert found == [
        "Наставники: больше 10 строк — разделите ответы на несколько файлов",
        "Наставляемые: больше 10 строк — разделите ответы на несколько файлов",
    ]


def test_not_a_workbook_and_no_file(tmp_path):
    (tmp_path / "answers.xlsx").write_text("не книга", encoding="utf-8")
    with pytest.raises(DataFileError, match="не является книгой Excel"):
        load_answers(tmp_path / "answers.xlsx")
    with pytest.raises(DataFileError, match=r"Файл ответов .* не найден"):
        load_answers(tmp_path / "missing.xlsx")
