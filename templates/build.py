"""Build the Word templates in templates/docx/ from their sources in templates/src/.

A source is YAML: page set-up and a list of blocks (paragraphs in named styles, paragraph-level
Jinja tags, tables with row loops, page breaks, includes). Every paragraph is written as one
run, so a Jinja tag is never split across runs; a coordinator can still open the result in Word
and edit it. Page set-up and styles follow ГОСТ Р 7.0.97-2016: A4, margins 30/10/20/20 mm,
Times New Roman 14 pt.

    python templates/build.py            # rebuild every template
    python templates/build.py --check    # exit 1 if a checked-in template differs from its source
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "src"
OUTPUT = HERE / "docx"
FONT = "Times New Roman"
FIXED_TIME = (2024, 1, 1, 0, 0, 0)  # zip entries get a fixed time: same source, same bytes

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}

# name: (size pt, bold, alignment, first-line indent cm, left indent cm, space before, space after, keep with next)
STYLES: dict[str, tuple[float, bool, str, float, float, float, float, bool]] = {
    "Org Name": (14, True, "center", 0, 0, 0, 0, True),
    "Doc Kind": (16, True, "center", 0, 0, 12, 12, True),
    "Doc Title": (14, True, "center", 0, 0, 12, 12, True),
    "Place": (14, False, "center", 0, 0, 0, 0, True),
    "Body": (14, False, "justify", 1.25, 0, 0, 0, False),
    "Clause": (14, False, "justify", 1.25, 0, 0, 0, False),
    "Bullet": (14, False, "justify", 1.25, 0, 0, 0, False),
    "Order Verb": (14, True, "left", 0, 0, 12, 6, True),
    "Section Heading": (14, True, "center", 0, 0, 12, 6, True),
    "Stamp": (14, False, "left", 0, 9.0, 0, 0, True),
    "Appendix Mark": (12, False, "left", 0, 9.0, 0, 0, True),
    "Plain": (14, False, "left", 0, 0, 0, 0, False),
    "Signature": (14, False, "left", 0, 0, 0, 0, False),
    "Table Text": (12, False, "left", 0, 0, 0, 0, False),
    "Table Head": (12, True, "center", 0, 0, 0, 0, False),
    "Small": (10, False, "left", 0, 0, 0, 0, False),
}


def _set_font(rpr_owner: Any, size: float | None = None) -> None:
    """Set Times New Roman for every script (Latin, Cyrillic, complex) on a style's run properties."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "ru-RU")
    lang.set(qn("w:eastAsia"), "ru-RU")


def _setup_styles(document: Any) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_font(normal.element)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    for name, (size, bold, align, first, left, before, after, keep) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = bold
        fmt = style.paragraph_format
        fmt.alignment = ALIGN[align]
        fmt.first_line_indent = Cm(first) if first else None
        fmt.left_indent = Cm(left) if left else None
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.keep_with_next = keep
        fmt.widow_control = True


def _setup_page(document: Any, page: dict[str, Any]) -> None:
    section = document.sections[0]
    landscape = page.get("orientation") == "landscape"
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.left_margin = Mm(page.get("left", 30))
    section.right_margin = Mm(page.get("right", 10))
    section.top_margin = Mm(page.get("top", 20))
    section.bottom_margin = Mm(page.get("bottom", 20))
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    if page.get("page_numbers", True):
        _page_number_header(section)


def _page_number_header(section: Any) -> None:
    """Number pages from the second one, centred in the header, as ГОСТ Р 7.0.97-2016 asks."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _paragraph(container: Any, text: str, style: str, *, bold: bool | None = None) -> Any:
    paragraph = container.add_paragraph(style=style)
    run = paragraph.add_run(text)
    if bold is not None:
        run.bold = bold
    return paragraph


def _cell_borders(table: Any, visible: bool) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _row_properties(row: Any, *, header: bool) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _table(document: Any, spec: dict[str, Any]) -> None:
    rows: list[Any] = spec["rows"]
    widths: list[float] = spec["widths"]
    table = document.add_table(rows=0, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_borders(table, spec.get("borders", True))
    header_rows = spec.get("header", 0)
    aligns = spec.get("align", ["left"] * len(widths))
    for index, row_spec in enumerate(rows):
        row = table.add_row()
        _row_properties(row, header=index < header_rows)
        if isinstance(row_spec, dict) and "tr" in row_spec:
            # a row holding only a row-level Jinja tag: docxtpl drops the row and keeps the tag
            row.cells[0].paragraphs[0].add_run("{%tr " + row_spec["tr"] + " %}")
            continue
        for column, value in enumerate(row_spec):
            cell = row.cells[column]
            lines = value if isinstance(value, list) else [value]
            style = "Table Head" if index < header_rows else spec.get("style", "Table Text")
            first = cell.paragraphs[0]
            first.style = document.styles[style]
            first.add_run(str(lines[0]))
            if index >= header_rows:
                first.alignment = ALIGN[aligns[column]]
            for line in lines[1:]:
                extra = cell.add_paragraph(style=style)
                extra.add_run(str(line))
                if index >= header_rows:
                    extra.alignment = ALIGN[aligns[column]]
    for row in table.rows:
        for column, width in enumerate(widths):
            row.cells[column].width = Cm(width)
    grid = table._tbl.tblGrid
    for column, col in enumerate(grid.findall(qn("w:gridCol"))):
        col.set(qn("w:w"), str(int(Cm(widths[column]).twips)))
    if spec.get("space_after", True):
        document.add_paragraph(style="Plain")


def _blocks(document: Any, blocks: list[dict[str, Any]], source_dir: Path) -> None:
    for block in blocks:
        if "include" in block:
            included = yaml.safe_load((source_dir / block["include"]).read_text(encoding="utf-8"))
            _blocks(document, included["blocks"], source_dir)
        elif "p" in block:
            _paragraph(document, block["p"], block.get("style", "Body"), bold=block.get("bold"))
        elif "jinja" in block:
            _paragraph(document, "{%p " + block["jinja"] + " %}", "Plain")
        elif "table" in block:
            _table(document, block["table"])
        elif "page_break" in block:
            paragraph = document.add_paragraph(style="Plain")
            paragraph.add_run().add_break(WD_BREAK.PAGE)
        else:
            raise ValueError(f"unknown block {block!r}")


def build(source: Path) -> bytes:
    """Return the bytes of the template built from the YAML ``source``."""
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    document = Document()
    _setup_styles(document)
    _setup_page(document, spec.get("page", {}))
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    _blocks(document, spec["blocks"], source.parent)
    core = document.core_properties
    core.author = "nastavnik-docs"
    core.title = spec.get("title", source.stem)
    core.last_modified_by = "nastavnik-docs"
    core.revision = 1
    import datetime as dt

    core.created = core.modified = dt.datetime(*FIXED_TIME)
    buffer = io.BytesIO()
    document.save(buffer)
    return _normalised_zip(buffer.getvalue())


def _normalised_zip(data: bytes) -> bytes:
    """Return the package with fixed member times, so that a rebuild gives identical bytes."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return output.getvalue()


def sources() -> list[Path]:
    """Return the template sources (files starting with «_» are fragments for ``include``)."""
    return sorted(p for p in SOURCES.glob("*.yaml") if not p.name.startswith("_"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    stale = []
    for source in sources():
        target = OUTPUT / f"{source.stem}.docx"
        data = build(source)
        if args.check:
            if not target.is_file() or target.read_bytes() != data:
                stale.append(target.name)
        else:
            target.write_bytes(data)
            print(f"built {target.relative_to(HERE.parent)}")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run python templates/build.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
