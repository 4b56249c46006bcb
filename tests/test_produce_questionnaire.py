"""Every kit made from the sample questionnaires (.xlsx) is the kit made from the YAML samples."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from readback import docx_text

from nastavnik_docs.documents import KITS
from nastavnik_docs.produce import build_kit, load_kit_input

ROOT = Path(__file__).resolve().parents[1]
FROM_SAMPLES = [name for name, kit in KITS.items() if kit.samples and kit.samples[0].endswith(".yaml")]


def _cells(data: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def _readable(name: str, data: bytes):
    """Return a file as a person reads it: Word text, Excel cells, or the bytes of anything else."""
    if name.endswith(".docx"):
        return docx_text(data)
    if name.endswith(".xlsx"):
        return _cells(data)
    return data


@pytest.mark.parametrize("name", FROM_SAMPLES)
def test_the_kit_from_the_questionnaire_is_the_kit_from_the_yaml(name):
    files = [ROOT / "samples" / sample for sample in KITS[name].samples]
    from_yaml = load_kit_input(name, *files)
    from_xlsx = load_kit_input(name, files[0].with_suffix(".xlsx"), *files[1:])
    assert from_xlsx == from_yaml
    ours, theirs = build_kit(name, from_xlsx), build_kit(name, from_yaml)
    assert ours.names() == theirs.names()
    for mine, other in zip(ours.files, theirs.files, strict=True):
        if mine.data != other.data:  # the same bytes, or at least the same text and cells
            assert _readable(mine.name, mine.data) == _readable(other.name, other.data), mine.name
