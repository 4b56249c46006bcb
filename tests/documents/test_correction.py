"""Stage 8: next year's roadmap and plan from this year's rows and the school's filled monitoring form.

What should be carried over, dropped and added is worked out here from the bundled rows (the YAML of
the wording files), the sample's dates and progress, the form's cells (openpyxl, by defined name) and
the rules file, with a date arithmetic of the test's own.
"""

import calendar
import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from readback import flat, workbook

from nastavnik_docs.errors import InputError
from nastavnik_docs.models import SchoolCorrection, SchoolData
from nastavnik_docs.produce import build_kit, sample_input

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "nastavnik_docs" / "content"
NBSP = "\u00a0"


def school():
    return yaml.safe_load((ROOT / "samples" / "school.yaml").read_text(encoding="utf-8"))


def plus_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def points():
    """Return the points of the sample school's year (models/school_year.py, tested in tests/models)."""
    return dict(SchoolData.model_validate(school()).timeline.dates)


def resolve(value, points):
    """Return a date of a deadline: as written, or a point of the year and an offset «pairs_start+3m15d»
    (a bare offset counts from the programme start)."""
    if isinstance(value, dt.date):
        return value
    found = re.fullmatch(r"([a-z_]*)(?:([+-])(\d+)([dwm])(?:(\d+)d)?)?", value)
    start = points[found[1] or "programme_start"]
    if found[2] is None:
        return start
    sign = 1 if found[2] == "+" else -1
    amount, unit, days = sign * int(found[3]), found[4], sign * int(found[5] or 0)
    if unit == "d":
        return start + dt.timedelta(days=amount)
    if unit == "w":
        return start + dt.timedelta(weeks=amount)
    return plus_months(start, amount) + dt.timedelta(days=days)


def last_of(deadline, start):
    """Return the last day a deadline allows, or None for words."""
    if "text" in deadline:
        return None
    if "to" in deadline:
        return resolve(deadline["to"], start)
    for key in ("month", "months"):
        if key in deadline:
            day = resolve(deadline[key] if key == "month" else deadline[key][1], start)
            return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return resolve(deadline.get("by") or deadline.get(True) or deadline.get("on"), start)


def bundled_rows(document):
    wording = yaml.safe_load((CONTENT / "wording" / f"{document}.yaml").read_text(encoding="utf-8"))
    return [row for section in wording["sections"] for row in section["rows"]]


def expected_fates(document):
    """Return {number: «carried» | «moved» | «dropped»} for every row of this year's document."""
    data = school()
    start = points()
    day = data["correction"]["date"]
    progress = data["correction"]["progress"].get(document, {})
    fates = {}
    for number, row in enumerate(bundled_rows(document), start=1):
        last = last_of(row["deadline"], start)
        yearly = row["deadline"].get("yearly", False)
        if number in progress.get("done", []) and not yearly:
            fates[number] = "dropped"
        elif number in progress.get("not_done", []):
            fates[number] = "moved" if last is not None and last <= day else "carried"
        elif last is None:
            fates[number] = "carried"
        elif yearly and (last <= day or number in progress.get("done", [])):
            fates[number] = "moved"  # done this year, due again next year
        elif last > day:
            fates[number] = "carried"
        else:
            fates[number] = "dropped"
    return fates


def form_value(book, name):
    [(sheet, cell)] = list(book.defined_names[name].destinations)
    return book[sheet][cell.replace("$", "")].value


def expected_added():
    """Return the contents of the rows the rules add: indicators below this year's or next year's plan."""
    book = openpyxl.load_workbook(ROOT / "samples" / "monitoring-form.xlsx")
    rules = yaml.safe_load((CONTENT / "data" / "correction.yaml").read_text(encoding="utf-8"))["indicators"]
    indicators = yaml.safe_load((CONTENT / "data" / "indicators.yaml").read_text(encoding="utf-8"))
    period = school()["period"]
    share = (2027 - period["start_year"]) / (period["end_year"] - period["start_year"])
    added = []
    for item in indicators:
        name = f"fm_indicators_{item['id'].replace('-', '_')}"
        base, count, plan = (form_value(book, f"{name}_{c}") for c in ("base", "count", "plan"))
        fact = float((Decimal(count) * 100 / Decimal(base)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
        next_plan = int(
            (Decimal(item["base"]) + (Decimal(item["target"]) - Decimal(item["base"])) * Decimal(share)).quantize(
                Decimal(1), rounding=ROUND_HALF_UP
            )
        )
        if fact < plan or fact < next_plan:
            added += [row["content"] for row in rules.get(item["id"], {}).get("behind", [])]
    return added


@pytest.fixture(scope="module")
def kit():
    return {item.name: item.data for item in build_kit("stage-8", sample_input("stage-8")).files}


def tables(data):
    """Return the tables of a Word document as rows of cell texts (merged cells once)."""
    result = []
    for table in docx.Document(io.BytesIO(data)).tables:
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if not cells or cell._tc is not cells[-1][0]:
                    cells.append((cell._tc, cell.text))
            rows.append([text for _, text in cells])
        result.append(rows)
    return result


KINDS = {"перенесено": "carried", "перенесено со сдвигом срока": "moved", "исключено": "dropped", "добавлено": "added"}


@pytest.mark.parametrize("document", ["roadmap", "plan"])
def test_exactly_the_unfinished_rows_are_carried_over(kit, document):
    fates = expected_fates(document)
    rows = bundled_rows(document)
    kept = [number for number, fate in fates.items() if fate != "dropped"]
    assert {"carried", "moved", "dropped"} <= set(fates.values())  # the sample shows every fate
    body, appendix = tables(kit[f"{document}-corrected.docx"])[:2]
    numbered = [row for row in body[1:] if len(row) > 1]
    contents = [row[1].replace(NBSP, " ").replace("\u2011", "-") for row in numbered]
    added = expected_added()
    assert (
        contents
        == [rows[number - 1]["content"].replace("{{ org.short_name }}", "МБОУ «СОШ № 12»") for number in kept] + added
    )
    assert [row[0] for row in numbered] == [f"{index}." for index in range(1, len(numbered) + 1)]
    changes = {int(row[1].rstrip(".")): KINDS[row[4]] for row in appendix[1:] if row[1] != "—"}
    assert changes == fates


@pytest.mark.parametrize("document", ["roadmap", "plan"])
def test_rows_are_added_for_the_indicators_behind_plan(kit, document):
    added = expected_added()
    assert added, "the sample's form has an indicator below next year's plan"
    body, appendix = tables(kit[f"{document}-corrected.docx"])[:2]
    sections = [row[0] for row in body if len(row) == 1]
    assert sections[-1] == f"Мероприятия по итогам мониторинга 2026{NBSP}года"
    new = [row for row in appendix[1:] if row[4] == "добавлено"]
    assert [flat(row[3]) for row in new] == [flat(row) for row in added]
    assert all(row[1] == "—" and "ниже плана на 2027 год (25 %)" in flat(row[7]) for row in new)
    assert new[0][6] == f"до{NBSP}15.02.2027"  # a month after the correction date


@pytest.mark.parametrize("document", ["roadmap", "plan"])
def test_the_appendix_lists_every_change_once(kit, document):
    fates = expected_fates(document)
    appendix = tables(kit[f"{document}-corrected.docx"])[1][1:]
    assert len(appendix) == len(fates) + len(expected_added())
    assert [row[0] for row in appendix] == [f"{index}." for index in range(1, len(appendix) + 1)]
    for row in appendix:
        assert row[7], "every change gives its reason"
        if row[4] == "исключено":
            assert row[2] == "—" and row[6] == "—"
    text = docx_paragraphs(kit[f"{document}-corrected.docx"])
    carried = sum(fate in ("carried", "moved") for fate in fates.values())
    assert f"Перенесено мероприятий: {carried} " in text


def docx_paragraphs(data):
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_rows_marked_not_done_move_by_a_year(kit):
    appendix = tables(kit["roadmap-corrected.docx"])[1][1:]
    moved = {row[1]: row for row in appendix if row[4] == "перенесено со сдвигом срока"}
    marked = {number for number, row in moved.items() if "отмечено как невыполненное" in row[7]}
    assert marked == {"15.", "18."}
    for number in marked:
        old, new = moved[number][5:7]
        assert "2026" in old and new == old.replace("2027", "2028").replace("2026", "2027")
    yearly = moved["42."]  # the results are published every December: marked done, due again next year
    assert "ежегодно" in yearly[7] and "ежегодно" in yearly[5]
    done = next(row for row in appendix if row[1] == "40.")
    assert done[4] == "исключено" and "отмечено как выполненное" in done[7]


def test_titles_say_correction_and_the_new_period(kit):
    for document in ("roadmap", "plan"):
        text = docx_paragraphs(kit[f"{document}-corrected.docx"])
        assert "в МБОУ «СОШ № 12» (корректировка)" in text.replace(NBSP, " ")
        assert "на 2027–2030 годы" in text.replace(NBSP, " ")
        assert "Изменения" in text and "Дата корректировки: 15.01.2027." in text


def test_the_workbooks_hold_the_same_rows_and_changes(kit):
    for document in ("roadmap", "plan"):
        book = workbook(kit, f"{document}-corrected.xlsx")
        assert book.sheetnames[1] == "Изменения"
        words = tables(kit[f"{document}-corrected.docx"])
        values = [row for row in book.worksheets[0].iter_rows(min_row=5, values_only=True) if row[0]]
        assert [flat(row[1]) for row in values if row[1]] == [flat(row[1]) for row in words[0][1:] if len(row) > 1]
        changes = [row for row in book["Изменения"].iter_rows(min_row=5, values_only=True) if row[0]]
        assert [[flat(c) if isinstance(c, str) else c for c in row] for row in changes] == [
            [flat(cell) or None for cell in row] for row in words[1][1:]
        ]


def test_a_row_number_beyond_the_document_is_refused():
    raw = school()
    raw["correction"]["progress"]["roadmap"]["done"] = [42, 99]
    sample = sample_input("stage-8")
    data = SchoolCorrection(school=sample.school.model_validate(raw), report=sample.report)
    with pytest.raises(InputError, match=r"correction\.progress\.roadmap\.done: мероприятия № 99 нет"):
        build_kit("stage-8", data)


def test_a_row_both_done_and_not_done_is_refused():
    from nastavnik_docs.errors import ValidationError
    from nastavnik_docs.models import SchoolData, validate

    raw = school()
    raw["correction"]["progress"]["plan"] = {"done": [3], "not_done": [3]}
    with pytest.raises(ValidationError, match="указано и в done, и в not_done"):
        validate(raw, SchoolData)


def test_own_rows_of_the_data_file_are_corrected_by_the_same_rules():
    raw = school()
    raw["roadmap"] = {
        "sections": [
            {
                "title": "Свои мероприятия",
                "rows": [
                    {"content": "Сделано осенью", "deadline": {"by": "2026-10-01"}},
                    {"content": "Весной", "deadline": {"by": "2027-04-01"}},
                    {"content": "Постоянно", "deadline": "в течение года"},
                    {"content": "Не успели", "deadline": {"from": "2026-11-01", "to": "2026-11-20"}},
                ],
            }
        ]
    }
    raw["correction"]["progress"]["roadmap"] = {"not_done": [4]}
    sample = sample_input("stage-8")
    data = SchoolCorrection(school=sample.school.model_validate(raw), report=sample.report)
    files = {item.name: item.data for item in build_kit("stage-8", data).files}
    body = tables(files["roadmap-corrected.docx"])[0]
    rows = [row[1:3] for row in body[1:] if len(row) > 1]
    assert rows[:3] == [
        ["Весной", f"До{NBSP}01.04.2027"],
        ["Постоянно", "В течение года"],  # a deadline column starts each cell with a capital
        ["Не успели", "01–20.11.2027"],
    ]
