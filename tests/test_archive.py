"""Zip archives written one way (archive.py): a template's package built again is what the writer would write."""

import io
import zipfile

from nastavnik_docs.archive import PackageTemplate, ZipWriter, rezip
from nastavnik_docs.io.templates import read_template


def test_a_package_built_from_its_template_is_the_writers_archive_of_the_same_parts():
    source = rezip(read_template("agreement-pair.docx"))  # every member stamped and deflated by the writer
    body = "<w:document>Соглашение № 1 — «Иванов»</w:document>".encode()
    built = PackageTemplate(source, {"word/document.xml"}).build({"word/document.xml": body}, level=6)
    with zipfile.ZipFile(io.BytesIO(source)) as package:
        members = {name: package.read(name) for name in package.namelist()}
        names = package.namelist()
    output = io.BytesIO()
    writer = ZipWriter(output)
    for name, data in {**members, "word/document.xml": body}.items():
        writer.add(name, data)
    writer.close()
    assert built == output.getvalue()
    with zipfile.ZipFile(io.BytesIO(built)) as package:
        assert package.testzip() is None
        assert package.namelist() == names
        assert package.read("word/document.xml") == body
