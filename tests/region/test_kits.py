"""Region jobs in this process: a kit per organisation, the index workbook, one bad organisation stops no other."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from region.conftest import ORGANISATIONS, tree

from nastavnik_docs.errors import InputError
from nastavnik_docs.io.manifest import MANIFEST
from nastavnik_docs.io.region import INDEX, SUMMARY, organisation_files
from nastavnik_docs.region import produce_region

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/command.py
from command import run
from sample_region import BAD_CELL, make_region


def _rows(path: Path, sheet: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def test_every_organisation_has_its_kit_and_the_bad_one_its_error(region, in_process):
    folders = sorted(path.name for path in region.iterdir())
    made = sorted(path.name for path in in_process.iterdir())
    assert made == sorted([*folders[:-1], INDEX, SUMMARY])  # the bad organisation has no kit, not even a half
    summary = json.loads((in_process / SUMMARY).read_text(encoding="utf-8"))
    assert summary["kit"] == "stage-4" and len(summary["organisations"]) == ORGANISATIONS
    bad = summary["organisations"][-1]
    assert bad["ok"] is False and bad["error"] == "register.xlsx: 1 ошибка в реестре"
    assert bad["problems"] == ["Наставляемые, строка 4, «Дата рождения»: ожидается дата ДД.ММ.ГГГГ (в ячейке — текст)"]
    assert BAD_CELL not in json.dumps(summary, ensure_ascii=False)  # a cell is named, never quoted
    # Each kit is that organisation's: its own name in its order, its own people in its consents.
    for item in summary["organisations"][:-1]:
        data = (region / item["folder"] / "data.yaml").read_text(encoding="utf-8")
        assert item["organisation"] in data and item["inn"] in data
        order = docx.Document(io.BytesIO((in_process / item["output"] / "order-pairs.docx").read_bytes()))
        text = "\n".join(p.text for p in order.paragraphs).replace("\u00a0", " ")
        assert f"О закреплении наставнических пар (групп) в {item['organisation']}" in text
        assert "{{" not in text and "{%" not in text
        kit = sorted(p.name for p in (in_process / item["output"]).iterdir())
        assert MANIFEST in kit and "consents" in kit and "order-pairs.docx" in kit
    first, second = summary["organisations"][:2]
    consents = [sorted(p.name for p in (in_process / o["output"] / "consents").iterdir()) for o in (first, second)]
    assert consents[0] and consents[1] and not set(consents[0]) & set(consents[1])


def test_the_index_lists_every_organisation_and_every_error(region, in_process):
    rows = _rows(in_process / INDEX, "Организации")
    assert rows[0] == (
        "№",
        "Папка организации",
        "Организация",
        "ИНН",
        "Итог",
        "Документов",
        "Комплект",
        "Почему не изготовлен",
    )
    body, total = rows[1:-1], rows[-1]
    assert [row[1] for row in body] == sorted(path.name for path in region.iterdir())
    assert [row[0] for row in body] == list(range(1, ORGANISATIONS + 1))
    assert {row[4] for row in body[:-1]} == {"изготовлен"} and body[-1][4] == "не изготовлен"
    assert all(row[5] > 10 and row[6] == row[1] for row in body[:-1])
    assert body[-1][5:] == (0, None, "register.xlsx: 1 ошибка в реестре")
    assert total[0] == "Всего" and total[2] == ORGANISATIONS and total[4] == ORGANISATIONS - 1
    assert total[5] == sum(row[5] for row in body)
    assert _rows(in_process / INDEX, "Ошибки")[1:] == [
        (body[-1][1], "Наставляемые, строка 4, «Дата рождения»: ожидается дата ДД.ММ.ГГГГ (в ячейке — текст)")
    ]


def test_the_command_line_says_who_failed_and_exits_1(monkeypatch, capsys, tmp_path):
    names = make_region(tmp_path / "region", 3, 2)
    out = tmp_path / "kits"
    code, stdout, err = run(
        monkeypatch, capsys, "region", "kits", str(tmp_path / "region"), "--kit", "stage-4", "-o", str(out)
    )
    assert code == 1
    assert stdout.startswith("Готово: комплекты stage-4 для 2 организаций из 3 (")
    assert f"оглавление — {out / INDEX}" in stdout
    assert err.startswith(f"{names[-1]}: register.xlsx: 1 ошибка в реестре\n  Наставляемые, строка 4")
    assert "Traceback" not in err and BAD_CELL not in err
    kit = sorted(p.name for p in (out / names[0]).iterdir())  # named as the command line names a kit
    assert "01 Приказ о закреплении наставнических пар (групп).docx" in kit
    assert "06 Согласия на обработку персональных данных" in kit
    kept = tree(out)
    # Again without --force: refused, nothing touched; with --force the same files again.
    code, _, err = run(
        monkeypatch, capsys, "region", "kits", str(tmp_path / "region"), "--kit", "stage-4", "-o", str(out)
    )
    assert code == 2 and "--force" in err and tree(out) == kept
    (tmp_path / "region" / names[-1] / "register.xlsx").write_bytes(
        (tmp_path / "region" / names[0] / "register.xlsx").read_bytes()
    )
    code, stdout, err = run(
        monkeypatch,
        capsys,
        "region",
        "kits",
        str(tmp_path / "region"),
        "--kit",
        "stage-4",
        "-o",
        str(out),
        "--force",
        "--zip",
        "--ids",
    )
    assert (code, err) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == sorted([*(f"{n}.zip" for n in names), INDEX, SUMMARY])
    with zipfile.ZipFile(out / f"{names[0]}.zip") as archive:
        listed = archive.namelist()
    assert "order-pairs.docx" in listed and any(name.startswith("consents/") for name in listed)  # --ids


def test_an_output_with_foreign_files_is_never_replaced(region, tmp_path):
    out = tmp_path / "kits"
    out.mkdir()
    (out / "отчёт.docx").write_bytes(b"mine")
    with pytest.raises(InputError, match=r"не пуста, и в ней нет сводки region\.json"):
        produce_region("stage-4", region, out, force=True)
    assert (out / "отчёт.docx").read_bytes() == b"mine" and len(list(out.iterdir())) == 1


def test_an_output_inside_the_region_and_a_collected_kit_are_refused(region, tmp_path):
    with pytest.raises(InputError, match="лежит внутри папки региона"):
        produce_region("stage-4", region, region / "kits")
    with pytest.raises(InputError, match="собирается из папки форм"):
        produce_region("monitoring", region, tmp_path / "out")
    assert not (region / "kits").exists()


def test_an_organisation_folder_names_its_files(tmp_path):
    folder = tmp_path / "school"
    folder.mkdir()
    (folder / "Data.YAML").write_text("a: 1", encoding="utf-8")
    (folder / "реестр.xlsx").write_bytes(b"")
    (folder / "notes.txt").write_text("left alone", encoding="utf-8")
    assert organisation_files(folder) == {"data": folder / "Data.YAML", "register": folder / "реестр.xlsx"}
    (folder / "school.json").write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match=r"два файла для одного входа: Data\.YAML и school\.json"):
        organisation_files(folder)
