"""Personal data is not left behind or shown: a stopped run removes its documents, a killed run's are removed
by the next one, kits are readable by their owner only, and no person's name reaches a process list."""

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from command import run
from machine import needs_libreoffice

from nastavnik_docs.io import sinks
from nastavnik_docs.io.sinks import Kit, KitFile
from nastavnik_docs.produce import write_kit

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
STAGE_4 = [sys.executable, "-m", "nastavnik_docs", "kit", "stage-4", "--ids", str(SAMPLES / "school.yaml")]


def start_stage_4(folder: Path, *extra: str) -> subprocess.Popen:
    """Start the stage-4 kit (about 400 documents) into ``folder/out``; return once its staging folder holds consents."""
    process = subprocess.Popen(
        [*STAGE_4, str(SAMPLES / "register.xlsx"), "-o", str(folder / "out"), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if any(folder.glob(".out.nastavnik-*/kit/consents/*.docx")):
            return process
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    pytest.fail(f"the kit never started writing consents: {process.communicate()}")


@pytest.mark.parametrize(("name", "jobs"), [("SIGTERM", "1"), ("SIGHUP", "1"), ("SIGTERM", "2")])
def test_a_terminated_run_removes_its_documents(tmp_path, name, jobs):
    process = start_stage_4(tmp_path, "--jobs", jobs)
    process.send_signal(getattr(signal, name))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + getattr(signal, name)
    assert err.strip().endswith("Прервано.") and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # neither the kit nor its staging folder


def test_the_next_run_removes_what_a_killed_run_left(tmp_path, monkeypatch, capsys):
    process = start_stage_4(tmp_path)
    process.kill()  # SIGKILL: nothing can clean up
    process.communicate(timeout=60)
    [left] = list(tmp_path.iterdir())
    assert left.name.startswith(".out.nastavnik-") and any(left.rglob("*.docx"))
    code, _, err = run(monkeypatch, capsys, "kit", "stage-1", str(SAMPLES / "school.yaml"), "-o", str(tmp_path / "out"))
    assert code == 0
    assert f"Предупреждение: удалена незавершённая папка прерванного запуска: {left}" in err
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_kits_are_readable_by_their_owner_only(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert run(monkeypatch, capsys, "kit", "stage-4", *map(str, (SAMPLES / "school.yaml", SAMPLES / "register.xlsx")),
               "-o", str(out))[0] == 0  # fmt: skip
    assert mode(out) == 0o700  # nobody else may even list the consents' names
    assert {mode(p) for p in out.rglob("*") if p.is_dir()} == {0o700}  # the command creates everything private
    assert {mode(p) for p in out.rglob("*") if p.is_file()} == {0o600}
    archive = write_kit(Kit("stage-4", [KitFile("consents/a.docx", b"x", "consent-pd")]), tmp_path / "kit", as_zip=True)
    assert mode(archive) == 0o600
    assert run(monkeypatch, capsys, "proof", str(SAMPLES / "school.yaml"), "-o", str(tmp_path / "proof.xlsx"))[0] == 0
    assert mode(tmp_path / "proof.xlsx") == 0o600  # a proof sheet lists every name of the kit


@needs_libreoffice
def test_libreoffice_is_never_given_a_persons_name_on_its_command_line(tmp_path):
    from nastavnik_docs.render.pdf import convert_to_pdf, find_libreoffice

    seen = tmp_path / "argv.txt"
    wrapper = tmp_path / "soffice"  # what `ps` shows: the real LibreOffice does the work
    wrapper.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{seen}"\nexec "{find_libreoffice()}" "$@"\n')
    wrapper.chmod(0o700)
    folder = tmp_path / "consents"
    folder.mkdir()
    source = ROOT / "templates" / "docx" / "consent-pd.docx"
    if not source.exists():
        source = next((ROOT / "templates" / "docx").glob("*.docx"))
    shutil.copy(source, folder / "Чернышёва_ЛП.docx")
    [pdf] = convert_to_pdf([folder / "Чернышёва_ЛП.docx"], folder, soffice=str(wrapper))
    assert pdf == folder / "Чернышёва_ЛП.pdf" and pdf.read_bytes().startswith(b"%PDF")
    assert "Чернышёва" not in seen.read_text() and "00001.docx" in seen.read_text()
    assert sorted(p.name for p in folder.iterdir()) == ["Чернышёва_ЛП.docx", "Чернышёва_ЛП.pdf"]


def test_a_disk_error_names_the_output_never_a_document(tmp_path, monkeypatch, capsys):
    """The error of a file that cannot be written names the folder the user chose, not «consents/Фамилия_ИО.docx»."""

    def fail_on_consents(path, mode="r", *args, **kwargs):
        if "consents" in Path(path).parts and "w" in mode:
            raise OSError(28, os.strerror(28), str(path))
        return open(path, mode, *args, **kwargs)

    monkeypatch.setattr(sinks, "open", fail_on_consents, raising=False)  # the sink writes a kit's files
    code, _, err = run(monkeypatch, capsys, "kit", "stage-4", "--ids", str(SAMPLES / "school.yaml"),
                       str(SAMPLES / "register.xlsx"), "-o", str(tmp_path / "out"))  # fmt: skip
    assert code == 1
    assert err == f"Ошибка: Не удалось записать комплект в {tmp_path / 'out'}: на диске не осталось места.\n"
    assert list(tmp_path.iterdir()) == []
