"""Corrected forms: the proof sheet of a kit, and a correction applied in every document that prints the phrase."""

from pathlib import Path

import openpyxl
import pytest
import yaml
from readback import docx_text
from test_cli_kit import run

from nastavnik_docs.errors import InputError
from nastavnik_docs.models import MunicipalData, SchoolData
from nastavnik_docs.produce import build_kit, produce_kit, proof_rows

ROOT = Path(__file__).resolve().parents[1]
CURATOR = "Черных Любовь Павловна"
AUTOMATIC = "Черных Любовь Павловну"  # the engine's accusative of the sample curator
CORRECTED = "ЧЕРНЫХ Любовь Павловну"  # the surname in capitals, as some offices write it


def texts(kit):
    return {f.name: "\n".join(docx_text(f.data)) for f in kit.files if f.name.endswith(".docx")}


def test_a_correction_in_the_data_file_reaches_every_document_of_the_kit(school_raw):
    before = texts(build_kit("stage-1", school_raw))
    printing = {name for name, text in before.items() if AUTOMATIC in text}
    assert len(printing) == 2  # both orders appoint the curator (accusative)
    school_raw["declensions"] = [
        {"phrase": CURATOR, "case": "винительный", "form": CORRECTED},
        {"phrase": CURATOR, "case": "dative", "form": "ЧЕРНЫХ Любови Павловне"},
    ]
    after = texts(build_kit("stage-1", school_raw))
    assert {name for name, text in after.items() if CORRECTED in text} == printing
    assert not any(AUTOMATIC in text for text in after.values())
    # the initials in the dative follow the corrected dative; the nominative ones stay
    assert (
        "Заместителю директора по учебно-воспитательной работе ЧЕРНЫХ\u00a0Л.\u00a0П. обеспечить"
        in after["order-management-team.docx"]
    )
    assert "Куратору ЧЕРНЫХ\u00a0Л.\u00a0П.:" in after["order-introduce-model.docx"]
    assert "Черных\u00a0Л.\u00a0П." in after["order-introduce-model.docx"]


def test_a_corrected_position_and_place_reach_their_documents(school_raw):
    position = "заместитель директора по учебно-воспитательной работе"
    school_raw["declensions"] = [
        {"phrase": position, "case": "dative", "form": "заместителю директора по УВР"},
    ]
    after = texts(build_kit("stage-1", school_raw))
    order = after["order-management-team.docx"]
    assert "Заместителю директора по УВР Черных\u00a0Л.\u00a0П. обеспечить" in order  # capfirst after the correction
    assert not any("аместителю директора по учебно-воспитательной работе" in text for text in after.values())
    municipal = yaml.safe_load((ROOT / "samples" / "municipality.yaml").read_text(encoding="utf-8"))
    municipal["declensions"] = [{"phrase": "город Новоборск", "case": "genitive", "form": "г. Новоборска"}]
    order = texts(build_kit("municipal", MunicipalData.model_validate(municipal)))["order-municipal.docx"]
    assert "образовательных организациях г. Новоборска" in order
    assert "организациях города Новоборска" not in order


def test_an_unused_correction_is_reported_by_its_place_and_nothing_is_written(school_raw, tmp_path):
    school_raw["declensions"] = [
        {"phrase": CURATOR, "case": "dative", "form": CORRECTED},
        {"phrase": "Никто Никакой Никакович", "case": "genitive", "form": "Никого"},
    ]
    with pytest.raises(InputError, match=r"declensions\[1\]") as caught:
        produce_kit("stage-1", SchoolData.model_validate(school_raw), tmp_path / "out")
    assert "Никто" not in str(caught.value)  # personal data never in a message
    assert not (tmp_path / "out").exists()


def test_the_same_phrase_corrected_two_ways_is_an_error(school_raw):
    school_raw["declensions"] = [
        {"phrase": CURATOR, "case": "dative", "form": CORRECTED},
        {"phrase": CURATOR, "case": "dative", "form": AUTOMATIC},
    ]
    with pytest.raises(InputError, match=r"declensions\[1\]: та же фраза"):
        build_kit("stage-1", school_raw)


def test_the_nominative_cannot_be_corrected(school_raw):
    school_raw["declensions"] = [{"phrase": CURATOR, "case": "nominative", "form": CURATOR}]
    with pytest.raises(InputError, match=r"declensions\[0\]\.case: именительный падеж"):
        build_kit("stage-1", school_raw)


def test_proof_rows_list_each_phrase_and_case_with_the_documents_printing_it():
    school = SchoolData.model_validate(yaml.safe_load((ROOT / "samples" / "school.yaml").read_text(encoding="utf-8")))
    rows = {(row.phrase, row.case.value): row for _, row in proof_rows({"stage-1": school})}
    curator = rows[(CURATOR, "accusative")]
    assert (curator.kind, curator.form, curator.automatic) == ("person", AUTOMATIC, AUTOMATIC)
    assert set(curator.documents) == {"order-management-team", "order-introduce-model"}
    assert rows[(CURATOR, "dative")].form == "Черных Любови Павловне"
    assert all(row.case.value != "nominative" for row in rows.values())


def kit_with(monkeypatch, capsys, sheet, out):
    """Run ``kit stage-1`` on the sample school with the corrections of ``sheet``; return (code, stdout, stderr)."""
    school = str(ROOT / "samples" / "school.yaml")
    return run(monkeypatch, capsys, "kit", "stage-1", school, "-o", str(out), "--corrections", str(sheet), "--ids")


def sheet_rows(path):
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def test_proof_command_then_kit_with_the_corrected_sheet(monkeypatch, capsys, tmp_path):
    school, register = ROOT / "samples" / "school.yaml", ROOT / "samples" / "register.xlsx"
    sheet = tmp_path / "proof.xlsx"
    code, out, _ = run(monkeypatch, capsys, "proof", str(school), str(register), "-o", str(sheet))
    assert code == 0 and "stage-1, stage-2, stage-3, stage-4" in out
    rows = sheet_rows(sheet)
    assert rows[0][:4] == ("Фраза (как в данных)", "Что это", "Падеж", "Форма в документах (исправьте здесь)")
    dative = next(r for r in rows if r[0] == CURATOR and r[2] == "дательный")
    assert "stage-1: order-management-team" in dative[5] and "stage-4: order-pairs" in dative[5]
    line = next(i for i, r in enumerate(rows) if r[0] == CURATOR and r[2] == "винительный")
    assert rows[line][3] == AUTOMATIC and rows[line][4] == AUTOMATIC
    assert any(r[1] == "человек" and r[2] == "родительный" for r in rows[1:])  # the consents' subjects
    book = openpyxl.load_workbook(sheet)
    book.active.cell(line + 1, 4).value = CORRECTED
    book.save(sheet)
    code, _, err = kit_with(monkeypatch, capsys, sheet, tmp_path / "kit")
    assert code == 0, err
    printed = {p.name: "\n".join(docx_text(p.read_bytes())) for p in (tmp_path / "kit").glob("*.docx")}
    assert {name for name, text in printed.items() if CORRECTED in text} == {
        "order-management-team.docx",
        "order-introduce-model.docx",
    }
    assert not any(AUTOMATIC in text for text in printed.values())


def test_kit_with_a_sheet_correction_that_matches_nothing_exits_2(monkeypatch, capsys, tmp_path):
    school = ROOT / "samples" / "school.yaml"
    sheet = tmp_path / "proof.xlsx"
    run(monkeypatch, capsys, "proof", str(school), "-o", str(sheet), "--kit", "stage-1")
    book = openpyxl.load_workbook(sheet)
    book.active.append(["Иванов Иван Иванович", "человек", "дательный", "Иванову Ивану Ивановичу", "", ""])
    book.save(sheet)
    rows = len(sheet_rows(sheet))
    code, _, err = kit_with(monkeypatch, capsys, sheet, tmp_path / "kit")
    assert code == 2
    assert f"proof.xlsx, строка {rows}" in err and "Иванов" not in err
    assert not (tmp_path / "kit").exists()


def test_a_sheet_with_a_bad_case_names_the_row_and_column(monkeypatch, capsys, tmp_path):
    sheet = tmp_path / "proof.xlsx"
    run(monkeypatch, capsys, "proof", str(ROOT / "samples" / "school.yaml"), "-o", str(sheet), "--kit", "stage-1")
    book = openpyxl.load_workbook(sheet)
    book.active.cell(2, 3).value = "звательный"
    book.active.cell(2, 4).value = "что-то другое"
    book.save(sheet)
    code, _, err = kit_with(monkeypatch, capsys, sheet, tmp_path / "k")
    assert code == 2
    assert "proof.xlsx, строка 2, «Падеж»: ожидается падеж" in err


def test_proof_refuses_to_overwrite_without_force(monkeypatch, capsys, tmp_path):
    sheet = tmp_path / "proof.xlsx"
    sheet.write_bytes(b"mine")
    code, _, err = run(monkeypatch, capsys, "proof", str(ROOT / "samples" / "school.yaml"), "-o", str(sheet))
    assert code == 2 and "--force" in err
    assert sheet.read_bytes() == b"mine"
