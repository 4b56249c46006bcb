"""Build the Excel templates (templates/xlsx/) from their YAML sources (templates/src/<id>.xlsx.yaml).

A source lists sheets of rows of cells in named styles, with merges, data validations and print
set-up; the source of the blank register only says ``layout: register``, as its columns are the
package's register layout (``content_data("register.yaml")``); the source of the survey
answers workbook only says ``layout: survey-answers``: its sheets are made in that same source
format from the package's questionnaires (``content_data("surveys.yaml")``); and that of the final
monitoring form ``layout: final-monitoring`` (``content_data("final-monitoring.yaml")``;
monitoring_form.py).
"""

from __future__ import annotations

from itertools import takewhile
from pathlib import Path
from typing import Any

import yaml
from office_package import workbook_bytes
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet
from template_files import FONT

from nastavnik_docs.content import content_data
from nastavnik_docs.io.sheets import print_setup, too_wide
from nastavnik_docs.models.surveys import ROLES, survey_catalogue

# named cell styles: (font size, bold, horizontal alignment, fill, border, italic)
XLSX_STYLES: dict[str, tuple[float, bool, str, str | None, bool, bool]] = {
    "title": (14, True, "center", None, False, False),
    "subtitle": (12, False, "center", None, False, False),
    "header": (11, True, "center", "D9D9D9", True, False),
    "section": (11, True, "left", "EDEDED", True, False),
    "cell": (11, False, "left", None, True, False),
    "number": (11, False, "center", None, True, False),
    "input": (11, False, "center", "FFF2CC", True, False),
    "formula": (11, True, "center", "E2EFDA", True, False),
    "total": (11, True, "left", "E2EFDA", True, False),
    "label": (11, True, "left", None, False, False),
    "text": (11, False, "left", None, False, False),
    "note": (10, False, "left", None, False, True),
}


def _style(cell: Cell, name: str, align: str | None = None) -> None:
    """Give ``cell`` the named style, its horizontal alignment replaced by ``align`` if given."""
    size, bold, horizontal, fill, border, italic = XLSX_STYLES[name]
    cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
    vertical = "center" if name == "header" else "top"
    cell.alignment = Alignment(horizontal=align or horizontal, vertical=vertical, wrap_text=True)
    if fill:
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    if border:
        side = Side(style="thin", color="000000")
        cell.border = Border(left=side, right=side, top=side, bottom=side)


def _rows(sheet: Worksheet, rows: list[dict[str, Any]], width: int) -> int | None:
    """Write the rows of a sheet from row 1; return the number of the last template row, if any."""
    template_row = None
    for number, row in enumerate(rows, start=1):
        cells = row.get("cells", [])
        style = row.get("style")
        aligns = row.get("align", [])
        span = max(width if row.get("merge") else len(cells), len(cells))
        styles = (style if isinstance(style, list) else [style] * span) if style else []
        for column in range(1, span + 1):
            cell = sheet.cell(number, column)
            if column <= len(cells):
                cell.value = cells[column - 1]
            if column <= len(styles) and styles[column - 1]:
                _style(cell, styles[column - 1], aligns[column - 1] if column <= len(aligns) else None)
        if row.get("merge") and width > 1:
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
        if "height" in row:
            sheet.row_dimensions[number].height = row["height"]
        if row.get("page_break"):  # the row starts a printed page (a chart below a table of any length)
            sheet.row_breaks.append(Break(id=number - 1))
        if row.get("template"):
            template_row = number
        for letter in row.get("unlocked", []):
            sheet[f"{letter}{number}"].protection = Protection(locked=False)
    return template_row


def _validations(sheet: Worksheet, rules: list[dict[str, Any]], template_row: int | None) -> None:
    """Add data validations, each on one cell of the template row (or of the row the rule names)."""
    for rule in rules:
        validation = DataValidation(
            type=rule["type"],
            operator=rule.get("operator"),
            formula1=str(rule["formula1"]) if "formula1" in rule else None,
            formula2=str(rule["formula2"]) if "formula2" in rule else None,
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage="prompt" in rule,
            errorTitle=rule.get("error_title"),
            error=rule.get("error"),
            promptTitle=rule.get("prompt_title"),
            prompt=rule.get("prompt"),
        )
        row_number = template_row if rule.get("row", "template") == "template" else rule["row"]
        validation.add(f"{rule['column']}{row_number}")
        sheet.add_data_validation(validation)


def _sheet(workbook: Workbook, spec: dict[str, Any]) -> None:
    """Add the sheet described by ``spec``."""
    sheet = workbook.create_sheet(spec["title"])
    widths = spec["columns"]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    template_row = _rows(sheet, spec["rows"], len(widths))
    _validations(sheet, spec.get("validations", []), template_row)
    if "freeze" in spec:
        sheet.freeze_panes = spec["freeze"]
    if "print_titles" in spec:
        sheet.print_title_rows = spec["print_titles"]
    print_setup(sheet, landscape=spec.get("orientation", "landscape") == "landscape", tall=spec.get("pages_tall", 0))
    if spec.get("protect"):
        sheet.protection.sheet = True
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False
    if spec.get("hidden"):
        sheet.sheet_state = "hidden"


def _new_workbook(title: str) -> Workbook:
    """Return a workbook without sheets, titled ``title``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "nastavnik-docs"
    workbook.properties.title = title
    return workbook


def build(source: Path) -> bytes:
    """Return the bytes of the Excel template built from the YAML ``source``."""
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    if spec.get("layout") == "register":
        return build_register(spec.get("rows", 1000))
    if spec.get("layout") == "final-monitoring":
        from monitoring_form import build_final_monitoring  # it builds on this module's styles

        return build_final_monitoring()
    if spec.get("layout") == "survey-answers":
        spec = survey_answers_source()
    if "extends" in spec:  # the layout of another source, with its own title and sheet names, and sheets after
        base = yaml.safe_load((source.parent / spec["extends"]).read_text(encoding="utf-8"))
        for sheet, title in zip(base["sheets"], spec.get("sheet_titles", []), strict=False):
            sheet["title"] = title
        spec = {
            **base,
            "title": spec.get("title", base.get("title")),
            "sheets": base["sheets"] + spec.get("sheets", []),
        }
    workbook = _new_workbook(spec.get("title", source.stem))
    for sheet_spec in spec["sheets"]:
        if "include" in sheet_spec:  # a sheet shared by several workbooks: «_name.yaml» holding ``sheet:``
            sheet_spec = yaml.safe_load((source.parent / sheet_spec["include"]).read_text(encoding="utf-8"))["sheet"]
        _sheet(workbook, sheet_spec)
    return workbook_bytes(workbook)


def _register_validation(column: dict[str, Any], forms: list[str]) -> DataValidation | None:
    """Return the validation of a register column: a date, a value from a list, or none."""
    if column.get("kind") == "date":
        return DataValidation(
            type="date",
            operator="between",
            formula1="DATE(1900,1,1)",
            formula2="DATE(2100,12,31)",
            error="Введите дату ДД.ММ.ГГГГ между 1900 и 2100 годом.",
            errorTitle=column["header"],
            showErrorMessage=True,
        )
    if "list" in column or column.get("list_from") == "forms":
        values = column.get("list") or forms
        return DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            error="Выберите значение из списка.",
            errorTitle=column["header"],
            showErrorMessage=True,
        )
    return None


_IDENTIFYING = {"code", "last", "first", "middle"}  # the register's first columns: who a row is about


def _register_sheet(workbook: Workbook, spec: dict[str, Any], first: int, last: int, forms: list[str]) -> None:
    """Add a register sheet: a note, headers with explanations, formats and lists on rows ``first``–``last``."""
    sheet = workbook.create_sheet(spec["title"])
    columns = spec["columns"]
    # «Наставники» and «Наставляемые» (27 and 25 columns) print at a readable size on pages across, each
    # with the code and the name at its left (and the note above them: it stays whole on every page); the
    # narrower sheets fit one page's width, the note over their first 12 columns
    widths = [column.get("width", 14) for column in columns]
    named = sum(1 for _ in takewhile(lambda column: column["field"] in _IDENTIFYING, columns))
    across = too_wide(widths) and named > 0
    sheet.cell(1, 1, spec["note"])
    _style(sheet.cell(1, 1), "note")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=named if across else min(len(columns), 12))
    # about 1.2 characters of a 10 pt note per unit of width, lines of 13 pt
    sheet.row_dimensions[1].height = (
        max(32, 13 * -(-len(spec["note"]) // int(1.2 * sum(widths[:named])))) if across else 32
    )
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.get("width", 14)
        header = sheet.cell(2, index, column["header"])
        _style(header, "header")
        _style(sheet.cell(3, index, column.get("explain", "")), "note")
        if column.get("explain"):
            header.comment = Comment(column["explain"], "nastavnik-docs")
        formats = {"date": "DD.MM.YYYY", "text": "@"}  # «@»: what is typed stays text, zeros and all
        if column.get("kind") in formats:
            for row in range(first, last + 1):
                sheet.cell(row, index).number_format = formats[column["kind"]]
        rule = _register_validation(column, forms)
        if rule is not None:
            rule.add(f"{letter}{first}:{letter}{last}")
            sheet.add_data_validation(rule)
    sheet.row_dimensions[2].height = 32
    sheet.freeze_panes = f"C{first}"
    sheet.print_title_rows = "2:2"
    if across:  # the groups of columns the layout names begin pages of their own
        for index, column in enumerate(columns):
            if column.get("new_page"):
                sheet.col_breaks.append(Break(id=index))
        # the layout's columns only: a long value of the last one runs over into the empty column beside it,
        # which LibreOffice would print on pages of their own
        sheet.print_area = f"A1:{get_column_letter(len(columns))}1048576"
    print_setup(sheet, title_columns=f"A:{get_column_letter(named)}" if across else None)


def build_register(rows: int) -> bytes:
    """Return the blank register workbook with ``rows`` data rows, laid out by the package's register layout."""
    layout = content_data("register.yaml")
    forms = [form["title"] for form in content_data("forms.yaml")]
    first = layout["first_data_row"]
    workbook = _new_workbook(layout["title"])
    for spec in layout["sheets"].values():
        _register_sheet(workbook, spec, first, first + rows - 1, forms)
    return workbook_bytes(workbook)


def survey_answers_source() -> dict[str, Any]:
    """Return the source of the survey answers workbook, laid out by the package's questionnaires.

    A sheet per role: title, note, headers (the code, then «N. header» of every scale question),
    a row per item of ``answers.rows.<role>``. The register's codes go to a hidden sheet, column A
    for mentors and B for mentees from row 2, which the code column's list refers to; without a
    register ``answers.known.<role>`` is 0, the list's formula renders empty and the list is dropped.
    """
    catalogue = survey_catalogue()
    words = catalogue.workbook
    codes = words.codes_sheet
    sheets: list[dict[str, Any]] = []
    for letter, role in zip("AB", ROLES, strict=True):
        questionnaire = catalogue.questionnaires[role]
        headers = [catalogue.code_header, *(questionnaire.column_header(q) for q in questionnaire.scale)]
        columns = [get_column_letter(index) for index in range(1, len(headers) + 1)]
        known = f"answers.known.{role}"
        score_rules = [
            {
                "type": "whole",
                "operator": "between",
                "formula1": catalogue.low,
                "formula2": catalogue.high,
                "column": column,
                "error_title": header,
                "error": words.score_error.format(min=catalogue.low, max=catalogue.high),
            }
            for column, header in zip(columns[1:], headers[1:], strict=True)
        ]
        sheets.append(
            {
                "title": questionnaire.sheet,
                "columns": [14] + [17] * (len(headers) - 1),
                "freeze": "B5",
                "print_titles": "4:4",
                "protect": True,
                "rows": [
                    {"cells": [questionnaire.answers_title], "style": "title", "merge": True, "height": 38},
                    {"cells": [catalogue.note(role)], "style": "note", "merge": True, "height": 30},
                    {"cells": []},
                    {"cells": headers, "style": "header", "height": 62},
                    {"cells": ["{%tr for r in answers.rows." + role + " %}"], "style": "section"},
                    {
                        "cells": ["{{ r.code }}"] + [None] * (len(headers) - 1),
                        "style": ["number"] + ["input"] * (len(headers) - 1),
                        "template": True,
                        "unlocked": columns,
                    },
                    {"cells": ["{%tr endfor %}"]},
                ],
                "validations": [
                    {
                        "type": "list",
                        "formula1": f"{{% if {known} %}}'{codes}'!${letter}$2:${letter}${{{{ {known} + 1 }}}}{{% endif %}}",
                        "column": "A",
                        "error_title": catalogue.code_header,
                        "error": words.code_error,
                    },
                    *score_rules,
                ],
            }
        )
    sheets.append(
        {
            "title": codes,
            "columns": [16, 16],
            "orientation": "portrait",
            "protect": True,
            "hidden": True,
            "rows": [
                {"cells": [catalogue.questionnaires[role].sheet for role in ROLES], "style": "header"},
                {"cells": ["{%tr for c in answers.codes %}"]},
                {"cells": ["{{ c.mentor }}", "{{ c.mentee }}"], "style": "cell", "template": True},
                {"cells": ["{%tr endfor %}"]},
            ],
        }
    )
    return {"title": words.title, "sheets": sheets}
