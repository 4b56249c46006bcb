"""Stage 5 read back: the dissemination events and the resource map, from the data file and the register."""

import io
from collections import Counter
from pathlib import Path

import docx
import openpyxl
import pytest
from readback import docx_text

from nastavnik_docs.errors import InputError, ValidationError
from nastavnik_docs.io.register import register_layout
from nastavnik_docs.produce import build_document, build_kit, sample_input

NB = "\u00a0"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stage5():
    return sample_input("stage-5")


@pytest.fixture(scope="module")
def kit(stage5):
    return {f.name: f.data for f in build_kit("stage-5", stage5).files}


def sheet_rows(sheet_key):
    """Return the sample register's rows of one sheet as dicts, read with openpyxl directly."""
    layout = register_layout()
    spec = layout["sheets"][sheet_key]
    fields = [c["field"] for c in spec["columns"]]
    book = openpyxl.load_workbook(ROOT / "samples" / "register.xlsx", read_only=True)
    rows = [
        dict(zip(fields, values, strict=False))
        for values in book[spec["title"]].iter_rows(min_row=layout["first_data_row"], values_only=True)
        if values[0]
    ]
    book.close()
    return rows


def test_kit_stage_5_has_both_documents_in_word_and_excel(kit):
    assert sorted(kit) == [
        "dissemination-events.docx",
        "dissemination-events.xlsx",
        "resource-map.docx",
        "resource-map.xlsx",
    ]


def test_events_by_date_with_kind_level_and_responsible(kit, stage5):
    document = docx.Document(io.BytesIO(kit["dissemination-events.docx"]))
    rows = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert rows[0][:5] == ["№ п/п", "Дата", "Мероприятие", "Вид", "Уровень"]
    events = sorted(stage5.school.events, key=lambda e: e.date)
    assert [r[1] for r in rows[1:]] == [f"{e.date:%d.%m.%Y}" for e in events]
    assert rows[1][3:7] == ["Педагогический совет", "Школьный", "48", f"Черных{NB}Л.{NB}П."]
    assert rows[3][6] == f"Ткач{NB}А.{NB}С., Черных{NB}Л.{NB}П."  # director and curator, by initials
    assert rows[2][6] == f"Черных{NB}Л.{NB}П., педагог-психолог"  # after a comma in lower case
    text = "\n".join(docx_text(kit["dissemination-events.docx"]))
    assert f"в МБОУ «СОШ{NB}№{NB}12» на 2026/2027{NB}учебный год" in text and "УТВЕРЖДАЮ" in text


def test_events_workbook_counts_and_sums(kit, stage5):
    sheet = openpyxl.load_workbook(io.BytesIO(kit["dissemination-events.xlsx"])).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    data = [row for row in values if isinstance(row[0], str) and row[0].endswith(".")]
    assert len(data) == len(stage5.school.events)
    assert [row[5] for row in data] == [
        e.participants if e.participants is not None else None
        for e in sorted(stage5.school.events, key=lambda e: e.date)
    ]
    total = next(row for row in values if row[1] == "Итого")
    assert total[2] == f"=COUNTA(C4:C{3 + len(data)})" and total[5] == f"=SUM(F4:F{3 + len(data)})"


def test_resource_map_counts_people_and_partners_from_the_register(kit):
    mentors = sheet_rows("mentors")
    partners = sheet_rows("partners")
    by_category = Counter(m["category"] for m in mentors)
    given = Counter(m["organisation"] for m in mentors if m["organisation"] in {p["short_name"] for p in partners})
    sheet = openpyxl.load_workbook(io.BytesIO(kit["resource-map.xlsx"])).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4) if any(c.value for c in row)]
    sections = [row[0] for row in rows if row[1] is None and row[0] and not row[0].endswith(".")]
    assert sections == [
        "Кадровые ресурсы",
        "Организации-партнёры",
        "Помещения",
        "Материально-техническая база",
        "Информационные ресурсы",
        "Мероприятия по распространению практик наставничества",
    ]
    people = {row[1]: row[3] for row in rows if row[1] and row[1].startswith("Наставники: ")}

    def word(n):  # 2, 3, 4, 22… человека; 1 and 5… человек (genitive plural after a number is «человек»)
        return "человека" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "человек"

    assert people == {f"Наставники: {c}": f"{n}{NB}{word(n)}" for c, n in by_category.items()}
    for partner in partners:
        row = next(r for r in rows if r[1] == partner["short_name"])
        assert (
            row[3]
            == f"договор от {partner['date']:%d.%m.%Y} №{NB}{partner['number']}; наставников: {given[partner['short_name']]}"
        )


def test_a_section_without_resources_is_left_out(stage5):
    school = stage5.school.model_copy(update={"resources": stage5.school.resources.model_copy(update={"premises": []})})
    [xlsx, _] = build_document("resource-map", stage5.model_copy(update={"school": school}))
    values = [c.value for row in openpyxl.load_workbook(io.BytesIO(xlsx.data)).active.iter_rows() for c in row]
    assert "Помещения" not in values and "Материально-техническая база" in values


def test_no_events_no_list(stage5):
    school = stage5.school.model_copy(update={"events": []})
    with pytest.raises(InputError, match="events"):
        build_document("dissemination-events", stage5.model_copy(update={"school": school}))


def test_an_unknown_kind_or_level_names_the_field(school_raw):
    school_raw["events"] = [{"date": "2026-10-01", "title": "Встреча", "kind": "вебинар", "level": "районный"}]
    from nastavnik_docs.models import SchoolData, validate

    with pytest.raises(ValidationError) as caught:
        validate(school_raw, SchoolData)
    assert caught.value.problems[0].startswith("events[0].kind: допустимые значения: конкурс, круглый стол")
    assert caught.value.problems[1].startswith("events[0].level: допустимые значения: школьный, муниципальный")
