"""Writing the Excel questionnaire: blank (``nastavnik-docs datafile template``), or filled from data.

The same writer makes the blank form and the filled samples (``tools/sample_questionnaires.py``
fills it from ``samples/*.yaml``), so what a coordinator fills in is exactly what is read back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ...models import Model
from ..sheets import print_setup
from .layout import Field, Heading, Layout, ListSheet, layout_of, words

__all__ = ["FIRST_ROW", "KEY_COLUMN", "SERVICE_MARK", "questionnaire_bytes", "questionnaire_workbook"]

FIRST_ROW = 4
"""The first row of values, on the form and on every list sheet (1: note, 2: headers, 3: explanations)."""
KEY_COLUMN = 4
"""The form's hidden column holding each row's path in the data."""
SERVICE_MARK = "nastavnik-docs questionnaire"
"""What the hidden service sheet's A1 says; B1 holds the kind."""
_SPARE_ROWS = 300  # rows of a list sheet with drop-down lists and checks beyond the filled ones
_INPUT = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
_HEADER = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
_SECTION = PatternFill("solid", start_color="EDEDED", end_color="EDEDED")
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_WIDTHS = {"long": 50, "text": 30, "date": 13, "date_or_text": 16, "int": 12, "float": 12, "bool": 14, "choice": 24}
_FIRST_DAY = dt.date(1899, 12, 30)  # Excel's day 0


def questionnaire_bytes(kind: str, data: Model | None = None) -> bytes:
    """Return the questionnaire of ``kind`` as an .xlsx file: blank, or filled with ``data``."""
    stream = io.BytesIO()
    questionnaire_workbook(kind, data).save(stream)
    return stream.getvalue()


def questionnaire_workbook(kind: str, data: Model | None = None) -> Workbook:
    """Return the questionnaire of ``kind`` (``school``, ``municipality``, ``teachers``), filled with ``data`` if given."""
    layout = layout_of(kind)
    said = words()
    plain = data.model_dump(mode="python", by_alias=True) if data is not None else {}
    book = Workbook()
    form = book.active
    assert form is not None
    choices = _Choices(book, said["choices_sheet"])
    _write_form(form, layout, plain, choices)
    for sheet in layout.lists:
        _write_list(book.create_sheet(sheet.title), sheet, _dig(plain, sheet.path) or (), choices)
    choices.finish()
    service = book.create_sheet(said["service_sheet"])
    service.append([SERVICE_MARK, kind])
    service.append(["format", said["format"]])
    service.sheet_state = "hidden"
    book.active = 0
    return book


# --- values as cells show them -------------------------------------------------------------------------------


def _dig(data: Any, path: Iterable[str]) -> Any:
    for key in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def _shown(field: Field, value: Any) -> Any:
    """Return what the cell of ``field`` shows for ``value``."""
    if value is None or value == [] or value == {}:
        return None
    if field.many:
        return "; ".join(str(_one(field, item)) for item in value)
    if field.mapping:
        return "; ".join(f"{key}: {_number_text(item)}" for key, item in value.items())
    return _one(field, value)


def _one(field: Field, value: Any) -> Any:
    if field.choices:
        return dict(field.choices).get(str(value), str(value))
    if field.kind == "bool":
        return words()["words"]["yes" if value else "no"]
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.date | int | float):
        return value
    return str(value)


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


# --- checks of the cells -------------------------------------------------------------------------------------


class _Choices:
    """The hidden sheet of drop-down lists, one column per list, and the checks of every sheet."""

    def __init__(self, book: Workbook, title: str) -> None:
        self.sheet = book.create_sheet(title)
        self.columns: dict[tuple[str, ...], str] = {}
        self.messages = words()["validation"]

    def finish(self) -> None:
        self.sheet.sheet_state = "hidden"
        self.sheet.parent.move_sheet(self.sheet, offset=len(self.sheet.parent.worksheets))

    def _range(self, values: tuple[str, ...]) -> str:
        if values not in self.columns:
            column = get_column_letter(len(self.columns) + 1)
            for row, value in enumerate(values, start=1):
                self.sheet[f"{column}{row}"] = value
            self.columns[values] = f"{quote_sheetname(self.sheet.title)}!${column}$1:${column}${len(values)}"
        return self.columns[values]

    def check(self, sheet: Worksheet, field: Field, cells: str) -> None:
        """Add the check of ``field`` (a drop-down list, a date, a number in bounds) to ``cells``."""
        said = self.messages
        rule: DataValidation | None = None
        if field.choices and not field.many:
            rule = DataValidation(type="list", formula1=self._range(tuple(shown for _, shown in field.choices)))
            rule.error = said["list"]
        elif field.kind == "bool":
            yes_no = words()["words"]
            rule = DataValidation(type="list", formula1=f'"{yes_no["yes"]},{yes_no["no"]}"')
            rule.error = said["list"]
        elif field.kind == "date" and not field.many:
            last = (dt.date(2100, 12, 31) - _FIRST_DAY).days
            rule = DataValidation(type="date", operator="between", formula1="2", formula2=str(last))
            rule.error = said["date"]
        elif field.kind == "int" and field.low is not None and field.high is not None and not field.many:
            rule = DataValidation(
                type="whole", operator="between", formula1=str(int(field.low)), formula2=str(int(field.high))
            )
            rule.error = said["whole"].format(low=int(field.low), high=int(field.high))
        elif field.kind == "float" and field.low is not None and not field.many:
            rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=_number_text(field.low))
            rule.error = said["decimal"].format(low=_number_text(field.low))
        if rule is None:
            return
        rule.errorTitle = said["title"]
        rule.showErrorMessage = True
        rule.allow_blank = True
        rule.add(cells)
        sheet.add_data_validation(rule)


# --- sheets --------------------------------------------------------------------------------------------------


def _lines(value: Any, width: float) -> int:
    """Return how many lines ``value`` takes in a wrapped cell ``width`` characters wide (an estimate)."""
    text = "" if value is None else str(value)
    return sum(max(1, -(-len(part) // max(int(width), 1))) for part in text.split("\n")) if text else 1


def _fit(sheet: Worksheet, row: int, cells: list[tuple[Any, float, float]]) -> None:
    """Set the height of ``row`` to show every (value, width, points per line) whole: not every program fits rows itself."""
    height = max(_lines(value, width) * points for value, width, points in cells)
    if height > 15:
        sheet.row_dimensions[row].height = min(height, 400)


def _format(cell: Any, field: Field) -> None:
    if field.kind == "date" and not field.many:
        cell.number_format = "DD.MM.YYYY"
    elif field.kind in ("text", "long", "choice") or field.many or field.mapping:
        cell.number_format = "@"


def _title_rows(sheet: Worksheet, title: str, note: str, width: int) -> None:
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = note
    sheet["A2"].alignment = _WRAP
    sheet["A2"].font = Font(italic=True, size=10)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(width, 3))
    sheet.row_dimensions[2].height = 48


def _page(sheet: Worksheet, heading: int) -> None:
    """Freeze the rows above the data; print the sheet as every workbook of the package, the row
    ``heading`` (the columns' headers) on every page."""
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet.print_title_rows = f"{heading}:{heading}"
    print_setup(sheet)


def _write_form(sheet: Worksheet, layout: Layout, plain: Mapping[str, Any], choices: _Choices) -> None:
    said = words()
    sheet.title = said["form"]["title"]
    _title_rows(sheet, said["kinds"][layout.kind], said["form"]["note"], 3)
    for column, header in enumerate(said["form"]["headers"], start=1):
        cell = sheet.cell(3, column, header)
        cell.font, cell.fill, cell.border = Font(bold=True), _HEADER, _BOX
    for number, row in enumerate(layout.form, start=FIRST_ROW):
        sheet.cell(number, KEY_COLUMN, ".".join(row.path))
        if isinstance(row, Heading):
            text = row.label if row.required else f"{row.label} ({said['form']['optional_section']})"
            cell = sheet.cell(number, 1, text)
            cell.font = Font(bold=True, size=12 if row.depth == 0 else 11)
            cell.fill = _SECTION
            sheet.cell(number, 3, row.explain).alignment = _WRAP
            for column in (2, 3):
                sheet.cell(number, column).fill = _SECTION
            continue
        label = sheet.cell(number, 1, row.header)
        label.alignment = _WRAP
        value = sheet.cell(number, 2, _shown(row, _dig(plain, row.path)))
        value.fill, value.border, value.alignment = _INPUT, _BOX, _WRAP
        _format(value, row)
        choices.check(sheet, row, value.coordinate)
        explain = sheet.cell(number, 3, row.explain)
        explain.alignment = _WRAP
        explain.font = Font(size=9, italic=True)
        _fit(sheet, number, [(row.header, 38, 15), (value.value, 48, 15), (row.explain, 80, 12)])
    for letter, width in zip("ABC", (40, 50, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions[get_column_letter(KEY_COLUMN)].hidden = True
    _page(sheet, 3)


def _rows(sheet: ListSheet, items: Any) -> Iterable[list[Any]]:
    """Yield the cells of every row of a list sheet: an item per row, a nested item per following row."""
    if sheet.item == "value":
        for item in items:
            yield [_shown(sheet.columns[0], item)]
        return
    if sheet.item == "pair":
        for key, value in dict(items or {}).items():
            yield [key, _shown(sheet.columns[1], value)]
        return
    for item in items:
        own = [_shown(column, _dig(item, column.path)) for column in sheet.columns]
        nested = (_dig(item, sheet.child) or [None]) if sheet.child is not None else [None]
        for index, child in enumerate(nested):
            cells = own if index == 0 else [None] * len(own)
            yield cells + [_shown(column, _dig(child, column.path)) for column in sheet.child_columns]


def _write_list(sheet: Worksheet, layout: ListSheet, items: Any, choices: _Choices) -> None:
    said = words()["lists"]
    columns = layout.all_columns
    note = " ".join(part for part in (layout.explain, said["note"]) if part)
    if layout.child is not None:
        note += " " + said["group_note"].format(group=layout.label, child=layout.child_label)
    sheet["A1"] = f"{layout.label}. {note}"
    sheet["A1"].alignment = _WRAP
    sheet["A1"].font = Font(bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(columns), 4))
    sheet.row_dimensions[1].height = 75
    last = FIRST_ROW - 1
    for number, cells in enumerate(_rows(layout, items), start=FIRST_ROW):
        last = number
        for column, value in enumerate(cells, start=1):
            sheet.cell(number, column, value)
        widths = [_WIDTHS.get(field.kind, 24) - 2 for field in columns]
        _fit(sheet, number, [(value, width, 15) for value, width in zip(cells, widths, strict=True)])
    spare = max(last, FIRST_ROW - 1) + _SPARE_ROWS
    for index, field in enumerate(columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(2, index, field.header)
        header.font, header.fill, header.border, header.alignment = Font(bold=True), _HEADER, _BOX, _WRAP
        explain = sheet.cell(3, index, field.explain)
        explain.font, explain.alignment = Font(size=9, italic=True), _WRAP
        sheet.column_dimensions[letter].width = _WIDTHS.get(field.kind, 24)
        for row in range(FIRST_ROW, spare + 1):
            cell = sheet.cell(row, index)
            _format(cell, field)
            if row <= last:
                cell.border, cell.alignment = _BOX, _WRAP
        choices.check(sheet, field, f"{letter}{FIRST_ROW}:{letter}{spare}")
    sheet.row_dimensions[3].height = 60
    _page(sheet, 2)
