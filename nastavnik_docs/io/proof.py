"""The proof sheet: every inflected form of a kit in one workbook, and the coordinator's corrections read back.

One row per phrase and case: the phrase as the data gives it, what it is, the case, the form the
documents print (the column the coordinator corrects), the form the program made, and the
documents that print it. A row whose form differs from the program's is a correction.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import pydantic
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.properties import PageSetupProperties

from ..content import content_data
from ..errors import DataFileError, InputError
from ..models import Declension, describe_errors
from ..ru import Case
from .datafile import existing_file
from .packages import WORKBOOK_LIMITS, check_package
from .sinks import write_file

__all__ = ["ProofLine", "read_corrections", "write_proof"]

_COLUMNS = ("phrase", "kind", "case", "form", "automatic", "documents")
_WIDTHS = (48, 20, 14, 48, 48, 40)
_EDITABLE = PatternFill("solid", fgColor="FFF2CC")
MAX_BYTES = 5 * 1024 * 1024


class ProofLine(NamedTuple):
    """One row of the sheet: ``kind`` is ``person``, ``phrase`` or ``place``; ``documents`` as printed."""

    kind: str
    phrase: str
    case: Case
    form: str
    automatic: str
    documents: str


def write_proof(
    lines: Iterable[ProofLine], path: str | Path, *, force: bool = False, sources: Iterable[str | Path] = ()
) -> Path:
    """Write the proof sheet to ``path`` (an existing file only with ``force``, never a source); return the path."""
    target = Path(path)
    if target.exists() and not force:
        raise InputError(f"Файл {target} уже существует. Чтобы заменить его, добавьте --force.")
    words = content_data("proof.yaml")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = words["sheet"]
    sheet.append([words["columns"][key] for key in _COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in lines:
        sheet.append(
            [
                line.phrase,
                words["kinds"][line.kind],
                words["cases"][line.case.value],
                line.form,
                line.automatic,
                line.documents,
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text stays text: a phrase is never read as a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(sheet.max_row, _COLUMNS.index("form") + 1).fill = _EDITABLE
        sheet.row_dimensions[sheet.max_row].height = 15 * _lines(sheet[sheet.max_row])
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[chr(ord("A") + index - 1)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.auto_filter.ref = sheet.dimensions
    output = io.BytesIO()
    workbook.save(output)
    return write_file(target, output.getvalue(), force=force, sources=sources, what="лист проверки")


def read_corrections(path: str | Path) -> list[tuple[str, Declension]]:
    """Return the corrections of a proof sheet: (where, correction) for every row whose form was changed.

    Every problem of the sheet is reported at once, by row and column, never with the phrase.
    """
    source = existing_file(path, what="Лист проверки склонений", limit=MAX_BYTES)
    check_package(source, what="Лист проверки склонений", name=source.name, limits=WORKBOOK_LIMITS)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception:  # openpyxl raises several unrelated types for a file that is not a workbook
        raise DataFileError(f"Файл {source} не является книгой Excel (.xlsx).", path=str(source)) from None
    words = content_data("proof.yaml")
    try:
        sheet = workbook[words["sheet"]] if words["sheet"] in workbook.sheetnames else None
        if sheet is None:
            raise DataFileError(
                f"{source.name}: нет листа «{words['sheet']}» — это не лист проверки склонений "
                "(его делает nastavnik-docs proof).",
                path=str(source),
            )
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()
    header = [str(value or "").strip() for value in (rows[0] if rows else ())]
    if header[: len(_COLUMNS)] != [words["columns"][key] for key in _COLUMNS]:
        raise DataFileError(
            f"{source.name}: первая строка листа «{words['sheet']}» не совпадает с заголовками листа проверки склонений.",
            path=str(source),
        )
    corrections: list[tuple[str, Declension]] = []
    problems: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        values = dict(zip(_COLUMNS, (_text(value) for value in row), strict=False))
        if not any(values.values()) or not values.get("form") or values.get("form") == values.get("automatic"):
            continue
        where = f"{source.name}, строка {number}"
        try:
            item = Declension(phrase=values.get("phrase", ""), case=values.get("case", ""), form=values["form"])
        except pydantic.ValidationError as error:
            problems += [f"{where}, {_column(line, words)}" for line in describe_errors(error, Declension)]
            continue
        corrections.append((where, item))
    if problems:
        raise InputError(f"Ошибки в листе проверки склонений: {'; '.join(problems)}.")
    return corrections


def _lines(cells: Any) -> int:
    """Return how many lines the tallest wrapped cell of a row takes (openpyxl does not grow rows)."""
    return max(
        1, *(-(-len(str(cell.value or "")) // int(width * 1.1)) for cell, width in zip(cells, _WIDTHS, strict=False))
    )


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _column(line: str, words: dict[str, Any]) -> str:
    """Return a validation line with the field named by its column: «Падеж»: …"""
    field, _, rest = line.partition(": ")
    return f"«{words['columns'].get(field, field)}»: {rest}" if rest else line
