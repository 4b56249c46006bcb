"""The Excel renderer on small workbooks made in the test, and the monitoring form recalculated."""

import io
import subprocess

import openpyxl
import pytest
from openpyxl.styles import Border, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break

from nastavnik_docs.errors import TemplateError
from nastavnik_docs.render.pdf import find_libreoffice
from nastavnik_docs.render.xlsx import render_xlsx, xlsx_variables


def template(rows, validation_column=None):
    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            sheet.cell(r, c, value)
    if validation_column:
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        rule.add(f"{validation_column}3")
        sheet.add_data_validation(rule)
    sheet.merge_cells("A6:C6")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ROWS = [
    ["{{ title }}"],
    ["{%tr for x in items %}"],
    ["{{ loop.index }}", "{{ x.name }}", "{{ x.count }}"],
    ["{%tr endfor %}"],
    ["Итого", None, "=SUM(C{{ table.first }}:C{{ table.last }})"],
    ["merged below"],
]


def render(items, **extra):
    data = render_xlsx(template(ROWS, validation_column="C"), {"title": "Т", "items": items, **extra}, name="t.xlsx")
    return openpyxl.load_workbook(io.BytesIO(data)).active


@pytest.mark.parametrize("count", [0, 1, 2, 3, 7])
def test_rows_below_the_table_move_with_their_merges_and_formulas(count):
    sheet = render([{"name": f"n{i}", "count": i} for i in range(count)])
    total_row = 2 + count
    assert sheet.cell(total_row, 1).value == "Итого"
    if count:
        assert sheet.cell(total_row, 3).value == f"=SUM(C2:C{1 + count})"
        assert [sheet.cell(2 + i, 3).value for i in range(count)] == list(range(count))
    assert sheet.cell(total_row + 1, 1).value == "merged below"
    assert [str(m) for m in sheet.merged_cells.ranges] == [f"A{total_row + 1}:C{total_row + 1}"]


def test_validation_follows_the_data_rows():
    sheet = render(
        [{"name": "a", "count": 1}, {"name": "b", "count": 2}, {"name": "c", "count": 3}, {"name": "d", "count": 4}]
    )
    [rule] = sheet.data_validations.dataValidation
    assert str(rule.sqref) == "C2:C5"


def test_a_list_whose_formula_renders_empty_is_dropped():
    book = openpyxl.Workbook()
    sheet = book.active
    for row, value in enumerate(["{%tr for x in items %}", "{{ x }}", "{%tr endfor %}"], start=1):
        sheet.cell(row, 1, value)
    known = DataValidation(type="list", formula1="{% if codes %}'Коды'!$A$2:$A${{ codes + 1 }}{% endif %}")
    known.add("A2")
    sheet.add_data_validation(known)
    buffer = io.BytesIO()
    book.save(buffer)
    for codes, expected in ((3, ["'Коды'!$A$2:$A$4"]), (0, [])):
        data = render_xlsx(buffer.getvalue(), {"items": ["a", "b"], "codes": codes}, name="t.xlsx")
        rules = openpyxl.load_workbook(io.BytesIO(data)).active.data_validations.dataValidation
        assert [rule.formula1 for rule in rules] == expected


def test_numbers_stay_numbers_and_sections_merge():
    sheet = render([{"section": "Раздел"}, {"name": "a", "count": 5}])
    assert sheet["A2"].value == "Раздел" and "A2:C2" in [str(m) for m in sheet.merged_cells.ranges]
    assert sheet["C3"].value == 5 and isinstance(sheet["C3"].value, int)


def test_data_is_never_a_formula_nor_a_template():
    sheet = render([{"name": '=HYPERLINK("http://evil")', "count": "+1"}, {"name": "{{ title }}", "count": "@x"}])
    assert sheet["B2"].value == '=HYPERLINK("http://evil")' and sheet["B2"].data_type == "s"
    assert sheet["C2"].data_type == "s" and sheet["C3"].data_type == "s"
    assert sheet["B3"].value == "{{ title }}"


def test_template_errors_and_sandbox():
    broken = template([["{%tr for x in items %}"], ["{{ x }}"]])
    with pytest.raises(TemplateError, match="endfor"):
        render_xlsx(broken, {"items": []}, name="t.xlsx")
    evil = template([["{{ ''.__class__.__mro__ }}"]])
    with pytest.raises(TemplateError, match="запрещено"):
        render_xlsx(evil, {}, name="t.xlsx")
    with pytest.raises(TemplateError, match="не является книгой Excel"):
        render_xlsx(b"not a workbook", {}, name="t.xlsx")


def test_variables_of_a_template():
    assert xlsx_variables(template(ROWS), name="t.xlsx") == {"title", "items"}


@pytest.mark.skipif(find_libreoffice() is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_monitoring_form_totals_compute_in_libreoffice(stage1_kit, tmp_path, school_raw):
    from nastavnik_docs.produce import build_document

    [form] = build_document("monitoring-form", school_raw)
    book = openpyxl.load_workbook(io.BytesIO(form.data))
    sheet = book.active
    for row, values in ((7, [3, 5, 3, 2, 80, 90]), (8, [2, 2, 2, 2, 100, 70])):
        for offset, value in enumerate(values):
            sheet.cell(row, 3 + offset).value = value
    first_indicator = next(r for r in range(14, sheet.max_row + 1) if str(sheet.cell(r, 6).value).startswith("=IF"))
    sheet.cell(first_indicator, 5).value = 12
    source = tmp_path / "filled.xlsx"
    book.save(source)
    out = tmp_path / "out"
    subprocess.run(
        [
            find_libreoffice(),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    values = openpyxl.load_workbook(out / "filled.xlsx", data_only=True).active
    assert [values.cell(13, c).value for c in range(3, 7)] == [5, 7, 5, 4]
    # satisfaction weighted by participants: mentees (80·5 + 100·2) / 7, mentors (90·3 + 70·2) / 5
    assert values.cell(13, 7).value == 85.7 and values.cell(13, 8).value == 82
    assert values.cell(first_indicator, 6).value == 120  # fact 12 against a plan of 10


def test_a_rendered_workbook_depends_on_its_content_only():
    import io
    import zipfile

    from nastavnik_docs.io.templates import read_template
    from nastavnik_docs.produce import build_document, sample_input

    [_, workbook] = build_document("roadmap", sample_input("stage-2"))
    template = read_template("roadmap.xlsx")
    with zipfile.ZipFile(io.BytesIO(workbook.data)) as made, zipfile.ZipFile(io.BytesIO(template)) as source:
        assert {info.date_time for info in made.infolist()} == {(2024, 1, 1, 0, 0, 0)}
        assert made.read("docProps/core.xml") == source.read("docProps/core.xml")  # not «now»
    assert build_document("roadmap", sample_input("stage-2"))[1].data == workbook.data


def chart_book(marker: str, rows: int = 3) -> bytes:
    """Return a template with a table of ``rows`` placeholders… and a chart marker below it."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Данные"
    for row in (
        ["Форма", "Пар", "Наставников"],
        ["{%tr for f in forms %}"],
        ["{{ f.title }}", "{{ f.pairs }}", "{{ f.mentors }}"],
        ["{%tr endfor %}"],
        [],
        [marker],
    ):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FORMS_DATA = {
    "forms": [
        {"title": "ученик – ученик", "pairs": 10, "mentors": 8},
        {"title": "учитель – учитель", "pairs": 4, "mentors": 4},
    ]
}


def test_a_chart_marker_becomes_a_native_chart_over_the_table_rows():
    import io
    import re
    import zipfile

    from nastavnik_docs.render.xlsx import render_xlsx, xlsx_variables

    marker = '{%chart column data=B{{ tables.f.first - 1 }}:C{{ tables.f.last }} categories=A{{ tables.f.first }}:A{{ tables.f.last }} title="Пары по {{ what }}" labels=yes %}'
    template = chart_book(marker)
    assert xlsx_variables(template, name="t.xlsx") == {"forms", "what"}
    data = render_xlsx(template, {**FORMS_DATA, "what": "формам"}, name="t.xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        [chart] = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        xml = package.read(chart).decode("utf-8")
        drawing = package.read("xl/drawings/drawing1.xml").decode("utf-8")
    assert re.findall(r"<f>([^<]*)</f>", xml) == [
        "'Данные'!B1",
        "'Данные'!$A$2:$A$3",
        "'Данные'!$B$2:$B$3",
        "'Данные'!C1",
        "'Данные'!$A$2:$A$3",
        "'Данные'!$C$2:$C$3",
    ]
    assert "Пары по формам" in xml and '<barDir val="col"/>' in xml and '<showVal val="1"/>' in xml
    assert "<row>4</row>" in drawing  # anchored at the marker's cell: A5 once the table took two rows
    import openpyxl

    assert openpyxl.load_workbook(io.BytesIO(data)).active["A5"].value is None


def test_a_chart_over_an_empty_table_is_left_out_and_a_wrong_marker_is_named():
    import io
    import zipfile

    from nastavnik_docs.errors import TemplateError
    from nastavnik_docs.render.xlsx import render_xlsx

    marker = "{%chart bar data=B{{ tables.f.first - 1 }}:B{{ tables.f.last }} categories=A{{ tables.f.first }}:A{{ tables.f.last }} %}"
    data = render_xlsx(chart_book(marker), {"forms": []}, name="t.xlsx")
    assert not [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "chart" in n]
    with pytest.raises(
        TemplateError, match=r"t\.xlsx \(лист «Данные», ячейка A5\) у диаграммы нет параметра categories"
    ):
        render_xlsx(chart_book("{%chart column data=B1:B3 %}"), FORMS_DATA, name="t.xlsx")
    with pytest.raises(TemplateError, match="непонятный параметр «colour»"):
        render_xlsx(chart_book("{%chart column data=B1:B3 categories=A2:A3 colour=red %}"), FORMS_DATA, name="t.xlsx")
    with pytest.raises(TemplateError, match="неизвестный вид диаграммы «pie»"):
        render_xlsx(chart_book("{%chart pie data=B1:B3 categories=A2:A3 %}"), FORMS_DATA, name="t.xlsx")
    with pytest.raises(TemplateError, match="неверный диапазон «строки»"):
        render_xlsx(chart_book("{%chart column data=строки categories=A2:A3 %}"), FORMS_DATA, name="t.xlsx")


@pytest.mark.parametrize("count", [1, 5])
def test_a_page_break_below_the_table_moves_with_its_row(count):
    book = openpyxl.load_workbook(io.BytesIO(template(ROWS)))
    book.active.row_breaks.append(Break(id=5))  # «merged below» starts a printed page
    buffer = io.BytesIO()
    book.save(buffer)
    data = render_xlsx(buffer.getvalue(), {"title": "Т", "items": [{"name": "n", "count": 1}] * count}, name="t.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.cell(3 + count, 1).value == "merged below"
    assert [page_break.id for page_break in sheet.row_breaks.brk] == [2 + count]


def test_cells_of_a_column_loop_in_a_table_row_keep_its_style():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "{%tr for o in rows %}"
    sheet["A2"], sheet["B2"] = "{{ o.name }}", "{%tc for v in o.marks %}{{ v }}{%tc endfor %}"
    sheet["B2"].border = Border(left=Side(style="thin"))
    sheet["A3"] = "{%tr endfor %}"
    sheet.merge_cells("A5:F5")  # a wide note below: the sheet is wider than the template row
    buffer = io.BytesIO()
    book.save(buffer)
    data = render_xlsx(buffer.getvalue(), {"rows": [{"name": "a", "marks": [1, 2, 3, 4]}]}, name="t.xlsx")
    row = openpyxl.load_workbook(io.BytesIO(data)).active[1]
    assert [cell.value for cell in row[:5]] == ["a", 1, 2, 3, 4]
    assert [cell.border.left.style for cell in row[1:5]] == ["thin"] * 4
