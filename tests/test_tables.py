"""Stages 2 and 3 read back: roadmap, plan, participants, forms, criteria, indicators, monitoring."""

import datetime as dt
import io
import re

import docx
import openpyxl
import pytest

from nastavnik_docs.produce import build_document, build_kit
from nastavnik_docs.errors import ValidationError
from nastavnik_docs.models import Deadline
from nastavnik_docs.models.schedule import shift
from readback import docx_text

NB = "\u00a0"


@pytest.fixture(scope="module")
def kits():
    from pathlib import Path

    from nastavnik_docs.io import load_data

    data = load_data(Path(__file__).resolve().parents[1] / "samples" / "school.yaml")
    files = {}
    for name in ("stage-2", "stage-3"):
        for item in build_kit(name, data).files:
            files[item.name] = item.data
    return files


def workbook(kits, name):
    return openpyxl.load_workbook(io.BytesIO(kits[name]))


def test_stage_2_and_3_kits_have_every_format(kits):
    assert sorted(kits) == sorted([
        "roadmap.docx", "roadmap.xlsx", "plan.docx", "plan.xlsx",
        "participants-list.docx", "participants-list.xlsx", "forms-characteristics.docx",
        "practice-criteria.docx", "planned-indicators.xlsx", "planned-indicators.docx", "monitoring-form.xlsx",
    ])


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        ({"by": "+6w"}, f"до{NB}10.07.2026"),
        ({"from": "+3m3d", "to": "+3m18d"}, "01–16.09.2026"),
        ({"month": "+1m"}, f"Июнь{NB}2026{NB}года"),
        ({"months": ["+2m", "+3m"]}, f"Июль{NB}– август{NB}2026{NB}года"),
        ({"year_end": "+0d"}, f"до{NB}31.12.2026"),
        ("в течение всего периода", "в течение всего периода"),
        ("16.09.2026", "16.09.2026"),
        ({"on": dt.date(2027, 1, 10)}, "10.01.2027"),
    ],
)
def test_deadlines_relative_to_the_start(spec, text):
    assert Deadline.model_validate(spec).render(dt.date(2026, 5, 29)) == text


def test_offsets_keep_month_ends():
    assert shift(dt.date(2026, 1, 31), "+1m") == dt.date(2026, 2, 28)
    assert shift(dt.date(2026, 5, 29), "-1m") == dt.date(2026, 4, 29)


@pytest.mark.parametrize("bad", [{"by": "+6x"}, {"by": "+6w", "on": "+1d"}, {"from": "+1d"}, {}])
def test_bad_deadlines_are_refused(bad):
    from pydantic import ValidationError as PydanticError

    with pytest.raises(PydanticError):
        Deadline.model_validate(bad)


def test_roadmap_word_rows_sections_and_resolved_people(kits):
    document = docx.Document(io.BytesIO(kits["roadmap.docx"]))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["№ п/п", "Мероприятия", "Срок исполнения", "Ответственный исполнитель"]
    header = table.rows[0]._tr.trPr
    assert header.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    numbers = [row.cells[0].text for row in table.rows[1:] if re.match(r"^\d+\.$", row.cells[0].text)]
    assert numbers == [f"{i}." for i in range(1, len(numbers) + 1)] and len(numbers) >= 35
    sections = [row.cells[0].text for row in table.rows[1:] if len({id(c._tc) for c in row.cells}) == 1]
    assert sections[0] == "Подготовка условий для запуска программы наставничества"
    text = "\n".join(docx_text(kits["roadmap.docx"]))
    assert f"Черных{NB}Л.{NB}П." in text and "{{" not in text
    assert "2026" in text and "2020" not in text
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape


def test_every_row_of_a_table_keeps_together(kits):
    for name in ("roadmap.docx", "plan.docx", "participants-list.docx", "practice-criteria.docx"):
        table = docx.Document(io.BytesIO(kits[name])).tables[-1]
        for row in table.rows:
            assert row._tr.trPr.find(docx.oxml.ns.qn("w:cantSplit")) is not None


def test_plan_has_the_five_sections_of_seed_003(kits):
    sheet = workbook(kits, "plan.xlsx").active
    sections = [sheet.cell(r, 1).value for r in range(5, sheet.max_row + 1)
                if any(str(m.coord).startswith(f"A{r}:") for m in sheet.merged_cells.ranges)]
    assert sections == [
        "Организационно-методическое сопровождение деятельности",
        "Программно-методическое сопровождение деятельности",
        "Аналитическое сопровождение деятельности, мониторинг",
        "Информационное сопровождение деятельности",
        "Управление реализацией целевой модели наставничества на уровне образовательной организации",
    ]
    assert [sheet.cell(4, c).value for c in range(1, 7)] == [
        "№ п/п", "Содержание", "Сроки", "Ожидаемый результат (вид документа)", "Показатели эффективности", "Ответственный"]


def test_excel_print_settings_and_frozen_header(kits):
    for name in ("roadmap.xlsx", "plan.xlsx", "participants-list.xlsx", "planned-indicators.xlsx"):
        sheet = workbook(kits, name).active
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows  # header rows repeat on every printed page
        assert sheet.freeze_panes
        assert all(sheet.column_dimensions[c].width for c in "ABC")
        data = [c for row in sheet.iter_rows(min_row=5) for c in row if isinstance(c.value, str) and len(c.value) > 40]
        assert all(c.alignment.wrap_text for c in data)


def test_planned_indicators_interpolate_between_base_and_target(kits):
    sheet = workbook(kits, "planned-indicators.xlsx").active
    assert [sheet.cell(4, c).value for c in range(4, 9)] == [2026, 2027, 2028, 2029, 2030]
    first = [sheet.cell(5, c).value for c in range(4, 9)]
    assert first == [10, 25, 40, 55, 70]
    titles = [sheet.cell(r, 2).value for r in range(5, 11)]
    assert all("МБОУ" in t or "Уровень" in t for t in titles)
    assert not any("{{" in t for t in titles)
    assert [sheet.cell(r, 4).value for r in range(5, 11)] == [10, 2, 10, 2, 50, 50]
    assert [sheet.cell(r, 8).value for r in range(5, 11)] == [70, 10, 70, 30, 85, 85]


def test_explicit_indicator_values_win(school_raw):
    school_raw["indicators"] = [{"id": "mentees-10-19", "values": {2027: 33}}]
    [xlsx, _] = build_document("planned-indicators", school_raw)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.data)).active
    assert [sheet.cell(5, c).value for c in range(4, 9)] == [10, 33, 40, 55, 70]


def test_participants_default_to_the_school_and_can_be_listed(kits, school_raw):
    sheet = workbook(kits, "participants-list.xlsx").active
    assert sheet.cell(4, 2).value.startswith("Муниципальное бюджетное")
    assert "«ученик – ученик»" in sheet.cell(4, 5).value
    school_raw["participants"] = {
        "year": 2027,
        "approved_by": "распоряжением Министерства образования Омской области от 01.04.2027 № 1",
        "organisations": [
            {"full_name": "МБОУ «Лицей № 1»", "short_name": "Лицей № 1", "head": {"name": "Белых Олег Ильич", "position": "директор"},
             "forms": ["student-student"]},
            {"full_name": "МБОУ «Гимназия № 2»", "short_name": "Гимназия № 2", "forms": ["teacher-teacher"]},
        ],
    }
    [word, book] = build_document("participants-list", school_raw)
    text = "\n".join(docx_text(word.data))
    assert "в 2027 году" in text and f"Белых{NB}О.{NB}И., директор" in text
    sheet = openpyxl.load_workbook(io.BytesIO(book.data)).active
    assert sheet.cell(6, 2).value == "=\"Всего организаций: \"&COUNTA(B4:B5)"
    [xlsx, _] = build_document("planned-indicators", school_raw)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.data)).active
    merged = sorted(str(m) for m in sheet.merged_cells.ranges if m.min_row > 4)
    assert merged == ["A12:H12", "A5:H5"]  # a section row per organisation, across every year column


def test_forms_characteristics_and_criteria(kits):
    text = "\n".join(docx_text(kits["forms-characteristics.docx"]))
    for title in ("ученик – ученик", "учитель – учитель", "педагог – ученик", "работодатель – ученик"):
        assert f"Форма наставничества «{title}»" in text
    assert "Задачи" in text and "– " in text
    criteria = docx.Document(io.BytesIO(kits["practice-criteria.docx"])).tables[0]
    assert [c.text for c in criteria.rows[0].cells] == ["№ п/п", "Критерий", "Содержание критерия", "Чем подтверждается"]
    assert len(criteria.rows) >= 9


def test_monitoring_form_validations_protection_and_formulas(kits):
    sheet = workbook(kits, "monitoring-form.xlsx").active
    assert sheet.protection.sheet
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    form_list = next(v for v in rules.values() if v.type == "list")
    assert "ученик – ученик" in form_list.formula1 and "работодатель – студент" in form_list.formula1
    assert sheet["A6"].value == "№ п/п"  # header; the four chosen forms and two blank rows follow
    assert [sheet.cell(r, 2).value for r in range(7, 13)] == ["ученик – ученик", "учитель – учитель", "педагог – ученик", "работодатель – ученик", None, None]
    assert str(form_list.sqref) == "B7:B12"
    counts = [v for v in rules.values() if v.type == "whole"]
    assert {str(v.sqref) for v in counts} == {"C7:C12", "D7:D12", "E7:E12", "F7:F12"}
    assert all(v.operator == "greaterThanOrEqual" and v.formula1 == "0" for v in counts)
    percents = [v for v in rules.values() if v.type == "decimal" and v.operator == "between"]
    assert {(v.formula1, v.formula2) for v in percents} == {("0", "100")}
    assert sheet["B13"].value == "Итого"
    assert sheet["C13"].value == "=SUM(C7:C12)"
    assert sheet["G13"].value == '=IFERROR(ROUND(AVERAGE(G7:G12),1),"")'
    assert sheet["C13"].protection.locked and not sheet["C7"].protection.locked
    indicator_rows = [r for r in range(15, sheet.max_row + 1) if isinstance(sheet.cell(r, 6).value, str) and sheet.cell(r, 6).value.startswith("=IF")]
    assert len(indicator_rows) == 6
    row = indicator_rows[0]
    assert sheet.cell(row, 6).value == f'=IF(OR(E{row}="",D{row}="",D{row}=0),"",ROUND(E{row}/D{row}*100,1))'
    assert sheet.cell(row, 4).value == 10 and not sheet.cell(row, 5).protection.locked


def test_formula_looking_text_from_data_is_stored_as_text(school_raw):
    school_raw["plan"] = {"sections": [{"title": "=HYPERLINK(\"http://x\")", "rows": [
        {"content": "=1+1", "deadline": "+1 раз в квартал", "result": "@SUM(A1)", "indicator": "-2+3", "responsible": ["=cmd|' /C calc'!A0"]},
        {"content": "{{ org.__class__ }}", "deadline": {"by": "+1m"}},
    ]}]}
    [word, book] = build_document("plan", school_raw)
    sheet = openpyxl.load_workbook(io.BytesIO(book.data)).active
    values = [sheet.cell(r, c) for r in range(5, 8) for c in range(1, 7)]
    texts = {c.value for c in values if c.value}
    assert {"=HYPERLINK(\"http://x\")", "=1+1", "@SUM(A1)", "-2+3", "=cmd|' /C calc'!A0", "{{ org.__class__ }}"} <= texts
    assert all(c.data_type == "s" for c in values if isinstance(c.value, str) and c.value[:1] in "=+-@")
    assert all(c.quotePrefix for c in values if isinstance(c.value, str) and c.value[:1] in "=+-@")
    assert "{{ org.__class__ }}" in "\n".join(docx_text(word.data))  # data is never run as a template


def test_own_roadmap_replaces_the_default_and_bad_deadline_is_reported(school_raw):
    school_raw["roadmap"] = {"title": "Моя дорожная карта", "sections": [{"title": "Раздел", "rows": [
        {"content": "Мероприятие", "deadline": {"month": "2027-03-01"}, "responsible": ["curator", "Иванов И. И."]}]}]}
    [word, _] = build_document("roadmap", school_raw)
    text = "\n".join(docx_text(word.data))
    assert "Моя дорожная карта" in text and f"Март{NB}2027{NB}года" in text and f"Черных{NB}Л.{NB}П., Иванов И. И." in text
    school_raw["roadmap"]["sections"][0]["rows"][0]["deadline"] = {"by": "когда-нибудь"}
    with pytest.raises(ValidationError) as caught:
        build_document("roadmap", school_raw)
    assert "roadmap.sections[0].rows[0].deadline.by: ожидается дата ДД.ММ.ГГГГ или сдвиг от начала программы" in str(caught.value)


def test_nothing_hard_codes_a_year(school_raw):
    school_raw["period"] = {"start_year": 2031, "end_year": 2033}
    school_raw["orders"]["management_team"]["date"] = "2031-05-12"
    school_raw["orders"]["introduce_model"]["date"] = "2031-05-20"
    for name in ("roadmap", "plan", "planned-indicators"):
        for item in build_document(name, school_raw):
            if item.name.endswith(".docx"):
                text = "\n".join(docx_text(item.data))
            else:
                sheet = openpyxl.load_workbook(io.BytesIO(item.data)).active
                text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
            years = set(re.findall(r"\b20\d\d\b", text)) - {"2019"}
            assert years <= {"2031", "2032", "2033"}, (item.name, years)


def test_unquoted_on_in_yaml_is_still_on():
    import yaml

    assert Deadline.model_validate(yaml.safe_load("{on: '+1d'}")).render(dt.date(2026, 5, 29)) == "30.05.2026"
