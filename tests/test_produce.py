import zipfile

import pytest

from nastavnik_docs.io.sinks import Kit, KitFile
from nastavnik_docs.errors import InputError, RenderError
from nastavnik_docs.produce import write_kit
from nastavnik_docs import produce as output_module


def small_kit(name="stage-1"):
    return Kit(name, [KitFile("a.docx", b"first", "a"), KitFile("b.html", b"<p>b</p>", "b")])


def test_writes_a_new_folder(tmp_path):
    target = write_kit(small_kit(), tmp_path / "out")
    assert sorted(p.name for p in target.iterdir()) == ["a.docx", "b.html"]
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


def test_force_replaces_kit_files_and_keeps_the_users_other_files(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").write_bytes(b"old")
    (out / "notes.txt").write_text("mine")
    write_kit(small_kit(), out, force=True)
    assert (out / "a.docx").read_bytes() == b"first"
    assert (out / "notes.txt").read_text() == "mine"


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
    assert sorted(p.name for p in target.iterdir()) == ["stage-1", "stage-2"]


def test_failure_midway_leaves_nothing(tmp_path, monkeypatch):
    def broken(files, folder):
        raise RenderError("LibreOffice не смог преобразовать в PDF")

    monkeypatch.setattr(output_module, "convert_to_pdf", broken)
    with pytest.raises(RenderError):
        write_kit(small_kit(), tmp_path / "out", pdf=True)
    assert list(tmp_path.iterdir()) == []


def test_a_file_where_the_folder_should_be(tmp_path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(InputError, match="это файл"):
        write_kit(small_kit(), tmp_path / "out")
