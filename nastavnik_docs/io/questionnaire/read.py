"""Reading a filled Excel questionnaire back into a data file's content, every problem with its cell.

Cells are turned into what a YAML file would hold (dates as dates, lists split at «;», values
from a drop-down list back to their codes), then validated as the questionnaire's model; each
problem names the sheet, the row and the field's label, never the value (the data names people).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from ...errors import DataFileError, Problem, ValidationError
from ...models import validate
from ..sheets import cell_kind, data_rows, find_header, header_key, open_workbook, raise_problems, sheets_by_title
from .layout import Field, Heading, Layout, ListSheet, QuestionnaireData, layout_of, words
from .write import FIRST_ROW, KEY_COLUMN, SERVICE_MARK

__all__ = ["QuestionnaireData", "read_questionnaire"]

Place = tuple[str, int | None, str | None]
_DASHES = re.compile(r"[\s\-–—«»\"]+")
_PAIR = re.compile(r"^\s*([^:=]+?)\s*[:=]\s*(.+?)\s*$")


def read_questionnaire(path: str | Path | BinaryIO, *, name: str | None = None) -> QuestionnaireData:
    """Return the content of the filled questionnaire at ``path`` (or in an open stream), checked as its model.

    Every problem is reported at once (:class:`ValidationError`), by sheet, row and field.
    """
    label, book = open_workbook(path, what="Файл анкеты", name=name)
    twins: list[Problem | str] = []  # two sheets whose titles differ only in capitals or spaces at the ends
    try:
        sheets = sheets_by_title(book, twins)
        layout = layout_of(_kind(sheets, label))
        reading = _Reading(layout)
        reading.read(sheets)
    finally:
        book.close()
    raw = reading.content()
    problems = [*twins, *reading.problems]
    try:
        validate(raw, layout.model, source=label)
    except ValidationError as error:
        problems.extend(reading.placed(d) for d in error.details if not reading.already_reported(d))
    raise_problems(label, problems, where="в анкете")
    return QuestionnaireData(raw, model=layout.model, kind=layout.kind)


def _kind(sheets: dict[str, Any], label: str) -> str:
    service = sheets.get(str(words()["service_sheet"]).lower())
    first: tuple[Any, ...] = ()
    if service is not None:
        first = next(service.iter_rows(min_row=1, max_row=1, values_only=True), ())
    if len(first) < 2 or first[0] != SERVICE_MARK or str(first[1]) not in ("school", "municipality", "teachers"):
        raise DataFileError(
            f"Файл {label} — не анкета nastavnik-docs (нет служебного листа). Скачайте бланк: "
            "nastavnik-docs datafile template school (или municipality, teachers).",
            path=label,
        )
    return str(first[1])


# --- cells ---------------------------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _plain_text(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _fold(text: str) -> str:
    return _DASHES.sub("", text).lower().replace("ё", "е")


def _single(field: Field, value: Any) -> tuple[Any, str | None]:
    """Return a cell's value as a data file holds it, or a problem."""
    if field.kind == "choice":
        text = _fold(_plain_text(value))
        for code, shown in field.choices:
            if text in (_fold(code), _fold(shown)):
                return code, None
        listed = ", ".join(shown for _, shown in field.choices)
        return None, f"выберите значение из списка ({listed})"
    if field.kind == "bool":
        text = _plain_text(value).lower()
        yes_no = words()["words"]
        if text in (yes_no["yes"], "yes", "true", "1"):
            return True, None
        if text in (yes_no["no"], "no", "false", "0"):
            return False, None
        return text, None
    if field.kind in ("int", "float"):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (int(value) if field.kind == "int" and float(value).is_integer() else value), None
        text = _plain_text(value).replace(" ", "").replace("\xa0", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return _plain_text(value), None
        return (int(number) if field.kind == "int" and number.is_integer() else number), None
    if field.kind in ("date", "date_or_text"):
        if isinstance(value, dt.datetime):
            return value.date(), None
        if isinstance(value, dt.date):
            return value, None
        return (_plain_text(value) if isinstance(value, str) else value), None
    return _plain_text(value), None


def _value(field: Field, value: Any) -> tuple[Any, str | None]:
    """Return a cell's value (a list or a mapping for such a field), or a problem."""
    if field.many or field.mapping:
        parts = [part.strip() for part in _plain_text(value).split(";") if part.strip()]
        if field.many:
            results = [_single(field, part) for part in parts]
            wrong = next((problem for _, problem in results if problem), None)
            return [item for item, _ in results], wrong
        mapping: dict[str, Any] = {}
        for part in parts:
            found = _PAIR.match(part)
            if found is None:
                return None, "ожидается «ключ: значение; ключ: значение»"
            mapping[found.group(1)], _ = _single(field, found.group(2))
        return mapping, None
    return _single(field, value)


def _put(target: dict[str, Any], path: Iterable[str], value: Any) -> None:
    keys = list(path)
    for key in keys[:-1]:
        target = target.setdefault(key, {})
    target[keys[-1]] = value


def _has(target: Any, path: Iterable[str]) -> bool:
    for key in path:
        if not isinstance(target, dict) or key not in target:
            return False
        target = target[key]
    return True


# --- the reading ---------------------------------------------------------------------------------------------


class _Reading:
    """The content read so far, where each value came from, and the problems found on the way."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.raw: dict[str, Any] = {}
        self.places: dict[tuple[str | int, ...], Place] = {}
        self.kinds: dict[tuple[str | int, ...], str] = {}
        self.problems: list[Problem | str] = []
        self.failed: set[tuple[str | int, ...]] = set()
        self.form_title = str(words()["form"]["title"])

    def read(self, sheets: dict[str, Any]) -> None:
        self.places[()] = (self.form_title, None, None)
        form = sheets.get(self.form_title.lower())
        if form is None:
            self.problems.append(Problem(f"нет листа «{self.form_title}»"))
        else:
            self._form(form)
        for layout in self.layout.lists:
            self.places[layout.path] = (layout.title, None, None)
            sheet = sheets.get(layout.title.lower())
            if sheet is None:
                if layout.required:
                    self.problems.append(Problem(f"нет листа «{layout.title}»"))
                continue
            self._list(sheet, layout)

    def content(self) -> dict[str, Any]:
        """Return the content, with every required section present (so each missing field is named)."""
        for row in self.layout.form:
            if isinstance(row, Heading) and row.required and _has(self.raw, row.path[:-1]):
                target = self.raw
                for key in row.path:
                    target = target.setdefault(key, {})
        return self.raw

    def already_reported(self, problem: Problem) -> bool:
        """Return whether ``problem`` follows from a cell already reported (left empty when it could not be read)."""
        loc = tuple(problem.loc or ())
        return any(loc[:size] in self.failed for size in range(1, len(loc) + 1))

    def placed(self, problem: Problem) -> Problem:
        """Return ``problem`` (with a path in the data) moved to the cell the path was read from."""
        loc = tuple(problem.loc or ())
        for size in range(len(loc), -1, -1):
            if loc[:size] in self.places:
                sheet, row, column = self.places[loc[:size]]
                found = self.kinds.get(loc[:size]) if size == len(loc) else None
                message = problem.message
                if found and found != "пусто" and not message.startswith(("обязательное", "выберите")):
                    message += f" (в ячейке — {found})"
                if row is None:
                    return Problem(message, sheet=sheet)
                return Problem(message, sheet=sheet, row=row, column=column)
        return Problem(problem.message, sheet=self.form_title)

    def _cell(self, field: Field, value: Any, place: Place, path: tuple[str | int, ...]) -> Any:
        self.places[path] = place
        self.kinds[path] = cell_kind(value)
        if _blank(value):
            return None
        result, wrong = _value(field, value)
        if wrong:
            self.failed.add(path)
            self.problems.append(
                Problem(f"{wrong} (в ячейке — {cell_kind(value)})", sheet=place[0], row=place[1], column=place[2])
            )
            return None
        return result

    def _form(self, sheet: Any) -> None:
        by_key = {".".join(row.path): row for row in self.layout.form}
        limit = FIRST_ROW + 3 * len(self.layout.form) + 200  # rows a person may have added, not a million
        for number, values in enumerate(
            sheet.iter_rows(min_row=FIRST_ROW, max_row=limit, values_only=True), start=FIRST_ROW
        ):
            if len(values) < KEY_COLUMN or not isinstance(values[KEY_COLUMN - 1], str):
                continue
            row = by_key.get(values[KEY_COLUMN - 1].strip())
            if isinstance(row, Heading):
                self.places[row.path] = (sheet.title, number, row.label)
            elif isinstance(row, Field):
                value = self._cell(row, values[1], (sheet.title, number, row.label), row.path)
                if value is not None and value != []:
                    _put(self.raw, row.path, value)

    def _list(self, sheet: Any, layout: ListSheet) -> None:
        columns = layout.all_columns
        by_header = {header_key(column.header): column for column in columns}
        found = find_header(sheet, by_header, enough=min(2, len(columns)))
        if found is None:
            self.problems.append(
                Problem(f"не найдена строка заголовков (ожидается столбец «{columns[0].header}»…)", sheet=sheet.title)
            )
            return
        header_row, keys = found
        positions = {index: by_header[key] for index, key in keys.items()}
        present = set(positions.values())
        for column in columns:
            if column.required and column not in present:
                self.problems.append(Problem(f"нет столбца «{column.header}»", sheet=sheet.title))
        first = header_row + 1
        hints = next(sheet.iter_rows(min_row=first, max_row=first, values_only=True), ())
        explained = {column.explain for column in columns}
        if all(_blank(value) or str(value).strip() in explained for value in hints):
            first += 1
        rows = (
            (number, {field: values[index] if index < len(values) else None for index, field in positions.items()})
            for number, values in data_rows(sheet, first, title=sheet.title, what="лист", problems=self.problems)
        )
        items = self._items(sheet.title, layout, rows)
        if items:
            _put(self.raw, layout.path, items)

    def _items(self, title: str, layout: ListSheet, rows: Iterable[tuple[int, dict[Field, Any]]]) -> Any:
        path: tuple[str | int, ...] = layout.path
        if layout.item == "pair":
            pairs: dict[str, Any] = {}
            key_field, value_field = layout.columns
            for number, cells in rows:
                if all(_blank(v) for v in cells.values()):
                    continue
                key = self._cell(key_field, cells.get(key_field), (title, number, key_field.label), (*path, "?"))
                value_place = (title, number, value_field.label)
                value = self._cell(value_field, cells.get(value_field), value_place, (*path, str(key)))
                pairs[str(key) if key is not None else ""] = value
            return pairs
        items: list[Any] = []
        group: tuple[Any, ...] | None = None
        for number, cells in rows:
            if all(_blank(v) for v in cells.values()):
                continue
            if layout.item == "value":
                field = layout.columns[0]
                items.append(self._cell(field, cells.get(field), (title, number, field.label), (*path, len(items))))
                continue
            own = tuple(None if _blank(cells.get(c)) else cells.get(c) for c in layout.columns)
            fresh = layout.child is None or group is None or (any(v is not None for v in own) and own != group)
            if fresh:
                group = own
                index = len(items)
                item: dict[str, Any] = {}
                self._fill(item, layout.columns, cells, title, number, (*path, index))
                if layout.child is not None:
                    child_path = (*path, index, *layout.child)
                    self.places[child_path] = (title, number, layout.child_label)
                    _put(item, layout.child, [])
                items.append(item)
            if layout.child is not None and any(not _blank(cells.get(c)) for c in layout.child_columns):
                nested = items[-1]
                for key in layout.child:
                    nested = nested[key]
                child: dict[str, Any] = {}
                where = (*path, len(items) - 1, *layout.child, len(nested))
                self._fill(child, layout.child_columns, cells, title, number, where)
                nested.append(child)
        return items

    def _fill(
        self,
        item: dict[str, Any],
        columns: Iterable[Field],
        cells: dict[Field, Any],
        title: str,
        number: int,
        where: tuple[str | int, ...],
    ) -> None:
        """Put the cells of ``columns`` into ``item``, noting where each value (and each section) was read."""
        columns = list(columns)
        if columns:
            self.places[where] = (title, number, columns[0].label)
        for column in columns:
            parts = column.label.split(": ")
            extra = len(parts) - len(column.path)  # the nested list's own label before the columns' labels
            for depth in range(1, len(column.path)):
                label = ": ".join(parts[: extra + depth])
                self.places.setdefault((*where, *column.path[:depth]), (title, number, label))
            value = self._cell(column, cells.get(column), (title, number, column.label), (*where, *column.path))
            if value is not None and value != []:
                _put(item, column.path, value)
