"""Sinks: a kit's files into a staged folder, a zip archive, or memory; nothing outside the kit."""

import zipfile

import pytest

from nastavnik_docs.errors import InputError, OutputError
from nastavnik_docs.io.sinks import FolderSink, MemorySink, ZipSink


@pytest.mark.parametrize("name", ["../escape.docx", "/etc/passwd", "a/../../b.docx", ""])
def test_a_name_cannot_leave_the_kit(tmp_path, name):
    for sink in (FolderSink(tmp_path / "out"), MemorySink()):
        with pytest.raises(ValueError), sink:
            sink.add(name, b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_folder_sink_appears_only_when_committed(tmp_path):
    sink = FolderSink(tmp_path / "out")
    with sink:
        sink.add("consents/a.docx", b"a")
        assert not (tmp_path / "out").exists()
        assert sink.path("consents/a.docx").read_bytes() == b"a"
    assert (tmp_path / "out" / "consents" / "a.docx").read_bytes() == b"a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_an_error_inside_leaves_nothing(tmp_path):
    with pytest.raises(RuntimeError), ZipSink(tmp_path / "kit") as sink:
        sink.add("a.docx", b"a")
        raise RuntimeError("midway")
    assert list(tmp_path.iterdir()) == []


def test_zip_sink_is_deterministic_and_sorted(tmp_path):
    archives = []
    for name in ("one", "two"):
        with ZipSink(tmp_path / name) as sink:
            sink.add("b.html", b"<p>b</p>")
            sink.add("a/c.docx", b"c" * 1000)
        archives.append((tmp_path / f"{name}.zip").read_bytes())
    assert archives[0] == archives[1]
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == ["a/c.docx", "b.html"]
        assert archive.read("a/c.docx") == b"c" * 1000


def test_memory_sink_keeps_order_and_reads_files_written_by_others():
    sink = MemorySink("kit")
    with sink:
        sink.add("first.docx", b"1", "first")
        (sink.folder() / "batch").mkdir()
        (sink.folder() / "batch" / "x.docx").write_bytes(b"from a worker")
        sink.adopt("batch/x.docx", "batch")
        sink.add("last.html", b"3", "last")
        folder = sink.folder()
    assert [(f.name, f.data, f.document_id) for f in sink.kit.files] == [
        ("first.docx", b"1", "first"),
        ("batch/x.docx", b"from a worker", "batch"),
        ("last.html", b"3", "last"),
    ]
    assert not folder.exists()  # the temporary folder is gone


def test_existing_targets_are_refused_before_anything_is_written(tmp_path):
    (tmp_path / "kit.zip").write_bytes(b"mine")
    with pytest.raises(InputError, match="--force"):
        ZipSink(tmp_path / "kit")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("x")
    with pytest.raises(InputError, match="--force"):
        FolderSink(tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kit.zip", "out"]


def test_write_file_whole_or_not_at_all_and_never_over_a_file_unasked(tmp_path, monkeypatch):
    import os

    from nastavnik_docs.io.sinks import write_file

    target = tmp_path / "out" / "answers.xlsx"
    assert write_file(target, b"first") == target and target.read_bytes() == b"first"
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)  # may hold names: its owner's only
    with pytest.raises(InputError, match=r"уже существует\. Чтобы заменить его, добавьте --force"):
        write_file(target, b"second")
    with pytest.raises(InputError, match="это папка"):
        write_file(tmp_path / "out", b"x")

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OutputError, match=f"Не удалось записать файл в {target}: ошибка системы"):
        write_file(target, b"second", force=True)
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in target.parent.iterdir()) == ["answers.xlsx"]  # no staging file left
