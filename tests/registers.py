"""Small registers written cell by cell: one mentor, one mentee, one pair, one partner, all valid.

Tests change one cell (or add a row) and read the workbook back with the real reader; rows are
laid out as in the blank (note, headings in row 2, hints in row 3, data from row 4), so the row
numbers of the messages are those a coordinator sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl

from nastavnik_docs.io.register import register_layout

TODAY = dt.date(2026, 11, 26)
FIRST_ROW = 4

_REPRESENTATIVE = {
    "rep_last": "Козлов",
    "rep_first": "Пётр",
    "rep_middle": "Андреевич",
    "rep_relation": "отец",
    "rep_document_kind": "паспорт гражданина Российской Федерации",
    "rep_document_number": "5209 456789",
    "rep_document_issued_by": "УМВД России по Омской области",
    "rep_document_issued_on": dt.date(2009, 5, 20),
    "rep_authority": "свидетельство о рождении ребёнка II-КН № 814537 от 20.03.2011",
}

ROWS: dict[str, list[dict[str, Any]]] = {
    "mentors": [
        {
            "code": "Н-001",
            "last": "Лебедев",
            "first": "Павел",
            "middle": "Ильич",
            "birth_date": dt.date(1985, 3, 14),
            "category": "педагог",
            "position": "учитель физики",
            "address": "644999, г. Новоборск, ул. Школьная, д. 1, кв. 5",
            "document_kind": "паспорт гражданина Российской Федерации",
            "document_number": "5205 123456",
            "document_issued_by": "УМВД России по Омской области",
            "document_issued_on": dt.date(2005, 4, 1),
        }
    ],
    "mentees": [
        {
            "code": "У-001",
            "last": "Козлов",
            "first": "Денис",
            "middle": "Петрович",
            "birth_date": dt.date(2011, 3, 2),
            "category": "обучающийся",
            "position": "ученик 9 «А» класса",
            "address": "644999, г. Новоборск, ул. Лесная, д. 3, кв. 12",
            "document_kind": "паспорт гражданина Российской Федерации",
            "document_number": "5225 654321",
            "document_issued_by": "УМВД России по Омской области",
            "document_issued_on": dt.date(2025, 3, 20),
            **_REPRESENTATIVE,
        }
    ],
    "pairs": [
        {
            "code": "1",
            "mentor": "Н-001",
            "mentees": "У-001",
            "form": "педагог – ученик",
            "programme": "Программа наставничества «Шаг вперёд»",
            "start": dt.date(2026, 9, 1),
            "end": dt.date(2027, 5, 31),
        }
    ],
    "partners": [
        {
            "number": "12/26",
            "date": dt.date(2026, 8, 12),
            "full_name": "Общество с ограниченной ответственностью «Сибтехмаш»",
            "short_name": "ООО «Сибтехмаш»",
            "head_last": "Орлов",
            "head_first": "Игорь",
            "head_middle": "Семёнович",
            "head_position": "генеральный директор",
            "basis": "Устава",
            "address": "644010, г. Новоборск, ул. Заводская, д. 2",
            "subject": "экскурсии на производство, наставники-инженеры",
            "term_end": dt.date(2027, 5, 31),
        }
    ],
}
"""The rows of the valid register, by sheet key; a minor mentee with a representative."""


def columns(sheet: str) -> list[dict[str, Any]]:
    """Return the layout's columns of a sheet, in order."""
    return register_layout()["sheets"][sheet]["columns"]


def title(sheet: str) -> str:
    """Return the title of a sheet: «Наставляемые» for ``mentees``."""
    return register_layout()["sheets"][sheet]["title"]


def header(sheet: str, field: str) -> str:
    """Return the heading of a column as messages write it, without «*»."""
    return next(c["header"] for c in columns(sheet) if c["field"] == field).rstrip("*")


def write_register(
    path: Path,
    changes: Mapping[tuple[str, int, str], Any] | None = None,
    *,
    rows: Mapping[str, list[Mapping[str, Any]]] | None = None,
    titles: Mapping[str, str] | None = None,
    extra_sheets: tuple[str, ...] = (),
) -> Path:
    """Write a register workbook at ``path``: ``rows`` (by default :data:`ROWS`) with ``changes``
    ((sheet, record index, field) → value; ``None`` empties the cell) applied, sheets titled by
    ``titles`` where given, and empty ``extra_sheets`` after them."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    data = {sheet: [dict(row) for row in records] for sheet, records in (rows or ROWS).items()}
    for (sheet, index, field), value in (changes or {}).items():
        data[sheet][index][field] = value
    for sheet, records in data.items():
        page = book.create_sheet((titles or {}).get(sheet, title(sheet)))
        fields = [c["field"] for c in columns(sheet)]
        for number, column in enumerate(columns(sheet), start=1):
            page.cell(2, number, column["header"])
        for offset, record in enumerate(records):
            for number, field in enumerate(fields, start=1):
                value = record.get(field)
                if value is not None:
                    page.cell(FIRST_ROW + offset, number, value)
    for name in extra_sheets:
        book.create_sheet(name)
    book.save(path)
    return path


def person_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return a register row as the model's fields (the HTTP service's JSON)."""
    person: dict[str, Any] = {
        "code": row["code"],
        "name": f"{row['last']} {row['first']} {row['middle']}",
        "birth_date": row["birth_date"],
        "category": row["category"],
        "position": row["position"],
        "address": row["address"],
        "document": {
            "kind": row["document_kind"],
            "number": row["document_number"],
            "issued_by": row["document_issued_by"],
            "issued_on": row["document_issued_on"],
        },
    }
    if row.get("consent_date"):
        person["consent_date"] = row["consent_date"]
    if "rep_last" in row:
        person["representative"] = {
            "name": f"{row['rep_last']} {row['rep_first']} {row['rep_middle']}",
            "relation": row["rep_relation"],
            "document": {
                "kind": row["rep_document_kind"],
                "number": row["rep_document_number"],
                "issued_by": row["rep_document_issued_by"],
                "issued_on": row["rep_document_issued_on"],
            },
            "authority": row["rep_authority"],
        }
    return person


def partner_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return a partner's row as the model's fields."""
    fields = {k: v for k, v in row.items() if not k.startswith("head_") or k == "head_position"}
    return {**fields, "head": f"{row['head_last']} {row['head_first']} {row['head_middle']}"}


def roster_fields(rows: Mapping[str, list[Mapping[str, Any]]] = ROWS) -> dict[str, Any]:
    """Return the register of ``rows`` as the model's fields (a ``roster`` of the HTTP service's JSON)."""
    return {
        "mentors": [person_fields(row) for row in rows["mentors"]],
        "mentees": [person_fields(row) for row in rows["mentees"]],
        "pairs": [
            {**row, "mentees": str(row["mentees"]).split(", "), "form": "teacher-pupil"} for row in rows["pairs"]
        ],
        "partners": [partner_fields(row) for row in rows["partners"]],
    }
