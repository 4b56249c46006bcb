import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from machine import needs_libreoffice

from nastavnik_docs.errors import ConverterBusyError, ConverterMissingError, RenderError
from nastavnik_docs.render import pdf as pdf_module
from nastavnik_docs.render.pdf import (
    INSTALL_HINT,
    OfficeConverter,
    SofficeConverter,
    convert_to_pdf,
    find_libreoffice,
    find_uno_python,
)


@needs_libreoffice
def test_every_word_document_of_the_kit_converts_to_pdf(stage1_kit, tmp_path):
    sources = []
    for item in stage1_kit.files:
        if item.name.endswith(".docx"):
            path = tmp_path / item.name
            path.write_bytes(item.data)
            sources.append(path)
    pdfs = convert_to_pdf(sources, tmp_path)
    assert [p.name for p in pdfs] == [p.with_suffix(".pdf").name for p in sources]
    for path in pdfs:
        assert path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / "order-management-team.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "ПРИКАЗЫВАЮ:" in text and "Черных Любовь Павловну" in text


def test_missing_libreoffice_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_module, "find_libreoffice", lambda: None)
    source = tmp_path / "a.docx"
    source.write_bytes(b"x")
    with pytest.raises(RenderError) as caught:
        convert_to_pdf([source], tmp_path)
    assert str(caught.value) == INSTALL_HINT
    assert "libreoffice-writer-nogui" in INSTALL_HINT and "fonts-liberation" in INSTALL_HINT


def test_nothing_to_convert():
    assert convert_to_pdf([], None) == []


# --- the two converters: per-file results, retry, restart, queue --------------------------------------------


def _kit_files(kit, tmp_path, suffixes=(".docx", ".xlsx")):
    paths = []
    for item in kit.files:
        if item.name.endswith(suffixes):
            path = tmp_path / item.name
            path.write_bytes(item.data)
            paths.append(path)
    return paths


def _pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def stage2_kit():
    from nastavnik_docs.produce import build_kit, sample_input

    return build_kit("stage-2", sample_input("stage-2"))


needs_uno = pytest.mark.skipif(
    find_libreoffice() is None or find_uno_python() is None,
    reason="LibreOffice's python3-uno is not installed (.ci/run installs it)",
)


@needs_uno
def test_the_persistent_office_converts_word_and_excel_with_one_start(stage2_kit, tmp_path):
    sources = _kit_files(stage2_kit, tmp_path)
    (tmp_path / "excel").mkdir()
    for path in sources:  # a Word file and a workbook of the same name would make the same PDF
        if path.suffix == ".xlsx":
            path.rename(tmp_path / "excel" / path.name)
    sources = [p if p.exists() else tmp_path / "excel" / p.name for p in sources]
    done = []
    with OfficeConverter() as converter:
        results = converter.convert(sources, progress=done.append)
        again = converter.convert(sources[:1])
        assert converter.starts == 1
    assert [r.ok for r in results] == [True] * 4 and again[0].ok and done == [1, 1, 1, 1]
    assert all(r.attempts == 1 and r.pdf.read_bytes().startswith(b"%PDF") for r in results)
    if shutil.which("pdftotext"):
        excel = " ".join(_pdf_text(tmp_path / "excel" / "roadmap.pdf").split())
        assert "Дорожная карта реализации системы мероприятий" in excel and "Ответственный исполнитель" in excel
        assert "{{" not in excel


@needs_uno
def test_a_file_that_fails_is_retried_and_reported_alone(stage2_kit, tmp_path):
    good = _kit_files(stage2_kit, tmp_path, (".docx",))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a document")
    with OfficeConverter() as converter:
        results = converter.convert([good[0], broken, good[1]])
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].attempts == 2 and results[1].pdf is None and "broken" not in results[1].error


@needs_uno
def test_a_killed_office_is_started_again(stage2_kit, tmp_path):
    sources = _kit_files(stage2_kit, tmp_path, (".docx",))
    with OfficeConverter() as converter:
        converter.start()
        os.killpg(converter._process.pid, signal.SIGKILL)  # LibreOffice and its driver die between two files
        converter._process.wait()
        results = converter.convert(sources)
        assert converter.starts == 2
    assert all(r.ok for r in results)


@needs_uno
def test_a_hung_conversion_is_killed_after_the_timeout_and_retried(stage2_kit, tmp_path):
    sources = _kit_files(stage2_kit, tmp_path, (".docx",))
    with OfficeConverter(timeout=0.01) as converter:  # no file converts in 10 ms: every attempt «hangs»
        converter.start()
        results = converter.convert(sources[:1])
        assert results[0].error == "преобразование не закончилось вовремя" and results[0].attempts == 2
        assert converter.starts == 2 and converter._process is None  # each attempt had its own LibreOffice, killed


def test_the_queue_refuses_callers_beyond_its_size():
    queue = pdf_module._Queue(1, wait=5)
    inside, release = threading.Event(), threading.Event()

    def hold():
        with queue.turn():
            inside.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    inside.wait(5)
    waiter = threading.Thread(target=lambda: queue.turn().__enter__())  # waits for its turn
    waiter.start()
    time.sleep(0.2)
    with pytest.raises(ConverterBusyError, match="Очередь преобразования в PDF занята"), queue.turn():
        pass
    release.set()
    holder.join()
    waiter.join()


@needs_libreoffice
def test_the_plain_soffice_path_gives_a_result_per_file_and_retries_alone(stage2_kit, tmp_path):
    sources = _kit_files(stage2_kit, tmp_path, (".docx",))
    broken = tmp_path / "gone.docx"  # LibreOffice reads almost anything as text: a file it cannot load is one not there
    converter = SofficeConverter(timeout=30)  # alone, LibreOffice waits on the missing file until it is stopped
    before = _office_processes()
    results = converter.convert([*sources, broken])
    assert [r.ok for r in results] == [True, True, False]
    assert results[2].attempts == 2 and results[2].error == "LibreOffice не создал PDF"
    time.sleep(0.5)
    assert _office_processes() <= before  # the office process behind the «soffice» wrapper is stopped too


def _office_processes() -> set[int]:
    """Return the LibreOffice processes of one-off conversions running now (profiles «nastavnik-lo-…»)."""
    found = set()
    for entry in os.listdir("/proc"):
        try:
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if b"soffice" in command and b"nastavnik-lo-" in command:
            found.add(int(entry))
    return found


def test_the_shared_converter_can_be_forced_to_the_fallback(monkeypatch):
    pdf_module.close_pdf_converter()
    monkeypatch.setenv("NASTAVNIK_DOCS_PDF", "soffice")
    monkeypatch.setattr(pdf_module, "find_libreoffice", lambda: "/usr/bin/soffice")
    try:
        assert isinstance(pdf_module.pdf_converter(), SofficeConverter)
    finally:
        pdf_module.close_pdf_converter()
    monkeypatch.setattr(pdf_module, "find_libreoffice", lambda: None)
    with pytest.raises(ConverterMissingError):
        pdf_module.pdf_converter()


@needs_libreoffice
def test_one_soffice_call_reports_each_pdf_as_it_is_written(stage1_kit, tmp_path):
    sources = []
    for copy in range(4):  # sixteen files: one call takes seconds, long enough to watch
        (tmp_path / str(copy)).mkdir()
        for path in _kit_files(stage1_kit, tmp_path / str(copy), suffixes=(".docx",)):
            sources.append(path.rename(tmp_path / f"{copy}-{path.name}"))
    seen = []  # how many PDFs were in the folder at each report

    def report(step):
        seen.append((step, len(list(tmp_path.glob("*.pdf")))))

    results = SofficeConverter().convert(sources, progress=report)
    assert [r.ok for r in results] == [True] * len(sources) and len(sources) == 16
    assert sum(step for step, _ in seen) == 16  # every file counted once
    assert seen[0][1] < 16  # the bar moved while LibreOffice was still converting, not once at the end
