"""Stage 3 read back: participants, forms, criteria, planned indicators, the monitoring form."""

import io

import docx
import openpyxl
from readback import docx_text, workbook

from nastavnik_docs.produce import build_document

NB = "\u00a0"


def test_stage_2_and_3_kits_have_every_format(kits):
    assert sorted(kits) == sorted(
        [
            "roadmap.docx",
            "roadmap.xlsx",
            "plan.docx",
            "plan.xlsx",
            "participants-list.docx",
            "participants-list.xlsx",
            "forms-characteristics.docx",
            "practice-criteria.docx",
            "planned-indicators.xlsx",
            "planned-indicators.docx",
            "monitoring-form.xlsx",
        ]
    )


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
            {
                "full_name": "МБОУ «Лицей № 1»",
                "short_name": "Лицей № 1",
                "head": {"name": "Белых Олег Ильич", "position": "директор"},
                "forms": ["student-student"],
            },
            {"full_name": "МБОУ «Гимназия № 2»", "short_name": "Гимназия № 2", "forms": ["teacher-teacher"]},
        ],
    }
    [word, book] = build_document("participants-list", school_raw)
    text = "\n".join(docx_text(word.data))
    assert "в 2027 году" in text and f"Белых{NB}О.{NB}И., директор" in text
    sheet = openpyxl.load_workbook(io.BytesIO(book.data)).active
    assert sheet.cell(6, 2).value == '="Всего организаций: "&COUNTA(B4:B5)'
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
    assert [c.text for c in criteria.rows[0].cells] == [
        "№ п/п",
        "Критерий",
        "Содержание критерия",
        "Чем подтверждается",
    ]
    assert len(criteria.rows) >= 9


def test_monitoring_form_validations_protection_and_formulas(kits):
    sheet = workbook(kits, "monitoring-form.xlsx").active
    assert sheet.protection.sheet
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    form_list = next(v for v in rules.values() if v.type == "list")
    assert "ученик – ученик" in form_list.formula1 and "работодатель – студент" in form_list.formula1
    assert sheet["A6"].value == "№ п/п"  # header; the four chosen forms and two blank rows follow
    assert [sheet.cell(r, 2).value for r in range(7, 13)] == [
        "ученик – ученик",
        "учитель – учитель",
        "педагог – ученик",
        "работодатель – ученик",
        None,
        None,
    ]
    assert str(form_list.sqref) == "B7:B12"
    counts = [v for v in rules.values() if v.type == "whole"]
    assert {str(v.sqref) for v in counts} == {"C7:C12", "D7:D12", "E7:E12", "F7:F12"}
    assert all(v.operator == "greaterThanOrEqual" and v.formula1 == "0" for v in counts)
    percents = [v for v in rules.values() if v.type == "decimal" and v.operator == "between"]
    assert {(v.formula1, v.formula2) for v in percents} == {("0", "100")}
    assert sheet["B13"].value == "Итого"
    assert sheet["C13"].value == "=SUM(C7:C12)"
    assert sheet["G13"].value == '=IFERROR(ROUND(SUMPRODUCT(G7:G12,D7:D12)/SUMIF(G7:G12,"<>",D7:D12),1),"")'
    assert sheet["C13"].protection.locked and not sheet["C7"].protection.locked
    indicator_rows = [
        r
        for r in range(15, sheet.max_row + 1)
        if isinstance(sheet.cell(r, 6).value, str) and sheet.cell(r, 6).value.startswith("=IF")
    ]
    assert len(indicator_rows) == 6
    row = indicator_rows[0]
    assert sheet.cell(row, 6).value == f'=IF(OR(E{row}="",D{row}="",D{row}=0),"",ROUND(E{row}/D{row}*100,1))'
    assert sheet.cell(row, 4).value == 10 and not sheet.cell(row, 5).protection.locked
