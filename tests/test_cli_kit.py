import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import yaml
from command import run

from nastavnik_docs.io.manifest import MANIFEST

ROOT = Path(__file__).resolve().parents[1]


def test_kit_stage_1_writes_the_kit(monkeypatch, capsys, tmp_path):
    code, out, err = run(
        monkeypatch, capsys, "kit", "stage-1", str(ROOT / "samples" / "school.yaml"), "-o", str(tmp_path / "out")
    )
    assert (code, err) == (0, "")
    assert out.startswith("Готово: комплект stage-1 (6 файлов)")  # the files as written, the fragment counted
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name != MANIFEST)
    assert names == [
        "01 Приказ о создании и организации работы управленческой команды для внедрения целевой модели.docx",
        "02 Приказ о внедрении целевой модели наставничества обучающихся.docx",
        "03 Положение о реализации целевой модели наставничества.docx",
        "04 Положение о формах наставничества.docx",
        "05 Вкладка «Наставничество» на сайте организации (фрагмент для сайта).html",
        "05 Вкладка «Наставничество» на сайте организации.html",
    ]
    for name in names:
        if name.endswith(".docx"):
            docx.Document(io.BytesIO((tmp_path / "out" / name).read_bytes()))
    page = (tmp_path / "out" / names[-1]).read_text(encoding="utf-8")
    assert 'href="01%20Приказ%20о%20создании' in page  # the tab links to «01 Приказ…» as named


def test_ids_name_the_files_by_document_id(monkeypatch, capsys, tmp_path):
    code, out, err = run(
        monkeypatch,
        capsys,
        "kit",
        "stage-1",
        str(ROOT / "samples" / "school.yaml"),
        "-o",
        str(tmp_path / "out"),
        "--ids",
        "--zip",
    )
    assert (code, err) == (0, "")
    assert out.startswith("Готово: комплект stage-1 (6 файлов)")
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert sorted(archive.namelist()) == [
            "order-introduce-model.docx",
            "order-management-team.docx",
            "regulation-forms.docx",
            "regulation-model.docx",
            "website-tab-fragment.html",
            "website-tab.html",
        ]


def test_bad_data_lists_every_problem_exits_2_and_writes_nothing(monkeypatch, capsys, tmp_path, school_raw):
    school_raw["organisation"]["director"]["name"] = "Ткач"
    del school_raw["period"]
    data = tmp_path / "school.yaml"
    data.write_text(yaml.safe_dump(school_raw, allow_unicode=True), encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "kit", "stage-1", str(data), "-o", str(tmp_path / "out"))
    assert code == 2
    assert out == ""
    assert err.startswith("Ошибка: ")
    assert "organisation.director.name: ожидается «Фамилия Имя Отчество»" in err
    assert "period: обязательное поле не заполнено" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["school.yaml"]


def test_existing_output_needs_force(monkeypatch, capsys, tmp_path):
    out = tmp_path / "out"
    school = str(ROOT / "samples" / "school.yaml")
    assert run(monkeypatch, capsys, "kit", "stage-1", school, "-o", str(out), "--ids")[0] == 0
    (out / "regulation-model.docx").write_bytes(b"edited by hand")
    code, _, err = run(monkeypatch, capsys, "kit", "stage-1", school, "-o", str(out), "--ids")
    assert code == 2 and "--force" in err
    assert (out / "regulation-model.docx").read_bytes() == b"edited by hand"
    code, _, _ = run(monkeypatch, capsys, "kit", "stage-1", school, "-o", str(out), "--force", "--ids")
    assert code == 0
    assert (out / "regulation-model.docx").read_bytes() != b"edited by hand"


def test_zip_option(monkeypatch, capsys, tmp_path):
    code, _out, _ = run(
        monkeypatch,
        capsys,
        "kit",
        "stage-1",
        str(ROOT / "samples" / "school.yaml"),
        "-o",
        str(tmp_path / "kit"),
        "--zip",
    )
    assert code == 0
    assert (tmp_path / "kit.zip").is_file()


def test_unknown_kit_and_missing_data_file(monkeypatch, capsys, tmp_path):
    code, _, err = run(
        monkeypatch, capsys, "kit", "stage-9", str(ROOT / "samples" / "school.yaml"), "-o", str(tmp_path / "o")
    )
    assert code == 2 and "Неизвестный комплект «stage-9»" in err
    code, _, err = run(monkeypatch, capsys, "kit", "stage-1", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "o"))
    assert code == 2 and "не найден" in err


def test_malicious_user_template_is_refused(monkeypatch, capsys, tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "website-tab.html").write_text("{{ cycler.__init__.__globals__.os.system('true') }}", encoding="utf-8")
    code, _, err = run(
        monkeypatch,
        capsys,
        "kit",
        "stage-1",
        str(ROOT / "samples" / "school.yaml"),
        "-o",
        str(tmp_path / "out"),
        "--templates",
        str(templates),
    )
    assert code == 1
    assert "website-tab.html" in err and "запрещено" in err
    assert not (tmp_path / "out").exists()


def test_schema_prints_json_schema(monkeypatch, capsys):
    import json

    code, out, _ = run(monkeypatch, capsys, "schema", "school")
    assert code == 0
    schema = json.loads(out)
    assert "organisation" in schema["properties"]
    code, _, err = run(monkeypatch, capsys, "schema", "pupil")
    assert code == 2 and "school" in err


def test_templates_export_and_check(monkeypatch, capsys, tmp_path):
    folder = tmp_path / "tpl"
    code, out, _ = run(monkeypatch, capsys, "templates", "export", str(folder))
    from nastavnik_docs.content import wording_files as bundled_wording
    from nastavnik_docs.io.templates import bundled_templates

    total = len(bundled_templates()) + len(bundled_wording())
    assert total >= 9
    assert code == 0 and f"Скопировано файлов: {total}" in out
    code, out, _ = run(monkeypatch, capsys, "templates", "check", str(folder))
    assert code == 0 and out.count("в порядке") == total, out
    (folder / "website-tab.html").write_text("{{ org.short_name }} {{ schol }} {% for x in %}", encoding="utf-8")
    (folder / "extra.html").write_text("<p>{{ org.ful_name }}</p>", encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, "templates", "check", str(folder))
    assert code == 2
    assert "website-tab.html: ошибки" in out and "Синтаксическая ошибка" in out
    assert "extra.html: ошибки" in out and "не совпадает ни с одним документом" in out
    (folder / "website-tab.html").write_text("{{ org.short_name }} {{ schol }}", encoding="utf-8")
    (folder / "extra.html").unlink()
    code, out, _ = run(monkeypatch, capsys, "templates", "check", str(folder))
    assert code == 2 and "переменные, которых нет в данных: schol" in out
    (folder / "website-tab.html").write_text("{{ org.ful_name }}", encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, "templates", "check", str(folder))
    assert code == 2 and "ful_name" in out
    code, _, err = run(monkeypatch, capsys, "templates", "export", str(folder))
    assert code == 2 and "--force" in err


def test_demo_from_a_cold_start(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "nastavnik_docs", "demo", "-o", str(tmp_path / "demo")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    from nastavnik_docs.documents import KITS

    assert sorted(p.name for p in (tmp_path / "demo").iterdir()) == sorted([*KITS, MANIFEST])
    assert len(list((tmp_path / "demo" / "stage-1").iterdir())) == 6


def test_check_sees_mistakes_inside_the_documents_loop_and_wording_files(monkeypatch, capsys, tmp_path):
    folder = tmp_path / "tpl"
    run(monkeypatch, capsys, "templates", "export", str(folder))
    (folder / "website-tab.html").write_text("{% for doc in documents %}{{ doc.titel }}{% endfor %}", encoding="utf-8")
    (folder / "regulation-forms.yaml").write_text(
        "title: X\napproved_by: y\nsubtitle: z\nsections:\n  - title: t\n    each: froms\n", encoding="utf-8"
    )
    code, out, _ = run(monkeypatch, capsys, "templates", "check", str(folder))
    assert code == 2
    assert "website-tab.html: ошибки" in out and "нет поля «titel»" in out
    assert "regulation-forms.yaml: ошибки" in out and "нет переменной «froms»" in out


def test_kit_stage_4_with_the_register(monkeypatch, capsys, tmp_path):
    code, _out, err = run(
        monkeypatch,
        capsys,
        "kit",
        "stage-4",
        str(ROOT / "samples" / "school.yaml"),
        str(ROOT / "samples" / "register.xlsx"),
        "-o",
        str(tmp_path / "out"),
        "--jobs",
        "2",
    )
    assert code == 0, err
    folders = sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir())
    assert folders == [
        "06 Согласия на обработку персональных данных",
        "07 Соглашения о сотрудничестве между наставником и наставляемым",
        "08 Индивидуальные планы наставнических пар (групп)",
        "09 Договоры о социальном партнёрстве",
    ]
    assert (tmp_path / "out" / "01 Приказ о закреплении наставнических пар (групп).docx").is_file()
    # the blank register the kit writes is not named as the user's filled one
    assert not (tmp_path / "out" / "register.xlsx").exists()
    assert (
        tmp_path / "out" / "05 Форма базы данных наставников, наставляемых и программ наставничества.xlsx"
    ).is_file()


def test_kit_stage_4_needs_a_register_and_stage_1_refuses_one(monkeypatch, capsys, tmp_path):
    code, _, err = run(
        monkeypatch, capsys, "kit", "stage-4", str(ROOT / "samples" / "school.yaml"), "-o", str(tmp_path / "o")
    )
    assert code == 2 and "нужен реестр участников" in err
    code, _, err = run(
        monkeypatch,
        capsys,
        "kit",
        "stage-1",
        str(ROOT / "samples" / "school.yaml"),
        str(ROOT / "samples" / "register.xlsx"),
        "-o",
        str(tmp_path / "o"),
    )
    assert code == 2 and "не нужен" in err


def test_bad_register_lists_cells_and_writes_nothing(monkeypatch, capsys, tmp_path):
    import openpyxl

    book = openpyxl.load_workbook(ROOT / "samples" / "register.xlsx")
    book["Наставляемые"]["F14"] = "вчера"
    path = tmp_path / "register.xlsx"
    book.save(path)
    code, out, err = run(
        monkeypatch,
        capsys,
        "kit",
        "stage-4",
        str(ROOT / "samples" / "school.yaml"),
        str(path),
        "-o",
        str(tmp_path / "out"),
    )
    assert code == 2 and out == ""
    assert "Наставляемые, строка 14, «Дата рождения»: ожидается дата ДД.ММ.ГГГГ (в ячейке — текст)" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()
    code, _, err = run(monkeypatch, capsys, "register", "check", str(path))
    assert code == 2 and "строка 14" in err


def test_register_template_and_check(monkeypatch, capsys, tmp_path):
    import openpyxl

    target = tmp_path / "blank.xlsx"
    code, out, _ = run(monkeypatch, capsys, "register", "template", "-o", str(target))
    assert code == 0 and target.is_file()
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Наставники", "Наставляемые", "Пары и группы", "Партнёры"]
    assert book["Пары и группы"]["D2"].value == "Форма наставничества*"
    assert any(v.type == "list" for v in book["Пары и группы"].data_validations.dataValidation)
    code, _, err = run(monkeypatch, capsys, "register", "template", "-o", str(target))
    assert code == 2 and "--force" in err
    code, out, _ = run(monkeypatch, capsys, "register", "check", str(ROOT / "samples" / "register.xlsx"))
    assert code == 0 and out.startswith("Реестр в порядке: наставников 82")
