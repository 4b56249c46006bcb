"""Reading tables of an Excel workbook filled by a person: the register and the survey answers.

Shared by the readers of :mod:`.register` and :mod:`.surveys`: the workbook opened within the
size limits (of the file, and of what it unpacks to: :mod:`.packages`), a header row found by its titles, data rows up to a limit, cells described by their
kind («текст», «число») and never by their value, and every problem reported at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from python_calamine import CalamineWorkbook

from ..errors import DataFileError, Problem, ValidationError
from ..ru import plural
from .datafile import existing_file
from .packages import WORKBOOK_LIMITS, check_package

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "READABLE_SCALE",
    "cell_kind",
    "data_rows",
    "find_header",
    "header_key",
    "list_layout",
    "open_workbook",
    "print_setup",
    "raise_problems",
    "too_wide",
]

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000
_HEADER_SCAN = 10  # rows searched for the header row
_LISTED = 200  # problems shown in the message; all are kept in ``problems``


class Sheet:
    """A sheet's values, read at once: what the readers ask of a worksheet (``title``, ``iter_rows``)."""

    def __init__(self, title: str, rows: list[list[Any]]) -> None:
        self.title = title
        self._rows = rows

    def iter_rows(
        self, min_row: int = 1, max_row: int | None = None, values_only: bool = True
    ) -> Iterator[tuple[Any, ...]]:
        """Yield the rows ``min_row``…``max_row`` (numbered from 1) as tuples; an empty cell is None."""
        for row in self._rows[min_row - 1 : max_row]:
            yield tuple(None if value == "" else value for value in row)


class Book:
    """A workbook's sheets, in order."""

    def __init__(self, worksheets: list[Sheet]) -> None:
        self.worksheets = worksheets

    def close(self) -> None:
        """Nothing to release: the values were read when the book was opened."""


def _read_book(source: Path | BinaryIO) -> Book:
    """Return every sheet's values, read by calamine (several times faster than openpyxl's read-only mode)."""
    reader = (
        CalamineWorkbook.from_path(str(source)) if isinstance(source, Path) else CalamineWorkbook.from_filelike(source)
    )
    try:
        # skip_empty_area=False: rows and columns counted from A1, so that an empty first row (a note deleted)
        # does not move every row number of the messages by one
        sheets = [
            Sheet(title, reader.get_sheet_by_name(title).to_python(skip_empty_area=False))
            for title in reader.sheet_names
        ]
        return Book(sheets)
    finally:
        reader.close()


def open_workbook(path: str | Path | BinaryIO, *, what: str, name: str | None = None) -> tuple[str, Any]:
    """Return how messages call the workbook and the workbook (read-only, values) at ``path`` or in an open stream.

    ``what`` names the kind of file in errors («Файл реестра»); ``name`` the workbook itself (its
    file name by default; an upload's field name).
    """
    if isinstance(path, str | Path):
        source: Path | BinaryIO = existing_file(path, what=what, limit=MAX_BYTES)
        label, where = name or Path(path).name, str(source)
        named = label
    else:
        source, label = path, name or what.removeprefix("Файл ").strip()
        where, named = label, name or ""
    check_package(source, what=what, name=named, limits=WORKBOOK_LIMITS)
    try:
        return label, _read_book(source)
    except Exception:  # calamine raises several unrelated types for a file that is not a workbook
        raise DataFileError(f"Файл {where} не является книгой Excel (.xlsx).", path=where) from None


def sheets_by_title(workbook: Any, problems: list[Problem | str]) -> dict[str, Any]:
    """Return the workbook's sheets by title, trimmed and in lower case.

    Two sheets whose titles differ only there («наставники » beside «Наставники») are a problem naming
    both: which of them holds the data is not for the reader to guess.
    """
    found: dict[str, Any] = {}
    for sheet in workbook.worksheets:
        key = sheet.title.strip().lower()
        if key in found:
            problems.append(
                Problem(
                    f"листы «{found[key].title}» и «{sheet.title}» называются одинаково (без учёта заглавных букв и "
                    "пробелов по краям): оставьте один, удалите или переименуйте другой"
                )
            )
            continue
        found[key] = sheet
    return found


def header_key(text: Any) -> str:
    """Return a header as it is compared: spaces collapsed, «*» dropped, lower case."""
    return " ".join(str(text or "").replace("*", " ").split()).lower()


def cell_kind(value: Any) -> str:
    """Return what a cell holds, for a message that must not quote it: «пусто», «дата», «число», «текст»…"""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "пусто"
    if isinstance(value, dt.datetime | dt.date):
        return "дата"
    if isinstance(value, bool):
        return "логическое значение"
    if isinstance(value, int | float):
        return "число"
    return "текст"


def find_header(sheet: Any, keys: Collection[str], *, enough: int) -> tuple[int, dict[int, str]] | None:
    """Return the header row among the first rows and the key of every known header by column index.

    The row is the first holding at least ``enough`` of ``keys`` (compared by :func:`header_key`).
    """
    for number, values in enumerate(sheet.iter_rows(min_row=1, max_row=_HEADER_SCAN, values_only=True), start=1):
        found = {index: header_key(value) for index, value in enumerate(values) if header_key(value) in keys}
        if len(found) >= enough:
            return number, found
    return None


def data_rows(
    sheet: Any, first: int, *, title: str, what: str, problems: list[Problem | str]
) -> Iterator[tuple[int, tuple]]:
    """Yield (row number, values) from row ``first``, at most :data:`MAX_ROWS`; more is a problem."""
    for number, values in enumerate(sheet.iter_rows(min_row=first, values_only=True), start=first):
        if number - first >= MAX_ROWS:
            problems.append(Problem(f"больше {MAX_ROWS} строк — разделите {what} на несколько файлов", sheet=title))
            return
        yield number, values


def raise_problems(label: str, problems: Sequence[Problem | str], *, where: str) -> None:
    """Raise one :class:`ValidationError` listing ``problems`` (if any): «register.xlsx: 3 ошибки в реестре: …»."""
    if not problems:
        return
    count = plural(len(problems), ("ошибка", "ошибки", "ошибок"), space=" ")
    listing = "\n".join(f"  {p}" for p in problems[:_LISTED])
    more = f"\n  … и ещё {len(problems) - _LISTED}" if len(problems) > _LISTED else ""
    raise ValidationError(f"{label}: {count} {where}:\n{listing}{more}", problems=problems)


READABLE_SCALE = 65  # % of full size: 11 pt text prints at 7.2 pt (the lowest one reads without strain)
_LANDSCAPE_WIDTH = 110  # what LibreOffice prints on a landscape A4 page (297 − 30 mm), in units of column width


def too_wide(widths: Sequence[float]) -> bool:
    """Tell whether columns of these widths are wider than two landscape pages at :data:`READABLE_SCALE`:
    fitted to one page's width they would print too small to read."""
    return sum(widths) * READABLE_SCALE / 100 > 2 * _LANDSCAPE_WIDTH


def print_setup(sheet: Worksheet, *, landscape: bool = True, tall: int = 0, title_columns: str | None = None) -> None:
    """Set a sheet's Russian page: A4, every column on the page's width (``tall`` pages high, when set),
    margins 20/10/20/20 mm (ГОСТ Р 7.0.97), centred, «page / pages» in the footer.

    A sheet too wide for that (:func:`too_wide`) names its ``title_columns`` («A:D»: the code and the
    name): it prints at :data:`READABLE_SCALE` on as many pages across as it takes, those columns at
    the left of every page, the pages in the order «over, then down» — the pages of the same rows follow
    each other, so a person lays them side by side and reads a row whole before the next rows begin.

    Every workbook the package writes prints this way: the templates (tools/xlsx_templates.py), the
    lists below, the survey summary; tests/test_layout_xlsx.py checks the pages LibreOffice makes."""
    from openpyxl.worksheet.properties import PageSetupProperties  # openpyxl only where a workbook is written

    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    if title_columns:
        sheet.print_title_cols = title_columns
        sheet.page_setup.scale = READABLE_SCALE
        sheet.page_setup.pageOrder = "overThenDown"
    else:
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = tall
    sheet.page_margins.left = 0.79  # 20 mm, in inches
    sheet.page_margins.right = 0.39
    sheet.page_margins.top = 0.79
    sheet.page_margins.bottom = 0.79
    sheet.print_options.horizontalCentered = not title_columns  # pages across fit together at the left
    footer: Any = sheet.oddFooter  # always there on a worksheet (the stubs allow None)
    footer.center.text = "&P / &N"


def list_layout(sheet: Worksheet, widths: Sequence[float]) -> None:
    """Lay out a written list (openpyxl): column widths, the header row frozen and printed on every page,
    landscape A4 one page wide — the proof sheet and a region's index print the same way."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[chr(ord("A") + index - 1)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    print_setup(sheet)
