"""A region folder on disk: one folder per organisation with its input files; the job's index and summary.

Which file of an organisation's folder is which input of a kit is told by its name (``data.yaml``,
``register.xlsx``…: ``content/data/region.yaml``); other files are left alone. A region job writes
beside the organisations' kits an index workbook (a row per organisation: its kit or why not, and
every error on a sheet of its own) and ``region.json``, the same as data, which also marks the
folder as a region job's output, so that ``--force`` knows what it may replace.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pydantic
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from ..archive import FIXED_TIME, rezip
from ..content import content_data
from ..errors import DataFileError, InputError
from ..models import RegionSummary
from .sheets import list_layout

__all__ = [
    "INDEX",
    "SUMMARY",
    "find_organisations",
    "index_bytes",
    "organisation_files",
    "read_summary",
    "summary_bytes",
]

INDEX = "index.xlsx"
SUMMARY = "region.json"


def find_organisations(region: str | Path) -> list[Path]:
    """Return the organisations' folders of ``region`` (its subfolders, hidden ones left out), sorted by name."""
    root = Path(region)
    if not root.is_dir():
        raise DataFileError(f"Папка региона {root} не найдена.", path=str(root))
    found = sorted(path for path in root.iterdir() if path.is_dir() and not path.name.startswith((".", "~$")))
    if not found:
        raise InputError(f"В папке региона {root} нет папок организаций: положите в неё по папке на организацию.")
    return found


def organisation_files(folder: Path) -> dict[str, Path]:
    """Return the input files of an organisation's folder by the kit input they are (``data``, ``register``…).

    Two files that could be the same input (``data.yaml`` and ``school.yaml``) are an error naming both.
    """
    words = content_data("region.yaml")
    stems = {stem.lower(): key for key, names in words["inputs"].items() for stem in names}
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        key = stems.get(path.stem.lower())
        if key is None or not path.is_file() or path.suffix.lower() not in words["suffixes"][key]:
            continue
        if key in found:
            raise InputError(
                f"В папке {folder.name} два файла для одного входа: {found[key].name} и {path.name}; оставьте один."
            )
        found[key] = path
    return found


def summary_bytes(summary: RegionSummary) -> bytes:
    """Return ``region.json``: the job's kit and every organisation's outcome."""
    return (summary.model_dump_json(indent=1) + "\n").encode("utf-8")


def read_summary(folder: Path) -> RegionSummary | None:
    """Return the summary of the region job whose output ``folder`` is, or None when it is not one."""
    try:
        return RegionSummary.model_validate_json((folder / SUMMARY).read_bytes())
    except (OSError, ValueError, pydantic.ValidationError):
        return None


def index_bytes(summary: RegionSummary) -> bytes:
    """Return the index workbook: a row per organisation (its kit or why not), the errors on a sheet of their own.

    Its bytes depend on the summary only (fixed times), so two runs of the same region give the same file.
    """
    words = content_data("region.yaml")["index"]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = words["sheet"]
    columns = words["columns"]
    _header(sheet, list(columns.values()), words["widths"])
    for number, item in enumerate(summary.organisations, start=1):
        status = words["ok"] if item.ok else words["failed"]
        values = [number, item.folder, item.organisation, item.inn, status, item.documents, item.output, item.error]
        sheet.append(values)
        _text_row(sheet, skip={_column(columns, "number"), _column(columns, "documents")})
        if item.output:
            link = sheet.cell(sheet.max_row, _column(columns, "output") + 1)
            link.hyperlink = item.output
            link.style = "Hyperlink"
    sheet.auto_filter.ref = f"A1:{_letter(len(columns))}{sheet.max_row}"
    sheet.append([words["total"], None, len(summary.organisations), None, len(summary.succeeded), summary.documents])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    errors = workbook.create_sheet(words["errors_sheet"])
    _header(errors, list(words["errors_columns"].values()), words["errors_widths"])
    for item in summary.failed:
        for line in item.problems or [item.error or ""]:
            errors.append([item.folder, line])
            _text_row(errors, skip=set())
    errors.auto_filter.ref = f"A1:{_letter(len(words['errors_columns']))}{errors.max_row}"
    moment = dt.datetime(*FIXED_TIME)
    workbook.properties.created = workbook.properties.modified = moment
    output = io.BytesIO()
    workbook.save(output)
    workbook.properties.modified = moment  # saving stamps the time of saving: written again below
    return rezip(output.getvalue(), {"docProps/core.xml": tostring(workbook.properties.to_tree())})


def _column(columns: dict[str, str], key: str) -> int:
    """Return the position (from 0) of column ``key``."""
    return list(columns).index(key)


def _letter(number: int) -> str:
    """Return the letter of column ``number`` (from 1; the sheets have fewer than 27)."""
    return chr(ord("A") + number - 1)


def _header(sheet: Worksheet, titles: list[str], widths: list[int]) -> None:
    sheet.append(titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    list_layout(sheet, widths)


def _text_row(sheet: Worksheet, *, skip: set[int]) -> None:
    """Keep the last row's text as text (a name is never read as a formula), wrapped at the top."""
    for index, cell in enumerate(sheet[sheet.max_row]):
        if index not in skip and cell.value is not None:
            cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
