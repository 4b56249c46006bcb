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


def test_kit_has_the_four_documents_and_per_pair_the_consent_and_agreement(kit):
    assert sorted(kit) == [
        "mentor-agreements/01_Лебедев_ПИ.docx",
        "mentor-agreements/02_Кравченко_ЛН.docx",
        "mentor-agreements/03_Белых_СП.docx",
        "mentor-consents/01_Лебедев_ПИ.docx",
        "mentor-consents/02_Кравченко_ЛН.docx",
        "mentor-consents/03_Белых_СП.docx",
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
    # the regulation and the roadmap carry their own «УТВЕРЖДЕНО»: attached, not numbered appendices
    assert body.count("(прилагается)") == 2 and "приложение" not in body.lower()
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
    assert "Приложение\n" in body and "Приложение 1" not in body and "от 14.09.2026 № 97-02" in body
    assert "согласно приложению к настоящему приказу" in body


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


def test_the_mentor_consents_under_article_351_8(kit, raw):
    body = text(kit["mentor-consents/01_Лебедев_ПИ.docx"])
    assert "Я, Лебедев Павел Ильич, учитель физики, в соответствии со статьёй 351.8 Трудового кодекса" in body
    assert "в отношении учителя физики Черных Алёны Викторовны в период с 15.09.2026 по 31.05.2027" in body
    assert "не позднее чем за три рабочих дня" in body
    assert "Директору МБОУ «СОШ № 12» Ткач Анне Сергеевне" in body
    assert "от учителя физики Лебедева Павла Ильича" in body
    assert "«08» сентября 2026 г." in body  # the data file's consent_date
    group = text(kit["mentor-consents/02_Кравченко_ЛН.docx"])
    assert (
        "Ткач Ольги Андреевны, учителя начальных классов Гусейнова Тимура Рашид оглы" in group
    )  # «оглы»: the father's name stays
    assert "«11» сентября 2026 г." in group  # by default three days before the order on pairs


def test_the_supplementary_agreement_sets_content_term_form_and_pay(kit):
    body = text(kit["mentor-agreements/01_Лебедев_ПИ.docx"])
    assert "к трудовому договору от 01.09.2015 № 42 о выполнении работы по наставничеству" in body
    assert (
        "на основании статьи 351.8 Трудового кодекса Российской Федерации и письменного согласия Работника от 08.09.2026"
        in body
    )
    assert "2. Содержание наставничества:" in body and "3. Срок наставничества: с 15.09.2026 по 31.05.2027." in body
    assert "4. Форма наставничества: индивидуальная (наставник – стажёр)." in body
    assert "устанавливается доплата в размере 15 % должностного оклада" in body
    assert "предупредив другую сторону в письменной форме не позднее чем за три рабочих дня" in body
    assert "«10» сентября 2026 г." in body
    group = text(kit["mentor-agreements/02_Кравченко_ЛН.docx"])
    assert "к трудовому договору от «___» ____________ 20___ г. № _____" in group  # no contract in the data
    assert "Форма наставничества: групповая" in group and "(далее — Наставляемые)" in group
    assert "оплата в соответствии с Положением об оплате труда работников МБОУ «СОШ № 12»" in group
    assert "Экземпляр соглашения получила:" in group


def test_the_order_and_the_regulation_rest_on_the_consents_and_agreements(kit):
    order = text(kit["order-teacher-pairs.docx"])
    assert (
        order.startswith("Муниципальное")
        and "В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, Положением" in order
    )
    assert (
        "письменных согласий педагогических работников на осуществление наставничества и дополнительных соглашений"
        in order
    )
    assert (
        "Производить оплату работы по наставничеству в размере и порядке, установленных дополнительными соглашениями"
        in order
    )
    regulation = text(kit["regulation-teacher-system.docx"])
    assert "статьёй 351.8 Трудового кодекса Российской Федерации;" in regulation
    assert (
        "оплата работы по наставничеству устанавливаются трудовым договором наставника или дополнительным соглашением"
        in regulation
    )


def test_before_march_2025_the_article_is_not_cited(raw):
    old = yaml.safe_load(yaml.safe_dump(raw))
    old["year"] = 2024
    old["orders"] = {
        "model": {"number": "23-02", "date": "2024-08-26"},
        "pairs": {"number": "97-02", "date": "2024-09-16"},
    }
    for pair in old["pairs"]:
        pair.update(start="2024-09-17", end="2025-05-30")
        pair.pop("consent_date", None)
        pair.pop("agreement_date", None)
    files = {item.name: item.data for item in build_kit("teachers", old).files}
    assert not any("351.8" in text(data) for data in files.values())
    assert "В соответствии с Положением о системе наставничества" in text(files["order-teacher-pairs.docx"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"agreement_date": "2026-09-07"},
            r"pairs\[0\]\.consent_date: согласие наставника \(08\.09\.2026\) позже дополнительного соглашения \(pairs\[0\]\.agreement_date, 07\.09\.2026\)",
        ),
        (
            {"agreement_date": "2026-09-15"},
            r"pairs\[0\]\.agreement_date: .*позже приказа о назначении пар \(orders\.pairs\.date, 14\.09\.2026\)",
        ),
        (
            {"start": "2026-09-01"},
            r"pairs\[0\]\.start: пара начинает работу \(01\.09\.2026\) раньше приказа о назначении пар",
        ),
    ],
)
def test_dates_out_of_the_order_of_article_351_8_are_refused(raw, change, message):
    from nastavnik_docs.errors import ValidationError
    from nastavnik_docs.models import TeachersData, validate

    bad = yaml.safe_load(yaml.safe_dump(raw))
    bad["pairs"][0].update(change)
    with pytest.raises(ValidationError, match=message):
        validate(bad, TeachersData)
