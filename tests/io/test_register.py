"""Reading the participant register: the sample reads clean; every kind of problem is reported
with sheet, row and column, all at once, and never with the personal data itself."""

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from nastavnik_docs.errors import DataFileError, ValidationError
from nastavnik_docs.io.register import load_register, register_layout

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "register.xlsx"
TODAY = dt.date(2026, 11, 26)


def column(sheet_key, field):
    columns = register_layout()["sheets"][sheet_key]["columns"]
    return next(i for i, c in enumerate(columns, start=1) if c["field"] == field)


def edited(tmp_path, changes):
    book = openpyxl.load_workbook(SAMPLE)
    for sheet_key, row, field, value in changes:
        title = register_layout()["sheets"][sheet_key]["title"]
        book[title].cell(row, column(sheet_key, field)).value = value
    path = tmp_path / "register.xlsx"
    book.save(path)
    return path


def problems(path):
    with pytest.raises(ValidationError) as caught:
        load_register(path, today=TODAY)
    return caught.value.problems, str(caught.value)


def test_sample_register_reads_clean():
    register = load_register(SAMPLE, today=TODAY)
    assert len(register.mentors) + len(register.mentees) + len(register.pairs) >= 300
    ages = {
        (p.start - m.birth_date).days // 365
        for p in register.pairs
        for code in p.mentees
        for m in register.mentees
        if m.code == code
    }
    assert min(ages) < 14 and any(14 <= a < 18 for a in ages) and max(ages) >= 18  # every consent variant occurs


def test_layout_headers_are_unique_per_sheet():
    for sheet in register_layout()["sheets"].values():
        headers = [c["header"].rstrip("*").lower() for c in sheet["columns"]]
        assert len(headers) == len(set(headers)), sheet["title"]


def test_bad_cells_are_reported_with_sheet_row_and_header(tmp_path):
    path = edited(
        tmp_path,
        [
            ("mentees", 14, "birth_date", "вчера"),
            ("mentors", 5, "last", "Smith"),
            ("mentees", 20, "document_issued_on", "31.13.2020"),
            ("pairs", 4, "form", "ученик – родитель"),
        ],
    )
    found, message = problems(path)
    assert "Наставляемые, строка 14, «Дата рождения»: ожидается дата ДД.ММ.ГГГГ (в ячейке — текст)" in found
    assert any(p.startswith("Наставники, строка 5, «Фамилия»: ожидается «Фамилия Имя Отчество»") for p in found)
    assert "Наставляемые, строка 20, «Дата выдачи»: ожидается дата ДД.ММ.ГГГГ (в ячейке — текст)" in found
    assert any(
        p.startswith("Пары и группы, строка 4, «Форма наставничества»: неизвестная форма наставничества") for p in found
    )
    assert "Smith" not in message and "вчера" not in message


def test_cross_record_problems(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    pairs = book["Пары и группы"]
    mentees = book["Наставляемые"]
    pairs.cell(4, column("pairs", "mentor")).value = "Н-999"
    left_out = {code.strip() for code in pairs.cell(5, column("pairs", "mentees")).value.split(",")}
    for row in range(2, mentees.max_row + 1):  # the sample dates every consent: take the date of those left out
        if mentees.cell(row, column("mentees", "code")).value in left_out:
            mentees.cell(row, column("mentees", "consent_date")).value = None
    pairs.cell(5, column("pairs", "mentees")).value = "У-998, У-999"
    pairs.cell(7, column("pairs", "mentees")).value = pairs.cell(6, column("pairs", "mentees")).value
    mentees.cell(4, column("mentees", "birth_date")).value = dt.datetime(2030, 1, 1)
    for field in (
        "rep_last",
        "rep_first",
        "rep_middle",
        "rep_relation",
        "rep_authority",
        "rep_document_kind",
        "rep_document_number",
        "rep_document_issued_by",
        "rep_document_issued_on",
        "rep_address",
    ):
        mentees.cell(20, column("mentees", field)).value = None
    path = tmp_path / "register.xlsx"
    book.save(path)
    found, _ = problems(path)
    assert "Пары и группы, строка 4, «Код наставника»: такого кода нет на листе «Наставники»" in found
    # the codes are named by their places in the cell, never quoted: typed in the wrong column they may be names
    assert (
        "Пары и группы, строка 5, «Коды наставляемых»: кодов нет на листе «Наставляемые»: по порядку в ячейке 1, 2 из 2"
        in found
    )
    assert (
        "Пары и группы, строка 7, «Коды наставляемых»: наставляемый уже состоит в другой паре "
        "(группе) этой же программы (см. «№ пары» в строке 6)"
    ) in found
    assert "Наставляемые, строка 4, «Дата рождения»: дата рождения в будущем" in found
    assert any(
        p.startswith("Наставляемые, строка 20, «Представитель: фамилия»: участнику")
        and "нужны данные законного представителя" in p
        for p in found
    )
    # the mentee of the pair whose codes were changed is in no pair now: its consent date is asked for
    assert any(p.endswith("«Дата согласия»: участник не состоит ни в одной паре: укажите дату согласия") for p in found)


def test_missing_sheet_and_column(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    del book["Пары и группы"]
    book["Наставники"].cell(2, column("mentors", "birth_date")).value = "Родился"
    path = tmp_path / "register.xlsx"
    book.save(path)
    found, _ = problems(path)
    assert "нет листа «Пары и группы»" in found
    assert "Наставники: нет столбца «Дата рождения*»" in found


def test_formula_looking_text_is_just_text(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    cell = book["Наставники"].cell(4, column("mentors", "position"))
    cell.value = '=HYPERLINK("http://evil")'
    cell.data_type = "s"  # typed as text, as Excel stores a quoted formula
    path = tmp_path / "register.xlsx"
    book.save(path)
    register = load_register(path, today=TODAY)
    assert register.mentors[0].position == '=HYPERLINK("http://evil")'


def test_not_a_workbook_missing_and_huge(tmp_path):
    with pytest.raises(DataFileError, match="не найден"):
        load_register(tmp_path / "none.xlsx")
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK not really")
    with pytest.raises(DataFileError, match="не является книгой Excel"):
        load_register(fake)


def test_empty_name_part_is_reported_at_its_column_and_not_again_through_pairs(tmp_path):
    path = edited(tmp_path, [("mentors", 4, "last", None)])
    found, _ = problems(path)
    assert found == ["Наставники, строка 4, «Фамилия»: обязательное поле не заполнено"]


def test_register_without_the_hints_row_loses_nobody(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    for title in ("Наставники", "Наставляемые", "Пары и группы", "Партнёры"):
        book[title].delete_rows(3)
    path = tmp_path / "register.xlsx"
    book.save(path)
    register = load_register(path, today=TODAY)
    assert (len(register.mentors), len(register.pairs), len(register.partners)) == (82, 82, 4)


def test_missing_column_is_reported_once(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    book["Наставляемые"].cell(2, column("mentees", "address")).value = "Адрес"
    path = tmp_path / "register.xlsx"
    book.save(path)
    found, _ = problems(path)
    assert [p for p in found if p.startswith("Наставляемые")] == ["Наставляемые: нет столбца «Адрес регистрации*»"]


def test_empty_register_is_reported(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    for title in ("Наставники", "Наставляемые", "Пары и группы", "Партнёры"):
        sheet = book[title]
        sheet.delete_rows(4, sheet.max_row)
    path = tmp_path / "register.xlsx"
    book.save(path)
    found, _ = problems(path)
    assert found == ["Пары и группы: в реестре нет ни одной наставнической пары (группы)"]


# --- the pairs' life cycle -------------------------------------------------------------------------


def test_life_cycle_columns_read_into_statuses():
    from nastavnik_docs.models import PairStatus

    register = load_register(SAMPLE, today=TODAY)
    book = openpyxl.load_workbook(SAMPLE, read_only=True)
    sheet = book[register_layout()["sheets"]["pairs"]["title"]]
    first = register_layout()["first_data_row"]
    labels = [row[column("pairs", "status") - 1] for row in sheet.iter_rows(min_row=first, values_only=True) if row[0]]
    expected = {
        None: PairStatus.ACTIVE,
        "действует": PairStatus.ACTIVE,
        "завершена": PairStatus.COMPLETED,
        "прекращена досрочно": PairStatus.TERMINATED,
    }
    assert [p.status for p in register.pairs] == [expected[label] for label in labels]
    assert {p.status for p in register.pairs} == set(PairStatus)
    assert sum(p.best_practice for p in register.pairs) == 2
    ended = [p for p in register.pairs if p.status is PairStatus.TERMINATED]
    assert all(p.finished_on == p.ended_on and p.start <= p.ended_on <= p.end for p in ended)
    assert all(p.finished_on is None for p in register.pairs if p.status is PairStatus.ACTIVE)


def test_a_register_without_the_life_cycle_columns_still_reads(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book[register_layout()["sheets"]["pairs"]["title"]]
    sheet.delete_cols(column("pairs", "status"), 4)
    path = tmp_path / "old.xlsx"
    book.save(path)
    register = load_register(path, today=TODAY)
    assert {p.status.value for p in register.pairs} == {"active"}
    assert not any(p.best_practice or p.ended_on or p.result for p in register.pairs)


@pytest.mark.parametrize(
    ("status", "ended_on", "message"),
    [
        ("закончена", None, "«Статус»: выберите значение из списка (действует, завершена, прекращена досрочно)"),
        ("прекращена досрочно", None, "«Дата завершения»: пара прекращена досрочно: укажите дату завершения"),
        ("действует", dt.datetime(2026, 10, 1), "«Статус»: указана дата завершения, а статус — «действует»"),
        (
            "завершена",
            dt.datetime(2026, 9, 14),
            "«Дата завершения»: дата завершения раньше даты начала",
        ),  # after the consents
        ("завершена", dt.datetime(2026, 12, 24), "«Дата завершения»: дата завершения в будущем"),
        ("завершена", None, "«Дата завершения»: пара завершена раньше даты окончания"),
    ],
)
def test_life_cycle_mistakes_name_the_cell(tmp_path, status, ended_on, message):
    path = edited(tmp_path, [("pairs", 5, "status", status), ("pairs", 5, "ended_on", ended_on)])
    found, _ = problems(path)
    assert len(found) == 1 and found[0].startswith(f"Пары и группы, строка 5, {message}"), found


def test_best_practice_accepts_only_yes_or_no(tmp_path):
    found, _ = problems(edited(tmp_path, [("pairs", 6, "best_practice", "может быть")]))
    assert found == ["Пары и группы, строка 6, «Лучшая практика»: выберите значение из списка (да, нет)"]
