"""``monitoring collect``: the three documents written from a folder of forms, rejected files on the
console with their cells, exit code 0 when every file is accepted, 1 when some are not, 2 when none is."""

import shutil
from pathlib import Path

import docx
import openpyxl
from command import run

from nastavnik_docs.io.manifest import MANIFEST

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "monitoring"


def test_the_sample_folder_makes_three_documents_and_lists_every_rejected_file(monkeypatch, capsys, tmp_path):
    summary, report, page = tmp_path / "svod.xlsx", tmp_path / "spravka.docx", tmp_path / "itogi.html"
    code, out, err = run(
        monkeypatch, capsys, "monitoring", "collect", str(SAMPLES), "-o", str(summary),
        "--report", str(report), "--html", str(page), "--by", "Управление образования Новоборска",
    )  # fmt: skip
    assert code == 1  # written, but some files were not accepted
    assert err.splitlines()[0] == "10 файлов не приняты:"
    assert (
        "  zaozerny/forma-s-tekstom.xlsx, лист «Мониторинг», ячейка C18 («Наставников, чел. — «ученик – ученик»»): "
        "ожидается целое число (в ячейке — текст)"
    ) in err.splitlines()
    assert "  klyuchevskoy/forma-s-parolem.xlsx: книга защищена паролем на открытие: сохраните форму без пароля" in err
    assert out.startswith("Принято: 30 форм; записано: ")
    assert openpyxl.load_workbook(summary)["Итоги"]["A2"].value == "Управление образования Новоборска"
    assert docx.Document(report).paragraphs[-1].text == "Управление образования Новоборска"
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_folder_of_good_forms_exits_with_0_and_an_existing_file_is_kept(monkeypatch, capsys, tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    for path in sorted(SAMPLES.glob("novoborsk/forma-0*.xlsx"))[:3]:
        shutil.copy(path, folder / path.name)
    summary = tmp_path / "svod.xlsx"
    code, out, err = run(
        monkeypatch, capsys, "monitoring", "collect", str(folder), "-o", str(summary), "--year", "2026"
    )
    assert (code, err) == (0, "")
    assert out.startswith(f"Принято: 3 формы; записано: {summary} (")
    report = tmp_path / "spravka.docx"
    summary.write_bytes(b"the user's own file")
    code, out, err = run(
        monkeypatch, capsys, "monitoring", "collect", str(folder), "-o", str(summary), "--report", str(report)
    )
    assert code == 2 and "уже существует" in err and "--force" in err
    assert summary.read_bytes() == b"the user's own file" and not report.exists()  # nothing half-written
    code, _, _ = run(monkeypatch, capsys, "monitoring", "collect", str(folder), "-o", str(summary), "--force")
    assert code == 0 and openpyxl.load_workbook(summary).sheetnames[0] == "Итоги"


def test_no_usable_form_is_exit_code_2_and_nothing_is_written(monkeypatch, capsys, tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(SAMPLES / "zaozerny" / "forma-oborvana.xlsx", folder)
    (folder / "notes.txt").write_text("не форма", encoding="utf-8")
    summary = tmp_path / "svod.xlsx"
    code, out, err = run(monkeypatch, capsys, "monitoring", "collect", str(folder), "-o", str(summary))
    assert code == 2 and out == ""
    assert "2 файла не приняты:" in err and "forma-oborvana.xlsx: файл повреждён" in err
    assert err.splitlines()[-1].startswith("Ошибка: В папке") and not summary.exists()
    code, _, err = run(monkeypatch, capsys, "monitoring", "collect", str(tmp_path / "none"), "-o", str(summary))
    assert code == 2 and "не найдена" in err


def test_the_monitoring_kit_makes_the_three_at_once(monkeypatch, capsys, tmp_path):
    code, _out, err = run(monkeypatch, capsys, "kit", "monitoring", str(SAMPLES), "-o", str(tmp_path / "kit"), "--ids")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "kit").iterdir() if p.name != MANIFEST) == [
        "analytical-report.docx",
        "monitoring-results-fragment.html",
        "monitoring-results.html",
        "monitoring-summary.xlsx",
    ]
