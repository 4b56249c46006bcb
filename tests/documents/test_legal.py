"""The legal basis as dated data: each document cites the acts in force on its own date
(content/data/acts.yaml), and `templates check` warns about a coordinator's wording that cites an act
not in force then."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from readback import docx_text

from nastavnik_docs.content import content_data, wording_files
from nastavnik_docs.custom_templates import check_templates
from nastavnik_docs.documents.legal import in_force, law_on, outdated_citations
from nastavnik_docs.produce import build_kit

NB = "\u00a0"
NBH = "\u2011"  # the non-breaking hyphen of «№ 1264‑р», «52‑од»
ROOT = Path(__file__).resolve().parents[2]


def dated_2024(raw):
    """Return the sample school moved two years back: its orders of May 2024, every other date by default."""
    raw["period"] = {"start_year": 2024, "end_year": 2028}
    raw["orders"]["management_team"]["date"] = "2024-05-15"
    raw["orders"]["introduce_model"]["date"] = "2024-05-29"
    for dated in ("schedule", "pairs_order", "programme", "correction", "events"):
        raw.pop(dated, None)
    raw["monitoring"].pop("date", None)
    return raw


def texts(raw):
    return {
        item.name: "\n".join(docx_text(item.data)).replace(NB, " ").replace(NBH, "-")
        for item in build_kit("stage-1", raw).files
        if item.name.endswith(".docx")
    }


def sample():
    return yaml.safe_load((ROOT / "samples" / "school.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def both():
    """Return the texts of the stage-1 kit of the sample (May 2026) and of the same school in May 2024."""
    return texts(sample()), texts(dated_2024(sample()))


def test_the_order_cites_the_project_in_force_on_its_date(both):
    now, then = (kit["order-introduce-model.docx"] for kit in both)
    assert "в целях достижения результатов национального проекта «Молодёжь и дети»" in now
    assert "распоряжения Правительства Российской Федерации от 21.05.2025 № 1264-р" in now
    assert "Современная школа" not in now and "«Образование»" not in now
    assert "федерального проекта «Современная школа» национального проекта «Образование»" in then
    assert "1264-р" not in then and "Молодёжь и дети" not in then
    for text in (now, then):
        assert "распоряжения Министерства просвещения Российской Федерации от 25.12.2019 № Р-145" in text


def test_the_regulation_lists_the_acts_in_force(both):
    now, then = (kit["regulation-model.docx"] for kit in both)
    assert "паспортом национального проекта «Образование»" in then and "паспортом" not in now
    assert "распоряжением Правительства Российской Федерации от 21.05.2025 № 1264-р" in now and "1264-р" not in then
    for text in (now, then):
        assert "Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных»;" in text
        assert "Федеральным законом от 29.12.2012 № 273-ФЗ" in text
        assert "\n;\n" not in f"\n{text}\n"  # an act not in force leaves no empty bullet


def test_every_act_has_its_period_and_source():
    data = content_data("acts.yaml")
    for act_id, act in data["acts"].items():
        assert act["name"].startswith(act["head"]["nominative"]), act_id
        assert act.get("to") is None or act["from"] <= act["to"], act_id
        assert act["source"] and act["mentions"], act_id
    for role, ids in data["roles"].items():
        assert set(ids) <= set(data["acts"]), role


@pytest.mark.parametrize(
    ("day", "project"),
    [
        (dt.date(2024, 12, 31), "fp_modern_school"),
        (dt.date(2025, 1, 1), "np_youth"),
    ],
)
def test_the_project_changes_on_the_first_of_january_2025(day, project):
    assert law_on(day)["project"]["id"] == project


def test_article_351_8_is_in_force_from_march_2025():
    act = content_data("acts.yaml")["acts"]["tk3518"]
    assert not in_force(act, dt.date(2025, 2, 28)) and in_force(act, dt.date(2025, 3, 1))
    assert law_on(dt.date(2025, 2, 28))["tk3518"] is None


def test_a_text_is_checked_against_the_date():
    text = "во исполнение регионального проекта «Современная школа» и Федерального закона № 152-ФЗ"
    assert outdated_citations(text, dt.date(2024, 5, 29)) == []
    [line] = outdated_citations(text, dt.date(2026, 5, 29))
    assert line.startswith("«Современная школа»:") and "по 31.12.2024" in line and "29.05.2026" in line


def test_templates_check_warns_about_an_act_not_in_force(tmp_path):
    shutil.copy(wording_files()["order-introduce-model.yaml"], tmp_path / "order-introduce-model.yaml")
    [report] = check_templates(tmp_path)
    assert report.ok and report.warnings == []
    wording = yaml.safe_load((tmp_path / "order-introduce-model.yaml").read_text(encoding="utf-8"))
    wording["preamble"] = "В целях достижения результатов федерального проекта «Современная школа»"
    (tmp_path / "order-introduce-model.yaml").write_text(yaml.safe_dump(wording, allow_unicode=True), encoding="utf-8")
    [report] = check_templates(tmp_path)
    assert report.ok  # a warning: the school may keep a historical reference
    [warning] = report.warnings
    assert "«Современная школа»" in warning and "действует с 01.01.2019 по 31.12.2024" in warning
    assert "документ датирован 29.05.2026" in warning
