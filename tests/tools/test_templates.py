"""The checked-in templates and sample register are exactly what the scripts in tools/ make."""

import io
import re
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))  # the scripts of tools/ are not a package: they import each other by name

import template_files  # noqa: E402  (tools/, found through the path above)


@pytest.mark.parametrize(
    "source", [*template_files.docx_sources(), *template_files.xlsx_sources()], ids=lambda path: path.name
)
def test_checked_in_template_matches_its_source(source):
    import build_templates

    assert template_files.output_of(source).read_bytes() == build_templates.build(source)


def assert_same_cells(made: bytes, checked_in: Path | io.BytesIO) -> None:
    """Assert that two workbooks have the same sheets holding the same values."""
    from openpyxl import load_workbook

    ours, theirs = load_workbook(io.BytesIO(made)), load_workbook(checked_in)
    assert ours.sheetnames == theirs.sheetnames
    for name in theirs.sheetnames:
        assert list(ours[name].iter_rows(values_only=True)) == list(theirs[name].iter_rows(values_only=True)), name


def test_sample_register_is_what_its_script_makes():
    import sample_register

    assert_same_cells(sample_register.build(), ROOT / "samples" / "register.xlsx")


def test_sample_surveys_is_what_its_script_makes():
    import sample_surveys

    assert_same_cells(sample_surveys.build(), ROOT / "samples" / "surveys.xlsx")


def test_sample_monitoring_form_is_what_its_script_makes():
    import sample_monitoring_form

    assert_same_cells(sample_monitoring_form.build(), ROOT / "samples" / "monitoring-form.xlsx")


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


def test_sample_monitoring_forms_are_what_their_script_makes():
    import sample_monitoring

    made = sample_monitoring.files()
    folder = ROOT / "samples" / "monitoring"
    assert sorted(made) == sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert len([name for name in made if "/forma-" in name]) >= 30
    for name, data in made.items():
        checked_in = folder / name
        if name.endswith("s-parolem.xlsx"):  # encrypted with a fresh salt every time: compare what the password opens
            assert_same_cells(
                sample_monitoring.decrypted(data), io.BytesIO(sample_monitoring.decrypted(checked_in.read_bytes()))
            )
        elif name.endswith(".xlsx") and data.startswith(b"PK") and zipfile.is_zipfile(io.BytesIO(data)):
            assert_same_cells(data, checked_in)
        else:  # a truncated form, a letter: the bytes themselves
            assert data == checked_in.read_bytes(), name


@pytest.mark.parametrize("path", [ROOT / "templates" / "xlsx" / "register.xlsx", ROOT / "samples" / "register.xlsx"])
def test_the_register_prints_its_people_readable_on_pages_across(path):
    # «Наставники» and «Наставляемые» are too wide for one page's width at a readable size: landscape at 65 %,
    # over then down, the code and the name (A–D) and the heading row on every page, a group of columns a page
    from openpyxl import load_workbook

    from nastavnik_docs.content import content_data
    from nastavnik_docs.io.sheets import READABLE_SCALE, too_wide

    layout = content_data("register.yaml")
    book = load_workbook(path)
    for key, spec in layout["sheets"].items():
        sheet = book[spec["title"]]
        widths = [column.get("width", 14) for column in spec["columns"]]
        assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$2:$2"
        if key in ("mentors", "mentees"):
            assert too_wide(widths)
            assert [column["field"] for column in spec["columns"][:4]] == ["code", "last", "first", "middle"]
            assert sheet.print_title_cols == "$A:$D"
            assert int(sheet.page_setup.scale) == READABLE_SCALE >= 65
            assert sheet.page_setup.pageOrder == "overThenDown"
            assert not sheet.sheet_properties.pageSetUpPr.fitToPage
            starts = [index for index, column in enumerate(spec["columns"]) if column.get("new_page")]
            assert [brk.id for brk in sheet.col_breaks.brk] == starts and len(starts) == 4
            assert [r.coord for r in sheet.merged_cells.ranges] == ["A1:D1"]  # the note above the title columns, whole
        else:
            assert not too_wide(widths)
            assert sheet.print_title_cols is None and sheet.page_setup.fitToWidth in (1, "1")
