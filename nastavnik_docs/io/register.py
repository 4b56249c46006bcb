"""Reading the participant register (Excel) into validated models, every problem reported at once.

Each problem names the sheet, the row, the column header and what was expected, with the kind
of value found («в ячейке текст»), never the value itself: the register holds personal data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO
from warnings import warn

import pydantic

from ..content import content_data
from ..errors import NastavnikDocsWarning, Problem
from ..models.register import Mentee, Mentor, Pair, Partner, Register, check_register
from ..models.validation import error_message
from .sheets import cell_kind, data_rows, find_header, header_key, open_workbook, raise_problems, sheets_by_title

__all__ = ["load_register", "register_layout"]

_SPLIT = re.compile(r"[,;\s]+")
_MODELS: dict[str, type[pydantic.BaseModel]] = {
    "mentors": Mentor,
    "mentees": Mentee,
    "pairs": Pair,
    "partners": Partner,
}
_REQUIRED_SHEETS = ("mentors", "mentees", "pairs")
_KIND_TOLD = {"missing", "date_range"}  # errors after which «(в ячейке — дата)» would add nothing

# which layout column a model's error location points at (first matching prefix wins)
_COLUMN_OF = {
    ("name",): "last",
    ("document", "kind"): "document_kind",
    ("document", "number"): "document_number",
    ("document", "issued_by"): "document_issued_by",
    ("document", "issued_on"): "document_issued_on",
    ("document",): "document_kind",
    ("representative", "name"): "rep_last",
    ("representative", "relation"): "rep_relation",
    ("representative", "address"): "rep_address",
    ("representative", "document", "kind"): "rep_document_kind",
    ("representative", "document", "number"): "rep_document_number",
    ("representative", "document", "issued_by"): "rep_document_issued_by",
    ("representative", "document", "issued_on"): "rep_document_issued_on",
    ("representative", "document"): "rep_document_kind",
    ("representative", "authority"): "rep_authority",
    ("representative",): "rep_last",
    ("head",): "head_last",
    ("head_position",): "head_position",
}


def register_layout() -> dict[str, Any]:
    """Return the register's layout: sheets, their columns, headers and explanations."""
    return content_data("register.yaml")


class _Refused:
    """A cell whose value cannot be read as its column asks, with what the message says instead."""

    def __init__(self, message: str) -> None:
        self.message = message


def _cell(value: Any, column: Mapping[str, Any]) -> Any:
    """Return a cell's value as the models read it: dates as dates, everything else as text.

    A yes/no cell (TRUE, FALSE) in a column of text, and a number in a column that must keep its
    digits as typed (``kind: text``: a document's series and number), are :class:`_Refused`.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        labels = {flag: label for label, flag in (column.get("values") or {}).items() if isinstance(flag, bool)}
        if value in labels:
            return labels[value]  # TRUE in «Лучшая практика» is «да»
        return _Refused("ожидается текст, а в ячейке логическое значение (ИСТИНА или ЛОЖЬ)")
    if isinstance(value, int | float) and column.get("kind") == "text":
        return _Refused(
            "ожидается текст, а в ячейке число: у числа пропадают ведущие нули и последние цифры длинного "
            "номера — задайте ячейке формат «Текстовый» и введите номер заново"
        )
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def load_register(
    path: str | Path | BinaryIO,
    *,
    today: dt.date | None = None,
    name: str | None = None,
    warnings: list[Problem] | None = None,
) -> Register:
    """Return the register read from the workbook at ``path`` (or an open binary stream); every problem at once.

    ``name`` is how messages call the workbook (its file name by default; an upload's field name).
    What is legal but unusual enough to check (a consent signed long after its pair started…), with
    its cell and the cell it was compared with, goes to ``warnings`` when a list is given, else is
    issued as a :class:`~nastavnik_docs.errors.NastavnikDocsWarning`.
    """
    label, workbook = open_workbook(path, what="Файл реестра", name=name)
    layout = register_layout()
    problems: list[Problem | str] = []
    records: dict[str, list[tuple[int, dict[str, Any], dict[str, Any]]]] = {}
    try:
        titles = sheets_by_title(workbook, problems)
        for key, spec in layout["sheets"].items():
            sheet = titles.get(spec["title"].lower())
            if sheet is None:
                if key in _REQUIRED_SHEETS:
                    problems.append(Problem(f"нет листа «{spec['title']}»"))
                records[key] = []
                continue
            records[key] = _read_sheet(sheet, spec, problems)
    finally:
        workbook.close()
    register_data: dict[str, list[Any]] = {key: [] for key in layout["sheets"]}
    failed: set[str] = set()  # codes of rows with problems: references to them are not reported again
    rows: dict[str, list[int]] = {key: [] for key in layout["sheets"]}
    for key, items in records.items():
        spec = layout["sheets"][key]
        for row, raw, shown in items:
            refused = {field: value for field, value in raw.items() if isinstance(value, _Refused)}
            if refused:
                problems.extend(
                    Problem(value.message, sheet=spec["title"], row=row, column=_header_of(spec, field))
                    for field, value in refused.items()
                )
                failed.update(_codes_of(key, raw))
                continue
            if key in ("mentors", "mentees") or key == "partners":
                prefix = "head_" if key == "partners" else ""
                empty = [f for f in (f"{prefix}last", f"{prefix}first") if raw.get(f) is None]
                if key != "partners" and any(
                    raw.get(f) for f in ("rep_first", "rep_middle", "rep_relation", "rep_authority")
                ):
                    empty += [f for f in ("rep_last", "rep_first") if raw.get(f) is None]
                if empty:
                    problems.extend(
                        Problem(
                            "обязательное поле не заполнено", sheet=spec["title"], row=row, column=_header_of(spec, f)
                        )
                        for f in empty
                    )
                    failed.update(_codes_of(key, raw))
                    continue
            raw, unlisted = _listed_values(spec, raw)
            if unlisted:
                problems.extend(
                    Problem(
                        f"выберите значение из списка ({', '.join(column['values'])})",
                        sheet=spec["title"],
                        row=row,
                        column=_header_of(spec, column["field"]),
                    )
                    for column in unlisted
                )
                failed.update(_codes_of(key, raw))
                continue
            try:
                register_data[key].append(_MODELS[key].model_validate(_shape(key, raw)))
                rows[key].append(row)
            except pydantic.ValidationError as error:
                failed.update(_codes_of(key, raw))
                for item in error.errors(include_url=False, include_input=False):
                    field = _field_of(item["loc"], raw)
                    header = _header_of(spec, field)
                    found = shown.get(field)
                    told = item["type"] in _KIND_TOLD
                    kind = f" (в ячейке — {found})" if found and found != "пусто" and not told else ""
                    message = (
                        "обязательное поле не заполнено" if found == "пусто" else error_message(item, _MODELS[key])
                    )
                    problems.append(Problem(f"{message}{kind}", sheet=spec["title"], row=row, column=header))
    register = Register(**register_data)
    for problem in check_register(register, today=today or dt.date.today(), ignore_codes=failed):
        spec = layout["sheets"][problem.sheet]
        if problem.index < 0:
            problems.append(Problem(problem.message, sheet=spec["title"]))
            continue
        row = rows[problem.sheet][problem.index]
        message = problem.message
        if problem.related is not None:
            message += f" (см. {_place(layout, rows, problem.related, same=(problem.sheet, row))})"
        found = Problem(message, sheet=spec["title"], row=row, column=_header_of(spec, problem.field))
        if not problem.warning:
            problems.append(found)
        elif warnings is not None:
            warnings.append(found)
        else:  # the command line prints «Предупреждение: …»; the kit goes on
            warn(NastavnikDocsWarning(f"{label}: {found}"), stacklevel=2)
    raise_problems(label, problems, where="в реестре")
    return register


def _place(
    layout: Mapping[str, Any], rows: Mapping[str, list[int]], cell: tuple[str, int, str], *, same: tuple[str, int]
) -> str:
    """Return how a message names another cell: «Дата рождения» in the same row, else with its sheet and row."""
    sheet, index, field = cell
    spec = layout["sheets"][sheet]
    row = rows[sheet][index]
    header = f"«{_header_of(spec, field)}»"
    if (sheet, row) == same:
        return header
    if sheet == same[0]:
        return f"{header} в строке {row}"
    return f"{header} на листе «{spec['title']}», строка {row}"


def _read_sheet(
    sheet: Any, spec: Mapping[str, Any], problems: list[Problem | str]
) -> list[tuple[int, dict[str, Any], dict[str, Any]]]:
    columns = spec["columns"]
    by_header = {header_key(c["header"]): c for c in columns}
    header = find_header(sheet, by_header, enough=max(2, len(columns) // 2))
    if header is None:
        problems.append(
            Problem(
                f"не найдена строка заголовков (ожидаются столбцы «{columns[0]['header']}», «{columns[1]['header']}»…)",
                sheet=spec["title"],
            )
        )
        return []
    header_row, keys = header
    positions = {index: by_header[key] for index, key in keys.items()}
    present = {c["field"] for c in positions.values()}
    missing = [c for c in columns if c["header"].endswith("*") and c["field"] not in present]
    for column in missing:
        problems.append(Problem(f"нет столбца «{column['header']}»", sheet=spec["title"]))
    if missing:
        return []  # every row would repeat the same problem
    result = []
    first = header_row + 1
    hints = next(sheet.iter_rows(min_row=first, max_row=first, values_only=True), ())
    explained = {c.get("explain", "") for c in columns}
    if all(value is None or str(value).strip() in explained for value in hints):
        first += 1  # the row after the headers holds the explanations of the blank form
    for number, values in data_rows(sheet, first, title=spec["title"], what="реестр", problems=problems):
        raw, shown = {}, {}
        for index, column in positions.items():
            value = values[index] if index < len(values) else None
            raw[column["field"]] = _cell(value, column)
            shown[column["field"]] = cell_kind(value)
        if any(v is not None for v in raw.values()):
            result.append((number, raw, shown))
    return result


def _codes_of(sheet: str, raw: Mapping[str, Any]) -> set[str]:
    """Return the codes a broken row stands for: a person's own, or a pair's mentor and mentees.

    Problems that follow from the row being broken (a reference to it, people left without a pair)
    are not reported again.
    """
    if sheet == "pairs":
        return {str(raw.get("mentor")), *(c for c in _SPLIT.split(str(raw.get("mentees") or "")) if c)}
    return {str(raw.get("code"))}


def _listed_values(spec: Mapping[str, Any], raw: dict[str, Any]) -> tuple[dict[str, Any], list[Mapping[str, Any]]]:
    """Return the row with list labels turned into the models' values («завершена» → completed), and the
    columns whose text is not in their list."""
    result, unlisted = dict(raw), []
    for column in spec["columns"]:
        values = column.get("values")
        text = raw.get(column["field"])
        if values is None or text is None:
            continue
        labels = {str(label).strip().lower(): value for label, value in values.items()}
        key = str(text).strip().lower()
        if key in labels:
            result[column["field"]] = labels[key]
        else:
            unlisted.append(column)
    return result, unlisted


def _join(*parts: Any) -> str | None:
    text = " ".join(str(p) for p in parts if p)
    return text or None


def _document(raw: Mapping[str, Any], prefix: str = "") -> dict[str, Any] | None:
    fields = {name: raw.get(f"{prefix}document_{name}") for name in ("kind", "number", "issued_by", "issued_on")}
    return fields if any(v is not None for v in fields.values()) else None


def _gender(value: Any) -> str | None:
    return {"м": "male", "ж": "female"}.get(str(value).strip().lower()[:1]) if value else None


def _shape(sheet: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Return the model's fields from a row of the sheet (names joined, documents grouped)."""
    if sheet in ("mentors", "mentees"):
        record: dict[str, Any] = {
            "code": raw.get("code"),
            "name": _join(raw.get("last"), raw.get("first"), raw.get("middle")),
            "gender": _gender(raw.get("gender")),
            "birth_date": raw.get("birth_date"),
            "category": raw.get("category"),
            "position": raw.get("position"),
            "phone": raw.get("phone"),
            "address": raw.get("address"),
            "document": _document(raw),
            "consent_date": raw.get("consent_date"),
        }
        if sheet == "mentors":
            record |= {"organisation": raw.get("organisation"), "email": raw.get("email")}
        if any(raw.get(k) for k in ("rep_last", "rep_first", "rep_relation", "rep_authority")):
            record["representative"] = {
                "name": _join(raw.get("rep_last"), raw.get("rep_first"), raw.get("rep_middle")),
                "relation": raw.get("rep_relation"),
                "address": raw.get("rep_address"),
                "document": _document(raw, "rep_"),
                "authority": raw.get("rep_authority"),
            }
        return {k: v for k, v in record.items() if v is not None}
    if sheet == "pairs":
        mentees = [c for c in _SPLIT.split(str(raw.get("mentees") or "")) if c]
        fields = (
            "code",
            "mentor",
            "form",
            "programme",
            "start",
            "end",
            "goal",
            "status",
            "ended_on",
            "result",
            "best_practice",
        )
        record = {k: raw.get(k) for k in fields}
        record["mentees"] = mentees
        return {k: v for k, v in record.items() if v is not None}
    record = {k: v for k, v in raw.items() if not k.startswith("head_") or k == "head_position"}
    record["head"] = _join(raw.get("head_last"), raw.get("head_first"), raw.get("head_middle"))
    return {k: v for k, v in record.items() if v is not None}


def _field_of(loc: Iterable[Any], raw: Mapping[str, Any]) -> str:
    path = tuple(p for p in loc if isinstance(p, str))
    for prefix, field in _COLUMN_OF.items():
        if path[: len(prefix)] == prefix:
            return field
    return path[0] if path else next(iter(raw), "")


def _header_of(spec: Mapping[str, Any], field: str) -> str:
    for column in spec["columns"]:
        if column["field"] == field:
            return column["header"].rstrip("*")
    return field
