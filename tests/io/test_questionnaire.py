"""The Excel questionnaire: made from the models, written blank and filled, read back with every problem by cell."""

from __future__ import annotations

import datetime as dt
import io
import typing
from pathlib import Path

import openpyxl
import pytest
import yaml
from pydantic import BaseModel

from nastavnik_docs.errors import DataFileError, InputError, ValidationError
from nastavnik_docs.io.datafile import load_data, read_data_file
from nastavnik_docs.io.questionnaire import (
    KINDS,
    QuestionnaireData,
    layout_of,
    questionnaire_bytes,
    read_questionnaire,
)
from nastavnik_docs.io.questionnaire.layout import words
from nastavnik_docs.produce import kit_input

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {"school": "school", "municipality": "municipality", "teachers": "teachers"}


def _model_in(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _leaves(model, path=()):
    """Yield the path of every field holding values (a list of sections as «[]»), walked independently."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        inner = _model_in(info.annotation)
        if inner is None:
            yield (*path, key)
        elif typing.get_origin(info.annotation) is list:
            yield from _leaves(inner, (*path, key, "[]"))
        else:
            yield from _leaves(inner, (*path, key))


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_of_the_model_has_a_place_in_the_questionnaire(kind):
    placed = set(layout_of(kind).fields())
    for leaf in _leaves(KINDS[kind]):
        assert leaf in placed or any(p[: len(leaf)] == leaf for p in placed), leaf


@pytest.mark.parametrize("kind", KINDS)
def test_sheets_and_headers_are_unique_and_fit_excel(kind):
    layout = layout_of(kind)
    titles = [words()["form"]["title"], *(sheet.title for sheet in layout.lists)]
    assert len(set(titles)) == len(titles)
    assert all(0 < len(title) <= 31 for title in titles)
    for sheet in layout.lists:
        headers = [column.header for column in sheet.all_columns]
        assert len(set(headers)) == len(headers), sheet.title


def test_the_blank_school_questionnaire_as_a_person_sees_it():
    book = openpyxl.load_workbook(io.BytesIO(questionnaire_bytes("school")))
    form = book["Анкета"]
    assert form["A1"].value == "Анкета образовательной организации"
    assert [form.cell(3, c).value for c in (1, 2, 3)] == ["Поле", "Значение", "Пояснение"]
    assert form.column_dimensions["D"].hidden
    labels = {form.cell(r, 4).value: form.cell(r, 1).value for r in range(4, form.max_row + 1)}
    assert labels["organisation.full_name"] == "Полное наименование по уставу*"
    assert labels["organisation.director.name"] == "ФИО*"
    assert labels["organisation"] == "Образовательная организация"
    assert labels["programme"] == "Программа наставничества (необязательный раздел)"
    explain = {form.cell(r, 4).value: form.cell(r, 3).value for r in range(4, form.max_row + 1)}
    assert "«МБОУ «СОШ № 5»»" in explain["organisation.short_name"]
    assert "ДД.ММ.ГГГГ" in explain["orders.introduce_model.date"]
    # drop-down lists and date checks
    rules = {str(rule.sqref): rule for rule in form.data_validations.dataValidation}
    date_row = next(r for r in range(4, form.max_row + 1) if form.cell(r, 4).value == "orders.introduce_model.date")
    assert rules[f"B{date_row}"].type == "date" and "ДД.ММ.ГГГГ" in rules[f"B{date_row}"].error
    year_row = next(r for r in range(4, form.max_row + 1) if form.cell(r, 4).value == "period.start_year")
    assert (rules[f"B{year_row}"].type, rules[f"B{year_row}"].formula1) == ("whole", "2019")
    assert form.cell(date_row, 2).number_format == "DD.MM.YYYY"
    events = book["Мероприятия"]
    assert [events.cell(2, c).value for c in range(1, 5)] == ["Дата*", "Название*", "Вид*", "Уровень*"]
    kinds = {str(rule.sqref).split(":")[0]: rule for rule in events.data_validations.dataValidation}
    assert kinds["C4"].type == "list" and kinds["C4"].formula1.startswith("'Списки'!")
    lists = book["Списки"]
    assert lists.sheet_state == "hidden" and book["Служебный"].sheet_state == "hidden"
    forms = book["Формы наставничества"]
    first = forms.data_validations.dataValidation[0].formula1.split("!")[1].split(":")[0].replace("$", "")
    assert lists[first].value == "ученик – ученик"
    assert "круглый стол" in {cell.value for row in lists.iter_rows() for cell in row}


def test_the_teachers_questionnaire_puts_the_mentees_of_a_pair_on_its_following_rows():
    book = openpyxl.load_workbook(ROOT / "samples" / "teachers.xlsx")
    pairs = book["Пары и группы"]
    headers = [pairs.cell(2, c).value for c in range(1, pairs.max_column + 1)]
    assert headers[:2] == ["Наставник: ФИО*", "Наставник: Должность*"]
    assert "Наставляемый: ФИО*" in headers
    mentee = headers.index("Наставляемый: ФИО*") + 1
    rows = [[pairs.cell(r, 1).value, pairs.cell(r, mentee).value] for r in range(4, 8)]
    assert rows == [
        ["Лебедев Павел Ильич", "Черных Алёна Викторовна"],
        ["Кравченко Любовь Николаевна", "Ткач Ольга Андреевна"],
        [None, "Гусейнов Тимур Рашид оглы"],
        ["Белых Сергей Петрович", "Орлов Лев Игоревич"],
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_sample_questionnaire_holds_what_its_yaml_holds(kind):
    from_yaml = load_data(ROOT / "samples" / f"{SAMPLES[kind]}.yaml", KINDS[kind])
    from_xlsx = load_data(ROOT / "samples" / f"{SAMPLES[kind]}.xlsx", KINDS[kind])
    assert from_xlsx == from_yaml


@pytest.mark.parametrize("kind", KINDS)
def test_the_sample_questionnaires_are_what_the_tool_makes(kind):
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import sample_questionnaires

    ours = openpyxl.load_workbook(io.BytesIO(sample_questionnaires.build(kind)))
    checked_in = openpyxl.load_workbook(ROOT / "samples" / f"{SAMPLES[kind]}.xlsx")
    assert ours.sheetnames == checked_in.sheetnames
    for name in ours.sheetnames:
        assert list(ours[name].iter_rows(values_only=True)) == list(checked_in[name].iter_rows(values_only=True))


def test_a_blank_questionnaire_names_every_required_field_by_its_cell():
    with pytest.raises(ValidationError) as caught:
        read_questionnaire(io.BytesIO(questionnaire_bytes("teachers")), name="blank.xlsx")
    problems = {(p.sheet, p.row, p.column): p.message for p in caught.value.details}
    assert problems[("Анкета", 5, "Полное наименование по уставу")] == "обязательное поле не заполнено"
    assert ("Анкета", 33, "Учебный год (первый год)") in problems
    assert str(caught.value).startswith("blank.xlsx: 15 ошибок в анкете:")


# --- every kind of bad cell ---------------------------------------------------------------------------------


def _row_of(sheet, key):
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 4).value == key)


def _broken(changes) -> bytes:
    book = openpyxl.load_workbook(ROOT / "samples" / "school.xlsx")
    changes(book)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _problems(data: bytes):
    with pytest.raises(ValidationError) as caught:
        read_questionnaire(io.BytesIO(data), name="school.xlsx")
    return caught.value


def test_bad_cells_are_named_by_sheet_row_and_field_never_by_value():
    secrets = ("Xavier Smith", "когда-нибудь", "очень много", "ученик – директор", "ресурсный центр")

    def spoil(book):
        form = book["Анкета"]
        form.cell(_row_of(form, "organisation.director.name"), 2).value = secrets[0]  # Latin letters
        form.cell(_row_of(form, "orders.introduce_model.date"), 2).value = secrets[1]  # not a date
        form.cell(_row_of(form, "period.end_year"), 2).value = secrets[2]  # not a number
        form.cell(_row_of(form, "organisation.short_name"), 2).value = None  # required, blank
        form.cell(_row_of(form, "organisation.inn"), 2).value = "12345"  # a pattern
        book["Формы наставничества"]["A5"] = secrets[3]  # not in the list
        events = book["Мероприятия"]
        events["C6"] = secrets[4]  # kind not in the list
        events["E4"] = "-3"  # participants below 0
        team = book["Команда"]
        team["B5"] = None  # a required cell of a list row

    error = _problems(_broken(spoil))
    found = {(p.sheet, p.row, p.column): p.message for p in error.details}
    form = openpyxl.load_workbook(ROOT / "samples" / "school.xlsx")["Анкета"]
    expected = {
        ("Анкета", _row_of(form, "organisation.director.name"), "ФИО"): "ожидается «Фамилия Имя Отчество»",
        ("Анкета", _row_of(form, "orders.introduce_model.date"), "Дата приказа"): "ожидается дата ДД.ММ.ГГГГ",
        ("Анкета", _row_of(form, "period.end_year"), "Последний год внедрения"): "ожидается целое число",
        ("Анкета", _row_of(form, "organisation.short_name"), "Сокращённое наименование"): "обязательное поле",
        ("Анкета", _row_of(form, "organisation.inn"), "ИНН"): "ожидается ИНН из 10 или 12 цифр",
        ("Формы наставничества", 5, "Формы наставничества"): "выберите значение из списка (ученик – ученик",
        ("Мероприятия", 6, "Вид"): "выберите значение из списка (конкурс, круглый стол",
        ("Мероприятия", 4, "Число участников"): "ожидается число не меньше 0",
        ("Команда", 5, "Должность"): "обязательное поле не заполнено",
    }
    for place, start in expected.items():
        assert place in found, (place, sorted(found))
        assert found[place].startswith(start), (place, found[place])
    assert found[("Анкета", _row_of(form, "orders.introduce_model.date"), "Дата приказа")].endswith(
        "(в ячейке — текст)"
    )
    text = str(error)
    for secret in secrets:
        assert secret not in text and all(secret not in p.message for p in error.details)


def test_a_list_sheet_without_its_header_or_a_required_column_and_a_missing_sheet():
    def spoil(book):
        book["Мероприятия"].cell(2, 3).value = "Что-то другое"  # the «Вид*» column is gone
        del book["Команда"]  # the team is required

    error = _problems(_broken(spoil))
    messages = {(p.sheet, p.message) for p in error.details}
    assert ("Мероприятия", "нет столбца «Вид*»") in messages
    assert (None, "нет листа «Команда»") in messages


def test_a_rule_across_fields_names_the_form_and_a_short_list_its_sheet():
    def early(book):
        form = book["Анкета"]
        form.cell(_row_of(form, "orders.introduce_model.date"), 2).value = dt.datetime(2026, 1, 10)

    [problem] = _problems(_broken(early)).details
    assert (problem.sheet, problem.row) == ("Анкета", None)
    assert problem.message.startswith("приказ о внедрении модели не может быть издан раньше")

    def short(book):
        team = book["Команда"]
        for row in range(5, 10):
            for column in range(1, 5):
                team.cell(row, column).value = None

    [problem] = _problems(_broken(short)).details
    assert str(problem) == "Команда: нужно не меньше 2 элементов"


def test_a_grouped_list_reports_a_missing_nested_item_at_its_group_row():
    book = openpyxl.load_workbook(ROOT / "samples" / "teachers.xlsx")
    sheet = book["Пары и группы"]
    mentee = [sheet.cell(2, c).value for c in range(1, sheet.max_column + 1)].index("Наставляемый: ФИО*") + 1
    sheet.cell(7, mentee).value = None  # the last pair's only mentee
    sheet.cell(7, mentee + 1).value = None
    sheet.cell(8, 1).value = "Новиков Сергей Петрович"  # a new pair without its position and dates
    stream = io.BytesIO()
    book.save(stream)
    with pytest.raises(ValidationError) as caught:
        read_questionnaire(io.BytesIO(stream.getvalue()), name="teachers.xlsx")
    found = {(p.sheet, p.row, p.column): p.message for p in caught.value.details}
    assert found[("Пары и группы", 7, "Наставляемый")] == "нужно не меньше 1 элемента"
    assert found[("Пары и группы", 8, "Наставник: Должность")] == "обязательное поле не заполнено"
    assert found[("Пары и группы", 8, "Дата начала")] == "обязательное поле не заполнено"


def test_cells_in_a_list_or_mapping_syntax():
    def spoil(book):
        events = book["Мероприятия"]
        events["F4"] = "curator;  ; director"  # empty parts are dropped
        book["Показатели"]["A4"] = "mentees-10-19"
        book["Показатели"]["F4"] = "2026 10"  # not «год: значение»

    error = _problems(_broken(spoil))
    found = {(p.sheet, p.row, p.column): p.message for p in error.details}
    assert found[("Показатели", 4, "Значения по годам")].startswith("ожидается «ключ: значение; ключ: значение»")

    def fixed(book):
        spoil(book)
        book["Показатели"]["F4"] = "2026: 10; 2027: 12,5"

    raw = read_questionnaire(io.BytesIO(_broken(fixed)))
    assert raw["events"][0]["responsible"] == ["curator", "director"]
    assert raw["indicators"] == [{"id": "mentees-10-19", "values": {"2026": 10, "2027": 12.5}}]


def test_what_is_not_a_questionnaire(tmp_path):
    plain = openpyxl.Workbook()
    path = tmp_path / "plain.xlsx"
    plain.save(path)
    with pytest.raises(DataFileError, match="не анкета nastavnik-docs"):
        read_data_file(path)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(DataFileError, match="не является книгой Excel"):
        read_data_file(broken)


def test_a_questionnaire_of_another_kind_is_refused_by_the_kit():
    raw = read_data_file(ROOT / "samples" / "teachers.xlsx")
    assert isinstance(raw, QuestionnaireData) and raw.kind == "teachers"
    with pytest.raises(InputError, match="нужна анкета «municipality»: nastavnik-docs datafile template"):
        kit_input("municipal", raw, source="teachers.xlsx")


def test_typed_numbers_and_dates_in_text_cells_read_as_text():
    def spoil(book):
        form = book["Анкета"]
        form.cell(_row_of(form, "orders.management_team.number"), 2).value = 45
        form.cell(_row_of(form, "organisation.kpp"), 2).value = 550101001.0

    raw = read_questionnaire(io.BytesIO(_broken(spoil)))
    assert raw["orders"]["management_team"]["number"] == "45"
    assert raw["organisation"]["kpp"] == "550101001"
    assert yaml.safe_dump(dict(raw), allow_unicode=True)  # plain data, as a YAML file holds
