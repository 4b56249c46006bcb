import shutil
import subprocess

import pytest
from machine import needs_libreoffice

from nastavnik_docs.errors import RenderError
from nastavnik_docs.render import pdf as pdf_module
from nastavnik_docs.render.pdf import INSTALL_HINT, convert_to_pdf


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
