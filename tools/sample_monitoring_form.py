"""Make samples/monitoring-form.xlsx: the sample school's final monitoring form as the school sends it.

The form is the one the stage-6 kit fills from the bundled samples (``samples/school.yaml``, the
register and the survey answers); the school then types what no file knows, the comments of its
section 6. The stage-7 and stage-8 kits are demonstrated with it (their ``--monitoring``).

    python tools/sample_monitoring_form.py
"""

from __future__ import annotations

import io

from office_package import workbook_bytes
from openpyxl import load_workbook
from template_files import ROOT

from nastavnik_docs.produce import build_kit, sample_input

TARGET = ROOT / "samples" / "monitoring-form.xlsx"
COMMENTS = {
    "fm_comments_difficulties": (
        "Не хватает наставников из числа обучающихся 8–9 классов; часть пар «ученик – ученик» прекратила работу "
        "в связи с переходом наставляемых в другие школы."
    ),
    "fm_comments_proposals": (
        "Провести для кураторов школ города семинар по работе с организациями-партнёрами; "
        "включить школьный конкурс проектов наставнических пар в муниципальный план мероприятий."
    ),
}
"""What the school types into section 6, by the cells' defined names."""


def build() -> bytes:
    """Return the bytes of samples/monitoring-form.xlsx."""
    kit = build_kit("stage-6", sample_input("stage-6"))
    form = next(item.data for item in kit.files if item.name == "final-monitoring-form.xlsx")
    book = load_workbook(io.BytesIO(form))
    for name, text in COMMENTS.items():
        [(sheet, cell)] = book.defined_names[name].destinations
        book[sheet][cell.replace("$", "")].value = text
    return workbook_bytes(book)


def main() -> int:
    """Write samples/monitoring-form.xlsx and print what it reports."""
    from nastavnik_docs.io.monitoring import read_report

    TARGET.write_bytes(build())
    report = read_report(TARGET)
    pairs = sum(row.pairs or 0 for row in report.forms.values())
    print(f"{TARGET.relative_to(ROOT)}: {report.org.short_name}, {report.org.year}: {pairs} pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
