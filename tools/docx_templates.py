"""Build the Word templates (templates/docx/) from their YAML sources (templates/src/<id>.yaml).

A source is page set-up and a list of blocks (paragraphs in named styles, paragraph-level Jinja
tags, tables with row loops, page breaks, includes). Every paragraph is written as one run, so a
Jinja tag is never split across runs; a coordinator can still open the result in Word and edit it.
Page set-up and styles follow ГОСТ Р 7.0.97-2016: A4, margins 30/10/20/20 mm, Times New Roman 14 pt.

python-docx has no API for a page-number field, table borders, rows that repeat or do not break
across pages, east-Asian and complex-script fonts or the language of a style: those few elements
are written with ``docx.oxml`` (``OxmlElement``, ``qn``) on the objects' XML elements.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx
import yaml
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from office_package import document_bytes
from template_files import FONT

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section
    from docx.styles.style import ParagraphStyle
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph

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
    "Table Section": (12, True, "left", 0, 0, 0, 0, True),
    "Stamp Wide": (14, False, "left", 0, 17.5, 0, 0, True),
    "Small": (10, False, "left", 0, 0, 0, 0, False),
    "End": (1, False, "left", 0, 0, 0, 0, False),
}


def _all_scripts_russian(style: ParagraphStyle) -> None:
    """Set the font for the east-Asian and complex scripts too, and the language ru-RU, on ``style``."""
    properties = style.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), "ru-RU")
    lang.set(qn("w:eastAsia"), "ru-RU")


def _setup_styles(document: Document) -> None:
    """Set «Normal» to Times New Roman 14 pt, single-spaced, and add the named paragraph styles."""
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _all_scripts_russian(normal)
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


def _setup_page(document: Document, page: dict[str, Any]) -> None:
    """Set A4 and the margins of the only section, portrait unless ``page`` says landscape."""
    section = document.sections[0]
    if _orient(section, page):
        section.different_first_page_header_footer = False
    section.top_margin = Mm(page.get("top", 20))
    section.bottom_margin = Mm(page.get("bottom", 20))
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    if page.get("page_numbers", True):
        _page_number_header(section)


def _section(document: Document, page: dict[str, Any]) -> None:
    """Start a new section on a new page, e.g. landscape pages for a table of many columns and back.

    The new section keeps the page numbers of the first (its header is linked to the previous one)
    and numbers its own first page too.
    """
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _orient(section, page)
    section.different_first_page_header_footer = False


def _orient(section: Section, page: dict[str, Any]) -> bool:
    """Set A4 portrait or landscape (``orientation``) and the side margins; return whether landscape."""
    landscape = page.get("orientation") == "landscape"
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.left_margin = Mm(page.get("left", 30 if not landscape else 20))
    section.right_margin = Mm(page.get("right", 10 if not landscape else 15))
    return landscape


def _page_number_header(section: Section) -> None:
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


def _paragraph(
    document: Document, text: str, style: str, *, bold: bool | None = None, keep: bool | str = False
) -> None:
    """Add a paragraph of one run; ``keep`` keeps it on the page of the next one (:func:`_keep`)."""
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(text)
    if bold is not None:
        run.bold = bold
    _keep(paragraph, keep)


def _keep(paragraph: Paragraph, keep: bool | str) -> None:
    """Keep ``paragraph`` with the next one: always (``True``), or when the Jinja test ``keep`` holds.

    A test such as ``loop.last`` keeps only the last paragraph or row a loop makes with what follows
    (the last clause of an order with its signature, the last row of a plan with the sign-off):
    the element's ``w:val`` is rendered on or off.
    """
    if not keep:
        return
    paragraph.paragraph_format.keep_with_next = True
    if isinstance(keep, str):
        paragraph._p.pPr.keepNext.set(qn("w:val"), "{{ 'on' if " + keep + " else 'off' }}")


def _borders(table: Table, visible: bool, *, top: bool = True) -> None:
    """Give ``table`` thin black borders around and between the cells, or none; ``top=False`` leaves the top edge open."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        shown = visible and (top or edge != "top")
        element.set(qn("w:val"), "single" if shown else "nil")
        if shown:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _row_properties(row: _Row, *, header: bool) -> None:
    """Keep ``row`` on one page; a header row is repeated at the top of every page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _cell_lines(document: Document, row: _Row, values: list[Any], *, style: str, aligns: list[str] | None) -> None:
    """Fill the cells of ``row`` with ``values``, a list of lines making one paragraph each."""
    for column, value in enumerate(values):
        cell = row.cells[column]
        lines = value if isinstance(value, list) else [value]
        first = cell.paragraphs[0]
        first.style = document.styles[style]
        first.add_run(str(lines[0]))
        if aligns:
            first.alignment = ALIGN[aligns[column]]
        for line in lines[1:]:
            extra = cell.add_paragraph(style=style)
            extra.add_run(str(line))
            if aligns:
                extra.alignment = ALIGN[aligns[column]]


def _table(document: Document, spec: dict[str, Any]) -> None:
    """Add a table: header rows, rows of cells, row-level Jinja tags and merged section rows."""
    widths: list[float] = spec["widths"]
    joined = spec.get("join_above", False)
    if joined:  # a hairline paragraph: LibreOffice would merge two tables that touch into one
        joint = document.add_paragraph(style="End")
        joint.paragraph_format.line_spacing = Pt(1)
    table = document.add_table(rows=0, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table, spec.get("borders", True), top=not joined)
    header_rows = spec.get("header", 0)
    aligns = spec.get("align", ["left"] * len(widths))
    for index, row_spec in enumerate(spec["rows"]):
        row = table.add_row()
        header = index < header_rows
        _row_properties(row, header=header)
        if isinstance(row_spec, dict) and "tr" in row_spec:
            # a row holding only a row-level Jinja tag: docxtpl drops the row and keeps the tag
            row.cells[0].paragraphs[0].add_run("{%tr " + row_spec["tr"] + " %}")
        elif isinstance(row_spec, dict) and "merge" in row_spec:
            # one cell across the whole table: a section title inside a table
            paragraph = row.cells[0].merge(row.cells[-1]).paragraphs[0]
            paragraph.style = document.styles[row_spec.get("style", "Table Section")]
            paragraph.add_run(str(row_spec["merge"]))
        else:
            style = "Table Head" if header else spec.get("style", "Table Text")
            _cell_lines(document, row, row_spec, style=style, aligns=None if header else aligns)
    last = table.rows[max(i for i, row in enumerate(spec["rows"]) if isinstance(row, list))]  # a loop's row
    for column, test in spec.get("merge_down", {}).items():
        _merge_down(last.cells[column], test)
    keep, keep_last = spec.get("keep", False), spec.get("keep_last", False)
    if keep or keep_last:  # a sign-off held together, or a table's last row held with what follows
        for row in table.rows if keep else [last]:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    _keep(paragraph, keep or keep_last)
    for row in table.rows:
        for column, width in enumerate(widths):
            row.cells[column].width = Cm(width)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    if spec.get("space_after", True):
        document.add_paragraph(style="Plain")


def _merge_down(cell: _Cell, test: str) -> None:
    """Merge ``cell`` of a loop's row with the cell above when the Jinja ``test`` holds (a repeated deadline).

    The cell starts a vertical merge (``restart``) or continues the one above (``continue``), so a
    value that repeats down a column is printed once in a tall cell, as seed 002 prints its deadlines.
    """
    merge = OxmlElement("w:vMerge")
    merge.set(qn("w:val"), "{{ 'continue' if " + test + " else 'restart' }}")
    cell._tc.get_or_add_tcPr().append(merge)


def _blocks(document: Document, blocks: list[dict[str, Any]], folder: Path) -> None:
    """Add ``blocks`` to the document; an ``include`` names a fragment in ``folder``."""
    for block in blocks:
        if "include" in block:
            included = yaml.safe_load((folder / block["include"]).read_text(encoding="utf-8"))
            _blocks(document, included["blocks"], folder)
        elif "p" in block:
            _paragraph(
                document, block["p"], block.get("style", "Body"), bold=block.get("bold"), keep=block.get("keep", False)
            )
        elif "jinja" in block:
            _paragraph(document, "{%p " + block["jinja"] + " %}", "Plain")
        elif "table" in block:
            _table(document, block["table"])
        elif "section" in block:
            _section(document, block["section"])
        elif "page_break" in block:
            document.add_paragraph(style="Plain").add_run().add_break(WD_BREAK.PAGE)
        else:
            raise ValueError(f"unknown block {block!r}")


def build(source: Path) -> bytes:
    """Return the bytes of the Word template built from the YAML ``source``."""
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    document = docx.Document()
    _setup_styles(document)
    _setup_page(document, spec.get("page", {}))
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):  # the blank document's empty paragraph
        body.remove(paragraph)
    _blocks(document, spec["blocks"], source.parent)
    core = document.core_properties
    core.author = "nastavnik-docs"
    core.title = spec.get("title", source.stem)
    core.last_modified_by = "nastavnik-docs"
    core.revision = 1
    return document_bytes(document)
