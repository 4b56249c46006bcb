"""The school's mentorship programme and the order approving it with the individual plans (stage 4)."""

import io
from collections import defaultdict
from pathlib import Path

import docx
import openpyxl
import pytest
from readback import docx_text, flat

from nastavnik_docs.errors import InputError
from nastavnik_docs.io.register import register_layout
from nastavnik_docs.models import forms_catalogue
from nastavnik_docs.produce import build_document, build_kit, sample_input

NB = "\u00a0"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stage4():
    return sample_input("stage-4")


@pytest.fixture(scope="module")
def programme(stage4):
    [item] = build_document("mentorship-programme", stage4)
    return docx.Document(io.BytesIO(item.data))


@pytest.fixture(scope="module")
def order_file(stage4):
    [item] = build_document("order-approve-programme", stage4)
    return item.data


@pytest.fixture(scope="module")
def order(order_file):
    return docx.Document(io.BytesIO(order_file))


def register_pairs():
    """Return (form title, mentor code, mentee codes) of every pair, read from the sample workbook itself."""
    layout = register_layout()
    spec = layout["sheets"]["pairs"]
    fields = [c["field"] for c in spec["columns"]]
    book = openpyxl.load_workbook(ROOT / "samples" / "register.xlsx", read_only=True)
    rows = []
    for values in book[spec["title"]].iter_rows(min_row=layout["first_data_row"], values_only=True):
        row = dict(zip(fields, values, strict=False))
        if row["code"]:
            rows.append((row["form"], row["mentor"], [c.strip() for c in str(row["mentees"]).split(",")]))
    book.close()
    return rows


def test_programme_carries_both_stamps_and_the_registers_programme(programme):
    lines = [p.text for p in programme.paragraphs]
    stamps = programme.tables[0].rows[0].cells
    assert stamps[0].text.split("\n") == [
        "РАССМОТРЕНО",
        "на педагогическом совете",
        "МБОУ «СОШ\u00a0№\u00a012»",
        f"протокол от 24.09.2026 №{NB}2",
    ]
    assert stamps[1].text.split("\n") == [
        "УТВЕРЖДЕНО",
        "приказом МБОУ «СОШ\u00a0№\u00a012»",
        f"от 07.10.2026 №{NB}90\u2011од",
    ]
    assert "ПРОГРАММА" in lines
    assert f"наставничества МБОУ «СОШ{NB}№{NB}12» на 2026/2027 учебный год" in lines
    headings = [
        line
        for line in lines
        if line[:2] in {f"{n}." for n in range(1, 10)} and line[2:3] == " " and line[3:4].isupper()
    ]
    assert [h.split(" ", 1)[1] for h in headings] == [
        "Общие положения",
        "Цель и задачи программы",
        "Формы наставничества",
        "Этапы реализации программы",
        "Участники программы и их роли",
        "Партнёры программы",
        "Ожидаемые результаты",
        "Мониторинг и оценка результатов",
    ]
    text = "\n".join(lines)
    assert "куратор — заместитель директора по учебно-воспитательной работе Черных Любовь Павловна." in text
    assert "протокол от 24.09.2026 № 2) и утверждена приказом от 07.10.2026 № 90-од" in flat(text)
    for marker in ("{{", "{%", "}}", "%}"):
        assert marker not in text


def test_forms_table_counts_what_the_register_holds(programme):
    pairs, mentors, mentees = defaultdict(int), defaultdict(set), defaultdict(set)
    for form, mentor, group in register_pairs():
        pairs[form] += 1
        mentors[form].add(mentor)
        mentees[form].update(group)
    table = programme.tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    order = [f.title for f in forms_catalogue().values() if f.title in pairs]
    assert [(r[1], int(r[3]), int(r[4]), int(r[5])) for r in rows[:-1]] == [
        (f"«{form}»", pairs[form], len(mentors[form]), len(mentees[form])) for form in order
    ]
    all_mentees = set().union(*mentees.values())
    assert rows[-1][1:] == [
        "Итого",
        "",
        str(sum(pairs.values())),
        str(len(set().union(*mentors.values()))),
        str(len(all_mentees)),
    ]
    text = "\n".join(p.text for p in programme.paragraphs)
    counts = (sum(pairs.values()), len(set().union(*mentors.values())), len(all_mentees))
    assert counts == (82, 82, 146)  # the words below agree with these numbers
    assert f"82{NB}наставнические пары (группы), 82{NB}наставника, 146{NB}наставляемых (таблица 1)" in text


def test_partners_table_with_what_each_gives(programme, stage4):
    rows = [[c.text for c in row.cells] for row in programme.tables[2].rows[1:]]
    assert [r[1] for r in rows] == [p.short_name for p in stage4.roster.partners]
    technopark = next(r for r in rows if r[1] == "ООО «Технопарк Новоборск»")
    assert technopark[2].startswith(
        "Наставники-инженеры, экскурсии на производство"
    )  # the data file's resources.partners wins
    first = stage4.roster.partners[0]
    assert flat(rows[0][3]) == f"от {first.date:%d.%m.%Y} № {first.number}"


def test_order_approves_the_programme_and_lists_every_individual_plan(order, order_file, stage4):
    text = "\n".join(docx_text(order_file))
    assert (
        "Об утверждении программы наставничества и индивидуальных планов наставнических пар (групп) в МБОУ «СОШ\u00a0№\u00a012»"
        in text
    )
    assert f"(протокол от 24.09.2026{NB}№{NB}2)" in text
    assert (
        f"1. Утвердить программу наставничества МБОУ «СОШ{NB}№{NB}12» на 2026/2027 учебный год (прилагается)." in text
    )
    assert "согласно перечню (приложение к настоящему приказу)" in text
    assert f"3. Куратору Черных{NB}Л.{NB}П.:" in text
    appendix = order.tables[-1]
    assert len(appendix.rows) == 1 + len(stage4.roster.pairs)
    assert appendix.rows[1].cells[4].text == "15.09.2026–31.05.2027"
    assert "Приложение" in [p.text for p in order.paragraphs]


def test_order_on_pairs_no_longer_approves_the_plans(stage4):
    [item] = build_document("order-pairs", stage4)
    text = "\n".join(docx_text(item.data))
    assert "Утвердить индивидуальные планы" not in text
    assert "разработать индивидуальные планы наставнических пар (групп) и представить их куратору" in text


def test_nothing_is_invented_when_the_programme_is_missing(stage4):
    school = stage4.school.model_copy(update={"programme": None})
    data = stage4.model_copy(update={"school": school})
    for document_id in ("mentorship-programme", "order-approve-programme"):
        with pytest.raises(InputError, match=rf"{document_id}.*programme: протокол педагогического совета"):
            build_document(document_id, data)


def test_two_programmes_in_the_register_need_a_title(stage4):
    pairs = list(stage4.roster.pairs)
    pairs[0] = pairs[0].model_copy(update={"programme": "Программа наставничества «Шаг в профессию»"})
    data = stage4.model_copy(update={"roster": stage4.roster.model_copy(update={"pairs": pairs})})
    with pytest.raises(InputError, match=r"programme\.title"):
        build_document("mentorship-programme", data)
    school = stage4.school.model_copy(
        update={"programme": stage4.school.programme.model_copy(update={"title": "Программа наставничества «Вместе»"})}
    )
    [item] = build_document("mentorship-programme", data.model_copy(update={"school": school}))
    assert "наставничества «Вместе»" in docx_text(item.data)


def test_stage_4_kit_holds_the_programme_and_its_order(stage4):
    names = build_kit("stage-4", stage4).names()
    assert names[:5] == [
        "order-pairs.docx",
        "mentorship-programme.docx",
        "order-approve-programme.docx",
        "roadmap-implementation-plan.docx",
        "roadmap-implementation-plan.xlsx",
    ]
