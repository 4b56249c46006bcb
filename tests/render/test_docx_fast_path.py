"""The fast Word path gives docxtpl's own document, and takes docxtpl's path where it cannot.

Every Word template of every kit is rendered both ways from the bundled sample data; small
templates made here with python-docx pin the fence: a picture in a loop, a column loop, Jinja in
the document properties or a header send a template to docxtpl, a plain one stays fast.
"""

from __future__ import annotations

import functools
import io
import struct
import zlib
from collections.abc import Callable
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from readback import docx_text

from nastavnik_docs.documents import KITS, document_links, get_document
from nastavnik_docs.documents.spec import own_context
from nastavnik_docs.io.templates import read_template
from nastavnik_docs.produce import sample_input
from nastavnik_docs.render.docx import PreparedDocx, prepare_docx, render_docx, render_docx_plain
from nastavnik_docs.ru.filenames import unique_file_names

PROPERTIES = (
    "author", "title", "subject", "comments", "identifier", "language",
    "keywords", "last_modified_by", "revision", "created", "modified",
)  # fmt: skip
JINJA_MARKS = ("{{", "{%", "}}", "%}")

# --- the bundled templates ---------------------------------------------------------------------

KIT_OF = {
    document_id: kit.name
    for kit in KITS.values()
    for document_id in kit.documents
    if "docx" in get_document(document_id).formats
}


@functools.cache
def kit_input(name: str) -> Any:
    """Return the bundled sample input of kit ``name``, built once per session."""
    return sample_input(name)


def template_name(document_id: str) -> str:
    return next(name for name in get_document(document_id).templates if name.endswith(".docx"))


@functools.cache
def contexts(document_id: str) -> tuple[dict[str, Any], ...]:
    """Return the contexts the kit renders the document with: one, or a few items of a batch.

    A batch gives its first two items and the first of every consent variant (adult, minor, child).
    """
    name = KIT_OF[document_id]
    kit, model = KITS[name], kit_input(name)
    spec = get_document(document_id)
    context = spec.build_context(model, {"documents": document_links(kit.documents, with_pdf=False)}, None)
    if spec.each is None:
        return (context,)
    items = [own_context(own) for _, own in unique_file_names(spec.each(model))]
    chosen = items[:2]
    variants: set[str] = set()
    for own in items:
        variant = own.get("consent", {}).get("variant")
        if variant is not None and variant not in variants:
            variants.add(variant)
            chosen.append(own)
    return tuple({**context, **own} for own in chosen)


def test_every_consent_variant_is_rendered() -> None:
    variants = {context["consent"]["variant"] for context in contexts("consent-pd")}
    assert variants == {"adult", "minor", "child"}


def open_docx(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def drawing_ids(document: Document) -> list[str]:
    return [drawing.get("id") for drawing in document.element.body.iter(qn("wp:docPr"))]


def grid_mismatches(document: Document) -> list[str]:
    """Return the rows whose cells (with their gridSpan) do not fill their table's w:gridCol count."""
    found = []
    for number, table in enumerate(document.element.body.iter(qn("w:tbl")), start=1):
        columns = len(table.xpath("./w:tblGrid/w:gridCol"))
        for row_number, row in enumerate(table.xpath("./w:tr"), start=1):
            width = sum(int(cell.xpath("string(./w:tcPr/w:gridSpan/@w:val)") or 1) for cell in row.xpath("./w:tc"))
            if width != columns:
                found.append(f"table {number} row {row_number}: {width} cells for {columns} grid columns")
    return found


def properties(document: Document) -> dict[str, Any]:
    return {name: getattr(document.core_properties, name) for name in PROPERTIES}


@pytest.mark.parametrize("document_id", sorted(KIT_OF))
def test_bundled_template_renders_as_docxtpl_does_on_the_fast_path(document_id: str) -> None:
    name = template_name(document_id)
    source = read_template(name)
    assert prepare_docx(source, name=name).fast, prepare_docx(source, name=name).fallback
    for context in contexts(document_id):
        fast, plain = render_docx(source, context, name=name), render_docx_plain(source, context, name=name)
        fast_document, plain_document = open_docx(fast), open_docx(plain)
        text = docx_text(fast)
        assert text == docx_text(plain)
        assert any(line.strip() for line in text)
        assert not [line for line in text if any(mark in line for mark in JINJA_MARKS)]
        ids = drawing_ids(fast_document)
        assert len(ids) == len(set(ids))
        assert grid_mismatches(fast_document) == []
        assert properties(fast_document) == properties(plain_document)


# --- small templates made here ---------------------------------------------------------------------


def png() -> bytes:
    """Return a 1×1 white PNG: signature, IHDR, IDAT and IEND chunks."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1×1, 8 bits, RGB
    pixels = zlib.compress(b"\x00\xff\xff\xff")  # filter byte, one pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def picture(paragraph: Any) -> None:
    paragraph.add_run().add_picture(io.BytesIO(png()), width=Pt(12))


def made(build: Callable[[Document], None]) -> bytes:
    """Return a template: a new python-docx document with a title paragraph, then ``build``'s content."""
    document = docx.Document()
    document.add_paragraph("Отчёт {{ org }}")
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def table(document: Document, rows: list[list[str]]) -> Any:
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, texts in zip(grid.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    return grid


def pictures_in_paragraph_loop(document: Document) -> None:
    document.add_paragraph("{%p for x in items %}")
    paragraph = document.add_paragraph("{{ x }} ")
    picture(paragraph)
    document.add_paragraph("{%p endfor %}")


def pictures_in_row_loop(document: Document) -> None:
    grid = table(document, [["{%tr for x in items %}", ""], ["{{ x }}", ""], ["{%tr endfor %}", ""]])
    picture(grid.cell(1, 1).paragraphs[0])


def column_loop(document: Document) -> None:
    table(
        document,
        [
            ["Год", "{%tc for y in years %}", "{{ y }}", "{%tc endfor %}"],
            ["План", "{%tc for y in years %}", "{{ y * 10 }}", "{%tc endfor %}"],
        ],
    )


def condition_across_cells(document: Document) -> None:
    table(document, [["А", "Б{% if wide %}", "В", "{% endif %}Г"]])


def computed_colspan(document: Document) -> None:
    grid = table(document, [["", "", "В"]])  # one row: docxtpl fits the grid to it
    grid.cell(0, 0).merge(grid.cell(0, 1)).text = "{% colspan span %}Шапка"


def title_property(document: Document) -> None:
    document.core_properties.title = "Отчёт {{ org }}"
    document.core_properties.subject = "{{ items|length }} пунктов"


def header_field(document: Document) -> None:
    document.sections[0].header.paragraphs[0].text = "{{ org }}"


CONTEXT: dict[str, Any] = {"org": "МБОУ «СОШ № 12» & партнёры", "items": ["а", "б", "в"], "wide": False, "span": 1}


def renderings(source: bytes, context: dict[str, Any]) -> tuple[PreparedDocx, bytes, bytes]:
    """Return the prepared template, its fast-path rendering and docxtpl's own."""
    prepared = PreparedDocx(source, name="test.docx")
    return prepared, prepared.render(context), render_docx_plain(source, context, name="test.docx")


@pytest.mark.parametrize("build", [pictures_in_paragraph_loop, pictures_in_row_loop])
def test_picture_in_a_loop_gets_unique_drawing_ids(build: Callable[[Document], None]) -> None:
    source = made(build)
    prepared, fast, plain = renderings(source, CONTEXT)
    assert len(drawing_ids(open_docx(source))) == 1
    ids = drawing_ids(open_docx(fast))
    assert len(ids) == 3 and len(set(ids)) == 3
    assert ids == drawing_ids(open_docx(plain))
    assert docx_text(fast) == docx_text(plain)
    assert "drawing" in (prepared.fallback or "")


def test_picture_outside_loops_keeps_the_fast_path() -> None:
    prepared, fast, plain = renderings(made(lambda document: picture(document.add_paragraph("Герб"))), CONTEXT)
    assert prepared.fast
    assert len(drawing_ids(open_docx(fast))) == 1
    assert docx_text(fast) == docx_text(plain)


@pytest.mark.parametrize("years", [[2026], [2025, 2026, 2027, 2028, 2029]], ids=["narrower", "wider"])
def test_column_loop_gives_a_valid_table_with_docxtpls_cells(years: list[int]) -> None:
    prepared, fast, plain = renderings(made(column_loop), {**CONTEXT, "years": years})
    assert grid_mismatches(open_docx(fast)) == []
    assert docx_text(fast) == docx_text(plain)
    cells = ["Год", *(str(y) for y in years), "План", *(str(y * 10) for y in years)]
    assert docx_text(fast)[-len(cells) :] == cells
    assert "between table cells" in (prepared.fallback or "")


@pytest.mark.parametrize(
    ("build", "reason"),
    [(condition_across_cells, "across table cells"), (computed_colspan, "gridSpan")],
    ids=["condition-across-cells", "computed-colspan"],
)
def test_jinja_changing_a_rows_cells_takes_docxtpls_path(build: Callable[[Document], None], reason: str) -> None:
    prepared, fast, plain = renderings(made(build), CONTEXT)
    assert grid_mismatches(open_docx(fast)) == []
    assert docx_text(fast) == docx_text(plain)
    assert reason in (prepared.fallback or "")


def test_jinja_in_the_document_properties_is_rendered_as_docxtpl_does() -> None:
    prepared, fast, plain = renderings(made(title_property), CONTEXT)
    rendered = open_docx(fast).core_properties
    assert rendered.title.startswith("Отчёт МБОУ «СОШ\u00a0№\u00a012»")  # docxtpl writes the «&» escaped, as «&amp;»
    assert rendered.subject == "3 пунктов"
    assert properties(open_docx(fast)) == properties(open_docx(plain))
    assert prepared.fallback == "docProps/core.xml holds Jinja"


def test_jinja_in_a_header_is_rendered_as_docxtpl_does() -> None:
    prepared, fast, plain = renderings(made(header_field), CONTEXT)
    header = open_docx(fast).sections[0].header.paragraphs[0].text
    assert header == "МБОУ «СОШ\u00a0№\u00a012» & партнёры"  # a value keeps «СОШ № 12» on one line
    assert header == open_docx(plain).sections[0].header.paragraphs[0].text
    assert "header" in (prepared.fallback or "")


def plain_features(document: Document) -> None:
    document.add_paragraph("{%p if items %}")
    document.add_paragraph("Пунктов: {{ items|length }}")
    document.add_paragraph("{%p endif %}")
    table(
        document,
        [["№", "Пункт"], ["{%tr for x in items %}", ""], ["{{ loop.index }}", "{{ x }}"], ["{%tr endfor %}", ""]],
    )


def test_template_without_fenced_features_takes_the_fast_path() -> None:
    prepared, fast, plain = renderings(made(plain_features), CONTEXT)
    assert prepared.fast and prepared.fallback is None
    assert docx_text(fast) == docx_text(plain)
    assert docx_text(fast)[:2] == ["Отчёт МБОУ «СОШ\u00a0№\u00a012» & партнёры", "Пунктов: 3"]
    assert grid_mismatches(open_docx(fast)) == []


@pytest.mark.parametrize(
    "value",
    ["{_{ a }_}", "{_% if %_}", "подпись ____ {_{", "a_b _ __ %_}", "_{_{_", "без подчёркиваний", "_"],
)
def test_docxtpls_escaped_braces_are_undone_as_docxtpl_does(value: str) -> None:
    # the fast path looks for the escapes by their underscores (render/docx.py _has_literals): in the
    # template's own text (a signature line, an escape) and in the data, the text is docxtpl's
    for line in ("Подпись ________ {_{ не тег }_} {{ value }} ____", "Подпись ________ {{ value }} ____"):
        source = made(lambda document, line=line: document.add_paragraph(line))
        assert prepare_docx(source, name="escapes.docx").fast
        context = {"org": "МБОУ «СОШ № 1»", "value": value}
        fast = render_docx(source, context, name="escapes.docx")
        assert docx_text(fast) == docx_text(render_docx_plain(source, context, name="escapes.docx"))
        assert ("{{ не тег }}" in docx_text(fast)[1]) == ("{_{" in line)
