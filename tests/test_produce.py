"""The producer: kits into folders, archives and memory, the same through every door."""

import hashlib
import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from machine import needs_libreoffice

from nastavnik_docs import produce as output_module
from nastavnik_docs.cli import main
from nastavnik_docs.errors import InputError, RenderError
from nastavnik_docs.io.manifest import MANIFEST
from nastavnik_docs.io.sinks import FolderSink, Kit, KitFile, MemorySink
from nastavnik_docs.produce import (
    build_document,
    build_kit,
    count_documents,
    produce_documents,
    produce_kit,
    produce_kits,
    sample_input,
    write_kit,
)
from nastavnik_docs.render.pdf import PdfConverter, PdfResult

ROOT = Path(__file__).resolve().parents[1]


def small_kit(name="stage-1"):
    return Kit(name, [KitFile("a.docx", b"first", "a"), KitFile("b.html", b"<p>b</p>", "b")])


def test_writes_a_new_folder(tmp_path):
    target = write_kit(small_kit(), tmp_path / "out")
    assert sorted(p.name for p in target.iterdir()) == sorted([MANIFEST, "a.docx", "b.html"])
    assert (target / "a.docx").read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging left behind


def test_existing_folder_is_not_touched_without_force(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").write_bytes(b"my own edits")
    with pytest.raises(InputError, match="--force"):
        write_kit(small_kit(), out)
    assert (out / "a.docx").read_bytes() == b"my own edits"
    assert not (out / "b.html").exists()


def test_force_replaces_an_earlier_kit_as_a_whole(tmp_path):
    out = tmp_path / "out"
    write_kit(Kit("stage-1", [*small_kit().files, KitFile("gone.docx", b"a person since removed", "c")]), out)
    write_kit(small_kit(), out, force=True)
    assert sorted(p.name for p in out.iterdir()) == sorted([MANIFEST, "a.docx", "b.html"])  # nothing left over
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # neither the old folder nor the staging one


def test_force_never_deletes_the_users_own_files(tmp_path):
    out = tmp_path / "out"
    write_kit(small_kit(), out)
    (out / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match=r"файлы, которых комплект не создавал \(1, например «notes.txt»\)"):
        write_kit(small_kit(), out, force=True)
    assert (out / "notes.txt").read_text() == "mine"
    (out / "notes.txt").unlink()
    unknown = tmp_path / "unknown"
    unknown.mkdir()
    (unknown / "a.docx").write_bytes(b"old")
    with pytest.raises(InputError, match="нет описи комплекта"):  # not made by us: not ours to replace
        write_kit(small_kit(), unknown, force=True)
    assert (unknown / "a.docx").read_bytes() == b"old"


def test_empty_existing_folder_is_fine(tmp_path):
    (tmp_path / "out").mkdir()
    write_kit(small_kit(), tmp_path / "out")
    assert (tmp_path / "out" / "b.html").exists()


def test_zip_archive_with_fixed_times(tmp_path):
    target = write_kit(small_kit(), tmp_path / "kit", as_zip=True)
    assert target.name == "kit.zip"
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["a.docx", "b.html"]
        assert {i.date_time for i in archive.infolist()} == {(2024, 1, 1, 0, 0, 0)}
    with pytest.raises(InputError, match="уже существует"):
        write_kit(small_kit(), target, as_zip=True)
    write_kit(small_kit(), target, as_zip=True, force=True)


def test_several_kits_go_into_subfolders(tmp_path):
    target = write_kit([small_kit("stage-1"), small_kit("stage-2")], tmp_path / "demo")
    assert sorted(p.name for p in target.iterdir()) == sorted([MANIFEST, "stage-1", "stage-2"])


class FailingConverter(PdfConverter):
    """A converter whose every file fails, as LibreOffice does when it cannot open them."""

    name = "failing"

    def _convert(self, files, progress):
        return {path: PdfResult(path, None, "LibreOffice не открыл файл", 2) for path in files}


def test_failure_midway_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(output_module, "pdf_converter", FailingConverter)
    kit = Kit("stage-4", [KitFile("consents/Иванов_ИИ.docx", b"x", "consent-pd"), KitFile("b.html", b"<p>b</p>", "b")])
    with pytest.raises(RenderError) as caught:
        write_kit(kit, tmp_path / "out", pdf=True)
    assert list(tmp_path.iterdir()) == []
    message = str(caught.value)
    assert "1 из 1 файлов (consent-pd — 1)" in message and "LibreOffice не открыл файл" in message
    assert "Иванов" not in message  # file names of a kit hold people's names


def test_a_file_where_the_folder_should_be(tmp_path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(InputError, match="это файл"):
        write_kit(small_kit(), tmp_path / "out")


# --- the one producer behind every door -------------------------------------------------------------


def test_the_command_the_python_api_and_a_zip_give_the_same_documents(tmp_path, monkeypatch):
    monkeypatch.setattr(
        "sys.argv",
        [
            "nastavnik-docs",
            "kit",
            "stage-1",
            str(ROOT / "samples" / "school.yaml"),
            "-o",
            str(tmp_path / "cli"),
            "--ids",
        ],
    )
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code in (0, None)
    memory = build_kit("stage-1", sample_input("stage-1"))
    archive = produce_kit("stage-1", sample_input("stage-1"), tmp_path / "kit", as_zip=True)
    with zipfile.ZipFile(archive) as bundle:
        zipped = {name: bundle.read(name) for name in bundle.namelist()}
    folder = {p.name: p.read_bytes() for p in (tmp_path / "cli").iterdir() if p.name != MANIFEST}
    assert sorted(folder) == sorted(memory.names()) == sorted(zipped)
    for item in memory.files:  # the same bytes: rendering is deterministic, every zip member has a fixed time
        assert folder[item.name] == item.data == zipped[item.name], item.name


def test_jobs_give_the_same_files_in_memory_as_one_process():
    data = sample_input("stage-4")
    one, two = MemorySink(), MemorySink()
    with one:
        produce_documents(("consent-pd", "agreement-pair"), data, one, jobs=1)
    with two:
        produce_documents(("consent-pd", "agreement-pair"), data, two, jobs=2)
    assert one.kit.names() == two.kit.names()
    assert [f.data for f in one.kit.files] == [f.data for f in two.kit.files]
    roster = data.roster
    assert len(one.kit.files) == len(roster.mentors) + len(roster.mentees) + len(roster.pairs)
    # the kit adds an individual plan per pair, a partnership agreement per partner and five single documents
    assert count_documents("stage-4", data) == len(one.kit.files) + len(roster.pairs) + len(roster.partners) + 5


def test_jobs_write_the_same_folder_and_manifest_as_one_process(tmp_path):
    # workers take their files' digests themselves (the manifest does not read them back): the same manifest
    data = sample_input("stage-4")
    for jobs in (1, 2):
        with FolderSink(tmp_path / f"jobs{jobs}") as sink:
            produce_documents(("consent-pd", "agreement-pair"), data, sink, jobs=jobs)
    one, two = (tmp_path / "jobs1" / MANIFEST).read_bytes(), (tmp_path / "jobs2" / MANIFEST).read_bytes()
    assert one == two
    listed = json.loads(one)["files"]
    assert len(listed) == len(data.roster.mentors) + len(data.roster.mentees) + len(data.roster.pairs)
    for entry in listed:
        written = (tmp_path / "jobs2" / entry["name"]).read_bytes()
        assert (entry["size"], entry["sha256"]) == (len(written), hashlib.sha256(written).hexdigest())


def test_jobs_where_processes_are_not_forked_give_the_same_files(monkeypatch):
    # without fork (Windows, macOS) the workers receive the items in chunks, pickled: a document's own
    # context travels as the function that makes it (documents/spec.py own_context)
    import multiprocessing

    data = sample_input("stage-4")
    one, two = MemorySink(), MemorySink()
    with one:
        produce_documents(("consent-pd", "agreement-pair"), data, one, jobs=1)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with two:
        produce_documents(("consent-pd", "agreement-pair"), data, two, jobs=2)
    assert [(f.name, f.data) for f in one.kit.files] == [(f.name, f.data) for f in two.kit.files]


def test_a_whole_kit_with_jobs_keeps_its_order_and_bytes(tmp_path):
    # the workers start on every batch at once while this process writes the single documents
    data = sample_input("stage-4")
    one = produce_kit("stage-4", data, tmp_path / "one", jobs=1)
    two = produce_kit("stage-4", data, tmp_path / "two", jobs=2)
    assert (one / MANIFEST).read_bytes() == (two / MANIFEST).read_bytes()
    assert sorted(p.relative_to(one).as_posix() for p in one.rglob("*")) == sorted(
        p.relative_to(two).as_posix() for p in two.rglob("*")
    )


def test_a_batch_document_alone_comes_with_its_folder():
    files = build_document("partnership-agreement", sample_input("stage-4"))
    assert [f.name.split("/")[0] for f in files] == ["partnership-agreements"] * 4
    assert {f.document_id for f in files} == {"partnership-agreement"}


def test_several_kits_each_in_its_folder(tmp_path):
    inputs = {name: sample_input(name) for name in ("stage-2", "municipal")}
    target = produce_kits(inputs, tmp_path / "demo")
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == [
        MANIFEST,
        "municipal/order-municipal.docx",
        "stage-2/plan.docx",
        "stage-2/plan.xlsx",
        "stage-2/roadmap.docx",
        "stage-2/roadmap.xlsx",
    ]


@needs_libreoffice
def test_pdf_is_an_option_of_the_producer_for_every_sink(tmp_path):
    data = sample_input("teachers")
    kit = build_kit("teachers", data, with_pdf=True)
    words = [n for n in kit.names() if n.endswith(".docx")]
    assert len(words) == 4 + 2 * len(data.pairs)  # and per pair the mentor's consent and agreement
    assert [n for n in kit.names() if n.endswith(".pdf")] == [n.replace(".docx", ".pdf") for n in words]
    archive = produce_kit("teachers", data, tmp_path / "t", as_zip=True, pdf=True)
    with zipfile.ZipFile(archive) as bundle:
        assert sum(name.endswith(".pdf") for name in bundle.namelist()) == len(words)
        assert bundle.read("roadmap-teacher.pdf").startswith(b"%PDF")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(kit.files[0].data)).paragraphs)
    assert "ПРИКАЗЫВАЮ:" in text


@needs_libreoffice
def test_two_jobs_convert_pdfs_with_two_libreoffices(tmp_path):
    from nastavnik_docs.render.pdf import close_pdf_converter, pdf_converter

    out = produce_kit("teachers", sample_input("teachers"), tmp_path / "t", pdf=True, jobs=2)
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == sorted(p.with_suffix(".pdf").name for p in out.glob("*.docx")) and len(pdfs) == 4
    assert len(list(out.glob("mentor-*/*.pdf"))) == len(list(out.glob("mentor-*/*.docx"))) == 6
    assert all((out / name).read_bytes().startswith(b"%PDF") for name in pdfs)
    assert pdf_converter(1) is not pdf_converter(0)  # a second LibreOffice, with its own profile
    close_pdf_converter()
