"""Make samples/school.xlsx, samples/municipality.xlsx and samples/teachers.xlsx: the Excel
questionnaires filled from the YAML samples beside them (the same data in its other form).

Saved with fixed times, so every run gives the same bytes; a test builds every kit from both
forms and compares the documents.

    python tools/sample_questionnaires.py
"""

from __future__ import annotations

from office_package import workbook_bytes
from template_files import ROOT

from nastavnik_docs.io.datafile import load_data
from nastavnik_docs.io.questionnaire import KINDS, questionnaire_workbook

SAMPLES = {"school": "school", "municipality": "municipality", "teachers": "teachers"}
"""The sample of every kind of questionnaire: samples/<name>.yaml → samples/<name>.xlsx."""


def build(kind: str) -> bytes:
    """Return the questionnaire of ``kind`` filled from its YAML sample."""
    data = load_data(ROOT / "samples" / f"{SAMPLES[kind]}.yaml", KINDS[kind])
    return workbook_bytes(questionnaire_workbook(kind, data))


def main() -> None:
    for kind, name in SAMPLES.items():
        target = ROOT / "samples" / f"{name}.xlsx"
        target.write_bytes(build(kind))
        print(f"{target.relative_to(ROOT)}: {kind}")


if __name__ == "__main__":
    main()
