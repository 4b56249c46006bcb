"""The teacher-mentorship kit (seed 001): the order and what it approves, the seven stages, the pairs."""

import io
import re
from pathlib import Path

import docx
import pytest
import yaml
from readback import docx_text, flat

from nastavnik_docs.produce import build_kit

ROOT = Path(__file__).resolve().parents[2]
NB = "\u00a0"


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load((ROOT / "samples" / "teachers.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kit(raw):
    return {item.name: item.data for item in build_kit("teachers", raw).files}


def text(data):
    return "\n".join(" ".join(flat(line).split()) for line in docx_text(data))


def test_kit_has_the_four_documents(kit):
    assert sorted(kit) == [
        "order-teacher-model.docx",
        "order-teacher-pairs.docx",
        "regulation-teacher-system.docx",
        "roadmap-teacher.docx",
    ]
    for data in kit.values():
        body = text(data)
        assert "{{" not in body and "{%" not in body


def test_order_approves_the_regulation_and_the_roadmap(kit):
    body = text(kit["order-teacher-model.docx"])
    assert "№ 23-02" in body and "«25» августа 2026 г." in body
    assert "(приложение 1)" in body and "(приложение 2)" in body
    assert "заместителя директора по методической работе Соколову-Михайлову Ирину Игоревну" in body
    numbers = [m.group(1) for line in body.splitlines() if (m := re.match(r"^(\d+\.(?:\d+\.)?) ", line))]
    assert (
        numbers[:4] == ["1.", "2.", "2.1.", "2.2."]
        and numbers[-1] == f"{len([n for n in numbers if n.count('.') == 1])}."
    )


def test_regulation_and_roadmap_refer_to_the_order(kit):
    regulation = text(kit["regulation-teacher-system.docx"])
    assert regulation.splitlines()[:3] == ["УТВЕРЖДЕНО", "приказом МБОУ «СОШ № 12»", "от 25.08.2026 № 23-02"]
    roadmap = text(kit["roadmap-teacher.docx"])
    assert roadmap.splitlines()[:3] == ["УТВЕРЖДЕНА", "приказом МБОУ «СОШ № 12»", "от 25.08.2026 № 23-02"]
    assert "на 2026/2027 учебный год" in roadmap


def test_roadmap_has_the_seven_stages_of_seed_001(kit):
    table = docx.Document(io.BytesIO(kit["roadmap-teacher.docx"])).tables[0]
    stages = [row.cells[0].text for row in table.rows[1:] if len({id(c._tc) for c in row.cells}) == 1]
    assert stages == [
        "Подготовка условий для реализации системы наставничества",
        "Формирование банка наставляемых",
        "Формирование банка наставников",
        "Отбор и обучение",
        "Организация и осуществление работы наставнических пар/групп",
        "Завершение персонализированных программ наставничества",
        "Информационная поддержка системы наставничества",
    ]


def test_pairs_order_lists_every_pair_and_everyone_signs_once(kit, raw):
    document = docx.Document(io.BytesIO(kit["order-teacher-pairs.docx"]))
    appendix = document.tables[-1]
    assert len(appendix.rows) == 1 + len(raw["pairs"])
    assert (
        appendix.rows[2].cells[2].text
        == "Ткач Ольга Андреевна, учитель начальных классов\nГусейнов Тимур Рашид оглы, учитель начальных классов"
    )
    signed = [
        row.cells[1].text for table in document.tables for row in table.rows if row.cells[0].text.startswith("____")
    ]
    assert len(signed) == len(set(signed)) == 1 + len(raw["pairs"]) + sum(len(p["mentees"]) for p in raw["pairs"])
    body = text(kit["order-teacher-pairs.docx"])
    assert "Приложение 1" in body and "от 24.09.2026 № 97-02" in body


def test_pairs_can_come_from_the_stage_4_register(tmp_path):
    from nastavnik_docs.produce import load_kit_input

    data = load_kit_input("teachers", ROOT / "samples" / "teachers.yaml", ROOT / "samples" / "register.xlsx")
    assert len(data.pairs) == 12  # the sample register's «учитель – учитель» pairs
    files = {item.name: item.data for item in build_kit("teachers", data).files}
    appendix = docx.Document(io.BytesIO(files["order-teacher-pairs.docx"])).tables[-1]
    assert len(appendix.rows) == 1 + 12


def test_pairs_order_needs_pairs(raw):
    from nastavnik_docs.errors import InputError
    from nastavnik_docs.produce import build_document

    with pytest.raises(InputError, match="укажите пары"):
        build_document("order-teacher-pairs", {**raw, "pairs": []})
