"""The README's promises: its Python examples run, and CI runs its test command."""

import doctest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_python_examples_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the examples write a kit into the current folder
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 5
    assert result.failed == 0


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if "python -m pytest" in line)
    assert command.strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_language_guide_examples_run():
    result = doctest.testfile(str(ROOT / "docs" / "language.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 50
    assert result.failed == 0


def test_data_reference_is_up_to_date():
    import importlib.util

    spec = importlib.util.spec_from_file_location("data_reference", ROOT / "tools" / "data_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "data.md").read_text(encoding="utf-8") == module.render()


def test_documents_page_shows_an_image_of_every_stage_1_document():
    from nastavnik_docs.documents import KITS

    page = (ROOT / "docs" / "documents.md").read_text(encoding="utf-8")
    for document_id in KITS["stage-1"].documents:
        assert f"images/{document_id}-1.png" in page
        assert (ROOT / "docs" / "images" / f"{document_id}-1.png").is_file()
