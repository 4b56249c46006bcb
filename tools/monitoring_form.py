"""Build the final monitoring form's template (templates/xlsx/final-monitoring-form.xlsx) from its layout.

The layout is the package's ``content/data/final-monitoring.yaml``: sections of labelled fields and
tables whose rows are the forms of mentorship or the efficiency indicators. Every value cell gets a
Jinja expression the kit fills in (``{{ fm.forms['student-student'].mentors }}``), a validation by
its type, and a defined name («fm_forms_student_student_mentors») by which filled forms are
collected; formula cells are locked, value cells are not, the sheet is protected. The hidden sheet
«Служебный» carries the form id, its version and the organisation's identity.
"""

from __future__ import annotations

from typing import Any

from office_package import workbook_bytes
from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet
from xlsx_templates import _new_workbook, _style

from nastavnik_docs.content import content_data
from nastavnik_docs.io.sheets import print_setup

VALUE_COLUMNS = 8  # C…J: the widest table (the forms) has eight value columns
WIDTHS = [6, 48] + [14] * VALUE_COLUMNS


def name_of(*parts: str) -> str:
    """Return the defined name of a cell: «fm_» and the parts, «-» turned into «_»."""
    return "fm_" + "_".join(part.replace("-", "_") for part in parts)


def _rows_of(kind: str) -> list[tuple[str, str]]:
    """Return (id, title) of a table's rows: the forms of mentorship or the efficiency indicators."""
    if kind == "forms":
        return [(form["id"], f"«{form['title']}»") for form in content_data("forms.yaml")]
    return [(item["id"], item["title"]) for item in content_data("indicators.yaml")]


class _Form:
    """The sheet being written, row by row, with its validations and names."""

    def __init__(self, workbook: Workbook, layout: dict[str, Any]) -> None:
        self.sheet: Worksheet = workbook.create_sheet(layout["sheet"])
        self.workbook = workbook
        self.row = 0
        self.rules: dict[str, DataValidation] = {
            "integer": DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Целое число",
                error="Введите целое число не меньше 0.",
            ),
            "percent": DataValidation(
                type="decimal",
                operator="between",
                formula1="0",
                formula2="100",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Процент",
                error="Введите процент от 0 до 100.",
            ),
            "date": DataValidation(
                type="date",
                operator="greaterThan",
                formula1="DATE(2019,1,1)",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Дата",
                error="Введите дату ДД.ММ.ГГГГ.",
            ),
        }
        for rule in self.rules.values():
            self.sheet.add_data_validation(rule)

    def line(self, text: str, style: str, *, height: float | None = None) -> None:
        """Write one merged line of text across the sheet."""
        self.row += 1
        cell = self.sheet.cell(self.row, 1, text)
        _style(cell, style)
        self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=len(WIDTHS))
        if height:
            self.sheet.row_dimensions[self.row].height = height

    def value(self, column: int, expression: str, kind: str, name: str, *, last: int | None = None) -> None:
        """Write an input cell (merged to ``last``) filled by ``expression``, validated by ``kind``, named ``name``."""
        cell = self.sheet.cell(self.row, column, expression)
        for index in range(column, (last or column) + 1):
            _style(self.sheet.cell(self.row, index), "input", "left" if kind == "text" else "center")
        if last:
            self.sheet.merge_cells(start_row=self.row, start_column=column, end_row=self.row, end_column=last)
        cell.protection = Protection(locked=False)
        if kind in self.rules:
            self.rules[kind].add(cell.coordinate)
        if kind == "date":
            cell.number_format = "DD.MM.YYYY"
        if kind == "percent":
            cell.number_format = "0.0"
        self.name(name, cell.coordinate)

    def name(self, name: str, coordinate: str) -> None:
        letters = "".join(ch for ch in coordinate if ch.isalpha())
        digits = coordinate[len(letters) :]
        reference = f"'{self.sheet.title}'!${letters}${digits}"
        self.workbook.defined_names[name] = DefinedName(name, attr_text=reference)

    def fields(self, section: dict[str, Any], number: int) -> None:
        for index, field in enumerate(section["fields"], start=1):
            self.row += 1
            _style(self.sheet.cell(self.row, 1, f"{number}.{index}."), "number")
            _style(self.sheet.cell(self.row, 2, field["label"]), "cell")
            expression = f"{{{{ fm.{section['id']}['{field['id']}'] }}}}"
            self.value(3, expression, field["type"], name_of(section["id"], field["id"]), last=len(WIDTHS))
            if "height" in field:
                self.sheet.row_dimensions[self.row].height = field["height"]

    def table(self, section: dict[str, Any], number: int) -> None:
        columns = section["columns"]
        self.row += 1
        headers = ["№ п/п", section["row_header"], *(column["header"] for column in columns)]
        for index, header in enumerate(headers, start=1):
            _style(self.sheet.cell(self.row, index, header), "header")
        self.sheet.row_dimensions[self.row].height = 58
        first = self.row + 1
        for index, (row_id, title) in enumerate(_rows_of(section["rows"]), start=1):
            self.row += 1
            _style(self.sheet.cell(self.row, 1, f"{number}.{index}."), "number")
            _style(self.sheet.cell(self.row, 2, title), "cell")
            lines = -(-len(title) // 44)  # spreadsheets do not grow a row to its wrapped text
            self.sheet.row_dimensions[self.row].height = max(15, 14 * lines + 2)
            letters = {column["id"]: get_column_letter(3 + k) for k, column in enumerate(columns)}
            for k, column in enumerate(columns):
                if "formula" in column:
                    formula = column["formula"].format(
                        **{key: f"{letter}{self.row}" for key, letter in letters.items()}
                    )
                    computed = self.sheet.cell(self.row, 3 + k, formula)
                    _style(computed, "formula")
                    computed.number_format = "0.0"
                    continue
                expression = f"{{{{ fm.{section['id']}['{row_id}']['{column['id']}'] }}}}"
                self.value(3 + k, expression, column["type"], name_of(section["id"], row_id, column["id"]))
        last = self.row
        total = section.get("total")
        if total:
            self.row += 1
            _style(self.sheet.cell(self.row, 1, ""), "total")
            _style(self.sheet.cell(self.row, 2, total["label"]), "total")
            for k, column in enumerate(columns):
                letter = get_column_letter(3 + k)
                if column["id"] in total["sum"]:
                    _style(self.sheet.cell(self.row, 3 + k, f"=SUM({letter}{first}:{letter}{last})"), "formula")
                    self.name(name_of(section["id"], "total", column["id"]), f"{letter}{self.row}")
                elif column["id"] in total["given"]:
                    expression = f"{{{{ fm.{section['id']}_total['{column['id']}'] }}}}"
                    self.value(3 + k, expression, column["type"], name_of(section["id"], "total", column["id"]))


def _service(workbook: Workbook, layout: dict[str, Any]) -> None:
    """Add the hidden sheet that tells a collector which form, which version and whose it is."""
    sheet = workbook.create_sheet(layout["service_sheet"])
    rows = [
        ("form", layout["form"]),
        ("version", layout["version"]),
        ("inn", "{{ fm.org['inn'] }}"),
        ("short_name", "{{ fm.org['short_name'] }}"),
        ("year", "{{ fm.org['year'] }}"),
    ]
    for index, (key, value) in enumerate(rows, start=1):
        sheet.cell(index, 1, key)
        sheet.cell(index, 2, value)
        workbook.defined_names[name_of(key)] = DefinedName(name_of(key), attr_text=f"'{sheet.title}'!$B${index}")
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True


def build_final_monitoring() -> bytes:
    """Return the template of the final monitoring form, laid out by the package's layout."""
    layout = content_data("final-monitoring.yaml")
    workbook = _new_workbook(layout["title"])
    form = _Form(workbook, layout)
    for index, width in enumerate(WIDTHS, start=1):
        form.sheet.column_dimensions[get_column_letter(index)].width = width
    form.line(layout["title"], "title", height=36)
    form.line("{{ org.full_name }}", "subtitle", height=30)
    form.line("Отчётный год: {{ fm.org['year'] }}. Версия формы: " + layout["version"], "subtitle")
    form.line(layout["note"], "note", height=30)
    for number, section in enumerate(layout["sections"], start=1):
        if section.get("page_break"):
            form.sheet.row_breaks.append(Break(id=form.row))
        form.row += 1
        form.line(section["title"], "label")
        if "fields" in section:
            form.fields(section, number)
        else:
            form.table(section, number)
    form.row += 1
    form.line(
        "Руководитель организации: ______________________   Подпись: __________   Дата: «___» ____________ 20___ г.",
        "text",
    )
    form.sheet.freeze_panes = "C1"
    print_setup(form.sheet)
    form.sheet.protection.sheet = True
    form.sheet.protection.formatColumns = False
    form.sheet.protection.formatRows = False
    _service(workbook, layout)
    return workbook_bytes(workbook)
