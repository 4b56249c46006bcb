"""The command line of stages 7 and 8: the kits read the school's filled final monitoring form."""

from pathlib import Path

from command import run

from nastavnik_docs.io.manifest import MANIFEST

ROOT = Path(__file__).resolve().parents[1]
SCHOOL, REGISTER, FORM = (ROOT / "samples" / name for name in ("school.yaml", "register.xlsx", "monitoring-form.xlsx"))


def stage_7(monkeypatch, capsys, out: Path, *options: str) -> tuple[int, str, str]:
    """Run ``kit stage-7`` of the samples with the filled form into ``out`` (files named by id)."""
    arguments = ["kit", "stage-7", str(SCHOOL), str(REGISTER), "--monitoring", str(FORM), "-o", str(out), "--ids"]
    return run(monkeypatch, capsys, *arguments, *options)


def test_kit_stage_7_with_the_form(monkeypatch, capsys, tmp_path):
    out = tmp_path / "results"
    code, printed, err = stage_7(monkeypatch, capsys, out)
    assert (code, err) == (0, "")
    assert printed.startswith("Готово: комплект stage-7 (5 файлов)")  # the report, the page and its fragment, 2 cases
    assert sorted(p.name for p in out.iterdir() if p.name != MANIFEST) == [
        "best-practices",
        "school-report.docx",
        "website-results-fragment.html",
        "website-results.html",
    ]
    assert len(list((out / "best-practices").iterdir())) == 2


def test_latin_file_names_of_the_cases_are_what_the_page_links_to(monkeypatch, capsys, tmp_path):
    out = tmp_path / "results"
    code, _, err = stage_7(monkeypatch, capsys, out, "--latin")
    assert code == 0, err
    cases = sorted(p.name for p in (out / "best-practices").iterdir())
    assert all(name.isascii() for name in cases)
    page = (out / "website-results.html").read_text(encoding="utf-8")
    assert all(f'href="best-practices/{name}"' in page for name in cases)


def test_kit_stage_8_reads_no_register(monkeypatch, capsys, tmp_path):
    code, printed, err = run(
        monkeypatch,
        capsys,
        "kit",
        "stage-8",
        str(SCHOOL),
        "--monitoring",
        str(FORM),
        "-o",
        str(tmp_path / "plans"),
        "--ids",
    )
    assert (code, err) == (0, "")
    assert printed.startswith("Готово: комплект stage-8 (4 файла)")
    assert sorted(p.name for p in (tmp_path / "plans").iterdir() if p.name != MANIFEST) == [
        "plan-corrected.docx",
        "plan-corrected.xlsx",
        "roadmap-corrected.docx",
        "roadmap-corrected.xlsx",
    ]
    code, _, err = run(
        monkeypatch,
        capsys,
        "kit",
        "stage-8",
        str(SCHOOL),
        str(REGISTER),
        "--monitoring",
        str(FORM),
        "-o",
        str(tmp_path / "other"),
    )
    assert code == 2 and "реестр участников не нужен" in err
    assert not (tmp_path / "other").exists()


def test_without_the_form_or_with_another_file_the_kits_say_so(monkeypatch, capsys, tmp_path):
    code, _, err = run(monkeypatch, capsys, "kit", "stage-8", str(SCHOOL), "-o", str(tmp_path / "o"))
    assert code == 2 and err == (
        "Ошибка: Для комплекта stage-8 нужна заполненная форма итогового мониторинга: --monitoring ФОРМА.xlsx.\n"
    )
    code, _, err = run(
        monkeypatch, capsys, "kit", "stage-8", str(SCHOOL), "--monitoring", str(REGISTER), "-o", str(tmp_path / "o")
    )
    assert code == 2 and "register.xlsx: это не форма итогового мониторинга" in err
    assert "Traceback" not in err and not (tmp_path / "o").exists()
