"""Reading produced files back as a person would see them."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_LONG = re.compile(r"«(\d\d)»[ \u00a0]([а-я]+)[ \u00a0](\d{4})[ \u00a0]г\.")


def long_date(text: str) -> dt.date:
    """Return the date written «14» сентября 2026 г. in ``text`` (the long date of orders and agreements)."""
    found = _LONG.search(text)
    assert found, text
    day, month, year = found.groups()
    return dt.date(int(year), MONTHS.index(month) + 1, int(day))


def docx_text(data: bytes) -> list[str]:
    """Return the paragraphs of a Word document (body, then table cells row by row) as text."""
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen = []
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.append(cell._tc)
                    lines.append(cell.text)
    return lines


def workbook(files, name):
    """Return the workbook ``name`` of a kit's files (name → bytes), opened with openpyxl."""
    import io

    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(files[name]))


def flat(text: str) -> str:
    """Return ``text`` with no-break spaces and hyphens as ordinary ones (a comparison of words, not of line breaks)."""
    return text.replace("\u00a0", " ").replace("\u2011", "-")
