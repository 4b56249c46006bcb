"""Word and Excel packages saved reproducibly: fixed member times, fixed document dates.

python-docx and openpyxl write zip members with the time of saving; the members are written again
with the package's own zip writer, so that the same source always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document
from openpyxl.workbook import Workbook

from nastavnik_docs.archive import FIXED_TIME, zip_bytes
from nastavnik_docs.render.xlsx import save_workbook

FIXED_DATETIME = dt.datetime(*FIXED_TIME)
"""The «created» and «modified» time of every generated package."""


def _repackaged(data: bytes) -> bytes:
    """Return the package ``data`` with every member at the fixed time."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = {name: package.read(name) for name in package.namelist()}
    return zip_bytes(members)


def document_bytes(document: Document) -> bytes:
    """Return the Word ``document`` as bytes, dated at the fixed time."""
    core = document.core_properties
    core.created = core.modified = FIXED_DATETIME
    buffer = io.BytesIO()
    document.save(buffer)
    return _repackaged(buffer.getvalue())


def workbook_bytes(workbook: Workbook) -> bytes:
    """Return ``workbook`` as bytes, dated at the fixed time (saved as the package saves rendered workbooks)."""
    workbook.properties.created = workbook.properties.modified = FIXED_DATETIME
    return save_workbook(workbook)
