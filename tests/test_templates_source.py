"""The checked-in Word templates are exactly what templates/build.py makes from templates/src/."""

import importlib.util
import io
import re
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _builder():
    spec = importlib.util.spec_from_file_location("templates_build", ROOT / "templates" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("source", [*_builder().sources(), *_builder().xlsx_sources()], ids=lambda p: p.name)
def test_checked_in_template_matches_its_source(source):
    builder = _builder()
    assert builder.output_of(source).read_bytes() == builder.build_any(source)


@pytest.mark.parametrize("path", sorted((ROOT / "templates" / "docx").glob("*.docx")), ids=lambda p: p.stem)
def test_jinja_tags_are_never_split_across_runs(path):
    with zipfile.ZipFile(path) as package:
        body = package.read("word/document.xml").decode("utf-8")
    for run_text in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body):
        for opening, closing in (("{{", "}}"), ("{%", "%}")):
            assert run_text.count(opening) == run_text.count(closing), run_text


@pytest.mark.parametrize("path", sorted((ROOT / "templates" / "docx").glob("*.docx")), ids=lambda p: p.stem)
def test_page_setup_follows_gost(path):
    import docx
    from docx.shared import Mm

    document = docx.Document(io.BytesIO(path.read_bytes()))
    section = document.sections[0]
    sides = sorted((section.page_width, section.page_height))  # portrait or landscape A4
    assert abs(sides[0] - Mm(210)) < Mm(1) and abs(sides[1] - Mm(297)) < Mm(1)
    assert section.left_margin >= Mm(20) and section.top_margin >= Mm(20) and section.bottom_margin >= Mm(20)
    assert section.right_margin >= Mm(10)
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and 12 <= normal.size.pt <= 14
