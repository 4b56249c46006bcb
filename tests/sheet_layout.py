"""Reading a printed workbook back: a workbook's sheets, its page setup and the pages LibreOffice makes of it.

A sheet is meant for print unless it is hidden: hidden sheets hold what only the workbook reads
(the lists a validation offers, service values), and LibreOffice does not print them either. The
checks return their faults as short strings naming the sheet, like those of layout.py.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from typing import Any

from layout import WORD, pdf_pages, vocabulary
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

_TOKEN = re.compile(r"\w+")
# Russian page setup (ГОСТ Р 7.0.97): A4, margins left 20 mm, right 10 mm, top and bottom 20 mm, in inches
_A4 = 9
_MARGINS = {"left": 0.79, "right": 0.39, "top": 0.79, "bottom": 0.79}
# the printable width of a portrait A4 page (210 − 30 mm) in column-width units (about 1.9 mm each, 11 pt)
_PORTRAIT_WIDTH = 95
_READABLE = 65  # % of full size: the least scale of a sheet printed on pages across (11 pt text at 7.2 pt)


def printed_sheets(path: Path) -> list[Worksheet]:
    """Return the sheets of the workbook at ``path`` meant for print: every visible one, in order."""
    return [sheet for sheet in load_workbook(path).worksheets if sheet.sheet_state == "visible"]


def page_setup_faults(sheet: Worksheet) -> list[str]:
    """Return what is wrong with a sheet's page setup: not A4, not the Russian margins, a wide table
    printed portrait, a page not fitted to its width — unless the sheet prints on pages across at a
    readable scale, its title columns (the code and the name) at the left of every page."""
    faults = []
    name = f"лист «{sheet.title}»"
    if sheet.page_setup.paperSize not in (_A4, str(_A4)):
        faults.append(f"{name}: бумага не A4 ({sheet.page_setup.paperSize})")
    margins = {side: getattr(sheet.page_margins, side) for side in _MARGINS}
    if any(abs(margins[side] - inches) > 0.02 for side, inches in _MARGINS.items()):
        faults.append(f"{name}: поля не 20/10/20/20 мм: {margins}")
    width = sum(_width(sheet, column) for column in range(1, sheet.max_column + 1))
    if sheet.page_setup.orientation != "landscape" and width > _PORTRAIT_WIDTH:
        faults.append(f"{name}: широкая таблица ({width:.0f} ед.) на книжной странице")
    properties = sheet.sheet_properties.pageSetUpPr
    fitted = properties is not None and properties.fitToPage and sheet.page_setup.fitToWidth in (1, "1")
    if _title_columns(sheet) and not fitted:
        if int(sheet.page_setup.scale or 100) < _READABLE:
            faults.append(f"{name}: масштаб {sheet.page_setup.scale} % — текст мельче 7 пт")
    elif not fitted:
        faults.append(f"{name}: не вписан в ширину страницы")
    return faults


def _width(sheet: Worksheet, column: int) -> float:
    dimension = sheet.column_dimensions[get_column_letter(column)]
    return 0 if dimension.hidden else dimension.width or 8.43


def tokens(text: str) -> set[str]:
    """Return the pieces of ``text`` one can find on a page: words and numbers (lower case), a soft
    hyphen splitting a word as a break does; letters alone are too common to tell anything."""
    return {t for t in _TOKEN.findall(text.lower().replace("\u00ad", " ")) if len(t) > 1 or t.isdigit()}


def page_tokens(lines: list[str]) -> set[str]:
    """Return the tokens of a page, and every two neighbours joined: a narrow column breaks a word
    («Удовлетво-⏎рённость»), a line break splits a code."""
    found = [t for line in lines for t in _TOKEN.findall(line.lower())]
    return set(found) | {a + b for a, b in itertools.pairwise(found)}


def _text(value: Any) -> str | None:
    """Return the text a cell prints, if it is text (a formula prints its result: unknown here)."""
    if isinstance(value, str) and not value.startswith("="):
        return value
    return None


def _row_texts(sheet: Worksheet, row: int) -> list[str]:
    return [text for cell in sheet[row] if (text := _text(cell.value))]


def _title_rows(sheet: Worksheet) -> list[int]:
    """Return the numbers of the rows printed at the top of every page (print titles)."""
    if not sheet.print_title_rows:
        return []
    first, _, last = sheet.print_title_rows.replace("$", "").partition(":")
    return list(range(int(first), int(last or first) + 1))


def _title_columns(sheet: Worksheet) -> list[int]:
    """Return the numbers of the columns printed at the left of every page (print titles)."""
    if not sheet.print_title_cols:
        return []
    first, _, last = sheet.print_title_cols.replace("$", "").partition(":")
    return list(range(column_index_from_string(first), column_index_from_string(last or first) + 1))


def _row_tokens(sheet: Worksheet, row: int, columns: list[int]) -> set[str]:
    """Return the tokens of the text a row holds in ``columns``."""
    return tokens(" ".join(text for column in columns if (text := _text(sheet.cell(row, column).value))))


def _header_rows(sheet: Worksheet) -> list[int]:
    """Return the rows that head a table: two or more cells of text, all bold."""
    rows = []
    for row in range(1, sheet.max_row + 1):
        cells = [cell for cell in sheet[row] if _text(cell.value)]
        if len(cells) >= 2 and all(cell.font is not None and cell.font.b for cell in cells):
            rows.append(row)
    return rows


def sheet_pages(sheets: list[Worksheet], pages: list[list[str]]) -> dict[str, list[list[str]]]:
    """Return the pages of each sheet. LibreOffice prints the sheets in order, each from a new page, and
    a sheet with text on at least one; the pages are shared out in that order so that they hold as
    much as can be of their sheet's own words (those no other sheet has) and of its words at all."""
    vocabularies = [
        {t for row in sheet.iter_rows() for cell in row if (text := _text(cell.value)) for t in tokens(text)}
        for sheet in sheets
    ]
    own = [
        {t for t in words if not t.isdigit()}
        - set().union(*(v for other, v in enumerate(vocabularies) if other != index))
        for index, words in enumerate(vocabularies)
    ]
    printed = [bool(words) for words in vocabularies]

    def fit(page: list[str], index: int) -> float:
        found = {t for line in page for t in tokens(line) if not t.isdigit()}
        return 2 * len(found & own[index]) / max(len(own[index]), 1) + len(found & vocabularies[index]) / max(
            len(found), 1
        )

    # best[j]: the best score of the pages so far with the last of them on sheet j; whence[i][j]: the
    # sheet of page i - 1 then
    best = [fit(pages[0], j) if pages and not any(printed[:j]) else -math.inf for j in range(len(sheets))]
    whence: list[list[int]] = [[-1] * len(sheets)]
    for page in pages[1:]:
        scores, came = [], []
        for j in range(len(sheets)):
            # the sheets between the previous page's and this one print nothing
            options = [k for k in range(j + 1) if not any(printed[k + 1 : j])]
            k = max(options, key=lambda k: (best[k], k))
            scores.append(best[k] + fit(page, j))
            came.append(k)
        best = scores
        whence.append(came)
    result: dict[str, list[list[str]]] = {sheet.title: [] for sheet in sheets}
    if not pages:
        return result
    j = max((j for j in range(len(sheets)) if not any(printed[j + 1 :])), key=lambda j: (best[j], -j))
    for i in range(len(pages) - 1, -1, -1):
        result[sheets[j].title].insert(0, pages[i])
        j = whence[i][j]
    return result


def page_faults(sheet: Worksheet, pages: list[list[str]]) -> list[str]:
    """Return what is wrong with a sheet's printed pages (see the module's checks below)."""
    name = f"лист «{sheet.title}»"
    if not pages:
        return [f"{name}: не напечатан"] if any(_row_texts(sheet, r) for r in range(1, sheet.max_row + 1)) else []
    texts = [text for row in sheet.iter_rows() for cell in row if (text := _text(cell.value))]
    lines = [line for page in pages for line in page]
    faults = [f"{name}: «###» — число не помещается в столбец" for line in lines if "###" in line][:1]
    faults += [f"{name}: {fault}" for fault in split_pieces(pages, vocabulary(texts))]
    faults += [f"{name}: {fault}" for fault in _headers_missing(sheet, pages)]
    faults += [f"{name}: {fault}" for fault in _lonely_last_page(sheet, pages)]
    return faults


def split_pieces(pages: list[list[str]], words: set[str]) -> list[str]:
    """Return every word a narrow column split without a hyphen: two pieces on one page, neither a word
    of the sheet, that begin one together («Удовлетворён» and «ность», «настав» and «ничест»). pdftotext
    puts the lines of neighbouring cells side by side, so the pieces are looked for anywhere on the page."""
    faults = []
    for page in pages:
        pieces = {w.lower() for line in page for w in WORD.findall(line)} - words
        for piece in sorted(p for p in pieces if len(p) > 2):
            for word in sorted(w for w in words if w.startswith(piece) and len(w) > len(piece) + 1):
                rest = word[len(piece) :]
                following = [p for p in pieces if len(p) > 1 and rest.startswith(p)]
                if following:  # «настав⏎ничест⏎ва»: the next piece begins the rest
                    faults.append(f"слово разорвано: «{piece}⏎{max(following, key=len)}»")
    return faults


def _headers_missing(sheet: Worksheet, pages: list[list[str]]) -> list[str]:
    """Return a fault for every page after the first that lacks the table's heading.

    With print titles: every page holds all of them (a column pushed onto a page of its own takes only
    its part of the heading along). With title columns too (a sheet printed on pages across), every page
    begins with those columns: it holds their part of the heading. Without: every page holds one heading
    row of the sheet whole.
    """
    titles = _title_rows(sheet)
    columns = _title_columns(sheet)
    faults = []
    for number, page in enumerate(pages[1:], start=2):
        found = page_tokens(page)
        if titles and columns:
            missing = {t for row in titles for t in _row_tokens(sheet, row, columns)} - found
            if missing:
                faults.append(f"стр. {number}: нет столбцов-заголовков ({', '.join(sorted(missing)[:5])}) слева")
        elif titles:
            missing = {t for row in titles for text in _row_texts(sheet, row) for t in tokens(text)} - found
            if missing:
                faults.append(f"стр. {number}: нет части шапки ({', '.join(sorted(missing)[:5])}) — столбцы не вошли")
        elif (headers := _header_rows(sheet)) and not any(
            tokens(" ".join(_row_texts(sheet, row))) <= found for row in headers
        ):
            faults.append(f"стр. {number}: шапка таблицы не повторяется (нет сквозных строк)")
    return faults


def _lonely_last_page(sheet: Worksheet, pages: list[list[str]]) -> list[str]:
    """Return a fault when the last page holds one row of the table or none (only a note, a total).

    The rows on the last page are found from the bottom of the sheet up: a row whose text is all on
    that page; a table row has two or more cells filled or framed. Words of no cell (a chart's labels)
    are content too.
    """
    if len(pages) < 2:
        return []
    found = page_tokens(pages[-1])
    titles = set(_title_rows(sheet))
    if columns := _title_columns(sheet):
        return _lonely_last_rows(sheet, pages, titles, columns)
    rest = {t for line in pages[-1] for t in tokens(line) if not t.isdigit()}  # the page number aside
    rest -= {t for row in titles for text in _row_texts(sheet, row) for t in tokens(text)}
    table_rows = 0
    last: list[str] = []
    for row in range(sheet.max_row, 0, -1):
        texts = _row_texts(sheet, row)
        words = tokens(" ".join(texts))
        if row in titles or not words:
            continue
        if not words <= found:
            break
        last.append(" ".join(texts)[:40])
        rest -= words
        table_rows += sum(cell.value is not None or _bordered(cell) for cell in sheet[row]) >= 2
    if table_rows <= 1 and len(rest) < _OTHER_CONTENT:
        return [f"последняя страница почти пуста: {' | '.join(reversed(last))[:160]}"]
    return []


def _lonely_last_rows(sheet: Worksheet, pages: list[list[str]], titles: set[int], columns: list[int]) -> list[str]:
    """Return a fault when the last rows of a sheet printed on pages across are one row of the table: the
    rows of a page are those whose title columns (printed on every page) it holds. Pages across of the
    first rows are not a last page of their own."""

    def rows_on(page: list[str]) -> set[int]:
        found = page_tokens(page)
        return {
            row
            for row in range(1, sheet.max_row + 1)
            if row not in titles and (words := _row_tokens(sheet, row, columns)) and words <= found
        }

    last = rows_on(pages[-1])
    if last & rows_on(pages[0]):
        return []
    table_rows = [row for row in last if sum(c.value is not None or _bordered(c) for c in sheet[row]) >= 2]
    if len(table_rows) <= 1:
        texts = " | ".join(" ".join(_row_texts(sheet, row))[:40] for row in sorted(last))
        return [f"последняя страница почти пуста: {texts[:160]}"]
    return []


def _bordered(cell: Any) -> bool:
    return cell.border is not None and cell.border.left is not None and cell.border.left.style is not None


_OTHER_CONTENT = 10  # words on a last page besides its rows: a chart, not a stray line


def workbook_faults(path: Path, pdf: Path) -> list[str]:
    """Return every fault of the workbook at ``path`` as LibreOffice printed it to ``pdf``."""
    sheets = printed_sheets(path)
    faults = [fault for sheet in sheets for fault in page_setup_faults(sheet)]
    pages = sheet_pages(sheets, pdf_pages(pdf))
    return faults + [fault for sheet in sheets for fault in page_faults(sheet, pages[sheet.title])]
