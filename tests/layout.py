"""Reading a printed page back: what pdftotext shows of a Word document converted by LibreOffice.

Each check returns the faults it found as short strings (the document's lines around the break),
so a failing test names the place; an empty list is a page a secretary can print as it comes.
"""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

from nastavnik_docs.documents import KITS, get_document
from nastavnik_docs.produce import build_document, sample_input

# a break after «№», between a number and its unit, inside a hyphenated act number,
# or between an organisation's abbreviation and its «№ N»
_UNITS = r"(?:%|г\.|гг\.|года?\b|году\b|лет\b|ч\.|чел\.|руб\.|«[А-ЯЁ]»)"
_LINE_END_FAULTS = (
    ("«№» в конце строки", re.compile(r"№$"), re.compile(r"^\d")),
    ("число и единица разорваны", re.compile(r"\d$"), re.compile(r"^" + _UNITS)),
    ("номер акта разорван на дефисе", re.compile(r"[\dA-ZА-ЯЁ][-‐‑]$"), re.compile(r"^[\dA-ZА-ЯЁ]")),
    ("аббревиатура оторвана от «№»", re.compile(r"\b[А-ЯЁ]{2,}»?$"), re.compile(r"^№")),
)
WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+")
_SIGNATURE = re.compile(r"_{3,}|подпись|\(ФИО\)|М\.\s?П\.|^\s*«?_*»?\s*_*\s*20\d\d\s*г\.?\s*$", re.IGNORECASE)


def sample_files(extension: str) -> dict[str, bytes]:
    """Return document id → its first file ending in ``extension`` (``docx``, ``xlsx``) from the sample
    kits, for every kind of document made in that format: one of a batch is enough."""
    found = {}
    for kit in KITS.values():
        model = sample_input(kit.name)
        for document_id in kit.documents:
            if extension in get_document(document_id).formats:
                files = build_document(document_id, model)
                found[document_id] = next(f.data for f in files if f.name.endswith(f".{extension}"))
    return found


def pdf_pages(pdf: Path) -> list[list[str]]:
    """Return the text lines of every page of ``pdf`` (pdftotext, reading order)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    pages = text.decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]


def broken_units(lines: list[str], source: str) -> list[str]:
    """Return every line break that falls inside «№ N», a number and its unit, an act number or «СОШ № N».

    ``source`` is the document's text as written (:func:`plain`): a break counts only where the two
    pieces stand together in one paragraph there, not where one table cell ends and the next begins.
    """
    faults = []
    for line, following in itertools.pairwise(lines):
        tail, head = line.split()[-1], following.split()[0]
        if f"{tail} {head}" not in source and f"{tail}{head}" not in source:
            continue
        for name, end, start in _LINE_END_FAULTS:
            if end.search(line) and start.search(following):
                faults.append(f"{name}: «{line[-30:]}⏎{following[:30]}»")
    return faults


def plain(paragraphs: list[str]) -> str:
    """Return a document's paragraphs as one text, no-break spaces and hyphens as ordinary ones."""
    return "\n".join(paragraphs).replace("\u00a0", " ").replace("\u2011", "-")


def split_words(lines: list[str], vocabulary: set[str]) -> list[str]:
    """Return every word a narrow column split without a hyphen: «наставничест⏎ва».

    ``vocabulary`` holds the words of the document as written (lower case); a line that ends in a
    piece which is not a word, followed by a line whose first piece completes one, is a split.
    """
    faults = []
    for line, following in itertools.pairwise(lines):
        head, tail = WORD.findall(line[-40:]), WORD.findall(following[:40])
        if not head or not tail or not re.search(r"[А-Яа-яЁё]$", line) or not re.match(r"[А-Яа-яЁё]", following):
            continue
        piece, rest = head[-1].lower(), tail[0].lower()
        if piece not in vocabulary and (piece + rest) in vocabulary:
            faults.append(f"слово разорвано: «{line[-30:]}⏎{following[:30]}»")
    return faults


def lonely_last_page(pages: list[list[str]]) -> list[str]:
    """Return a fault when the last page holds only the signatures, or next to nothing (a row, a note).

    Only the signatures: besides the signature lines, a short line or two for each (a role, a name). Next to
    nothing: fewer than ``_LAST_PAGE_TEXT`` characters besides the signatures and the page number.
    """
    if len(pages) < 2:
        return []
    last = [line for line in pages[-1] if not re.fullmatch(r"[\d\s.,–—-]*", line)]
    text = [line for line in last if not _SIGNATURE.search(line)]
    signatures = len(last) - len(text)
    # a role and a name beside each signature line, nothing more
    only_signatures = (
        signatures > 0 and len(text) <= 2 * signatures + 1 and all(len(line) <= _SIGN_OFF_LINE for line in text)
    )
    if only_signatures or sum(len(line) for line in text) < _LAST_PAGE_TEXT:
        return [f"последняя страница почти пуста: {' | '.join(last)[:160]}"]
    return []


_SIGN_OFF_LINE = 40  # a role or a name beside a signature line
_LAST_PAGE_TEXT = 120  # about two lines of text


def vocabulary(paragraphs: list[str]) -> set[str]:
    """Return the words (lower case) of a document's paragraphs."""
    return {word.lower() for text in paragraphs for word in WORD.findall(text)}
