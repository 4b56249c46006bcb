"""Reading filled final monitoring forms back (stage 7): one form, or every form of a folder.

Each value is found by the defined name the form's template gives its cell, so a school may
move nothing but type anything: a value of the wrong kind, a total that does not add up, a
figure that contradicts another, another version of the form are all reported with the file,
the sheet and the cell, never with the value. Collecting a folder never stops at a bad file: it
is set aside with its problems, and so is a second form of the same organisation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from ..content import content_data
from ..errors import DataFileError, ValidationError
from ..models.report import MonitoringReport
from ..ru import plural
from .datafile import existing_file
from .packages import FORM_LIMITS, check_package
from .sheets import cell_kind

__all__ = ["Collection", "Rejected", "collect", "form_cells", "read_report"]

MAX_FORM_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Cell:
    """A value cell of the form: where its value goes in the report, what it holds, how a person calls it."""

    name: str
    path: tuple[str, ...]
    kind: str
    label: str


@cache
def form_cells() -> tuple[_Cell, ...]:
    """Return every value cell of the form's layout, by its defined name."""
    layout = content_data("final-monitoring.yaml")
    titles = {form["id"]: f"«{form['title']}»" for form in content_data("forms.yaml")}
    indicators = {item["id"]: f"показатель {index}" for index, item in enumerate(content_data("indicators.yaml"), 1)}
    cells: list[_Cell] = []
    for section in layout["sections"]:
        if "fields" in section:
            for item in section["fields"]:
                cells.append(
                    _Cell(_name(section["id"], item["id"]), (section["id"], item["id"]), item["type"], item["label"])
                )
            continue
        rows = list(titles.items()) if section["rows"] == "forms" else list(indicators.items())
        for row_id, row_title in rows:
            for column in section["columns"]:
                if "formula" not in column:
                    label = f"{column['header'].replace(chr(173), '')} — {row_title}"
                    path = (section["id"], row_id, column["id"])
                    cells.append(_Cell(_name(*path), path, column["type"], label))
        total = section.get("total")
        for column in section["columns"] if total else ():
            if column["id"] in total["given"]:
                label = f"{column['header'].replace(chr(173), '')} — {total['label']}"
                cells.append(
                    _Cell(
                        _name(section["id"], "total", column["id"]),
                        (f"{section['id']}_total", column["id"]),
                        column["type"],
                        label,
                    )
                )
    return tuple(cells)


def _name(*parts: str) -> str:
    return "fm_" + "_".join(part.replace("-", "_") for part in parts)


def _totals() -> list[tuple[str, str, str]]:
    """Return (defined name of a total, section, column) for every summed column of the form."""
    layout = content_data("final-monitoring.yaml")
    return [
        (_name(section["id"], "total", column), section["id"], column)
        for section in layout["sections"]
        if section.get("total")
        for column in section["total"]["sum"]
    ]


class _Sheets:
    """The values of a workbook's sheets by coordinate, read once, and the cells of its defined names."""

    def __init__(self, workbook: Any) -> None:
        self._values: dict[str, dict[str, Any]] = {}
        for sheet in workbook.worksheets:
            values: dict[str, Any] = {}
            for row in sheet.iter_rows():
                for item in row:
                    if item.value is not None and hasattr(item, "coordinate"):
                        values[item.coordinate] = item.value
            self._values[sheet.title] = values
        self._names: dict[str, tuple[str, str]] = {}
        for name, defined in workbook.defined_names.items():
            destinations = list(defined.destinations)
            if len(destinations) == 1:
                title, coordinate = destinations[0]
                self._names[name] = (title, coordinate.replace("$", ""))

    def where(self, name: str) -> tuple[str, str] | None:
        return self._names.get(name)

    def value(self, name: str) -> Any:
        place = self._names.get(name)
        return None if place is None else self._values.get(place[0], {}).get(place[1])


def _number(value: Any, kind: str) -> tuple[Any, str | None]:
    """Return the value as the report keeps it, or a message saying what was expected."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if kind == "text":
        return str(value).strip(), None
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date(), None
        return (value, None) if isinstance(value, dt.date) else (None, "ожидается дата ДД.ММ.ГГГГ")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None, "ожидается число" if kind == "percent" else "ожидается целое число"
    if kind == "percent":
        return (float(value), None) if 0 <= value <= 100 else (None, "ожидается процент от 0 до 100")
    if float(value) != int(value):
        return None, "ожидается целое число"
    return (int(value), None) if value >= 0 else (None, "ожидается число не меньше 0")


def read_report(path: str | Path) -> MonitoringReport:
    """Return the filled final monitoring form at ``path``; every problem at once (``ValidationError``)."""
    source = existing_file(path, what="Файл формы мониторинга", limit=MAX_FORM_BYTES)
    check_package(source, what="Файл формы мониторинга", name=source.name, limits=FORM_LIMITS)
    try:
        workbook = load_workbook(source, read_only=True, data_only=False)
    except PermissionError:
        raise DataFileError(f"Файл {source.name} не удалось прочитать: нет доступа.", path=str(source)) from None
    except Exception:  # openpyxl raises several unrelated types for a file that is not a workbook
        raise DataFileError(
            f"Файл {source.name} не является книгой Excel (.xlsx) или повреждён.", path=str(source)
        ) from None
    try:
        sheets = _Sheets(workbook)
    finally:
        workbook.close()
    layout = content_data("final-monitoring.yaml")
    if sheets.value("fm_form") != layout["form"]:
        raise ValidationError(
            f"{source.name}: это не форма итогового мониторинга (нет служебного листа «{layout['service_sheet']}»).",
            problems=[f"{source.name}: это не форма итогового мониторинга"],
        )
    version = str(sheets.value("fm_version"))
    if version != layout["version"]:
        message = f"{source.name}: форма другой версии ({version}); ожидается версия {layout['version']} — заполните действующую форму"
        raise ValidationError(message, problems=[message])
    problems: list[str] = []
    report: dict[str, Any] = {"source": source.name, "version": version, "org": {}}

    def place(name: str) -> str:
        where = sheets.where(name)
        return f"лист «{where[0]}», ячейка {where[1]}" if where else "ячейка не найдена"

    for item in form_cells():
        if sheets.where(item.name) is None:
            problems.append(f"{source.name}: нет ячейки «{item.label}» — форма изменена")
            continue
        raw = sheets.value(item.name)
        if isinstance(raw, str) and raw.startswith("=") and item.kind != "text":
            problems.append(f"{source.name}, {place(item.name)} («{item.label}»): ожидается значение, а не формула")
            continue
        value, wrong = _number(raw, item.kind)
        if wrong:
            problems.append(
                f"{source.name}, {place(item.name)} («{item.label}»): {wrong} (в ячейке — {cell_kind(raw)})"
            )
            continue
        target = report
        for key in item.path[:-1]:
            target = target.setdefault(key, {})
        target[item.path[-1]] = value
    if not problems:
        problems.extend(_contradictions(source.name, report, place))
        problems.extend(_broken_totals(source.name, report, sheets, place))
    if problems:
        count = plural(len(problems), ("ошибка", "ошибки", "ошибок"), space=" ")
        listing = "\n".join(f"  {p}" for p in problems)
        raise ValidationError(f"{source.name}: {count} в форме мониторинга:\n{listing}", problems=problems)
    return MonitoringReport.model_validate(report)


def _contradictions(source: str, report: dict[str, Any], place: Any) -> Iterator[str]:
    """Yield the figures that cannot both be true: more pairs started or ended than there are, more involved than the group."""
    for form_id, row in report.get("forms", {}).items():
        name = _name("forms", form_id, "pairs")
        pairs = row.get("pairs") or 0
        if (row.get("started") or 0) > pairs:
            yield f"{source}, {place(name)}: пар (групп) меньше, чем начали работу в отчётном году"
        if (row.get("completed") or 0) + (row.get("terminated") or 0) > pairs:
            yield f"{source}, {place(name)}: пар (групп) меньше, чем завершили программу и прекращены досрочно"
    for key, row in report.get("indicators", {}).items():
        if row.get("count") is not None and row.get("base") is not None and row["count"] > row["base"]:
            yield f"{source}, {place(_name('indicators', key, 'count'))}: вовлечено больше, чем численность группы"
    practice = report.get("practice", {})
    if (practice.get("partners_with_mentors") or 0) > (practice.get("partners") or 0):
        yield f"{source}, {place(_name('practice', 'partners_with_mentors'))}: предоставивших наставников больше, чем партнёров"


def _broken_totals(source: str, report: dict[str, Any], sheets: _Sheets, place: Any) -> Iterator[str]:
    """Yield the totals that are no longer the form's sums: a number typed over the formula that does not add up."""
    for name, section, column in _totals():
        if sheets.where(name) is None:
            yield f"{source}: нет ячейки итога «{column}» — форма изменена"
            continue
        value = sheets.value(name)
        if isinstance(value, str) and value.startswith("="):
            continue  # the form's own formula: the sum is the rows'
        rows = report.get(section, {})
        expected = sum(row.get(column) or 0 for row in rows.values())
        if not isinstance(value, int | float) or value != expected:
            yield f"{source}, {place(name)}: итог не равен сумме строк (формула итога заменена)"


@dataclass(frozen=True, slots=True)
class Rejected:
    """A file that could not be collected, and why."""

    source: str
    problems: list[str]


@dataclass(slots=True)
class Collection:
    """The forms read from a folder, and the files set aside."""

    reports: list[MonitoringReport] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def _files(folder: Path) -> Iterator[Path]:
    """Yield every file below ``folder`` in a stable order, without hidden files and Excel's «~$» lock files."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith((".", "~$")) for part in relative.parts):
            yield path


def collect(folder: str | Path, *, files: Iterable[Path] | None = None) -> Collection:
    """Return every filled form below ``folder``: the good ones in ``reports``, each bad file in ``rejected``."""
    root = Path(folder)
    if not root.is_dir():
        raise DataFileError(f"Папка {root} не найдена.", path=str(root))
    result = Collection()
    owners: dict[str, str] = {}
    for path in files if files is not None else _files(root):
        name = path.relative_to(root).as_posix()
        try:
            report = read_report(path).model_copy(update={"source": name})
        except ValidationError as error:
            result.rejected.append(Rejected(name, [p.replace(path.name, name, 1) for p in error.problems]))
            continue
        except DataFileError as error:
            result.rejected.append(Rejected(name, [str(error).replace(path.name, name, 1)]))
            continue
        if report.key in owners:
            result.rejected.append(
                Rejected(name, [f"{name}: форма этой организации уже принята из файла {owners[report.key]}"])
            )
            continue
        owners[report.key] = name
        result.reports.append(report)
    return result
