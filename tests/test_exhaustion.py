"""Exhaustion through the real command line: zip bombs and runaway templates give «Ошибка: …», never a traceback.

Every bomb is made in the test's folder from a real package (tests/bombs.py): a member of spaces
that unpacks to just over the limit of its kind of file, half a megabyte on disk.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from bombs import bomb
from command import run

from nastavnik_docs.archive import zip_bytes
from nastavnik_docs.errors import DataFileError

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
TEMPLATES = ROOT / "templates"
SCHOOL = str(SAMPLES / "school.yaml")


def refused(monkeypatch, capsys, *args):
    """Run the command; return its one-line error after checking it is a clean refusal."""
    code, _, err = run(monkeypatch, capsys, *args)
    assert code in (1, 2), err
    assert err.startswith("Ошибка: ") and "Traceback" not in err, err
    return code, err


# --- zip bombs --------------------------------------------------------------------------------------------------


def test_register_bomb_is_refused_by_register_check_and_kits(monkeypatch, capsys, tmp_path):
    register = tmp_path / "register.xlsx"
    register.write_bytes(bomb(SAMPLES / "register.xlsx", 513))
    code, err = refused(monkeypatch, capsys, "register", "check", str(register))
    assert code == 2
    assert "Файл реестра register.xlsx не принят: в распакованном виде он занимает 514 МБ" in err
    code, err = refused(monkeypatch, capsys, "kit", "stage-4", SCHOOL, str(register), "-o", str(tmp_path / "out"))
    assert code == 2 and "допустимо не больше 512 МБ" in err
    assert not (tmp_path / "out").exists()


def test_register_whose_member_lies_about_its_size_is_refused(monkeypatch, capsys, tmp_path):
    register = tmp_path / "register.xlsx"
    register.write_bytes(bomb(SAMPLES / "register.xlsx", 50, member="xl/worksheets/sheet2.xml", declared=4096))
    code, err = refused(monkeypatch, capsys, "register", "check", str(register))
    assert code == 2 and "Файл реестра register.xlsx повреждён или подделан" in err


def test_survey_answers_bomb_is_refused(monkeypatch, capsys, tmp_path):
    answers = tmp_path / "surveys.xlsx"
    answers.write_bytes(bomb(SAMPLES / "surveys.xlsx", 2))
    out = tmp_path / "out"
    args = ("kit", "stage-6", SCHOOL, str(SAMPLES / "register.xlsx"), "--surveys", str(answers), "-o", str(out))
    code, err = refused(monkeypatch, capsys, *args)
    assert code == 2 and "Файл ответов surveys.xlsx не принят: одна его часть сжата в" in err
    assert not out.exists()


def test_proof_sheet_bomb_is_refused(monkeypatch, capsys, tmp_path):
    proof = tmp_path / "proof.xlsx"
    code, _, _ = run(monkeypatch, capsys, "proof", SCHOOL, "--kit", "stage-1", "-o", str(proof))
    assert code == 0
    proof.write_bytes(bomb(proof, 513))
    out = tmp_path / "out"
    code, err = refused(monkeypatch, capsys, "kit", "stage-1", SCHOOL, "-o", str(out), "--corrections", str(proof))
    assert code == 2 and "Лист проверки склонений proof.xlsx не принят: в распакованном виде" in err
    assert not out.exists()


def test_template_bomb_is_refused_by_kits_and_templates_check(monkeypatch, capsys, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    name = "order-management-team.docx"
    (folder / name).write_bytes(bomb(TEMPLATES / "docx" / name, 129, member="word/media/image9.xml"))
    out = tmp_path / "out"
    code, err = refused(monkeypatch, capsys, "kit", "stage-1", SCHOOL, "-o", str(out), "--templates", str(folder))
    assert "Шаблон order-management-team.docx не принят: в распакованном виде он занимает" in err
    assert "допустимо не больше 128 МБ" in err and not out.exists()
    code, out_text, _ = run(monkeypatch, capsys, "templates", "check", str(folder))
    assert code != 0 and "Шаблон order-management-team.docx не принят" in out_text


def test_monitoring_form_bomb_is_refused_and_set_aside_by_collect(tmp_path):
    from nastavnik_docs.io.monitoring import collect, read_report

    form = TEMPLATES / "xlsx" / "final-monitoring-form.xlsx"
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "school-5.xlsx").write_bytes(bomb(form, 65))
    with pytest.raises(DataFileError, match=r"^school-5\.xlsx: файл не принят: в распакованном виде"):
        read_report(folder / "school-5.xlsx")
    (folder / "school-6.xlsx").write_bytes(bomb(form, 3, declared=100))
    result = collect(folder)
    assert result.reports == []
    reasons = {rejected.source: rejected.problems[0] for rejected in result.rejected}
    assert "допустимо не больше 64 МБ" in str(reasons["school-5.xlsx"])
    assert "повреждён или подделан" in str(reasons["school-6.xlsx"])


# --- runaway templates ------------------------------------------------------------------------------------------

PAYLOADS = [
    ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", "повторений циклов"),
    ("{{ 9**(9**9) }}", "длиннее 14300 бит"),
    ("{{ 'x' * 10**9 }}", "больше 64 млн знаков"),
    ('{{ "%999999999s"|format(1) }}', "больше 64 млн знаков"),
    ("{{ 'a'|center(10**9) }}", "больше 64 млн знаков"),
    ("{{ range(100000)|join('x' * 100000) }}", "больше 64 млн знаков"),
    ("{{ range(3)|batch(10**7, 'x' * 100)|list }}", "больше 1 000 000 элементов"),
]


def _kit_with(monkeypatch, capsys, tmp_path, folder, kit="stage-1"):
    out = tmp_path / "out"
    code, err = refused(monkeypatch, capsys, "kit", kit, SCHOOL, "-o", str(out), "--templates", str(folder))
    assert code == 1 and not out.exists()
    return err


@pytest.mark.parametrize(("payload", "reason"), PAYLOADS)
def test_runaway_html_template_is_refused_with_its_line(monkeypatch, capsys, tmp_path, payload, reason):
    folder = tmp_path / "tpl"
    folder.mkdir()
    page = (TEMPLATES / "html" / "website-tab.html").read_text(encoding="utf-8")
    lines = page.count("\n")
    (folder / "website-tab.html").write_text(page + payload + "\n", encoding="utf-8")
    err = _kit_with(monkeypatch, capsys, tmp_path, folder)
    assert f"Ошибка: Шаблон website-tab.html, строка {lines + 1}: " in err and reason in err


def _docx_with(name: str, payload: str, *, part: str = "word/document.xml") -> bytes:
    """Return the bundled Word template ``name`` with ``payload`` in a paragraph of the body (or as the title)."""
    with zipfile.ZipFile(TEMPLATES / "docx" / name) as package:
        members = {member: package.read(member) for member in package.namelist()}
    text = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    xml = members[part].decode("utf-8")
    if part == "word/document.xml":
        at = xml.rfind("<w:sectPr")
        xml = xml[:at] + f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" + xml[at:]
    else:  # the document's title: docxtpl renders it too (the template then takes docxtpl's own path)
        xml = re.sub(r"<dc:title>.*?</dc:title>", f"<dc:title>{text}</dc:title>", xml)
    members[part] = xml.encode("utf-8")
    return zip_bytes(members)


@pytest.mark.parametrize(("payload", "reason"), PAYLOADS)
def test_runaway_word_template_is_refused(monkeypatch, capsys, tmp_path, payload, reason):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "order-management-team.docx").write_bytes(_docx_with("order-management-team.docx", payload))
    err = _kit_with(monkeypatch, capsys, tmp_path, folder)
    assert err.startswith("Ошибка: Шаблон order-management-team.docx: ") and reason in err


def test_runaway_word_template_on_docxtpls_own_path_is_refused(monkeypatch, capsys, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    payload = "{{ 'x' * 10**9 }}"
    (folder / "order-management-team.docx").write_bytes(
        _docx_with("order-management-team.docx", payload, part="docProps/core.xml")
    )
    err = _kit_with(monkeypatch, capsys, tmp_path, folder)
    assert err.startswith("Ошибка: Шаблон order-management-team.docx: значение в шаблоне получается больше 64 млн")


@pytest.mark.parametrize(("payload", "reason"), PAYLOADS)
def test_runaway_excel_template_is_refused_naming_the_cell(monkeypatch, capsys, tmp_path, payload, reason):
    folder = tmp_path / "tpl"
    folder.mkdir()
    book = openpyxl.load_workbook(TEMPLATES / "xlsx" / "roadmap.xlsx")
    sheet = book.worksheets[0]
    sheet["H2"] = payload
    output = io.BytesIO()
    book.save(output)
    (folder / "roadmap.xlsx").write_bytes(output.getvalue())
    err = _kit_with(monkeypatch, capsys, tmp_path, folder, kit="stage-2")
    assert err.startswith(f"Ошибка: Шаблон roadmap.xlsx, лист «{sheet.title}», ячейка H2: ") and reason in err


def test_runaway_wording_file_is_refused(monkeypatch, capsys, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    wording = (ROOT / "nastavnik_docs" / "content" / "wording" / "order-management-team.yaml").read_text(
        encoding="utf-8"
    )
    wording = wording.replace("clauses:\n", "clauses:\n  - text: \"{{ 'x' * 10**9 }}\"\n", 1)
    assert "10**9" in wording
    (folder / "order-management-team.yaml").write_text(wording, encoding="utf-8")
    err = _kit_with(monkeypatch, capsys, tmp_path, folder)
    assert "order-management-team.yaml" in err and "больше 64 млн знаков" in err


def test_a_users_copy_of_every_bundled_template_still_builds(monkeypatch, capsys, tmp_path):
    folder = tmp_path / "tpl"
    shutil.copytree(TEMPLATES / "docx", folder)
    for source in (TEMPLATES / "xlsx").iterdir():
        shutil.copy(source, folder)
    code, _, err = run(
        monkeypatch, capsys, "kit", "stage-2", SCHOOL, "-o", str(tmp_path / "out"), "--templates", str(folder), "--ids"
    )
    assert code == 0, err
    assert {path.name for path in (tmp_path / "out").iterdir()} >= {"roadmap.docx", "roadmap.xlsx", "plan.docx"}
