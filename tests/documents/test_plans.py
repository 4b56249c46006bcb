"""Stage 2 read back: the roadmap and the plan in Word and Excel, own rows, no hard-coded year."""

import io
import re

import docx
import openpyxl
import pytest
from readback import docx_text, workbook

from nastavnik_docs.errors import ValidationError
from nastavnik_docs.produce import build_document

NB = "\u00a0"


def test_roadmap_word_rows_sections_and_resolved_people(kits):
    document = docx.Document(io.BytesIO(kits["roadmap.docx"]))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "№ п/п",
        "Мероприятия",
        "Срок исполнения",
        "Ответственный исполнитель",
    ]
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
    sections = [
        sheet.cell(r, 1).value
        for r in range(5, sheet.max_row + 1)
        if any(str(m.coord).startswith(f"A{r}:") for m in sheet.merged_cells.ranges)
    ]
    assert sections == [
        "Организационно-методическое сопровождение деятельности",
        "Программно-методическое сопровождение деятельности",
        "Аналитическое сопровождение деятельности, мониторинг",
        "Информационное сопровождение деятельности",
        "Управление реализацией целевой модели наставничества на уровне образовательной организации",
    ]
    assert [sheet.cell(4, c).value for c in range(1, 7)] == [
        "№ п/п",
        "Содержание",
        "Сроки",
        "Ожидаемый результат (вид документа)",
        "Показатели эффективности",
        "Ответственный",
    ]


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


def test_formula_looking_text_from_data_is_stored_as_text(school_raw):
    school_raw["plan"] = {
        "sections": [
            {
                "title": '=HYPERLINK("http://x")',
                "rows": [
                    {
                        "content": "=1+1",
                        "deadline": "+1 раз в квартал",
                        "result": "@SUM(A1)",
                        "indicator": "-2+3",
                        "responsible": ["=cmd|' /C calc'!A0"],
                    },
                    {"content": "{{ org.__class__ }}", "deadline": {"by": "+1m"}},
                ],
            }
        ]
    }
    [word, book] = build_document("plan", school_raw)
    sheet = openpyxl.load_workbook(io.BytesIO(book.data)).active
    values = [sheet.cell(r, c) for r in range(5, 8) for c in range(1, 7)]
    texts = {c.value for c in values if c.value}
    assert {'=HYPERLINK("http://x")', "=1+1", "@SUM(A1)", "-2+3", "=cmd|' /C calc'!A0", "{{ org.__class__ }}"} <= texts
    assert all(c.data_type == "s" for c in values if isinstance(c.value, str) and c.value[:1] in "=+-@")
    assert all(c.quotePrefix for c in values if isinstance(c.value, str) and c.value[:1] in "=+-@")
    assert "{{ org.__class__ }}" in "\n".join(docx_text(word.data))  # data is never run as a template


def test_own_roadmap_replaces_the_default_and_bad_deadline_is_reported(school_raw):
    school_raw["roadmap"] = {
        "title": "Моя дорожная карта",
        "sections": [
            {
                "title": "Раздел",
                "rows": [
                    {
                        "content": "Мероприятие",
                        "deadline": {"month": "2027-03-01"},
                        "responsible": ["curator", "Иванов И. И."],
                    }
                ],
            }
        ],
    }
    [word, _] = build_document("roadmap", school_raw)
    text = "\n".join(docx_text(word.data))
    assert (
        "Моя дорожная карта" in text
        and f"Март{NB}2027{NB}года" in text
        and f"Черных{NB}Л.{NB}П., Иванов{NB}И.{NB}И." in text
    )
    school_raw["roadmap"]["sections"][0]["rows"][0]["deadline"] = {"by": "когда-нибудь"}
    with pytest.raises(ValidationError) as caught:
        build_document("roadmap", school_raw)
    assert "roadmap.sections[0].rows[0].deadline.by: ожидается дата ДД.ММ.ГГГГ, сдвиг от начала программы" in str(
        caught.value
    )


def test_nothing_hard_codes_a_year(school_raw):
    school_raw["period"] = {"start_year": 2031, "end_year": 2033}
    school_raw["orders"]["management_team"]["date"] = "2031-05-12"
    school_raw["orders"]["introduce_model"]["date"] = "2031-05-20"
    for dated in ("schedule", "pairs_order", "programme", "correction"):  # the defaults follow the orders
        school_raw.pop(dated, None)
    school_raw["monitoring"].pop("date", None)
    for name in ("roadmap", "plan", "planned-indicators"):
        for item in build_document(name, school_raw):
            if item.name.endswith(".docx"):
                text = "\n".join(docx_text(item.data))
            else:
                sheet = openpyxl.load_workbook(io.BytesIO(item.data)).active
                text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
            years = set(re.findall(r"\b20\d\d\b", text)) - {"2019"}
            assert years <= {"2031", "2032", "2033"}, (item.name, years)
