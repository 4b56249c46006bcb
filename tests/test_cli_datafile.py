"""``nastavnik-docs datafile template`` and the kit commands reading a filled questionnaire."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from command import run
from readback import docx_text

ROOT = Path(__file__).resolve().parents[1]


def test_datafile_template_writes_each_blank_and_refuses_to_overwrite(monkeypatch, capsys, tmp_path):
    for kind, title in (
        ("school", "Анкета образовательной организации"),
        ("municipality", "Анкета органа управления образованием"),
        ("teachers", "Анкета: наставничество педагогических работников"),
    ):
        target = tmp_path / f"{kind}.xlsx"
        code, out, _ = run(monkeypatch, capsys, "datafile", "template", kind, "-o", str(target))
        assert code == 0 and out == f"Записана пустая анкета ({kind}): {target}.\n"
        assert openpyxl.load_workbook(target)["Анкета"]["A1"].value == title
    code, _, err = run(monkeypatch, capsys, "datafile", "template", "school", "-o", str(tmp_path / "school.xlsx"))
    assert code == 2 and "--force" in err
    code, _, err = run(monkeypatch, capsys, "datafile", "template", "schol", "-o", str(tmp_path / "x.xlsx"))
    assert code == 2 and "Известные: school, municipality, teachers" in err and not (tmp_path / "x.xlsx").exists()


def test_a_kit_from_the_filled_questionnaire(monkeypatch, capsys, tmp_path):
    out = tmp_path / "stage-1"
    code, text, _ = run(
        monkeypatch, capsys, "kit", "stage-1", str(ROOT / "samples" / "school.xlsx"), "-o", str(out), "--ids"
    )
    assert code == 0 and text.startswith("Готово: комплект stage-1 (6 файлов)")
    lines = docx_text((out / "order-introduce-model.docx").read_bytes())
    assert any("Черных Любовь Павловну" in line for line in lines)


def test_a_kit_from_a_blank_questionnaire_lists_every_cell_without_a_traceback(monkeypatch, capsys, tmp_path):
    blank = tmp_path / "blank.xlsx"
    run(monkeypatch, capsys, "datafile", "template", "municipality", "-o", str(blank))
    code, _, err = run(monkeypatch, capsys, "kit", "municipal", str(blank), "-o", str(tmp_path / "out"))
    assert code == 2 and "Traceback" not in err
    assert err.startswith(f"Ошибка: {blank.name}: 15 ошибок в анкете:")
    assert "  Анкета, строка 5, «Полное наименование по уставу»: обязательное поле не заполнено" in err
    assert "  Специалисты: обязательное поле не заполнено" in err
    assert not (tmp_path / "out").exists()


def test_a_questionnaire_of_another_kind(monkeypatch, capsys, tmp_path):
    data = tmp_path / "school.xlsx"
    shutil.copy(ROOT / "samples" / "school.xlsx", data)
    code, _, err = run(monkeypatch, capsys, "kit", "municipal", str(data), "-o", str(tmp_path / "out"))
    assert code == 2
    assert err == (
        f"Ошибка: {data} — анкета вида «school», а комплекту municipal нужна анкета «municipality»: "
        "nastavnik-docs datafile template municipality.\n"
    )
