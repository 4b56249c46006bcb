"""Printed workbooks as a coordinator sees them: every kind of Excel document of the sample kits, the other
workbooks the package writes (questionnaires, survey summary, a region's index) and a few deliberately
bad workbooks, converted by LibreOffice in one call and read back with pdftotext
(tests/sheet_layout.py holds the checks).

Every visible sheet is on A4 with the Russian margins, fitted to the page's width (no column pushed onto a
page of its own), landscape when wide; its heading repeats on every page; no last page holds one row or
only a note; no word is split by a narrow column; no number shows as «###». Hidden sheets (the lists a
validation offers, service values) are not printed and not checked.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from layout import pdf_pages, sample_files
from machine import needs_libreoffice
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet
from sheet_layout import page_tokens, printed_sheets, workbook_faults

from nastavnik_docs.documents import KITS, get_document
from nastavnik_docs.io import load_data
from nastavnik_docs.io.questionnaire import questionnaire_bytes
from nastavnik_docs.io.region import index_bytes
from nastavnik_docs.io.register import load_register
from nastavnik_docs.io.sheets import print_setup
from nastavnik_docs.io.surveys import load_answers, summary_workbook
from nastavnik_docs.models import RegionSummary, satisfaction
from nastavnik_docs.models.municipal import MunicipalData
from nastavnik_docs.models.region import OrganisationOutcome
from nastavnik_docs.models.teachers import TeachersData
from nastavnik_docs.render.pdf import convert_to_pdf

pytestmark = [
    needs_libreoffice,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"),
]

_THIN = Side(style="thin")
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _table(
    sheet: Worksheet, columns: int, rows: int, *, width: float = 14, titles: bool = True, across: str | None = None
) -> None:
    """Write a bordered table: a bold heading in row 1 (printed on every page with ``titles``), ``rows``
    rows of text below; the package's page setup (on pages across, ``across`` the title columns)."""
    for column in range(1, columns + 1):
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = width
    for row in range(1, rows + 2):
        for column in range(1, columns + 1):
            value = f"Графа {column}" if row == 1 else f"пункт {row - 1}.{column}"
            cell = sheet.cell(row, column, value)
            cell.font = Font(name="Times New Roman", size=11, bold=row == 1)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
    if titles:
        sheet.print_title_rows = "1:1"
    print_setup(sheet, title_columns=across)


def _across(sheet: Worksheet, rows: int = 60) -> None:
    """30 columns on pages across, a code and a name at the left of every page, as the register prints."""
    _table(sheet, 30, rows, across="A:B")
    sheet["A1"], sheet["B1"] = "Код", "Фамилия"
    for row in range(2, rows + 2):
        sheet.cell(row, 1, f"Н-{row - 1:03d}")
        sheet.cell(row, 2, f"Фамилия{row - 1:03d}")


def _across_hidden(sheet: Worksheet) -> None:  # title columns that do not print: pages begin without them
    _across(sheet)
    sheet.column_dimensions["A"].hidden = sheet.column_dimensions["B"].hidden = True


def _across_lonely(sheet: Worksheet) -> None:  # pages across whose last rows are one row
    _across(sheet, 20)
    sheet.row_breaks.append(Break(id=20))


def _across_small(sheet: Worksheet) -> None:
    _across(sheet, 5)
    sheet.page_setup.scale = 40


def _pushed(sheet: Worksheet) -> None:  # 30 columns at full size: the right ones go to pages of their own
    _table(sheet, 30, 5)
    sheet.sheet_properties.pageSetUpPr.fitToPage = False


def _no_titles(sheet: Worksheet) -> None:  # 120 rows, the heading on the first page only
    _table(sheet, 5, 120, titles=False)


def _portrait(sheet: Worksheet) -> None:
    _table(sheet, 12, 5)
    sheet.page_setup.orientation = "portrait"


def _lonely_row(sheet: Worksheet) -> None:  # a page break before the last row
    _table(sheet, 5, 20)
    sheet.row_breaks.append(Break(id=20))


def _lonely_note(sheet: Worksheet) -> None:
    _table(sheet, 5, 20)
    sheet.cell(23, 1, "Примечание: таблица составлена по данным организаций.")
    sheet.row_breaks.append(Break(id=22))


def _split(sheet: Worksheet) -> None:  # «наставничества» in a column of 5 characters
    _table(sheet, 5, 3)
    sheet.column_dimensions["B"].width = 5
    sheet["B3"] = "наставничества"


def _hashes(sheet: Worksheet) -> None:
    _table(sheet, 5, 3)
    sheet.column_dimensions["C"].width = 3
    sheet["C3"] = 123456789


def _letter(sheet: Worksheet) -> None:  # openpyxl's own page: Letter, margins of 19 and 25 mm
    _table(sheet, 5, 3)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_LETTER
    sheet.page_margins.left = sheet.page_margins.right = 0.75


def _hidden(sheet: Worksheet) -> None:  # a good sheet, and a hidden list no one prints
    _table(sheet, 5, 3)
    codes = sheet.parent.create_sheet("Коды")
    _pushed(codes)
    codes.sheet_state = "hidden"


# a bad workbook → what its check says (a part of the fault)
BAD: dict[str, tuple[Callable[[Worksheet], None], str]] = {
    "pushed": (_pushed, "столбцы не вошли"),
    "across-hidden": (_across_hidden, "нет столбцов-заголовков (код, фамилия) слева"),
    "across-lonely": (_across_lonely, "последняя страница почти пуста: Н-020 Фамилия020"),
    "across-small": (_across_small, "масштаб 40 % — текст мельче 7 пт"),
    "no-titles": (_no_titles, "шапка таблицы не повторяется"),
    "portrait": (_portrait, "на книжной странице"),
    "lonely-row": (_lonely_row, "последняя страница почти пуста: пункт 20.1"),
    "lonely-note": (_lonely_note, "последняя страница почти пуста: Примечание"),
    "split": (_split, "слово разорвано: «наст"),
    "hashes": (_hashes, "«###»"),
    "letter": (_letter, "бумага не A4"),
}


def _bad_workbook(make: Callable[[Worksheet], None]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Таблица"
    make(sheet)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _written_workbooks() -> dict[str, bytes]:
    """Return the workbooks the package writes besides the kits, from the samples: the questionnaires
    to fill in, the survey summary, a region's index (60 organisations, every seventh failed)."""
    roster = load_register(SAMPLES / "register.xlsx")
    outcomes = [
        OrganisationOutcome(
            folder=f"{number:02d} Школа {number}",
            organisation=f"МБОУ «СОШ № {number}»",
            inn=f"55010{number:05d}",
            ok=number % 7 != 0,
            documents=31 if number % 7 else 0,
            output=f"{number:02d} Школа {number}.zip" if number % 7 else None,
            error=None if number % 7 else "В файле данных 2 ошибки",
            problems=[] if number % 7 else ["Лист «Организация», ячейка C5: ИНН — 10 цифр", "Лист «Пары», ячейка B3"],
        )
        for number in range(1, 61)
    ]
    return {
        "questionnaire-school": questionnaire_bytes("school", load_data(SAMPLES / "school.yaml")),
        "questionnaire-municipality": questionnaire_bytes(
            "municipality", load_data(SAMPLES / "municipality.yaml", MunicipalData)
        ),
        "questionnaire-teachers": questionnaire_bytes("teachers", load_data(SAMPLES / "teachers.yaml", TeachersData)),
        "surveys-summary": summary_workbook(satisfaction(load_answers(SAMPLES / "surveys.xlsx", roster), roster)),
        "region-index": index_bytes(RegionSummary(kit="stage-2", organisations=outcomes)),
    }


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Return name → (workbook, its PDF): the first workbook of every Excel document of the sample kits and
    the bad workbooks, all converted in one call."""
    folder = tmp_path_factory.mktemp("layout-xlsx")
    sources = {}
    for name, data in {**sample_files("xlsx"), **_written_workbooks()}.items():
        sources[name] = folder / f"{name}.xlsx"
        sources[name].write_bytes(data)
    for name, (make, _) in {**BAD, "hidden": (_hidden, ""), "across": (_across, "")}.items():
        sources[f"bad-{name}"] = folder / f"bad-{name}.xlsx"
        sources[f"bad-{name}"].write_bytes(_bad_workbook(make))
    pdfs = convert_to_pdf(list(sources.values()), folder, timeout=600)
    return {name: (source, pdf) for (name, source), pdf in zip(sources.items(), pdfs, strict=True)}


def test_every_kind_of_excel_document_is_printed(printed):
    excel = {d for kit in KITS.values() for d in kit.documents if "xlsx" in get_document(d).formats}
    assert {name for name in printed if not name.startswith("bad-")} == excel | set(_written_workbooks())
    assert len(excel) >= 14


def test_every_sheet_fits_its_page_repeats_its_heading_and_ends_with_more_than_a_row(printed):
    faults = {
        name: found
        for name, (source, pdf) in printed.items()
        if not name.startswith("bad-") and (found := workbook_faults(source, pdf))
    }
    assert faults == {}


def test_the_checks_find_what_a_person_would_see(printed):
    for name, (_, expected) in BAD.items():
        source, pdf = printed[f"bad-{name}"]
        faults = workbook_faults(source, pdf)
        assert any(expected in fault for fault in faults), (name, faults)
    source, pdf = printed["bad-hidden"]
    assert [sheet.title for sheet in printed_sheets(source)] == ["Таблица"]  # the hidden list is not printed
    assert workbook_faults(source, pdf) == []


def test_pages_across_are_accepted_when_each_begins_with_the_title_columns(printed):
    # 30 columns of 60 rows on pages across, each page beginning with the code and the name: no column is
    # pushed onto a page of its own, though no page holds the whole heading (the «pushed» workbook, the same
    # columns without title columns, is a fault)
    source, pdf = printed["bad-across"]
    pages = pdf_pages(pdf)
    assert len(pages) >= 4
    for page in pages:
        found = page_tokens(page)
        assert {"код", "фамилия"} <= found
        assert not {f"графа{n}" for n in range(3, 31)} <= found  # a part of the columns on each
    assert workbook_faults(source, pdf) == []
