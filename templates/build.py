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
XLSX_OUTPUT = HERE / "xlsx"
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
    "Table Section": (12, True, "left", 0, 0, 0, 0, True),
    "Stamp Wide": (14, False, "left", 0, 17.5, 0, 0, True),
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
    if landscape:
        section.different_first_page_header_footer = False
    section.left_margin = Mm(page.get("left", 30 if not landscape else 20))
    section.right_margin = Mm(page.get("right", 10 if not landscape else 15))
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
        if isinstance(row_spec, dict) and "merge" in row_spec:
            # one cell across the whole table: a section title inside a table
            merged = row.cells[0].merge(row.cells[-1])
            paragraph = merged.paragraphs[0]
            paragraph.style = document.styles[row_spec.get("style", "Table Section")]
            paragraph.add_run(str(row_spec["merge"]))
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


# Excel: named cell styles (font size, bold, horizontal alignment, fill, border, italic)
XLSX_STYLES: dict[str, tuple[float, bool, str, str | None, bool, bool]] = {
    "title": (14, True, "center", None, False, False),
    "subtitle": (12, False, "center", None, False, False),
    "header": (11, True, "center", "D9D9D9", True, False),
    "section": (11, True, "left", "EDEDED", True, False),
    "cell": (11, False, "left", None, True, False),
    "number": (11, False, "center", None, True, False),
    "input": (11, False, "center", "FFF2CC", True, False),
    "formula": (11, True, "center", "E2EFDA", True, False),
    "total": (11, True, "left", "E2EFDA", True, False),
    "label": (11, True, "left", None, False, False),
    "text": (11, False, "left", None, False, False),
    "note": (10, False, "left", None, False, True),
}


def _xlsx_style(cell: Any, name: str, align: str | None = None) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    size, bold, horizontal, fill, border, italic = XLSX_STYLES[name]
    cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
    cell.alignment = Alignment(horizontal=align or horizontal, vertical="top" if name != "header" else "center", wrap_text=True)
    if fill:
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    if border:
        side = Side(style="thin", color="000000")
        cell.border = Border(left=side, right=side, top=side, bottom=side)


def build_xlsx(source: Path) -> bytes:
    """Return the bytes of the Excel template built from the YAML ``source``."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.properties import PageSetupProperties

    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    if spec.get("layout") == "register":
        return build_register(spec)
    if "extends" in spec:  # the layout of another source, with its own title and sheet names
        base = yaml.safe_load((source.parent / spec["extends"]).read_text(encoding="utf-8"))
        for sheet, title in zip(base["sheets"], spec.get("sheet_titles", []), strict=False):
            sheet["title"] = title
        spec = {**base, "title": spec.get("title", base.get("title"))}
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_spec in spec["sheets"]:
        sheet = workbook.create_sheet(sheet_spec["title"])
        widths = sheet_spec["columns"]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        template_row = None
        for number, row in enumerate(sheet_spec["rows"], start=1):
            cells = row.get("cells", [])
            style = row.get("style")
            aligns = row.get("align", [])
            span = len(widths) if row.get("merge") else len(cells)
            for column in range(1, max(span, len(cells)) + 1):
                cell = sheet.cell(number, column)
                if column <= len(cells):
                    cell.value = cells[column - 1]
                if style:
                    styles = style if isinstance(style, list) else [style] * max(span, len(cells))
                    if column <= len(styles) and styles[column - 1]:
                        _xlsx_style(cell, styles[column - 1], aligns[column - 1] if column <= len(aligns) else None)
            if row.get("merge") and len(widths) > 1:
                sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=len(widths))
            if "height" in row:
                sheet.row_dimensions[number].height = row["height"]
            if row.get("template"):
                template_row = number
            for column_letter in row.get("unlocked", []):
                from openpyxl.styles import Protection

                sheet[f"{column_letter}{number}"].protection = Protection(locked=False)
        for rule in sheet_spec.get("validations", []):
            validation = DataValidation(
                type=rule["type"],
                operator=rule.get("operator"),
                formula1=str(rule["formula1"]) if "formula1" in rule else None,
                formula2=str(rule["formula2"]) if "formula2" in rule else None,
                allow_blank=True,
                showErrorMessage=True,
                showInputMessage="prompt" in rule,
                errorTitle=rule.get("error_title"),
                error=rule.get("error"),
                promptTitle=rule.get("prompt_title"),
                prompt=rule.get("prompt"),
            )
            row_number = template_row if rule.get("row", "template") == "template" else rule["row"]
            validation.add(f"{rule['column']}{row_number}")
            sheet.add_data_validation(validation)
        if "freeze" in sheet_spec:
            sheet.freeze_panes = sheet_spec["freeze"]
        if "print_titles" in sheet_spec:
            sheet.print_title_rows = sheet_spec["print_titles"]
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = sheet_spec.get("orientation", "landscape")
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.page_margins.left = 0.79  # 20 mm, inches
        sheet.page_margins.right = 0.39
        sheet.page_margins.top = 0.79
        sheet.page_margins.bottom = 0.79
        sheet.print_options.horizontalCentered = True
        sheet.oddFooter.center.text = "&P / &N"
        if sheet_spec.get("protect"):
            sheet.protection.sheet = True
            sheet.protection.formatColumns = False
            sheet.protection.formatRows = False
    workbook.properties.creator = "nastavnik-docs"
    workbook.properties.title = spec.get("title", source.stem)
    workbook.properties.created = workbook.properties.modified = dt.datetime(*FIXED_TIME)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _normalised_zip(buffer.getvalue())


def _normalised_zip(data: bytes) -> bytes:
    """Return the package with fixed member times, so that a rebuild gives identical bytes."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _fixed_modified(content)
            target.writestr(member, content)
    return output.getvalue()


def _fixed_modified(core: bytes) -> bytes:
    """Return core.xml with the fixed time as «modified»: openpyxl stamps the time of saving."""
    text = core.decode("utf-8")
    start = text.find("<dcterms:modified")
    if start < 0:
        return core
    opening_end = text.find(">", start) + 1
    closing = text.find("</dcterms:modified>", opening_end)
    stamp = "%04d-%02d-%02dT%02d:%02d:%02dZ" % FIXED_TIME
    return (text[:opening_end] + stamp + text[closing:]).encode("utf-8")


def sources() -> list[Path]:
    """Return the Word template sources (files starting with «_» are fragments for ``include``)."""
    return sorted(p for p in SOURCES.glob("*.yaml") if not p.name.startswith("_") and not p.name.endswith(".xlsx.yaml"))


def xlsx_sources() -> list[Path]:
    """Return the Excel template sources (``<id>.xlsx.yaml``)."""
    return sorted(SOURCES.glob("*.xlsx.yaml"))


def output_of(source: Path) -> Path:
    """Return the template file built from ``source``."""
    if source.name.endswith(".xlsx.yaml"):
        return XLSX_OUTPUT / source.name.removesuffix(".yaml")
    return OUTPUT / f"{source.stem}.docx"


def build_any(source: Path) -> bytes:
    """Return the bytes of the Word or Excel template built from ``source``."""
    return build_xlsx(source) if source.name.endswith(".xlsx.yaml") else build(source)


PACKAGE = HERE.parent / "nastavnik_docs"


def build_register(spec: dict[str, Any]) -> bytes:
    """Return the blank register workbook laid out by ``nastavnik_docs/content/register.yaml``."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.properties import PageSetupProperties

    layout = yaml.safe_load((PACKAGE / "content" / "register.yaml").read_text(encoding="utf-8"))
    forms = [f["title"] for f in yaml.safe_load((PACKAGE / "content" / "forms.yaml").read_text(encoding="utf-8"))]
    first = layout["first_data_row"]
    last = first + spec.get("rows", 1000) - 1
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_spec in layout["sheets"].values():
        sheet = workbook.create_sheet(sheet_spec["title"])
        columns = sheet_spec["columns"]
        sheet.cell(1, 1, sheet_spec["note"])
        _xlsx_style(sheet.cell(1, 1), "note")
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=min(len(columns), 12))
        sheet.row_dimensions[1].height = 32
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.get("width", 14)
            header = sheet.cell(2, index, column["header"])
            _xlsx_style(header, "header")
            explain = sheet.cell(3, index, column.get("explain", ""))
            _xlsx_style(explain, "note")
            if column.get("explain"):
                header.comment = Comment(column["explain"], "nastavnik-docs")
            rule = None
            if column.get("kind") == "date":
                rule = DataValidation(type="date", operator="greaterThan", formula1="DATE(1900,1,1)",
                                      error="Введите дату ДД.ММ.ГГГГ.", errorTitle=column["header"], showErrorMessage=True)
                for row in range(first, last + 1):
                    sheet.cell(row, index).number_format = "DD.MM.YYYY"
            elif "list" in column or column.get("list_from") == "forms":
                values = column.get("list") or forms
                rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"',
                                      error="Выберите значение из списка.", errorTitle=column["header"], showErrorMessage=True)
            if rule is not None:
                rule.add(f"{letter}{first}:{letter}{last}")
                sheet.add_data_validation(rule)
        sheet.row_dimensions[2].height = 32
        sheet.freeze_panes = f"C{first}"
        sheet.print_title_rows = "2:2"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        # a register is a table to fill in, not a page: up to three sheets of paper across, still legible
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.fitToWidth = 3 if len(columns) > 12 else 1
        sheet.page_setup.fitToHeight = 0
    workbook.properties.creator = "nastavnik-docs"
    workbook.properties.title = layout["title"]
    workbook.properties.created = workbook.properties.modified = dt.datetime(*FIXED_TIME)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _normalised_zip(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    stale = []
    for source in [*sources(), *xlsx_sources()]:
        target = output_of(source)
        data = build_any(source)
        if args.check:
            if not target.is_file() or target.read_bytes() != data:
                stale.append(target.name)
        else:
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(data)
            print(f"built {target.relative_to(HERE.parent)}")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run python templates/build.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
