"""Excel workbooks from styled templates, filled through the project's sandboxed environment.

A template is an ordinary workbook. Any cell may hold Jinja (``{{ org.short_name }}``). A table
is marked in the first column by a row ``{%tr for row in rows %}``, one template row, and a row
``{%tr endfor %}`` — the syntax of Word templates. Every item becomes a copy of the template row
(styles, validations); an item with a ``section`` key becomes a row merged across the table in
the style of the ``{%tr for %}`` row. Rows below a table move down with their merges and
formulas; ``table.first``/``table.last`` (and ``tables.<name>``) give the data rows to formulas
such as ``=SUM(C{{ table.first }}:C{{ table.last }})``.

A data validation whose ``formula1`` renders empty is dropped: a list that only data can give
(the register's codes) and no data to give it.

A cell holding only ``{%chart column data=C5:D12 categories=B6:B12 title="…" %}`` (or ``bar``
for horizontal bars) becomes a native Excel chart anchored at that cell; its arguments are
rendered first, so they name the rows of a table (``C{{ tables.f.first - 1 }}``). The first row
of ``data`` gives the series' names, each of its columns is a series; see :func:`_add_chart`.

Text from data is always written as text: a value starting with ``=``, ``+``, ``-`` or ``@``
never becomes a formula. Only formulas typed in the template are formulas.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shlex
from collections.abc import Callable, Mapping
from copy import copy
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from jinja2 import Template
from jinja2.sandbox import ImmutableSandboxedEnvironment
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from ..archive import rezip
from ..errors import TemplateError
from .budget import BudgetExceeded, current, on_the_clock
from .environment import OutputKind, make_environment, template_errors

__all__ = ["render_xlsx", "xlsx_variables"]

_LOOP = re.compile(r"^\{%-?\s*tr\s+for\s+(\w+)\s+in\s+(.+?)\s*-?%\}$")
_END = re.compile(r"^\{%-?\s*tr\s+endfor\s*-?%\}$")
_SINGLE = re.compile(r"^\{\{\s*(.+?)\s*\}\}$")
_CHART = re.compile(r"^\{%-?\s*chart\s+(\w+)\s*(.*?)\s*-?%\}$", re.DOTALL)
_COLUMNS = re.compile(r"^\{%-?\s*tc\s+for\s+(\w+)\s+in\s+(.+?)\s*-?%\}(.*)\{%-?\s*tc\s+endfor\s*-?%\}$", re.DOTALL)
_FORMULA_START = ("=", "+", "-", "@")
_MAX_TABLES = 20


def _open(data: bytes, name: str) -> Workbook:
    try:
        return load_workbook(io.BytesIO(data))
    except Exception as error:  # openpyxl raises several unrelated types for a broken package
        raise TemplateError(
            f"Файл {name} не является книгой Excel (.xlsx): {type(error).__name__}.", template=name
        ) from None


@cache
def _environment() -> ImmutableSandboxedEnvironment:
    """Return the one environment workbooks render through (sandboxed and immutable: safe to share)."""
    return make_environment(OutputKind.TEXT)


@lru_cache(maxsize=4096)
def _template(source: str) -> Template:
    """Return a cell's template compiled once: a table of 300 rows repeats a handful of sources."""
    return _environment().from_string(source)


@lru_cache(maxsize=4096)
def _expression(source: str) -> Callable[..., Any]:
    return _environment().compile_expression(source, undefined_to_none=False)


@lru_cache(maxsize=4096)
def _names(source: str) -> frozenset[str]:
    """Return the variables a cell's template (or ``{{ expression }}``) reads, found once per source."""
    from jinja2 import meta

    return frozenset(meta.find_undeclared_variables(_environment().parse(source)))


def _needed(source: str, scope: Mapping[str, Any]) -> dict[str, Any]:
    """Return the part of ``scope`` that ``source`` reads: Jinja copies every variable it is given into
    a new context, and a table of 300 rows renders a few thousand cells."""
    return {name: scope[name] for name in _names(source) if name in scope}


@on_the_clock
def _evaluate(expression: str, scope: Mapping[str, Any]) -> Any:
    """Return the value of a Jinja ``expression`` in ``scope``."""
    return _expression(expression)(**_needed("{{ " + expression + " }}", scope))


@on_the_clock
def _render(source: str, scope: Mapping[str, Any]) -> str:
    """Return the template text ``source`` rendered in ``scope``."""
    return _template(source).render(_needed(source, scope))


def save_workbook(workbook: Workbook) -> bytes:
    """Return ``workbook`` as bytes that depend on its content only: members at the fixed time, and its
    «modified» date kept (``Workbook.save`` stamps the time of saving, so that part is written again)."""
    properties = workbook.properties
    modified = properties.modified
    output = io.BytesIO()
    workbook.save(output)
    properties.modified = modified
    return rezip(output.getvalue(), {"docProps/core.xml": tostring(properties.to_tree())})


def render_xlsx(data: bytes, context: Mapping[str, Any], *, name: str) -> bytes:
    """Return the workbook rendered from the template bytes ``data`` with ``context``."""
    workbook = _open(data, name)
    environment = _environment()
    with template_errors(name):
        budget = current()
        if (
            budget is not None
        ):  # the cells' templates run on the clock (_render, _evaluate); the workbook's own work does not
            budget.pause()
        for sheet in workbook.worksheets:
            tables: dict[str, dict[str, int]] = {}
            filled: set[int] = set()  # ids of cells holding data: never rendered as templates again
            for _ in range(_MAX_TABLES):
                loop = _find_loop(sheet, name)
                if loop is None:
                    break
                tables[loop[2]] = _fill_table(sheet, loop, context, environment, filled)
            scope = {**context, "tables": tables, "table": next(reversed(tables.values()), {"first": 0, "last": 0})}
            _place_charts(sheet, scope, environment, name)
            _render_cells(sheet, scope, environment, filled)
    return save_workbook(workbook)


def xlsx_variables(data: bytes, *, name: str) -> set[str]:
    """Return the top-level variables the workbook template uses."""
    from jinja2 import meta

    workbook = _open(data, name)
    environment = make_environment(OutputKind.TEXT)
    used: set[str] = set()
    with template_errors(name):
        for sheet in workbook.worksheets:
            loop_names = set()
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and ("{{" in cell.value or "{%" in cell.value):
                        text = cell.value.strip()
                        if found := _CHART.match(text):
                            used |= meta.find_undeclared_variables(environment.parse(found.group(2)))
                            continue
                        if found := _LOOP.match(text):
                            loop_names.add(found.group(1))
                            source = "{{ " + found.group(2) + " }}"
                        elif found := _COLUMNS.match(text):
                            variable, expression, body = found.groups()
                            inner = meta.find_undeclared_variables(environment.parse(body)) - {variable}
                            used |= inner | meta.find_undeclared_variables(
                                environment.parse("{{ " + expression + " }}")
                            )
                            continue
                        elif _END.match(text):
                            continue
                        else:
                            source = cell.value
                        used |= meta.find_undeclared_variables(environment.parse(source))
            used -= loop_names
    return used - {"table", "tables", "loop"}


def _find_loop(sheet: Worksheet, name: str) -> tuple[int, int, str, str] | None:
    """Return (row of ``{%tr for``, row of ``{%tr endfor``, variable, expression) of the first table."""
    start = None
    for row in range(1, sheet.max_row + 1):
        value = sheet.cell(row, 1).value
        if not isinstance(value, str):
            continue
        text = value.strip()
        if start is None and (found := _LOOP.match(text)):
            start, variable, expression = row, found.group(1), found.group(2)
        elif start is not None and _END.match(text):
            if row != start + 2:
                raise TemplateError(
                    f"В шаблоне {name} (лист «{sheet.title}») между {{%tr for %}} и {{%tr endfor %}} должна быть ровно одна строка.",
                    template=name,
                )
            return start, row, variable, expression
    if start is not None:
        raise TemplateError(f"В шаблоне {name} (лист «{sheet.title}») нет строки {{%tr endfor %}}.", template=name)
    return None


def _fill_table(
    sheet: Worksheet,
    loop: tuple[int, int, str, str],
    context: Mapping[str, Any],
    environment: ImmutableSandboxedEnvironment,
    filled: set[int],
) -> dict[str, int]:
    start, end, variable, expression = loop
    template_row = start + 1
    width = max(sheet.max_column, 1)
    try:
        items = list(_evaluate(expression, context) or [])
    except BudgetExceeded as error:
        error.place = f"лист «{sheet.title}», ячейка A{start}"
        raise
    budget = current()
    section_styles = [_style(sheet.cell(start, c)) for c in range(1, width + 1)]
    row_styles = [_style(sheet.cell(template_row, c)) for c in range(1, width + 1)]
    row_sources = [sheet.cell(template_row, c).value for c in range(1, width + 1)]
    used = max(
        (c for c in range(1, width + 1) if row_sources[c - 1] is not None or sheet.cell(template_row, c).has_style),
        default=1,
    )
    validations = _validations_on_row(sheet, template_row)
    count = len(items)
    delta = count - 3
    _remove_merges(sheet, start, end)
    for row in range(start, end + 1):  # the marker rows and the template row go away
        sheet.row_dimensions[row].height = None
        for column in range(1, width + 1):
            sheet.cell(row, column).value = None
    _shift_below(sheet, end, delta)
    first = start
    sections = []
    for index, item in enumerate(items):
        if budget is not None:  # every cell of the table is work: a row costs as many steps as it has columns
            budget.step(width)
        row = start + index
        if isinstance(item, Mapping) and "section" in item:
            sections.append((row, str(item["section"])))
            continue
        loop_info = {"index": index + 1, "first": index == 0, "last": index == count - 1, "row": row}
        scope = {**context, variable: item, "loop": loop_info}
        reach = 0  # the last column a {%tc for %} cell filled: its cells keep that cell's style
        for column in range(1, width + 1):
            if column <= reach:
                continue
            cell = sheet.cell(row, column)
            _set_style(cell, row_styles[column - 1])
            source = row_sources[column - 1]
            if isinstance(source, str):
                reach = _assign(cell, source, scope, environment, filled)
                used = max(used, reach)
            elif source is not None:
                cell.value = source
    per_line: dict[int, float] = {}
    for index in range(count):
        _fit_height(sheet, start + index, used, per_line)
    for row, title in sections:
        for column in range(1, used + 1):
            _set_style(sheet.cell(row, column), section_styles[min(column, width) - 1])
        _set_text(sheet.cell(row, 1), title)
        filled.add(id(sheet.cell(row, 1)))
        if used > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=used)
    last = start + count - 1 if count else start - 1
    for validation, columns in validations:
        for column_first, column_last in columns:
            if count:
                validation.add(f"{get_column_letter(column_first)}{first}:{get_column_letter(column_last)}{last}")
    return {"first": first, "last": last, "count": count}


def _place_charts(
    sheet: Worksheet, scope: Mapping[str, Any], environment: ImmutableSandboxedEnvironment, name: str
) -> None:
    """Replace every ``{%chart … %}`` cell of the sheet by the chart it describes, anchored at the cell."""
    for row in list(sheet.iter_rows()):
        for cell in row:
            if isinstance(cell.value, str) and (found := _CHART.match(cell.value.strip())):
                kind, arguments = found.groups()
                place = f"В шаблоне {name} (лист «{sheet.title}», ячейка {cell.coordinate})"
                options = _chart_options(environment.from_string(arguments).render(scope), place)
                cell.value = None
                _add_chart(sheet, cell.coordinate, kind, options, place)


_CHART_KEYS = {"data", "categories", "title", "x_title", "y_title", "width", "height", "legend", "labels"}


def _chart_options(text: str, place: str) -> dict[str, str]:
    """Return the ``key=value`` arguments of a chart marker (values with spaces in double quotes)."""
    try:
        tokens = shlex.split(text)
    except ValueError:
        raise TemplateError(f"{place} у диаграммы незакрытые кавычки в параметрах.") from None
    options: dict[str, str] = {}
    for token in tokens:
        key, sign, value = token.partition("=")
        if not sign or key not in _CHART_KEYS:
            known = ", ".join(sorted(_CHART_KEYS))
            raise TemplateError(f"{place} у диаграммы непонятный параметр «{key}»; известные: {known}.")
        options[key] = value
    for key in ("data", "categories"):
        if key not in options:
            raise TemplateError(f"{place} у диаграммы нет параметра {key}=…")
    return options


def _chart_range(sheet: Worksheet, text: str, place: str) -> tuple[Worksheet, tuple[int, int, int, int]]:
    """Return the sheet and (first column, first row, last column, last row) of ``C5:D12`` or ``'Лист'!C5:D12``."""
    title, _, cells = text.rpartition("!")
    target = sheet
    if title:
        title = title.strip("'")
        workbook: Any = sheet.parent
        if title not in workbook.sheetnames:
            raise TemplateError(f"{place} диаграмма ссылается на лист «{title}», которого нет.")
        target = workbook[title]
    try:
        bounds = range_boundaries(cells)
    except ValueError:
        raise TemplateError(f"{place} у диаграммы неверный диапазон «{text}» (ожидается вида C5:D12).") from None
    if any(bound is None for bound in bounds):
        raise TemplateError(f"{place} у диаграммы неверный диапазон «{text}» (ожидается вида C5:D12).")
    first_column, first_row, last_column, last_row = (int(bound) for bound in bounds)  # type: ignore[arg-type]
    return target, (first_column, first_row, last_column, last_row)


def _add_chart(sheet: Worksheet, anchor: str, kind: str, options: Mapping[str, str], place: str) -> None:
    """Add a native clustered bar chart: ``column`` (vertical bars) or ``bar`` (horizontal).

    ``data`` is a range whose first row holds the series' names and each column a series;
    ``categories`` the labels, one per data row; ``title``, ``x_title``, ``y_title``; ``width`` and
    ``height`` in centimetres (16 × 8); ``legend`` ``bottom`` (default), ``right`` or ``none``;
    ``labels=yes`` writes each value on its bar. A table without rows gives no chart.
    """
    if kind not in ("column", "bar"):
        raise TemplateError(f"{place} неизвестный вид диаграммы «{kind}»: column или bar.")
    data_sheet, (first_column, first_row, last_column, last_row) = _chart_range(sheet, options["data"], place)
    if last_row <= first_row:
        return  # only the series' names: the table is empty
    label_sheet, (label_column, label_first, _, label_last) = _chart_range(sheet, options["categories"], place)
    chart: Any = BarChart()  # its size is in centimetres, any number (the stubs say int)
    chart.type = "col" if kind == "column" else "bar"
    chart.grouping = "clustered"
    chart.title = _chart_title(options["title"]) if options.get("title") else None
    chart.x_axis.title = options.get("x_title") or None
    chart.y_axis.title = options.get("y_title") or None
    chart.x_axis.delete = False  # openpyxl hides the axes by default, Excel then shows none
    chart.y_axis.delete = False
    if kind == "bar":
        chart.x_axis.scaling.orientation = "maxMin"  # the first row at the top, as in the table
    try:
        chart.width = float(options.get("width", 16))
        chart.height = float(options.get("height", 8))
    except ValueError:
        raise TemplateError(f"{place} ширина и высота диаграммы — числа (сантиметры).") from None
    legend = options.get("legend", "bottom")
    if legend == "none":
        chart.legend = None
    elif chart.legend is not None:
        chart.legend.position = "r" if legend == "right" else "b"
    values = Reference(data_sheet, min_col=first_column, min_row=first_row, max_col=last_column, max_row=last_row)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(Reference(label_sheet, min_col=label_column, min_row=label_first, max_row=label_last))
    if options.get("labels") == "yes":
        chart.dataLabels = DataLabelList(  # the value alone: LibreOffice adds the names where they are not refused
            showVal=True, showCatName=False, showSerName=False, showLegendKey=False, showPercent=False
        )
    sheet.add_chart(chart, anchor)


def _chart_title(text: str) -> Title:
    """Return a chart title in 12 pt bold (openpyxl's default is larger than a sheet's own title)."""
    font = CharacterProperties(sz=1200, b=True)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font, t=text)])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _style(cell: Any) -> Any:
    """Return a copy of the cell's whole style (font, fill, border, format, protection) as openpyxl keeps it.

    openpyxl copies styles between cells through the cell's style array; it has no public name.
    """
    return copy(cell._style)


def _set_style(cell: Any, style: Any) -> None:
    cell._style = copy(style)


def _validations_on_row(sheet: Worksheet, row: int) -> list[tuple[Any, list[tuple[int, int]]]]:
    """Detach the template row from every data validation; return which columns each covered."""
    found = []
    for validation in sheet.data_validations.dataValidation:
        columns = []
        kept = []
        for cell_range in list(validation.sqref.ranges):
            if cell_range.min_row <= row <= cell_range.max_row:
                columns.append((cell_range.min_col, cell_range.max_col))
                if cell_range.min_row < row:
                    kept.append(
                        CellRange(
                            min_col=cell_range.min_col,
                            max_col=cell_range.max_col,
                            min_row=cell_range.min_row,
                            max_row=row - 1,
                        )
                    )
            else:
                kept.append(cell_range)
        if columns:
            validation.sqref = " ".join(r.coord for r in kept) if kept else ""
            found.append((validation, columns))
    return found


def _remove_merges(sheet: Worksheet, start: int, end: int) -> None:
    for merged in list(sheet.merged_cells.ranges):
        if merged.min_row <= end and merged.max_row >= start:
            sheet.unmerge_cells(str(merged))


def _shift_below(sheet: Worksheet, end: int, delta: int) -> None:
    """Move everything below row ``end`` by ``delta`` rows: cells, formulas, merges, heights, validations, page breaks."""
    if delta == 0 or sheet.max_row <= end:
        return
    below = [m for m in sheet.merged_cells.ranges if m.min_row > end]
    for merged in below:
        sheet.unmerge_cells(str(merged))
    heights = {row: copy(sheet.row_dimensions[row].height) for row in range(end + 1, sheet.max_row + 1)}
    for row in heights:
        sheet.row_dimensions[row].height = None  # vacated rows take the height of their new content
    last_column = get_column_letter(sheet.max_column)
    # formulas below a table name their rows through {{ table.first }} / {{ loop.row }}: no translation
    sheet.move_range(f"A{end + 1}:{last_column}{sheet.max_row}", rows=delta, translate=False)
    for row, height in sorted(heights.items(), reverse=delta > 0):
        sheet.row_dimensions[row + delta].height = height
    for merged in below:
        merged.shift(row_shift=delta)
        sheet.merge_cells(merged.coord)
    for page_break in sheet.row_breaks.brk:  # a page break before a row below the table moves with it
        if page_break.id is not None and page_break.id >= end:
            page_break.id += delta
    for validation in sheet.data_validations.dataValidation:
        ranges = []
        for cell_range in validation.sqref.ranges:
            if cell_range.min_row > end:
                cell_range = CellRange(cell_range.coord)
                cell_range.shift(row_shift=delta)
            ranges.append(cell_range.coord)
        validation.sqref = " ".join(ranges)


def _render_cells(
    sheet: Worksheet, scope: Mapping[str, Any], environment: ImmutableSandboxedEnvironment, filled: set[int]
) -> None:
    for row in list(sheet.iter_rows()):
        for cell in row:
            if id(cell) in filled:
                continue
            if isinstance(cell.value, str) and ("{{" in cell.value or "{%" in cell.value):
                _assign(cell, cell.value, scope, environment, filled)
    for validation in list(sheet.data_validations.dataValidation):
        for attribute in ("formula1", "formula2", "prompt", "error"):
            text = getattr(validation, attribute)
            if isinstance(text, str) and ("{{" in text or "{%" in text):
                setattr(validation, attribute, _render(text, scope))
        if validation.formula1 is not None and not validation.formula1.strip():
            sheet.data_validations.dataValidation.remove(validation)  # a list known only with data, and none given


def _assign(
    cell: Any, source: str, scope: Mapping[str, Any], environment: ImmutableSandboxedEnvironment, filled: set[int]
) -> int:
    """Fill ``cell`` from its template text; return the last column written. A budget overspent names the cell."""
    try:
        return _fill_cell(cell, source, scope, environment, filled)
    except BudgetExceeded as error:
        error.place = error.place or f"лист «{cell.parent.title}», ячейка {cell.coordinate}"
        raise


def _fill_cell(
    cell: Any, source: str, scope: Mapping[str, Any], environment: ImmutableSandboxedEnvironment, filled: set[int]
) -> int:
    """Fill ``cell`` from its template text; return the last column written.

    A lone expression gives a typed value (number, date); formulas come only from the template;
    ``{%tc for x in xs %}…{%tc endfor %}`` fills one cell per element, to the right.
    """
    columns = _COLUMNS.match(source.strip())
    if columns:
        variable, expression, body = columns.groups()
        sheet = cell.parent
        elements = list(_evaluate(expression, scope) or [])
        width = sheet.column_dimensions[cell.column_letter].width
        budget = current()
        for offset, element in enumerate(elements):
            if budget is not None:
                budget.step()
            target = sheet.cell(cell.row, cell.column + offset)
            if offset:
                _set_style(target, _style(cell))
                letter = get_column_letter(cell.column + offset)
                if width and not sheet.column_dimensions[letter].width:
                    sheet.column_dimensions[letter].width = width
            _assign(target, body, {**scope, variable: element}, environment, filled)
        if not elements:
            cell.value = None
        return cell.column + max(len(elements), 1) - 1
    if source.startswith("="):
        cell.value = _render_value(source, scope, environment, as_text=True)
        filled.add(id(cell))
        return cell.column
    if "{{" not in source and "{%" not in source:
        cell.value = source
        return cell.column
    value = _render_value(source, scope, environment, as_text=False)
    if isinstance(value, str):
        _set_text(cell, value)
    else:
        cell.value = value
    filled.add(id(cell))
    return cell.column


def _render_value(
    source: str, scope: Mapping[str, Any], environment: ImmutableSandboxedEnvironment, *, as_text: bool
) -> Any:
    single = _SINGLE.match(source.strip())
    if single and not as_text:
        value = _evaluate(single.group(1), scope)
        if value is None:
            return None
        if isinstance(value, bool | int | float | Decimal | dt.date):
            return float(value) if isinstance(value, Decimal) else value
        return str(value)
    return _render(source, scope)


def _fit_height(sheet: Worksheet, row: int, columns: int, per_line: dict[int, float]) -> None:
    """Set the row's height to fit its wrapped text: spreadsheets do not grow rows by themselves.

    ``per_line`` keeps the characters per line of each column, worked out from the first text met in it:
    a table's rows share their columns' widths and fonts.
    """
    lines = 1
    for column in range(1, columns + 1):
        cell = sheet.cell(row, column)
        if not isinstance(cell.value, str) or not cell.value:
            continue
        if column not in per_line:
            width = sheet.column_dimensions[get_column_letter(column)].width or 10
            size = (cell.font.sz or 11) if cell.font else 11
            per_line[column] = max(
                1.0, width * 11 / size * 1.25
            )  # Times New Roman: about 1.25 characters per width unit
        characters = int(per_line[column])
        wrapped = sum(max(1, -(-len(part) // characters)) for part in cell.value.split("\n"))
        lines = max(lines, wrapped)
    sheet.row_dimensions[row].height = round(lines * 13.8 + 4, 1)


def _set_text(cell: Any, value: str) -> None:
    """Write ``value`` as text: a leading ``=``, ``+``, ``-`` or ``@`` never makes it a formula."""
    cell.value = value
    if value.startswith(_FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
