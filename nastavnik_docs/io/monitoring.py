"""Reading filled final monitoring forms back (stage 7): one form, or every form of a folder.

Each value is found by the defined name the form's template gives its cell, so a school may
move nothing but type anything: a value of the wrong kind, a total that does not add up, a
figure that contradicts another, another version of the form are all reported with the file,
the sheet and the cell, never with the value. Collecting a folder never stops at a bad file: it
is set aside with its problems, and so is a second form of the same organisation.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_to_tuple
from pydantic import ValidationError as PydanticError

from ..content import content_data
from ..errors import DataFileError, ValidationError
from ..models.collection import FormIssue, MonitoringCollection, RejectedForm
from ..models.report import MonitoringReport
from ..ru import plural
from .packages import FORM_LIMITS, package_problem
from .sheets import cell_kind

__all__ = ["Collection", "collect", "form_cells", "read_collection", "read_report"]

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
    """The values of a workbook's cells that its defined names point to, read once.

    Only the rows and columns the names reach are read, so a hostile sheet of a million rows costs nothing.
    """

    def __init__(self, workbook: Any) -> None:
        self._names: dict[str, tuple[str, str]] = {}
        for name, defined in workbook.defined_names.items():
            try:
                destinations = list(defined.destinations)
            except Exception:  # openpyxl parses a name's formula; a strange one is no value cell of ours
                continue
            if len(destinations) == 1:
                title, coordinate = destinations[0]
                self._names[name] = (title, coordinate.replace("$", ""))
        reach: dict[str, tuple[int, int]] = {}
        for title, coordinate in self._names.values():
            try:
                column, row = coordinate_to_tuple(coordinate)[::-1]
            except (ValueError, TypeError):
                continue
            rows, columns = reach.get(title, (0, 0))
            reach[title] = (max(rows, row), max(columns, column))
        self._values: dict[str, dict[str, Any]] = {}
        for sheet in workbook.worksheets:
            if sheet.title not in reach:
                continue
            rows, columns = reach[sheet.title]
            values: dict[str, Any] = {}
            for row in sheet.iter_rows(max_row=rows, max_col=columns):
                for item in row:
                    if item.value is not None and hasattr(item, "coordinate"):
                        values[item.coordinate] = item.value
            self._values[sheet.title] = values

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
    source = Path(path)
    result = _read(source, source.name)
    if isinstance(result, MonitoringReport):
        return result
    if result.unreadable:
        [issue] = result.issues
        raise DataFileError(f"{issue}.", path=str(source))
    problems = [str(issue) for issue in result.issues]
    if result.whole_file:
        raise ValidationError(problems[0], problems=problems)
    count = plural(len(problems), ("ошибка", "ошибки", "ошибок"), space=" ")
    listing = "\n".join(f"  {p}" for p in problems)
    raise ValidationError(f"{source.name}: {count} в форме мониторинга:\n{listing}", problems=problems)


@dataclass(frozen=True, slots=True)
class _Refused:
    """Why a file is not a form that can be collected: its problems, and whether it could be read at all."""

    issues: list[FormIssue]
    unreadable: bool = False
    whole_file: bool = False
    """The file as a whole is wrong (not the form, another version), not a cell of it."""


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: Excel 97–2003, or an encrypted workbook
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream a password-protected workbook keeps itself in


def _unreadable(source: Path) -> str | None:
    """Return why ``source`` cannot be opened as a workbook (without quoting it), or None if it looks like one."""
    try:
        size = source.stat().st_size
        if size > MAX_FORM_BYTES:
            return f"файл больше {MAX_FORM_BYTES // (1024 * 1024)} МБ — это не похоже на форму мониторинга"
        with source.open("rb") as stream:
            head = stream.read(8)
            if head == _OLE:
                encrypted = _ENCRYPTED in stream.read(min(size, 1024 * 1024))
    except PermissionError:
        return "нет доступа к файлу: он закрыт правами доступа или открыт в другой программе"
    except OSError:
        return "файл не удалось прочитать"
    if size == 0:
        return "файл пуст"
    if head == _OLE:
        if encrypted:
            return "книга защищена паролем на открытие: сохраните форму без пароля"
        return "файл в старом формате Excel 97–2003 (.xls): сохраните форму как книгу Excel (.xlsx)"
    if not head.startswith(b"PK"):
        return "файл не является книгой Excel (.xlsx)"
    try:
        with zipfile.ZipFile(source) as package:
            if "xl/workbook.xml" not in package.namelist():
                return "файл не является книгой Excel (.xlsx): это архив другого формата (например, документ Word)"
    except (zipfile.BadZipFile, EOFError):
        return "файл повреждён (архив книги оборван или испорчен): сохраните форму заново"
    why = package_problem(source, limits=FORM_LIMITS)
    return None if why is None else f"файл {why}"


def _read(source: Path, name: str) -> MonitoringReport | _Refused:
    """Return the form at ``source`` (called ``name`` in messages), or why it is refused."""
    if not source.is_file():
        return _Refused([FormIssue(file=name, message="файл не найден")], unreadable=True)
    reason = _unreadable(source)
    if reason is None:
        try:
            workbook = load_workbook(source, read_only=True, data_only=False)
        except PermissionError:
            reason = "нет доступа к файлу: он закрыт правами доступа или открыт в другой программе"
        except Exception:  # openpyxl raises several unrelated types for a broken package
            reason = "файл повреждён или не является книгой Excel (.xlsx)"
    if reason is not None:
        return _Refused([FormIssue(file=name, message=reason)], unreadable=True)
    try:
        sheets = _Sheets(workbook)
    except Exception:  # a part that breaks while it is streamed: a damaged package
        return _Refused([FormIssue(file=name, message="файл повреждён: лист книги не читается")], unreadable=True)
    finally:
        workbook.close()
    layout = content_data("final-monitoring.yaml")
    if sheets.value("fm_form") != layout["form"]:
        message = f"это не форма итогового мониторинга (нет служебного листа «{layout['service_sheet']}»)"
        return _Refused([FormIssue(file=name, message=message)], whole_file=True)
    version = str(sheets.value("fm_version"))
    if version != layout["version"]:
        message = f"форма другой версии ({version}); ожидается версия {layout['version']} — заполните действующую форму"
        return _Refused([FormIssue(file=name, message=message)], whole_file=True)
    issues: list[FormIssue] = []
    report: dict[str, Any] = {"source": name, "version": version, "org": {}}

    def issue(defined: str, message: str, label: str | None = None) -> FormIssue:
        where = sheets.where(defined)
        return FormIssue(
            file=name, sheet=where[0] if where else None, cell=where[1] if where else None, label=label, message=message
        )

    for item in form_cells():
        if sheets.where(item.name) is None:
            issues.append(FormIssue(file=name, message=f"нет ячейки «{item.label}» — форма изменена"))
            continue
        raw = sheets.value(item.name)
        if isinstance(raw, str) and raw.startswith("=") and item.kind != "text":
            issues.append(issue(item.name, "ожидается значение, а не формула", item.label))
            continue
        value, wrong = _number(raw, item.kind)
        if wrong:
            issues.append(issue(item.name, f"{wrong} (в ячейке — {cell_kind(raw)})", item.label))
            continue
        target = report
        for key in item.path[:-1]:
            target = target.setdefault(key, {})
        target[item.path[-1]] = value
    if not issues:
        issues.extend(_contradictions(name, report, issue))
        issues.extend(_broken_totals(name, report, sheets, issue))
    if issues:
        return _Refused(issues)
    try:
        return MonitoringReport.model_validate(report)
    except PydanticError as error:  # a value the form's validation would not take (a year 20026, a huge count)
        labels = {item.name: item.label for item in form_cells()}
        named = [_name(*(str(part) for part in item["loc"])) for item in error.errors()]
        return _Refused([issue(name, "значение вне допустимых пределов", labels.get(name)) for name in named])


_Issue = Callable[..., FormIssue]


def _contradictions(source: str, report: dict[str, Any], issue: _Issue) -> Iterator[FormIssue]:
    """Yield the figures that cannot both be true: more pairs started or ended than there are, more involved than the group."""
    for form_id, row in report.get("forms", {}).items():
        name = _name("forms", form_id, "pairs")
        pairs = row.get("pairs") or 0
        if (row.get("started") or 0) > pairs:
            yield issue(name, "пар (групп) меньше, чем начали работу в отчётном году")
        if (row.get("completed") or 0) + (row.get("terminated") or 0) > pairs:
            yield issue(name, "пар (групп) меньше, чем завершили программу и прекращены досрочно")
    for key, row in report.get("indicators", {}).items():
        if row.get("count") is not None and row.get("base") is not None and row["count"] > row["base"]:
            yield issue(_name("indicators", key, "count"), "вовлечено больше, чем численность группы")
    practice = report.get("practice", {})
    if (practice.get("partners_with_mentors") or 0) > (practice.get("partners") or 0):
        yield issue(_name("practice", "partners_with_mentors"), "предоставивших наставников больше, чем партнёров")


def _broken_totals(source: str, report: dict[str, Any], sheets: _Sheets, issue: _Issue) -> Iterator[FormIssue]:
    """Yield the totals that are no longer the form's sums: a number typed over the formula that does not add up."""
    for name, section, column in _totals():
        if sheets.where(name) is None:
            yield FormIssue(file=source, message=f"нет ячейки итога «{column}» — форма изменена")
            continue
        value = sheets.value(name)
        if isinstance(value, str) and value.startswith("="):
            continue  # the form's own formula: the sum is the rows'
        rows = report.get(section, {})
        expected = sum(row.get(column) or 0 for row in rows.values())
        if not isinstance(value, int | float) or value != expected:
            yield issue(name, "итог не равен сумме строк (формула итога заменена)")


@dataclass(frozen=True, slots=True)
class Collection:
    """The forms read from a folder, and the files set aside."""

    reports: list[MonitoringReport] = field(default_factory=list)
    rejected: list[RejectedForm] = field(default_factory=list)


def _files(folder: Path) -> Iterator[Path]:
    """Yield every file below ``folder`` in a stable order, without hidden files and Excel's «~$» lock files."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith((".", "~$")) for part in relative.parts):
            yield path


def collect(folder: str | Path, *, files: Iterable[Path] | None = None) -> Collection:
    """Return every filled form below ``folder``: the good ones in ``reports``, each bad file in ``rejected``.

    A file is never quoted, only named with its cells; a second form of an organisation (the same
    ИНН, else the same short name) is set aside, naming the file accepted first.
    """
    root = Path(folder)
    if not root.is_dir():
        raise DataFileError(f"Папка {root} не найдена.", path=str(root))
    result = Collection()
    owners: dict[str, str] = {}
    for path in files if files is not None else _files(root):
        name = path.relative_to(root).as_posix()
        read = _read(path, name)
        if isinstance(read, _Refused):
            result.rejected.append(RejectedForm(source=name, problems=read.issues))
            continue
        if read.key in owners:
            message = f"форма этой организации уже принята из файла {owners[read.key]}"
            result.rejected.append(RejectedForm(source=name, problems=[FormIssue(file=name, message=message)]))
            continue
        owners[read.key] = name
        result.reports.append(read)
    return result


def read_collection(
    folder: str | Path, *, year: int | None = None, collector: str | None = None, title: str | None = None
) -> MonitoringCollection:
    """Return the collection of the filled forms below ``folder`` (what the ``monitoring`` kit is made from).

    ``year``, ``collector`` and ``title`` are what the collector says of itself; without them the
    year is the one most forms report, and the collector and the title are the defaults of
    :class:`~nastavnik_docs.models.MonitoringCollection`.
    """
    found = collect(folder)
    given: dict[str, Any] = {"year": year, "collector": collector, "title": title}
    return MonitoringCollection(
        reports=found.reports, rejected=found.rejected, **{key: value for key, value in given.items() if value}
    )
