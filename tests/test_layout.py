"""Printed pages as a secretary sees them: every kind of Word document of the sample kits, converted by
LibreOffice in one call and read back with pdftotext (tests/layout.py holds the checks).

No line ends inside «№ N», a number and its unit, an act number or «СОШ № 12»; no word is split by a
narrow column; no last page holds only the signatures or next to nothing. One document of each batch.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from layout import broken_units, lonely_last_page, pdf_pages, plain, sample_files, split_words, vocabulary
from machine import needs_libreoffice
from readback import docx_text

from nastavnik_docs.documents import KITS, get_document
from nastavnik_docs.produce import build_document, sample_input
from nastavnik_docs.render.pdf import convert_to_pdf

pytestmark = [
    needs_libreoffice,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"),
]


LONGEST = "individual-plan"
"""The batch whose longest document is printed too: its sign-off must travel with the last rows."""


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    """Return document id → the PDF of its Word file (the first of a batch), all converted in one call."""
    folder = tmp_path_factory.mktemp("layout")
    sources = {}
    for document_id, data in sample_files("docx").items():
        sources[document_id] = folder / f"{document_id}.docx"
        sources[document_id].write_bytes(data)
    # and the plan with the most text: its table runs over two pages
    kit = next(kit for kit in KITS.values() if LONGEST in kit.documents)
    plans = [f for f in build_document(LONGEST, sample_input(kit.name)) if f.name.endswith(".docx")]
    longest = max(plans, key=lambda f: sum(len(line) for line in docx_text(f.data)))
    (path := folder / f"{LONGEST}-longest.docx").write_bytes(longest.data)
    sources[f"{LONGEST}-longest"] = path
    pdfs = convert_to_pdf(list(sources.values()), folder, timeout=600)
    return dict(zip(sources, pdfs, strict=True))


def test_every_kind_of_word_document_is_printed(printed):
    word = {d for kit in KITS.values() for d in kit.documents if "docx" in get_document(d).formats}
    assert set(printed) == word | {f"{LONGEST}-longest"}
    assert len(word) >= 30


def _faults(pdf: Path) -> list[str]:
    paragraphs = docx_text(pdf.with_suffix(".docx").read_bytes())
    pages = pdf_pages(pdf)
    lines = [line for page in pages for line in page]
    assert lines, f"{pdf.name}: no text in the PDF"
    return broken_units(lines, plain(paragraphs)) + split_words(lines, vocabulary(paragraphs)) + lonely_last_page(pages)


def test_no_line_breaks_inside_a_unit_no_split_word_no_lonely_last_page(printed):
    faults = {document_id: found for document_id, pdf in printed.items() if (found := _faults(pdf))}
    assert faults == {}


def test_the_checks_find_what_a_person_would_see():
    lines = ["приказ МБОУ «СОШ", "№ 12» от 2026", "г. о наставничестве", "Закон № 273-", "ФЗ", "наставничест", "ва"]
    source = plain(["приказ МБОУ «СОШ № 12» от 2026 г. о наставничестве", "Закон № 273\u2011ФЗ", "наставничества"])
    assert len(broken_units(lines, source)) == 3  # «СОШ⏎№», «2026⏎г.», «273-⏎ФЗ»
    assert broken_units(["№", "1"], plain(["№", "1"])) == []  # a cell «№» beside a cell «1» is no break
    assert split_words(lines, vocabulary(["наставничества"])) == ["слово разорвано: «наставничест⏎ва»"]
    signatures_only = [["Текст приказа " * 20], ["2", "Директор", "____________", "А. Б. Иванов"]]
    assert lonely_last_page(signatures_only)
    assert lonely_last_page([["Текст " * 50], ["3"]])  # a blank page but for its number
    assert not lonely_last_page([["Текст " * 50], ["Продолжение текста приказа " * 6, "Директор", "______"]])


@pytest.mark.parametrize("plan", [LONGEST, f"{LONGEST}-longest"])
def test_an_individual_plan_starts_its_table_on_page_one(printed, plan):
    """Page 1 holds the heading, the header row and the whole first row; the last rows go with the signatures."""
    pdf = printed[plan]
    document = docx.Document(pdf.with_suffix(".docx"))
    rows = [row for t in document.tables if len(t.columns) == 5 for row in t.rows]  # the table and its kept tail
    assert rows[0].cells[0].text == "№ п/п"
    number, content, deadline = (rows[1].cells[i].text.replace("\u00a0", " ") for i in range(3))
    pages = pdf_pages(pdf)
    first = [" ".join(line.split()) for line in pages[0]]
    assert "План мероприятий" in first and "№" in first
    # the row cannot split: its number, the last word of its activity and its deadline are all on page 1
    assert any(line == number or line.startswith(f"{number} ") for line in first)
    assert deadline in first and content.split()[-1] in " ".join(first)
    if plan.endswith("-longest"):
        assert len(pages) >= 3  # the case the rule is for: the table runs on past page 2
        last = [" ".join(line.split()) for line in pages[-1]]
        last_number = rows[-1].cells[0].text
        # the last activity is on the page of the signatures
        assert any(line == last_number or line.startswith(f"{last_number} ") for line in last)
        assert not lonely_last_page(pages)
