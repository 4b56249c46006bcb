"""Nothing the user has is lost: inputs are never written over, a kit replaces an earlier one as a whole,
two runs never mix in one folder, and a disk that fails gives a plain error with nothing half-written."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from command import run

from nastavnik_docs.errors import OutputError
from nastavnik_docs.io.manifest import MANIFEST, foreign_files
from nastavnik_docs.io.output import output_lock
from nastavnik_docs.io.sinks import Kit, KitFile
from nastavnik_docs.produce import write_kit

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inputs_in(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    school = Path(shutil.copy(SAMPLES / "school.yaml", folder / "school.yaml"))
    register = Path(shutil.copy(SAMPLES / "register.xlsx", folder / "register.xlsx"))
    return school, register


# --- inputs are never written over ------------------------------------------------------------------


def test_a_kit_written_into_the_folder_of_its_inputs_is_refused(monkeypatch, capsys, tmp_path):
    school, register = inputs_in(tmp_path / "work")
    before = {path.name: digest(path) for path in (school, register)}
    monkeypatch.chdir(tmp_path / "work")
    code, _, err = run(monkeypatch, capsys, "kit", "stage-4", "school.yaml", "register.xlsx", "-o", ".", "--force")
    assert code == 2
    assert "не записывается поверх своих входных данных" in err and "Traceback" not in err
    assert {path.name: digest(path) for path in (school, register)} == before
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["register.xlsx", "school.yaml"]


def test_the_templates_folder_is_never_the_output(monkeypatch, capsys, tmp_path):
    school, _ = inputs_in(tmp_path)
    templates = tmp_path / "tpl"
    assert run(monkeypatch, capsys, "templates", "export", str(templates))[0] == 0
    edited = next(templates.rglob("*.yaml"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# мои правки\n", encoding="utf-8")
    before = {p: digest(p) for p in templates.rglob("*") if p.is_file()}
    code, _, err = run(
        monkeypatch,
        capsys,
        "kit",
        "stage-1",
        str(school),
        "-o",
        str(templates),
        "--templates",
        str(templates),
        "--force",
    )
    assert code == 2 and "входной файл или папку" in err
    assert {p: digest(p) for p in templates.rglob("*") if p.is_file()} == before


def test_a_single_file_is_never_written_over_an_input(monkeypatch, capsys, tmp_path):
    school, register = inputs_in(tmp_path)
    before = digest(register)
    code, _, err = run(monkeypatch, capsys, "proof", str(school), str(register), "-o", str(register), "--force")
    assert code == 2 and "совпадает с входной файл" in err
    code, _, err = run(monkeypatch, capsys, "surveys", "template", "-r", str(register), "-o", str(register), "--force")
    assert code == 2 and "совпадает с входной файл" in err
    assert digest(register) == before


# --- an earlier kit is replaced as a whole ----------------------------------------------------------


def without_people(register: Path, codes: set[str]) -> None:
    """Delete every row of the register's people and pairs that holds one of ``codes``."""
    book = openpyxl.load_workbook(register)
    for sheet in book.worksheets:
        rows = [cell.row for row in sheet.iter_rows() for cell in row if cell.value in codes]
        for number in sorted(set(rows), reverse=True):
            sheet.delete_rows(number)
    book.save(register)


def test_people_removed_from_the_register_leave_no_documents_behind(monkeypatch, capsys, tmp_path):
    school, register = inputs_in(tmp_path / "in")
    out = tmp_path / "out"
    assert run(monkeypatch, capsys, "kit", "stage-4", str(school), str(register), "-o", str(out), "--ids")[0] == 0
    before = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    without_people(register, {"Н-082", "У-145", "У-146"})  # a mentor and the two mentees of the last pair
    assert (
        run(monkeypatch, capsys, "kit", "stage-4", str(school), str(register), "-o", str(out), "--force", "--ids")[0]
        == 0
    )
    after = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    consents = sorted(name for name in before if name.startswith("consents/"))
    assert len([name for name in after if name.startswith("consents/")]) == len(consents) - 3
    assert after < before  # only documents went away; everything left was there before
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert {entry["name"] for entry in manifest["files"]} == after - {MANIFEST}
    assert manifest["kits"] == ["stage-4"]
    for entry in manifest["files"]:
        assert digest(out / entry["name"]) == entry["sha256"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]  # no staging, no old folder aside


def test_an_interrupted_swap_puts_the_old_kit_back(tmp_path, monkeypatch):
    out = tmp_path / "out"
    old = Kit("stage-1", [KitFile("a.docx", b"old", "a")])
    write_kit(old, out)
    calls = []
    real_rename = os.rename

    def rename(source, target):
        calls.append((Path(source).name, Path(target).name))
        if len(calls) == 2:  # the new folder's move into place
            raise KeyboardInterrupt
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        write_kit(Kit("stage-1", [KitFile("a.docx", b"new", "a"), KitFile("b.docx", b"new", "b")]), out, force=True)
    assert calls[:2] == [("out", "old"), ("kit", "out")]
    assert sorted(p.name for p in out.iterdir()) == sorted([MANIFEST, "a.docx"])
    assert (out / "a.docx").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


# --- one run at a time on one output ---------------------------------------------------------------


def test_a_second_run_on_a_locked_output_is_refused(monkeypatch, capsys, tmp_path):
    out = tmp_path / "out"
    with output_lock(out):
        code, _, err = run(monkeypatch, capsys, "kit", "stage-1", str(SAMPLES / "school.yaml"), "-o", str(out))
    assert code == 1 and "сейчас пишет другой запуск" in err
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert run(monkeypatch, capsys, "kit", "stage-1", str(SAMPLES / "school.yaml"), "-o", str(out))[0] == 0


def test_two_runs_started_at_once_never_mix_two_schools(tmp_path):
    other = tmp_path / "other.yaml"
    text = (SAMPLES / "school.yaml").read_text(encoding="utf-8")
    other.write_text(text.replace("СОШ № 12", "СОШ № 47").replace("школа № 12", "школа № 47"), encoding="utf-8")
    assert text != other.read_text(encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "nastavnik_docs", "kit", "stage-4"]
    runs = [
        subprocess.Popen(
            [*command, str(data), str(SAMPLES / "register.xlsx"), "-o", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for data in (SAMPLES / "school.yaml", other)
    ]
    results = []
    for process in runs:
        _, err = process.communicate(timeout=300)
        results.append((process.returncode, err))
    assert sorted(code for code, _ in results) == [0, 1] or sorted(code for code, _ in results) == [0, 2]
    failed = next(err for code, err in results if code)
    assert ("сейчас пишет другой запуск" in failed or "--force" in failed) and "Traceback" not in failed
    assert foreign_files(out) == []  # every file is the one run's, listed in its manifest
    import docx

    schools = set()
    for path in out.rglob("*.docx"):
        document = docx.Document(str(path))
        lines = [p.text for p in document.paragraphs] + [
            c.text for t in document.tables for r in t.rows for c in r.cells
        ]
        body = "\n".join(lines).replace("\u00a0", " ")
        # the register names the sample's «СОШ № 12» in both runs: a file is the other school's when it names it
        schools.add("СОШ № 47" if re.search(r"(СОШ|школа) № 47", body) else "СОШ № 12")
    assert len(schools) == 1


# --- a disk that fails ------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A real file system of 2 MB (tmpfs), mounted for the test; skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root (CI runs as root)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode:
        pytest.skip(f"this machine does not allow mounting: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_gives_a_plain_error_and_leaves_nothing(small_disk):
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "nastavnik_docs",
            "kit",
            "stage-4",
            str(SAMPLES / "school.yaml"),
            str(SAMPLES / "register.xlsx"),
            "-o",
            str(small_disk / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert process.returncode == 1
    assert f"Ошибка: Не удалось записать комплект в {small_disk / 'out'}: на диске не осталось места." in process.stderr
    assert "Traceback" not in process.stderr and "consents" not in process.stderr
    assert list(small_disk.iterdir()) == []


def test_a_read_only_disk_gives_a_plain_error(small_disk, monkeypatch, capsys):
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    code, _, err = run(monkeypatch, capsys, "kit", "stage-1", str(SAMPLES / "school.yaml"), "-o", str(small_disk / "o"))
    assert code == 1
    assert err.strip() == f"Ошибка: Не удалось записать комплект в {small_disk / 'o'}: диск доступен только для чтения."


@pytest.mark.parametrize(
    ("make", "expected", "code"),
    [
        (lambda base: base / ("о" * 200), "слишком длинный путь или имя", 1),
        (lambda base: base / "file.txt" / "out", "на месте папки уже есть файл", 1),
        (lambda base: base / "link", "символическая ссылка на то, чего нет", 2),
    ],
    ids=["too-long", "under-a-file", "dangling-link"],
)
def test_a_wrong_output_path_is_named_in_plain_words(monkeypatch, capsys, tmp_path, make, expected, code):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    got, _, err = run(monkeypatch, capsys, "kit", "stage-1", str(SAMPLES / "school.yaml"), "-o", str(make(tmp_path)))
    assert got == code and expected in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "link"]


def test_the_lock_is_refused_as_an_output_error_not_an_input_error(tmp_path):
    with output_lock(tmp_path / "x"), pytest.raises(OutputError):
        write_kit(Kit("stage-1", [KitFile("a.docx", b"a", "a")]), tmp_path / "x")
